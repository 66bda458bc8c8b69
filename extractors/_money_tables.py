"""Cells of ``£000`` / ``£k`` / ``£m`` / ``(£)`` tables in reading text, for :mod:`extractors.money`.

A table arrives flattened: one cell per line (a label line, then its numbers on lines of their own),
rows of ``|``- or tab-separated cells, rows split by runs of spaces, or a label and its numbers on
one line. A line holding a unit heading (``£000``, ``£k``, ``£m``, or plain ``(£)``) opens a region;
the region's bare numbers are money at the heading's scale. What is not money there, and where a
region ends, is described in :mod:`extractors.money`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from extractors._money_data import (
    LABEL_NUMBER_WORDS,
    MAX_ABS_VALUE,
    NON_MONEY_COLUMNS,
    SCALES,
    SECTION_HEADINGS,
)

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


# A unit heading: "(£000)", "£'000", "£’000s", "£ 000", "£k", "£ thousands", "£m", "£ millions".
_UNIT_RE = re.compile(
    r"""
    (?:£|&pound;|(?<![A-Za-z])GBP)[^\S\n]?        # the currency mark
    (?:
        ['’‘`]?[^\S\n]?(?P<thousands>000)(?:'?s)?(?![\d,.]?\d)   # "£000", "£'000s"
      | (?P<k>[kK]|thousands?)(?![A-Za-z0-9])                    # "£k", "£ thousands"
      | (?P<m>[mM]|mn|millions?)(?![A-Za-z0-9])                  # "£m", "£ millions"
      | (?P<bn>bn|billions?)(?![A-Za-z0-9])                      # "£bn"
      | (?P<pounds>(?=[^\S\n]*(?:[)\]|\t]|$)|[^\S\n]{2}))          # "Charge (£)", "| £ |": plain pounds
    )
    """,
    re.VERBOSE,
)
# What may follow a unit mark on a heading line: a bracket, the line's end, a colon, a cell separator,
# "unless stated", or the column's years; "saving £millions each year" is prose, not a heading.
_UNIT_END_RE = re.compile(
    r"""[)\]]                                             # "(£000)"
      | [^\S\n]*(?:$|[:|\t])                              # end of line, colon, cell separator
      | [^\S\n]{2,}                                       # a wide gap: the next column
      | [^\S\n]+(?:unless|except|in\s+total)\b           # "£000 unless stated"
      | [^\S\n]+(?:(?:19|20)?\d\d[/\-–](?:19|20)?\d\d|(?:19|20)\d\d\b|£|GBP)  # "£000 2022/23 2023/24"
    """,
    re.VERBOSE | re.IGNORECASE,
)
_UNIT_SCALE = {"thousands": SCALES["000"], "k": SCALES["k"], "m": SCALES["m"], "bn": SCALES["bn"]}
_POUND = Decimal(1)

# A cell that is only a number: "365", "-450", "– 450", "(450)", "1,183", "12.5".
_CELL_RE = re.compile(
    r"""
    (?P<neg>[-−–][^\S\n]?)?              # minus, hyphen or en dash for an underspend
    (?P<open>\()?                        # "(450)": accounting negative
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)      # grouped or plain digits
    (?P<frac>\.\d+)?                     # decimals
    (?(open)\))                          # the bracket closes
    (?P<note>[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})?     # a footnote marker: "365*", "120¹" (not part of the number)
    """,
    re.VERBOSE,
)
_YEAR_RE = re.compile(r"(?:199\d|20[0-5]\d)")  # a plain year is a heading or label, never a cell
_FY_CELL_RE = re.compile(r"(?:FY\s?)?(?:19|20)?\d{2}\s?[/\-–]\s?(?:19|20)?\d{2}")  # "2021/22" alone
_FY_IN_RE = re.compile(r"(?<![\d/])(?P<y1>(?:19|20)\d{2}|\d{2})[/\-–](?P<y2>(?:19|20)\d{2}|\d{2})(?![\d/])")
# Cell separators: a pipe or tab (with any spaces), or a run of two or more spaces.
_SEPARATOR_RE = re.compile(r"[^\S\n]*[|\t][^\S\n]*|[^\S\n]{2,}")
_NUMBERED_RE = re.compile(r"^\(?\d+(?:\.\d+)*[.)]\s+\S")  # "1. The grant ...", "4.2 Costs ..."
_TOTAL_RE = re.compile(r"^\W*(?:grand\s+|sub-?\s?)?totals?\b", re.IGNORECASE)
_PROSE_MONEY_RE = re.compile(r"[£€$]\s?\d")  # an inline amount: a prose sentence, not a table row
_MARKER_RE = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[a-z]\)|[-•*·])\s+")  # list marker before a heading

# A cell that is blank or not money in a money row: a dash, "n/a", "nil", a percentage.
_BLANK_CELL_RE = re.compile(r"[-–—]|n/?a|nil|tb[ac]|[-−–]?\d+(?:\.\d+)?[^\S\n]?%", re.IGNORECASE)
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
    lines = [(start, line) for start, line in _lines(text) if line.strip()]
    for n, (start, line) in enumerate(lines):
        stripped = line.strip()
        above, previous = previous, (start, line)
        if suspended is not None and _resumes(suspended, lines, n):
            table = suspended
        suspended = None
        if table is not None and _cell(stripped) is None:
            if (table.pending or table.labelled) and _BLANK_CELL_RE.fullmatch(stripped):
                table.pending.append(None)  # "–", "n/a", "12%": a cell of the row that is not money
                _next_fy(table)
                continue
            _flush(table, out)
        unit = _heading_unit(line)
        if unit is not None:
            scale = next((_UNIT_SCALE[k] for k, v in unit.groupdict().items() if v), _POUND)
            if table is None or table.seen_data or table.scale != scale:
                table = _Table(scale=scale, headings=run[-_QUIET_LINES:])
                table.column_fys.extend(
                    fy for h in table.headings if _FY_CELL_RE.fullmatch(h) and (fy := _fy(h))
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
        short = _cell(stripped) is None and len(stripped.split()) <= 6 and not _ends_table(stripped)
        run = [*run[-_QUIET_LINES:], stripped] if short else []
        if table is None:
            continue
        if _cell(stripped) is not None:
            last = table.headings[-1] if table.headings and not table.seen_data else None
            if last is not None and not _FY_CELL_RE.fullmatch(last) and not _UNIT_RE.search(last):
                table.headings.pop()  # the line just above the first number labels the first row
            lead = start + len(line) - len(line.lstrip())
            table.pending.extend(_row(table, [(stripped, lead, lead + len(stripped), _next_fy(table))]))
        elif "|" in stripped or "\t" in stripped:
            _split_row(table, line, start, out)
        elif _ends_table(stripped):
            suspended = None if _is_section(stripped) or not table.seen_data else table
            table = None
        elif len(_split(line, start)) >= 2:
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


def _resumes(table: _Table, lines: list[tuple[int, str]], n: int) -> bool:
    """True when the rows after one paragraph go on with ``table``: same shape, no heading of their own.

    One cell per line: a label, then as many cells as the table's last row, then a line that is no
    cell. Separated rows: as many cells as the table's last row, with a number among them.
    """
    start, line = lines[n]
    stripped = line.strip()
    below = [raw.strip() for _, raw in lines[n + 1 : n + 2 + table.width]]
    if table.width < 1 or _heading_unit(line) is not None or _new_table(table, line, start, *below[:1]):
        return False
    if table.split:
        cells = _split(line, start)
        return len(cells) == table.width and any(_cell(raw) for raw, _, _ in cells)
    if _cell(stripped) is not None or _ends_table(stripped) or len(_split(line, start)) >= 2:
        return False
    row, rest = below[: table.width], below[table.width :]
    return (
        len(row) == table.width
        and any(_cell(c) is not None for c in row)
        and all(_cell(c) is not None or _BLANK_CELL_RE.fullmatch(c) for c in row)
        and not (rest and (_cell(rest[0]) is not None or _BLANK_CELL_RE.fullmatch(rest[0])))
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
    if stripped.endswith(":") and len(stripped.split()) >= 4 and _cell(following) is None:
        return True
    cells = [raw for raw, _, _ in _split(line, start)]
    if len(cells) < 2 or any(_cell(raw) or _UNIT_RE.search(raw) for raw in cells):
        return False
    named = [raw for raw in cells if re.search(r"[A-Za-z]{2,}", raw) and not _BLANK_CELL_RE.fullmatch(raw)]
    years = all(_fy(raw) or _YEAR_RE.fullmatch(raw) for raw in cells[1:])
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
    if cells:
        table.width, table.split, table.labelled = len(cells), False, False
    heads = table.headings[-len(cells) :] if 0 < len(cells) <= len(table.headings) else []
    out.extend(c for i, c in enumerate(cells) if c is not None and not (heads and _non_money(heads[i])))


def _non_money(heading: str) -> bool:
    """True for a column heading whose numbers are not money: "%", "FTE", "No. of posts"."""
    if _UNIT_RE.search(heading):
        return False
    name = heading.lower().strip(" ()[]:")
    words = name.split()
    return "%" in heading or name in NON_MONEY_COLUMNS or bool(words and words[0] in NON_MONEY_COLUMNS)


def _heading_unit(line: str) -> re.Match[str] | None:
    """The unit mark of a table heading line ("Amount (£000)", "£k", "| £000 |"), or None."""
    for unit in _UNIT_RE.finditer(line):
        enclosed = line[: unit.start()].rstrip().endswith(("(", "["))
        if enclosed or _UNIT_END_RE.match(line, unit.end()) or line.rstrip().endswith(":"):
            return unit
    return None


def _read_year_row(table: _Table, start: int, line: str) -> None:
    """A row of financial years just above the unit line ("  2022/23   2023/24") heads the columns."""
    cells = _split(line, start)
    if len(cells) >= 2 and all(_fy(raw) or _YEAR_RE.fullmatch(raw) for raw, _, _ in cells[-2:]):
        _read_columns(table, cells)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _cell(raw: str) -> re.Match[str] | None:
    """The match of ``raw`` as a money cell, or None (words, years, percentages, "1.")."""
    m = _CELL_RE.fullmatch(raw)
    if m is None or (not m["frac"] and not m["neg"] and not m["open"] and _YEAR_RE.fullmatch(m["int"])):
        return None
    return m


def _value(m: re.Match[str], scale: Decimal) -> Decimal | None:
    """Signed value of a cell at the table's scale; None for a digit run too long to be money."""
    digits = m["int"].replace(",", "") + (m["frac"] or "")
    if len(digits) > 18:
        return None
    number = Decimal(digits) * scale  # at most 18 + 9 digits: exact in the default 28-digit context
    if number >= MAX_ABS_VALUE:
        return None
    return -number if (m["neg"] or m["open"]) and number else number


