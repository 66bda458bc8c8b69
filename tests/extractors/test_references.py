"""extractors/references.py: every cited decision once, own code and header/closing link left out,
contract references ignored, relation typed from the words around the mention."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.codes import normalise_code
from extractors.references import find_references

# A page header in the 2018-2022 form: the own code sits in the key-information block.
HEAD = (
    "Home\n\nPCD 900 - Example decision\n\nKey information\n\nReference code: PCD 900\n\n"
    "Decision by: Jo Bloggs, Deputy Mayor, Policing and Crime\n\nExecutive summary\n\n"
)


class Case(NamedTuple):
    id: str
    body: str  # the decision's content, after HEAD
    refs: list[tuple[str, str]]  # (code, relation) in order of first mention
    own: str | None = None  # own code passed by the caller (else read from HEAD)


FROM_SEED = [
    Case(
        "seed-grant-variation",
        "The grant was first approved in PCD 988 and is now varied.",
        [("PCD 988", "varies")],
    ),
    Case("run-together", "This builds on PCD697.", [("PCD 697", "cites")]),
    Case(
        "pair-in-brackets",
        "Funding was agreed (PCD 890 and 1561).",
        [("PCD 890", "approved_earlier"), ("PCD 1561", "approved_earlier")],
    ),
    Case("dmpcd-slash", "See DMPCD 2016/123 for the scheme.", [("DMPCD 2016 123", "cites")]),
    Case("ceod", "Under CEOD 24-2023 the contract was extended.", [("CEOD 24-2023", "extends")]),
    Case("mayoral-and-director", "As in MD2345 and DD1234.", [("MD 2345", "cites"), ("DD 1234", "cites")]),
    Case("contract-ref-is-not-a-decision", "Call-off contract MOPAC 937-01 applies.", []),
]

FROM_SAMPLES = [
    Case("dmpcd-old", "Following DMPCD 2013/96, the pilot ran.", [("DMPCD 2013 96", "cites")]),
    Case("dmpcd-hyphen", "DMPCD 2016-36 set the budget.", [("DMPCD 2016 36", "cites")]),
    Case("ceod-spaced", "Delegated by CEOD 35 - 2024.", [("CEOD 35-2024", "cites")]),
    Case(
        "plural-list",
        "PCDs 810, 811 and 1561 were approved earlier.",
        [("PCD 810", "approved_earlier"), ("PCD 811", "approved_earlier"), ("PCD 1561", "approved_earlier")],
    ),
    Case("repeated-type", "See PCD 1047, PCD 1078.", [("PCD 1047", "cites"), ("PCD 1078", "cites")]),
    Case("supersedes", "This decision supersedes PCD 12.", [("PCD 12", "supersedes")]),
    Case("replaces", "It replaces PCD 77 in full.", [("PCD 77", "supersedes")]),
    Case("extends", "This extends PCD 100 by a year.", [("PCD 100", "extends")]),
    Case("strongest-cue-wins", "PCD 5 set up the fund.\n\nThis varies PCD 5.", [("PCD 5", "varies")]),
    Case("each-code-once", "PCD 44 and later PCD 44 again.", [("PCD 44", "cites")]),
    Case("own-code-in-body-excluded", "This is PCD 900. It cites PCD 901.", [("PCD 901", "cites")]),
    Case("own-code-from-caller", "It cites PCD 901 and PCD 902.", [("PCD 902", "cites")], own="PCD 901"),
    Case("count-after-and", "Under PCD 890 and 15 officers were hired.", [("PCD 890", "cites")]),
    Case("percentage-after-and", "PCD 890 and 15% more.", [("PCD 890", "cites")]),
    Case("programme-code", "The NPP02-2021 programme.", []),
    Case("nothing", "No other decision is cited.", []),
]

BUGS_CAUGHT = [
    # a continued number closing a sentence ("... PCD 890 & 1561.") was dropped
    Case(
        "continued-number-then-full-stop",
        "Approved under PCD 890 & 1561.",
        [("PCD 890", "approved_earlier"), ("PCD 1561", "approved_earlier")],
    ),
    # a decimal after "and" is a figure, not a code
    Case("decimal-after-and", "PCD 890 and 1561.5 hours", [("PCD 890", "cites")]),
    # the closing "Signed decision document" link names the page itself, not a citation
    Case("closing-link-skipped", "Text.\n\nSigned decision document\n\nPCD 3 Other thing\n", []),
]

BUGS_CAUGHT += [
    # probe 3: a slash between two PCD numbers names two decisions (a PCD number carries no year)
    Case("slash-pair", "See PCD 890/1561.", [("PCD 890", "cites"), ("PCD 1561", "cites")]),
    Case(
        "slash-pair-then-words",
        "The contracts extended in PCD 690/712 end in March.",
        [("PCD 690", "extends"), ("PCD 712", "extends")],
    ),
    # ... but a DMPCD code's slash separates its year and number: one decision
    Case("dmpcd-slash-is-one", "As DMPCD 2016/123 set out.", [("DMPCD 2016 123", "cites")]),
    # ... and a financial year after a PCD number is not a second code
    Case("fy-after-pcd", "Under PCD 2021/22 funding.", [("PCD 2021", "cites")]),
    # probe 3: a hyphen between the type and the number ("PCD-198")
    Case("hyphenated-code", "Cameras were rolled out (PCD-198).", [("PCD 198", "cites")]),
    Case("en-dash-code", "See PCD– 77 and MD-2345.", [("PCD 77", "cites"), ("MD 2345", "cites")]),
]

KNOWN_GAPS: list[Case] = []


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
def test_find_references(case: Case) -> None:
    text = HEAD + case.body
    got = find_references(text, own_code=case.own)
    assert [(r.code, r.relation) for r in got] == case.refs
    for r in got:
        assert text[r.start : r.end] == r.raw


def test_header_and_title_codes_are_not_citations() -> None:
    assert find_references(HEAD + "Nothing else.") == []


def test_raw_keeps_printed_form() -> None:
    got = find_references(HEAD + "See PCD697 (PCD 890 and 1561).")
    assert [r.raw for r in got] == ["PCD697", "PCD 890", "1561"]


# Property tests: code-like fragments, list glue and header labels in any order.
_FRAGMENTS = st.sampled_from(
    [
        "PCD ",
        "PCDs ",
        "PCD",
        "DMPCD 2016/",
        "CEOD 24-",
        "MD",
        "12",
        "890",
        "1561",
        "2023",
        " and ",
        ", ",
        " & ",
        "(",
        ")",
        ".",
        "%",
        "\n",
        "Key information\n",
        "Reference code: ",
        "Signed decision document\n",
        "varies ",
        "approved ",
        "MOPAC 937-01",
        " ",
    ]
)
_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=30).map("".join)


def _check_references(text: str) -> None:
    got = find_references(text)
    codes = [r.code for r in got]
    assert len(codes) == len(set(codes))
    for r in got:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start : r.end] == r.raw
        assert normalise_code(r.code) == r.code
        assert r.relation in {"cites", "varies", "extends", "supersedes", "approved_earlier"}


@given(_TEXT)
def test_references_property(text: str) -> None:
    _check_references(text)


@pytest.mark.fuzz
@settings(max_examples=10_000, deadline=None)
@given(_TEXT)
def test_references_fuzz(text: str) -> None:
    _check_references(text)


def test_a_code_cited_in_the_title_is_a_reference_but_the_leading_own_code_is_not() -> None:
    """Probe 12: "(PCD 988 variation)" in the title was skipped with the header block."""
    page = (
        "Home\n\nPCD 1623 – Custody Nursing Extension (PCD 988 variation)\n\nKey information\n\n"
        "Reference code: PCD 1623\n\nDecision by: Jo Example, Deputy Mayor, Policing and Crime\n\n"
        "Executive summary\n\nThis extends the contract for a year."
    )
    assert [(r.code, r.relation) for r in find_references(page)] == [("PCD 988", "varies")]


def test_a_title_code_that_differs_from_the_key_information_code_is_not_a_reference() -> None:
    page = "PCD 1634 Youth Fund\n\nKey information\n\nReference code: PCD 1635\n\nExecutive summary\n\nText."
    assert find_references(page) == []
