"""Financial table rows → one record per figure: label, column, financial year, signed value in pounds.

Works on :class:`~pipeline.parse.model.Block` tables, so HTML and PDF tables read alike. A table is
financial when money is named in its header cells, in the caption just before it ("shown in the
table below (£k):") or in its cells (``£1,250``). ``£000`` / ``£'000`` / ``£k`` scale every figure of
the column (or of the whole table, when the caption says it) by 1,000; ``£m`` by 1,000,000.
Negatives print as ``-450`` or ``(450)``; both come out negative. Each record keeps the cell as
printed, its page (a stitched PDF table knows each row's page) and its span in ``Document.text``.

Saved page text (and any parse that lost a table's structure) shows a table one cell per line: a
label line, then its figure line(s), row after row (``"  • iHub pilot delivery costs"``, ``"411"``).
:func:`text_tables` rebuilds those runs into table blocks, headed by the short lines just above the
first row ("Areas of additional investment", "Amount in 2021/22 (£000)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.parse.model import Block, Document

CELL_FIGURE = re.compile(
    r"""
    ^\s*
    (?P<open>\()?\s*                           # "(450)": a negative in brackets
    (?P<minus>[-–−])?\s*                       # "-450", "–450"
    (?P<pound>£)?\s*                           # "£1,250"
    (?P<minus2>[-–−])?\s*                      # "£-450"
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)            # 1,183 or 365
    (?P<frac>\.\d+)?                           # 12.5
    \s*(?P<suffix>k|m|bn)?                     # "£1.2m" printed in a cell
    \s*(?P<close>\))?                          # closing bracket
    \s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

SCALE_THOUSANDS = re.compile(
    r"""
    £\s?['’]?000s?                 # £000, £'000, £000s
    | £\s?k\b                      # £k
    | £\s?thousands?\b             # £ thousands
    """,
    re.VERBOSE | re.IGNORECASE,
)

SCALE_MILLIONS = re.compile(
    r"""
    £\s?m\b | £\s?millions?\b     # £m, £ million
    """,
    re.VERBOSE | re.IGNORECASE,
)

MONEY_WORD = re.compile(
    r"""
    £                                              # any pound sign
    | \b(?:amount|cost|costs|budget|spend|funding|income|expenditure|value)\b   # money-column words
    """,
    re.VERBOSE | re.IGNORECASE,
)

FINANCIAL_YEAR = re.compile(
    r"""
    (?<!\d)(?P<first>20\d\d)       # 2021
    \s?[/\-–]\s?                   # / or - or –
    (?P<second>20\d\d|\d\d)        # 22 or 2022
    (?!\d)
    """,
    re.VERBOSE,
)

TOTAL_LABEL = re.compile(
    r"""
    ^\W*(?:grand\s+|sub[\s-]?|net\s+)?total\b   # "Total", "Sub-total", "Grand total", "Net total"
    """,
    re.VERBOSE | re.IGNORECASE,
)

_BULLET = re.compile(r"^\s*(?:[•●▪◦\-–]|\d{1,2}[.)])\s+")  # list marker before a row label

THOUSAND = Decimal(1000)
MILLION = Decimal(1_000_000)
_SUFFIX = {"k": THOUSAND, "m": MILLION, "bn": Decimal(1_000_000_000)}


@dataclass(frozen=True)
class TableLine:
    """One figure of a financial table, with the evidence to cite it."""

    table_index: int  # 0-based among the document's table blocks
    row_index: int  # 0-based within the table's rows (header row included)
    label: str  # row label ("iHub pilot delivery costs", "Total")
    column: str  # column header ("2021/22", "Amount", "Total"); "" where the table has no header
    financial_year: str | None  # canonical "2021/22" when the column (or caption) names one
    raw: str  # cell as printed, "(450)"
    value: Decimal  # pounds, scale applied, signed
    scale: Decimal
    is_total: bool
    page: int | None
    start: int = -1  # span of the cell in Document.text (-1 if it could not be placed)
    end: int = -1


