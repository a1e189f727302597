"""Markup remnants and whitespace in extracted text."""

from __future__ import annotations

import re

import pytest

from saferplan.importing.cleanup import clean_text, join_text, split_cells, strip_bullet


def test_paragraphs():
    assert clean_text("<p>One.</p> <p>Two &amp; three</p>") == "One.\nTwo & three"


def test_list_without_li_tags():
    cell = 'Lead in: <ul style="list-style-type: none"> • First item • Second  item'
    assert clean_text(cell) == "Lead in:\n• First item\n• Second item"


def test_dash_list_inside_ul():
    cell = "Ensure: <ul> - Risk assessed - Referrals made </ul>"
    assert clean_text(cell) == "Ensure:\n• Risk assessed\n• Referrals made"


def test_li_tags_and_br():
    assert clean_text("<ul><li>a</li><li>b<br>c</li></ul>") == "• a\n• b\nc"


def test_entities_and_double_escaping():
    assert (
        clean_text("Fire &amp;amp; Rescue&nbsp;Service &#39;x&#39;") == "Fire & Rescue Service 'x'"
    )


def test_whitespace_and_bold_markers():
    assert clean_text("  **Background\t  Papers:**  ") == "Background Papers:"


def test_dash_lines_are_bullets_in_prose_but_signs_in_cells():
    assert clean_text("- Domestic abuse") == "• Domestic abuse"
    assert split_cells("Reduce burglary\t273\t- 7%") == ["Reduce burglary", "273", "- 7%"]


def test_helpers():
    assert strip_bullet("• item") == "item"
    assert strip_bullet("- item") == "item"
    assert join_text("Deliver RUSH programmes to", "secondary schools") == (
        "Deliver RUSH programmes to secondary schools"
    )
    assert join_text("", "x") == "x"
    assert join_text("x", None) == "x"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_markup_debris_in_any_parsed_string(parse_seed, prefix):
    plan = parse_seed(prefix)
    debris = re.compile(r"<|>|&[A-Za-z]+;|&#\d|\t|\*\*|  |^\s|\s$")
    bad = [s for s in _strings(plan.to_json()) if debris.search(s)]
    assert bad == []
