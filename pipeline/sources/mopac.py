"""Adapter for the MOPAC decision archive on london.gov.uk.

Constants first, then the two page kinds the archive has: listing pages (``parse_listing_page``) and
decision pages (``parse_decision_page``). Both only assemble: every field comes from an extractor
working on the page's reading text, and every link from the document's visible links. Tripwires raise
:class:`~pipeline.errors.LayoutChanged` when an anchor this adapter relies on is gone, so a template
change shows up as an error row, never as empty data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from extractors.entities import Entity, find_entities
from extractors.header import Header, read_header
from extractors.listing import Listing, ListingEntry, read_listing
from extractors.milestones import Milestone, find_milestones
from extractors.money import Amount, find_amounts
from extractors.recommendations import Recommendation, find_recommendations
from extractors.references import Reference, find_references
from extractors.table_lines import TableLine, find_table_lines
from pipeline.errors import LayoutChanged
from pipeline.parse.html import parse_html
from pipeline.parse.model import Document, Link
from pipeline.settings import BASE_URL, LISTING_PATH

ALLOWED_HOSTS = ("london.gov.uk", "www.london.gov.uk")
# Every era's decision page carries at least one of these visible labels or headings.
DECISION_ANCHORS = re.compile(
    r"Reference code:|Key information|Decision by:|Authorisation name:|Signed decision document"
    r"|Date signed:|Type of decision:",
    re.IGNORECASE,
)
_PDF_HREF = re.compile(r"\.pdf(?:$|[?#])|/sites/default/files/", re.IGNORECASE)
_APPENDIX = re.compile(r"\b(?:appendix|annex|annexe|schedule|attachment)\b", re.IGNORECASE)
_SIGNED = re.compile(r"signed decision|decision (?:form|document)|\b(?:PCD|DMPCD|MD)\s?\d", re.IGNORECASE)
_PART2 = re.compile(
    r"""
    \bpart\s*(?:2|two|ii)\b(?!\s*\(?\s*[a-z]\)|\.\d)   # "Part 2" (not "part 2(a)" or clause "part 2.1")
    | \bexempt\s+(?:appendix|report|information|annex)  # "Exempt Appendix 2", "exempt report"
    | \bopen\s+and\s+exempt\b                          # "There is an open and exempt report"
    """,
    re.IGNORECASE | re.VERBOSE,
)
_AUTHORISATION = re.compile(r"^\s*Authorisation name:", re.MULTILINE)
_KEY_INFO = re.compile(r"^\s*Key information\s*$", re.MULTILINE | re.IGNORECASE)
_ERA_2022 = re.compile(r"\(Past staff\)|^\s*Recommendations?:|^\s*Executive Summary:", re.MULTILINE)
# The closing heading line and the link line after it ("Signed decision document" / "PCD 1240 Title").
_CLOSING_BLOCK = re.compile(r"[^\n]*(?:\n[^\S\n]*)*\n[^\n]*")
_SIGNED_HEADING = re.compile(r"signed decision document", re.IGNORECASE)
_KEY_LABEL = re.compile(r"^\s*(?:Reference code|Date signed|Decision by|Date published):", re.MULTILINE)
_SUMMARY_HEAD = re.compile(r"^\s*(?:executive\s+summary|summary)\s*:?\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class ListingLink:
    """One decision entry of a listing page, with the absolute URL of its page."""

    url: str
    reference_code: str | None
    title: str | None
    date_signed: date | None
    date_published: date | None
    fingerprint: str  # sha256 of the entry's visible text: changes when the entry changes


@dataclass(frozen=True)
class ListingPage:
    total_results: int | None
    first: int | None
    last: int | None
    entries: tuple[ListingLink, ...]


@dataclass(frozen=True)
class DocumentLink:
    """A document (PDF) a decision page links to."""

    url: str
    text: str
    kind: str  # "signed_decision" | "appendix" | "document"


@dataclass(frozen=True)
class DecisionPage:
    """Everything read off one decision page (HTML or saved text), each field with its evidence."""

    source: str
    header: Header
    summary: str | None
    recommendations: tuple[Recommendation, ...]
    amounts: tuple[Amount, ...]
    milestones: tuple[Milestone, ...]
    references: tuple[Reference, ...]
    entities: tuple[Entity, ...]
    table_lines: tuple[TableLine, ...]
    documents: tuple[DocumentLink, ...]
    part2: bool
    part2_text: str | None
    era: str | None  # template era the page's labels show: "2013-2020", "2018-2022", "2022+"


def listing_url(base_url: str, page: int) -> str:
    """URL of listing page ``page`` (0-based) under ``base_url``.

    >>> listing_url("http://127.0.0.1:8000/", 2).endswith("/mopac-decisions?page=2")
    True
    """
    return f"{base_url.rstrip('/')}{LISTING_PATH}?page={page}"


def default_base_url() -> str:
    return BASE_URL


# -- listing pages ----------------------------------------------------------------------------------
def parse_listing_page(html: bytes, url: str) -> ListingPage:
    """Entries of one listing page with absolute URLs; raises LayoutChanged if it no longer reads as one."""
    doc = parse_html(html, url)
    listing = read_listing(doc.text)
    _check_listing(listing, url)
    return ListingPage(
        total_results=listing.total_results,
        first=listing.first,
        last=listing.last,
        entries=tuple(_listing_link(doc, entry, url) for entry in listing.entries if _entry_url(doc, entry)),
    )


def _check_listing(listing: Listing, url: str) -> None:
    if listing.total_results is None and not listing.entries:
        raise LayoutChanged(url, expected="a 'Showing a-b of N results' line and decision entries")
    if listing.total_results and listing.first and listing.last and not listing.entries:
        raise LayoutChanged(url, expected="decision entries ('Page type: Decision') under the results line")


def _entry_url(doc: Document, entry: ListingEntry) -> str | None:
    """The first link shown inside the entry's span: the title link."""
    for link in doc.links:
        if entry.start <= link.start < entry.end and not link.href.startswith(
            ("#", "javascript:", "mailto:")
        ):
            return link.href
    return entry.url


