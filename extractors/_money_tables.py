"""Cells of ``£000`` / ``£k`` / ``£m`` / ``(£)`` tables in reading text, for :mod:`extractors.money`.

A table arrives flattened: one cell per line (a label line, then its numbers on lines of their own),
rows of ``|``- or tab-separated cells, rows split by runs of spaces, or a label and its numbers on
one line. A line holding a unit heading (``£000``, ``£k``, ``£m``, or plain ``(£)``) opens a region;
the region's bare numbers are money at the heading's scale. A column whose own heading has a unit
keeps it ("Unit cost (£)" beside "Total cost (£000)", "Source  £  £000"); a paragraph number set
apart from its caption ("3.1.    Appendix 1 – Costs (£000)") is not a column. What is not money
there, and where a region ends, is described in :mod:`extractors.money`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from extractors._money_cells import (
    BLANK_CELL_RE,
    FY_CELL_RE,
    FY_IN_RE,
    UNIT_RE,
    YEAR_RE,
    as_cell,
    cell_value,
    heading_unit,
    non_money,
    split_cells,
    text_lines,
    unit_scale,
    year_of,
)
from extractors._money_data import LABEL_NUMBER_WORDS, SCALES, SECTION_HEADINGS

__all__ = ["TableCell", "table_amounts"]


@dataclass(frozen=True)
class TableCell:
    """One money cell of a table: the number as printed, its value at the table's scale, its span."""

    text: str  # "-450", "(450)", "1,183"
    value: Decimal  # signed, scale applied
    start: int
    end: int
    scale: Decimal
    total: bool  # on a "Total" / "Sub-total" row
    financial_year: str | None  # from the column's (or row's) year heading


_NUMBERED_RE = re.compile(r"^\(?\d+(?:\.\d+)*[.)]\s+\S")  # "1. The grant ...", "4.2 Costs ..."
_TOTAL_RE = re.compile(r"^\W*(?:grand\s+|sub-?\s?)?totals?\b", re.IGNORECASE)
_PROSE_MONEY_RE = re.compile(r"[£€$]\s?\d")  # an inline amount: a prose sentence, not a table row
_MARKER_RE = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[a-z]\)|[-•*·])\s+")  # list marker before a heading
_LONE_MARKER_RE = re.compile(r"\(?\d+(?:\.\d+)*[.)]|\(?[a-z]\)|[-–•*·]")  # "3.1." set apart from its caption

_CAPTION_RE = re.compile(r"(?:Table|Figure|Chart)[^\S\n]+\d+[A-Za-z]?\b")  # "Table 2: Headcount (FTE)"

_QUIET_LINES = 6  # text lines in a row without a number that end a table


@dataclass
class _Table:
    """State of the table being read."""

    scale: Decimal
    column_fys: list[str] = field(default_factory=list)  # one-cell-per-line: FY of the n-th number of a row
    header_fys: dict[int, str] = field(
        default_factory=dict
    )  # split rows: FY by column counted from the right
    money: set[int] = field(default_factory=set)  # split rows: columns (from the right) headed £000
    scales: dict[int, Decimal] = field(default_factory=dict)  # split rows: each such column's own unit
    not_money: set[int] = field(default_factory=set)  # split rows: columns headed %, FTE, No. ...
    seen_data: bool = False
    total: bool = False  # the current row is a total
    row_fy: str | None = None  # the current row's label is a financial year
    position: int = 0  # numbers read since the current row's label
    quiet: int = 0
    headings: list[str] = field(default_factory=list)  # one-cell-per-line: column headings in order
    pending: list[TableCell | None] = field(default_factory=list)  # one-cell-per-line: the row's cells
    width: int = 0  # cells in the last data row (one cell per line: with its blank cells)
    split: bool = False  # the last data row was a separated row
    labelled: bool = False  # one-cell-per-line: a row label was just read, its cells may follow


