"""PDFs of the sample archive, for ``build_samples.py``: the signed decision form (reportlab, invariant
mode, so the same bytes every run), a scanned form with no text layer, appendices, and the broken ones."""

from __future__ import annotations

import html
import io
from datetime import date
from pathlib import Path

from _render_html import plain  # a sibling module: samples/ is on sys.path (see build_samples.py)
from decisions_data import Bullets, Decision, Milestones, Table  # the data module beside this one

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # has ✓; Helvetica does not


def to_pdf(text: str) -> str:
    """reportlab paragraph markup: escaped text, links printed as their text."""
    return html.escape(plain(text), quote=False)


def signature_date(d: Decision) -> str:
    """The DMPC's date on the signed form, UK day-month order."""
    day = date.fromisoformat(d.signed)
    if d.pdf.date_style == "long":
        return f"{day.day} {day.strftime('%B %Y')}"
    if d.pdf.date_style == "dots":
        return day.strftime("%d.%m.%y")
    return day.strftime("%d/%m/%Y")


# -- PDFs ----------------------------------------------------------------------------------------------------
def setup_reportlab() -> None:
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    rl_config.invariant = 1  # fixed creation date and document id: the same bytes every run
    if FONT_PATH.is_file() and "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_PATH)))


def _tick(d: Decision) -> str:
    return '<font name="DejaVuSans">✓</font>' if d.pdf.ticks and FONT_PATH.is_file() else "Yes"


