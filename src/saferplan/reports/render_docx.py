"""Word: real heading styles, real tables whose header row repeats on every page, charts
as PNG pictures with alternative text, page numbers, and English (UK) as the language,
so the council can edit the document afterwards like one of its own."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from saferplan.reports.document import (
    Bullets,
    Cell,
    Chart,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    ReportDocument,
    Table,
)
from saferplan.reports.rag import RAG_FILL

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Arial"
BLACK = RGBColor(0x0B, 0x0C, 0x0C)
TABLE_STYLE_ID = "SPTableText"
POINTS_PER_CM = 72 / 2.54


def render(doc: ReportDocument) -> bytes:
    word = Document()
    _setup(word, doc)
    _cover(word, doc)
    for block in doc.blocks:
        _block(word, block, doc)
    if doc.attribution:
        word.add_paragraph(doc.attribution, style="Caption")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _setup(word, doc: ReportDocument) -> None:
    props = word.core_properties
    props.title = doc.title
    props.subject = doc.subject
    props.author = doc.author
    props.language = doc.language
    props.keywords = f"SaferPlan, {doc.kind}"
    section = word.sections[0]
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin = section.bottom_margin = Cm(2)
    colour = RGBColor(*doc.branding.rgb)
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    _language(normal, doc.language)
    for level, size in ((1, 18), (2, 14), (3, 12)):
        style = styles[f"Heading {level}"]
        style.font.name, style.font.size = FONT, Pt(size)
        style.font.color.rgb = colour if level == 1 else BLACK
        _language(style, doc.language)
    for name in ("Title", "Subtitle", "Caption", "List Bullet", "Footer"):
        styles[name].font.name = FONT
        _language(styles[name], doc.language)
    styles["Footer"].font.size = Pt(9)  # the page-number fields take the style's size
    styles["Title"].font.color.rgb = colour
    styles["Subtitle"].font.color.rgb = colour
    styles["Subtitle"].font.italic = False
    _rule_colour(styles["Title"], doc.branding.colour)
    table_text = styles.add_style("Table text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.element.styleId = TABLE_STYLE_ID
    table_text.base_style = normal
    table_text.font.size = Pt(9.5)
    table_text.paragraph_format.space_after = Pt(0)
    _footer(section, doc)


def _rule_colour(style, colour: str) -> None:
    """The line under the title in the partnership's colour, not the template theme's."""
    for border in style.element.iter(qn("w:bottom")):
        border.set(qn("w:color"), colour.lstrip("#").upper())
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            border.attrib.pop(qn(attr), None)


def _language(style, language: str) -> None:
    """Set w:lang on the style so Word spell-checks in English (UK)."""
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    # East Asian fonts default to the theme; name Arial for every script.
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    # A theme font (the template's headings: Calibri Light) overrides a named one.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the page out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)
        if kind == "separate":
            placeholder = OxmlElement("w:t")
            placeholder.text = "1"
            run._r.append(placeholder)


def _footer(section, doc: ReportDocument) -> None:
    """One line: the footer text (cut to fit) on the left, "Page n of m" on the right."""
    paragraph = section.footer.paragraphs[0]
    width = section.page_width - section.left_margin - section.right_margin
    stops = paragraph.paragraph_format.tab_stops
    for inherited in section.footer.paragraphs[0].style.paragraph_format.tab_stops:
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)  # the style's 6.5"
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    left = doc.branding.footer or f"{doc.branding.name}: {doc.title}"
    room = int((width / 12700 - 80) / (0.5 * 9))  # EMU to points; less "Page 10 of 12"
    if len(left) > room:
        left = left[: room - 1].rstrip() + "…"
    paragraph.add_run(f"{left}\tPage ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(9)


def _cover(word, doc: ReportDocument) -> None:
    if doc.branding.logo_png:
        word.add_picture(io.BytesIO(doc.branding.logo_png), height=Cm(2.5))
        _alt_text(word.inline_shapes[-1], doc.branding.logo_alt or doc.branding.name)
    word.add_paragraph(doc.branding.name, style="Subtitle")
    word.add_paragraph(doc.title, style="Title")
    word.add_paragraph(doc.subtitle)
    if doc.draft:
        run = word.add_paragraph().add_run("DRAFT: not for publication")
        run.bold, run.font.color.rgb = True, RGBColor(0xD4, 0x35, 0x1C)


def _block(word, block, doc: ReportDocument) -> None:
    if isinstance(block, Heading):
        word.add_heading(block.text, level=min(max(block.level, 1), 3))
    elif isinstance(block, Paragraph):
        style = {"small": "Caption", "caption": "Caption"}.get(block.style)
        paragraph = word.add_paragraph(style=style)
        run = paragraph.add_run(block.text)
        run.bold = block.bold
    elif isinstance(block, Bullets):
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Table):
        _table(word, block, doc)
    elif isinstance(block, KeyValues):
        _table(
            word,
            Table(header=["", ""], rows=[[k, v] for k, v in block.rows], widths=[1, 3]),
            doc,
            key_values=True,
        )
    elif isinstance(block, Chart):
        _chart(word, block, doc)
    elif isinstance(block, PageBreak):
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _last_paragraph(word):
    """The body's last block if it is a paragraph (not a table), without listing them all."""
    for element in reversed(word.element.body):
        if element.tag == qn("w:sectPr"):
            continue
        return DocxParagraph(element, word._body) if element.tag == qn("w:p") else None
    return None


