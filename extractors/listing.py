"""A listing page of the decision archive, read from its text: "Showing 181-200 of 1669 results
found", then one entry per decision::

      • PCD 1625 Q3 Budget Monitoring Report
        Page type: Decision
        • Date signed:
        • Reference code: PCD 1625
        The summary ...

An entry's code is its "Reference code:" value (canonical), else the code leading its title link;
when the two differ (one real entry's heading says PCD 1328, its label PCD 1329) the label wins and
the entry is flagged. A last entry cut off by the end of the text counts if its code or title can be
read; a heading cut inside its code ("• PCD 1") cannot be trusted and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.codes import CODE_RE, code_from_match
from extractors.dates import parse_uk_date
from extractors.header import Line, dedupe_title, is_label_line, leading_code, read_labels, split_lines

SHOWING_RE = re.compile(
    r"""
    \bShowing[^\S\n]+
    (?P<first>\d[\d,]*)                                         # "181"
    (?:[^\S\n]*[-–—][^\S\n]*|[^\S\n]+to[^\S\n]+)                   # "-", " – ", " to " (older pages)
    (?P<last>\d[\d,]*)                                          # "200"
    [^\S\n]+of[^\S\n]+(?P<total>\d[\d,]*)                        # "of 1,669"
    [^\S\n]+results?                                             # "results" ("found" may follow)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_PAGE_TYPE_RE = re.compile(r"^[^\S\n]*(?:[•*\-][^\S\n]+)?page[ ]type[^\S\n]*:", re.IGNORECASE | re.MULTILINE)
