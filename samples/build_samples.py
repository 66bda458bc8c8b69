"""make samples: render the invented decisions of ``decisions_data.py`` into the sample archive.

Writes ``samples/site/`` (listing pages, decision pages per era, signed PDFs, ``robots.txt`` and the
``manifest.json`` the sample server reads) and ``samples/truth/`` (what each page says, for
``bench/accuracy.py``), byte for byte the same on every run: reportlab's invariant mode, fixed dates,
sorted keys, no clock. Truth comes from the data, never from running the extractors.

    .venv/bin/python samples/build_samples.py [--site DIR] [--truth DIR]
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import shutil
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from decisions_data import (  # noqa: E402  (the data module sits beside this script, not in a package)
    DECISIONS,
    Bullets,
    Decision,
    Milestones,
    Rec,
    Table,
)

LISTING_PATH = (
    "/programmes-strategies/mayors-office-policing-and-crime-mopac/"
    "mopac-governance-and-decision-making/mopac-decisions"
)
PAGE_SIZE = 20  # entries per listing page, as on the real site
HTML_TYPE = "text/html; charset=utf-8"
PDF_TYPE = "application/pdf"
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # has ✓; Helvetica does not
ROLE = "Deputy Mayor, Policing and Crime"
ROLE_OLD = "Deputy Mayor for Policing and Crime"

# -- inline markup -------------------------------------------------------------------------------------------
_MARKUP = re.compile(
    r"""
    \[\[(?P<money>[^|\]]+)\|(?P<value>-?[0-9.]+)\]\]    # [[£5m|5000000]]: money, printed text | pounds
    | \{\{(?P<cite>[^|}]+)\|(?P<code>[^}]+)\}\}         # {{PCD697|PCD 697}}: citation, printed | code
    | <<(?P<link>[^|>]+)\|(?P<href>[^>]+)>>              # <<text|/href>>: hyperlink
    """,
    re.VERBOSE,
)


def _pieces(text: str) -> Iterator[tuple[str, re.Match[str] | None]]:
    """Plain runs (with None) and markup matches, in order."""
    pos = 0
    for m in _MARKUP.finditer(text):
        if m.start() > pos:
            yield text[pos : m.start()], None
        yield m.group("money") or m.group("cite") or m.group("link"), m
        pos = m.end()
    if pos < len(text):
        yield text[pos:], None


def plain(text: str) -> str:
    """The text as a reader sees it.

    >>> plain("up to [[£5m|5000000]] ({{PCD697|PCD 697}}, <<note|/n>>)")
    'up to £5m (PCD697, note)'
    """
    return "".join(piece for piece, _ in _pieces(text))


def to_html(text: str) -> str:
    """Escaped HTML, links as ``<a>``; everything else is text (a title with ``<script>`` shows as text).

    >>> to_html('<b> & <<x|javascript:alert(1)>>')
    '&lt;b&gt; &amp; <a href="javascript:alert(1)">x</a>'
    """
    out = []
    for piece, m in _pieces(text):
        if m is not None and m.group("href"):
            out.append(f'<a href="{html.escape(m.group("href"))}">{html.escape(piece, quote=False)}</a>')
        else:
            out.append(html.escape(piece, quote=False))
    return "".join(out)


def to_pdf(text: str) -> str:
    """reportlab paragraph markup: escaped text, links printed as their text."""
    return html.escape(plain(text), quote=False)


def amounts_in(text: str) -> list[dict[str, str | bool]]:
    """Truth amounts of one text, in order."""
    out: list[dict[str, str | bool]] = []
    for piece, m in _pieces(text):
        if m is not None and m.group("money"):
            item: dict[str, str | bool] = {"text": piece, "value": m.group("value"), "table": False}
            if "€" in piece:
                item["currency"] = "EUR"
            elif "$" in piece:
                item["currency"] = "USD"
            out.append(item)
    return out


def codes_in(text: str) -> list[str]:
    return [m.group("code") for _, m in _pieces(text) if m is not None and m.group("code")]


def table_value(cell: str) -> str | None:
    """Pounds for a ``£000`` table figure: ``"(4,200)"`` → ``"-4200000"``; None for a blank cell.

    >>> table_value("(4,200)"), table_value("-450"), table_value("1,300"), table_value("")
    ('-4200000', '-450000', '1300000', None)
    """
    raw = cell.strip().replace(",", "")
    if not raw:
        return None
    negative = raw.startswith(("-", "(")) and raw != "0"
    number = Decimal(raw.strip("()-")) * 1000
    return format(-number if negative else number, "f")


# -- what the page shows -------------------------------------------------------------------------------------
def slug(d: Decision) -> str:
    """``pcd-1240``, ``dmpcd-2014-27``."""
    return re.sub(r"[^a-z0-9]+", "-", d.code.lower()).strip("-")


def long_date(iso: str) -> str:
    """``06 September 2019``, the archive's page style."""
    return date.fromisoformat(iso).strftime("%d %B %Y")


