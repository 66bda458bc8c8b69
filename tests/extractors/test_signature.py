"""read_signature: the decision maker's block of a DMPC form, Part 2 answers and officer declarations.

Texts are our own, in the shapes the signed forms take as text (a PDF parse joins a form row's cells
with spaces and puts a blank line between blocks; table cells stand one per block).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from extractors.signature import read_signature

APPROVAL = (
    "Deputy Mayor for Policing and Crime\n\n"
    "I confirm I have considered whether or not I have any personal or prejudicial interest in this "
    "matter.\n\n"
    "The above request has my approval.\n\n"
)


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    date_signed: date | None = None
    signer: str | None = None
    role: str | None = None
    part2: bool = False
    raw: str | None = None  # the block as printed, when the case pins it


FROM_FIXTURES = [
    Case(
        "form-row-one-line-uk-order",
        APPROVAL + "Signature Priya Okonjo (signed) Date 03/04/2022\n\nPART I - NON-CONFIDENTIAL FACTS",
        date(2022, 4, 3),
        "Priya Okonjo",
        "Deputy Mayor for Policing and Crime",
        raw="Signature Priya Okonjo (signed) Date 03/04/2022",
    ),
    Case(
        "label-name-date-on-separate-lines-dotted-two-digit-year",
        APPROVAL + "Signature: Marcus Tennant (signed)\n\nDate: 14.02.16\n\nIs there a Part 2 form – NO",
        date(2016, 2, 14),
        "Marcus Tennant",
        "Deputy Mayor for Policing and Crime",
    ),
]

FROM_FORM_VARIANTS = [
    Case(
        "signature-image-no-name",
        APPROVAL + "Signature\n\nDate 29/07/2022\n\nPART I",
        date(2022, 7, 29),
        None,
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "day-not-month-first-when-both-could-be-month",
        APPROVAL + "Signature ........................ Date 05/06/2021",
        date(2021, 6, 5),
        role="Deputy Mayor for Policing and Crime",
    ),
    Case(
        "date-in-words-with-ordinal",
        APPROVAL + "Signature  Date: 3rd April 2022",
        date(2022, 4, 3),
        role="Deputy Mayor for Policing and Crime",
    ),
    Case(
        "decision-maker-block-not-the-chief-executive-one",
        "Chief Executive Officer\n\nSignature Dana Whitfield Date 28/03/2022\n\n"
        + APPROVAL
        + "Signature Priya Okonjo Date 01/04/2022",
        date(2022, 4, 1),
        "Priya Okonjo",
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "next-block-date-not-borrowed",
        APPROVAL + "Signature\n\nChief Executive Officer\n\nSignature Dana Whitfield Date 28/03/2022",
        None,
        None,
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "signed-label-then-name-then-role",
        "The above request has my approval.\n\nSigned: Sophie Ward\nDeputy Mayor for Policing and Crime\n"
        "Date: 12 January 2019",
        date(2019, 1, 12),
        "Sophie Ward",
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "part2-form-yes",
        APPROVAL + "Signature Date 10/10/2023\n\nPart 2 Confidentiality: Is there a Part 2 form - YES",
        date(2023, 10, 10),
        role="Deputy Mayor for Policing and Crime",
        part2=True,
    ),
    Case(
        "part2-answer-no-beats-a-mention",
        APPROVAL + "Signature Date 10/10/2023\n\nThe costs are set out in the part 2 report.\n\n"
        "Is there a Part 2 form – NO",
        date(2023, 10, 10),
        role="Deputy Mayor for Policing and Crime",
        part2=False,
    ),
    Case(
        "exempt-appendix-marker",
        APPROVAL + "Signature Date 02/02/2015\n\nThe evaluation is at Exempt Appendix 2.",
        date(2015, 2, 2),
        role="Deputy Mayor for Policing and Crime",
        part2=True,
    ),
]

BUGS_CAUGHT = [
    Case(
        "signed-decision-link-is-not-a-label",
        "Signed decision document\n\nPCD 1901 Neighbourhood Watch\n\nSignature Date 08/08/2022",
        date(2022, 8, 8),
    ),
    Case(
        "name-label-line-beats-initial-beside-signature",
        APPROVAL + "Signature: T Okafor\n\nName: Tobi Okafor\n\nDate: 09/10/2016\n\nPART I",
        date(2016, 10, 9),
        "Tobi Okafor",
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "name-signature-date-table-one-cell-per-line",
        APPROVAL + "Name\n\nSignature\n\nDate\n\nAlex Morrow\n\n(signed)\n\n12/05/2024\n\nPART I",
        date(2024, 5, 12),
        "Alex Morrow",
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "signature-date-table-then-name-alone-below",
        APPROVAL + "Signature\n\nDate\n\n(signed)\n\n14.09.23\n\nJordan Ellery\n\nPART I – NON-CONFIDENTIAL",
        date(2023, 9, 14),
        "Jordan Ellery",
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "name-alone-under-dotted-signature-line",
        APPROVAL + "Signature ............................ Date 21/11/2023\n\nJordan Ellery\n\nPART I",
        date(2023, 11, 21),
        "Jordan Ellery",
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "name-and-role-under-signature-line",
        APPROVAL
        + "Signature .......... Date 03/04/2022\n\nJordan Ellery, Deputy Mayor for Policing and Crime",
        date(2022, 4, 3),
        "Jordan Ellery",
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "heading-under-signature-line-is-no-name",
        APPROVAL + "Signature .......... Date 17/06/2019\n\nExecutive Summary\n\nText.",
        date(2019, 6, 17),
        None,
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "chief-executive-signs-later-with-an-earlier-date",
        APPROVAL + "Signature .......... Date 17/06/2019\n\nPART I\n\nChief Executive Officer\n\n"
        "Signature .......... Date 12/06/2019\n\nRobin Ash, Chief Executive Officer",
        date(2019, 6, 17),
        None,
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        # probe 15: a signer printed as initial + surname beside the label gave no signer
        "initial-dot-and-surname-beside-label",
        APPROVAL + "Signature: R. Haddow Date: 11 May 2015\n\nPART I",
        date(2015, 5, 11),
        "R. Haddow",
        "Deputy Mayor for Policing and Crime",
    ),
    Case(
        "initial-and-hyphenated-surname-beside-label",
        APPROVAL + "Signature: M Ashby-Cole Date: 6 January 2025\n\nPART I",
        date(2025, 1, 6),
        "M Ashby-Cole",
        "Deputy Mayor for Policing and Crime",
    ),
]

CASES = FROM_FIXTURES + FROM_FORM_VARIANTS + BUGS_CAUGHT


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_read_signature(case: Case) -> None:
    sig = read_signature(case.text)
    assert sig is not None
    assert (sig.date_signed, sig.signer, sig.role, sig.part2) == (
        case.date_signed,
        case.signer,
        case.role,
        case.part2,
    )
    assert case.text[sig.start : sig.end] == sig.raw
    if case.raw is not None:
        assert sig.raw == case.raw


def test_no_signature_block_no_markers_is_none() -> None:
    assert read_signature("A note about the police budget for 2023/24.") is None


def test_markers_without_a_signature_block() -> None:
    sig = read_signature("There is an open and exempt report.")
    assert sig is not None
    assert (sig.date_signed, sig.start, sig.part2, sig.confidence) == (None, -1, True, 0.0)


DECLARATIONS = [
    (
        "yes-cells",
        "ORIGINATING OFFICER DECLARATION\n\nFinancial Advice: The finance team has been consulted.\n\nYes\n\n"
        "Legal Advice: Legal advice has been taken.\n\nYes\n\nChief Executive Officer",
        (("Financial Advice", "Yes"), ("Legal Advice", "Yes")),
    ),
    (
        "wingdings-tick-glyph-read-as-u-umlaut",
        "Originating Officer Declaration\n\nGDPR/Data Privacy: A DPIA is not required.\n\nü\n\n"
        "Director/Head of Service: The CFO has reviewed the request. \uf0fc\n\nSignature",
        (("GDPR/Data Privacy", "✓"), ("Director/Head of Service", "✓")),
    ),
    (
        "not-applicable-trailing",
        "OFFICER DECLARATION\n\nCommercial Issues: Not applicable to this grant. N/A\n\nSignature",
        (("Commercial Issues", "N/A"),),
    ),
]


@pytest.mark.parametrize(("text", "want"), [d[1:] for d in DECLARATIONS], ids=[d[0] for d in DECLARATIONS])
def test_officer_declarations(text: str, want: tuple[tuple[str, str], ...]) -> None:
    sig = read_signature(text)
    assert sig is not None
    assert sig.declarations == want
