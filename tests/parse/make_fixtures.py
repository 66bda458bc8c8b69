"""Generate the PDF fixtures of tests/parse/fixtures/ (and, on request, their golden outputs).

    .venv/bin/python tests/parse/make_fixtures.py            # rewrite the PDFs only
    .venv/bin/python tests/parse/make_fixtures.py --golden   # also rewrite golden/*.json from parse_pdf

Every PDF is built with reportlab's ``invariant=1`` (no timestamps, fixed document id), so running
this twice gives the same bytes and a diff only shows real changes. The text is our own, written in
the shape of a DMPC decision form (title, executive summary, numbered recommendations, the DMPC's
signature block, PART I sections, a £000 budget table, milestones, officer declarations). Golden
files are only ever rewritten by ``--golden``: tests never write them.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN_DIR = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[2]

_SS = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=_SS["BodyText"], fontName="Helvetica", fontSize=10, leading=13)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10)
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=6)
H2 = ParagraphStyle("h2", parent=BODY, fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=6)
H3 = ParagraphStyle("h3", parent=BODY, fontName="Helvetica-Bold", fontSize=10, leading=13, spaceBefore=4)
NUM = ParagraphStyle("num", parent=BODY, alignment=TA_RIGHT)


def _header_footer(code: str) -> Callable[[Canvas, Any], None]:
    """Draw the running header and the "Page N of M" footer every real form carries."""

    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, f"MOPAC  |  DMPC Decision {code}")
        canvas.drawRightString(A4[0] - 20 * mm, A4[1] - 12 * mm, "OFFICIAL")
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"Page {doc.page} of {doc.total_pages}")
        canvas.restoreState()

    return draw


class _TwoPass(SimpleDocTemplate):  # type: ignore[misc]  # reportlab ships no type hints
    """A SimpleDocTemplate that knows its page count (for "Page N of M"): build twice."""

    total_pages = 0

    def build_counted(
        self, story_fn: Callable[[], list[Any]], on_page: Callable[[Canvas, Any], None]
    ) -> None:
        self.total_pages = 99
        self.build(story_fn(), onFirstPage=on_page, onLaterPages=on_page)
        self.total_pages = self.page
        self.build(story_fn(), onFirstPage=on_page, onLaterPages=on_page)


def _numbered(items: list[str | tuple[str, list[str]]], start: int = 1) -> ListFlowable:
    flow: list[Any] = []
    for item in items:
        if isinstance(item, tuple):
            text, subs = item
            sub = ListFlowable(
                [ListItem(Paragraph(s, BODY)) for s in subs],
                bulletType="a",
                bulletFormat="%s)",
                leftIndent=18,
            )
            flow.append(ListItem([Paragraph(text, BODY), sub]))
        else:
            flow.append(ListItem(Paragraph(item, BODY)))
    return ListFlowable(flow, bulletType="1", bulletFormat="%s.", start=start, leftIndent=18)


def _bullets(items: list[str]) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(s, BODY)) for s in items], bulletType="bullet", start="•", leftIndent=18
    )


def _section(number: str, title: str, paras: list[str]) -> list[Any]:
    out: list[Any] = [Paragraph(f"{number}. {title}", H3)]
    for i, text in enumerate(paras, 1):
        out.append(Paragraph(f"{number}.{i}. {text}", BODY))
        out.append(Spacer(1, 3))
    return out


def _budget_rows(n: int) -> list[list[str]]:
    """Rows of an invented £000 budget: enough of them to run over a page break."""
    areas = [
        "Neighbourhood watch coordinators",
        "Volunteer training sessions",
        "Community hub rent",
        "Newsletter printing",
        "Evaluation by an external partner",
        "Youth outreach pilot",
        "Digital reporting tool licences",
        "Translation of leaflets",
    ]
    rows = []
    for i in range(n):
        first = 40 + (i * 37) % 300
        second = 25 + (i * 53) % 250
        rows.append([f"{areas[i % len(areas)]} (phase {i // len(areas) + 1})", f"{first:,}", f"{second:,}"])
    return rows


def decision_form_story() -> list[Any]:
    """The story of decision_form.pdf: a four-page DMPC decision form."""
    s: list[Any] = [
        Paragraph("MAYOR'S OFFICE FOR POLICING AND CRIME", H2),
        Paragraph("DMPC Decision – PCD 1901", TITLE),
        Paragraph(
            "Title: Renewal of the Neighbourhood Watch Support Grant and Volunteer Programme 2023/24", H2
        ),
        Paragraph("Executive Summary:", H3),
        Paragraph(
            "This decision seeks approval to renew the grant that supports neighbourhood watch groups across "
            "London for a further year, at a cost of £1.25m in 2023/24. The grant funds co-<br/>"
            "ordinators, volunteer training and a small digital reporting tool. Independent evaluation "
            "found the programme "
            "good value for money and recommended that MOPAC continue to fund it while the wider community "
            "safety strategy is reviewed; the evaluation is summarised in section 2 and its full text is "
            "available on request from the Neighbourhood Policing team.",
            BODY,
        ),
        Paragraph("Recommendation:", H3),
        Paragraph("The Deputy Mayor for Policing and Crime is recommended to:", BODY),
        _numbered(
            [
                "Approve the renewal of the Neighbourhood Watch Support Grant of £1,250,000 for 2023/24.",
                (
                    "Delegate to the Chief Finance Officer authority to:",
                    [
                        "agree the final grant agreement; and",
                        "vary the payment profile within the approved total.",
                    ],
                ),
            ]
        ),
        Spacer(1, 6),
        Paragraph("Deputy Mayor for Policing and Crime", H3),
        Paragraph(
            "I confirm I have considered whether or not I have any personal or prejudicial interest in this "
            "matter and take the proposed decision in compliance with the Code of Conduct. Any such "
            "interests "
            "are recorded below.",
            BODY,
        ),
        Paragraph("The above request has my approval.", BODY),
        Spacer(1, 6),
        Table(
            [["Signature", "Priya Okonjo (signed)", "Date", "03/04/2022"]],
            colWidths=[25 * mm, 70 * mm, 15 * mm, 30 * mm],
            hAlign="LEFT",
        ),
        PageBreak(),
        Paragraph("PART I - NON-CONFIDENTIAL FACTS AND ADVICE TO THE DMPC", H2),
    ]
    s += _section(
        "1",
        "Introduction and background",
        [
            "Neighbourhood watch groups have been supported by MOPAC since the first grant in 2019, through "
            "a "
            "small central team and a network of borough coordinators who recruit and train volunteers.",
            "The programme reached 1,900 active groups last year. Volunteers report concerns to the police "
            "through "
            "a reporting tool that the grant pays for, and coordinators run regular meetings with Safer "
            "Neighbourhood teams so that local priorities feed into police tasking.",
        ],
    )
    s += _section(
        "2",
        "Financial Comments",
        [
            "The cost of the programme over two years is set out below, with a comparison to the previous "
            "allocation. Figures are in thousands of pounds:",
        ],
    )
    header = ["Cost area", "2023/24 (£000)", "2024/25 (£000)"]
    rows = _budget_rows(40)
    rows.append(["Underspend returned from 2022/23", "-300", "(45)"])
    rows.append(["Total", "5,120", "4,310"])
    s.append(
        Table(
            [header, *rows],
            colWidths=[90 * mm, 35 * mm, 35 * mm],
            repeatRows=1,
            hAlign="LEFT",
            style=TableStyle([("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("FONTSIZE", (0, 0), (-1, -1), 9)]),
        )
    )
    s.append(Spacer(1, 6))
    s.append(
        Paragraph(
            "2.2. The grant is paid quarterly in arrears. Spending against it is reported to the "
            "Neighbourhood "
            "Policing Board each month, and any forecast underspend is returned to the central budget.",
            BODY,
        )
    )
    s.append(
        Paragraph("2.3. The revised profile of the digital tool is shown in the table below (£k):", BODY)
    )
    ruled = [
        ["Item", "2023/24", "2024/25"],
        ["Licences", "120", "125"],
        ["Hosting", "35", "35"],
        ["Reduced support contract", "(450)", "-60"],
        ["Total", "(295)", "100"],
    ]
    s.append(
        Table(
            ruled,
            colWidths=[70 * mm, 30 * mm, 30 * mm],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ]
            ),
        )
    )
    s.append(Spacer(1, 6))
    s.append(Paragraph("2.4. The following milestones will be delivered in 2023/24:", BODY))
    s.append(
        _bullets(
            [
                "Coordinator recruitment complete by June 2023",
                "Reporting tool upgrade live in all boroughs by October 2023",
            ]
        )
    )
    s += _section(
        "3",
        "Legal Comments",
        [
            "MOPAC has the power to award grants under the Police Reform and Social Responsibility Act 2011. "
            "The terms of the agreement with the lead organisation are commercially sensitive and are "
            "included "
            "in Part 2 of this decision.",
        ],
    )
    s.append(Paragraph("Public access to information", H3))
    s.append(
        Paragraph(
            "Information in this form (Part 1) is subject to the Freedom of Information Act 2000 and will be "
            "made available on the MOPAC website within one working day of approval.",
            BODY,
        )
    )
    s.append(Paragraph("Part 2 Confidentiality: Is there a Part 2 form – YES", BODY))
    s.append(PageBreak())
    s.append(Paragraph("ORIGINATING OFFICER DECLARATION", H2))
    decl = [
        ["Declaration", "Tick to confirm statement"],
        ["Financial Advice: The Strategic Finance team has been consulted on this proposal.", "Yes"],
        ["Legal Advice: The MPS legal team has been consulted on the proposal.", "Yes"],
        ["Equalities Advice: Equality issues are covered in the body of the report.", "Yes"],
        ["Commercial Issues: Commercial issues are not applicable.", "N/A"],
    ]
    s.append(
        Table(
            [[Paragraph(c, SMALL) for c in r] for r in decl],
            colWidths=[130 * mm, 35 * mm],
            hAlign="LEFT",
            style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]),
        )
    )
    s.append(Spacer(1, 8))
    s.append(
        KeepTogether(
            [
                Paragraph("Chief Executive Officer", H3),
                Paragraph(
                    "I have been consulted about the proposal and confirm that financial, legal and "
                    "equalities advice "
                    "has been taken into account in the preparation of this report.",
                    BODY,
                ),
                Table(
                    [["Signature", "Dana Whitfield (signed)", "Date", "28/03/2022"]],
                    colWidths=[25 * mm, 70 * mm, 15 * mm, 30 * mm],
                    hAlign="LEFT",
                ),
            ]
        )
    )
    return s


def make_decision_form(path: Path) -> None:
    doc = _TwoPass(
        str(path),
        pagesize=A4,
        invariant=1,
        title="PCD 1901",
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
    )
    doc.build_counted(decision_form_story, _header_footer("PCD 1901"))


def make_bracket_negative_split(path: Path) -> None:
    """An unruled £000 table whose bracketed negatives are drawn as separate pieces, the closing bracket
    hanging past the right edge of a right-aligned column (as word processors lay them out)."""
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, 780, "Forecast outturn")
    c.setFont("Helvetica", 10)
    c.drawString(72, 755, "The forecast for the year is set out below.")
    right = 420.0
    c.drawString(72, 720, "Budget line")
    c.drawRightString(right, 720, "£")
    rows = [
        ("Staff costs", "1,250", False),
        ("Grant income", "20,191,164", True),
        ("Premises", "310", False),
        ("Net position", "18,630", True),
    ]
    y = 700.0
    for label, number, negative in rows:
        c.drawString(72, y, label)
        c.drawRightString(right, y, number)
        if negative:
            c.drawRightString(right - c.stringWidth(number, "Helvetica", 10), y, "(")
            c.drawString(right, y, ")")
        y -= 16
    c.drawString(72, y - 10, "Negative figures are shown in brackets.")
    c.showPage()
    c.save()


def make_image_only(path: Path) -> None:
    """A scan: the page is one raster image of text, with no text layer."""
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(
        [
            "DMPC Decision - PCD 1902",
            "Scanned copy of a signed decision form.",
            "Signature ........  Date 14/02/2019",
        ]
    ):
        draw.text((120, 150 + 60 * i), line, fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()


def make_encrypted(path: Path) -> None:
    c = Canvas(str(path), pagesize=A4, invariant=1, encrypt="open-sesame")
    c.drawString(72, 760, "This decision form is protected by a password.")
    c.showPage()
    c.save()


def make_all() -> list[Path]:
    sys.path.insert(0, str(ROOT))  # run as a script, this file's folder is first on the path
    from tests.parse.make_form_fixtures import (  # page and form layouts, in their own module
        make_form_table_front_matter,
        make_framed_signature_box,
        make_signer_under_signature,
        make_tabbed_list_and_signature_lines,
        make_two_column,
    )

    FIXTURES.mkdir(parents=True, exist_ok=True)
    made = []
    for name, fn in [
        ("decision_form", make_decision_form),
        ("two_column", make_two_column),
        ("bracket_negative_split", make_bracket_negative_split),
        ("image_only", make_image_only),
        ("encrypted", make_encrypted),
        ("framed_signature_box", make_framed_signature_box),
        ("form_table_front_matter", make_form_table_front_matter),
        ("tabbed_list_and_signature_lines", make_tabbed_list_and_signature_lines),
        ("signer_under_signature", make_signer_under_signature),
    ]:
        path = FIXTURES / f"{name}.pdf"
        fn(path)
        made.append(path)
    whole = (FIXTURES / "decision_form.pdf").read_bytes()
    (FIXTURES / "truncated.pdf").write_bytes(whole[: len(whole) * 3 // 5])  # cut mid-download
    (FIXTURES / "empty.pdf").write_bytes(b"")
    # a PDF header followed by bytes that are no PDF structure at all
    (FIXTURES / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    # bug: one damaged page object (its /Type misspelt) made PDFium's page load raise out of parse_pdf
    second = whole.index(b"/Type /Page\n", whole.index(b"/Type /Page\n") + 1)
    damaged = whole[:second] + b"/Type /Pxge\n" + whole[second + len(b"/Type /Page\n") :]
    (FIXTURES / "page_fails_to_load.pdf").write_bytes(damaged)
    made += [FIXTURES / n for n in ("truncated.pdf", "empty.pdf", "corrupt.pdf", "page_fails_to_load.pdf")]
    return made


GOLDEN = (
    "decision_form",
    "two_column",
    "bracket_negative_split",
    "framed_signature_box",
    "form_table_front_matter",
    "tabbed_list_and_signature_lines",
    "signer_under_signature",
)


def golden_of(name: str) -> dict[str, Any]:
    """What the golden file for fixture ``name`` holds: the parse, its table lines and its signature."""
    sys.path.insert(0, str(ROOT))
    from tests.parse.golden import snapshot

    return snapshot(FIXTURES / f"{name}.pdf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--golden", action="store_true", help="also rewrite the golden/*.json files")
    args = parser.parse_args(argv)
    for path in make_all():
        sys.stdout.write(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)\n")
    if args.golden:
        for name in GOLDEN:
            GOLDEN_DIR.mkdir(exist_ok=True)
            out = GOLDEN_DIR / f"{name}.json"
            out.write_text(json.dumps(golden_of(name), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            sys.stdout.write(f"wrote {out.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