def _row(table: _Table, cells: list[tuple[str, int, int, str | None]]) -> list[TableCell]:
    """Table cells for the numbers among ``cells`` (text, start, end, financial year)."""
    out = []
    for raw, start, end, fy in cells:
        m = _cell(raw)
        value = _value(m, table.scale) if m is not None else None
        if m is not None and value is not None:
            if m["note"]:  # the footnote marker is not part of the number as printed
                raw, end = raw[: m.start("note")], end - len(m["note"])
            out.append(TableCell(raw, value, start, end, table.scale, table.total, fy))
    if out:
        table.seen_data, table.quiet = True, 0
    return out


def _next_fy(table: _Table) -> str | None:
    """Financial year of the next number of a one-cell-per-line row: the row's, else its column's."""
    position, table.position = table.position, table.position + 1
    if table.row_fy is not None:
        return table.row_fy
    return table.column_fys[position] if position < len(table.column_fys) else None


def _split(line: str, start: int) -> list[tuple[str, int, int]]:
    """Cells of a separated row with their spans; empty edge cells ("| a | b |") dropped."""
    cells, pos = [], 0
    for sep in [*_SEPARATOR_RE.finditer(line), None]:
        stop = sep.start() if sep else len(line)
        raw = line[pos:stop]
        lead = len(raw) - len(raw.lstrip())
        cells.append((raw.strip(), start + pos + lead, start + pos + lead + len(raw.strip())))
        pos = sep.end() if sep else len(line)
    while cells and not cells[0][0]:
        cells.pop(0)
    while cells and not cells[-1][0]:
        cells.pop()
    return cells


