"""Read a Word (.docx) plan by turning it into a text extract for ``parse_text``.

Plans arrive as Word documents far more often than in any other shape, and the
text parser already knows how CSP plans are laid out (headings, numbered
action tables, quarterly columns).  So this module only has to produce the
same text a good "save as text" would, in document order:

* each paragraph is a line followed by a blank line (as in the seed extracts);
  a soft line break inside a paragraph starts a new line;
* each table row is one line of tab-separated cells, rows of a table on
  consecutive lines and a blank line after the table;
* a cell holding several paragraphs is written on one line as ``<p>...</p>``
  markup (which ``importing.cleanup`` turns back into paragraphs), list items
  marked ``"• "``; tabs or line breaks inside a cell become spaces (they
  would split columns or rows);
* a cell spanning columns is written once followed by empty cells, so columns
  stay aligned; a cell continuing a vertical merge is written empty, which is
  how text extracts show an aim spanning several action rows;
* content controls (``w:sdt``) are looked into; deleted revisions, field codes
  and the duplicate "fallback" copies of text boxes are left out.

Headers, footers, footnotes and comments are not part of the plan and are skipped.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from saferplan.importing.document import ParsedPlan, PlanImportError

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN, _SOFT_HYPHEN = qn("w:noBreakHyphen"), qn("w:softHyphen")
_TXBX = qn("w:txbxContent")
# Wrappers whose children belong to the surrounding content.
_TRANSPARENT = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")}
# Subtrees whose text is not part of what the reader sees.
_SKIPPED = {
    qn("w:del"),
    qn("w:moveFrom"),
    qn("w:instrText"),
    qn("w:delText"),
    qn("w:sdtPr"),
    qn("w:rPr"),
    qn("w:pPr"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
# Spans beyond any real table's width are corrupt; clamp them so a hostile
# gridSpan cannot ask for a billion empty cells.
_MAX_SPAN = 64
_SPACES = re.compile(r"\s+")
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_V_MERGE = etree.XPath("./w:tcPr/w:vMerge", namespaces=_NS)
_NUMBERED = etree.XPath("./w:pPr/w:numPr", namespaces=_NS)
_GRID_BEFORE = etree.XPath("./w:trPr/w:gridBefore", namespaces=_NS)
_GRID_SPAN = etree.XPath("./w:tcPr/w:gridSpan", namespaces=_NS)


def read_docx(data: bytes, source: str) -> ParsedPlan:
    """Parse the bytes of a .docx file into a plan (via the text parser)."""
    from saferplan.importing.text import parse_text

    return parse_text(docx_text(data, source), source)


def docx_text(data: bytes, source: str) -> str:
    """The document as a text extract: what ``read_docx`` hands to ``parse_text``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # zipfile, zlib, lxml and python-docx raise a long tail of types
        if "is not a Word file" in str(exc):  # python-docx's words for .docm and .dotx
            raise PlanImportError(
                "this is a macro-enabled document or a template: save it as a .docx",
                source=source,
            ) from exc
        raise PlanImportError(
            f"the Word document is damaged or not a .docx ({type(exc).__name__})", source=source
        ) from exc
    if body is None:
        raise PlanImportError("the Word document has no body", source=source)
    # Walking a document python-docx accepted must not fail: errors here are bugs,
    # and read_document reports them as such rather than as a damaged file.
    lines = list(_block_lines(body))
    return "\n".join(lines)


def _block_lines(container: etree._Element) -> Iterator[str]:
    """Lines for the paragraphs and tables directly inside ``container``, in order."""
    for child in _children(container, (_P, _TBL)):
        if child.tag == _P:
            text, boxes = _paragraph_text(child)
            for line in text.split("\n"):
                if line.strip():
                    yield line.strip(" ")
                    yield ""
            for box in boxes:
                yield from _block_lines(box)
        else:
            rows = [row for row in _table_rows(child) if row.strip("\t ")]
            yield from rows
            if rows:
                yield ""


def _children(element: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Children of ``element`` with one of ``tags``, looking through content controls."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, tags)


def _paragraph_text(p: etree._Element) -> tuple[str, list[etree._Element]]:
    """A paragraph's visible text, and any text boxes anchored in it."""
    parts: list[str] = []
    boxes: list[etree._Element] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue  # comments, processing instructions, deletions
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                parts.append("-")
            elif tag == _SOFT_HYPHEN:
                continue
            elif tag == _TXBX:
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    return "".join(parts), boxes


def _table_rows(tbl: etree._Element) -> Iterator[str]:
    for tr in _children(tbl, (_TR,)):
        cells: list[str] = [""] * _grid_count(tr, _GRID_BEFORE)
        for tc in _children(tr, (_TC,)):
            span = max(1, _clamp(_int_attr(tc, _GRID_SPAN, 1)))
            if _is_merge_continuation(tc):
                cells.extend([""] * span)
            else:
                cells.append(_cell_text(tc))
                cells.extend([""] * (span - 1))
        yield "\t".join(cells)


def _cell_text(tc: etree._Element) -> str:
    """A cell's content on one line.

    Several paragraphs are written as ``<p>...</p>`` and list items get a
    ``"• "`` marker: the text parser's cleanup (``importing.cleanup``) turns
    that markup, which converters leave in extracts, back into paragraphs.
    """
    pieces: list[str] = []
    for child in _children(tc, (_P, _TBL)):
        if child.tag == _P:
            text, boxes = _paragraph_text(child)
            text = _one_line(text)
            if text and _NUMBERED(child):
                text = "• " + text
            pieces.append(text)
            pieces.extend(_one_line(line) for box in boxes for line in _block_lines(box))
        else:
            pieces.extend(_one_line(row) for row in _table_rows(child))
    pieces = [piece for piece in pieces if piece]
    if len(pieces) == 1:
        return pieces[0].removeprefix("• ")
    return "".join(f"<p>{_escape(piece)}</p>" for piece in pieces)


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _escape(text: str) -> str:
    # Only "<" could be mistaken for markup by the cleanup; "&" would be read
    # as an entity only when followed by a name and ";", which plain text rarely is.
    return text.replace("<", "&lt;") if "<" in text and ">" in text else text


def _is_merge_continuation(tc: etree._Element) -> bool:
    # <w:vMerge/> with no val means "continue"; val="restart" starts the merge.
    merges = _V_MERGE(tc)
    return bool(merges) and merges[0].get(qn("w:val"), "continue") == "continue"


def _grid_count(element: etree._Element, path: etree.XPath) -> int:
    return _clamp(_int_attr(element, path, 0))


def _int_attr(element: etree._Element, path: etree.XPath, default: int) -> int:
    found = path(element)
    if not found:
        return default
    try:
        return int(found[0].get(qn("w:val"), default))
    except ValueError:
        return default


def _clamp(n: int) -> int:
    return max(0, min(n, _MAX_SPAN))