def table_amounts(text: str) -> list[TableCell]:
    """Money cells of every unit-headed table in ``text``, in reading order.

    >>> [(c.text, str(c.value)) for c in table_amounts("Costs (£000)\\nStaff\\n365\\nRefund\\n(40)\\n")]
    [('365', '365000'), ('(40)', '-40000')]
    """
    out: list[TableCell] = []
    table: _Table | None = None
    suspended: _Table | None = None  # a table cut by one paragraph: its rows may go on below it
    previous: tuple[int, str] | None = None  # the last non-blank line: a header row above the unit line
    run: list[str] = []  # short text lines since the last number or prose: headings above a unit line
    lines = [(start, line) for start, line in text_lines(text) if line.strip()]
    for n, (start, line) in enumerate(lines):
        stripped = line.strip()
        above, previous = previous, (start, line)
        if suspended is not None and _resumes(suspended, lines, n):
            table = suspended
        suspended = None
        if table is not None and as_cell(stripped) is None:
            if (table.pending or table.labelled) and BLANK_CELL_RE.fullmatch(stripped):
                table.pending.append(None)  # "–", "n/a", "12%": a cell of the row that is not money
                _next_fy(table)
                continue
            _flush(table, out)
        unit = heading_unit(line)
        if unit is not None:
            scale = unit_scale(unit)
            if (
                table is None
                or table.seen_data
                or (table.scale != scale and not _next_heading(table, above, line))
            ):
                table = _Table(scale=scale, headings=run[-_QUIET_LINES:])
                table.column_fys.extend(
                    fy for h in table.headings if FY_CELL_RE.fullmatch(h) and (fy := year_of(h))
                )
                if above is not None:
                    _read_year_row(table, *above)
            table.headings.append(stripped)
            _read_header(table, line, start)
            run = []
            continue
        following = lines[n + 1][1].strip() if n + 1 < len(lines) else ""
        if table is not None and _new_table(table, line, start, following):
            table = None  # another table's caption or header row, or the lead-in to one
        short = as_cell(stripped) is None and len(stripped.split()) <= 6 and not _ends_table(stripped)
        run = [*run[-_QUIET_LINES:], stripped] if short else []
        if table is None:
            continue
        if as_cell(stripped) is not None:
            last = table.headings[-1] if table.headings and not table.seen_data else None
            if last is not None and not FY_CELL_RE.fullmatch(last) and not UNIT_RE.search(last):
                table.headings.pop()  # the line just above the first number labels the first row
            lead = start + len(line) - len(line.lstrip())
            cell = (stripped, lead, lead + len(stripped), _next_fy(table), None)
            table.pending.extend(_row(table, [cell]))
        elif "|" in stripped or "\t" in stripped:
            _split_row(table, line, start, out)
        elif _ends_table(stripped):
            suspended = None if _is_section(stripped) or not table.seen_data else table
            table = None
        elif len(split_cells(line, start)) >= 2:
            _split_row(table, line, start, out)
        elif not _trailing_row(table, line, start, out):
            if not table.seen_data:
                table.headings.append(stripped)
            _label(table, stripped)
            if table.quiet >= _QUIET_LINES:
                table = None
    if table is not None:
        _flush(table, out)
    return out


def _next_heading(table: _Table, above: tuple[int, str] | None, line: str) -> bool:
    """True for a short unit line just under a heading of ``table`` before its data: the next column
    heading of a table with one cell per line ("Unit cost (£)" then "Total cost (£000)")."""
    return (
        bool(table.headings)
        and above is not None
        and table.headings[-1] == above[1].strip()
        and (len(line.split()) <= 6)
    )


def _resumes(table: _Table, lines: list[tuple[int, str]], n: int) -> bool:
    """True when the rows after one paragraph go on with ``table``: same shape, no heading of their own.

    One cell per line: a label, then as many cells as the table's last row, then a line that is no
    cell. Separated rows: as many cells as the table's last row, with a number among them.
    """
    start, line = lines[n]
    stripped = line.strip()
    below = [raw.strip() for _, raw in lines[n + 1 : n + 2 + table.width]]
    if table.width < 1 or heading_unit(line) is not None or _new_table(table, line, start, *below[:1]):
        return False
    if table.split:
        cells = split_cells(line, start)
        return len(cells) == table.width and any(as_cell(raw) for raw, _, _ in cells)
    if as_cell(stripped) is not None or _ends_table(stripped) or len(split_cells(line, start)) >= 2:
        return False
    row, rest = below[: table.width], below[table.width :]
    return (
        len(row) == table.width
        and any(as_cell(c) is not None for c in row)
        and all(as_cell(c) is not None or BLANK_CELL_RE.fullmatch(c) for c in row)
        and not (rest and (as_cell(rest[0]) is not None or BLANK_CELL_RE.fullmatch(rest[0])))
    )


def _new_table(table: _Table, line: str, start: int, following: str = "") -> bool:
    """True for a line that starts something else below a table: a caption ("Table 2: Headcount"), a
    lead-in ("The performance targets are:", not a row label with its number on the ``following``
    line) or a header row without a unit ("Measure  Baseline  Target").
    """
    stripped = _MARKER_RE.sub("", line.strip())
    if _CAPTION_RE.match(stripped):
        return True
    if not table.seen_data:
        return False
    if stripped.endswith(":") and len(stripped.split()) >= 4 and as_cell(following) is None:
        return True
    cells = [raw for raw, _, _ in split_cells(line, start)]
    if len(cells) < 2 or any(as_cell(raw) or UNIT_RE.search(raw) for raw in cells):
        return False
    named = [raw for raw in cells if re.search(r"[A-Za-z]{2,}", raw) and not BLANK_CELL_RE.fullmatch(raw)]
    years = all(year_of(raw) or YEAR_RE.fullmatch(raw) for raw in cells[1:])
    return len(named) >= 2 and not years


