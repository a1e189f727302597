"""Charts for the assessment page (SVG) and the Word section (PNG), drawn with matplotlib.

Text stays text in the SVG (``svg.fonttype = "none"``) so it is searchable, sharp and
in the page's font; pages serve the SVG through ``<img>`` (so a strict style-src
content security policy holds) and always print the same figures as a table beneath.
"""

from __future__ import annotations

import io
import logging

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from saferplan.assessment.rules import ALL_CRIME  # noqa: E402
from saferplan.assessment.services import Result  # noqa: E402

# Arial is rarely installed on servers; the fallback is fine and the warning is noise.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
BLUE, GREY, RED, BLACK = "#1d70b8", "#b1b4b6", "#d4351c", "#0b0c0c"
plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.sans-serif": ["Arial", "Liberation Sans", "DejaVu Sans"],
        "font.size": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def _render(fig: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, bbox_inches="tight", dpi=150 if fmt == "png" else 100)
    plt.close(fig)
    return buffer.getvalue()


def trend(result: Result, unit: str, crime_type: str = ALL_CRIME, fmt: str = "svg") -> bytes:
    """Monthly counts: the window against the comparison period, month by month."""
    pairs = result.paired_series(unit, crime_type)
    fig, ax = plt.subplots(figsize=(8, 3.6))
    x = list(range(len(pairs)))
    # None (a month not loaded) becomes NaN: a gap in the line, never a false zero.
    nan = float("nan")
    ax.plot(
        x,
        [nan if p[1] is None else p[1] for p in pairs],
        color=BLUE,
        marker="o",
        linewidth=2.5,
        label=result.window.label(),
    )
    ax.plot(
        x,
        [nan if p[3] is None else p[3] for p in pairs],
        color=BLACK,
        marker="s",
        linestyle="--",
        linewidth=1.5,
        label=result.compare.label(),
    )
    ax.set_xticks(x, [f"{p[0]:%b}" for p in pairs])
    ax.set_ylabel("Crimes and incidents" if crime_type == ALL_CRIME else crime_type)
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#e0e0e0")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    ax.set_title(f"{crime_type} by month: {result.units[unit]}", loc="left", fontsize=12)
    return _render(fig, fmt)


def districts(result: Result, focus: str, crime_type: str = ALL_CRIME, fmt: str = "svg") -> bytes:
    """Rate per 1,000 residents for each district of the county, the partnership marked."""
    rows = sorted(
        (f for f in result.figures if f.crime_type == crime_type and f.rate is not None),
        key=lambda f: f.rate or 0,
    )
    fig, ax = plt.subplots(figsize=(8, 0.5 + 0.32 * max(len(rows), 3)))
    names = [f.district_name for f in rows]
    colours = [BLUE if f.district_code == focus else GREY for f in rows]
    ax.barh(names, [f.rate for f in rows], color=colours)
    county_rate = rows[0].county_rate if rows else None
    if county_rate:
        ax.axvline(county_rate, color=RED, linestyle="--", linewidth=1.5)
        ax.annotate(
            f"{result.county}: {county_rate:.1f}",
            (county_rate, len(rows) - 0.4),
            color=RED,
            fontsize=10,
            xytext=(4, 0),
            textcoords="offset points",
        )
    for index, f in enumerate(rows):
        weight = "bold" if f.district_code == focus else "normal"
        ax.text((f.rate or 0), index, f" {f.rate:.1f}", va="center", fontsize=9, fontweight=weight)
        if f.district_code == focus:
            ax.get_yticklabels()[index].set_fontweight("bold")
    ax.set_xlabel("Rate per 1,000 residents")
    ax.set_title(
        f"{crime_type}: rate per 1,000 residents, {result.window.label()}", loc="left", fontsize=12
    )
    return _render(fig, fmt)
