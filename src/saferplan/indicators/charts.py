"""Charts of an indicator: a matplotlib SVG for its page, a hand-made sparkline for lists.

The chart shows one kind of period (financial years when there are any,
else the months or quarters recorded) with the current target's baseline and
target as horizontal lines.  For counts charted by month or quarter, the
annual baseline and target are divided by 12 or 4 so they compare with the
points.  The page puts the same figures in a table beneath the chart, for
screen readers and for anyone who wants the numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape

from saferplan.indicators.forecast import is_additive
from saferplan.indicators.periods import PERIODS_IN_YEAR, Period, PeriodKind
from saferplan.indicators.rules import Unit, format_target, format_value

BLUE, BLACK, GREY, GREEN, LIGHT = "#1d70b8", "#0b0c0c", "#505a5f", "#00703c", "#b1b4b6"


@dataclass
class ChartData:
    unit: Unit
    kind: PeriodKind
    points: list[tuple[Period, Decimal]] = field(default_factory=list)
    baseline: Decimal | None = None
    target: Decimal | None = None
    target_year: str = ""
    per_period: bool = False  # baseline and target divided to one month or quarter
    forecast: Decimal | None = None  # the target year's run-rate forecast (yearly charts only)

    def line_label(self, what: str) -> str:
        if not self.per_period:
            return f"{what} {self.target_year}".strip()
        return f"{what} {self.target_year}, per {self.kind}".strip()

    def alt_text(self, name: str) -> str:
        """The chart in a sentence, pointing to the table that holds its figures."""
        text = f"Line chart of {name}"
        if self.points:
            text += f" from {self.points[0][0].label} to {self.points[-1][0].label}"
        if self.target is not None:
            text += f", with the baseline and target for {self.target_year}"
        if self.forecast is not None:
            text += " and the forecast"
        return text + ". The figures are in the table below."

    def rows(self) -> list[tuple[str, str]]:
        """(label, formatted value) for the table beneath the chart."""
        rows = [(p.label, format_value(v, self.unit)) for p, v in self.points]
        if self.baseline is not None:
            rows.append((self.line_label("Baseline for"), format_value(self.baseline, self.unit)))
        if self.target is not None:
            # A yearly target prints as the plan does (259, not 259.4); a month's share keeps
            # its decimals, or small counts would all round to the same line.
            shown = format_value if self.per_period else format_target
            rows.append((self.line_label("Target for"), shown(self.target, self.unit)))
        if self.forecast is not None:
            rows.append(
                (f"Forecast for {self.target_year}", format_target(self.forecast, self.unit))
            )
        return rows


def chart_data(
    unit: Unit,
    series: list[tuple[Period, Decimal]],
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    target_year: str = "",
    forecast: Decimal | None = None,
) -> ChartData:
    """Pick the period kind to chart and scale the baseline and target to it."""
    kinds = {p.kind for p, _ in series}
    if PeriodKind.YEAR in kinds or not kinds:
        kind = PeriodKind.YEAR
    else:
        kind = PeriodKind.MONTH if PeriodKind.MONTH in kinds else PeriodKind.QUARTER
    data = ChartData(unit=unit, kind=kind, target_year=target_year)
    data.points = [(p, v) for p, v in series if p.kind is kind]
    divide = PERIODS_IN_YEAR[kind] if is_additive(unit) else 1
    data.per_period = divide > 1
    data.baseline = None if baseline is None else baseline / divide
    data.target = None if target is None else target / divide
    charted = {p.label for p, _ in data.points}
    if kind is PeriodKind.YEAR and target_year not in charted:
        data.forecast = forecast
    return data


def render_svg(data: ChartData, *, title: str = "") -> bytes:
    """The chart as SVG text (fonts left as text, not paths, so it stays sharp and small)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    style = {
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.sans-serif": ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"],
        "font.size": 11,
        "axes.edgecolor": GREY,
        "axes.labelcolor": BLACK,
        "xtick.color": BLACK,
        "ytick.color": BLACK,
        "svg.hashsalt": "saferplan",  # the same figures give the same bytes
    }
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(8, 4), dpi=100)
        axes = figure.add_subplot()
        _draw(axes, data)
        if title:
            axes.set_title(title, loc="left", fontsize=12, color=BLACK)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue().encode("utf-8")