def _listing_link(doc: Document, entry: ListingEntry, url: str) -> ListingLink:
    href = _entry_url(doc, entry) or ""
    visible = doc.text[entry.start : entry.end]
    return ListingLink(
        url=urljoin(url, href),
        reference_code=entry.reference_code,
        title=entry.title,
        date_signed=entry.date_signed,
        date_published=entry.date_published,
        fingerprint=hashlib.sha256(" ".join(visible.split()).encode("utf-8")).hexdigest(),
    )


# -- decision pages ---------------------------------------------------------------------------------
def document_links(html: bytes, url: str) -> list[DocumentLink]:
    """PDFs a decision page links to, in page order, each once, absolute — the crawler's fast path.

    The crawler only needs where the PDFs are, so this walks the lxml tree for links instead of rendering
    the page's reading text; the build reads the page in full and classifies the links again. Falls back
    to the full parse where lxml cannot read the bytes.

    >>> page = b'<h2>Signed decision document</h2><p><a href="/f/pcd_1.pdf">PCD 1 Grant</a></p>'
    >>> [(d.url, d.kind) for d in document_links(page, "http://x.test/pcd-1")]
    [('http://x.test/f/pcd_1.pdf', 'signed_decision')]
    """
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return _document_links(parse_html(html, url), url)
    links: list[Link] = []
    signed_at = -1
    position = 0
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        if el.tag == "a" and el.get("href") is not None:
            text = " ".join(el.text_content().split())
            links.append(Link(text=text, href=el.get("href", ""), start=position, end=position + len(text)))
            position += len(text) + 1
        elif el.text and _SIGNED_HEADING.search(el.text):
            signed_at = position
            position += 1
    return _links_to_documents(links, signed_at, url)


def _document_links(doc: Document, url: str) -> list[DocumentLink]:
    return _links_to_documents(doc.links, doc.text.lower().rfind("signed decision document"), url)


def _links_to_documents(links: Sequence[Link], signed_at: int, url: str) -> list[DocumentLink]:
    """PDF links, absolute and each once; a link after the "Signed decision document" heading (at
    ``signed_at`` in the same coordinates as the links' ``start``, -1 for none) is the signed decision."""
    seen: set[str] = set()
    out: list[DocumentLink] = []
    for link in links:
        href = link.href.strip()
        if (
            not href
            or href.startswith(("javascript:", "mailto:", "#", "data:"))
            or not _PDF_HREF.search(href)
        ):
            continue
        try:
            absolute = urljoin(url, href).split("#", 1)[0]
            scheme = urlsplit(absolute).scheme
        except ValueError:  # e.g. "http://[::1/x.pdf": kept as printed, so the crawl records it as bad_url
            absolute, scheme = href, "http"
        if absolute in seen or scheme not in ("http", "https"):
            continue
        seen.add(absolute)
        if _APPENDIX.search(link.text):
            kind = "appendix"
        elif (signed_at >= 0 and link.start > signed_at) or _SIGNED.search(link.text):
            kind = "signed_decision"
        else:
            kind = "document"
        out.append(DocumentLink(url=absolute, text=link.text, kind=kind))
    return out