def _split_row(table: _Table, line: str, start: int, out: list[TableCell]) -> None:
    """A separated row: a header row (no numbers) sets the columns, a data row gives cells."""
    cells = _split(line, start)
    if not any(_cell(raw) for raw, _, _ in cells):
        _read_columns(table, cells)
        return
    labels = [raw for raw, _, _ in cells if _cell(raw) is None]
    table.total = bool(labels) and bool(_TOTAL_RE.match(labels[0]))
    row_fy = _fy(labels[0]) if labels and _FY_CELL_RE.fullmatch(labels[0]) else None
    n = len(cells)
    kept = []
    for idx, (raw, s0, s1) in enumerate(cells):
        right = n - 1 - idx
        if right in table.not_money or (table.money and right not in table.money):
            continue
        kept.append((raw, s0, s1, table.header_fys.get(right) or row_fy))
    table.width, table.split = n, True
    out.extend(_row(table, kept))
    table.total = False


def _read_columns(table: _Table, cells: list[tuple[str, int, int]]) -> None:
    """Column headings: financial years, unit marks and non-money headings, counted from the right."""
    n = len(cells)
    for idx, (raw, _, _) in enumerate(cells):
        right = n - 1 - idx
        fy = _fy(raw)
        if fy is not None:
            table.header_fys[right] = fy
        # a unit in a first cell with words ("Phase 2 costs (£000)") heads the table, not that column
        titled = idx == 0 and re.search(r"[A-Za-z]{2,}", _UNIT_RE.sub("", raw)) is not None
        if _UNIT_RE.search(raw) and not titled:
            table.money.add(right)
        if _non_money(raw):
            table.not_money.add(right)


