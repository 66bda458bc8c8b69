"""HTML → :class:`~pipeline.parse.model.Document`, by what a reader sees.

The walk renders the page's visible text the way a browser's "select all, copy" does — one line per
block, a blank line between blocks, list items as ``"  1. item"`` / ``"  • item"``, table cells one per
line — so the extractors see the same text whether a page came as HTML, PDF or saved text. Markup is
never read for meaning: no class or id is looked at, only elements' roles (heading, list, table, link)
and their visible text. Scripts, styles, templates and elements marked ``hidden`` are not shown.

lxml does the parsing (fast, forgiving). Bytes are decoded by :func:`decode_html` (a BOM, then UTF-8,
then the HTTP header's or the page's own charset when it gives plausible text, then Windows-1252), and the
text is cleaned as :func:`pipeline.parse.text.clean_text` does, so controls, bidi marks and zero-width
characters never reach the extractors. A page with no visible text is an :class:`EmptyDocument`.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from pipeline.errors import EmptyDocument, ParseError, UnsupportedDocument
from pipeline.parse.model import Block, Document, Link
from pipeline.parse.text import clean_text, decode_text

# Elements whose content a reader never sees.
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe", "object"}
)
# Elements that start a new line (block-level in a browser's default style sheet).
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr",
        "html", "legend", "main", "menu", "nav", "p", "pre", "section", "summary",
    }
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WS = re.compile(r"\s+")  # every space and line break (Unicode's, once clean_text has run) collapses
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SKIP_RE = re.compile(r"<(script|style|noscript|template|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_RE = re.compile(r"<(?:/?(?:p|div|li|tr|h[1-6]|dt|dd|table|section|ul|ol)\b|br)[^>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]*>|<!--.*?-->", re.DOTALL)
# An XML declaration (XHTML pages): lxml refuses a str that starts with one naming an encoding.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_MAX_DEPTH = 400  # deeper nesting than this is not a real page; the rest is read as flat text


@dataclass
class _Line:
    """The line being assembled: text pieces, link spans relative to the line, and its block role."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    links: list[tuple[str, str, int, int]] = field(default_factory=list)

    def add(self, text: str) -> None:
        if not text:
            return
        if self.length == 0:
            text = text.lstrip(" ")
        elif self.parts and self.parts[-1].endswith(" ") and text.startswith(" "):
            text = text[1:]
        if text:
            self.parts.append(text)
            self.length += len(text)