def signature_date(d: Decision) -> str:
    """The DMPC's date on the signed form, UK day-month order."""
    day = date.fromisoformat(d.signed)
    if d.pdf.date_style == "long":
        return f"{day.day} {day.strftime('%B %Y')}"
    if d.pdf.date_style == "dots":
        return day.strftime("%d.%m.%y")
    return day.strftime("%d/%m/%Y")


def heading(d: Decision) -> str:
    """The title line as the page prints it (era C shows the code in front)."""
    if d.era != "C" or d.heading == "bare":
        return d.title
    return f"{d.code} - {d.title}" if d.heading == "dash" else f"{d.code} {d.title}"


def signed_link_text(d: Decision) -> str:
    return heading(d) if d.era == "C" and d.heading != "bare" else f"{d.code} {d.title}"


def pdf_path(d: Decision) -> str:
    """``/sites/default/files/<yyyy-mm>/<name>.pdf``: the month after signing, when pages were published."""
    day = date.fromisoformat(d.published or d.signed)
    words = re.sub(r"[^a-z0-9]+", "_", plain(d.title).lower()).strip("_")
    words = "_".join(words.split("_")[:6])
    code = slug(d).replace("-", "_")
    name = d.pdf_name or {"A": f"{code}", "B": f"{code}_-_{words}", "C": f"{code}_{words}_signed"}[d.era]
    return f"/sites/default/files/{day:%Y-%m}/{name}.pdf"


def maker_line(d: Decision) -> str:
    if d.era == "A" and d.maker == "Stephen Greenhalgh":
        return f"{d.maker}, {ROLE_OLD}"
    past = " (Past staff)" if d.era == "C" and d.maker == "Sophie Linden" else ""
    return f"{d.maker}{past}, {ROLE}"


def labelled_2025(d: Decision) -> bool:
    """2025 pages label their summary and recommendation ("Executive Summary:", "Recommendation:")."""
    return d.era == "C" and d.signed >= "2025-01-01"


def rec_text(r: Rec) -> str:
    """A recommendation with its sub-items, as the truth counts it."""
    return " ".join(plain(t) for t in (r.text, *r.sub))


# -- HTML ----------------------------------------------------------------------------------------------------
CHROME_TOP = (
    '<a class="skip-link" href="#main-content">Skip to main content</a>\n'
    '<header class="site-header"><a href="/" class="logo">Mayor of London logo</a> '
    '<a href="/about-us/london-assembly" class="logo">London Assembly logo</a>\n'
    '<nav aria-label="Breadcrumb"><a href="/">Home</a></nav></header>\n'
)
CHROME_FOOT = (
    '<footer class="site-footer">\n<div class="cookie-notice"><p>We use cookies to make this site work and '
    "to understand how it is used. You can accept all cookies or choose which ones to allow.</p>\n"
    '<p><a href="/about-us/cookies">Cookie settings</a> <a href="/about-us/privacy-policy">Privacy</a></p>'
    "</div>\n<p>Greater London Authority, City Hall, Kamal Chunchie Way, London E16 1ZE</p>\n</footer>\n"
)
ACCESSIBLE = (
    "<h2>Need a document on this page in an accessible format?</h2>\n<p>If you use assistive technology "
    "and need a version of a PDF on this page in another format, please get in touch via our "
    '<a href="/contact-us">online form</a> and tell us which format you need.</p>\n'
)


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title, quote=False)} | London City Hall</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<script>window.dataLayer = window.dataLayer || [];</script>\n</head>\n<body>\n"
        f"{CHROME_TOP}{body}{CHROME_FOOT}</body>\n</html>\n"
    )


