"""PDF with ReportLab platypus: "Page n of m", the title, author and language (en-GB) in
the document information, a bookmark (outline entry) per section, and tables that split
across pages with their header row repeated.

Fonts are embedded TrueType (Liberation Sans, metric-compatible with Arial; matplotlib's
DejaVu Sans where Liberation is not installed) so any character a partner typed prints.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from saferplan.reports import document as d
from saferplan.reports.rag import RAG_FILL

MIME = "application/pdf"
BLACK = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#505a5f")
BORDER = colors.HexColor("#b1b4b6")
HEADER_FILL = colors.HexColor("#f3f2f1")


@cache
def _fonts() -> tuple[str, str]:
    """Register the regular and bold fonts once; returns their names."""
    candidates = [
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ]
    if not all(p.exists() for p in candidates):
        import matplotlib

        base = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        candidates = [base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf"]
    pdfmetrics.registerFont(TTFont("SP-Regular", str(candidates[0])))
    pdfmetrics.registerFont(TTFont("SP-Bold", str(candidates[1])))
    pdfmetrics.registerFontFamily(
        "SP-Regular", normal="SP-Regular", bold="SP-Bold", italic="SP-Regular", boldItalic="SP-Bold"
    )
    return "SP-Regular", "SP-Bold"


def _styles(colour) -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    base = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, textColor=BLACK)
    return {
        "body": ParagraphStyle("body2", parent=base, spaceAfter=6),
        "lead": ParagraphStyle("lead", parent=base, fontSize=12.5, leading=17, spaceAfter=8),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=12, textColor=GREY),
        "caption": ParagraphStyle("caption", parent=base, fontSize=9, leading=12, textColor=GREY),
        "title": ParagraphStyle(
            "title", parent=base, fontName=bold, fontSize=26, leading=32, textColor=colour
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=bold,
            fontSize=17,
            leading=22,
            textColor=colour,
            spaceBefore=10,
            spaceAfter=8,
        ),  # fmt: skip
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=bold,
            fontSize=13.5,
            leading=18,
            spaceBefore=8,
            spaceAfter=6,
        ),  # fmt: skip
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=bold,
            fontSize=11.5,
            leading=15,
            spaceBefore=6,
            spaceAfter=4,
        ),  # fmt: skip
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_right": ParagraphStyle(
            "cell_right", parent=base, fontSize=8.5, leading=10.5, alignment=TA_RIGHT
        ),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=bold, fontSize=8.5, leading=10.5
        ),  # fmt: skip
        "draft": ParagraphStyle(
            "draft", parent=base, fontName=bold, textColor=colors.HexColor("#d4351c")
        ),
    }


def _text(value: str) -> str:
    """Escape for ReportLab's mini-markup and keep line breaks."""
    return escape(value or "").replace("\n", "<br/>")


class _Heading(RLParagraph):
    """A heading that becomes a PDF bookmark when it is laid out."""

    def __init__(self, text: str, style, level: int, key: str):
        super().__init__(_text(text), style)
        self.outline = (text, level, key)


class _Document(SimpleDocTemplate):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._outline_level = -1

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (ReportLab's name)
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        text, level, key = outline
        # An outline may not skip a level (a level 3 straight under a level 1).
        level = min(level - 1, self._outline_level + 1)
        self._outline_level = level
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)