class _Renderer:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.line = _Line()
        self.marker = ""  # list marker waiting for the next line with content
        self.list_depth = -1
        self.pre = 0

    # -- output -----------------------------------------------------------------------------------
    def _emit(
        self,
        text: str,
        kind: str,
        *,
        level: int = 0,
        marker: str = "",
        rows: tuple[tuple[str, ...], ...] = (),
    ) -> int:
        """Write one block of text; returns its start offset in the document text."""
        if self.out:
            self.out.append("\n\n")
            self.pos += 2
        start = self.pos
        self.out.append(text)
        self.pos += len(text)
        self.blocks.append(
            Block(
                kind=kind,  # type: ignore[arg-type]
                text=text,
                start=start,
                end=self.pos,
                level=level,
                marker=marker,
                rows=rows,
            )
        )
        return start

    def flush(self, kind: str = "paragraph", level: int = 0) -> None:
        line = self.line
        self.line = _Line()
        text = "".join(line.parts).rstrip()
        if not text:
            return
        prefix = ""
        marker = ""
        if self.marker:
            marker = self.marker
            prefix = "  " * (max(self.list_depth, 0) + 1) + marker + " "
            kind, level, self.marker = "list_item", max(self.list_depth, 0), ""
        start = self._emit(prefix + text, kind, level=level, marker=marker)
        for label, href, a, b in line.links:
            if a < len(text):
                self.links.append(
                    Link(
                        text=label,
                        href=href,
                        start=start + len(prefix) + a,
                        end=start + len(prefix) + min(b, len(text)),
                    )
                )

    # -- walk -------------------------------------------------------------------------------------
    def text(self, raw: str | None) -> None:
        if not raw:
            return
        if self.pre:
            for i, piece in enumerate(raw.split("\n")):
                if i:
                    self.flush()
                self.line.add(piece)
        else:
            self.line.add(_WS.sub(" ", raw))

    def walk(self, el: etree._Element, depth: int = 0) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _INVISIBLE or _hidden(el):
            self.text(el.tail)
            return
        if depth > _MAX_DEPTH:
            self.text(" ".join(el.itertext()))
            self.text(el.tail)
            return
        if tag == "br":
            self.flush()
        elif tag == "table" and _layout_table(el):
            self.flush()
            for cell in _cells(el):  # a table used to lay the page out: its cells read as blocks
                self.flush()
                self.inline_children(cell, depth + 1)
                self.flush()
            self.text(el.tail)
            return
        elif tag == "table":
            self.flush()
            self.table(el)
            self.text(el.tail)
            return
        elif tag in ("ul", "ol"):
            self.list(el, depth, ordered=tag == "ol")
            self.text(el.tail)
            return
        elif tag in _HEADINGS:
            self.flush()
            self.inline_children(el, depth)
            self.flush("heading", _HEADINGS[tag])
            self.text(el.tail)
            return
        elif tag == "a":
            href = (el.get("href") or "").strip()
            line, before = self.line, self.line.length
            self.inline_children(el, depth)
            if self.line is line:
                segment = "".join(line.parts)[before:]
                label = segment.strip()  # the span is the label's own text, not the spaces around it
                if href and label:
                    a = before + len(segment) - len(segment.lstrip())
                    line.links.append((label, href, a, a + len(label)))
            else:  # the link wrapped blocks: keep it, without a span
                label = _WS.sub(" ", " ".join(el.itertext())).strip()
                if href and label:
                    self.links.append(Link(text=label, href=href))
            self.text(el.tail)
            return
        block = tag in _BLOCKS or tag == "li"
        if block:
            self.flush()
        if tag == "pre":
            self.pre += 1
        self.inline_children(el, depth)
        if tag == "pre":
            self.pre -= 1
        if block:
            self.flush()
        self.text(el.tail)

    def inline_children(self, el: etree._Element, depth: int) -> None:
        self.text(el.text)
        for child in el:
            self.walk(child, depth + 1)

    def list(self, el: etree._Element, depth: int, *, ordered: bool) -> None:
        self.flush()
        self.list_depth += 1
        number = _int(el.get("start"), 1)
        for child in el:
            ctag = child.tag.lower() if isinstance(child.tag, str) else ""
            if ctag == "li" and not _hidden(child):
                self.flush()
                number = _int(child.get("value"), number)
                self.marker = _marker(number, el.get("type")) if ordered else "•"
                self.inline_children(child, depth + 1)
                self.flush()
                self.marker = ""
                number += 1
                self.text(child.tail)
            else:
                self.walk(child, depth + 1)
        self.flush()
        self.list_depth -= 1

    def table(self, el: etree._Element) -> None:
        rows: list[tuple[str, ...]] = []
        for tr in el.iter("tr"):
            if _hidden(tr):
                continue
            cells = [
                _WS.sub(" ", " ".join(td.itertext())).strip()
                for td in tr
                if isinstance(td.tag, str) and td.tag.lower() in ("td", "th") and not _hidden(td)
            ]
            if any(cells):
                rows.append(tuple(cells))
        caption = el.find("caption")
        if caption is not None:
            self.text(" ".join(caption.itertext()))
            self.flush("heading", 6)
        if not rows:
            return
        lines = [cell for row in rows for cell in row if cell]
        self._emit("\n\n".join(lines), "table", rows=tuple(rows))
        for a in el.iter("a"):
            href = (a.get("href") or "").strip()
            label = _WS.sub(" ", " ".join(a.itertext())).strip()
            if href and label:
                self.links.append(Link(text=label, href=href))


_CELL_BLOCKS = _BLOCKS | set(_HEADINGS) | {"table", "ul", "ol", "li"}


def _cells(table: etree._Element) -> list[etree._Element]:
    """The visible cells of ``table``'s own rows (not of tables nested in them), in reading order."""
    rows = [
        tr
        for part in (table, *(c for c in table if isinstance(c.tag, str) and c.tag.lower() in _ROW_GROUPS))
        for tr in part
        if isinstance(tr.tag, str) and tr.tag.lower() == "tr" and not _hidden(tr)
    ]
    return [
        td
        for tr in rows
        for td in tr
        if isinstance(td.tag, str) and td.tag.lower() in ("td", "th") and not _hidden(td)
    ]


def _layout_table(table: etree._Element) -> bool:
    """A table that lays out a page rather than holding data: a cell holds headings, paragraphs, lists,
    another table, or lines broken with two or more ``<br>`` (old CMS pages put the whole page in one).

    >>> from lxml import html
    >>> _layout_table(html.fromstring("<table><tr><td><h1>T</h1><p>a</p></td></tr></table>"))
    True
    >>> _layout_table(html.fromstring("<table><tr><td>Staff</td><td>365</td></tr></table>"))
    False
    """
    for cell in _cells(table):
        breaks = 0
        for d in cell.iterdescendants():
            tag = d.tag.lower() if isinstance(d.tag, str) else ""
            if tag in _CELL_BLOCKS:
                return True
            breaks += tag == "br"
        if breaks >= 2:
            return True
    return False


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _marker(number: int, kind: str | None) -> str:
    """The marker a browser shows for item ``number`` of an ``<ol type=kind>``.

    >>> _marker(2, "a"), _marker(3, "I"), _marker(4, None)
    ('b.', 'III.', '4.')
    """
    if kind in ("a", "A") and 1 <= number <= 26:
        letter = chr(ord("a") + number - 1)
        return f"{letter.upper() if kind == 'A' else letter}."
    if kind in ("i", "I") and 1 <= number < 40:
        roman = _roman(number)
        return f"{roman.upper() if kind == 'I' else roman}."
    return f"{number}."