def recs_html(d: Decision) -> str:
    """The recommendation list in the decision's style; the parser reads text, so markup varies."""
    style = d.rec_style
    parts = [] if style == "sentence" else [f"<p>{to_html(d.intro)}</p>"]
    for n, r in enumerate(d.recs, 1):
        sub = "".join(f"<li>{to_html(s)}</li>" for s in r.sub)
        if style == "sentence":
            parts.append(f"<p>{to_html(r.text)}</p>")
        elif style == "dash" and d.era == "B":  # "-" on its own line
            parts.append(f"<p>-<br>{to_html(r.text)}</p>")
        elif style == "dash":
            parts.append(f"<p>- {to_html(r.text)}</p>")
        elif style == "paren":  # "1) text", lettered sub-items on their own lines
            lines = "".join(f"<br>\n{to_html(s)}" for s in r.sub)
            parts.append(f"<p>{n}) {to_html(r.text)}{lines}</p>")
            continue
        elif style == "repeat1":  # a list per item: every item shows as "1."
            parts.append(f"<ol><li>{to_html(r.text)}</li></ol>")
        else:
            tag = "ol" if style == "ol" else "ul"
            inner = f"<ul>{sub}</ul>" if sub else ""
            parts.append(f"<{tag} class='recs'><li>{to_html(r.text)}{inner}</li></{tag}>")
            continue
        if sub:
            parts.append(f"<ul>{sub}</ul>")
    # merge adjacent single-item lists of the same kind into one list (real pages keep one list)
    joined = "\n".join(parts)
    return re.sub(r"</li></(ol|ul)>\n<\1 class='recs'><li>", "</li><li>", joined)


def table_html(t: Table, era: str) -> str:
    head = "".join(f"<th>{html.escape(c, quote=False)}</th>" for c in t.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c, quote=False)}</td>" for c in row) + "</tr>\n" for row in t.rows
    )
    if era == "A":
        cap = f"<caption>{html.escape(t.caption, quote=False)}</caption>" if t.caption else ""
        return f'<table border="1">{cap}<tr>{head}</tr>\n{rows}</table>\n'
    cap = f"<p>{html.escape(t.caption, quote=False)}</p>\n" if t.caption else ""
    return f'{cap}<table class="table"><thead><tr>{head}</tr></thead>\n<tbody>{rows}</tbody></table>\n'


def block_html(b: str | Table | Bullets | Milestones, era: str, number: str) -> str:
    if isinstance(b, Table):
        return table_html(b, era)
    if isinstance(b, Bullets):
        tag = "ol" if b.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{to_html(i)}</li>" for i in b.items) + f"</{tag}>\n"
    if isinstance(b, Milestones):
        items = "".join(f"<li>{to_html(i)}</li>" for i in b.items)
        if era == "C":
            return f"<p>{to_html(b.intro)}</p><ol>{items}</ol>\n"
        return f"<p>{number} {to_html(b.intro)}</p>\n<ol>{items}</ol>\n"
    return f"<p>{number} {to_html(b)}</p>\n" if number else f"<p>{to_html(b)}</p>\n"


