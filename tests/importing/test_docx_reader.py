"""Word documents: read in document order, tables as tab-separated rows, then parse_text."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from saferplan.importing.document import PlanImportError
from saferplan.importing.docx_reader import docx_text, read_docx
from saferplan.importing.text import parse_text


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, rows: list[list[str]]):
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    return table


def _plan_document():
    document = Document()
    document.add_heading("Ashcombe Community Safety Partnership", level=0)
    document.add_paragraph("Action Plan 2025/26")
    document.add_heading("Priority 1: Domestic Abuse", level=1)
    _table(
        document,
        [
            ["", "Action", "Lead", "Measure"],
            ["1.1", "Run the One Stop Shop every week", "Harbour Lights", "Sessions held"],
            ["1.2", "Offer sanctuary to victims", "ADC Housing", "Homes made secure"],
        ],
    )
    document.add_heading("Priority 2: Anti-Social Behaviour", level=1)
    table = _table(
        document,
        [
            ["", "Action", "Lead", "Measure"],
            ["2.1", "Hold a monthly tasking meeting", "Wessex Police", "Meetings held"],
            ["2.2", "Deploy the mobile CCTV camera", "", "Deployments"],
            ["2.3", "Offer mediation in neighbour disputes", "Ashcombe Mediation", "Cases"],
        ],
    )
    # The lead of 2.1 also leads 2.2: a vertical merge, as planners often draw it.
    table.cell(1, 2).merge(table.cell(2, 2))
    return document


def test_it_reads_headings_paragraphs_and_tables_in_order():
    plan = read_docx(_save(_plan_document()), "plan.docx")
    assert plan.year == "2025/26"
    assert [(p.ref, p.title) for p in plan.priorities] == [
        ("1", "Domestic Abuse"),
        ("2", "Anti-Social Behaviour"),
    ]
    assert [a.ref for a in plan.priorities[1].actions] == ["2.1", "2.2", "2.3"]
    first = plan.priorities[0].actions[0]
    assert (first.text, first.leads, first.measure) == (
        "Run the One Stop Shop every week",
        ["Harbour Lights"],
        "Sessions held",
    )


def test_a_vertically_merged_cell_is_written_once():
    lines = docx_text(_save(_plan_document()), "plan.docx").splitlines()
    assert "2.1\tHold a monthly tasking meeting\tWessex Police\tMeetings held" in lines
    assert "2.2\tDeploy the mobile CCTV camera\t\tDeployments" in lines


def test_a_horizontally_merged_cell_is_not_repeated():
    document = Document()
    table = _table(
        document, [["Aim", "Action", "Lead"], ["x", "y", "z"], ["1", "Patrol", "Police"]]
    )
    table.cell(1, 0).merge(table.cell(1, 2)).text = "Priority: Road Safety"
    lines = docx_text(_save(document), "plan.docx").splitlines()
    assert lines[:3] == ["Aim\tAction\tLead", "Priority: Road Safety\t\t", "1\tPatrol\tPolice"]


def test_a_cell_with_several_paragraphs_stays_one_row():
    document = Document()
    table = _table(document, [["", "Action", "Lead", "Measure"], ["1", "Patrol", "Police", ""]])
    cell = table.cell(1, 3)
    cell.text = "Patrols completed"
    cell.add_paragraph("People helped")
    cell.add_paragraph("Arrests\tmade")  # a tab inside a cell must not make a new column
    row = docx_text(_save(document), "plan.docx").splitlines()[1]
    assert (
        row == "1\tPatrol\tPolice\t<p>Patrols completed</p><p>People helped</p><p>Arrests made</p>"
    )


def test_multi_paragraph_cells_reach_the_plan_as_paragraphs():
    document = Document()
    document.add_paragraph("Priority 1: Road Safety")
    table = _table(
        document, [["", "Action", "Lead", "Measure"], ["1.1", "Speedwatch", "Police", ""]]
    )
    table.cell(1, 3).text = "Sessions held"
    table.cell(1, 3).add_paragraph("Letters sent")
    action = read_docx(_save(document), "plan.docx").priorities[0].actions[0]
    assert "Sessions held" in action.measure and "Letters sent" in action.measure


def test_a_line_break_in_a_paragraph_starts_a_new_line():
    document = Document()
    run = document.add_paragraph().add_run("Thornbury Vale")
    run.add_break()
    run.add_text("Action Plan 2025/26")
    assert docx_text(_save(document), "p.docx").splitlines()[:3] == [
        "Thornbury Vale",
        "",
        "Action Plan 2025/26",
    ]


def test_content_controls_are_looked_into_and_deletions_skipped():
    document = Document()
    paragraph = document.add_paragraph("Inside a content control")
    deleted = document.add_paragraph("kept ")
    run = deleted.add_run("struck")
    body = document.element.body
    sdt = body.makeelement(qn("w:sdt"), {})
    content = body.makeelement(qn("w:sdtContent"), {})
    sdt.append(content)
    paragraph._p.addprevious(sdt)
    content.append(paragraph._p)
    removal = body.makeelement(qn("w:del"), {})
    run._r.addprevious(removal)
    removal.append(run._r)
    text = docx_text(_save(document), "p.docx")
    assert "Inside a content control" in text
    assert "kept" in text and "struck" not in text


def test_a_hostile_grid_span_is_clamped():
    document = Document()
    table = _table(document, [["a", "b"]])
    tc_pr = table.cell(0, 0)._tc.get_or_add_tcPr()
    span = tc_pr.makeelement(qn("w:gridSpan"), {qn("w:val"): "999999999"})
    tc_pr.append(span)
    row = docx_text(_save(document), "p.docx").splitlines()[0]
    assert row.count("\t") < 100


def test_a_document_with_no_plan_in_it_is_refused():
    document = Document()
    document.add_paragraph("Minutes of the meeting held on Tuesday")
    with pytest.raises(PlanImportError):
        read_docx(_save(document), "minutes.docx")


def test_bytes_that_are_not_a_docx_are_refused():
    with pytest.raises(PlanImportError, match="Word document is damaged"):
        read_docx(b"PK\x03\x04 nonsense", "plan.docx")


# --- seeds round trip: each seed written as Word reads back as the text does ------------------


def seed_as_docx(text: str) -> bytes:
    """A Word document holding ``text``: a paragraph per line, a table per run of tab rows.

    A blank line inside a run of tab-separated lines (a page break in the
    extract) ends the table, as a page break in Word often splits one.
    """
    document = Document()
    run: list[list[str]] = []

    def flush() -> None:
        if run:
            width = max(len(cells) for cells in run)
            _table(document, [cells + [""] * (width - len(cells)) for cells in run])
            run.clear()

    for line in text.splitlines():
        if "\t" in line:
            run.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            document.add_paragraph(line)
    flush()
    return _save(document)


SEEDS = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("number", SEEDS)
def test_a_seed_written_as_word_reads_like_its_text(seed_path, number):
    path = seed_path(number)
    name, text = path.name, path.read_text(encoding="utf-8")
    from_text = parse_text(text, name)
    from_word = read_docx(seed_as_docx(text), name)
    shape = [(p.ref, p.title, p.group, p.subsidiary, len(p.actions)) for p in from_text.priorities]
    assert [
        (p.ref, p.title, p.group, p.subsidiary, len(p.actions)) for p in from_word.priorities
    ] == shape
    assert from_word.action_count() == from_text.action_count()
    assert (from_word.year, len(from_word.targets)) == (from_text.year, len(from_text.targets))


def test_the_docx_text_of_a_seed_shaped_document_keeps_its_rows(seed_path):
    text = seed_path("004").read_text(encoding="utf-8")
    lines = docx_text(seed_as_docx(text), "seed.docx").splitlines()
    original = [line for line in text.splitlines() if "\t" in line]
    assert [line for line in lines if "\t" in line] == original