def _draw(axes, data: ChartData) -> None:
    positions = list(range(len(data.points)))
    values = [float(v) for _, v in data.points]
    all_values = [*values]
    if data.points:
        axes.plot(positions, values, color=BLUE, marker="o", linewidth=2.5, label="Recorded")
        for x, (_, v) in zip(positions, data.points, strict=True):
            axes.annotate(
                format_value(v, data.unit),
                (x, float(v)),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=9,
                color=BLACK,
            )
    if data.forecast is not None:
        x = len(positions)
        axes.plot(
            [x - 1, x] if positions else [x],
            [values[-1], float(data.forecast)] if positions else [float(data.forecast)],
            color=BLUE,
            linestyle=(0, (3, 3)),
            marker="o",
            markerfacecolor="white",
            markevery=[-1],
            linewidth=1.5,
            label=f"Forecast {data.target_year}",
        )
        axes.annotate(
            format_value(data.forecast, data.unit),
            (x, float(data.forecast)),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=9,
            color=BLACK,
        )
        all_values.append(float(data.forecast))
    for value, what, colour, dash in (
        (data.baseline, "Baseline for", GREY, (0, (6, 3))),
        (data.target, "Target for", GREEN, (0, (2, 2))),
    ):
        if value is not None:
            axes.axhline(
                float(value), color=colour, linestyle=dash, linewidth=2, label=data.line_label(what)
            )
            all_values.append(float(value))
    labels = [p.short_label for p, _ in data.points]
    if data.forecast is not None:
        positions, labels = [*positions, len(positions)], [*labels, data.target_year]
    axes.set_xticks(positions, labels)
    if not data.points and data.forecast is None:
        axes.set_xticks([])
        axes.text(0.5, 0.5, "No values recorded yet", ha="center", transform=axes.transAxes)
    # Not from zero: a fall from 1,193 to 958 must be visible; never below zero for counts.
    low, high = (min(all_values), max(all_values)) if all_values else (0.0, 1.0)
    span = (high - low) or abs(high) * 0.1 or 1.0
    bottom = low - span * 0.35
    axes.set_ylim(max(bottom, 0.0) if low >= 0 else bottom, high + span * 0.3)
    axes.set_xlim(-0.5, max(len(positions) - 0.5, 0.5))
    axes.yaxis.set_major_formatter(
        _formatter(lambda y: format_value(Decimal(str(round(y, 6))), data.unit))
    )
    axes.grid(axis="y", color=LIGHT, linewidth=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    if data.points or data.baseline is not None or data.target is not None:
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, frameon=False, fontsize=9
        )


def _formatter(function):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda y, _position: function(y))


def sparkline_svg(values: list[Decimal], *, label: str, width: int = 120, height: int = 28) -> str:
    """A tiny inline SVG line of the values, the last point marked; ``label`` is its text
    alternative.  Drawn by hand: dozens on a page must cost nothing."""
    attrs = (
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label)}" focusable="false" class="sp-sparkline"'
    )
    if not values:
        return f'<svg xmlns="http://www.w3.org/2000/svg" {attrs}></svg>'
    pad = 3
    low, high = float(min(values)), float(max(values))
    span = (high - low) or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    points = [
        (pad + i * step, height - pad - (float(v) - low) / span * (height - 2 * pad))
        for i, v in enumerate(values)
    ]
    if len(points) == 1:
        points = [(width / 2, height / 2)]  # one value is a dot, not a flat trend
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" {attrs}>'
        f'<polyline points="{path}" fill="none" stroke="{BLUE}" stroke-width="2" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5" fill="{BLACK}"/></svg>'
    )
