"""The header of a decision page: its own reference code, title, decision maker and dates, and where
the decision's own content starts and ends in the page's reading text.

The page text is what a browser shows (see ``pipeline/parse/model.py``): site chrome first ("Skip to
main content", logo text, "Home"), then the title and a block of labelled values, then the content,
then the closing "Signed decision document" link and the accessibility footer. The eras differ:

- 2013-2020: title, then ``Reference code:`` / ``Date signed:`` / ``Authorisation name:`` each with
  its value on the next line;
- 2018-2022: title, ``Key information``, then ``Reference code: PCD 673`` and ``Decision by: Name,
  Role`` with values on the same line (``Date signed:`` usually empty), or no title at all;
- 2022+: the title, ``Key information``, the labels, then the title repeated (maybe with its code);
- Mayor's decisions: ``Type of decision:`` and ``Code:``; one old page has no labels at all, just a
  line ``PCD 365 05 April 2018 Sophie Linden, Deputy Mayor ...``.

:func:`read_header` never raises: what it cannot read is ``None``, with a flag and lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors._header_labels import (
    CONTENT_END_RE,
    HEADER_LABELS,
    KEY_INFO_RE,
    LABEL_RE,
    SECTION_RE,
    HeaderState,
    LabelValue,
    Line,
    is_label_line,
    read_labels,
    read_values,
    scan_limit,
    set_maker,
    signer_in_text,
    split_lines,
    split_name_role,
)
from extractors.codes import CODE_RE, code_from_match
from extractors.dates import DATE_RE, parse_uk_date

# Names other modules import from here (the label-block helpers live in extractors._header_labels).
__all__ = [
    "LABEL_RE",
    "Header",
    "LabelValue",
    "Line",
    "dedupe_title",
    "is_label_line",
    "leading_code",
    "read_header",
    "read_labels",
    "split_lines",
    "split_name_role",
]

_SIGNED_DOC_RE = re.compile(r"^[^\S\n]*signed[ ]decision[ ]document\b", re.IGNORECASE | re.MULTILINE)

# Site chrome and navigation lines that are never a title (compared lower-cased, stripped).
_CHROME = frozenset(
    {
        "skip to main content", "skip to content", "home", "menu", "search", "close", "back", "share",
        "print", "main navigation", "breadcrumb", "you are here", "you are here:", "mayor of london",
        "london assembly", "sign in", "log in", "register", "cookies", "accept cookies",
        "what we do", "programmes and strategies", "programmes & strategies",
        "mayor's office for policing and crime (mopac)", "mayor’s office for policing and crime (mopac)",
        "governance and decision-making", "mopac governance and decision-making", "mopac decisions",
        "decisions", "key information",
    }
)  # fmt: skip

# Separator between a leading code and the title: "PCD 1316 - NPCC", "MD2472 Mayoral", "PCD 12: X".
_TITLE_SEP_RE = re.compile(r"[^\S\n]*(?:[-–—:|][^\S\n]*)?")


@dataclass(frozen=True)
class Header:
    """The header of one decision page; every value keeps its span in the input text."""

    reference_code: str | None  # canonical (extractors.codes.normalise_code)
    code_source: str  # "key_info" | "form" | "title" | "listing" | "signed_document" | "unlabelled" | "none"
    title: str | None  # without leading code and separator, de-duplicated when repeated
    decision_maker: str | None  # name only: no role, no "(Past staff)", no "MP"
    decision_maker_role: str | None  # "Deputy Mayor, Policing and Crime" as printed
    date_signed: date | None
    date_published: date | None
    spans: dict[str, tuple[int, int]]  # field name → (start, end) of the raw value in the input text
    flags: tuple[str, ...] = ()  # "code_mismatch:title=PCD 1328,key_info=PCD 1329", "no_code", ...
    confidence: float = 1.0
    content_start: int = 0  # where the decision's own content starts in text
    content_end: int = -1  # where it ends (before "Signed decision document" / footer); -1 = end
    decision_type: str | None = None  # "Mayoral decision" on MD pages ("Type of decision:")


def _is_chrome(s: str) -> bool:
    low = re.sub(r"\s+", " ", s.strip().lower())
    return low in _CHROME or low.endswith(" logo") or " logo " in low or low.startswith("showing ")


def leading_code(s: str) -> tuple[str, int] | None:
    """The code a line starts with and the offset where the rest (the title) starts.

    >>> leading_code("PCD 1316 - NPCC Grant award")
    ('PCD 1316', 11)
    >>> leading_code("MD2472 Mayoral Decision-Making") is None, leading_code("Approved in PCD 12") is None
    (False, True)
    """
    lead = len(s) - len(s.lstrip())
    m = CODE_RE.match(s, lead)
    if m is None:
        return None
    rest = m.end()
    if rest < len(s) and (s[rest].isalnum() or s[rest] in "/."):
        return None  # "PCD 12.5" or "PCD 12a": not a code followed by a title
    sep = _TITLE_SEP_RE.match(s, rest)
    return code_from_match(m), sep.end() if sep else rest


def dedupe_title(title: str) -> str:
    """A title printed twice in one line ("A B A B", "A B PCD 1 A B") given once.

    >>> dedupe_title("Capital Strategy Capital Strategy")
    'Capital Strategy'
    >>> dedupe_title("Fleet Review PCD 1523 Fleet Review")
    'Fleet Review'
    """
    words = title.split()
    n = len(words)
    if n >= 2 and n % 2 == 0 and words[: n // 2] == words[n // 2 :]:
        return " ".join(words[: n // 2])
    for m in CODE_RE.finditer(title):
        if m.start() == 0:
            continue
        head = title[: m.start()].strip(" -–:")
        lc = leading_code(title[m.start() :])
        if lc is not None and head and " ".join(head.split()) == " ".join(title[m.start() + lc[1] :].split()):
            return head
    return title


def _unlabelled_line(lines: list[Line], stop: int) -> tuple[int, re.Match[str], re.Match[str]] | None:
    """A line "PCD 365 05 April 2018 Sophie Linden, Deputy Mayor ..." (code, date, name; no labels)."""
    for i in range(min(stop, len(lines))):
        s = lines[i].text
        m = CODE_RE.match(s, len(s) - len(s.lstrip()))
        if m is None:
            continue
        gap = len(s) - m.end() - len(s[m.end() :].lstrip())
        d = DATE_RE.match(s, m.end() + gap)
        if d is not None and gap > 0 and parse_uk_date(d.group(0)) is not None:
            return i, m, d
    return None


def _clean_title(raw: str, offset: int, st: HeaderState, source: str) -> tuple[str, tuple[int, int]] | None:
    """Title text without its leading code (recorded as ``source``'s code), de-duplicated, with span."""
    start = 0
    lc = leading_code(raw)
    if lc is not None:
        st.codes.setdefault(source, (lc[0], (offset + len(raw) - len(raw.lstrip()), offset + lc[1])))
        start = lc[1]
    body = raw[start:].rstrip()
    body = body[len(body) - len(body.lstrip()) :]
    start = len(raw) - len(raw[start:].lstrip()) if body else start
    title = dedupe_title(" ".join(body.split()))
    if not title:
        return None
    if len(title) > 300 or SECTION_RE.match(title) or is_label_line(title):
        return None
    length = len(body)
    if title != " ".join(body.split()):  # de-duplicated: the span covers the first copy only
        first = re.match(r"\s+".join(map(re.escape, title.split())), body)
        length = first.end() if first else length
    return title, (offset + start, offset + start + length)


def _title(
    lines: list[Line], anchor: int, st: HeaderState, title_hint: str | None
) -> tuple[str | None, tuple[int, int] | None]:
    if title_hint and title_hint.strip():
        got = _clean_title(title_hint.strip(), -1, st, "title")
        if got is not None:
            if "title" in st.codes:  # the hint is not in the text: no span for its code
                code, _ = st.codes["title"]
                st.codes["title"] = (code, (-1, -1))
            return got[0], _find_span(lines, got[0])
    if anchor > 0:
        for i in range(anchor - 1, -1, -1):
            s = lines[i].stripped
            if not s or _is_chrome(s):
                continue
            if is_label_line(s):
                break
            got = _clean_title(lines[i].text, lines[i].start, st, "title")
            if got is not None:
                return got
            break
    # No title above the block (pages that start at "Key information"): a code-led line just below it.
    if st.header_end >= 0 or anchor == -1:
        seen = 0
        for i in range(st.header_end + 1, len(lines)):
            s = lines[i].stripped
            if not s or _is_chrome(s):
                continue
            seen += 1
            if seen > 2 or SECTION_RE.match(s):
                break
            if leading_code(s) is not None:
                got = _clean_title(lines[i].text, lines[i].start, st, "title")
                if got is not None:
                    st.include(i)
                    return got
    return None, None


def _find_span(lines: list[Line], title: str) -> tuple[int, int] | None:
    """Span of ``title`` in the text (whitespace-insensitive within a line), if it is there."""
    want = " ".join(title.split()).lower()
    for ln in lines:
        if want and want in " ".join(ln.text.split()).lower():
            at = ln.text.lower().find(want)
            if at >= 0:
                return ln.start + at, ln.start + at + len(want)
            return ln.start, ln.end
    return None


def _signed_document(
    lines: list[Line], text: str
) -> tuple[str, tuple[int, int], str | None, tuple[int, int]] | None:
    """Code (and title) from the link text under "Signed decision document" at the end of the page."""
    m = None
    for found in _SIGNED_DOC_RE.finditer(text):
        m = found  # the last one: the closing link block, not a mention in the content
    if m is None:
        return None
    first = next(i for i, ln in enumerate(lines) if ln.start <= m.start() <= ln.end)
    seen = 0
    for ln in lines[first + 1 :]:
        s = ln.stripped
        if not s:
            continue
        seen += 1
        if seen > 2 or CONTENT_END_RE.match(s):
            return None
        lc = leading_code(ln.text)
        if lc is not None:
            lead = len(ln.text) - len(ln.text.lstrip())
            cm = CODE_RE.match(ln.text, lead)
            span = (ln.start + lead, ln.start + (cm.end() if cm else lc[1]))
            shown = " ".join(ln.text[lc[1] :].split())
            title = re.sub(r"\s*\((?:pdf|PDF)[^)]*\)\s*$|\.pdf$", "", shown) or None
            return lc[0], span, title, (ln.start + lc[1], ln.start + lc[1] + len(ln.text[lc[1] :].rstrip()))
        cm = CODE_RE.search(ln.text)
        if cm is not None:
            return code_from_match(cm), (ln.start + cm.start(), ln.start + cm.end()), None, (0, 0)
    return None


def _content_start(lines: list[Line], st: HeaderState, title: str | None) -> int:
    """Offset of the first content line: after the header block and any repeats of the title."""
    want = " ".join(title.split()).lower() if title else None
    i = st.header_end + 1
    if st.header_end < 0:
        i = 0
        while i < len(lines) and (not lines[i].stripped or _is_chrome(lines[i].stripped)):
            i += 1
        if want is not None and i < len(lines) and want in " ".join(lines[i].text.split()).lower():
            i += 1
    while i < len(lines):
        s = lines[i].stripped
        if not s or _is_chrome(s):
            i += 1
            continue
        if want is not None:
            lc = leading_code(s)
            rest = s[lc[1] :] if lc else s
            if dedupe_title(" ".join(rest.split())).lower() == want:
                if lc is not None:
                    st.codes.setdefault("title", (lc[0], (-1, -1)))
                i += 1
                continue
        break
    return lines[i].start if i < len(lines) else (lines[-1].end if lines else 0)


def _confidence(source: str, flags: list[str]) -> float:
    by_source = {"key_info": 1.0, "title": 0.9, "listing": 0.8, "signed_document": 0.8, "unlabelled": 0.7}
    c = by_source.get(source, 0.3)
    for flag in flags:
        if flag.startswith("code_mismatch"):
            c *= 0.6
        elif flag in {"no_title", "title_inferred", "decision_maker_from_text", "bad_code_value"}:
            c *= 0.8
        elif flag == "no_decision_maker" or flag.startswith("bad_date"):
            c *= 0.9
    return round(c, 3)


# The signed form opens "DMPC Decision – PCD 1240" (or "MOPAC Decision - PCD 1240"), then "Title: ...".
_FORM_BANNER_RE = re.compile(
    r"^\s*(?:DMPC|MOPAC|DMPCD)\s+decision\b\s*(?:[–—-]|:|no\.?|number)?\s*", re.IGNORECASE
)
_FORM_TITLE_RE = re.compile(r"^\s*Title\s*:\s*", re.IGNORECASE)
# The next form field, when a parser ran the fields into one line: the title ends before it.
_FORM_NEXT_FIELD_RE = re.compile(r"\s+(?:Executive\s+summary|Recommendations?|Decision\s+required)\s*:", re.I)
_FORM_LOOKAHEAD = 4  # non-blank lines after the banner where the "Title:" label may sit


def _form_banner(
    lines: list[Line],
) -> tuple[tuple[str, tuple[int, int]], tuple[str, tuple[int, int]] | None] | None:
    """(code, span) of a decision form's banner line and (title, span) of its "Title:" field, if present:
    the value beside the label, or on the next line under a label standing alone (a bold label, or the
    label cell of a ruled form table).

    >>> lines = split_lines("MAYOR OF LONDON\\n\\nDMPC Decision – PCD 1003\\n\\nTitle: Custody Review")
    >>> _form_banner(lines)
    (('PCD 1003', (33, 41)), ('Custody Review', (50, 64)))
    >>> form = "DMPC Decision – PCD 7\\n\\nTitle:\\n\\nFleet Review\\n\\nExecutive Summary:"
    >>> _form_banner(split_lines(form))[1]
    ('Fleet Review', (31, 43))
    >>> _form_banner(split_lines("DMPC Decision – PCD 8\\n\\nTitle: Fleet – Award Executive Summary: ..."))[1]
    ('Fleet – Award', (30, 43))
    """
    for i, ln in enumerate(lines[:12]):
        m = _FORM_BANNER_RE.match(ln.text)
        cm = CODE_RE.match(ln.text, m.end()) if m else None
        if cm is None:
            continue
        code = (code_from_match(cm), (ln.start + cm.start(), ln.start + cm.end()))
        after = [t for t in lines[i + 1 : i + 1 + 4 * _FORM_LOOKAHEAD] if t.text.strip()]
        for k, t in enumerate(after[:_FORM_LOOKAHEAD]):
            tm = _FORM_TITLE_RE.match(t.text)
            if tm is None:
                continue
            value_line, at = (t, tm.end()) if t.text[tm.end() :].strip() else (None, 0)
            nxt = after[k + 1].text.strip() if k + 1 < len(after) else ""
            if value_line is None and nxt and not nxt.endswith(":") and not is_label_line(nxt):
                value_line = after[k + 1]
                at = len(value_line.text) - len(value_line.text.lstrip())
            if value_line is None:
                break
            value = value_line.text[at:]
            nf = _FORM_NEXT_FIELD_RE.search(value)
            value = (value[: nf.start()] if nf else value).strip()
            start = value_line.start + at
            return code, (value, (start, start + len(value)))
        return code, None
    return None


def read_header(text: str, *, title_hint: str | None = None, listing_code: str | None = None) -> Header:
    """Read the header of a decision page from its reading text.

    ``title_hint`` is the page's ``<h1>`` when the caller has the HTML; ``listing_code`` the code the
    listing gave for this page (used when the page itself shows none, and checked against it).

    >>> h = read_header("Home\\n\\nPCD 12 - Fleet Review\\n\\nKey information\\n\\nReference code: PCD 12\\n"
    ...                 "\\nDecision by: Jo Bloggs, Deputy Mayor, Policing and Crime\\n\\nExecutive summary")
    >>> h.reference_code, h.title, h.decision_maker, h.code_source
    ('PCD 12', 'Fleet Review', 'Jo Bloggs', 'key_info')
    """
    lines = split_lines(text)
    st = HeaderState()
    limit = scan_limit(lines)
    labels = [lv for lv in read_labels(lines, 0, limit) if lv.label in HEADER_LABELS]
    key_info = next((i for i in range(limit) if KEY_INFO_RE.match(lines[i].text)), -1)
    unlabelled = None if labels else _unlabelled_line(lines, limit)
    read_values(lines, labels, st)
    starts = [
        i for i in (key_info, labels[0].line if labels else -1, unlabelled[0] if unlabelled else -1) if i >= 0
    ]
    anchor = min(starts, default=-1)
    st.include(max(starts, default=-1))

    title, title_span = _title(lines, anchor, st, title_hint)
    content_start = _content_start(lines, st, title)
    m_end = CONTENT_END_RE.search(text, content_start)
    content_end = m_end.start() if m_end else -1

    form = _form_banner(lines)
    if form is not None:
        st.codes.setdefault("form", form[0])
        if form[1] is not None and (title is None or _FORM_BANNER_RE.match(title)):
            title, title_span = form[1]
    if listing_code:
        st.codes.setdefault("listing", (listing_code, (-1, -1)))
    signed = _signed_document(lines, text)
    if signed is not None:
        st.codes.setdefault("signed_document", (signed[0], signed[1]))
    if unlabelled is not None:
        i, cm, dm = unlabelled
        ln = lines[i]
        st.codes.setdefault("unlabelled", (code_from_match(cm), (ln.start + cm.start(), ln.start + cm.end())))
        if st.date_signed is None:
            st.date_signed = parse_uk_date(dm.group(0))
            st.spans["date_signed"] = (ln.start + dm.start(), ln.start + dm.end())
        if st.maker is None:
            rest = ln.text[dm.end() :]
            set_maker(rest.strip(), ln.start + dm.end() + len(rest) - len(rest.lstrip()), st)

    code, source = None, "none"
    for src in ("key_info", "form", "title", "listing", "signed_document", "unlabelled"):
        if src in st.codes:
            code, source = st.codes[src][0], src
            if st.codes[src][1][0] >= 0:
                st.spans["reference_code"] = st.codes[src][1]
            break
    for src, (other, _span) in st.codes.items():
        if code is not None and other != code:
            st.flags.append(f"code_mismatch:{src}={other},{source}={code}")
    if code is None:
        st.flags.append("no_code")

    if title is None and signed is not None and signed[2]:
        title, title_span = signed[2], signed[3]
        st.flags.append("title_inferred")
    if title is None:
        st.flags.append("no_title")
    elif title_span is not None:
        st.spans["title"] = title_span

    if st.maker is None:
        sm = signer_in_text(text, 0, content_end)
        if sm is not None:
            st.maker, st.role = sm.group("name"), sm.group("role")
            st.spans["decision_maker"] = sm.span("name")
            st.spans["decision_maker_role"] = sm.span("role")
            st.flags.append("decision_maker_from_text")
        else:
            st.flags.append("no_decision_maker")

    return Header(
        reference_code=code,
        code_source=source,
        title=title,
        decision_maker=st.maker,
        decision_maker_role=st.role,
        date_signed=st.date_signed,
        date_published=st.date_published,
        spans=st.spans,
        flags=tuple(st.flags),
        confidence=_confidence(source, st.flags),
        content_start=content_start,
        content_end=content_end,
        decision_type=st.decision_type,
    )
