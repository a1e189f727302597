"""Indicator charts for documents: the indicators app's drawing, as PNG for Word and PDF.

The drawing itself (lines, baseline, target, forecast) is the indicator page's,
so a document and the page show the same chart.  Word needs PNG or JPEG; the
PDF takes the same PNG at 150 dpi, sharp when printed at the width it is placed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from saferplan.indicators import charts as indicator_charts
from saferplan.indicators.charts import ChartData, chart_data
from saferplan.indicators.models import Indicator
from saferplan.indicators.status import TargetStatus, periods_and_values
from saferplan.reports.document import Chart, Table

DPI = 150


@dataclass(frozen=True)
class ChartSpec:
    data: ChartData
    title: str = ""


def indicator_chart(indicator: Indicator, status: TargetStatus | None) -> Chart:
    """The chart of an indicator (prefetched values) against its current target."""
    series = periods_and_values(list(indicator.values.all()))
    if status is None or status.target is None:
        data = chart_data(indicator.rules_unit, series)
    else:
        data = chart_data(
            indicator.rules_unit,
            series,
            baseline=status.baseline,
            target=status.goal,
            target_year=status.target.year,
            forecast=status.forecast.value if status.forecast else None,
        )
    table = Table(
        header=["Period", indicator.name],
        rows=[[label, value] for label, value in data.rows()],
        widths=[2, 1],
        caption=f"Figures of the chart: {indicator.name}",
        numeric=frozenset({1}),
    )
    return Chart(
        title=indicator.name,
        alt=alt_text(indicator.name, data),
        data_table=table,
        draw=ChartSpec(data=data, title=""),
    )


def alt_text(name: str, data: ChartData) -> str:
    """The chart in words with its figures: first and latest value, baseline and target.

    A screen reader hears what the picture shows; every figure is in the table below.
    """
    rows = data.rows()
    points, lines = rows[: len(data.points)], rows[len(data.points) :]
    if not points:
        return f"Chart of {name}: no figures yet."
    (first_label, first), (last_label, last) = points[0], points[-1]
    text = f"Line chart of {name}, {first_label} to {last_label}: {first} in {first_label}"
    if len(points) > 1:
        text += f", {last} in {last_label}"
    for label, value in lines:
        text += f"; {label[0].lower()}{label[1:]}: {value}"
    return text + ". The figures are in the table below."


def _figure(spec: ChartSpec):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.5, 3.4), dpi=DPI)
    axes = figure.add_subplot()
    # The indicator page's drawing, so the document shows exactly the page's chart.
    indicator_charts._draw(axes, spec.data)
    if spec.title:
        axes.set_title(spec.title, loc="left", fontsize=11)
    figure.tight_layout()
    return figure


_STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "Arial", "DejaVu Sans"],
    "font.size": 10,
    "axes.edgecolor": indicator_charts.GREY,
}


def render_png(spec: ChartSpec) -> bytes:
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        out = io.BytesIO()
        _figure(spec).savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def render_chart_svg(spec: ChartSpec) -> bytes:
    return indicator_charts.render_svg(spec.data, title=spec.title)


def today_default(today: date | None) -> date:
    from django.utils import timezone

    return today or timezone.localdate()
