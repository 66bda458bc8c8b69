"""Tables on a PDF page, from geometry alone: ruled grids from drawn rules, unruled `£000` grids
from aligned lines.

Ruled: every thin drawn rule (a path no more than 2 pt thick) is a horizontal or vertical segment;
rules that touch form a grid; the distinct x of its verticals and y of its horizontals cut it into
cells, and each text piece goes to the cell holding its centre (what pdfplumber's default
``extract_tables`` does; tests/parse checks the two agree).

Layout: a ruled grid that lays out a form rather than holding data — a cell holds a lead-in and a
list, or two columns of "Label:" cells beside wrapped values (Word's "Title: | ..." front table) — is
a :class:`LayoutTable`: its cells' pieces, which the parser reads as blocks (what the HTML parser
does with a ``<table>`` whose cells hold paragraphs and lists).

Unruled: consecutive lines made of several chunks separated by wide gaps, at least one of them a
figure (``1,250``, ``-450``, ``(450)``) or a money/year header (``2023/24 (£000)``). Columns are the
gaps in the projection of the chunks onto the x axis — so a closing bracket that hangs past a
right-aligned column stays in its cell instead of becoming a column of its own (pdfplumber's
"text" strategy splits ``(20,191,164)`` there and drops the bracket).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.parse.pdf_layout import Frag, Line, group_lines, join_frags

RULE_MAX = 2.0  # points: a drawn box thinner than this is a rule, not a shape
SNAP = 2.5  # points: rules this close are one rule; ends this close touch

NUMBER_CELL = re.compile(
    r"""
    ^\s*
    (?:£\s?)?                      # optional pound sign
    [-–(]?\s?                      # sign: minus, dash or opening bracket
    (?:£\s?)?
    \d{1,3}(?:,\d{3})*(?:\.\d+)?   # 1,250 or 450 or 12.5
    \s?\)?                         # closing bracket of a negative
    \s?(?:k|m|%)?                  # scale or percent as printed
    \s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

CELL_LIST_MARKER = re.compile(
    r"""
    ^(?:\d{1,2}[.)]                     # 1.  2)
      | \(?[a-h]\) | \(?[ivx]{1,4}\)    # a)  (b)  iv)
      | [•●▪◦○■□➢►–-]                  # bullets and dashes
    )\s+\S
    """,
    re.VERBOSE,
)

FORM_LABEL_CELL = re.compile(r"^[A-Z][A-Za-z /&'’()-]{1,40}:$")  # "Title:", "Executive Summary:"

