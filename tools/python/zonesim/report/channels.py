"""Section "Channels": targeted offers, moves, cooperation agreements and the budget split."""
from .. import names
from .numbers import BUDGETS, CHANNELS
from .page import comparison_table, figure, section
from .text import years_text


def section_channels(ctx):
    num = ctx["num"]
    if not num.has("channels"):
        return section("channels", "Channels", "作用渠道", "<p>The file has none of the channel variables.</p>")
    from .. import plots
    import pandas as pd
    have = [c["metric"] for c in num.json["channels"]["comparisons"]]
    counts = [m for m in CHANNELS if m in have]
    budgets = [m for m in BUDGETS if m in have]
    body = ["<p>Targeted offers (poaching), the moves they won, cooperation agreements and the governments' "
            "discretionary budgets, from <code>zonesim compare --cumulative</code>: flows summed over the years, "
            "levels (agreements in force) at the last year, as each column says. Paired differences from the "
            "reference with their 95% intervals; <span class=\"moved\">bold</span> where the interval excludes 0, "
            "<span class=\"nd\">grey</span> where it covers 0 (a channel is neither good nor bad in itself).</p>"]
    if counts:
        body.append(comparison_table(num, "channels", counts, ctx["labels"], judge=False))
    if budgets:
        body.append(comparison_table(num, "channels", budgets, ctx["labels"], judge=False))
        ref = num.reference_row("channels", budgets[0])
        order = ([ref["label"]] if ref else []) + ctx["labels"]
        split = pd.DataFrame({m: [num.row("channels", m, label)["mean"] for label in order] for m in budgets},
                             index=order)
        c = num.comp("channels", budgets[0])
        years = years_text(c, c["year"])
        fig = plots.plot_stacked(split, budgets, [names.metric_en(m).replace("budget: ", "") for m in budgets],
                                 xlabel=f"discretionary budget, summed over {years} ({c['units']})",
                                 title="budget split of all zones' governments, mean over replicates")
        body.append(figure(fig, "budget split", f"How the zones' governments split their budgets, {years}."))
    return section("channels", "Channels", "作用渠道", "\n".join(body))
