"""Signed-decision PDFs → :class:`~pipeline.parse.model.Document`, the same model the HTML parser gives.

How: pypdfium2 (PDFium) gives each page's text objects — text, box, baseline, font size and weight
— in one pass of C calls, about 50× faster than pdfminer-based pdfplumber; everything after that is
geometry in plain Python (:mod:`pipeline.parse.pdf_layout` for lines and columns,
:mod:`pipeline.parse.pdf_tables` for ruled and unruled tables). Headings come from font size and
weight, list items from their markers, paragraphs from line spacing (hard wraps joined, words
hyphenated across lines repaired), and lines repeated at the top or bottom of most pages (running
headers, "Page 2 of 4") are dropped. A table that runs on to the next page is stitched into one.

Failures raise a :class:`~pipeline.errors.ParseError` with a reason: ``EmptyDocument`` (no bytes, no
pages), ``PdfError`` ("encrypted", "corrupt", "truncated"), ``NeedsOcr`` (pages but no text layer),
``ParseTimeout`` (the time limit is checked between pages, so one pathological page can overrun it
by its own parse time). Pages, text pages and the document are closed as soon as they are read, so
memory stays flat over thousands of PDFs.
"""

from __future__ import annotations

import ctypes
import dataclasses
import itertools
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import EmptyDocument, NeedsOcr, ParseTimeout, PdfError
from pipeline.parse.model import Block, BlockKind, Document
from pipeline.parse.pdf_layout import HYPHEN, LIST_MARKER, Frag, Line, form_row, indent_levels, reading_order
from pipeline.parse.pdf_tables import (
    Table,
    join_wrapped,
    ruled_tables,
    rules_from_boxes,
    same_table,
    stitch_rows,
    unruled_tables,
)

EDGE_ZONE = 0.12  # fraction of page height at top and bottom where running headers/footers live