def _read_header(table: _Table, line: str, start: int) -> None:
    """The unit heading's line: a header row if it has separators, else the columns' financial years.

    One year in a heading is its column's ("Amount in 2021/22 (£000)"); several are columns only on a
    line of nothing else ("£000 2022/23 2023/24"), not in a title ("Budget 2022/23 to 2024/25 £m").
    """
    cells = _split(line, start)
    if len(cells) >= 2:
        _read_columns(table, cells)
        return
    fys = [fy for m in _FY_IN_RE.finditer(line) if (fy := _fy(m.group())) is not None]
    bare = not re.search(r"[A-Za-z]", _FY_IN_RE.sub("", _UNIT_RE.sub("", line)))
    if len(fys) == 1 or bare:
        table.column_fys.extend(fys)


def _trailing_row(table: _Table, line: str, start: int, out: list[TableCell]) -> bool:
    """A label and its numbers on one line ("Staff costs 365 120", "Equipment: 35"); False if not one."""
    tokens = list(re.finditer(r"\S+", line))
    numbers: list[re.Match[str]] = []
    while tokens and _cell(tokens[-1].group().rstrip(":")) is not None:
        numbers.insert(0, tokens.pop())
    if numbers and tokens and tokens[-1].group().lower().rstrip(":") in LABEL_NUMBER_WORDS:
        tokens.append(numbers.pop(0))  # "Year 1: 250", "Phase 2": the first number names the row
    if not numbers or not tokens:
        return False
    if len(numbers) == 1:
        only = _cell(numbers[0].group())
        if only is None:
            return False
        spaced = line[tokens[-1].end() : numbers[0].start()]
        joined = tokens[-1].group()[-1] in ":=-–" or len(spaced) >= 2
        marked = joined or only["neg"] or only["open"] or "," in only["int"]
        if not marked and (only["frac"] or len(only["int"]) < 2) and table.scale <= SCALES["000"]:
            return False  # "Option B 2", "rating 3.5": a label ending in a number (£m cells are small)
    label = line[: tokens[-1].end()].strip()
    table.total = bool(_TOTAL_RE.match(label))
    table.row_fy = _fy(label) if _FY_CELL_RE.fullmatch(label.rstrip(":")) else None
    table.position = 0
    out.extend(
        _row(table, [(n.group(), start + n.start(), start + n.end(), _next_fy(table)) for n in numbers])
    )
    return True


def _label(table: _Table, stripped: str) -> None:
    """A text line: a column's year in the header, else the label starting a new row."""
    if _FY_CELL_RE.fullmatch(stripped) or all(_FY_CELL_RE.fullmatch(w) for w in stripped.split()):
        fys = [fy for w in stripped.split() if (fy := _fy(w)) is not None]
        if not table.seen_data:
            table.column_fys.extend(fys)
            return
        if len(fys) == 1:
            table.row_fy, table.position, table.total = fys[0], 0, False
            return
    if not table.seen_data and _YEAR_RE.fullmatch(stripped):
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


def _fy(raw: str) -> str | None:
    """Canonical financial year in ``raw`` ("2021/22"), checking the second year follows the first."""
    m = _FY_IN_RE.search(raw)
    if m is None:
        return None
    y1 = int(m["y1"]) + (2000 if len(m["y1"]) == 2 else 0)
    y2 = int(m["y2"])
    if y2 % 100 != (y1 + 1) % 100 or (len(m["y2"]) == 4 and y2 != y1 + 1):
        return None
    return f"{y1}/{(y1 + 1) % 100:02d}"
