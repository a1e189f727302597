"""Ways to damage a valid file, for hypothesis: bytes, text, zips, workbooks, CSV rows, JSON.

Each function takes hypothesis's ``draw`` and a valid input and returns a damaged
copy; tests start from real files (the demo plans, a downloaded returns workbook, a
police.uk street CSV), so most damage reaches the code past the first sanity check.
"""

from __future__ import annotations

import copy
import csv
import io
import math
import zipfile
from datetime import date, datetime

from hypothesis import strategies as st

JUNK_TEXT = st.sampled_from(
    ["", " ", "\t", "\n", "\x00", "\x07", "\ufeff", "\u202e", "=1/0", "=A1", "N/A", "1e400",
     "-0", "NaN", "Infinity", "2024/25 Q9", "1.1", "on_track", "x" * 5000, "é" * 300,
     "\ud7ff", "<b>", "'; DROP TABLE x; --", "\r\n", ",", '"', "a,b,c"]
) | st.text(max_size=40)  # fmt: skip
JUNK_CELL = (
    JUNK_TEXT
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([True, False, None, date(1900, 1, 1), datetime(9999, 12, 31, 23, 59)])
)


def flip_bytes(draw, data: bytes) -> bytes:
    """``data`` with one to eight bytes overwritten by random values."""
    raw = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return bytes(raw)


def truncate(draw, data: bytes) -> bytes:
    return data[: draw(st.integers(0, max(0, len(data) - 1)))]


def damage_bytes(draw, data: bytes) -> bytes:
    """Flipped bytes, a truncation, or both."""
    how = draw(st.sampled_from(["flip", "truncate", "both"]))
    if how in ("flip", "both"):
        data = flip_bytes(draw, data)
    if how in ("truncate", "both"):
        data = truncate(draw, data)
    return data


def mutate_text(draw, text: str, vocabulary: list[str]) -> str:
    """A few random edits: delete, duplicate or move a slice, insert a token."""
    for _ in range(draw(st.integers(1, 8))):
        if not text:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start, min(len(text), start + 400)))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "move"]))
        if op == "delete":
            text = text[:start] + text[end:]
        elif op == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif op == "insert":
            token = draw(st.sampled_from(vocabulary) | JUNK_TEXT)
            text = text[:start] + token + text[start:]
        else:
            where = draw(st.integers(0, len(text)))
            piece, rest = text[start:end], text[:start] + text[end:]
            text = rest[:where] + piece + rest[where:]
    return text


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


# -- workbooks -----------------------------------------------------------------------