PAGE_NUMBER = re.compile(
    r"""
    ^\s*(?:page\s+)?          # "Page 2", or just "2"
    \d{1,4}
    (?:\s*(?:of|/)\s*\d{1,4})?  # "of 4" / "/ 4"
    \s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

PLACEHOLDER_TITLE = re.compile(
    r"""
    ^\s*(?:untitled|\(?anonymous\)?|document\d*|slide\s*\d+)\s*$   # tools' defaults, not a title
    """,
    re.VERBOSE | re.IGNORECASE,
)

WORD_TITLE = re.compile(
    r"""
    ^\s*microsoft\s+(?:word|excel|powerpoint)\s*-\s*   # "Microsoft Word - " added by the PDF printer
    | \.(?:docx?|xlsx?|pptx?|rtf|odt)\s*$              # the source file's extension
    """,
    re.VERBOSE | re.IGNORECASE,
)

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_WS = re.compile(r"\s+")
_PAGEOBJ_TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
_PAGEOBJ_PATH = pdfium_c.FPDF_PAGEOBJ_PATH


@dataclass
class _Page:
    number: int
    height: float
    items: list[Line | Table] = field(default_factory=list)
    chars: int = 0


def parse_pdf(data: bytes, source: str, *, timeout: float = 60.0, max_pages: int = 500) -> Document:
    """Parse a PDF's bytes into a Document (see the module docstring for what is read and raised)."""
    if not data:
        raise EmptyDocument(f"{source}: the PDF is 0 bytes; fetch it again", source=source)
    if b"%PDF" not in data[:1024]:
        raise PdfError(
            f"{source}: not a PDF (no %PDF header); check the stored bytes", source=source, reason="corrupt"
        )
    if b"%%EOF" not in data[-8192:]:
        raise PdfError(
            f"{source}: the PDF ends early (no %%EOF trailer); fetch it again",
            source=source,
            reason="truncated",
        )
    started = time.monotonic()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = "encrypted" if "password" in str(exc).lower() else "corrupt"
        remedy = "it needs a password" if reason == "encrypted" else "PDFium cannot read it"
        raise PdfError(f"{source}: {remedy} ({exc})", source=source, reason=reason) from exc
    warnings: list[str] = []
    try:
        total = len(pdf)
        if total == 0:
            raise EmptyDocument(f"{source}: the PDF has no pages", source=source)
        title = clean_title(str(pdf.get_metadata_dict(skip_empty=True).get("Title", "")))
        pages: list[_Page] = []
        for index in range(min(total, max_pages)):
            try:
                pages.append(_read_page(pdf, index))
            except pdfium.PdfiumError as exc:  # a damaged page object: the others may still read
                warnings.append(f"page {index + 1} could not be read ({exc})")
            elapsed = time.monotonic() - started
            if elapsed > timeout:
                raise ParseTimeout(
                    f"{source}: abandoned after {elapsed:.1f} s at page {index + 1} of {total} "
                    f"(limit {timeout:g} s); raise pdf_timeout to read it",
                    source=source,
                )
    finally:
        pdf.close()
    if total > max_pages:
        warnings.append(f"read {max_pages} of {total} pages (pdf_max_pages)")
    if not pages:
        raise PdfError(
            f"{source}: none of its {total} page(s) could be read; the file is damaged, fetch it again",
            source=source,
            reason="corrupt",
        )
    if not any(p.chars for p in pages):
        raise NeedsOcr(f"{source}: {total} page(s) but no text layer (a scan?); it needs OCR", source=source)
    warnings += [f"page {p.number} has no text layer" for p in pages if not p.chars]
    _drop_running_lines(pages)
    blocks, text = _assemble(pages)
    return Document(
        source=source,
        kind="pdf",
        text=text,
        blocks=tuple(blocks),
        pages=total,
        title=title,
        warnings=tuple(warnings),
    )


def clean_title(raw: str) -> str:
    """The metadata title without what the PDF printer added; "" for a tool's placeholder.

    >>> clean_title("Microsoft Word - PCD 1240 SOH variation.docx")
    'PCD 1240 SOH variation'
    >>> clean_title("untitled"), clean_title("(anonymous)")
    ('', '')
    """
    title = " ".join(WORD_TITLE.sub("", raw).split())
    return "" if PLACEHOLDER_TITLE.match(title) else title


# -- reading one page ---------------------------------------------------------------------------


def _read_page(pdf: pdfium.PdfDocument, index: int) -> _Page:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            height = page.get_height()
            frags, boxes = _objects(page, textpage, height)
        finally:
            textpage.close()
    finally:
        page.close()
    result = _Page(number=index + 1, height=height, chars=sum(len(f.text) for f in frags))
    found, rest = ruled_tables(rules_from_boxes(boxes), frags)
    lines = reading_order(rest)
    items: list[Line | Table] = []
    i = 0
    for start, end, unruled in unruled_tables(lines):
        items += lines[i:start]
        items.append(unruled)
        i = end
    items += lines[i:]
    cell = 0
    for table in found:  # ruled tables go where their top edge is, among lines of their column
        at = next((k for k, it in enumerate(items) if it.top > table.top), len(items))
        if isinstance(table, Table):
            items.insert(at, table)
            continue
        read: list[Line | Table] = []  # a layout table: its cells read as text, one block run per cell
        for piece in table.cells:
            cell += 1
            read += [dataclasses.replace(line, cell=cell) for line in reading_order(piece)]
        items[at:at] = read
    result.items = items
    return result


def _objects(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, height: float
) -> tuple[list[Frag], list[tuple[float, float, float, float, bool]]]:
    """Text pieces and path boxes of a page, by raw PDFium calls (the helpers allocate per object)."""
    frags: list[Frag] = []
    boxes: list[tuple[float, float, float, float, bool]] = []
    bold_of: dict[int | None, bool] = {}
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    size = ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    name = ctypes.create_string_buffer(128)
    buf = ctypes.create_string_buffer(4096)  # reused: one allocation per page, not per text object
    ptr = ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
    # raw handles and local names: this loop runs for every object of every page
    page_h, text_h = page.raw, textpage.raw
    get_object, get_type, get_bounds = (
        pdfium_c.FPDFPage_GetObject,
        pdfium_c.FPDFPageObj_GetType,
        pdfium_c.FPDFPageObj_GetBounds,
    )
    get_text = pdfium_c.FPDFTextObj_GetText
    for i in range(pdfium_c.FPDFPage_CountObjects(page_h)):
        obj = get_object(page_h, i)
        kind = get_type(obj)
        if kind not in (_PAGEOBJ_TEXT, _PAGEOBJ_PATH) or not get_bounds(obj, left, bottom, right, top):
            continue
        if kind == _PAGEOBJ_PATH:
            pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
            boxes.append(
                (left.value, right.value, height - top.value, height - bottom.value, bool(stroke.value))
            )
            continue
        n = get_text(obj, text_h, ptr, len(buf))  # bytes needed, UTF-16 with a NUL; copied if they fit
        if n <= 2:
            continue
        if n > len(buf):
            buf = ctypes.create_string_buffer(n)
            ptr = ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
            get_text(obj, text_h, ptr, n)
        text = ctypes.string_at(buf, n - 2).decode("utf-16-le", errors="replace").replace("\ufffe", HYPHEN)
        text = text.replace("\r", " ").replace("\n", " ").replace("\x00", "")
        if not text.strip():
            continue
        pdfium_c.FPDFTextObj_GetFontSize(obj, size)
        pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
        scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        key = ctypes.cast(font, ctypes.c_void_p).value
        if key not in bold_of:
            got = pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name)) if font else 0
            weight = pdfium_c.FPDFFont_GetWeight(font) if font else 0
            bold_of[key] = weight >= 600 or bool(got and _BOLD_NAME.search(name.value.decode("latin-1")))
        frags.append(
            Frag(
                x0=left.value,
                x1=right.value,
                top=height - top.value,
                bottom=height - bottom.value,
                base=height - matrix.f,
                text=text,
                size=size.value * scale,
                bold=bold_of[key],
            )
        )
    return frags, boxes


