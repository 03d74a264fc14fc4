"""Display names, English and Chinese, of the schemes of scenarios/sweeps/schemes.yaml and of the metrics the
report shows. The Chinese terms are those of the articles quoted in docs/mechanisms/*.md; a name not listed here
is shown as it is in the file."""

# name -> (English, Chinese). A name means one thing in the YAML, the file and here, so the schemes and the
# metrics share the table.
NAMES = {
    # the schemes
    "baseline": ("Baseline", "基准"),
    "cross_holding": ("Cross-holding", "交叉持股"),
    "one_plus_n": ('"1+N" networks', '"1+N"合作网络'),
    "output_sharing": ("Output sharing", "产值分成"),
    "transfer_payments": ("Transfer payments", "转移支付"),
    "one_plus_n_with_transfers": ('"1+N" with transfers', '"1+N"+转移支付'),
    "synergy_fund": ("Synergy fund", "协同大基金"),
    "central_pilot": ("Central pilot", "中央试点"),
    "evaluation_reform": ("Evaluation reform", "考评体系改革"),
    "strategic_bureau": ("Strategic innovation bureau", "战略创新局"),
    "competing_parks": ("Competing parks", "其他园区竞争"),
    "digital_shift": ("Digital shift", "数字化转型"),
    "all_schemes": ("All schemes", "全部方案"),
    "cheap_relocation": ("Cheap relocation", "低迁移成本"),
    "no_relocation": ("No relocation", "无迁移"),
    "more_entry": ("More entry", "更多新企业"),
    "talent_led_entry": ("Talent-led entry", "人才引领的进入"),
    # the metrics
    "top10_share_gdp": ("top-10 share of GDP", "前十园区GDP占比"),
    "theil_t_gdp": ("Theil T of GDP", "GDP泰尔指数"),
    "theil_between_gdp": ("between-province Theil T", "省际泰尔指数"),
    "theil_within_gdp": ("within-province Theil T", "省内泰尔指数"),
    "gini_gdp": ("Gini of GDP", "GDP基尼系数"),
    "total_gdp": ("total GDP", "GDP总量"),
    "gdp": ("GDP", "GDP"),
    "total_public_cost": ("public cost", "公共支出"),
    "total_subsidy": ("subsidies", "补贴"),
    "total_external_funds": ("external funds", "外部资金"),
    "total_poaching_offers": ("targeted offers (poaching)", "定向招商报价"),
    "total_poaching_moves": ("moves on targeted offers", "定向招商迁入"),
    "total_cooperation_agreements": ("cooperation agreements in force", "合作协议"),
    "total_cooperation_proposals": ("cooperation proposals", "合作提议"),
    "total_budget_subsidies": ("budget: subsidies and offers", "预算:补贴"),
    "total_budget_services": ("budget: services", "预算:服务"),
    "total_budget_land": ("budget: land and infrastructure", "预算:土地"),
    "total_budget_talent": ("budget: talent", "预算:人才"),
    "total_budget_cooperation": ("budget: cooperation", "预算:协作"),
}


def _names(name, unknown):
    """(English, Chinese) of `name`; (unknown, "") when it is not listed."""
    return NAMES.get(str(name), (unknown, ""))


def _label(en, zh, chinese, sep):
    return f"{en}{sep}{zh}" if chinese and zh else en


def scheme_en(name):
    """The English display name of a scheme (the raw name when unknown)."""
    return _names(name, str(name))[0]


def scheme_zh(name):
    """The Chinese display name of a scheme ("" when unknown)."""
    return _names(name, "")[1]


def scheme_label(name, chinese=True, sep=" "):
    """"Transfer payments 转移支付"; the raw name for a scheme not listed (e.g. a grid's scenario label)."""
    return _label(*_names(name, str(name)), chinese, sep)


def metric_en(metric):
    return _names(metric, metric.replace("_", " "))[0]


def metric_zh(metric):
    return _names(metric, "")[1]


def metric_label(metric, chinese=True):
    """"Theil T of GDP GDP泰尔指数"; the metric with spaces for underscores when not listed."""
    return _label(*_names(metric, metric.replace("_", " ")), chinese, " ")


def place_label(en, zh):
    """"Beijing 北京" (English first; the Chinese name only when the file has one that differs)."""
    en, zh = str(en or ""), str(zh or "")
    return f"{en} {zh}" if zh and zh != en else en
