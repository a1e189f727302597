"""Column values to JSON and back, the same on every database.

Values are written as plain JSON where JSON has the type, and as text
otherwise (decimals, dates and times in ISO 8601 at full precision, durations,
UUIDs, bytes in base64).  On the way back each model field turns the text into
its own type (``field.to_python``) and then into what its database expects.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import uuid
from typing import Any

from django.utils.duration import duration_string


def to_json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write a {type(value).__name__} to a backup")


def from_json(field, value: Any, connection) -> Any:
    """What to bind for ``field`` in an INSERT on ``connection``."""
    if value is None:
        return None
    if field.get_internal_type() != "JSONField":
        value = field.to_python(value)
    return field.get_db_prep_save(value, connection)
