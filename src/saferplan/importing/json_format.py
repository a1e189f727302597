"""SaferPlan's own JSON plan format: ``ParsedPlan.to_json()`` written out, and read back.

The format is exactly the import contract in ``saferplan.importing.document``:
one object with the ``ParsedPlan`` fields, priorities holding actions holding
updates.  A list holding exactly one such object is accepted too (that is what
some tools write).  Validation follows the dataclasses themselves, so a field
added to the contract is read without a change here:

* a field with no default whose type does not allow ``None`` is required
  (``priorities[0].title``, ``...actions[0].text``, ``glossary[0].term``);
* a field that may be ``None`` may be left out; so may lists (empty);
* values are checked for type (strings stay strings: "33", not 33), update
  statuses must be one of ``UPDATE_STATUSES``, unknown keys are refused
  (usually a typo) except ``id`` (``export-plan`` writes the stored plan's id,
  which means nothing to another site) and keys starting with ``$`` (``"$schema"``).

Every error names the JSON path: ``priorities[2].actions[0].text: expected a string``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from saferplan.importing import document
from saferplan.importing.document import UPDATE_STATUSES, ParsedPlan, PlanImportError

_LIST_OF = re.compile(r"^list\[(\w+)\]$")


def dump_json(plan: ParsedPlan) -> str:
    """The plan as SaferPlan JSON (UTF-8 text, two-space indent, non-ASCII kept)."""
    return json.dumps(plan.to_json(), indent=2, ensure_ascii=False) + "\n"


def read_json(data: bytes | str, source: str) -> ParsedPlan:
    """Parse SaferPlan JSON into a ``ParsedPlan``, refusing anything off-contract."""
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PlanImportError("a JSON file must be UTF-8 text", source=source) from exc
    try:
        value = json.loads(data.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise PlanImportError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", source=source, line=exc.lineno
        ) from exc
    except (ValueError, RecursionError) as exc:
        # Python refuses integers over 4,300 digits and very deep nesting.
        raise PlanImportError(f"not valid JSON: {exc}", source=source) from exc
    if isinstance(value, list):
        if not value:
            raise PlanImportError("the JSON list holds no plan", source=source)
        if len(value) > 1:
            raise PlanImportError(f"one plan per file: this list holds {len(value)}", source=source)
        value, root = value[0], "[0]"
    else:
        root = ""
    try:
        return _build(ParsedPlan, value, root)
    except _Invalid as exc:
        raise PlanImportError(
            f"{exc.path or 'the top level'}: {exc.message}", source=source
        ) from None


class _Invalid(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _build(cls: type, value: Any, path: str) -> Any:
    """Build dataclass ``cls`` from ``value`` (a JSON object found at ``path``)."""
    if not isinstance(value, dict):
        raise _Invalid(path, f"expected an object, found {_kind(value)}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in value:
        if key not in fields and not _ignored(key):
            known = ", ".join(fields)
            raise _Invalid(_join(path, key), f"unknown key (expected one of: {known})")
    kwargs: dict[str, Any] = {}
    for name, spec in fields.items():
        where = _join(path, name)
        type_text = str(spec.type).replace(" ", "")
        has_default = (
            spec.default is not dataclasses.MISSING
            or spec.default_factory is not dataclasses.MISSING
        )
        if name not in value:
            if has_default:
                continue
            if type_text.endswith("|None"):
                kwargs[name] = None
                continue
            raise _Invalid(where, "is required")
        kwargs[name] = _convert(type_text, value[name], where)
    if cls is document.ParsedUpdate and kwargs.get("status") not in (None, *UPDATE_STATUSES):
        raise _Invalid(
            _join(path, "status"), f"expected null or one of: {', '.join(UPDATE_STATUSES)}"
        )
    return cls(**kwargs)


def _convert(type_text: str, value: Any, where: str) -> Any:
    """Check ``value`` against a field's annotation (as written in document.py)."""
    if type_text.endswith("|None"):
        if value is None:
            return None
        type_text = type_text.removesuffix("|None")
    if type_text == "str":
        if not isinstance(value, str):
            raise _Invalid(where, f"expected a string, found {_kind(value)}")
        return value
    if type_text == "bool":
        if not isinstance(value, bool):
            raise _Invalid(where, f"expected true or false, found {_kind(value)}")
        return value
    match = _LIST_OF.match(type_text)
    if match:
        if not isinstance(value, list):
            raise _Invalid(where, f"expected a list, found {_kind(value)}")
        item_type = match.group(1)
        if item_type == "str":
            return [_convert("str", item, f"{where}[{i}]") for i, item in enumerate(value)]
        item_cls = getattr(document, item_type)
        return [_build(item_cls, item, f"{where}[{i}]") for i, item in enumerate(value)]
    raise TypeError(f"json_format cannot read a field of type {type_text!r}")  # contract changed


def _ignored(key: str) -> bool:
    return key == "id" or key.startswith("$")


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
