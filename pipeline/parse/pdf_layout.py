"""Page geometry → reading-order lines: the part of the PDF parser that knows nothing about pdfium.

Input is a page's text pieces (:class:`Frag`, one per PDF text-showing operation, in top-down
coordinates: ``top`` grows down the page). Output is :class:`Line` objects in reading order: pieces
on one baseline joined (a space only where the gap between them is a word gap), and a two-column
band read left column first, then right column.

Column detection is deliberately narrow: a band is two-column only where at least two lines have
*prose* on both sides of a gap in the middle of the page (each side at least a quarter of the text
width, with letters in it). Tables — label on the left, narrow numbers on the right — never qualify,
so they stay one line per row for the table finder.

It also holds what the block assembler asks of a single line: its list marker (:data:`LIST_MARKER`),
whether it is a form row that stands alone (:func:`form_row`) and list indents as depths
(:func:`indent_levels`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

HYPHEN = "\x02"  # pdfium's mark for a hyphen that ends a line (a break inside a word)

SLACK = 2.0  # points: glyph boxes are tight, so column edges wobble by a side bearing

_MARKER = r"""
    (?:\d{1,2}\.){1,3}\d{0,2}          # 1.  1.1.  1.1  2.3.1
  | \d{1,2}\)                          # 1)
  | \(?[a-hj-z]\)                      # a)  (b)
  | \(?(?:i{1,3}|iv|v|vi{1,3}|ix|x)\)  # i)  (iv)
  | [•●▪◦○■□➢►\-–]                     # bullets and dashes
"""
LIST_MARKER = re.compile(rf"^(?P<marker>{_MARKER})\s+(?P<rest>\S.*)$", re.VERBOSE)
_MARKER_ONLY = re.compile(rf"^(?:{_MARKER})$", re.VERBOSE)  # a marker tabbed apart from its text

FORM_LINE = re.compile(
    r"""
    ^\s*(?:signature|signed|name|date(?:\s+signed)?)   # a signature block's labels
    (?:\s*[:.…_]|\s*$)                                  # then a colon, dots or nothing
    """,
    re.VERBOSE | re.IGNORECASE,
)

_LETTERS = re.compile(r"[A-Za-z]{3}")  # "prose" needs some letters, not just figures
_WORDY = re.compile(r"\w")  # a piece with a letter or figure in it (not a lone bullet or rule)


@dataclass(frozen=True, slots=True)
class Frag:
    """One piece of text as drawn: its box (points, top-down), font size (points) and weight."""

    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline, top-down
    text: str
    size: float
    bold: bool


@dataclass(frozen=True, slots=True)
class Line:
    """Pieces sharing a baseline, in one column; ``chunks`` are the word-gap-separated runs."""

    frags: tuple[Frag, ...]
    chunks: tuple[tuple[Frag, ...], ...]
    cells: tuple[str, ...]  # the text of each chunk
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float  # the size most of the line's characters have
    bold: bool  # every letter of the line is bold
    column: int = 0  # 0 full width / one column, 1 left, 2 right of a two-column band
    cell: int = 0  # a layout table's cell the line was read from (numbered per page), 0 outside one


def join_frags(frags: Sequence[Frag]) -> str:
    """The text of pieces on one line, left to right: a space only at a visible gap.

    >>> a = Frag(0, 10, 0, 10, 8, "(20,191", 10, False)
    >>> b = Frag(10.2, 20, 0, 10, 8, ",164)", 10, False)
    >>> c = Frag(30, 40, 0, 10, 8, "net", 10, False)
    >>> join_frags([a, b, c])
    '(20,191,164) net'
    """
    out: list[str] = []
    prev: Frag | None = None
    for f in frags:
        text = f.text.strip(" ")
        if not text:
            continue
        if prev is not None:
            gap = f.x0 - prev.x1
            if (gap > 0.15 * max(f.size, prev.size) or prev.text.endswith(" ")) and not out[-1].endswith(" "):
                out.append(" ")
        out.append(text)
        prev = f
    return "".join(out).strip()


def chunk_frags(frags: Sequence[Frag], gap_em: float = 1.0) -> tuple[tuple[Frag, ...], ...]:
    """Split a line's pieces (sorted by x) where the gap is wider than ``gap_em`` × font size."""
    chunks: list[list[Frag]] = []
    for f in frags:
        if chunks and f.x0 - chunks[-1][-1].x1 <= gap_em * max(f.size, chunks[-1][-1].size):
            chunks[-1].append(f)
        else:
            chunks.append([f])
    return tuple(tuple(c) for c in chunks)