def sections_html(d: Decision) -> str:
    if d.era == "A":
        head = (
            "<h2>Non-confidential facts and advice to the Deputy Mayor for Policing and Crime (DMPC)</h2>\n"
        )
        if d.layout == "refer_pdf":
            return head + "<p>Please refer to PDF below for details.</p>\n"
        out = [head]
        for i, s in enumerate(d.sections, 1):
            out.append(f"<h3>{i}. {html.escape(s.heading, quote=False)}</h3>\n")
            out += [block_html(b, "A", f"{i}.{j}.") for j, b in enumerate(s.blocks, 1)]
        return "".join(out)
    if d.era == "B":
        out = ["<h2>PART I - NON-CONFIDENTIAL FACTS AND ADVICE TO THE DMPC</h2>\n"]
        for i, s in enumerate(d.sections, 1):
            out.append(f"<p><strong>{i}. {html.escape(s.heading, quote=False)}</strong></p>\n")
            out += [block_html(b, "B", f"{i}.{j}") for j, b in enumerate(s.blocks, 1)]
        return "".join(out)
    # era C: nested ordered lists; every level shows "1." as the real pages' markup does
    out = ["<p><strong>PART I - NON-CONFIDENTIAL FACTS AND ADVICE TO THE DMPC</strong></p>\n"]
    for s in d.sections:
        inner = "".join(f"<li>{block_html(b, 'C', '')}</li>" for b in s.blocks)
        out.append(
            f'<ol><li><h3>{html.escape(s.heading, quote=False)}</h3><ol type="1">{inner}</ol></li></ol>\n'
        )
    return "".join(out)


def decision_html(d: Decision) -> str:
    head = html.escape(heading(d), quote=False)
    summary = "".join(f"<p>{to_html(p)}</p>\n" for p in d.summary)
    signed = (
        '<div class="signed-document"><h2>Signed decision document</h2>\n'
        f'<p><a href="{pdf_path(d)}">{html.escape(signed_link_text(d), quote=False)}</a></p></div>\n'
    )
    if d.era == "A":
        meta = {
            "normal": f"<dl><dt>Reference code:</dt><dd>{d.code}</dd>",
            "refer_pdf": f"<dl><dt>Reference code:</dt><dd>{d.code}</dd>",
            "empty_code": "<dl><dt>Reference code:</dt><dd></dd>",
        }.get(d.layout)
        if meta is None:  # "oneline": code, date and name on one line without labels
            meta_html = (
                f'<div class="meta">{d.code} {long_date(d.signed)} {html.escape(maker_line(d))}</div>\n'
            )
        else:
            meta_html = (
                f"{meta}<dt>Date signed:</dt><dd>{long_date(d.signed)}</dd>"
                f"<dt>Authorisation name:</dt><dd>{html.escape(maker_line(d))}</dd></dl>\n"
            )
        body = (
            '<div id="page"><div class="region-content" id="main-content">\n'
            f'<h1 class="page-title">{head}</h1>\n'
            f"{meta_html}<div class='field-body'><h2>Executive summary</h2>\n{summary}"
            f"<h2>Recommendation</h2>\n{recs_html(d)}\n{sections_html(d)}</div>\n{signed}</div></div>\n"
        )
        return page(d.title, body)
    if d.era == "B":
        code_line = "" if d.layout == "no_title" else f"<p><strong>Reference code:</strong> {d.code}</p>\n"
        title = "" if d.layout == "no_title" else f"<h1>{head}</h1>\n"
        body = (
            f'<main id="main-content"><article class="node--decision">\n{title}'
            f'<section class="key-information"><h2>Key information</h2>\n{code_line}'
            f"<p><strong>Date signed:</strong></p>\n<p><strong>Decision by:</strong> "
            f"{html.escape(maker_line(d))}</p></section>\n"
            f'<div class="summary"><h3>Executive summary</h3>\n{summary}</div>\n'
            f"<h3>Recommendation</h3>\n{recs_html(d)}\n{sections_html(d)}{signed}</article></main>\n"
        )
        return page(d.title, body)
    published = long_date(d.published) if d.published else ""
    repeats = "".join(f'<h2 class="title-repeat">{head}</h2>\n' for _ in range(d.repeats))
    label_sum = "<h3>Executive Summary:</h3>\n" if labelled_2025(d) else ""
    label_rec = "<h3>Recommendation:</h3>\n" if labelled_2025(d) else ""
    body = (
        '<main id="main-content"><div class="container">\n'
        '<ul class="nav-links"><li><a href="/who-we-are">Who we are</a></li>'
        '<li><a href="/what-we-do">What we do</a></li></ul>\n'
        f'<h1><span class="title">{head}</span></h1>\n<div class="key-info"><h2>Key information</h2>\n'
        f'<div class="field"><span class="label">Reference code:</span> <span>{d.code}</span></div>\n'
        '<div class="field"><span class="label">Date signed:</span></div>\n'
        f'<div class="field"><span class="label">Date published:</span> <span>{published}</span></div>\n'
        '<div class="field"><span class="label">Decision by:</span> '
        f"<span>{html.escape(maker_line(d))}</span>"
        f"</div></div>\n{repeats}<div class='body'>{label_sum}{summary}{label_rec}{recs_html(d)}\n"
        f"{sections_html(d)}</div>\n{signed}{ACCESSIBLE}</div></main>\n"
    )
    return page(d.title, body)