_BULLET_RE = re.compile(r"^(?P<indent>[^\S\n]*)(?P<bullet>[•*\-–])[^\S\n]+(?P<body>\S.*)$")
_SUMMARY_LABEL_RE = re.compile(r"^\s*(?:executive[ ]summary|summary)\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ListingEntry:
    """One decision entry of a listing page."""

    reference_code: str | None  # from "Reference code:" (canonical); else from the title link
    title: str | None  # without leading code
    heading_code: str | None  # code printed in the title link (may differ: flagged)
    date_signed: date | None
    date_published: date | None
    summary: str | None
    start: int
    end: int  # span of the entry in text
    url: str | None = None  # filled by the HTML adapter from links; None from text
    truncated: bool = False  # the text ends inside this entry
    flags: tuple[str, ...] = ()  # "code_mismatch:heading=PCD 1328,reference_code=PCD 1329"


@dataclass(frozen=True)
class Listing:
    """A listing page: its "Showing a-b of N results" figures and its entries in page order."""

    total_results: int | None
    first: int | None
    last: int | None
    entries: tuple[ListingEntry, ...]


def is_listing(text: str) -> bool:
    """Whether ``text`` is a listing page: a "Showing a-b of N results" line or several entries.

    >>> is_listing("Showing 1-20 of 99 results found"), is_listing("Reference code: PCD 1")
    (True, False)
    """
    return SHOWING_RE.search(text) is not None or len(_PAGE_TYPE_RE.findall(text)) >= 2


def _int(raw: str | None) -> int | None:
    return int(raw.replace(",", "")) if raw else None


def _headings(lines: list[Line]) -> list[int]:
    """Line indexes of entry headings: the line before each "Page type:", and a last bullet heading
    at the same indentation cut off before its "Page type:"."""
    found: list[int] = []
    for i, ln in enumerate(lines):
        if _PAGE_TYPE_RE.match(ln.text) is None:
            continue
        j = i - 1
        while j >= 0 and not lines[j].stripped:
            j -= 1
        if j >= 0 and not is_label_line(lines[j].text) and (not found or j > found[-1]):
            found.append(j)
    if not found:  # no "Page type:" lines: bullet lines followed by a "Reference code:" label
        for i, ln in enumerate(lines):
            if _BULLET_RE.match(ln.text) and not is_label_line(ln.text) and _label_follows(lines, i):
                found.append(i)
    if found:
        indent = _BULLET_RE.match(lines[found[-1]].text)
        for k in range(found[-1] + 1, len(lines)):
            m = _BULLET_RE.match(lines[k].text)
            if (
                m is not None
                and indent is not None
                and m.group("indent") == indent.group("indent")
                and not is_label_line(lines[k].text)
            ):
                found.append(k)  # a heading cut off before its "Page type:" line
    return found


def _label_follows(lines: list[Line], i: int) -> bool:
    return any(is_label_line(ln.text) for ln in lines[i + 1 : i + 6])


def _entry(lines: list[Line], first: int, stop: int, text_end: int) -> ListingEntry | None:
    head = lines[first]
    cut = head.end >= text_end  # the text ends on the heading line itself
    m = _BULLET_RE.match(head.text)
    body_at = m.start("body") if m else len(head.text) - len(head.text.lstrip())
    body = head.text[body_at:]
    heading_code: str | None = None
    title_at = body_at
    lc = leading_code(body)
    if lc is not None:
        heading_code, title_at = lc[0], body_at + lc[1]
        if cut and title_at >= len(head.text) and not head.text[-1:].isspace():
            return None  # "• PCD 1" at the very end: the code itself may be cut
    title = dedupe_title(" ".join(head.text[title_at:].split())) or None

    code = heading_code
    dates: dict[str, date | None] = {"date signed": None, "date published": None}
    last_label = first
    flags: list[str] = []
    for lv in read_labels(lines, first + 1, stop):
        last_label = max(last_label, lv.line)
        if lv.label == "reference code" and lv.value:
            cm = CODE_RE.match(lv.value)
            value_cut = lines[lv.line].end >= text_end
            if cm is not None and not (value_cut and heading_code is not None):
                code = code_from_match(cm)
        elif lv.label in dates and lv.value:
            dates[lv.label] = parse_uk_date(lv.value)
    if heading_code is not None and code is not None and heading_code != code:
        flags.append(f"code_mismatch:heading={heading_code},reference_code={code}")
    summary_lines = [ln.stripped for ln in lines[last_label + 1 : stop] if ln.stripped]
    summary = " ".join(summary_lines) if last_label > first else None
    if summary:
        summary = _SUMMARY_LABEL_RE.sub("", summary) or None
    end = lines[stop - 1].end if stop - 1 >= first else head.end
    if code is None and title is None:
        return None
    return ListingEntry(
        reference_code=code,
        title=title,
        heading_code=heading_code,
        date_signed=dates["date signed"],
        date_published=dates["date published"],
        summary=summary or None,
        start=head.start + body_at,
        end=end,
        truncated=any(ln.stripped and ln.end >= text_end for ln in lines[first:stop]),
        flags=tuple(flags),
    )


def read_listing(text: str) -> Listing:
    """Read a listing page's figures and entries from its text.

    >>> page = read_listing("Showing 21-40 of 1,234 results found\\n\\n  • PCD 7 - Fleet\\n\\n"
    ...                     "    Page type: Decision\\n    • Reference code: PCD 7\\n    About fleets.\\n")
    >>> page.total_results, [(e.reference_code, e.title, e.summary) for e in page.entries]
    (1234, [('PCD 7', 'Fleet', 'About fleets.')])
    """
    showing = SHOWING_RE.search(text)
    lines = split_lines(text)
    heads = _headings(lines)
    text_end = len(text)  # a non-empty line ending here was cut off (a complete text ends with "\n")
    entries: list[ListingEntry] = []
    for k, first in enumerate(heads):
        stop = heads[k + 1] if k + 1 < len(heads) else len(lines)
        entry = _entry(lines, first, stop, text_end)
        if entry is not None:
            entries.append(entry)
    return Listing(
        total_results=_int(showing.group("total")) if showing else None,
        first=_int(showing.group("first")) if showing else None,
        last=_int(showing.group("last")) if showing else None,
        entries=tuple(entries),
    )