def make_line(frags: Iterable[Frag], column: int = 0) -> Line:
    parts = sorted(frags, key=lambda f: f.x0)
    weights: dict[float, int] = {}
    bold_chars = letters = 0
    first = parts[0]
    x0, x1, top, bottom, base = first.x0, first.x1, first.top, first.bottom, first.base
    for f in parts:  # one pass: this runs for every line of every page
        n = len(f.text) - f.text.count(" ") if _WORDY.search(f.text) else 0  # letters and figures, roughly
        key = round(f.size * 2) / 2
        weights[key] = weights.get(key, 0) + max(n, 1)
        letters += n
        if f.bold:
            bold_chars += n
        x1 = max(x1, f.x1)
        top = min(top, f.top)
        bottom = max(bottom, f.bottom)
        base = max(base, f.base)
    size = max(weights.items(), key=lambda kv: (kv[1], kv[0]))[0]
    chunks = chunk_frags(parts)
    cells = tuple(join_frags(c) for c in chunks)
    return Line(
        frags=tuple(parts),
        chunks=chunks,
        cells=cells,
        text=" ".join(c for c in cells if c),  # chunks are a word gap apart: what join_frags(parts) gives
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        base=base,
        size=size,
        bold=letters > 0 and bold_chars == letters,
        column=column,
    )


def group_lines(frags: Iterable[Frag], column: int = 0) -> list[Line]:
    """Pieces → lines, top to bottom: a piece joins a line when their baselines are within 40% of a
    font size (superscripts and bullets drawn in another size still join)."""
    rows: list[list[Frag]] = []
    for f in sorted(frags, key=lambda f: (f.base, f.x0)):
        if rows:
            last = rows[-1]
            ref = last[0]
            if abs(f.base - ref.base) <= 0.4 * max(ref.size, f.size):
                last.append(f)
                continue
        rows.append([f])
    return [make_line(r, column) for r in rows]


def _prose(chunk: Sequence[Frag], width: float) -> bool:
    text = "".join(f.text for f in chunk)
    return chunk[-1].x1 - chunk[0].x0 >= 0.25 * width and bool(_LETTERS.search(text))


def _split_gap(line: Line, left: float, width: float) -> tuple[float, float] | None:
    """The gutter (x interval) of a line with prose on both sides of a mid-page gap, if it has one."""
    for a, b in zip(line.chunks, line.chunks[1:], strict=False):
        lo, hi = a[-1].x1, b[0].x0
        mid = (lo + hi) / 2
        if left + 0.3 * width <= mid <= left + 0.7 * width and _prose(a, width) and _prose(b, width):
            return lo, hi
    return None


def reading_order(frags: Sequence[Frag]) -> list[Line]:
    """A page's pieces → lines in reading order, two-column bands read column by column."""
    lines = group_lines(frags)
    if len(lines) < 2:
        return lines
    left = min(line.x0 for line in lines)
    width = max(line.x1 for line in lines) - left
    out: list[Line] = []
    i = 0
    while i < len(lines):
        gap = _split_gap(lines[i], left, width)
        if gap is None:
            out.append(lines[i])
            i += 1
            continue
        lo, hi = gap
        j, splits = i, 0
        while j < len(lines):
            g = _split_gap(lines[j], left, width)
            if g is not None and g[0] < hi and g[1] > lo:
                lo, hi = max(lo, g[0]), min(hi, g[1])
                splits += 1
            elif any(f.x0 < (lo + hi) / 2 - SLACK and f.x1 > (lo + hi) / 2 + SLACK for f in lines[j].frags):
                break  # something spans the gutter's middle: the band has ended (a ragged-right
                # left-column line reaching a little into the gutter does not)
            j += 1
        if splits < 2:
            out.append(lines[i])
            i += 1
            continue
        band = [f for line in lines[i:j] for f in line.frags]
        cut = (lo + hi) / 2
        out += group_lines([f for f in band if f.x0 + f.x1 < 2 * cut], column=1)
        out += group_lines([f for f in band if f.x0 + f.x1 >= 2 * cut], column=2)
        i = j
    return out


def form_row(line: Line, *, above: bool = False) -> bool:
    """A line of a form rather than prose, which stands alone: cells apart on one line ("Signature ....
    Date 03/04/22"; not a list marker tabbed from its text, "1.<tab>Approve ..."), or a signature
    block's label line. ``above``: the line is above the one being joined, where a bare label
    ("Signature:") still takes the value printed under it."""
    split = len(line.chunks) > 2 or (len(line.chunks) == 2 and not _MARKER_ONLY.match(line.cells[0]))
    label = FORM_LINE.match(line.text)
    return split or (label is not None and not (above and not line.text[label.end() :].strip(" .:…_")))


def indent_levels(xs: list[float]) -> Callable[[float], int]:
    """Indent → nesting depth: list markers' x positions clustered (6 pt apart or more), leftmost 0."""
    starts: list[float] = []
    for x in sorted(xs):
        if not starts or x - starts[-1] > 6.0:
            starts.append(x)
    return lambda x: max((i for i, s in enumerate(starts) if s <= x + 0.5), default=0)
