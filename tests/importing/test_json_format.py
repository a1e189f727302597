"""SaferPlan JSON: the import contract written out and read back, with exact errors."""

from __future__ import annotations

import json

import pytest

from saferplan.demo.thornbury_vale import plan_2025_26
from saferplan.importing.document import ParsedPlan, ParsedPriority, PlanImportError
from saferplan.importing.json_format import dump_json, read_json


def _doc(**plan) -> str:
    base = {"partnership": "Ashcombe CSP", "title": "Plan", "year": "2025/26", "priorities": []}
    return json.dumps(base | plan)


def _error(text: str | bytes) -> str:
    with pytest.raises(PlanImportError) as caught:
        read_json(text, "plan.json")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("plan.json")
    return message


def test_dump_then_read_gives_an_equal_plan():
    plan = plan_2025_26()
    assert read_json(dump_json(plan), "plan.json") == plan


def test_round_trip_keeps_warnings_and_non_ascii_text():
    plan = ParsedPlan("Café CSP", "Plan – 2025/26", "2025/26", warnings=["£5 “quoted”"])
    plan.priorities.append(ParsedPriority(ref=None, title="Sécurité", subsidiary=True))
    text = dump_json(plan)
    assert "£5 “quoted”" in text  # ensure_ascii=False
    assert text.startswith('{\n  "partnership"')  # indent=2
    assert read_json(text.encode("utf-8"), "plan.json") == plan


def test_it_accepts_a_list_holding_exactly_one_plan():
    plan = read_json("[" + _doc() + "]", "plan.json")
    assert plan.partnership == "Ashcombe CSP"


def test_it_refuses_several_plans_in_one_file():
    assert "one plan per file" in _error("[" + _doc() + "," + _doc() + "]")


def test_it_refuses_an_empty_list():
    assert "holds no plan" in _error("[]")


def test_it_reads_utf8_with_a_byte_order_mark():
    assert read_json(b"\xef\xbb\xbf" + _doc().encode(), "plan.json").year == "2025/26"


def test_missing_optional_keys_default():
    plan = read_json('{"priorities": [{"title": "ASB"}]}', "plan.json")
    assert plan.partnership is None and plan.targets == []
    assert plan.priorities[0] == ParsedPriority(ref=None, title="ASB")


def test_a_wrong_type_names_its_json_path():
    priorities = [{"title": f"P{i}", "actions": []} for i in range(3)]
    priorities[2]["actions"] = [{"ref": "3.1", "text": 42}]
    message = _error(_doc(priorities=priorities))
    assert message == "plan.json: priorities[2].actions[0].text: expected a string, found a number"


def test_a_missing_required_key_names_its_path():
    message = _error(_doc(priorities=[{"ref": "1"}]))
    assert message.endswith("priorities[0].title: is required")


def test_an_unknown_key_is_refused_but_ids_and_dollar_keys_are_ignored():
    assert "priorities[0].titel: unknown key" in _error(_doc(priorities=[{"titel": "ASB"}]))
    extras = {"$schema": "https://example.org/plan", "id": 7}  # export-plan writes "id"
    assert read_json(_doc(**extras), "p.json").title == "Plan"


def test_update_status_must_be_one_of_the_contract_values():
    action = {"text": "Patrol", "updates": [{"period": "2025/26 Q1", "status": "green"}]}
    message = _error(_doc(priorities=[{"title": "ASB", "actions": [action]}]))
    assert "priorities[0].actions[0].updates[0].status: expected null or one of" in message


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        ({"priorities": {}}, "priorities: expected a list, found an object"),
        ({"priorities": [{"title": "A", "subsidiary": "yes"}]}, "expected true or false"),
        ({"priorities": [{"title": "A", "leads": ["Police", 7]}]}, "priorities[0].leads[1]"),
        ({"warnings": "x"}, "warnings: expected a list, found a string"),
        ({"glossary": [{"term": "ASB"}]}, "glossary[0].meaning: is required"),
        ({"targets": [None]}, "targets[0]: expected an object, found null"),
        ({"year": 2025}, "year: expected a string, found a number"),
    ],
)
def test_type_errors(plan, expected):
    assert expected in _error(_doc(**plan))


def test_the_top_level_must_be_an_object():
    assert "the top level: expected an object, found a string" in _error('"plan"')


def test_broken_json_reports_the_line():
    with pytest.raises(PlanImportError) as caught:
        read_json('{\n  "title": "x",\n  oops\n}', "plan.json")
    assert caught.value.line == 3
    assert "not valid JSON" in str(caught.value)


def test_non_utf8_bytes_are_refused():
    assert "must be UTF-8" in _error(b'{"title": "\xa3"}')


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"title": ' + "9" * 5000 + "}"])
def test_pathological_json_is_refused_cleanly(text):
    _error(text)
