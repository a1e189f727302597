"""Property tests: whatever the bytes, read_document returns a plan or refuses clearly.

"Refuses clearly" means a ``PlanImportError`` that is not a ``ReaderCrash``
(the safety net that turns an unforeseen exception into an error message):
hitting the safety net is a bug these tests exist to find.
"""

from __future__ import annotations

import copy
import io
import json
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from fuzz.mutations import flip_bytes, rezip, unzip
from fuzz.mutations import mutate_text as mutate
from fuzz.profiles import examples
from saferplan.demo import document_paths
from saferplan.demo.thornbury_vale import plan_2025_26
from saferplan.importing.document import ParsedPlan, PlanImportError
from saferplan.importing.json_format import dump_json
from saferplan.importing.readers import ReaderCrash, read_document
from saferplan.importing.xlsx_reader import write_xlsx

# The profile (tests/fuzz/profiles.py): derandomized and brief in the suite, long under
# ``make fuzz``.  Reading bytes is fast, so these run more examples than the importers.
FUZZ = settings(
    max_examples=examples(60),
    deadline=None,
    database=None,  # no .hypothesis/ directory in the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check(filename: str, data: bytes) -> None:
    try:
        plan = read_document(filename, data)
    except ReaderCrash as crash:
        raise AssertionError(f"reader crashed: {crash.__cause__!r}") from crash
    except PlanImportError as error:
        message = str(error)
        assert message and "\n" not in message, message
        return
    assert isinstance(plan, ParsedPlan)


@cache
def demo_bytes(suffix: str) -> bytes:
    return next(p for p in document_paths() if p.suffix == suffix).read_bytes()


@cache
def small_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Priority 1: Domestic Abuse", level=1)
    document.add_paragraph("Action Plan 2025/26")
    table = document.add_table(rows=3, cols=4)
    rows = [["", "Action", "Lead", "Measure"], ["1.1", "Patrol", "Police", "Patrols"]]
    rows.append(["1.2", "Mediate", "TVM", "Cases"])
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.cell(1, 2).merge(table.cell(2, 2))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@cache
def small_xlsx() -> bytes:
    plan = plan_2025_26()
    plan.priorities = plan.priorities[:2]
    return write_xlsx(plan)


ATTRIBUTES = [
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val",
    "r", "t", "s", "spans", "ref",
]  # fmt: skip


def mutate_tree(draw, xml: bytes) -> bytes:
    """Well-formed but strange XML: elements removed, copied, moved, attributes changed.

    Text-level edits mostly make the XML unparseable, which only tests the
    loader's error handling; these reach the code that walks the document.
    """
    root = etree.fromstring(xml)
    for _ in range(draw(st.integers(1, 10))):
        elements = list(root.iter())
        element = elements[draw(st.integers(0, len(elements) - 1))]
        parent = element.getparent()
        op = draw(st.sampled_from(["remove", "copy", "move", "attribute", "text"]))
        if op == "remove" and parent is not None:
            parent.remove(element)
        elif op == "copy" and parent is not None:
            for _ in range(draw(st.integers(1, 3))):
                element.addnext(copy.deepcopy(element))
        elif op == "move" and parent is not None:
            target = elements[draw(st.integers(0, len(elements) - 1))]
            if element not in target.iterancestors() and target is not element:
                target.append(element)
        elif op == "attribute":
            value = draw(
                st.sampled_from(["0", "-1", "2", "99999", "restart", "continue", "", "A1"])
            )
            element.set(draw(st.sampled_from(ATTRIBUTES)), value)
        else:
            element.text = draw(st.sampled_from(["", "\t", "1.1", "Action", "\u00a0", "1e400"]))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


TEXT_TOKENS = [
    "\t", "\n", "\n\n", "\t\t\t", "Priority 1: ", "1.1\t", "\tAction\tLead\tMeasure\n",
    "Qrt 1\t", "Data to be provided", "<p>", "</p>", "<ul><li>", "&amp;", "2024/25", "N/A",
    "Glossary\n", "\ufeff", "\r", "•", "Theme: ", "Lead agency:", "%", "-", "Subsidiary priorities",
]  # fmt: skip
XML_TOKENS = [
    "<w:tc>", "</w:tc>", "<w:tr>", "</w:tr>", "<w:tbl>", "</w:tbl>", "<w:p>", "</w:p>",
    '<w:gridSpan w:val="-3"/>', '<w:gridSpan w:val="x"/>', "<w:vMerge/>",
    '<w:gridBefore w:val="9"/>',
    "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:t>\t</w:t>", "<w:br/>", "<w:tab/>",
    '<c r="A1" t="s"><v>99</v></c>', '<c r="ZZZ9" t="n"><v>1e308</v></c>', "<row>", "</row>",
    '<c t="inlineStr"><is><t>Action</t></is></c>', '<c t="b"><v>2</v></c>', '<c t="d"><v>x</v></c>',
    "&#0;", "&#xFFFE;", "<!--", "-->", "<![CDATA[", "]]>", '<?xml version="1.0"?>',
]  # fmt: skip


@FUZZ
@given(
    st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{", b"[",
                     b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF"]),
    st.binary(max_size=2048),
    st.sampled_from(["plan.txt", "plan.docx", "plan.xlsx", "plan.json", "plan.doc", "x"]),
)  # fmt: skip
def test_random_bytes(prefix, data, filename):
    check(filename, prefix + data)


@FUZZ
@given(st.text(max_size=3000), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_random_text(text, encoding):
    check("plan.txt", text.encode(encoding, errors="ignore"))


@FUZZ
@given(st.data())
def test_mutated_plan_text(data):
    text = demo_bytes(".txt").decode("utf-8")
    check("plan.txt", mutate(data.draw, text, TEXT_TOKENS).encode("utf-8"))


@FUZZ
@given(st.data())
def test_mutated_json(data):
    base = dump_json(plan_2025_26())
    check(
        "plan.json",
        mutate(data.draw, base, ['"', "{", "}", "[", "]", ",", ":", "null", "1e9"]).encode(),
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["title", "text", "priorities", "actions", "updates", "status", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=30,
)


@FUZZ
@given(JSON_VALUES)
def test_random_json_values(value):
    check("plan.json", json.dumps(value).encode())


@FUZZ
@given(st.data())
def test_docx_with_flipped_bytes(data):
    check("plan.docx", flip_bytes(data.draw, small_docx()))


@FUZZ
@given(st.data())
def test_docx_with_mutated_xml(data):
    files = unzip(small_docx())
    xml = files["word/document.xml"]
    check("plan.docx", rezip(files | {"word/document.xml": mutate_xml(data.draw, xml)}))


@FUZZ
@given(st.data())
def test_xlsx_with_flipped_bytes(data):
    check("plan.xlsx", flip_bytes(data.draw, small_xlsx()))


@FUZZ
@given(st.data())
def test_xlsx_with_mutated_xml(data):
    files = unzip(small_xlsx())
    name = data.draw(
        st.sampled_from(
            ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml", "xl/workbook.xml",
             "xl/sharedStrings.xml", "xl/styles.xml"]
        ).filter(lambda n: n in files)
    )  # fmt: skip
    files[name] = mutate_xml(data.draw, files[name])
    check("plan.xlsx", rezip(files))


def mutate_xml(draw, xml: bytes) -> bytes:
    """Half the time a structural edit, half the time edits to the raw text."""
    if draw(st.booleans()):
        return mutate_tree(draw, xml)
    return mutate(draw, xml.decode("utf-8"), XML_TOKENS).encode("utf-8")