def _numbered_canvas(report: d.ReportDocument):
    regular, _ = _fonts()

    class NumberedCanvas(Canvas):
        """Keeps every page until the end, then prints "Page n of m" on each."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.setFont(regular, 8.5)
            self.setFillColor(GREY)
            left = report.branding.footer or f"{report.branding.name}: {report.title}"
            number = f"Page {self._pageNumber} of {total}"
            room = width - 4 * cm - pdfmetrics.stringWidth(number, regular, 8.5) - 1 * cm
            while len(left) > 10 and pdfmetrics.stringWidth(left, regular, 8.5) > room:
                left = left[: int(len(left) * 0.9)].rstrip() + "…"
            self.drawString(2 * cm, 1.1 * cm, left)
            self.drawRightString(width - 2 * cm, 1.1 * cm, number)
            if report.draft:
                self.drawCentredString(width / 2, 0.6 * cm, "DRAFT: not for publication")

    return NumberedCanvas


def render(report: d.ReportDocument) -> bytes:
    out = io.BytesIO()
    pagesize = landscape(A4) if report.landscape else A4
    colour = colors.HexColor(report.branding.colour)
    styles = _styles(colour)
    template = _Document(
        out,
        pagesize=pagesize,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=2 * cm,
        title=report.title,
        author=report.author,
        subject=report.subject,
        keywords=f"SaferPlan, {report.kind}",
        creator="SaferPlan",
        lang=report.language,
    )
    width = pagesize[0] - 4 * cm
    story = _cover(report, styles, width)
    for index, block in enumerate(report.blocks):
        following = report.blocks[index + 1] if index + 1 < len(report.blocks) else None
        if isinstance(block, d.Heading) and isinstance(following, d.Chart):
            story.append(CondPageBreak(11 * cm))  # a chart's heading stays with its chart
        story.extend(_block(block, styles, width, report))
    if report.attribution:
        story.append(RLParagraph(_text(report.attribution), styles["caption"]))
    template.build(story, canvasmaker=_numbered_canvas(report))
    return out.getvalue()


def _cover(report: d.ReportDocument, styles, width: float) -> list:
    story: list = []
    if report.branding.logo_png:
        story.append(_image(report.branding.logo_png, max_width=6 * cm, max_height=2.5 * cm))
        story.append(Spacer(1, 0.4 * cm))
    story += [
        RLParagraph(_text(report.branding.name), styles["lead"]),
        RLParagraph(_text(report.title), styles["title"]),
        Spacer(1, 0.3 * cm),
        RLParagraph(_text(report.subtitle), styles["lead"]),
    ]
    if report.draft:
        story.append(RLParagraph("DRAFT: not for publication", styles["draft"]))
    story.append(Spacer(1, 0.5 * cm))
    return story


def _block(block, styles, width: float, report: d.ReportDocument) -> list:
    if isinstance(block, d.Heading):
        level = min(max(block.level, 1), 3)
        key = block.anchor or f"h{id(block)}"
        heading = _Heading(block.text, styles[f"h{level}"], level, key)
        # Never leave a heading alone at the foot of a page.
        return [CondPageBreak(4 * cm), heading]
    if isinstance(block, d.Paragraph):
        text = _text(block.text)
        if block.bold:
            text = f"<b>{text}</b>"
        return [RLParagraph(text, styles[block.style])]
    if isinstance(block, d.Bullets):
        items = [
            ListItem(RLParagraph(_text(i), styles["body"]), leftIndent=12) for i in block.items
        ]
        return [ListFlowable(items, bulletType="bullet", start="•", leftIndent=12)]
    if isinstance(block, d.Table):
        return [_table(block, styles, width), Spacer(1, 0.35 * cm)]
    if isinstance(block, d.KeyValues):
        table = d.Table(header=[], rows=[[k, v] for k, v in block.rows], widths=[1, 3])
        return [_table(table, styles, width, key_values=True), Spacer(1, 0.35 * cm)]
    if isinstance(block, d.Chart):
        image = _image(block.png(), max_width=min(width, 17 * cm), max_height=8 * cm)
        caption = RLParagraph(_text(block.data_table.caption), styles["caption"])
        return [KeepTogether([image, caption]), _table(block.data_table, styles, width / 2)]
    if isinstance(block, d.PageBreak):
        return [PageBreak()]
    return []


def _image(data: bytes, *, max_width: float, max_height: float) -> Image:
    from reportlab.lib.utils import ImageReader

    reader = ImageReader(io.BytesIO(data))
    pixel_width, pixel_height = reader.getSize()
    scale = min(max_width / pixel_width, max_height / pixel_height)
    image = Image(io.BytesIO(data), width=pixel_width * scale, height=pixel_height * scale)
    image.hAlign = "LEFT"
    return image


def _table(table: d.Table, styles, width: float, key_values: bool = False) -> RLTable:
    col_widths = table.fitted_widths(width, font_size=8.5, padding=9)
    data = []
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, BORDER),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if table.header:
        data.append([RLParagraph(_text(h), styles["cell_bold"]) for h in table.header])
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    offset = len(data)
    for r, row in enumerate(table.rows):
        cells = []
        for c, value in enumerate(row):
            bold = (key_values and c == 0) or (isinstance(value, d.Cell) and value.bold)
            style = "cell_bold" if bold else ("cell_right" if c in table.numeric else "cell")
            cells.append(RLParagraph(_text(str(value)), styles[style]))
            if isinstance(value, d.Cell) and value.rag:
                fill = colors.HexColor("#" + RAG_FILL.get(value.rag, "FFFFFF"))
                commands.append(("BACKGROUND", (c, r + offset), (c, r + offset), fill))
        data.append(cells)
    if not data:
        data = [[""]]
    return RLTable(
        data,
        colWidths=col_widths,
        repeatRows=1 if table.header else 0,
        splitByRow=1,
        splitInRow=1,  # a very long update may run over a page rather than fail
        style=commands,
        hAlign="LEFT",
    )