def _roman(number: int) -> str:
    out = ""
    for val, sym in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= val:
            out, number = out + sym, number - val
    return out


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes → (text, encoding used): a BOM, then UTF-8, then the ``declared`` (HTTP header) charset, then the
    page's ``<meta charset>``, each only if it decodes to plausible text, then Windows-1252.

    A lying charset (``latin-1`` over UTF-8 bytes, ``utf-16`` or ``shift_jis`` over Windows-1252 bytes) is
    outvoted (see :func:`pipeline.parse.text.decode_text`). Raises UnsupportedDocument for binary data.

    >>> decode_html("£5m".encode("utf-8"), "iso-8859-1")
    ('£5m', 'utf-8')
    >>> decode_html("£5m".encode("cp1252"))[0]
    '£5m'
    >>> decode_html('<meta charset="utf-16"><p>£5m</p>'.encode("cp1252"))
    ('<meta charset="utf-16"><p>£5m</p>', 'cp1252')
    """
    return decode_text(data, (declared, _meta_charset(data)))


def _meta_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def parse_html(data: bytes | str, source: str, *, charset: str | None = None) -> Document:
    """Parse an HTML page into reading text, blocks and links.

    >>> doc = parse_html(b"<h1>PCD 1 Title</h1><ol><li>Approve &pound;5m</li></ol>", "x")
    >>> doc.text
    'PCD 1 Title\\n\\n  1. Approve £5m'
    >>> [b.kind for b in doc.blocks]
    ['heading', 'list_item']
    """
    if isinstance(data, bytes):
        if not data.strip():
            raise EmptyDocument(
                f"{source}: the page is empty ({len(data)} bytes, all blank); fetch it again", source=source
            )
        try:
            text, encoding = decode_html(data, charset)
        except UnsupportedDocument as exc:
            raise UnsupportedDocument(
                f"{source}: {exc.message}; check the stored bytes", source=source
            ) from exc
        warnings: tuple[str, ...] = () if encoding == "utf-8" else (f"decoded as {encoding}",)
    else:
        text, warnings = data, ()
    text = _XML_DECL.sub("", clean_text(text), count=1)
    if not text.strip():
        raise EmptyDocument(f"{source}: the page is empty", source=source)
    parser = _parser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except etree.ParserError as exc:  # lxml's "Document is empty": markup with nothing in it (a comment)
        raise EmptyDocument(f"{source}: the page has no content ({exc})", source=source) from exc
    except ValueError as exc:
        raise ParseError(f"{source}: not readable as HTML ({exc})", source=source) from exc
    title_el = root.find(".//title")
    title = _WS.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    renderer = _Renderer()
    body = root.find("body")
    renderer.walk(body if body is not None else root)
    renderer.flush()
    rendered = "".join(renderer.out)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # libxml2 stops at 2,048 levels of nesting and drops what is deeper: read the page as flat text
        # instead of losing it
        from pipeline.parse.text import parse_text

        flat = _flat_text(text)
        if not flat:
            raise EmptyDocument(f"{source}: the page has no visible text", source=source)
        fallback = parse_text(flat, source)
        return Document(
            source=source,
            kind="html",
            text=fallback.text,
            blocks=fallback.blocks,
            title=title,
            warnings=(*warnings, "markup too deep or broken: read as flat text"),
        )
    if not rendered.strip():
        raise EmptyDocument(f"{source}: the page has markup but no visible text", source=source)
    return Document(
        source=source,
        kind="html",
        text=rendered,
        blocks=tuple(renderer.blocks),
        links=tuple(renderer.links),
        title=title,
        warnings=warnings,
    )


def _flat_text(markup: str) -> str:
    r"""Visible text by tag stripping: the yardstick (and fallback) for what the tree walk must keep.

    >>> _flat_text("<p>a &pound;1</p><script>x</script><div>b</div>")
    'a £1\nb'
    """
    body = _SKIP_RE.sub(" ", markup)
    body = _BLOCK_RE.sub("\n", body)
    body = html_lib.unescape(_TAG_RE.sub("", body))
    lines = (_WS.sub(" ", line).strip() for line in body.split("\n"))
    return "\n".join(line for line in lines if line)


def _parser() -> lxml.html.HTMLParser:
    # huge_tree: deep or large pages are read rather than cut off; entities are resolved by libxml2 itself
    return lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
