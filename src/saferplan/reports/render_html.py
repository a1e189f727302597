"""HTML: the same blocks as GOV.UK Frontend markup, in two wrappings.

``render`` gives a standalone file (its stylesheet and charts inside it, so it can be
e-mailed or put on a council website as it is); ``page_context`` gives what the in-app
and public pages need to show a document inside ``base.html``, with charts served as
``<img>`` from a URL so the site's strict Content-Security-Policy holds.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.text import slugify

from saferplan.reports import document as d
from saferplan.reports.logos import mime_type

MIME = "text/html; charset=utf-8"
STATIC = Path(__file__).resolve().parent / "static" / "reports"


@dataclass
class Item:
    """A block with what the template needs beside it: an id, and a chart's image source."""

    block: object
    id: str = ""
    src: str = ""


def items(report: d.ReportDocument, chart_src: Callable[[int, d.Chart], str]) -> list[Item]:
    result, used = [], set()
    charts = 0
    for block in report.blocks:
        item = Item(block)
        if isinstance(block, d.Heading):
            base = block.anchor or slugify(block.text)[:60] or "section"
            anchor, n = base, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            item.id = anchor
        elif isinstance(block, d.Chart):
            item.src = chart_src(charts, block)
            charts += 1
        result.append(item)
    return result


def contents(entries: list[Item]) -> list[Item]:
    return [i for i in entries if isinstance(i.block, d.Heading) and i.block.level == 1]


@cache
def _stylesheet() -> str:
    return (STATIC / "standalone.css").read_text() + (STATIC / "report.css").read_text()


def _data_uri(_index: int, chart: d.Chart) -> str:
    return "data:image/png;base64," + base64.b64encode(chart.png()).decode("ascii")


def render(report: d.ReportDocument) -> bytes:
    entries = items(report, _data_uri)
    logo = ""
    if report.branding.logo_png:
        data = report.branding.logo_png
        logo = f"data:{mime_type(data)};base64," + base64.b64encode(data).decode("ascii")
    html = render_to_string(
        "reports/standalone.html",
        {
            "report": report,
            "items": entries,
            "contents": contents(entries),
            "stylesheet": _stylesheet(),
            "logo": logo,
        },
    )
    return html.encode("utf-8")


def page_context(report: d.ReportDocument, chart_url: Callable[[int], str]) -> dict:
    """For templates that ``{% include "reports/includes/document.html" %}``."""
    entries = items(report, lambda index, _chart: chart_url(index))
    return {"report": report, "items": entries, "contents": contents(entries)}