def financial_year(text: str) -> str | None:
    """The canonical financial year named in ``text``.

    >>> financial_year("Amount in 2021/22 (£000)"), financial_year("2022-2023"), financial_year("2021/23")
    ('2021/22', '2022/23', None)
    """
    for m in FINANCIAL_YEAR.finditer(text):
        first = int(m.group("first"))
        second = int(m.group("second")) % 100
        if second == (first + 1) % 100:
            return f"{first}/{second:02d}"
    return None


def figure(raw: str) -> tuple[Decimal, bool, bool] | None:
    """A cell's figure as ``(value, has_pound_or_suffix, negative)``; None if the cell is not a figure.

    >>> figure("(450)")
    (Decimal('-450'), False, True)
    >>> figure("£1.2m")
    (Decimal('1200000.0'), True, False)
    >>> figure("2021/22") is None, figure("£000") is None
    (True, True)
    """
    if SCALE_THOUSANDS.search(raw):  # a "£000" header cell is a scale, not a figure of nought
        return None
    m = CELL_FIGURE.match(raw)
    if not m or (m.group("open") is None) != (m.group("close") is None):
        return None
    value = Decimal(m.group("int").replace(",", "") + (m.group("frac") or ""))
    suffix = (m.group("suffix") or "").lower()
    if suffix:
        value *= _SUFFIX[suffix]
    negative = bool(m.group("open") or m.group("minus") or m.group("minus2"))
    return (-value if negative else value), bool(m.group("pound") or suffix), negative


def _scale_of(text: str) -> Decimal | None:
    if SCALE_THOUSANDS.search(text):
        return THOUSAND
    if SCALE_MILLIONS.search(text):
        return MILLION
    return None


def _header_rows(rows: tuple[tuple[str, ...], ...]) -> int:
    """How many leading rows are headers: rows before the first with a figure in a non-label column."""
    for i, row in enumerate(rows):
        if any(figure(cell) for cell in row[1:]):
            return i
    return 0


