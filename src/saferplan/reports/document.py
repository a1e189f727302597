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
    logo_png: bytes | None = None  # PNG or JPEG bytes; Word and PDF embed them as they are
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
