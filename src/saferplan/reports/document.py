"""The one shape every report takes between the data and a file format.

Builders (``builders/*.py``) read the database and return a ``ReportDocument``:
a title, branding and a flat list of blocks (headings, paragraphs, lists,
tables, charts, key-value panels).  Renderers (``render_*.py``) turn that into
Word, PDF, HTML or a workbook without touching the database, so each format is
one module and every format says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DEFAULT_COLOUR = "#1d70b8"  # GOV.UK blue, when a partnership has not chosen one


@dataclass(frozen=True)
class Branding:
    """How a partnership's documents look: its name, logo and colour."""

    name: str
    colour: str = DEFAULT_COLOUR
    logo_png: bytes | None = None  # PNG (JPEG if stored so): see reports.logos.embeddable
    logo_alt: str = ""
    footer: str = ""

    @property
    def rgb(self) -> tuple[int, int, int]:
        value = self.colour.lstrip("#")
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 = a section (a bookmark in the PDF, a sheet in the workbook)
    anchor: str = ""
    kind: Literal["heading"] = "heading"


@dataclass
class Paragraph:
    text: str
    style: Literal["body", "lead", "small", "caption"] = "body"
    bold: bool = False
    kind: Literal["paragraph"] = "paragraph"


@dataclass
class Bullets:
    items: list[str]
    kind: Literal["bullets"] = "bullets"


@dataclass
class Cell:
    """A table cell that needs more than text: a RAG colour or a bold total."""

    text: str
    rag: str = ""  # a status key of monitoring.rules.RAG (on_track, off_track ...)
    bold: bool = False

    def __str__(self) -> str:
        return self.text


@dataclass
class Table:
    """A real table: the header row repeats on every page it spans.

    ``widths`` are relative column widths (they are scaled to the page).
    ``numeric`` marks columns to right-align and, in the workbook, store as numbers.
    """

    header: list[str]
    rows: list[list[str | Cell]]
    widths: list[float] | None = None
    caption: str = ""
    numeric: frozenset[int] = frozenset()
    kind: Literal["table"] = "table"

    def without_empty_columns(self, keep: frozenset[int] = frozenset({0, 1})) -> Table:
        """The table without columns that are blank in every row (seed 001 prints no
        baseline or partners), so the text that is there gets the width."""
        used = [
            i
            for i in range(len(self.header))
            if i in keep or any(str(row[i]).strip() for row in self.rows if i < len(row))
        ]
        if len(used) == len(self.header):
            return self
        return Table(
            header=[self.header[i] for i in used],
            rows=[[row[i] for i in used] for row in self.rows],
            widths=[self.widths[i] for i in used] if self.widths else None,
            caption=self.caption,
            numeric=frozenset(used.index(i) for i in self.numeric if i in used),
        )

    def text_rows(self) -> list[list[str]]:
        return [[str(cell) for cell in row] for row in self.rows]

    def fitted_widths(self, total: float, font_size: float, padding: float) -> list[float]:
        """Column widths (in the unit of ``total``, points) that read well on the page.

        The builder's relative ``widths`` say what matters; the text in each column moves
        them (a column of long measures gets room, a column of "N/A" gives it up); and no
        column is narrower than its longest word (up to 16 letters), so "Ref" and
        "Baseline" never break mid-word.  ``font_size`` and ``padding`` are the cells'.
        """
        columns = len(self.header) or max((len(r) for r in self.rows), default=1)
        given = list(self.widths or [1.0] * columns)[:columns]
        given += [1.0] * (columns - len(given))
        letter = 0.55 * font_size  # an average letter of Arial / Liberation Sans
        texts = [[str(h) for h in self.header[i : i + 1]] for i in range(columns)]
        for row in self.rows:
            for i in range(min(columns, len(row))):
                texts[i].append(str(row[i]))

        def longest_word(values: list[str]) -> int:
            return max((len(w) for v in values for w in v.split()), default=1)

        longest = [max((len(line) for v in t for line in v.split("\n")), default=1) for t in texts]
        # A column of short values ("No data", "Not started", "1,205") keeps them on one line.
        minimum = [
            (n if n <= 16 else min(longest_word(t), 16)) * letter + padding
            for t, n in zip(texts, longest, strict=True)
        ]
        maximum = [max(m, n * letter + padding) for m, n in zip(minimum, longest, strict=True)]
        # How much text a filled cell holds (an aim printed once over the rows it spans
        # counts as much as one repeated in each).
        filled = [[v for v in t[1:] if v.strip()] for t in texts]
        content = [sum(len(v) for v in f) / max(len(f), 1) + 4 for f in filled]
        share = [
            0.6 * g / sum(given) + 0.4 * c / sum(content)
            for g, c in zip(given, content, strict=True)
        ]
        if sum(minimum) >= total:
            return [total * m / sum(minimum) for m in minimum]
        # Clamp to [minimum, maximum]; what a clamped column frees or takes goes to the rest.
        fixed: dict[int, float] = {}
        widths = [total * x for x in share]
        for _ in range(columns):
            free = [i for i in range(columns) if i not in fixed]
            room = total - sum(fixed.values())
            weight = sum(share[i] for i in free)
            if not free or room <= 0 or weight <= 0:
                break
            widths = [fixed[i] if i in fixed else room * share[i] / weight for i in range(columns)]
            clamped = {
                i: minimum[i] if widths[i] < minimum[i] else maximum[i]
                for i in free
                if not minimum[i] <= widths[i] <= maximum[i]
            }
            if not clamped:
                break
            fixed.update(clamped)
        else:
            widths = [fixed.get(i, w) for i, w in enumerate(widths)]
        if len(fixed) == columns:
            widths = [fixed[i] for i in range(columns)]
        if len(fixed) == columns and sum(widths) < 0.55 * total:
            # Every column holds its longest line with room to spare (a count per status):
            # the table takes the width it needs, not the page's.
            return [w * 1.3 for w in widths]
        if sum(widths) < total - 0.5:  # every column at its longest line: share the rest
            extra = total - sum(widths)
            widths = [w + extra * g / sum(given) for w, g in zip(widths, given, strict=True)]
        return widths