HEADER_CELL = re.compile(
    r"""
    £\s?['’]?000 | £\s?k\b | £\s?m\b  # money-scale headers: £000, £'000, £k, £m
    | ^\s*\(?£\)?\s*$                 # a bare "£" or "(£)" over a column of pounds
    | \b20\d\d\s?[/-]\s?\d{2,4}\b    # financial years
    | ^\s*(?:total|amount|budget|cost)s?\b
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Table:
    """One table found on a page: rows of cell text and the box it covers (top-down points)."""

    rows: tuple[tuple[str, ...], ...]
    top: float
    bottom: float
    x0: float
    x1: float
    ruled: bool


@dataclass(frozen=True, slots=True)
class LayoutTable:
    """A ruled grid that lays out text: its non-empty cells' pieces, row by row, left to right."""

    cells: tuple[tuple[Frag, ...], ...]
    top: float
    bottom: float
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Rule:
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.bottom - self.top


def rules_from_boxes(boxes: Sequence[tuple[float, float, float, float, bool]]) -> list[Rule]:
    """Path boxes ``(x0, x1, top, bottom, stroked)`` → rules: thin boxes are rules; a stroked
    rectangle contributes its four edges; a filled shape (shading) contributes nothing."""
    rules: list[Rule] = []
    for x0, x1, top, bottom, stroked in boxes:
        w, h = x1 - x0, bottom - top
        if (w <= RULE_MAX < h) or (h <= RULE_MAX < w):
            rules.append(Rule(x0, x1, top, bottom))
        elif stroked and w > RULE_MAX and h > RULE_MAX:
            rules += [
                Rule(x0, x1, top, top),
                Rule(x0, x1, bottom, bottom),
                Rule(x0, x0, top, bottom),
                Rule(x1, x1, top, bottom),
            ]
    return rules


def _touch(a: Rule, b: Rule) -> bool:
    return (
        a.x0 - SNAP <= b.x1 and b.x0 - SNAP <= a.x1 and a.top - SNAP <= b.bottom and b.top - SNAP <= a.bottom
    )


def _grids(rules: list[Rule]) -> list[list[Rule]]:
    """Connected groups of touching rules (union-find; pages have tens of rules, not thousands)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(rules)):
        for j in range(i + 1, len(rules)):
            if _touch(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return list(groups.values())


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _cell_text(frags: list[Frag]) -> str:
    lines = [line.text for line in group_lines(frags)]
    return join_wrapped(lines)


def join_wrapped(lines: Sequence[str]) -> str:
    """Join the lines of one wrapped text, repairing words hyphenated across a line end.

    >>> join_wrapped(["the grant funds co\\x02", "ordinators and", "volunteers"])
    'the grant funds coordinators and volunteers'
    >>> join_wrapped(["a two-", "Year plan for 2023-", "24 and -", "beyond"])
    'a two-Year plan for 2023-24 and - beyond'
    """
    out = ""
    for raw in lines:
        text = raw.strip()
        if not text:
            continue
        if not out:
            out = text
            continue
        broken = out.endswith(("-", "\x02")) and len(out) > 1 and out[-2].isalnum()
        if broken and out[-2].isalpha() and text[:1].islower():
            out = out[:-1] + text  # "co-" + "ordinators": a word split by the wrap
        elif broken:
            out = out[:-1] + "-" + text  # "two-" + "Year", "2023-" + "24": a real hyphen at the wrap
        else:
            out = out + " " + text
    return out.replace("\x02", "-")


def _layout(cells: dict[tuple[int, int], list[Frag]], columns: int) -> bool:
    """Whether a grid's cells hold paragraphs and lists (a form's layout) rather than data: a cell with
    a list under its first line, or two columns of "Label:" cells beside values wrapped over lines."""
    lines = {key: group_lines(frags) for key, frags in cells.items()}
    if any(CELL_LIST_MARKER.match(line.text) for cell in lines.values() for line in cell[1:]):
        return True
    if columns != 2:
        return False
    labels = [" ".join(ln.text for ln in cell) for (_, col), cell in lines.items() if col == 0]
    wrapped = any(len(cell) >= 2 for (_, col), cell in lines.items() if col == 1)
    return len(labels) >= 2 and wrapped and all(FORM_LABEL_CELL.match(label) for label in labels)


def ruled_tables(rules: list[Rule], frags: list[Frag]) -> tuple[list[Table | LayoutTable], list[Frag]]:
    """Grids of rules → tables; returns the tables and the pieces left outside every table."""
    tables: list[Table | LayoutTable] = []
    used: set[int] = set()
    for grid in _grids(rules):
        xs = _snap([(r.x0 + r.x1) / 2 for r in grid if not r.horizontal])
        ys = _snap([(r.top + r.bottom) / 2 for r in grid if r.horizontal])
        if len(xs) < 2 or len(ys) < 2 or (len(xs) - 1) * (len(ys) - 1) < 2:
            continue  # a box around one block of text is a frame, not a table
        cells: dict[tuple[int, int], list[Frag]] = {}
        for k, f in enumerate(frags):
            cx, cy = (f.x0 + f.x1) / 2, (f.top + f.bottom) / 2
            if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
                continue
            col = max(i for i, x in enumerate(xs[:-1]) if x <= cx)
            row = max(i for i, y in enumerate(ys[:-1]) if y <= cy)
            cells.setdefault((row, col), []).append(f)
            used.add(k)
        if _layout(cells, len(xs) - 1):
            ordered = tuple(tuple(cells[key]) for key in sorted(cells))
            tables.append(LayoutTable(ordered, ys[0], ys[-1], xs[0], xs[-1]))
            continue
        rows: list[tuple[str, ...]] = []
        for r in range(len(ys) - 1):
            texts = tuple(_cell_text(cells.get((r, c), [])) for c in range(len(xs) - 1))
            if any(texts):
                rows.append(texts)
        if rows:
            tables.append(Table(tuple(rows), ys[0], ys[-1], xs[0], xs[-1], ruled=True))
    rest = [f for k, f in enumerate(frags) if k not in used]
    return tables, rest


def _tabular(line: Line) -> bool:
    """A line that reads as a table row: several chunks with a figure or money header after the first."""
    if len(line.chunks) < 2:
        return False
    cells = line.cells
    return any(NUMBER_CELL.match(c) or HEADER_CELL.search(c) for c in cells[1:])


def repair_brackets(cells: list[str]) -> list[str]:
    """Re-attach a bracket split off a negative figure.

    >>> repair_brackets(["Grant income", "(20,191,164", ")"])
    ['Grant income', '(20,191,164)', '']
    >>> repair_brackets(["Net", "(", "450)"])
    ['Net', '(450)', '']
    """
    out = list(cells)
    for i in range(len(out) - 1):
        here, nxt = out[i].strip(), out[i + 1].strip()
        if here.startswith("(") and ")" not in here and nxt == ")":
            out[i], out[i + 1] = here + ")", ""
        elif here == "(" and nxt.endswith(")") and "(" not in nxt:
            out[i], out[i + 1] = "(" + nxt, ""
    return out


def unruled_tables(lines: list[Line]) -> list[tuple[int, int, Table]]:
    """Runs of table-like lines → ``(first line index, end index, table)``.

    A run is two or more tabular lines, allowing one plain line between them (a section label such
    as "Areas of underspend") when the lines around it are tabular.
    """
    found: list[tuple[int, int, Table]] = []
    i = 0
    while i < len(lines):
        if not _tabular(lines[i]):
            i += 1
            continue
        j = i + 1
        while j < len(lines):
            near = lines[j].top - lines[j - 1].bottom <= 2.5 * lines[j].size
            if near and _tabular(lines[j]):
                j += 1
            elif (
                near
                and j + 1 < len(lines)
                and _tabular(lines[j + 1])
                and len(lines[j].text) < 80
                and lines[j].x0 <= lines[i].x0 + 30
            ):
                j += 2
            else:
                break
        run = lines[i:j]
        if sum(_tabular(line) for line in run) >= 2:
            done = found[-1][1] if found else 0
            if i > done and _header_of(lines[i - 1], run):
                i -= 1  # a header of words only ("Business area   Variance")
            found.append((i, j, _grid_from_lines(lines[i:j])))
            i = j
        else:
            i += 1
    return found


def _header_of(line: Line, run: Sequence[Line]) -> bool:
    """Whether ``line``, just above a run of table rows, is its header row: as many chunks as the widest
    row, close above it, short, and ending where the rows' last column ends (figures align right)."""
    width = max(len(row.chunks) for row in run)
    right = max(row.x1 for row in run)
    return (
        len(line.chunks) == width >= 2
        and run[0].top - line.bottom <= 2.5 * run[0].size
        and len(line.text) <= 120
        and abs(line.x1 - right) <= 2 * run[0].size
    )