def _usable_width(word) -> float:
    section = word.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 360000  # cm


def _table(
    word, table: Table, doc: ReportDocument, key_values: bool = False, share: float = 1.0
) -> None:
    """A real table; ``share`` of the page's width (a chart's figures need half)."""
    last = _last_paragraph(word)
    if last is not None and last.text.strip():
        # The sentence that introduces a table is not left alone at the foot of a page.
        last.paragraph_format.keep_with_next = True
    columns = len(table.header)
    grid = word.add_table(rows=0 if key_values else 1, cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    total = _usable_width(word) * POINTS_PER_CM * share
    points = table.fitted_widths(total, font_size=9.5, padding=10)
    cm = [Cm(p / POINTS_PER_CM) for p in points]
    _cell_margins(grid)
    for index, column in enumerate(grid.columns):
        # w:gridCol: LibreOffice lays tables out by the grid, and add_row copies it to cells.
        column.width = cm[index]
    if not key_values:
        header = grid.rows[0]
        _cant_split(header)
        _repeat_header(header)
        for index, cell in enumerate(header.cells):
            cell.width = cm[index]
            _write(cell, table.header[index], bold=True, numeric=index in table.numeric)
            _shade(cell, "F3F2F1")
    for row in table.rows:
        added = grid.add_row()
        _cant_split(added)
        cells = added.cells
        for index, value in enumerate(row):
            is_cell = isinstance(value, Cell)
            _write(
                cells[index],
                str(value),
                bold=key_values and index == 0 or (is_cell and value.bold),
                numeric=index in table.numeric,
            )
            if is_cell and value.rag:
                _shade(cells[index], RAG_FILL.get(value.rag, "FFFFFF"))
    if share < 1 and len(table.rows) <= 30:
        _keep_together(grid)  # a chart's figures stay on one page
    if table.caption:
        grid._tbl.tblPr.append(_caption(table.caption))
    word.add_paragraph()


def _cell_margins(grid) -> None:
    """Room between text and the cell's borders (Word's Table Grid has none above and
    below, so lines of text touched the borders in LibreOffice)."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties = grid._tbl.tblPr
    # The schema's order: tblCellMar comes before tblLook, tblCaption and tblDescription.
    later = [properties.find(qn(f"w:{n}")) for n in ("tblLook", "tblCaption", "tblDescription")]
    later = [e for e in later if e is not None]
    if later:
        later[0].addprevious(margins)
    else:
        properties.append(margins)


def _keep_together(grid) -> None:
    """Every row keeps with the next, so Word does not split a short table over pages."""
    for row in grid.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _write(cell, text: str, *, bold: bool, numeric: bool) -> None:
    """Cell text in the "Table text" style; only what differs (bold) is set per run,
    which keeps a 1,000-action plan's tables fast to write."""
    paragraph = cell.paragraphs[0]
    paragraph._p.get_or_add_pPr().style = TABLE_STYLE_ID
    lines = text.split("\n")
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        if bold:
            run.bold = True
        if number < len(lines) - 1:
            run.add_break()
    if numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_header(row) -> None:
    """``w:tblHeader``: Word repeats this row at the top of every page the table spans."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _cant_split(row) -> None:
    # cantSplit comes before tblHeader in the schema's order, so insert it first.
    row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))


def _caption(text: str):
    """``w:tblCaption``: the table's name for screen readers (Word's alt text for tables)."""
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), text[:250])
    return element


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _alt_text(shape, text: str) -> None:
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", text)
    doc_pr.set("title", text[:100])


def _chart(word, chart: Chart, doc: ReportDocument) -> None:
    width = min(_usable_width(word), 16.5)
    word.add_picture(io.BytesIO(chart.png()), width=Cm(width))
    _last_paragraph(word).paragraph_format.keep_with_next = True  # the picture, its caption
    _alt_text(word.inline_shapes[-1], chart.alt)
    word.add_paragraph(chart.data_table.caption or chart.title, style="Caption")
    _table(word, chart.data_table, doc, share=0.6 if doc.landscape else 0.75)