@dataclass
class KeyValues:
    """Label-value pairs: the header block of a committee paper, a summary list."""

    rows: list[tuple[str, str]]
    kind: Literal["keyvalues"] = "keyvalues"


@dataclass
class Chart:
    """A chart with its text alternative and the table of the figures it shows.

    ``draw`` makes the picture lazily (``png()`` / ``svg()``) so a document whose
    charts no format needs (the workbook) costs nothing to build.
    """

    title: str
    alt: str
    data_table: Table
    draw: object = None  # a saferplan.reports.charts.ChartSpec
    kind: Literal["chart"] = "chart"
    _png: bytes | None = None
    _svg: bytes | None = None

    def png(self) -> bytes:
        if self._png is None:
            from saferplan.reports.charts import render_png

            self._png = render_png(self.draw)
        return self._png

    def svg(self) -> bytes:
        if self._svg is None:
            from saferplan.reports.charts import render_chart_svg

            self._svg = render_chart_svg(self.draw)
        return self._svg


@dataclass
class PageBreak:
    kind: Literal["pagebreak"] = "pagebreak"


Block = Heading | Paragraph | Bullets | Table | KeyValues | Chart | PageBreak


@dataclass
class ReportDocument:
    """A report ready to render: everything a format needs and nothing from the database."""

    kind: str  # plan, quarterly, committee, workbook
    title: str
    subtitle: str
    branding: Branding
    blocks: list[Block] = field(default_factory=list)
    language: str = "en-GB"
    author: str = ""
    subject: str = ""
    landscape: bool = False
    draft: bool = False
    produced_on: date | None = None
    attribution: str = ""  # the Open Government Licence notice when police.uk figures appear
    filename_stem: str = "report"

    def add(self, *blocks: Block) -> ReportDocument:
        self.blocks.extend(blocks)
        return self

    def headings(self, level: int | None = None) -> list[Heading]:
        return [
            b for b in self.blocks if isinstance(b, Heading) and (level is None or b.level == level)
        ]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]

    def sections(self) -> list[tuple[Heading | None, list[Block]]]:
        """The blocks grouped under each level-1 heading (the workbook's sheets)."""
        groups: list[tuple[Heading | None, list[Block]]] = [(None, [])]
        for block in self.blocks:
            if isinstance(block, Heading) and block.level == 1:
                groups.append((block, []))
            else:
                groups[-1][1].append(block)
        return [g for g in groups if g[0] is not None or g[1]]


OGL_NOTICE = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(police.uk street-level crime data)."
)
