"""How the raw store writes and reads times: UTC ISO 8601 text in SQLite, ``datetime``/``date`` in Python.

>>> iso_utc(parse_datetime("2024-05-01T12:00:00+01:00"))
'2024-05-01T11:00:00+00:00'
>>> parse_date("2024-05-01"), parse_date(None)
(datetime.date(2024, 5, 1), None)
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso_utc(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def parse_datetime(value: str) -> datetime:
    return datetime.fromisoformat(value)


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
