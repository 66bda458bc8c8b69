"""Fixtures for page and form layouts: a two-column page, and the layouts of Word-exported DMPC forms that
probe PDFs caught us out on (a signature block in a frame, front matter in a ruled label | value table,
list markers set off by tabs with signature lines, the signer's name printed alone under the signature).
Built by :mod:`tests.parse.make_fixtures`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from tests.parse.make_fixtures import BODY, TITLE, _numbered


def make_framed_signature_box(path: Path) -> None:
    """Bug: a signature block drawn inside one stroked box was read as a one-cell table, so the
    block's lines ("Signature: ...", "Date: ...") lost their line structure. Older forms (2015-16)
    put the label, the name and the date on separate lines, with the date as ``14.02.16``."""
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 780, "DMPC Decision – PCD 488")
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, 752, "Title: Extension of the Victim Referral Service Contract")
    c.setFont("Helvetica", 10)
    body = [
        "The Deputy Mayor for Policing and Crime is asked to approve an extension of the contract for",
        "six months at a cost of £210,000, while the service is re-procured.",
    ]
    y = 730.0
    for line in body:
        c.drawString(72, y, line)
        y -= 13
    c.setFont("Helvetica-Bold", 10)
    c.drawString(72, 690, "Deputy Mayor for Policing and Crime")
    c.setFont("Helvetica", 10)
    c.drawString(72, 676, "The above request has my approval.")
    c.rect(66, 598, 300, 66, stroke=1, fill=0)
    c.drawString(74, 648, "Signature:")
    c.drawString(74, 634, "Marcus Tennant (signed)")
    c.drawString(74, 612, "Date: 14.02.16")
    c.drawString(72, 570, "Part 2 Confidentiality: Is there a Part 2 form – NO")
    c.showPage()
    c.save()


def make_form_table_front_matter(path: Path) -> None:
    """Bug: a Word form whose front matter is a ruled two-column table ("Title:" | value, "Recommendation:"
    | a lead-in and a numbered list) was read as a data table, its list items joined into one cell and its
    "Title:" value lost; the DMPC signs in a ruled Name | Signature | Date table."""
    label = ParagraphStyle("label", parent=BODY, fontName="Helvetica-Bold")
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title="")
    items = [
        "Approve a two-year grant of up to £640,000 to the Borough Diversion Partnership, funded from the "
        "crime prevention reserve; and",
        "Delegate to the Director of Commissioning the authority to agree the grant conditions; and",
        "Note the evaluation plan set out in section 4.",
    ]
    front = Table(
        [
            [Paragraph("Title:", label), Paragraph("Youth Diversion Grant 2024-26", BODY)],
            [
                Paragraph("Executive Summary:", label),
                Paragraph(
                    "This decision seeks approval of a grant to a partnership of boroughs that diverts young "
                    "people away from the justice system, continuing the pilot approved under PCD 1420.",
                    BODY,
                ),
            ],
            [
                Paragraph("Recommendation:", label),
                [
                    Paragraph("The Deputy Mayor for Policing and Crime is recommended to:", BODY),
                    _numbered(list(items)),
                ],
            ],
        ],
        colWidths=[40 * mm, 125 * mm],
        style=TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        ),
    )
    signed = Table(
        [["Name", "Signature", "Date"], ["Alex Morrow", "(signed)", "12/05/2024"]],
        colWidths=[55 * mm, 55 * mm, 55 * mm],
        style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]),
    )
    doc.build(
        [
            Paragraph("DMPC Decision – PCD 2041", TITLE),
            front,
            Spacer(1, 12),
            Paragraph("Deputy Mayor for Policing and Crime", label),
            Paragraph("The above request has my approval.", BODY),
            signed,
            Spacer(1, 12),
            Paragraph("PART I – NON-CONFIDENTIAL FACTS AND ADVICE TO THE DMPC", label),
            Paragraph("1. Introduction and background", label),
            Paragraph("1.1 The pilot ran in four boroughs and reached three hundred young people.", BODY),
        ]
    )


def make_tabbed_list_and_signature_lines(path: Path) -> None:
    """Bugs: a list marker set apart from its text by a tab ("1.<tab>Delegate ...") made the line a form
    row, so its wrapped line became a paragraph of its own and "engage-" / "ment" stayed split; the
    signature's "Signature: / Name: / Date:" lines, set at the body's line pitch, were joined into the
    approval paragraph and never read; an unruled £000 table's Total row with an empty last cell (under
    "Variance %") lost its last figure. The Chief Executive signs later, with an earlier date."""
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 790, "MOPAC DECISION – DMPCD 2016/31")
    y = 760.0

    def line(x: float, text: str, bold: bool = False, step: float = 13) -> None:
        nonlocal y
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        c.drawString(x, y, text)
        y -= step

    line(72, "Title:", bold=True)
    line(72, "Neighbourhood Watch Support Grants 2016/17", step=18)
    line(72, "Recommendation:", bold=True)
    line(72, "The Deputy Mayor for Policing and Crime is asked to:")
    line(72, "1.", step=0)
    line(90, "Approve grants to neighbourhood watch associations for 2016/17 as follows:")
    line(90, "a)", step=0)
    line(108, "a base grant of £4,000 to each association for training and engage-")
    line(108, "ment; and")
    line(90, "b)", step=0)
    line(108, "development grants totalling £96,000 awarded by open bidding.")
    line(72, "2.", step=0)
    line(90, "Delegate to the Head of Community Engagement the authority to")
    line(90, "approve changes to individual grants of up to £2,500.", step=18)
    line(72, "Deputy Mayor for Policing and Crime", bold=True)
    line(72, "I confirm I have considered whether or not I have any personal or prejudicial interest in")
    line(72, "this matter. The above request has my approval.")
    line(72, "Signature: T Okafor")
    line(72, "Name: Tobi Okafor")
    line(72, "Date: 09/10/2016", step=20)
    line(72, "2. Financial Comments", bold=True)
    line(72, "2.1 The grants are profiled below.", step=18)
    heads = [(300, "2016/17 £000"), (390, "2017/18 £000"), (480, "Variance %")]
    rows = [
        ("Base grants", ["128", "132", "3.1%"]),
        ("Development grants", ["96", "90", "-6.3%"]),
        ("Total", ["224", "222", ""]),
    ]
    c.setFont("Helvetica", 10)
    for x, head in heads:
        c.drawRightString(x, y, head)
    y -= 14
    for label, cells in rows:
        c.drawString(72, y, label)
        for (x, _), cell in zip(heads, cells, strict=True):
            if cell:
                c.drawRightString(x, y, cell)
        y -= 14
    y -= 10
    line(72, "Chief Executive Officer", bold=True)
    line(72, "I am satisfied that this is an appropriate request to be submitted to the DMPC.")
    line(72, "Signature ........................................", step=0)
    line(360, "Date 03/10/2016")
    line(72, "Dana Whitlock, Chief Executive Officer")
    c.showPage()
    c.save()


def make_signer_under_signature(path: Path) -> None:
    """Bug: the DMPC's name printed alone under "Signature ....  Date ..." (no role after it) was not read
    as the signer."""
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 790, "DMPC Decision – PCD 1877")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(72, 760, "Deputy Mayor for Policing and Crime")
    c.setFont("Helvetica", 10)
    c.drawString(72, 745, "The above request has my approval.")
    c.drawString(72, 720, "Signature ................................................")
    c.drawString(380, 720, "Date 21/11/2023")
    c.drawString(72, 704, "Jordan Ellery")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(72, 680, "PART I – NON-CONFIDENTIAL FACTS AND ADVICE TO THE DMPC")
    c.showPage()
    c.save()


def make_two_column(path: Path) -> None:
    """One page: a full-width title, two columns of prose, then a full-width closing paragraph."""
    width, height = A4
    margin = 20 * mm
    gutter = 8 * mm
    col = (width - 2 * margin - gutter) / 2
    frames = [
        Frame(margin, height - margin - 30 * mm, width - 2 * margin, 30 * mm, id="title"),
        Frame(margin, 70 * mm, col, height - 2 * margin - 30 * mm - 50 * mm, id="left"),
        Frame(margin + col + gutter, 70 * mm, col, height - 2 * margin - 30 * mm - 50 * mm, id="right"),
        Frame(margin, margin, width - 2 * margin, 50 * mm, id="bottom"),
    ]
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1, pageTemplates=[PageTemplate("two", frames)])
    left = [
        "Left column, first paragraph. Community safety partnerships in each borough agree a plan with "
        "the police and the council every year, and MOPAC funds a share of the work they choose.",
        "Left column, second paragraph. Each plan names the crimes the partnership will focus on, the "
        "services it will fund and how it will know whether they have worked.",
    ]
    right = [
        "Right column, first paragraph. Funding is allocated by a formula that weighs recorded crime, "
        "population and deprivation, so that boroughs with the greatest need receive the most support.",
        "Right column, second paragraph. Boroughs report their spending twice a year and return any money "
        "they have not committed by the end of the financial year.",
    ]
    story: list[Any] = [Paragraph("Borough Crime Reduction Grants", TITLE), FrameBreak()]
    for p in left:
        story += [Paragraph(p, BODY), Spacer(1, 6)]
    story.append(FrameBreak())
    for p in right:
        story += [Paragraph(p, BODY), Spacer(1, 6)]
    story.append(FrameBreak())
    story.append(
        Paragraph(
            "Closing paragraph across the full width. The Deputy Mayor is asked to note the allocation "
            "method.",
            BODY,
        )
    )
    doc.build(story)
