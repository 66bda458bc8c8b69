"""extractors/listing.py: the "Showing a-b of N results" figures and every entry, label code over
heading code, cut-off last entries kept only when readable."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.listing import is_listing, read_listing

TOP = "Skip to main content\nHome\nShowing 81-100 of 1,627 results found\n\nMOPAC decisions\n\n"


def entry(heading: str, code: str, summary: str = "A summary.", signed: str = "") -> str:
    return (
        f"  • {heading}\n\n    Page type: Decision\n\n    • Date signed:{' ' + signed if signed else ''}\n"
        f"    • Date published:\n    • Reference code: {code}\n    {summary}\n"
    )


class Case(NamedTuple):
    id: str
    text: str
    figures: tuple[int | None, int | None, int | None]  # total, first, last
    entries: list[tuple[str | None, str | None]]  # (code, title)
    flagged: int = 0  # entries carrying a code_mismatch flag


FROM_SEED = [
    Case(
        "two-entries",
        TOP
        + entry("PCD 1682 Alpha - Social Media Hub", "PCD 1682")
        + entry("PCD 1625 Q3 Report", "PCD 1625"),
        (1627, 81, 100),
        [("PCD 1682", "Alpha - Social Media Hub"), ("PCD 1625", "Q3 Report")],
    ),
]

FROM_SAMPLES = [
    Case(
        "dash-separated-title",
        TOP + entry("PCD 1500 - Fleet Review", "PCD 1500"),
        (1627, 81, 100),
        [("PCD 1500", "Fleet Review")],
    ),
    Case(
        "heading-label-mismatch",
        TOP + entry("PCD 1328 Girls Extension", "PCD 1329"),
        (1627, 81, 100),
        [("PCD 1329", "Girls Extension")],
        flagged=1,
    ),
    Case(
        "heading-without-code",
        TOP + entry("Estates Strategy", "PCD 12"),
        (1627, 81, 100),
        [("PCD 12", "Estates Strategy")],
    ),
    Case(
        "dmpcd-entry",
        TOP + entry("DMPCD 2015 132 - Investment Requests", "DMPCD 2015 132"),
        (1627, 81, 100),
        [("DMPCD 2015 132", "Investment Requests")],
    ),
    Case(
        "cut-inside-title",
        TOP + entry("PCD 7 Fleet", "PCD 7") + "  • PCD 8 Estates Str",
        (1627, 81, 100),
        [("PCD 7", "Fleet"), ("PCD 8", "Estates Str")],
    ),
    Case(
        "cut-inside-code-dropped",
        TOP + entry("PCD 7 Fleet", "PCD 7") + "  • PCD 1",
        (1627, 81, 100),
        [("PCD 7", "Fleet")],
    ),
    Case(
        "cut-inside-summary",
        TOP + entry("PCD 7 Fleet", "PCD 7", summary="The fleet is ol"),
        (1627, 81, 100),
        [("PCD 7", "Fleet")],
    ),
    Case(
        "codes-in-summaries-are-not-entries",
        TOP + entry("PCD 7 Fleet", "PCD 7", summary="Varies PCD697 and PCD 890."),
        (1627, 81, 100),
        [("PCD 7", "Fleet")],
    ),
    Case(
        "no-results-line",
        entry("PCD 7 Fleet", "PCD 7") + entry("PCD 8 Estates", "PCD 8"),
        (None, None, None),
        [("PCD 7", "Fleet"), ("PCD 8", "Estates")],
    ),
    Case(
        "first-page-small-total",
        "Showing 1 – 20 of 1495 results\n\n" + entry("PCD 3 Grants", "PCD 3"),
        (1495, 1, 20),
        [("PCD 3", "Grants")],
    ),
]

BUGS_CAUGHT = [
    # a "Reference code:" value cut at the very end must not override the heading's complete code
    Case(
        "label-value-cut",
        TOP + "  • PCD 1234 Fleet\n\n    Page type: Decision\n\n    • Reference code: PCD 12",
        (1627, 81, 100),
        [("PCD 1234", "Fleet")],
    ),
    # probe 7: older listings say "Showing 1581 to 1600 of 1650 results": the figures came back null
    Case(
        "showing-to-range",
        "Home\nShowing 1581 to 1600 of 1,650 results found\n\n" + entry("PCD 21 Fleet Review", "PCD 21"),
        (1650, 1581, 1600),
        [("PCD 21", "Fleet Review")],
    ),
    Case(
        # "to" needs spaces round it: "1to20" is no range
        "showing-to-needs-spaces",
        "Home\nShowing 1to20 of 99 results\n\n" + entry("PCD 22 Estates", "PCD 22"),
        (None, None, None),
        [("PCD 22", "Estates")],
    ),
]

KNOWN_GAPS = [
    # entries rendered without bullets or "Page type:" lines are not recognised
    Case(
        "unbulleted-entries",
        "Showing 1-20 of 99 results\n\nPCD 7 Fleet\nReference code: PCD 7\n\nPCD 8 Estates\n"
        "Reference code: PCD 8\n",
        (99, 1, 20),
        [("PCD 7", "Fleet"), ("PCD 8", "Estates")],
    ),
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
def test_read_listing(case: Case) -> None:
    page = read_listing(case.text)
    assert (page.total_results, page.first, page.last) == case.figures
    assert [(e.reference_code, e.title) for e in page.entries] == case.entries
    assert sum(1 for e in page.entries if any(f.startswith("code_mismatch") for f in e.flags)) == case.flagged
    _check_entries(case.text)


def test_entry_dates_and_summary() -> None:
    page = read_listing(TOP + entry("PCD 7 Fleet", "PCD 7", summary="About fleets.", signed="06 May 2020"))
    (e,) = page.entries
    assert e.date_signed == date(2020, 5, 6)
    assert e.summary == "About fleets."
    assert not e.truncated


def test_is_listing() -> None:
    assert is_listing(TOP)
    assert is_listing(entry("PCD 7 Fleet", "PCD 7") + entry("PCD 8 Estates", "PCD 8"))
    assert not is_listing("Key information\nReference code: PCD 7\n")


def _check_entries(text: str) -> None:
    page = read_listing(text)
    for e in page.entries:
        assert 0 <= e.start <= e.end <= len(text)
        assert e.reference_code is not None or e.title is not None
        if e.title is not None:
            assert e.title.split()[0] in text[e.start : e.end]


# Property tests: listing lines, labels and codes in any order.
_FRAGMENTS = st.sampled_from(
    [
        "Showing 81-100 of 1627 results found\n",
        "  • ",
        "    • ",
        "PCD 1682 ",
        "PCD 1",
        "Alpha - Hub",
        "\n",
        "\n\n",
        "    Page type: Decision\n",
        "Reference code: ",
        "PCD 1329",
        "Date signed: ",
        "06 May 2020",
        "summary text",
        " ",
        ":",
    ]
)
_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=30).map("".join)


@given(_TEXT)
def test_listing_property(text: str) -> None:
    _check_entries(text)


@pytest.mark.fuzz
@settings(max_examples=10_000, deadline=None)
@given(_TEXT)
def test_listing_fuzz(text: str) -> None:
    _check_entries(text)
