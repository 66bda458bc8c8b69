"""extractors/dates.py: UK dates read day first, invalid calendar dates refused, spans kept."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import find_dates, parse_uk_date


class Case(NamedTuple):
    id: str
    raw: str
    value: date | None


# The header dates of the seed era and the "dates (UK order)".
FROM_SEED = [
    Case("long-month", "06 September 2019", date(2019, 9, 6)),
    Case("numeric-day-first", "03/04/2022", date(2022, 4, 3)),
    Case("ordinal", "3rd April 2022", date(2022, 4, 3)),
]

# Variants modelled on dates as decision pages and signed forms print them.
FROM_SAMPLES = [
    Case("sept", "6 Sept 2019", date(2019, 9, 6)),
    Case("abbrev-dot", "12 Jun. 2020", date(2020, 6, 12)),
    Case("weekday", "Monday 6 September 2019", date(2019, 9, 6)),
    Case("of", "1st of April 2022", date(2022, 4, 1)),
    Case("comma-before-year", "3 April, 2022", date(2022, 4, 3)),
    Case("month-first-letter-style", "April 3rd, 2022", date(2022, 4, 3)),
    Case("two-digit-year", "30/11/15", date(2015, 11, 30)),
    Case("dotted", "03.04.22", date(2022, 4, 3)),
    Case("iso", "2022-04-03", date(2022, 4, 3)),
    Case("trailing-full-stop", "06 September 2019.", date(2019, 9, 6)),
    Case("leap-day", "29 February 2024", date(2024, 2, 29)),
    Case("not-a-leap-year", "29 February 2023", None),
    Case("impossible-day", "31/02/2022", None),
    Case("financial-year", "2021/22", None),
    Case("month-and-year-only", "September 2019", None),
    Case("not-a-month", "3 Aprile 2022", None),
    Case("empty", "", None),
    Case("us-numeric-is-not-guessed", "12/31/2022", None),
]

BUGS_CAUGHT = [
    # forms print "3-Apr-22": day-month-year joined by hyphens
    Case("hyphen-abbrev", "3-Apr-22", date(2022, 4, 3)),
    Case("hyphen-long", "1-March-2022", date(2022, 3, 1)),
]

KNOWN_GAPS = [
    # PDF text sometimes sets a superscript ordinal apart from its day
    Case("superscript-ordinal-split", "3 rd April 2022", date(2022, 4, 3)),
    # a legal-form long date
    Case("day-of-month", "6th day of September 2019", date(2019, 9, 6)),
]


def _params(cases: list[Case], *marks: pytest.MarkDecorator) -> list[object]:
    return [pytest.param(c, id=c.id, marks=marks) for c in cases]


@pytest.mark.parametrize(
    "case",
    [
        *_params(FROM_SEED),
        *_params(FROM_SAMPLES),
        *_params(BUGS_CAUGHT),
        *_params(KNOWN_GAPS, pytest.mark.xfail(strict=True)),
    ],
)
def test_parse_uk_date(case: Case) -> None:
    assert parse_uk_date(case.raw) == case.value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "Signed 06 September 2019 and published 3rd October 2019.",
            [("06 September 2019", date(2019, 9, 6)), ("3rd October 2019", date(2019, 10, 3))],
            id="two-in-a-sentence",
        ),
        pytest.param("Section 1.2. of the 2021/22 budget, £1.5m.", [], id="numbers-that-are-not-dates"),
        pytest.param("Version 03.04.2022.1 of the form", [], id="dotted-version-number"),
        pytest.param(
            "From 1/4/22 to 31/3/23",
            [("1/4/22", date(2022, 4, 1)), ("31/3/23", date(2023, 3, 31))],
            id="short-numeric-range",
        ),
    ],
)
def test_find_dates(text: str, found: list[tuple[str, date]]) -> None:
    assert [(d.text, d.value) for d in find_dates(text)] == found


# Property tests: fragments of dates and the numbers that look like them.
_FRAGMENTS = st.sampled_from(
    [
        "06",
        "3rd",
        "31",
        "29",
        " ",
        "\n",
        "/",
        ".",
        "-",
        "September",
        "Sept",
        "Feb",
        "of",
        "2019",
        "22",
        "1999",
        "2021/22",
        "Monday ",
        ",",
        "1.1.",
    ]
)
_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=25).map("".join)


def _check_dates(text: str) -> None:
    for d in find_dates(text):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start : d.end] == d.text
        assert parse_uk_date(d.text) == d.value


@given(_TEXT)
def test_dates_property(text: str) -> None:
    _check_dates(text)


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)))
def test_dates_round_trip(value: date) -> None:
    assert parse_uk_date(value.strftime("%d %B %Y")) == value
    assert parse_uk_date(value.strftime("%d/%m/%Y")) == value
    assert parse_uk_date(value.strftime("%d/%m/%y")) == value


@pytest.mark.fuzz
@settings(max_examples=10_000, deadline=None)
@given(_TEXT)
def test_dates_fuzz(text: str) -> None:
    _check_dates(text)
