#!/usr/bin/python3
"""One-off import of the zone list that the project started from (kept for the record, not run by the build).

usage: tools/data/import_zone_list.py ZONES_KNOWN.csv > data/zones_identified.csv

Reads the 176-row list of identified zones (GeoNames coordinates), drops Xiong'an (a provincial zone at end-2023,
upgraded to national level only in February 2026), adds the two zones found in the State Council replies of
December 2022 (Xuchang, Ningxiang), and gives each zone an English name, the host city in pinyin and its
approval year where it is known. Sources are in data/README.md.
"""
import csv
import sys

SPECIAL_EN = {
    "中关村科技园区": "Zhongguancun Science Park",
    "天津滨海高新技术产业开发区": "Tianjin Binhai High-tech Zone",
    "燕郊高新技术产业开发区": "Yanjiao High-tech Zone",
    "包头稀土高新技术产业开发区": "Baotou Rare Earth High-tech Zone",
    "呼和浩特金山高新技术产业开发区": "Hohhot Jinshan High-tech Zone",
    "大连高新技术产业园区": "Dalian High-tech Industrial Park",
    "长春净月高新技术产业开发区": "Changchun Jingyue High-tech Zone",
    "延吉高新技术产业开发区": "Yanji High-tech Zone",
    "通化医药高新技术产业开发区": "Tonghua Medicine High-tech Zone",
    "上海张江高新技术产业开发区": "Shanghai Zhangjiang High-tech Zone",
    "上海紫竹高新技术产业开发区": "Shanghai Zizhu High-tech Zone",
    "苏州工业园区": "Suzhou Industrial Park",
    "昆山高新技术产业开发区": "Kunshan High-tech Zone",
    "常熟高新技术产业开发区": "Changshu High-tech Zone",
    "江阴高新技术产业开发区": "Jiangyin High-tech Zone",
    "武进高新技术产业开发区": "Wujin High-tech Zone",
    "泰州医药高新技术产业开发区": "Taizhou Medical High-tech Zone",
    "萧山临江高新技术产业开发区": "Xiaoshan Linjiang High-tech Zone",
    "湖州莫干山高新技术产业开发区": "Huzhou Moganshan High-tech Zone",
    "马鞍山慈湖高新技术产业开发区": "Ma'anshan Cihu High-tech Zone",
    "铜陵狮子山高新技术产业开发区": "Tongling Shizishan High-tech Zone",
    "厦门火炬高技术产业开发区": "Xiamen Torch High-tech Zone",
    "九江共青城高新技术产业开发区": "Jiujiang Gongqingcheng High-tech Zone",
    "宜春丰城高新技术产业开发区": "Yichun Fengcheng High-tech Zone",
    "威海火炬高技术产业开发区": "Weihai Torch High-tech Zone",
    "莱芜高新技术产业开发区": "Laiwu High-tech Zone",
    "黄河三角洲农业高新技术产业示范区": "Yellow River Delta Agricultural High-tech Demonstration Zone",
    "武汉东湖新技术开发区": "Wuhan East Lake High-tech Zone",
    "黄石大冶湖高新技术产业开发区": "Huangshi Dayehu High-tech Zone",
    "深圳市高新技术产业园区": "Shenzhen High-tech Industrial Park",
    "中山火炬高技术产业开发区": "Zhongshan Torch High-tech Zone",
    "惠州仲恺高新技术产业开发区": "Huizhou Zhongkai High-tech Zone",
    "东莞松山湖高新技术产业开发区": "Dongguan Songshan Lake High-tech Zone",
    "源城高新技术产业开发区": "Yuancheng High-tech Zone",
    "璧山高新技术产业开发区": "Bishan High-tech Zone",
    "荣昌高新技术产业开发区": "Rongchang High-tech Zone",
    "永川高新技术产业开发区": "Yongchuan High-tech Zone",
    "攀枝花钒钛高新技术产业开发区": "Panzhihua Vanadium-Titanium High-tech Zone",
    "杨凌农业高新技术产业示范区": "Yangling Agricultural High-tech Demonstration Zone",
    "青海高新技术产业开发区": "Qinghai High-tech Zone",
    "新疆生产建设兵团石河子高新技术产业开发区": "Shihezi (XPCC) High-tech Zone",
    "阿克苏阿拉尔高新技术产业开发区": "Aksu-Alar High-tech Zone",
    "抚州高新技术产业开发区": "Fuzhou (Jiangxi) High-tech Zone",
}
# Host city in pinyin where the GeoNames place is a town of the city rather than the city itself.
CITY_EN = {"廊坊": "Langfang", "延边": "Yanbian", "苏州": "Suzhou", "无锡": "Wuxi", "常州": "Changzhou",
           "九江": "Jiujiang", "宜春": "Yichun", "济南": "Jinan", "东营": "Dongying", "黄石": "Huangshi",
           "河源": "Heyuan", "重庆": "Chongqing", "咸阳": "Xianyang", "阿克苏": "Aksu", "抚州": "Fuzhou (Jiangxi)"}
APPROVED = {  # zones upgraded after 2021: year of the State Council reply (data/README.md)
    "滁州高新技术产业开发区": 2022, "信阳高新技术产业开发区": 2022, "克拉玛依高新技术产业开发区": 2022,
    "遵义高新技术产业开发区": 2022, "拉萨高新技术产业开发区": 2022, "阿克苏阿拉尔高新技术产业开发区": 2023,
}
ADDED = [  # found in the State Council replies of December 2022 (data/README.md)
    dict(name_zh="许昌高新技术产业开发区", name_en="Xuchang High-tech Zone", province_zh="河南",
         province_en="Henan", city_zh="许昌", city_en="Xuchang", lat="34.03189", lon="113.86299",
         coord_source="GeoNames 1788046", approved_year="2022", in_2019="0"),
    dict(name_zh="宁乡高新技术产业开发区", name_en="Ningxiang High-tech Zone", province_zh="湖南",
         province_en="Hunan", city_zh="长沙", city_en="Changsha", lat="28.25", lon="112.55",
         coord_source="approximate, by hand (Ningxiang county seat)", approved_year="2022", in_2019="0"),
]
FIELDS = ["name_zh", "name_en", "province_zh", "province_en", "city_zh", "city_en", "lat", "lon", "coord_source",
          "approved_year", "in_2019"]


def main(path):
    rows = []
    for r in csv.DictReader(open(path, encoding="utf-8")):
        if r["name_zh"] == "河北雄安高新技术产业开发区":
            continue
        name = r["name_zh"]
        place = "Fuzhou (Jiangxi)" if r["city_zh"] == "抚州" else r["geonames_place"]
        rows.append(dict(name_zh=name, name_en=SPECIAL_EN.get(name, f"{place} High-tech Zone"),
                         province_zh=r["province_zh"], province_en=r["province_en"], city_zh=r["city_zh"],
                         city_en=CITY_EN.get(r["city_zh"], place), lat=r["lat"], lon=r["lon"],
                         coord_source=r["coord_source"], approved_year=str(APPROVED.get(name, "")),
                         in_2019=r["in_2019"]))
    rows += ADDED
    w = csv.DictWriter(sys.stdout, FIELDS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