def listing_order() -> list[Decision]:
    """Newest first, with some neighbours swapped: the real listing is not in strict code order."""
    ordered = sorted(DECISIONS, key=lambda d: (d.published or d.signed, d.code), reverse=True)
    for i in range(3, len(ordered) - 1, 9):
        ordered[i], ordered[i + 1] = ordered[i + 1], ordered[i]
    return ordered


def listing_html(n: int, entries: list[Decision], total: int, pages: int) -> str:
    first, last = n * PAGE_SIZE + 1, n * PAGE_SIZE + len(entries)
    items = []
    for d in entries:
        head = d.title if d.listing_bare else f"{d.listing_code or d.code} {d.title}"
        signed = long_date(d.signed) if d.era == "A" else ""
        published = f"<li>Date published: {long_date(d.published)}</li>" if d.published else ""
        summary = "".join(f"<p>{html.escape(plain(p), quote=False)}</p>" for p in d.summary)
        items.append(
            f'<li class="result"><h3><a href="{d.path}">{html.escape(head, quote=False)}</a></h3>\n'
            f"<p>Page type: Decision</p>\n<ul><li>Date signed: {signed}</li>{published}"
            f"<li>Reference code: {d.code}</li></ul>\n<div class='summary'>{summary}</div></li>\n"
        )
    pager = []
    if n > 0:
        pager.append(f'<a href="{LISTING_PATH}?page={n - 1}">Previous page</a>')
    if n < pages - 1:
        pager.append(f'<a href="{LISTING_PATH}?page={n + 1}">Next page</a>')
    body = (
        '<main id="main-content">\n'
        f'<p class="results-count">Showing {first}-{last} of {total} results found</p>\n'
        f"<h1>MOPAC Decisions</h1>\n<ul class='results'>\n{''.join(items)}</ul>\n"
        f'<nav class="pager">{" ".join(pager)}</nav>\n</main>\n'
    )
    return page("MOPAC Decisions", body)


# -- truth ---------------------------------------------------------------------------------------------------
def shown_blocks(d: Decision) -> Iterator[str | Table | Bullets | Milestones]:
    """The decision's own content in page order (sections are not on "refer to PDF" pages)."""
    yield from d.summary
    if d.rec_style != "sentence":
        yield d.intro
    for r in d.recs:
        yield r.text
        yield from r.sub
    if d.layout != "refer_pdf":
        for s in d.sections:
            yield from s.blocks


