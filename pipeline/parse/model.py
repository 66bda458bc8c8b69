"""The document model shared by the HTML, PDF and plain-text parsers.

A :class:`Document` is what a reader sees: ``text`` is the page's reading text (blocks joined by
newlines, list items shown with their marker, table cells one per line — the form a browser's
"copy all" gives), and ``blocks`` index that text by character span, so an extractor working on
``text`` can always say which block, page and span a value came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table", "link"]
SourceKind = Literal["html", "pdf", "text"]


@dataclass(frozen=True)
class Block:
    """One unit of reading text (heading, paragraph, list item, table) and its span in ``Document.text``."""

    kind: BlockKind
    text: str
    start: int
    end: int
    level: int = 0  # heading level (1-6) or list nesting depth (0 = top level)
    marker: str = ""  # list marker as shown: "1.", "a)", "•", "-"
    page: int | None = None  # 1-based, PDFs only
    rows: tuple[tuple[str, ...], ...] = ()  # tables only: cell text per row
    row_pages: tuple[int, ...] = ()  # PDF tables only: 1-based page of each row (a table may span pages)


@dataclass(frozen=True)
class Link:
    """A hyperlink as a reader sees it: its text and where it points (absolute or root-relative)."""

    text: str
    href: str
    start: int = -1  # span of the link text in Document.text, -1 if not shown
    end: int = -1


@dataclass(frozen=True)
class Document:
    """A parsed document: reading text, its blocks, and its links."""

    source: str  # URL or path the bytes came from
    kind: SourceKind
    text: str
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    pages: int = 0  # PDFs: page count; HTML/text: 0
    title: str = ""  # <title> or PDF metadata title, if any
    warnings: tuple[str, ...] = field(default=())  # non-fatal oddities (encoding guessed, pages skipped)

    def block_at(self, offset: int) -> Block | None:
        """The block whose span contains ``offset``, if any."""
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block
        return None

    def page_at(self, offset: int) -> int | None:
        """The 1-based PDF page of ``offset`` (None for HTML or outside every block)."""
        block = self.block_at(offset)
        return block.page if block else None
