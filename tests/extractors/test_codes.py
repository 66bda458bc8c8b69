"""extractors/codes.py: decision codes recognised and normalised, contract references left alone."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.codes import CODE_RE, code_from_match, decision_id, normalise_code


class Case(NamedTuple):
    id: str
    raw: str
    code: str | None  # canonical code, None where the text holds no decision code


# The forms the issue lists (issue 5) and the seed page PCD 1240.
FROM_SEED = [
    Case("plain", "PCD 988", "PCD 988"),
    Case("run-together", "PCD697", "PCD 697"),
    Case("seed-own-code", "PCD 1240", "PCD 1240"),
    Case("dmpcd-slash", "DMPCD 2016/123", "DMPCD 2016 123"),
    Case("ceod-hyphen", "CEOD 24-2023", "CEOD 24-2023"),
    Case("mayoral", "MD2345", "MD 2345"),
    Case("director", "DD1234", "DD 1234"),
    Case("contract-ref", "MOPAC 937-01", None),
]

# Variants modelled on what real pages print (FORMAT.md).
FROM_SAMPLES = [
    Case("dmpcd-old-slash-zero", "DMPCD 2013/096", "DMPCD 2013 96"),
    Case("dmpcd-hyphen", "DMPCD 2016-36", "DMPCD 2016 36"),
    Case("dmpcd-spaced-label-form", "DMPCD 2015 132", "DMPCD 2015 132"),
    Case("dmpcd-run-together", "DMPCD2014/66", "DMPCD 2014 66"),
    Case("ceod-spaced-dash", "CEOD 35 - 2024", "CEOD 35-2024"),
    Case("ceod-en-dash", "CEOD 7–2022", "CEOD 7-2022"),
    Case("leading-zeros", "PCD 0042", "PCD 42"),
    Case("number-word", "PCD No. 12", "PCD 12"),
    Case("mayoral-spaced", "MD 1500", "MD 1500"),
    Case("in-sentence", "as approved under PCD 1016, the programme", "PCD 1016"),
    Case("programme-code", "NPP02-2021", None),
    Case("inside-a-word", "XPCD 12", None),
    Case("lower-case-code-string", "pcd 697", "PCD 697"),
    Case("no-number", "the PCD process", None),
]

# Mistakes fixed once; kept so they stay fixed.
BUGS_CAUGHT = [
    # a spaced DMPCD number must not swallow the day of a following date
    Case("dmpcd-then-date", "DMPCD 2015 05 April 2015", "DMPCD 2015"),
    # nor a figure: "DMPCD 2016 12.5%"
    Case("dmpcd-then-figure", "DMPCD 2016 12.5% rise", "DMPCD 2016"),
    # never join across a line end
    Case("no-join-over-newline", "PCD\n12", None),
    # probe 3: a hyphen or en dash between the type and the number
    Case("hyphenated", "PCD-198", "PCD 198"),
    Case("en-dash-spaced", "PCD – 198", "PCD 198"),
    Case("hyphenated-mayoral", "MD-2345", "MD 2345"),
    # the hyphen must not let a line end in
    Case("hyphen-no-join-over-newline", "PCD-\n198", None),
    # a DMPCD code keeps its year either side of the slash: one code
    Case("dmpcd-slash-one-code", "DMPCD 2016/123 and", "DMPCD 2016 123"),
    # a hyphenated word is not a code
    Case("word-then-hyphen", "ADD-ON 5", None),
]

# Known gaps: forms not read yet (strict xfail, so a fix forces promotion).
KNOWN_GAPS = [
    # a PCD code followed by a financial-year-like tail is read as the code's number
    Case("pcd-fy-tail", "PCD 2021/22 budget", None),
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
def test_normalise_code(case: Case) -> None:
    assert normalise_code(case.raw) == case.code


@pytest.mark.parametrize(
    ("code", "key"),
    [("PCD 1240", "pcd-1240"), ("DMPCD 2016 36", "dmpcd-2016-36"), ("CEOD 35-2024", "ceod-35-2024")],
)
def test_decision_id(code: str, key: str) -> None:
    assert decision_id(code) == key


def test_normalised_form_is_a_fixed_point() -> None:
    for case in [*FROM_SEED, *FROM_SAMPLES]:
        if case.code is not None:
            assert normalise_code(case.code) == case.code, case.id


# Property tests: any text, built mostly from code-like fragments so the regex's branches are reached.
_FRAGMENTS = st.sampled_from(
    [
        "PCD",
        "DMPCD",
        "CEOD",
        "MD",
        "DD",
        "ADD",
        " ",
        "  ",
        "\n",
        "/",
        "-",
        " - ",
        "–",
        "No.",
        "0",
        "12",
        "2016",
        "1561",
        "05 April",
        "%",
        ".",
        ",",
        "a",
        "x",
        "MOPAC 937-01",
    ]
)
_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=25).map("".join)


def _check_codes(text: str) -> None:
    for m in CODE_RE.finditer(text):
        assert 0 <= m.start() < m.end() <= len(text)
        code = code_from_match(m)
        assert text[m.start() : m.end()] == m.group(0)
        assert normalise_code(code) == code  # canonical codes read back as themselves
        assert "\n" not in m.group(0)


@given(_TEXT)
def test_codes_property(text: str) -> None:
    _check_codes(text)


@pytest.mark.fuzz
@settings(max_examples=10_000, deadline=None)
@given(_TEXT)
def test_codes_fuzz(text: str) -> None:
    _check_codes(text)