def check_decision_page(doc: Document, header: Header) -> None:
    """Tripwire: a decision page shows at least one of the labels every era has, or a reference code."""
    if header.reference_code is None and not DECISION_ANCHORS.search(doc.text):
        raise LayoutChanged(
            doc.source,
            expected="'Reference code:', 'Key information', 'Decision by:' or 'Signed decision document'",
        )


def parse_decision_page(
    doc: Document, *, listing_code: str | None = None, require_anchors: bool = True
) -> DecisionPage:
    """Read every field of a decision page (HTML or saved text; a signed PDF: ``require_anchors=False``)."""
    title_hint = next((b.text for b in doc.blocks if b.kind == "heading" and b.level == 1), None)
    header = read_header(doc.text, title_hint=title_hint, listing_code=listing_code)
    if require_anchors:
        check_decision_page(doc, header)
    text = doc.text
    region = _content_region(text, header)  # the decision's own words, read once
    part2 = _PART2.search(text, header.content_start)
    return DecisionPage(
        source=doc.source,
        header=header,
        summary=_summary(text, header),
        recommendations=tuple(find_recommendations(text)),
        amounts=_read_region(find_amounts, text, region),
        milestones=tuple(find_milestones(text)),
        references=tuple(find_references(text, own_code=header.reference_code, header=header)),
        entities=_read_region(find_entities, text, region),
        table_lines=tuple(find_table_lines(doc)),
        documents=tuple(_document_links(doc, doc.source)) if doc.kind == "html" else (),
        part2=part2 is not None,
        part2_text=_sentence_around(text, part2.start()) if part2 else None,
        era=era_of(text, header) if doc.kind != "pdf" else None,
    )


def era_of(text: str, header: Header) -> str | None:
    """Template era from the labels a page shows (FORMAT.md): "Authorisation name:", or no "Key information"
    block at all, belongs to 2013-20; "Key information" with the title repeated right under it, "(Past
    staff)" or "Recommendation:" labels to 2022+; "Key information" alone to 2018-22.

    >>> from extractors.header import read_header
    >>> era_of("T\\nReference code:\\nPCD 1\\nAuthorisation name:\\nX", read_header("T"))
    '2013-2020'
    >>> page = "Grant Award\\n\\nKey information\\n\\nReference code: PCD 9\\n\\nSigned PCD 9 Grant Award"
    >>> era_of(page, read_header(page))
    '2018-2022'
    """
    if _AUTHORISATION.search(text):
        return "2013-2020"
    key = _KEY_INFO.search(text)
    if not key:
        return "2013-2020" if header.reference_code else None
    if _ERA_2022.search(text):
        return "2022+"
    title = header.title or ""
    label = _KEY_LABEL.search(text, key.end())
    block = text[key.end() : label.start() if label else key.end() + 600]
    if len(title) > 8 and title in block:
        return "2022+"
    return "2018-2022"


def _content_region(text: str, header: Header) -> tuple[int, int]:
    """Where the decision's own words are: from its title (or the content after the header) to the
    closing "Signed decision document" block and its link line, so menus, banners and footers ("Save £50
    on travel", "London Assembly") are never read as the decision's."""
    title = header.spans.get("title")
    start = min(header.content_start, title[0]) if title and title[0] >= 0 else header.content_start
    end = len(text)
    if header.content_end >= 0:
        closing = _CLOSING_BLOCK.match(text, header.content_end)
        end = closing.end() if closing else header.content_end
    return max(start, 0), end


_Spanned = TypeVar("_Spanned", Amount, Entity)


def _read_region(
    find: Callable[[str], list[_Spanned]], text: str, region: tuple[int, int]
) -> tuple[_Spanned, ...]:
    """What ``find`` reads in ``region`` of ``text`` (see :func:`_content_region`); spans in ``text``."""
    start, end = region
    return tuple(
        dataclasses.replace(r, start=r.start + start, end=r.end + start) for r in find(text[start:end])
    )


def _end(text: str, header: Header) -> int:
    return len(text) if header.content_end < 0 else header.content_end


def _summary(text: str, header: Header) -> str | None:
    """The executive summary's first paragraph, else the first long paragraph of the content."""
    region = text[header.content_start : _end(text, header)]
    m = _SUMMARY_HEAD.search(region)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", region[m.end() if m else 0 :])]
    for para in paragraphs:
        if len(para) >= 60 and ":" not in para[:20] and not DECISION_ANCHORS.match(para):
            return " ".join(para.split())
    return None


def _sentence_around(text: str, offset: int) -> str:
    start = max(text.rfind("\n", 0, offset), text.rfind(". ", 0, offset) + 1, 0)
    end_candidates = [i for i in (text.find("\n", offset), text.find(". ", offset)) if i >= 0]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    return " ".join(text[start:end].split())
