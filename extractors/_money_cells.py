"""Cells and headings of money tables, for :mod:`extractors._money_tables`: what a unit heading says
("£000", "£k", "£m", plain "(£)"), what a number cell is ("365", "(450)", "+6.4", "-1,183"), how a
separated row splits into cells and which financial year a heading names.

Where it came from: the table forms listed in /work/shared/corpus/FORMAT.md and UK public-sector
finance usage (``£000`` budget tables, accounting brackets for negatives, signed variances).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractors._money_data import MAX_ABS_VALUE, NON_MONEY_COLUMNS, SCALES

__all__ = [
    "BLANK_CELL_RE",
    "FY_CELL_RE",
    "FY_IN_RE",
    "UNIT_RE",
    "YEAR_RE",
    "as_cell",
    "cell_value",
    "heading_unit",
    "non_money",
    "split_cells",
    "text_lines",
    "unit_scale",
    "year_of",
]

# A unit heading: "(£000)", "£'000", "£’000s", "£ 000", "£k", "£ thousands", "£m", "£ millions".
UNIT_RE = re.compile(
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
    (?:(?P<neg>[-−–][^\S\n]?)            # minus, hyphen or en dash for an underspend
      |(?P<plus>\+[^\S\n]?))?             # "+6.4": a variance printed with its sign, positive
    (?P<open>\()?                        # "(450)": accounting negative
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)      # grouped or plain digits
    (?P<frac>\.\d+)?                     # decimals
    (?(open)\))                          # the bracket closes
    (?P<note>[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})?     # a footnote marker: "365*", "120¹" (not part of the number)
    """,
    re.VERBOSE,
)
YEAR_RE = re.compile(r"(?:199\d|20[0-5]\d)")  # a plain year is a heading or label, never a cell
FY_CELL_RE = re.compile(r"(?:FY\s?)?(?:19|20)?\d{2}\s?[/\-–]\s?(?:19|20)?\d{2}")  # "2021/22" alone
FY_IN_RE = re.compile(r"(?<![\d/])(?P<y1>(?:19|20)\d{2}|\d{2})[/\-–](?P<y2>(?:19|20)\d{2}|\d{2})(?![\d/])")
# Cell separators: a pipe or tab (with any spaces), or a run of two or more spaces.
_SEPARATOR_RE = re.compile(r"[^\S\n]*[|\t][^\S\n]*|[^\S\n]{2,}")
# A cell that is blank or not money in a money row: a dash, "n/a", "nil", a percentage.
BLANK_CELL_RE = re.compile(r"[-–—]|n/?a|nil|tb[ac]|[-−–+]?\d+(?:\.\d+)?[^\S\n]?%", re.IGNORECASE)


def non_money(heading: str) -> bool:
    """True for a column heading whose numbers are not money: "%", "FTE", "No. of posts"."""
    if UNIT_RE.search(heading):
        return False
    name = heading.lower().strip(" ()[]:")
    words = name.split()
    return "%" in heading or name in NON_MONEY_COLUMNS or bool(words and words[0] in NON_MONEY_COLUMNS)


def heading_unit(line: str) -> re.Match[str] | None:
    """The unit mark of a table heading line ("Amount (£000)", "£k", "| £000 |"), or None."""
    for unit in UNIT_RE.finditer(line):
        enclosed = line[: unit.start()].rstrip().endswith(("(", "["))
        if enclosed or _UNIT_END_RE.match(line, unit.end()) or line.rstrip().endswith(":"):
            return unit
    return None


def unit_scale(unit: re.Match[str]) -> Decimal:
    """Multiplier of a unit mark: 1000 for "£000", a million for "£m", 1 for a plain "(£)".

    >>> [str(unit_scale(heading_unit(h))) for h in ("Total cost (£000)", "Budget £m", "Unit cost (£)")]
    ['1000', '1000000', '1']
    """
    return next((_UNIT_SCALE[k] for k, v in unit.groupdict().items() if v), _POUND)


def text_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with the offset it starts at."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def as_cell(raw: str) -> re.Match[str] | None:
    """The match of ``raw`` as a money cell, or None (words, years, percentages, "1.").

    >>> [bool(as_cell(raw)) for raw in ("(450)", "+6.4", "−3.3", "2024", "12%", "Staff")]
    [True, True, True, False, False, False]
    """
    m = _CELL_RE.fullmatch(raw)
    signed = m is not None and (m["neg"] or m["plus"] or m["open"])
    if m is None or (not m["frac"] and not signed and YEAR_RE.fullmatch(m["int"])):
        return None
    return m


def cell_value(m: re.Match[str], scale: Decimal) -> Decimal | None:
    """Signed value of a cell at the table's scale; None for a digit run too long to be money."""
    digits = m["int"].replace(",", "") + (m["frac"] or "")
    if len(digits) > 18:
        return None
    number = Decimal(digits) * scale  # at most 18 + 9 digits: exact in the default 28-digit context
    if number >= MAX_ABS_VALUE:
        return None
    return -number if (m["neg"] or m["open"]) and number else number


def split_cells(line: str, start: int) -> list[tuple[str, int, int]]:
    """Cells of a separated row with their spans; empty edge cells ("| a | b |") dropped.

    >>> split_cells("| Staff |  365 | (40) |", 0)
    [('Staff', 2, 7), ('365', 11, 14), ('(40)', 17, 21)]
    """
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


def year_of(raw: str) -> str | None:
    """Canonical financial year in ``raw`` ("2021/22"), checking the second year follows the first."""
    m = FY_IN_RE.search(raw)
    if m is None:
        return None
    y1 = int(m["y1"]) + (2000 if len(m["y1"]) == 2 else 0)
    y2 = int(m["y2"])
    if y2 % 100 != (y1 + 1) % 100 or (len(m["y2"]) == 4 and y2 != y1 + 1):
        return None
    return f"{y1}/{(y1 + 1) % 100:02d}"
