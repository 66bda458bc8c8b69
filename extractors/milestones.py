"""Milestones: items a decision presents as milestones, dated deliverables, or milestones carried
over / rescheduled from one period to another.

Only framed lists count (ANNOTATION.md): a line that introduces milestones ("The following Q4 2021/22
milestones will be carried over to 2022/23:"), a "Milestones"/"Key dates"/"Timeline" heading or
table, or a deliverables list whose items carry dates (then only the dated items). A framing sentence
may carry its items after its colon, split on ";" ("Key milestones: contract award in June 2024;
go-live in March 2025; closure in 2026/27."): each clause is an item, without its joining "and" and
the closing full stop; one clause after a colon is a sentence, not a list. A plain list of
deliverables with no milestone framing and no dates gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors._lines import (
    Line,
    collapse,
    is_stop_heading,
    parse_line,
    split_lines,
    split_sentences,
)


@dataclass(frozen=True)
class Milestone:
    """One milestone item, with the evidence it was read from."""

    ordinal: int
    text: str  # item text without numbering, whitespace collapsed
    start: int
    end: int
    status: str = "planned"  # "carried_over" | "rescheduled" | "planned" | "completed"
    from_period: str | None = None  # e.g. "Q4 2021/22"
    to_period: str | None = None  # e.g. "2022/23"
    due: str | None = None  # a date/period given on the item itself
    confidence: float = 1.0
    reason: str | None = None  # "framed_list", "inline_list", "heading", "dated_deliverables"


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"

# A date or period as decisions write them.
_PERIOD_RE = re.compile(
    rf"""
    (?<![\w/])
    (?P<period>
        (?:Q[1-4]|Quarter\s+[1-4])\s+(?:FY\s?)?20\d\d(?:\s?[/-]\s?(?:20)?\d\d)?   # "Q4 2021/22"
      | (?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+20\d\d                        # "31 March 2023"
      | \d{{1,2}}/\d{{1,2}}/(?:20)?\d\d                                           # "05/08/22"
      | (?:(?:Spring|Summer|Autumn|Winter|End\s+of|Early|Mid|Late)\s+)20\d\d       # "Spring 2024"
      | (?:FY\s?)?20\d\d\s?[/-]\s?(?:20)?\d\d                                    # "2022/23"
    )
    (?![\w/])
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A line that introduces milestone items: mentions milestones and ends in ":".
_FRAMING_RE = re.compile(
    r"""
    \b(?P<word>milestones?|key\s+dates|deliverables?|timelines?|timetables?|timescales?)\b  # what it lists
    .*:\s*$                                                # and it opens a list
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A framing inside a sentence with its items after the colon: "Key milestones: award in June 2024; ...".
_INLINE_RE = re.compile(
    r"""
    \b(?P<word>milestones?|key\s+dates|deliverables?|timelines?|timetables?|timescales?)\b  # what it lists
    [^:;.!?]{0,80}                                         # "for the project are", "will be"
    :                                                      # the colon, items after it
    """,
    re.VERBOSE | re.IGNORECASE,
)
_LEAD_JOIN_RE = re.compile(r"(?:and|or|then)\s+", re.IGNORECASE)  # "...; and c": the joining word
_TRAIL_JOIN_RE = re.compile(r"(?:\s+(?:and|or|then)|[.;,\s])+$", re.IGNORECASE)  # "b, and;", "c."

# A heading (or table title) of milestone rows.
_HEADING_RE = re.compile(
    r"""
    ^(?:(?:Key|Project|Delivery|Programme|Revised)\s+)?   # qualifier
    (?:Milestones?|Key\s+dates|Timeline|Timetable|Timescales?)
    (?:\s+(?:and|&)\s+(?:timescales?|dates|deliverables))?  # "Milestones and timescales"
    \s*:?\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Table header cells to skip at the top of a milestone table: a few words, all of them column-heading
# words ("Milestone", "Target date", "Original date", "Revised completion quarter", "RAG status").
_HEADER_WORD_LIST = """
    milestone milestones date dates deadline deadlines timescale timescales activity activities
    deliverable deliverables status description task tasks action actions owner owners quarter quarters
    period month year target due delivery completion start end original revised planned forecast
    baseline new expected actual previous current key stage phase rag comment comments note notes by
    when lead responsible responsibility accountable"""
_HEADER_WORDS = frozenset(_HEADER_WORD_LIST.split())
_HEADER_CELL_MAX_WORDS = 4

# Status words in the framing.
_STATUS_RES = (
    ("carried_over", re.compile(r"\b(?:carr(?:y|ied)|roll(?:ed)?)\s+(?:over|forward)\b", re.IGNORECASE)),
    (
        "rescheduled",
        re.compile(
            r"\b(?:re-?schedul|re-?profil|revised|delayed|deferred|mov(?:e|es|ed|ing)\b|slipped|postponed)",
            re.IGNORECASE,
        ),
    ),
    ("completed", re.compile(r"\b(?:completed|achieved|delivered)\b", re.IGNORECASE)),
)
_INTO_RE = re.compile(r"\b(?:to|into|until|till)\s+$", re.IGNORECASE)  # "... carried over to " + period
_CELL_SPLIT_RE = re.compile(r"\t+|\s\|\s|[ ]{2,}")  # table cells as rendered: tabs, " | ", wide gaps
_ROW_CELL_RE = re.compile(r"\t+|\s\|\s|\n")  # cells of a row read back from its span
# The column that names the milestone in a table with others beside it (owner, status, dates), and
# the columns that hold its dates.
_ITEM_COLUMN_LIST = "milestone milestones deliverable deliverables activity activities description task tasks"
_ITEM_COLUMN_WORDS = frozenset(_ITEM_COLUMN_LIST.split())
_DATE_COLUMN_LIST = "date dates deadline deadlines due quarter month year when timescale timescales"
_DATE_COLUMN_WORDS = frozenset(_DATE_COLUMN_LIST.split())
_ROW_MIN_WORDS = 4  # undated words under a date column that start a new row ("TBC", "Not yet set" do not)
_PROSE_MIN_WORDS = 6  # a full stop after this many words under a heading is a sentence, not a row
_MAX_ITEMS = 40
# (start, end, text, due, from_period, to_period, "status|reason") of one item found
_Found = tuple[int, int, str, str | None, str | None, str | None, str]
_MAX_ITEM_WORDS = 45


def find_milestones(text: str) -> list[Milestone]:
    """Every milestone item in ``text``, in order.

    >>> ms = find_milestones("The Q2 2023/24 milestones move to 2024/25:\\n1. Go live\\n2. Pilot\\n")
    >>> [(m.text, m.status, m.from_period, m.to_period) for m in ms]
    [('Go live', 'rescheduled', 'Q2 2023/24', '2024/25'), ('Pilot', 'rescheduled', 'Q2 2023/24', '2024/25')]
    """
    lines = split_lines(text)
    found: list[_Found] = []
    taken_until = -1
    for i, line in enumerate(lines):
        if i <= taken_until or not line.text:
            continue
        framing = _FRAMING_RE.search(line.text)
        heading = _HEADING_RE.match(line.text)
        if not framing and not heading:
            inline, last = _inline(text, lines, i)
            found.extend(inline)
            taken_until = last if inline else taken_until
            continue
        framed_by = (framing or heading).group(0).lower()  # type: ignore[union-attr]
        dated_only = "milestone" not in framed_by  # deliverables, timelines: only the dated items
        status, from_p, to_p = _framing_facts(line.text)
        rows, last = _rows(text, lines, i + 1, table=bool(heading))
        if dated_only:
            rows = [r for r in rows if r[3] is not None]
        reason = "heading" if heading else ("dated_deliverables" if dated_only else "framed_list")
        for start, end, item, due in rows:
            found.append((start, end, item, due, from_p, to_p, status + "|" + reason))
        if rows:
            taken_until = last
    out = []
    for n, (start, end, item, due, from_p, to_p, tag) in enumerate(found[:_MAX_ITEMS], 1):
        status, reason = tag.split("|")
        confidence = {"framed_list": 1.0, "inline_list": 0.9}.get(reason, 0.8)
        out.append(Milestone(n, item, start, end, status, from_p, to_p, due, confidence, reason))
    return out


def _inline(text: str, lines: list[Line], i: int) -> tuple[list[_Found], int]:
    """Items of a framing sentence that lists them after its colon, split on ";" ("Key milestones:
    contract award in June 2024; go-live in March 2025; closure in 2026/27."), and the last line of
    the paragraph read. The sentence may wrap onto the paragraph's next lines.
    """
    last = i
    while (
        last + 1 < len(lines)
        and lines[last + 1].text
        and not lines[last + 1].marker
        and not lines[last].text.endswith((".", "!", "?", ":"))  # the sentence goes on: "...;", "... in"
        and not is_stop_heading(lines[last + 1].text)
    ):
        last += 1
    out: list[_Found] = []
    for s_lo, s_hi in split_sentences(text, lines[i].body, lines[last].end):
        framing = _INLINE_RE.search(text, s_lo, s_hi)
        if framing is None or ";" not in text[framing.end() : s_hi]:
            continue
        dated_only = "milestone" not in framing["word"].lower()
        status, from_p, to_p = _framing_facts(text[s_lo : framing.start()] + framing.group())
        items = []
        pos = framing.end()
        for part in text[framing.end() : s_hi].split(";"):
            item = _inline_item(text, pos, pos + len(part))
            pos += len(part) + 1
            if item is not None:
                items.append(item)
        if dated_only:
            items = [item for item in items if item[3] is not None]
        if len(items) < 2 or any(len(t.split()) > _MAX_ITEM_WORDS for _, _, t, _ in items):
            continue  # one clause after a colon is a sentence, not a list; long clauses are prose
        tag = status + "|" + ("dated_deliverables" if dated_only else "inline_list")
        out += [(a, b, t, due, from_p, to_p, tag) for a, b, t, due in items]
    return out, last


def _inline_item(text: str, start: int, end: int) -> tuple[int, int, str, str | None] | None:
    """(start, end, text, due) of one ";"-separated clause, without a marker ("(a)") or joining "and"."""
    line = parse_line(text, start, end)
    first, stop = line.body, line.end
    lead = _LEAD_JOIN_RE.match(text, first, stop)
    first = lead.end() if lead else first
    trail = _TRAIL_JOIN_RE.search(text, first, stop)
    stop = trail.start() if trail else stop
    raw = text[first:stop]
    return (first, stop, collapse(raw), _due(raw)) if raw.strip() else None


def _framing_facts(line: str) -> tuple[str, str | None, str | None]:
    """(status, from_period, to_period) stated by a framing line.

    >>> _framing_facts("The following Q4 2021/22 milestones will be carried over to 2022/23:")
    ('carried_over', 'Q4 2021/22', '2022/23')
    """
    status = next((name for name, rx in _STATUS_RES if rx.search(line)), "planned")
    periods = [m for m in _PERIOD_RE.finditer(line) if _plausible(m.group("period"))]
    from_p = to_p = None
    for m in periods:
        if _INTO_RE.search(line[: m.start()]) and to_p is None:
            to_p = m.group("period")
        elif from_p is None:
            from_p = m.group("period")
    if status == "planned" and to_p is not None and from_p is None:
        from_p, to_p = to_p, None  # "milestones to March 2024:" is a due period, not a move
    return status, from_p, to_p


def _plausible(period: str) -> bool:
    """Financial years must run into the next year: "2021/22" yes, "2021/23" no."""
    fy = re.search(r"20(\d\d)\s?[/-]\s?(?:20)?(\d\d)$", period)
    return fy is None or int(fy.group(2)) == (int(fy.group(1)) + 1) % 100


def _due(s: str) -> str | None:
    return next((m.group("period") for m in _PERIOD_RE.finditer(s) if _plausible(m.group("period"))), None)


def _is_date_cell(s: str) -> bool:
    m = _PERIOD_RE.fullmatch(s.strip(" .;"))
    return m is not None and _plausible(m.group("period"))


def _is_header_row(line: str) -> bool:
    """A table header row: every cell a header word ("Milestone", "Milestone\tDate", "Task | Due date").

    >>> _is_header_row("Milestone\tTarget date"), _is_header_row("Go live\tMarch 2023")
    (True, False)
    """
    cells = [c for c in _CELL_SPLIT_RE.split(line) if c.strip()]
    return bool(cells) and all(_is_header_cell(c) for c in cells)


def _is_header_cell(cell: str) -> bool:
    """A column heading: up to four words, every one a heading word.

    >>> _is_header_cell("Original date"), _is_header_cell("RAG status:"), _is_header_cell("Go live")
    (True, True, False)
    """
    words = re.findall(r"[A-Za-z]+", cell)
    return 0 < len(words) <= _HEADER_CELL_MAX_WORDS and all(w.lower() in _HEADER_WORDS for w in words)


def _rows(
    text: str, lines: list[Line], i: int, *, table: bool
) -> tuple[list[tuple[int, int, str, str | None]], int]:
    """Items after a framing line or heading: (start, end, text, due), and the last line index used.

    Column headings at the top ("Milestone", "Owner", "Date"; on one line or one per line) give the
    table's width: a table rendered one cell per line is read that many lines to a row, and the item
    is the cell under the milestone column, not the owner or status beside it.
    """
    rows: list[list[int]] = []  # [start, end, cells] per item; text recomputed from the span
    headers: list[str] = []
    header_lines = 0
    kind: str | None = None
    first_closed: bool | None = None
    last = i
    gap = 0
    pending: Line | None = None  # a bullet alone on its line: its text is on a later line
    while i < len(lines):
        line = lines[i]
        per_line = header_lines > 1 and header_lines == len(headers)  # one heading cell per line
        if not line.text and not line.marker:
            if per_line and rows and rows[-1][2] < len(headers) and _blank_cell(text, line):
                rows[-1][2] += 1  # an empty cell ("Date" left blank): the row keeps its place
                gap = 0
            elif pending is None:  # blank lines between a lone bullet and its text are no gap
                gap += 1
                if gap >= 3 and rows:
                    break
            i += 1
            continue
        gap = 0
        lead_in = table and not rows and not headers and line.text.endswith(":")
        if lead_in and not _FRAMING_RE.search(line.text) and not is_stop_heading(line.text):
            i += 1  # "The programme will be delivered as follows:" under a heading introduces its rows
            continue
        if is_stop_heading(line.text) or line.kind == "multi" or line.text.endswith(":"):
            break
        words = len(line.text.split())
        closed = line.text.endswith((".", "!", "?", '."', ".”", ".)"))  # a sentence, not an item
        if not rows and _is_header_row(line.text):
            headers += _cells(line.text, _CELL_SPLIT_RE)
            header_lines += 1
            i += 1
            continue
        if table and words >= _PROSE_MIN_WORDS and line.text.endswith((".", "!")):
            break  # a sentence under the heading: prose ("The project has no milestones yet."), not rows
        if line.marker and not line.text:
            pending = line
            i += 1
            continue
        bullet, pending = pending, None
        filled = (
            _next_cell(headers, rows[-1][2], line.text) if rows and per_line and not line.marker else None
        )
        if filled is not None:
            rows[-1][1:] = [line.end, filled]  # the next cell of a one-cell-per-line row
        elif rows and not line.marker and line.text[:1].islower() and kind:
            rows[-1][1] = line.end  # a wrapped item line
        elif rows and _is_date_cell(line.text) and not _due(text[rows[-1][0] : rows[-1][1]]):
            rows[-1][1] = line.end  # the date cell of the row before
        elif _is_date_cell(line.text):
            pass  # a date with no row before it: a header row's leftovers
        else:
            line_kind = line.kind or (bullet.kind if bullet is not None else "plain")
            if words > _MAX_ITEM_WORDS or (kind is not None and line_kind != kind):
                break
            if first_closed is False and closed and words > 12:
                break  # a full sentence after open-ended items: the body has resumed
            kind = line_kind
            first_closed = closed if first_closed is None else first_closed
            rows.append([line.body, line.end, 1])
        last = i
        i += 1
    return [_item(text[start:end], start, end, headers) for start, end, _ in rows], last


def _next_cell(headers: list[str], filled: int, cell: str) -> int | None:
    """Cells of a one-cell-per-line row once ``cell`` is added to its ``filled`` ones, or None when
    ``cell`` starts the next row. A blank cell may leave no line: a date read under a column that
    holds no dates goes under the date column after it, and a long undated phrase read under a date
    column is the next row's milestone.

    >>> hs = ["Milestone", "Owner", "Date"]
    >>> _next_cell(hs, 1, "Fleet team"), _next_cell(hs, 1, "June 2025"), _next_cell(hs, 3, "Kit issued")
    (2, 3, None)
    >>> _next_cell(hs[::2], 1, "TBC"), _next_cell(hs[::2], 1, "Kit issued to all officers")
    (2, None)
    """
    if filled >= len(headers):
        return None
    dated = [n for n, h in enumerate(headers) if _words(h) & _DATE_COLUMN_WORDS]
    if _is_date_cell(cell) and filled not in dated:
        return next((n + 1 for n in dated if n > filled), filled + 1)
    if filled in dated and _due(cell) is None and len(cell.split()) >= _ROW_MIN_WORDS:
        return None
    return filled + 1


def _words(cell: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", cell)}


def _blank_cell(text: str, line: Line) -> bool:
    """Whether blank ``line`` held spaces (a browser renders an empty table cell as a lone
    non-breaking space on its line), not nothing (the gap between paragraphs).

    >>> t = "Go live\\n\\n\\u00a0\\n\\nPilot"
    >>> [_blank_cell(t, ln) for ln in split_lines(t)]
    [False, False, True, False, False]
    """
    return not line.text and not line.marker and line.start > 0 and text[line.start - 1] not in "\r\n"


def _cells(raw: str, splitter: re.Pattern[str]) -> list[str]:
    return [c.strip(" |") for c in splitter.split(raw) if c.strip(" |")]


def _item(raw: str, start: int, end: int, headers: list[str]) -> tuple[int, int, str, str | None]:
    """(start, end, text, due) of one row: the milestone cell where the columns are known, else the
    row without its date cells."""
    due = _due(raw)
    cells = _cells(raw, _ROW_CELL_RE)
    if len(headers) > 1 and len(cells) == len(headers):
        words = [_words(h) for h in headers]
        named = [n for n, w in enumerate(words) if w & _ITEM_COLUMN_WORDS]
        undated = [n for n, w in enumerate(words) if not w & _DATE_COLUMN_WORDS]
        column = (named or undated or [0])[0]
        if not _is_date_cell(cells[column]):
            return start, end, collapse(cells[column]).strip(" ;"), due
    shown = " ".join(c for c in cells if not _is_date_cell(c)) if len(cells) > 1 else raw
    return start, end, collapse(shown).strip(" ;"), due