def _is_section(stripped: str) -> bool:
    """A section heading or a lead-in line: it ends a table for good."""
    return _section_heading(stripped) or stripped.endswith(":")


def _section_heading(stripped: str) -> bool:
    name = _MARKER_RE.sub("", stripped).lower().rstrip(" .:")
    return any(name == h or name.startswith((h + " -", h + " –", h + ":", h + "/")) for h in SECTION_HEADINGS)


def _flush(table: _Table, out: list[TableCell]) -> None:
    """Emit the current one-cell-per-line row, less numbers under a non-money heading (FTE, %, No.).

    The row's k numbers sit under the last k column headings (a title above the headings is extra on
    the left).
    """
    cells, table.pending = table.pending, []
    wider = table.width if not table.split else 0  # the row above, read the same way
    if cells:
        table.width, table.split, table.labelled = len(cells), False, False
    heads = table.headings[-len(cells) :] if 0 < len(cells) <= len(table.headings) else []
    if heads and len(cells) < wider <= len(table.headings):
        # a short row lost an empty cell: at its end ("Total 4,650 3,530 4,260" under a "Variance %"
        # column) when right-aligning would put a figure under a non-money heading and left would not
        left = table.headings[-wider:][: len(cells)]
        if _misplaced(cells, heads) and not _misplaced(cells, left):
            heads = left
    for i, c in enumerate(cells):
        if c is None or (heads and non_money(heads[i])):
            continue
        unit = heading_unit(heads[i]) if heads else None
        if unit is not None and unit_scale(unit) != c.scale:  # "Unit cost (£)" beside "Total (£000)"
            m = as_cell(c.text)
            value = cell_value(m, unit_scale(unit)) if m is not None else None
            c = c if value is None else replace(c, value=value, scale=unit_scale(unit))
        out.append(c)


def _misplaced(cells: list[TableCell | None], heads: list[str]) -> bool:
    """Whether a figure of ``cells`` would sit under a non-money heading (%, FTE, No.) of ``heads``."""
    return any(c is not None and non_money(h) for c, h in zip(cells, heads, strict=True))


def _read_year_row(table: _Table, start: int, line: str) -> None:
    """A row of financial years just above the unit line ("  2022/23   2023/24") heads the columns."""
    cells = split_cells(line, start)
    if len(cells) >= 2 and all(year_of(raw) or YEAR_RE.fullmatch(raw) for raw, _, _ in cells[-2:]):
        _read_columns(table, cells)


def _row(table: _Table, cells: list[tuple[str, int, int, str | None, Decimal | None]]) -> list[TableCell]:
    """Table cells for the numbers among ``cells`` (text, start, end, financial year, the column's own
    unit where its heading gives one, else the table's)."""
    out = []
    for raw, start, end, fy, unit in cells:
        scale = unit or table.scale
        m = as_cell(raw)
        value = cell_value(m, scale) if m is not None else None
        if m is not None and value is not None:
            if m["note"]:  # the footnote marker is not part of the number as printed
                raw, end = raw[: m.start("note")], end - len(m["note"])
            out.append(TableCell(raw, value, start, end, scale, table.total, fy))
    if out:
        table.seen_data, table.quiet = True, 0
    return out


def _next_fy(table: _Table) -> str | None:
    """Financial year of the next number of a one-cell-per-line row: the row's, else its column's."""
    position, table.position = table.position, table.position + 1
    if table.row_fy is not None:
        return table.row_fy
    return table.column_fys[position] if position < len(table.column_fys) else None


def _split_row(table: _Table, line: str, start: int, out: list[TableCell]) -> None:
    """A separated row: a header row (no numbers) sets the columns, a data row gives cells."""
    cells = split_cells(line, start)
    if not any(as_cell(raw) for raw, _, _ in cells):
        _read_columns(table, cells)
        return
    labels = [raw for raw, _, _ in cells if as_cell(raw) is None]
    table.total = bool(labels) and bool(_TOTAL_RE.match(labels[0]))
    row_fy = year_of(labels[0]) if labels and FY_CELL_RE.fullmatch(labels[0]) else None
    n = len(cells)
    kept = []
    for idx, (raw, s0, s1) in enumerate(cells):
        right = n - 1 - idx
        if right in table.not_money or (table.money and right not in table.money):
            continue
        kept.append((raw, s0, s1, table.header_fys.get(right) or row_fy, table.scales.get(right)))
    table.width, table.split = n, True
    out.extend(_row(table, kept))
    table.total = False