def _cell_spans(doc: Document, block: Block) -> dict[tuple[int, int], tuple[int, int]]:
    """Where each non-empty cell sits in ``doc.text`` (cells are written in row order)."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    pos = block.start
    for r, row in enumerate(block.rows):
        for c, cell in enumerate(row):
            if not cell:
                continue
            at = doc.text.find(cell, pos, block.end)
            if at >= 0:
                spans[(r, c)] = (at, at + len(cell))
                pos = at + len(cell)
    return spans


def find_table_lines(doc: Document) -> list[TableLine]:
    """Every figure of every financial table in ``doc``, in reading order."""
    out: list[TableLine] = []
    tables = [(b, _caption(doc.blocks, i)) for i, b in enumerate(doc.blocks) if b.kind == "table" and b.rows]
    tables += text_tables(doc.blocks)
    tables.sort(key=lambda t: t[0].start)
    for table_index, (block, caption) in enumerate(tables):
        out += _table(doc, block, table_index, caption)
    return out


def _caption(blocks: tuple[Block, ...], index: int) -> str:
    return blocks[index - 1].text[-60:] if index > 0 else ""


_LABEL_MAX = 200  # characters: a row label is a line, not a paragraph
_HEAD_MAX = 80  # characters: a header cell is short


def _is_figure(block: Block) -> bool:
    return block.kind != "table" and len(block.text) <= 24 and figure(block.text) is not None


def _is_label(block: Block) -> bool:
    return (
        block.kind in ("paragraph", "list_item") and len(block.text) <= _LABEL_MAX and not _is_figure(block)
    )


def text_tables(blocks: tuple[Block, ...]) -> list[tuple[Block, str]]:
    """Tables shown one cell per line, rebuilt as ``(table block, caption)``.

    A run is rows of one label line then one or more figure lines, allowing a label line alone
    between rows (a section label such as "Areas of underspend"); it needs two rows with figures.
    The header is the short lines just above the first row, as many as the figure columns plus one
    for the label column, and at least one of them must name money, a scale or a financial year.
    """
    out: list[tuple[Block, str]] = []
    i, n = 0, len(blocks)
    while i < n:
        if not (_is_label(blocks[i]) and i + 1 < n and _is_figure(blocks[i + 1])):
            i += 1
            continue
        first = i
        rows: list[tuple[str, ...]] = []
        j = i
        while j < n:
            if _is_label(blocks[j]) and j + 1 < n and _is_figure(blocks[j + 1]):
                k = j + 1
                while k < n and _is_figure(blocks[k]):
                    k += 1
                rows.append(tuple(b.text for b in blocks[j:k]))
                j = k
            elif (
                _is_label(blocks[j]) and j + 2 < n and _is_label(blocks[j + 1]) and _is_figure(blocks[j + 2])
            ):
                rows.append((blocks[j].text,))  # a section label between rows
                j += 1
            else:
                break
        if sum(len(r) > 1 for r in rows) < 2:
            i += 1
            continue
        width = max(len(r) for r in rows)
        head_start = first
        while (
            head_start > 0
            and first - head_start < width
            and _is_label(blocks[head_start - 1])
            and blocks[head_start - 1].kind == "paragraph"
            and len(blocks[head_start - 1].text) <= _HEAD_MAX
            and not blocks[head_start - 1].text.endswith((".", ":"))
        ):
            head_start -= 1
        header = tuple(b.text for b in blocks[head_start:first])
        if not any(_scale_of(h) or MONEY_WORD.search(h) or financial_year(h) for h in header):
            i = j
            continue
        all_rows = ((header,) if header else ()) + tuple(rows)
        text = "\n\n".join(cell for row in all_rows for cell in row)
        table = Block(
            "table",
            text,
            blocks[head_start].start,
            blocks[j - 1].end,
            page=blocks[head_start].page,
            rows=all_rows,
        )
        out.append((table, _caption(blocks, head_start)))
        i = j
    return out


def _table(doc: Document, block: Block, table_index: int, caption: str) -> list[TableLine]:
    rows = block.rows
    n_head = _header_rows(rows)
    width = max(len(r) for r in rows)
    headers = [" ".join(r[c] for r in rows[:n_head] if c < len(r) and r[c]).strip() for c in range(width)]
    header_text = " ".join(headers)
    table_scale = _scale_of(header_text) or _scale_of(caption)
    money = bool(
        table_scale
        or MONEY_WORD.search(header_text)
        or MONEY_WORD.search(caption)
        or any("£" in cell for row in rows for cell in row)
    )
    if not money:
        return []
    spans = _cell_spans(doc, block)
    caption_year = financial_year(caption)
    column_scale = [_scale_of(h) or table_scale or Decimal(1) for h in headers]  # a column's own header wins
    column_year = [financial_year(h) or caption_year for h in headers]
    out: list[TableLine] = []
    for r in range(n_head, len(rows)):
        row = rows[r]
        label = _BULLET.sub("", row[0]).strip() if row else ""
        is_total = bool(TOTAL_LABEL.match(label))
        for c in range(1, len(row)):
            got = figure(row[c])
            if got is None:
                continue
            value, explicit, _ = got
            scale = Decimal(1) if explicit else column_scale[c]
            start, end = spans.get((r, c), (-1, -1))
            page = block.row_pages[r] if r < len(block.row_pages) else block.page
            out.append(
                TableLine(
                    table_index=table_index,
                    row_index=r,
                    label=label,
                    column=headers[c],
                    financial_year=column_year[c],
                    raw=row[c].strip(),
                    value=value * scale,
                    scale=scale,
                    is_total=is_total,
                    page=page,
                    start=start,
                    end=end,
                )
            )
    return out