# -- running headers and footers ----------------------------------------------------------------


def _edge_key(line: Line) -> str:
    return _DIGITS.sub("#", _WS.sub(" ", line.text.lower())).strip()


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and lines repeated in the top/bottom zone of at least half the pages."""

    def edge_lines(page: _Page) -> list[Line]:
        return [
            it
            for it in page.items
            if isinstance(it, Line)
            and (it.bottom < EDGE_ZONE * page.height or it.top > (1 - EDGE_ZONE) * page.height)
        ]

    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_edge_key(line) for line in edge_lines(page)})
    need = max(2, math.ceil(len(pages) / 2))
    for page in pages:
        drop = {
            id(line)
            for line in edge_lines(page)
            if PAGE_NUMBER.match(line.text) or (len(pages) > 1 and seen[_edge_key(line)] >= need)
        }
        page.items = [it for it in page.items if id(it) not in drop]


# -- blocks -------------------------------------------------------------------------------------


@dataclass
class _Draft:
    kind: BlockKind
    lines: list[str]
    page: int
    marker: str = ""
    x0: float = 0.0
    size: float = 0.0
    bold: bool = False
    last: Line | None = None
    rows: list[tuple[str, ...]] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)
    table: Table | None = None
    cell: int = 0


def _body_style(pages: list[_Page]) -> tuple[float, float]:
    """The body font size (points, most characters) and body line pitch (points, most common
    baseline-to-baseline step between consecutive body lines)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for it in page.items:
            if isinstance(it, Line):
                sizes[it.size] += len(it.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    pitches: Counter[float] = Counter()
    for page in pages:
        lines = [it for it in page.items if isinstance(it, Line)]
        for a, b in itertools.pairwise(lines):
            step = b.base - a.base
            if a.size == b.size == body and a.column == b.column and 0 < step < 3 * body:
                pitches[round(step * 2) / 2] += 1
    if not pitches:
        return body, 1.3 * body
    # The wrap step is the smallest common one: on forms of one-line paragraphs the paragraph step
    # (pitch plus spacing) can be as common, and taking it would run paragraphs together.
    top = max(pitches.values())
    pitch = min(step for step, n in pitches.items() if n * 2 >= top and step >= body)
    return body, pitch


def _is_heading(line: Line, body: float) -> bool:
    words = line.text.split()
    if not words or len(line.text) > 150 or not any(ch.isalpha() for ch in line.text):
        return False
    return line.size >= body + 1.5 or line.bold


def _continues(d: _Draft, line: Line, body: float, pitch: float) -> bool:
    """Whether ``line`` carries on the block being drafted (a hard wrap, not a new block)."""
    prev = d.last
    if prev is None or d.kind == "table" or prev.column != line.column or prev.cell != line.cell:
        return False
    if form_row(prev, above=True) or form_row(line):  # form rows ("Signature ... Date ...") stand alone
        return False
    step = line.base - prev.base
    limit = 1.2 * max(pitch * line.size / body, 1.05 * line.size)
    if not 0 < step <= limit or abs(line.size - d.size) > 1.0:
        return False
    if d.kind == "heading":
        return _is_heading(line, body) and line.bold == d.bold
    if _is_heading(line, body) and not prev.bold:
        return False
    if LIST_MARKER.match(line.text) and (
        prev.text.rstrip().endswith((".", ":", ";")) or d.kind == "list_item"
    ):
        return False
    return not (d.kind == "list_item" and line.x0 < d.x0 - 2)


def _assemble(pages: list[_Page]) -> tuple[list[Block], str]:
    body, pitch = _body_style(pages)
    drafts: list[_Draft] = []
    for page in pages:
        for item in page.items:
            if isinstance(item, Table):
                last = drafts[-1] if drafts else None
                if (
                    last is not None
                    and last.table is not None
                    and last.row_pages[-1] == page.number - 1
                    and item is page.items[0]
                    and same_table(last.table, item)
                ):
                    merged = stitch_rows(last.rows, item.rows)
                    last.row_pages += [page.number] * (len(merged) - len(last.rows))
                    last.rows = merged
                    last.table = item
                    continue
                drafts.append(
                    _Draft(
                        "table",
                        [],
                        page.number,
                        rows=list(item.rows),
                        row_pages=[page.number] * len(item.rows),
                        table=item,
                    )
                )
                continue
            if drafts and _continues(drafts[-1], item, body, pitch):
                drafts[-1].lines.append(item.text)
                drafts[-1].last = item
                continue
            drafts.append(_new_draft(item, page.number, body))
    headed = sorted({(d.size, d.bold) for d in drafts if d.kind == "heading"}, reverse=True)
    blocks: list[Block] = []
    parts: list[str] = []
    pos = 0
    indents = {  # a layout table's lists nest from their own cell's edge
        cell: indent_levels([d.x0 for d in drafts if d.kind == "list_item" and d.cell == cell])
        for cell in {d.cell for d in drafts}
    }
    for d in drafts:
        level = 0
        rows: tuple[tuple[str, ...], ...] = ()
        if d.kind == "table":
            rows = tuple(d.rows)
            text = "\n\n".join(cell for row in rows for cell in row if cell)
        else:
            text = join_wrapped(d.lines)
            if d.kind == "heading":
                level = min(headed.index((d.size, d.bold)) + 1, 6)
            elif d.kind == "list_item":
                dotted = d.marker.rstrip(".").count(".") if d.marker[:1].isdigit() else 0
                level = max(indents[d.cell](d.x0), dotted)
                text = "  " * (level + 1) + d.marker + " " + text
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(text)
        blocks.append(
            Block(
                kind=d.kind,
                text=text,
                start=pos,
                end=pos + len(text),
                level=level,
                marker=d.marker,
                page=d.page,
                rows=rows,
                row_pages=tuple(d.row_pages),
            )
        )
        pos += len(text)
    return blocks, "".join(parts)


def _new_draft(line: Line, page: int, body: float) -> _Draft:
    m = LIST_MARKER.match(line.text)
    if _is_heading(line, body):
        return _Draft(
            "heading",
            [line.text],
            page,
            x0=line.x0,
            size=line.size,
            bold=line.bold,
            last=line,
            cell=line.cell,
        )
    if m:
        return _Draft(
            "list_item",
            [m.group("rest")],
            page,
            marker=m.group("marker"),
            x0=line.x0,
            size=line.size,
            last=line,
            cell=line.cell,
        )
    return _Draft("paragraph", [line.text], page, x0=line.x0, size=line.size, last=line, cell=line.cell)
