"""HTML of the sample archive, for ``build_samples.py``: the inline markup of ``decisions_data.py``,
what a page shows (codes, dates, headings, PDF links) and the decision and listing pages per era."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date

from decisions_data import Bullets, Decision, Milestones, Table  # the data module beside this one

LISTING_PATH = (
    "/programmes-strategies/mayors-office-policing-and-crime-mopac/"
    "mopac-governance-and-decision-making/mopac-decisions"
)
PAGE_SIZE = 20  # entries per listing page, as on the real site
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


def pieces(text: str) -> Iterator[tuple[str, re.Match[str] | None]]:
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
    return "".join(piece for piece, _ in pieces(text))


def to_html(text: str) -> str:
    """Escaped HTML, links as ``<a>``; everything else is text (a title with ``<script>`` shows as text).

    >>> to_html('<b> & <<x|javascript:alert(1)>>')
    '&lt;b&gt; &amp; <a href="javascript:alert(1)">x</a>'
    """
    out = []
    for piece, m in pieces(text):
        if m is not None and m.group("href"):
            out.append(f'<a href="{html.escape(m.group("href"))}">{html.escape(piece, quote=False)}</a>')
        else:
            out.append(html.escape(piece, quote=False))
    return "".join(out)


# -- what the page shows -------------------------------------------------------------------------------------
def slug(d: Decision) -> str:
    """``pcd-1240``, ``dmpcd-2014-27``."""
    return re.sub(r"[^a-z0-9]+", "-", d.code.lower()).strip("-")


def long_date(iso: str) -> str:
    """``06 September 2019``, the archive's page style."""
    return date.fromisoformat(iso).strftime("%d %B %Y")


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
