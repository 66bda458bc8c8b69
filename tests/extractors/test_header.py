"""extractors/header.py: own code (key info > title > listing > closing link), title, decision maker
(name only), UK dates, across the archive's page eras."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.codes import normalise_code
from extractors.header import is_label_line, read_header, split_name_role

CHROME = "Skip to main content\nMayor of London logo London Assembly logo\nHome\n\n"
ROLE = "Deputy Mayor, Policing and Crime"


class Case(NamedTuple):
    id: str
    text: str
    code: str | None
    source: str  # code_source
    title: str | None
    maker: str | None
    signed: date | None = None
    flag: str | None = None  # a flag that must be raised (prefix match)
    listing_code: str | None = None
    title_hint: str | None = None


FROM_SEED = [
    Case(
        "seed-2022-era",
        CHROME
        + "Changes to the Grant Agreement\n\nKey information\n\nReference code: PCD 1240\n\nDate signed:\n\n"
        f"Decision by: Sophie Linden (Past staff), {ROLE}\n\nPCD 1240 Changes to the Grant Agreement\n\n"
        "Changes to the Grant Agreement\n\nExecutive summary\nText.\n",
        "PCD 1240",
        "key_info",
        "Changes to the Grant Agreement",
        "Sophie Linden",
    ),
]

FROM_SAMPLES = [
    Case(
        "era-2013-values-on-next-line",
        CHROME + "Cyber Unit Funding\n\nReference code:\nPCD 77\n\nDate signed:\n06 September 2019\n\n"
        f"Authorisation name:\nSophie Linden, {ROLE}\n\nExecutive summary\nText.\n",
        "PCD 77",
        "key_info",
        "Cyber Unit Funding",
        "Sophie Linden",
        date(2019, 9, 6),
    ),
    Case(
        "era-2013-dmpcd-old-maker",
        "Home\n\nEstate Disposal\n\nReference code:\nDMPCD 2014/66\n\nDate signed:\n3rd April 2014\n\n"
        "Authorisation name:\nStephen Greenhalgh (past staff), Deputy Mayor for Policing and Crime\n\n"
        "Please refer to PDF below for details\n",
        "DMPCD 2014 66",
        "key_info",
        "Estate Disposal",
        "Stephen Greenhalgh",
        date(2014, 4, 3),
    ),
    Case(
        "era-2018-code-led-title",
        "Home\n\nPCD 673 - Body Worn Video\n\nKey information\n\nReference code: PCD 673\n\nDate signed:\n\n"
        f"Decision by: Sophie Linden, {ROLE}\n\nExecutive summary\nText.\n",
        "PCD 673",
        "key_info",
        "Body Worn Video",
        "Sophie Linden",
    ),
    Case(
        "era-2024-new-dmpc",
        CHROME + "Knife Crime Fund\n\nKey information\n\nReference code: PCD 1800\n\n"
        "Decision by: Kaya Comer-Schwartz, Deputy Mayor for Policing and Crime\n\nKnife Crime Fund\n\n"
        "Executive Summary:\nText.\n\nRecommendation:\nThe DMPC is recommended to approve it.\n",
        "PCD 1800",
        "key_info",
        "Knife Crime Fund",
        "Kaya Comer-Schwartz",
    ),
    Case(
        "bulleted-labels",
        "Home\n\nPCD 1625 Q3 Budget Report\n\nKey information\n    • Reference code: PCD 1625\n"
        "    • Date signed: 03/04/2022\n    • Decision by: Sophie Linden, DMPC\n\nExecutive summary\n",
        "PCD 1625",
        "key_info",
        "Q3 Budget Report",
        "Sophie Linden",
        date(2022, 4, 3),
    ),
    Case(
        "no-title-no-code-closing-link",
        "Key information\n\nReference code:\n\nDate signed:\n\nExecutive summary\nText.\n\n"
        "Signed decision document\n\nPCD 158 Authorisation to Settle a Claim\n",
        "PCD 158",
        "signed_document",
        "Authorisation to Settle a Claim",
        None,
        flag="title_inferred",
    ),
    Case(
        "unlabelled-line",
        "Home\n\nPCD 365 05 April 2018 Sophie Linden, Deputy Mayor for Policing and Crime\n\n"
        "Executive summary\nText.\n",
        "PCD 365",
        "unlabelled",
        None,
        "Sophie Linden",
        date(2018, 4, 5),
    ),
    Case(
        "title-key-info-mismatch",
        "PCD 1328 Girls Extension\n\nKey information\n\nReference code: PCD 1329\n\n"
        f"Decision by: Sophie Linden, {ROLE}\n",
        "PCD 1329",
        "key_info",
        "Girls Extension",
        "Sophie Linden",
        flag="code_mismatch:title=PCD 1328,key_info=PCD 1329",
    ),
    Case(
        "title-code-when-key-info-empty",
        "Home\n\nPCD 52 - Stop and Search Review\n\nReference code:\n\nDate signed:\n\n"
        f"Authorisation name:\nSophie Linden, {ROLE}\n\nExecutive summary\n",
        "PCD 52",
        "title",
        "Stop and Search Review",
        "Sophie Linden",
    ),
    Case(
        "listing-code-when-page-shows-none",
        "Key information\n\nDate signed:\n\nExecutive summary\nText.\n",
        "PCD 61",
        "listing",
        None,
        None,
        listing_code="PCD 61",
    ),
    Case(
        "mayoral-decision",
        "Home\n\nMD2472 Mayoral Decision-Making\n\nKey information\n\nType of decision: Mayoral decision\n\n"
        "Code: MD2472\n\nDate signed: 03 March 2020\n\nDecision by: Sadiq Khan MP, Mayor of London\n\n"
        "Executive summary\n",
        "MD 2472",
        "key_info",
        "Mayoral Decision-Making",
        "Sadiq Khan",
        date(2020, 3, 3),
    ),
    Case(
        "title-twice-on-one-line",
        "Home\n\nCapital Strategy Capital Strategy\n\nKey information\nReference code: PCD 9\n",
        "PCD 9",
        "key_info",
        "Capital Strategy",
        None,
    ),
    Case(
        "title-hint-from-h1",
        "Home\n\nKey information\n\nReference code: PCD 14\n\nExecutive summary\n",
        "PCD 14",
        "key_info",
        "Estates Review",
        None,
        title_hint="PCD 14 - Estates Review",
    ),
    Case(
        "signer-in-text-only",
        "Key information\n\nReference code: PCD 20\n\nExecutive summary\nText.\n\n"
        "Approved by Jo Bloggs, Deputy Mayor for Policing and Crime\n",
        "PCD 20",
        "key_info",
        None,
        "Jo Bloggs",
        flag="decision_maker_from_text",
    ),
    Case("empty-page", "", None, "none", None, None, flag="no_code"),
]

BUGS_CAUGHT = [
    Case(
        # a "Decision by:" holding only the role gave the role as the maker's name
        "role-only-maker",
        "Key information\n\nReference code: PCD 30\n\nDecision by: Deputy Mayor for Policing and Crime\n\n"
        "Executive summary\nText.\n",
        "PCD 30",
        "key_info",
        None,
        None,
        flag="no_decision_maker",
    ),
    Case(
        # a placeholder is not a name
        "placeholder-maker",
        "Key information\n\nReference code: PCD 31\n\nDecision by: N/A\n\nExecutive summary\nText.\n",
        "PCD 31",
        "key_info",
        None,
        None,
    ),
]

BUGS_CAUGHT += [
    Case(
        # probe 3: the role in brackets after the name ("Name (Deputy Mayor ...)") gave no name
        "role-in-brackets",
        CHROME + "PCD 50 - Fleet Review\n\nKey information\n\nReference code: PCD 50\n\n"
        "Decision by: Jo Bloggs-Smith (Deputy Mayor for Policing and Crime)\n\nExecutive summary\nText.\n",
        "PCD 50",
        "key_info",
        "Fleet Review",
        "Jo Bloggs-Smith",
    ),
    Case(
        # probe 3: empty "Authorisation name:"; the signer only in the closing approval block, name and
        # role on separate lines
        "signer-in-closing-block",
        "Fleet Review\n\nReference code: \nPCD 51\nDate signed: \nAuthorisation name: \n\n"
        "Executive summary\n\nThe DMPC is asked to approve £5,000.\n\nApproval\n\n"
        "I agree the recommendation above.\n\nJo Bloggs\nDeputy Mayor for Policing and Crime\n1 May 2016\n",
        "PCD 51",
        "key_info",
        "Fleet Review",
        "Jo Bloggs",
        flag="decision_maker_from_text",
    ),
    Case(
        # a name line over a role line must be the whole line: a heading ending in capitals is not one
        "heading-over-role-is-not-a-signer",
        "Key information\n\nReference code: PCD 52\n\nExecutive summary\n\n"
        "Non-confidential facts and advice to the\nDeputy Mayor for Policing and Crime\n",
        "PCD 52",
        "key_info",
        None,
        None,
        flag="no_decision_maker",
    ),
]

BUGS_CAUGHT += [
    Case(
        # probe 7: "Refernce code:" (one letter dropped) lost the page's own code
        "misspelt-reference-code-label",
        CHROME
        + "LAPTOP FLEET RENEWAL\n\nKey information\n\nRefernce code: PCD 77\n\nDate signd: 4 March 2024"
        "\n\nDecison by: Jo Bloggs, DMPC\n\nExecutive summary\nText.\n",
        "PCD 77",
        "key_info",
        "LAPTOP FLEET RENEWAL",
        "Jo Bloggs",
        signed=date(2024, 3, 4),
    ),
    Case(
        # two letters swapped in the label, the value on the next line (2013-2020 era)
        "swapped-letters-label-value-next-line",
        "Estates Review\n\nRefernece code:\nPCD 78\n\nDecision by:\nJo Bloggs\n\nExecutive summary\nText.\n",
        "PCD 78",
        "key_info",
        "Estates Review",
        "Jo Bloggs",
    ),
    Case(
        # a Word form's ruled front table read as blocks: the banner was taken as the title, the "Title:"
        # label cell standing alone above its value cell
        "form-title-label-cell-above-value",
        "DMPC Decision – PCD 2041\n\nTitle:\n\nYouth Diversion Grant 2024-26\n\nExecutive Summary:\n\n"
        "This decision seeks approval of a grant.\n\nDeputy Mayor for Policing and Crime\n",
        "PCD 2041",
        "form",
        "Youth Diversion Grant 2024-26",
        None,
    ),
    Case(
        # the same with a bold "Title:" on its own line (older forms), the banner in capitals
        "form-bold-title-label-line-dmpcd-banner",
        "MOPAC DECISION – DMPCD 2016/31\n\nTitle:\n\nNeighbourhood Watch Support Grants 2016/17\n\n"
        "Recommendation:\n\nThe Deputy Mayor for Policing and Crime is asked to approve grants.\n",
        "DMPCD 2016 31",
        "form",
        "Neighbourhood Watch Support Grants 2016/17",
        None,
    ),
    Case(
        # a "Title:" label with an empty value cell: no title rather than the next label
        "form-title-label-without-value",
        "DMPC Decision – PCD 2042\n\nTitle:\n\nExecutive Summary:\n\nThis decision seeks approval.\n",
        "PCD 2042",
        "form",
        None,
        None,
    ),
    Case(
        # probe 15: form fields run into one line ("Title: ... – ... Executive Summary: ...") gave the
        # whole run as the title; the title ends at the next field's label
        "form-title-runs-into-next-field",
        "DMPC Decision – PCD 2043\n\nTitle: Custody Catering – Contract Award Executive Summary: This "
        "decision seeks approval of a contract. Recommendations: The DMPC is recommended to:\n",
        "PCD 2043",
        "form",
        "Custody Catering – Contract Award",
        None,
    ),
]

KNOWN_GAPS = [
    Case(
        # a page starting at "Key information" whose only title is a repeat with no code below the block
        "title-below-block-without-code",
        "Key information\n\nReference code: PCD 40\n\nDecision by: Jo Bloggs, DMPC\n\nFleet Review\n\n"
        "Executive summary\nText.\n",
        "PCD 40",
        "key_info",
        "Fleet Review",
        "Jo Bloggs",
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
def test_read_header(case: Case) -> None:
    h = read_header(case.text, title_hint=case.title_hint, listing_code=case.listing_code)
    assert (h.reference_code, h.code_source, h.title, h.decision_maker) == (
        case.code,
        case.source,
        case.title,
        case.maker,
    )
    assert h.date_signed == case.signed
    if case.flag is not None:
        assert any(f.startswith(case.flag) for f in h.flags), h.flags
    _check_spans(case.text, h)


@pytest.mark.parametrize(
    ("value", "name", "role"),
    [
        pytest.param("Sophie Linden (Past staff), " + ROLE, "Sophie Linden", ROLE, id="past-staff"),
        pytest.param("Sadiq Khan MP, Mayor of London", "Sadiq Khan", "Mayor of London", id="mp"),
        pytest.param(
            "Rt Hon Jane Doe MP Deputy Mayor for Policing and Crime",
            "Jane Doe",
            "Deputy Mayor for Policing and Crime",
            id="honorific-no-comma",
        ),
        pytest.param("Kaya Comer-Schwartz", "Kaya Comer-Schwartz", None, id="hyphenated-no-role"),
        pytest.param("Sophie Linden – Deputy Mayor", "Sophie Linden", "Deputy Mayor", id="dash-role"),
        pytest.param("DMPC", None, "DMPC", id="role-only-abbrev"),
        pytest.param("Mayor of London", None, "Mayor of London", id="role-only-mayor"),
        pytest.param(
            "Jo Bloggs (Deputy Mayor, Policing and Crime)", "Jo Bloggs", ROLE, id="role-in-brackets-comma"
        ),
        pytest.param("Jo Bloggs (DMPC)", "Jo Bloggs", "DMPC", id="abbrev-role-in-brackets"),
        pytest.param("Jo Bloggs (Past staff) (DMPC)", "Jo Bloggs", "DMPC", id="note-then-role-in-brackets"),
    ],
)
def test_split_name_role(value: str, name: str | None, role: str | None) -> None:
    got_name, got_role, start, end = split_name_role(value)
    assert (got_name, got_role) == (name, role)
    if name is not None:
        assert " ".join(value[start:end].split()) == name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("Reference code: PCD 1", True, id="exact"),
        pytest.param("Refernce code: PCD 1", True, id="letter-dropped"),
        pytest.param("Decison by: Jo Bloggs", True, id="letter-dropped-maker"),
        pytest.param("  • Date signedd: 1 May 2020", True, id="letter-added-after-bullet"),
        pytest.param("Authorisatoin name: Jo Bloggs", True, id="letters-swapped"),
        pytest.param("Referee code: PCD 1", False, id="two-letters-off"),
        pytest.param("Revision by: Jo Bloggs", False, id="other-word-two-letters-off"),
        pytest.param("Node: PCD 1", False, id="short-label-not-fuzzy"),
        pytest.param("Decided by: Jo Bloggs", False, id="other-verb"),
        pytest.param("Dates signed by all parties: yes", False, id="running-text"),
        pytest.param("the decison by: the board", False, id="not-at-line-start"),
    ],
)
def test_is_label_line_typos(line: str, expected: bool) -> None:
    assert is_label_line(line) is expected


def test_content_starts_after_repeated_title() -> None:
    text = FROM_SEED[0].text
    h = read_header(text)
    assert text[h.content_start :].startswith("Executive summary")


def test_content_ends_before_closing_link() -> None:
    text = FROM_SAMPLES[5].text
    h = read_header(text)
    assert text[h.content_end :].startswith("Signed decision document")


def _check_spans(text: str, h: object) -> None:
    from extractors.header import Header

    assert isinstance(h, Header)
    for name, (start, end) in h.spans.items():
        assert 0 <= start <= end <= len(text), name
    if "reference_code" in h.spans and h.code_source in {
        "key_info",
        "title",
        "signed_document",
        "unlabelled",
    }:
        start, end = h.spans["reference_code"]
        assert normalise_code(text[start:end]) == h.reference_code
    if "decision_maker" in h.spans and h.decision_maker is not None:
        start, end = h.spans["decision_maker"]
        assert " ".join(text[start:end].split()) == h.decision_maker
    if "title" in h.spans and h.title is not None:
        start, end = h.spans["title"]
        assert " ".join(text[start:end].split()).lower() == h.title.lower()
    assert 0 <= h.content_start <= len(text)
    assert h.content_end == -1 or h.content_start <= h.content_end <= len(text)


# Property tests: header labels, codes, names and chrome lines in any order.
_FRAGMENTS = st.sampled_from(
    [
        "Home\n",
        "Key information\n",
        "Reference code:",
        "Reference code: PCD 12\n",
        "Code: MD2472",
        "Date signed:",
        "06 September 2019",
        "Decision by: ",
        "Authorisation name:\n",
        "Sophie Linden",
        " (Past staff)",
        " MP",
        ", Deputy Mayor, Policing and Crime",
        "PCD 12 - ",
        "Fleet Review",
        "Fleet Review Fleet Review",
        "\n",
        "\n\n",
        "Executive summary\n",
        "Signed decision document\n",
        "PCD 158 Settle a Claim\n",
        "    • ",
        " ",
        ":",
    ]
)
_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=30).map("".join)


@given(_TEXT)
def test_header_property(text: str) -> None:
    _check_spans(text, read_header(text))


@pytest.mark.fuzz
@settings(max_examples=10_000, deadline=None)
@given(_TEXT)
def test_header_fuzz(text: str) -> None:
    _check_spans(text, read_header(text))