def signed_pdf(d: Decision) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RTable

    class Fill(Flowable):  # type: ignore[misc]
        """Fills the frame down to 70 pt from its foot, so the next table starts there and runs overleaf."""

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return avail_width, max(0.0, avail_height - 70.0)

        def draw(self) -> None:
            """Nothing to draw: the space is the point."""

    styles = getSampleStyleSheet()
    body, h1, h2 = styles["BodyText"], styles["Heading1"], styles["Heading3"]
    # a real "•" needs DejaVuSans: Helvetica's comes out of pdfplumber as "(cid:127)"
    has_font = FONT_PATH.is_file()
    item = ParagraphStyle(
        "item", parent=body, leftIndent=12, bulletFontName="DejaVuSans" if has_font else "Helvetica"
    )
    dot = "•" if has_font else "-"
    title = d.pdf.title or d.title
    story: list[Flowable] = [
        Paragraph("MAYOR OF LONDON OFFICE FOR POLICING AND CRIME", h2),
        Paragraph(f"DMPC Decision – {d.code}", h1),
        Paragraph(f"Title: {html.escape(title, quote=False)}", h2),
        Paragraph("Executive Summary:", h2),
        *[Paragraph(to_pdf(p), body) for p in d.summary],
        Paragraph("Recommendation:", h2),
    ]
    if d.rec_style != "sentence":
        story.append(Paragraph(to_pdf(d.intro), body))
    for n, r in enumerate(d.recs, 1):
        marker = "" if d.rec_style == "sentence" else f"{n}. "
        story.append(Paragraph(marker + to_pdf(r.text), body))
        story += [Paragraph(to_pdf(s), item, bulletText=None if s[:2].endswith(")") else dot) for s in r.sub]
    story += [
        Paragraph("Deputy Mayor for Policing and Crime", h2),
        Paragraph(
            "I confirm I have considered whether or not I have any personal or prejudicial interest in this "
            "matter and take the proposed decision in compliance with the Code of Conduct. "
            "Any such interests "
            "are recorded below.",
            body,
        ),
        Paragraph("The above request has my approval.", body),
        RTable([["Signature", d.maker, f"Date {signature_date(d)}"]], colWidths=[30 * mm, 80 * mm, 50 * mm]),
        Spacer(1, 6 * mm),
        Paragraph("PART I – NON-CONFIDENTIAL FACTS AND ADVICE TO THE DMPC", h2),
    ]
    for i, s in enumerate(d.sections, 1):
        story.append(Paragraph(f"{i}. {html.escape(s.heading, quote=False)}", h2))
        for j, b in enumerate(s.blocks, 1):
            if isinstance(b, Table):
                if b.caption:
                    story.append(Paragraph(html.escape(b.caption, quote=False), body))
                if b.split:
                    story.append(Fill())
                t = RTable([list(b.columns), *[list(r) for r in b.rows]], repeatRows=1)
                style: list[tuple[object, ...]] = [
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                    ("FONTSIZE", (0, 0), (-1, -1), 9),
                ]
                if b.ruled:
                    style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
                t.setStyle(TableStyle(style))
                story.append(t)
            elif isinstance(b, Bullets):
                story += [Paragraph(to_pdf(x), item, bulletText=dot) for x in b.items]
            elif isinstance(b, Milestones):
                story.append(Paragraph(f"{i}.{j} {to_pdf(b.intro)}", body))
                story += [Paragraph(to_pdf(x), item, bulletText=f"{k}.") for k, x in enumerate(b.items, 1)]
            else:
                story.append(Paragraph(f"{i}.{j} {to_pdf(b)}", body))
        if s.heading == "Financial Comments" and d.pdf.extra:
            story.append(Paragraph(html.escape(d.pdf.extra, quote=False), body))
    if d.pdf.part2:
        story += [
            Paragraph("PART 2 – CONFIDENTIAL FACTS AND ADVICE", h2),
            Paragraph(html.escape(d.pdf.part2, quote=False) + " Is there a Part 2 form – YES", body),
        ]
    tick = _tick(d)
    declarations = [
        ("Financial Advice: The Strategic Finance and Resource Management Team has been consulted.", tick),
        ("Legal Advice: The Legal Team has been consulted on the proposal.", tick),
        ("Equalities Advice: Equality and diversity issues are covered in the body of the report.", tick),
        ("Commercial Issues: Commercial issues are covered in the body of the report.", tick),
        ("GDPR/Data Privacy: Data privacy issues are covered in the body of the report.", tick),
        (
            "Director/Head of Service: The Director has reviewed the request and is satisfied it is correct.",
            tick,
        ),
    ]
    story += [
        Paragraph("ORIGINATING OFFICER DECLARATION", h2),
        RTable(
            [[Paragraph(a, body), Paragraph(b, body)] for a, b in declarations],
            colWidths=[140 * mm, 20 * mm],
            style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]),
        ),
        Paragraph("OFFICER APPROVAL", h2),
        Paragraph("Chief Executive Officer", body),
        Paragraph(
            "I have been consulted about the proposal and confirm that financial, legal and "
            "equalities advice "
            "has been taken into account in the preparation of this report.",
            body,
        ),
        RTable([["Signature", "", f"Date {signature_date(d)}"]], colWidths=[30 * mm, 80 * mm, 50 * mm]),
    ]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        title=f"{d.code} {plain(title)}",
        author="MOPAC",
        creator="samples/build_samples.py",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story)
    return buf.getvalue()


def image_pdf(d: Decision) -> bytes:
    """A scanned form: one raster image per page and no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(img)
    y = 40
    for n in range(34):  # grey bars where the lines of type would be
        width = 330 - (n * 37) % 120
        draw.rectangle((40, y, 40 + width, y + 5), fill=90)
        y += 14 if n % 6 else 24
    draw.line((60, 520, 200, 500), fill=0, width=2)  # the signature
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(f"{d.code} scanned")
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return buf.getvalue()


def appendix_pdf(lines: tuple[str, ...], title: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title, author="MOPAC", creator="samples/build_samples.py")
    doc.build([Paragraph(html.escape(line, quote=False), styles["BodyText"]) for line in lines])
    return buf.getvalue()


def pdf_bytes(d: Decision) -> bytes | None:
    if d.pdf.kind == "missing":
        return None
    if d.pdf.kind == "image":
        return image_pdf(d)
    data = signed_pdf(d)
    if d.pdf.kind == "corrupt":
        # the body cut off in the first objects, yet a trailer pointing at an xref that is not there: the
        # bytes end like a whole file (not a truncated download) but are no readable PDF
        return data[:700] + b"\nstartxref\n999999\n%%EOF\n"
    return data