def decision_truth(d: Decision) -> dict[str, object]:
    amounts: list[dict[str, str | bool]] = []
    refs: list[str] = []
    milestones: list[str] = []
    for b in shown_blocks(d):
        if isinstance(b, Table):
            for row in b.rows:
                for cell in row[1:]:
                    value = table_value(cell)
                    if value is not None:
                        amounts.append({"text": cell, "value": value, "table": True})
        elif isinstance(b, Bullets):
            for i in b.items:
                amounts += amounts_in(i)
                refs += codes_in(i)
        elif isinstance(b, Milestones):
            amounts += amounts_in(b.intro)
            milestones += [plain(i) for i in b.items]
        else:
            amounts += amounts_in(b)
            refs += codes_in(b)
    assert not amounts_in(d.title) and not codes_in(d.title), (
        "titles are shown several times: keep them plain"
    )
    unique = [c for i, c in enumerate(refs) if c not in refs[:i] and c != d.code]
    return {
        "reference_code": d.code,
        "title": d.title,
        "decision_maker": d.maker,
        "recommendations": [rec_text(r) for r in d.recs],
        "amounts": amounts,
        "milestones": milestones,
        "references": unique,
        "notes": f"sample archive, era {d.era}, layout {d.layout}, recommendations {d.rec_style}",
    }


# -- PDFs ----------------------------------------------------------------------------------------------------
def _reportlab() -> None:
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


# -- the site ------------------------------------------------------------------------------------------------
ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /user/login\nAllow: /\n"


def build(site: Path, truth: Path) -> dict[str, dict[str, object]]:
    """Render everything into ``site`` and ``truth`` (both emptied first); returns the manifest."""
    _reportlab()
    for folder in (site, truth):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    manifest: dict[str, dict[str, object]] = {}
    index = ["slug\tkind\tpath"]

    def put(url: str, rel: str, data: bytes | str, content_type: str) -> None:
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        manifest[url] = {"file": rel, "content_type": content_type, "status": 200}

    def put_truth(name: str, kind: str, url: str, record: dict[str, object]) -> None:
        text = json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        (truth / f"{name}.truth.json").write_text(text, encoding="utf-8")
        index.append(f"{name}\t{kind}\t{url}")

    put("/robots.txt", "robots.txt", ROBOTS, "text/plain; charset=utf-8")
    order = listing_order()
    total = len(order)
    pages = -(-total // PAGE_SIZE)
    for n in range(pages):
        entries = order[n * PAGE_SIZE : (n + 1) * PAGE_SIZE]
        url = f"{LISTING_PATH}?page={n}"
        put(url, f"listing/page-{n}.html", listing_html(n, entries, total, pages), HTML_TYPE)
        put_truth(f"listing-page-{n}", "listing", url, {
            "kind": "listing", "total_results": total, "first": n * PAGE_SIZE + 1,
            "last": n * PAGE_SIZE + len(entries),
            "entries": [{"reference_code": d.code, "title": d.title} for d in entries],
        })  # fmt: skip
    manifest["/node/15722"] = dict(manifest[f"{LISTING_PATH}?page=0"])  # the first page's other address
    for d in sorted(DECISIONS, key=slug):
        put(d.path, f"decisions/{slug(d)}.html", decision_html(d), HTML_TYPE)
        put_truth(slug(d), "decision", d.path, decision_truth(d))
        data = pdf_bytes(d)
        if data is None:
            manifest[pdf_path(d)] = {"content_type": HTML_TYPE, "status": 404}
        else:
            put(pdf_path(d), pdf_path(d).lstrip("/"), data, PDF_TYPE)
        if d.appendix:
            url = f"{pdf_path(d).rsplit('/', 1)[0]}/{d.appendix.file}"
            put(url, url.lstrip("/"), appendix_pdf(d.appendix.lines, d.appendix.link_text), PDF_TYPE)
    text = json.dumps(dict(sorted(manifest.items())), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    (site / "manifest.json").write_text(text, encoding="utf-8")
    (truth / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, default=HERE / "site")
    parser.add_argument("--truth", type=Path, default=HERE / "truth")
    args = parser.parse_args(argv)
    manifest = build(args.site, args.truth)
    files = sum(1 for e in manifest.values() if e.get("file"))
    sys.stderr.write(f"wrote {len(manifest)} manifest entries ({files} files) to {args.site}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
