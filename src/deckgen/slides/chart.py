"""Charts: the data, theme colours, number format and type size a native chart is drawn with."""
from __future__ import annotations

from ..design import Design
from ..media import ChartSpec
from ..plan import Box, Chart, ChartSeries, inches


def number_format(spec: ChartSpec) -> str:
    """An Excel number format: thousands grouped, as many decimals as the data has (at most two), the unit."""
    decimals = 0
    for s in spec.series:
        for v in s.values:
            text = f"{v:.2f}".rstrip("0").rstrip(".")
            decimals = max(decimals, len(text.split(".")[1]) if "." in text else 0)
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    if spec.unit:
        fmt += '"' + spec.unit.replace('"', "") + '"'
    return fmt


def value_text(v: float, spec: ChartSpec) -> str:
    text = f"{v:,.2f}".rstrip("0").rstrip(".")
    return text + (spec.unit or "")


def chart_alt(spec: ChartSpec, title: str, label) -> str:
    """The author's alt text, else the chart's kind and every value (screen readers read data, not bars);
    `label` gives the words and punctuation of the deck's language (Design.label)."""
    if spec.alt:
        return spec.alt
    colon = label("colon")
    parts = []
    for s in spec.series:
        values = ", ".join(f"{c} {value_text(v, spec)}" for c, v in zip(spec.categories, s.values))
        parts.append(f"{s.name}{colon}{values}")
    text = label("chart_alt", title=spec.title or title, kind=label(f"chart_{spec.type}"),
                 items=label("clause_separator").join(parts))
    return text if len(text) <= 1000 else text[:999] + "…"


def plan_chart(spec: ChartSpec, area: Box, d: Design, *, title: str) -> list:
    """The chart filling `area` (its own title above it, when it has one)."""
    elements = []
    if spec.title:
        head = Box(area.x, area.y, area.w, inches(0.45))
        elements.append(d.simple_text(spec.title, head, d.size("small"), d.colour("primary"), bold=True,
                                      name="Chart title", loc=spec.loc, min_size=d.size("caption"), anchor="ctr"))
        area = area.below(head.h, inches(0.05))
    round_kind = spec.type in ("pie", "doughnut")
    series = tuple(ChartSeries(s.name, s.values, d.accent(i)) for i, s in enumerate(spec.series))
    body = d.theme.fonts["body"]
    point_count = len(spec.categories) * len(spec.series)
    # values on the chart when few enough to read; lines crossing each other would hide them
    data_labels = round_kind or (point_count <= 12 and not (spec.type == "line" and len(series) > 1))
    # labels inside stacked bars and doughnut slices start in the light text colour; legibility.readable
    # turns each one dark (or a shade) where its fill needs it
    inside = {"stacked": len(series), "doughnut": len(spec.categories)}.get(spec.type, 0) if data_labels else 0
    elements.append(Chart(
        name="Chart", box=area, kind=spec.type, categories=spec.categories, series=series,
        number_format=number_format(spec), latin=body.latin, ea=body.ea, size=d.size("caption") + 2,
        text=d.colour("text"), grid=d.colour("line"), background=d.colour("background"), legend=round_kind or len(series) > 1,
        data_labels=data_labels, lang=_chart_lang(d.language),
        point_colours=tuple(d.accent(i) for i in range(len(spec.categories))) if round_kind else (),
        alt=chart_alt(spec, title, d.label), label_colours=(d.colour("on_primary"),) * inside))
    return elements


def _chart_lang(code: str) -> str:
    """The language of the chart's own text (axis labels, legend): the deck's, en-US for English decks."""
    from ..languages import language
    return "en-US" if code == "en" else language(code).lang_tag