def _read_columns(table: _Table, cells: list[tuple[str, int, int]]) -> None:
    """Column headings: financial years, unit marks and non-money headings, counted from the right."""
    n = len(cells)
    for idx, (raw, _, _) in enumerate(cells):
        right = n - 1 - idx
        fy = year_of(raw)
        if fy is not None:
            table.header_fys[right] = fy
        # a unit in a first cell with words ("Phase 2 costs (£000)") heads the table, not that column
        titled = idx == 0 and re.search(r"[A-Za-z]{2,}", UNIT_RE.sub("", raw)) is not None
        unit = UNIT_RE.search(raw)
        if unit is not None and not titled:
            table.money.add(right)
            table.scales[right] = unit_scale(unit)
        if non_money(raw):
            table.not_money.add(right)


def _read_header(table: _Table, line: str, start: int) -> None:
    """The unit heading's line: a header row if it has separators, else the columns' financial years.

    One year in a heading is its column's ("Amount in 2021/22 (£000)"); several are columns only on a
    line of nothing else ("£000 2022/23 2023/24"), not in a title ("Budget 2022/23 to 2024/25 £m").
    """
    cells = split_cells(line, start)
    if cells and _LONE_MARKER_RE.fullmatch(cells[0][0]):
        cells.pop(0)  # "3.1.    Appendix 1 – Costs (£000)": the paragraph number is no column
    if len(cells) >= 2:
        _read_columns(table, cells)
        return
    fys = [fy for m in FY_IN_RE.finditer(line) if (fy := year_of(m.group())) is not None]
    bare = not re.search(r"[A-Za-z]", FY_IN_RE.sub("", UNIT_RE.sub("", line)))
    if len(fys) == 1 or bare:
        table.column_fys.extend(fys)


def _trailing_row(table: _Table, line: str, start: int, out: list[TableCell]) -> bool:
    """A label and its numbers on one line ("Staff costs 365 120", "Equipment: 35"); False if not one."""
    tokens = list(re.finditer(r"\S+", line))
    numbers: list[re.Match[str]] = []
    while tokens and as_cell(tokens[-1].group().rstrip(":")) is not None:
        numbers.insert(0, tokens.pop())
    if numbers and tokens and tokens[-1].group().lower().rstrip(":") in LABEL_NUMBER_WORDS:
        tokens.append(numbers.pop(0))  # "Year 1: 250", "Phase 2": the first number names the row
    if not numbers or not tokens:
        return False
    if len(numbers) == 1:
        only = as_cell(numbers[0].group())
        if only is None:
            return False
        spaced = line[tokens[-1].end() : numbers[0].start()]
        joined = tokens[-1].group()[-1] in ":=-–" or len(spaced) >= 2
        marked = joined or only["neg"] or only["plus"] or only["open"] or "," in only["int"]
        if not marked and (only["frac"] or len(only["int"]) < 2) and table.scale <= SCALES["000"]:
            return False  # "Option B 2", "rating 3.5": a label ending in a number (£m cells are small)
    label = line[: tokens[-1].end()].strip()
    table.total = bool(_TOTAL_RE.match(label))
    table.row_fy = year_of(label) if FY_CELL_RE.fullmatch(label.rstrip(":")) else None
    table.position = 0
    last = len(numbers) - 1  # numbers sit under the columns counted from the right
    cells = [
        (n.group(), start + n.start(), start + n.end(), _next_fy(table), table.scales.get(last - k))
        for k, n in enumerate(numbers)
    ]
    out.extend(_row(table, cells))
    return True


def _label(table: _Table, stripped: str) -> None:
    """A text line: a column's year in the header, else the label starting a new row."""
    if FY_CELL_RE.fullmatch(stripped) or all(FY_CELL_RE.fullmatch(w) for w in stripped.split()):
        fys = [fy for w in stripped.split() if (fy := year_of(w)) is not None]
        if not table.seen_data:
            table.column_fys.extend(fys)
            return
        if len(fys) == 1:
            table.row_fy, table.position, table.total = fys[0], 0, False
            return
    if not table.seen_data and YEAR_RE.fullmatch(stripped):
        return  # a plain year over a column
    table.total = bool(_TOTAL_RE.match(stripped))
    table.row_fy, table.position, table.labelled = None, 0, True
    table.quiet += 1


def _ends_table(stripped: str) -> bool:
    """True for a line that is prose, a numbered paragraph or a section heading."""
    words = len(stripped.split())
    if words >= 18 or (len(stripped) >= 80 and words >= 12):
        return True
    if words >= 8 and stripped[-1] in ".!?":
        return True
    if words >= 6 and (_NUMBERED_RE.match(stripped) or _PROSE_MONEY_RE.search(stripped)):
        return True
    return _section_heading(stripped)