def mutate_workbook(draw, data: bytes, *, sheet: str | None = None, header_row: int = 1) -> bytes:  # noqa: C901
    """A valid .xlsx with its cells changed: junk values, rows shuffled, moved, deleted or
    inserted, header cells swapped, sheets renamed.  Saved by openpyxl, so it still opens."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    worksheet = book[sheet] if sheet else book.worksheets[0]
    for _ in range(draw(st.integers(1, 6))):
        rows, cols = max(worksheet.max_row, 1), max(worksheet.max_column, 1)
        op = draw(
            st.sampled_from(
                ["junk", "junk", "shuffle", "swap_header", "delete", "insert", "rename"]
            )
        )
        if op == "junk":
            row, col = draw(st.integers(1, rows + 2)), draw(st.integers(1, cols + 2))
            value = draw(JUNK_CELL)
            if isinstance(value, float) and not math.isfinite(value):
                value = str(value)  # openpyxl cannot write NaN or infinity as a number
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
            if isinstance(value, int) and abs(value) > 2**53:
                value = str(value)
            worksheet.cell(row=row, column=col, value=value)
        elif op == "shuffle" and rows > header_row + 1:
            body = [[c.value for c in r] for r in worksheet.iter_rows(min_row=header_row + 1)]
            order = draw(st.permutations(range(len(body))))
            for index, source in enumerate(order):
                for col, value in enumerate(body[source], start=1):
                    worksheet.cell(row=header_row + 1 + index, column=col, value=value)
        elif op == "swap_header" and cols > 1:
            a, b = draw(st.integers(1, cols)), draw(st.integers(1, cols))
            first, second = worksheet.cell(header_row, a), worksheet.cell(header_row, b)
            first.value, second.value = second.value, first.value
        elif op == "delete":
            worksheet.delete_rows(draw(st.integers(1, rows)), draw(st.integers(1, 3)))
        elif op == "insert":
            worksheet.insert_rows(draw(st.integers(1, rows + 1)))
        elif op == "rename" and draw(st.integers(0, 4)) == 0:
            worksheet.title = draw(st.sampled_from(["Sheet1", "returns", "Returns ", "X"]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- CSV -----------------------------------------------------------------------------


def mutate_csv(draw, text: str) -> str:  # noqa: C901
    """A CSV with rows shuffled, duplicated or dropped, header names swapped, junk cells put
    in or taken out, quotes broken."""
    rows = list(csv.reader(io.StringIO(text)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(
            st.sampled_from(
                ["junk", "junk", "shuffle", "swap_header", "drop", "dup", "cells", "quote"]
            )
        )
        if not rows:
            rows = [[]]
        if op == "junk":
            row = draw(st.integers(0, len(rows) - 1))
            if rows[row]:
                col = draw(st.integers(0, len(rows[row]) - 1))
                rows[row][col] = draw(JUNK_TEXT)
        elif op == "shuffle" and len(rows) > 2:
            body = rows[1:]
            rows = rows[:1] + [body[i] for i in draw(st.permutations(range(len(body))))]
        elif op == "swap_header" and len(rows[0]) > 1:
            a = draw(st.integers(0, len(rows[0]) - 1))
            b = draw(st.integers(0, len(rows[0]) - 1))
            rows[0][a], rows[0][b] = rows[0][b], rows[0][a]
        elif op == "drop" and len(rows) > 1:
            del rows[draw(st.integers(1, len(rows) - 1))]
        elif op == "dup":
            rows.insert(draw(st.integers(1, len(rows))), copy.copy(rows[-1]))
        elif op == "cells":
            row = draw(st.integers(0, len(rows) - 1))
            if draw(st.booleans()) or not rows[row]:
                rows[row].insert(draw(st.integers(0, len(rows[row]))), draw(JUNK_TEXT))
            else:
                del rows[row][draw(st.integers(0, len(rows[row]) - 1))]
        elif op == "quote":
            row = draw(st.integers(0, len(rows) - 1))
            if rows[row]:
                rows[row][0] = '"' + rows[row][0]
    out = io.StringIO()
    csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(rows)
    return out.getvalue()


# -- JSON ----------------------------------------------------------------------------

JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | JUNK_TEXT
    | st.sampled_from(["2024/25 Q1", "2024/25", "on_track", "x" * 400])
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["title", "text", "period", "x"]), children, max_size=3)
    ),
    max_leaves=8,
)


def mutate_json(draw, value):
    """A copy of a JSON value with a few nodes replaced, removed or duplicated."""
    value = copy.deepcopy(value)
    for _ in range(draw(st.integers(1, 5))):
        nodes = list(_nodes(value))
        if not nodes:
            break
        parent, key = nodes[draw(st.integers(0, len(nodes) - 1))]
        op = draw(st.sampled_from(["replace", "replace", "delete", "duplicate"]))
        if op == "replace":
            parent[key] = draw(JSON_VALUE)
        elif op == "delete":
            del parent[key]
        elif isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        else:
            parent[key] = copy.deepcopy(parent[key])
    return value


def _nodes(value):
    """(container, key) for every value below ``value``, depth first."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in list(items):
        yield value, key
        if isinstance(child, dict | list):
            yield from _nodes(child)