def _grid_from_lines(run: Sequence[Line]) -> Table:
    spans = sorted((c[0].x0, c[-1].x1) for line in run for c in line.chunks)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1] + 1.0:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    starts = [c[0] for c in columns]
    rows: list[tuple[str, ...]] = []
    for line in run:
        cells: list[list[int]] = [[] for _ in columns]
        for index, chunk in enumerate(line.chunks):
            # columns are the union of the chunks' spans, so each chunk lies inside exactly one
            cx = (chunk[0].x0 + chunk[-1].x1) / 2
            cells[max(bisect.bisect_right(starts, cx) - 1, 0)].append(index)
        texts = [
            line.cells[c[0]]
            if len(c) == 1
            else join_frags(sorted((f for i in c for f in line.chunks[i]), key=lambda f: f.x0))
            for c in cells
        ]
        texts = repair_brackets(texts)
        if any(texts):
            rows.append(tuple(t.replace("\x02", "-") for t in texts))
    return Table(
        tuple(rows),
        min(line.top for line in run),
        max(line.bottom for line in run),
        min(line.x0 for line in run),
        max(line.x1 for line in run),
        ruled=False,
    )


def same_table(a: Table, b: Table) -> bool:
    """Whether ``b`` (first on a page) continues ``a`` (last on the previous page)."""
    return len(a.rows[0]) == len(b.rows[0]) and a.ruled == b.ruled and abs(a.x0 - b.x0) <= 12


def stitch_rows(a: Sequence[tuple[str, ...]], b: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Rows of a continued table: ``b`` appended, minus its repeat of ``a``'s header row."""
    extra = list(b)
    if extra and a and extra[0] == a[0]:
        extra = extra[1:]
    return [*a, *extra]
