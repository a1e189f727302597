"""Input that is not a plan: one clear PlanImportError naming the source."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saferplan.importing.document import PlanImportError
from saferplan.importing.text import parse_lines, parse_text

PROSE = (
    "The weather in Kent was mild this spring.\n\n"
    "Residents enjoyed the parks, and the council repainted several benches.\n"
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t \n  ",
        PROSE,
        "\x00\x01\x02PK\x03\x04\x14\x00\x06\x00binary\x00\x00" * 20,
        "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\x00\x00\x00",
    ],
    ids=["empty", "whitespace", "prose", "zip-bytes", "pdf-bytes"],
)
def test_not_a_plan(text):
    with pytest.raises(PlanImportError) as raised:
        parse_text(text, "upload.txt")
    assert raised.value.source == "upload.txt"
    assert str(raised.value).startswith("upload.txt")
    assert "expected" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_parse_lines_reads_a_small_plan():
    plan = parse_lines(
        [
            "Priority 1: Road safety",
            "",
            "\tAction\tLead\tMeasure",
            "1.1\tRun a speed watch\tKent Police/KCC\tSessions held",
        ],
        "mini.docx",
    )
    assert plan.priorities[0].title == "Road safety"
    assert plan.priorities[0].actions[0].leads == ["Kent Police", "KCC"]


def test_rows_outside_any_known_table_are_warned():
    plan = parse_lines(
        [
            "Priority 1: Road safety",
            "\tAction\tLead\tMeasure",
            "1.1\tRun a speed watch\tKent Police\tSessions held",
            "",
            "Notes",
            "alpha\tbeta\tgamma",
        ],
        "mini.txt",
    )
    assert plan.action_count() == 1
    assert plan.warnings == [
        "mini.txt, line 6: table row not recognised, skipped: 'alpha | beta | gamma'"
    ]


_TABLEISH = st.sampled_from(
    ["\t", "\n", " ", "Priority 1: ", "Action", "Lead", "Measure", "Aim", "Qrt 1", "1.1", "<p>",
     "</p>", "<ul>", " • ", " - ", "&amp;", "Baseline", "Lead Partner: ", "Glossary", "é", "x"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200) | st.lists(_TABLEISH, max_size=60).map("".join))
def test_any_text_gives_a_plan_or_a_plan_import_error(text):
    try:
        plan = parse_text(text, "fuzz.txt")
    except PlanImportError as error:
        # Only the deliberate messages, never a wrapped internal failure.
        assert "could not be read as a plan" not in str(error)
    else:
        assert plan.priorities or plan.targets
