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
from dataclasses import dataclass, field
from datetime import date

from extractors.codes import CODE_RE, code_from_match
from extractors.dates import DATE_RE, parse_uk_date

# Labelled values of the key-information block (and of listing entries), as printed.
LABEL_RE = re.compile(
    r"""
    (?P<label>
        reference[ ]code | code                       # the decision's own code ("Code:" on MD pages)
      | date[ ]signed | date[ ]published             # dates, often empty
      | decision[ ]by | authori[sz]ation[ ]name      # who decided, by era
      | authori[sz]ed[ ]by | decision[ ]maker
      | type[ ]of[ ]decision | page[ ]type           # "Mayoral decision"; listing entries' "Decision"
    )
    [^\S\n]*:                                         # the colon ends the label
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A label at the start of a line, maybe after a list bullet ("    • Reference code: PCD 1625").
_LINE_LABEL_RE = re.compile(
    r"""
    ^[^\S\n]*                                         # indentation
    (?:[•*\-–][^\S\n]+)?                              # optional list bullet
    (?=reference|code|date|decision|authori|type|page)   # cheap check before the full label
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Lines that open the key-information block or the decision's content.
_KEY_INFO_RE = re.compile(r"^\s*key[ ]information\s*:?\s*$", re.IGNORECASE)
_SECTION_RE = re.compile(
    r"""
    ^\s*(?:
        executive[ ]summary | recommendations? | decision | background
      | part[ ](?:1|i|one)\b.* | non-confidential[ ]facts.*
    )\s*:?\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Where the decision's own content ends: the closing document link and the site footer.
_CONTENT_END_RE = re.compile(
    r"""
    ^[^\S\n]*(?:
        signed[ ]decision[ ]document                  # link to the signed PDF
      | supporting[ ]documents?                       # attachments block, when shown
      | need[ ]a[ ]document[ ]on[ ]this[ ]page        # accessibility footer
      | share[ ]this[ ]page
    )\b
    """,
    re.VERBOSE | re.IGNORECASE | re.MULTILINE,
)
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

# A decision maker's name: two to four capitalised words ("Kaya Comer-Schwartz", "Sadiq Khan").
_NAME_RE = re.compile(
    r"""
    (?P<name>
        [A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?             # first name ("Jo", "Mary-Ann")
        (?:[^\S\n]+(?:[A-Z]\.[^\S\n]*)?               # optional initial ("J.")
           (?:Mc|Mac|O['’])?[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*   # surname parts ("Comer-Schwartz")
        ){1,3}
    )
    """,
    re.VERBOSE,
)

# "Name, Deputy Mayor for Policing and Crime" in running text: the signing DMPC, where no label says so.
_SIGNER_RE = re.compile(
    rf"""
    (?<![\w’'])
    {_NAME_RE.pattern}                                # the name ...
    [^\S\n]*(?:\((?i:past[ ]staff)\)[^\S\n]*)?        # ... maybe "(Past staff)"
    (?:[^\S\n]+MP)?,?[^\S\n]*                         # ... maybe "MP", then a comma
    (?P<role>(?:the[ ])?Deputy[ ]Mayor(?:,[ ]|[ ]for[ ])Policing[ ]and[ ]Crime)   # the DMPC role
    """,
    re.VERBOSE,
)

# Words that make a capitalised run a phrase, not a person ("The Deputy Mayor", "Approved By").
_NOT_NAME_WORDS = frozenset(
    {
        "the", "a", "an", "and", "of", "for", "to", "by", "in", "on", "at", "deputy", "mayor", "london",
        "policing", "police", "crime", "office", "approved", "approval", "signed", "signature", "decision",
        "date", "name", "authorisation", "authorization", "executive", "summary", "recommendation", "mopac",
        "dmpc", "chief", "officer", "director", "finance", "head", "key", "information", "reference", "code",
        "part", "page", "home", "service", "services", "metropolitan", "greater", "authority", "mayoral",
    }
)  # fmt: skip

# Role words that end a name when no comma does ("Sophie Linden Deputy Mayor ...").
_ROLE_START_RE = re.compile(
    r"\b(?:the[ ])?(?:Statutory[ ])?(?:Deputy[ ]Mayor|Mayor[ ]of[ ]London|Mayor|DMPC|Chief[ ]Executive)\b",
    re.IGNORECASE,
)
_PAREN_RE = re.compile(r"[^\S\n]*\([^)\n]*\)")  # "(Past staff)" and similar notes after a name
_HONORIFIC_RE = re.compile(r"^(?:(?:the|rt|hon|rt\.|hon\.|cllr|councillor|mr|mrs|ms|miss)\b\.?\s+)+", re.I)
_MP_RE = re.compile(r"[^\S\n]+MP\b\.?$")
_NAMEISH_RE = re.compile(r"[A-Z][a-z]")  # a name has a capitalised word ("Jo"); "N/A", "TBC" do not
_NAME_CHARS_RE = re.compile(r"(?:[^\W\d_]|[ .'’-])+")  # letters, spaces and name punctuation only


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


@dataclass(frozen=True)
class Line:
    """One line of the text with its span (``text`` without the line end)."""

    text: str
    start: int
    end: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class LabelValue:
    """A labelled value: ``label`` lower-cased, the value as printed and its span (empty → start == end)."""

    label: str
    value: str
    start: int
    end: int
    line: int  # index of the line the value was read from


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` with their spans.

    >>> [(ln.text, ln.start) for ln in split_lines("a\\nbc")]
    [('a', 0), ('bc', 2)]
    """
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(raw, pos, pos + len(raw)))
        pos += len(raw) + 1
    return lines


def is_label_line(line: str) -> bool:
    """Whether ``line`` starts with a known label ("Reference code:", "• Date signed:").

    >>> is_label_line("  • Date signed: 06 May 2020"), is_label_line("Dates signed by all")
    (True, False)
    """
    m = _LINE_LABEL_RE.match(line)
    return m is not None and LABEL_RE.match(line, m.end()) is not None


def _trimmed_span(line: Line, start: int, end: int) -> tuple[int, int]:
    """Span ``line.text[start:end]`` moved in from surrounding spaces, in text offsets."""
    seg = line.text[start:end]
    left = len(seg) - len(seg.lstrip())
    right = len(seg.rstrip())
    if right <= left:
        return line.start + start, line.start + start
    return line.start + start + left, line.start + start + right


def read_labels(lines: list[Line], first: int = 0, last: int | None = None) -> list[LabelValue]:
    """Labelled values in ``lines[first:last]``: same-line values, several labels on one line split
    apart, and a value on the next line when the label's own line has none (2013-2020 era)."""
    found: list[LabelValue] = []
    stop = len(lines) if last is None else min(last, len(lines))
    for i in range(first, stop):
        line = lines[i]
        m = _LINE_LABEL_RE.match(line.text)
        if m is None or LABEL_RE.match(line.text, m.end()) is None:
            continue
        labels = [lm for lm in LABEL_RE.finditer(line.text, m.end()) if _starts_label(line.text, lm)]
        for k, lm in enumerate(labels):
            value_end = labels[k + 1].start() if k + 1 < len(labels) else len(line.text)
            start, end = _trimmed_span(line, lm.end(), value_end)
            label = re.sub(r"\s+", " ", lm.group("label").lower())
            found.append(LabelValue(label, line.text[start - line.start : end - line.start], start, end, i))
    return found


def _starts_label(text: str, lm: re.Match[str]) -> bool:
    """A label inside a line counts only at its start or after a gap (not "the decision by: x")."""
    before = text[: lm.start()]
    return not before.strip() or before.strip() in {"•", "*", "-", "–"} or before.endswith(("  ", "\t"))


def next_value(lines: list[Line], index: int, accept: re.Pattern[str] | None = None) -> Line | None:
    """The line holding a label's value when the label's own line has none: the next non-blank line
    (at most one blank line away) that is not itself a label, a section heading or "Key information"."""
    blanks = 0
    for j in range(index + 1, len(lines)):
        s = lines[j].stripped
        if not s:
            blanks += 1
            if blanks > 1:
                return None
            continue
        if is_label_line(s) or _SECTION_RE.match(s) or _KEY_INFO_RE.match(s) or _CONTENT_END_RE.match(s):
            return None
        if accept is not None and accept.match(s) is None:
            return None
        return lines[j]
    return None


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


def split_name_role(value: str) -> tuple[str | None, str | None, int, int]:
    """Name and role from "Name (Past staff), Role"; also the name's (start, end) inside ``value``.

    >>> split_name_role("Sophie Linden (Past staff), Deputy Mayor, Policing and Crime")[:2]
    ('Sophie Linden', 'Deputy Mayor, Policing and Crime')
    >>> split_name_role("Rt Hon Jane Doe MP Deputy Mayor for Policing and Crime")[:2]
    ('Jane Doe', 'Deputy Mayor for Policing and Crime')
    >>> split_name_role("Deputy Mayor for Policing and Crime")[:2]
    (None, 'Deputy Mayor for Policing and Crime')
    """
    comma = value.find(",")
    role_m = _ROLE_START_RE.search(value)
    if role_m is not None and not value[: role_m.start()].strip(" ,;-–"):
        return None, " ".join(value.split()) or None, 0, 0  # a role and no name ("Decision by: DMPC")
    cut = comma if comma >= 0 else len(value)
    if role_m is not None and role_m.start() > 0 and role_m.start() < cut:
        cut = role_m.start()
    name_part, role_part = value[:cut], value[cut:].lstrip(" ,;-–")
    name_part = _PAREN_RE.sub("", name_part).strip()
    name_part = _MP_RE.sub("", name_part).strip()
    name_part = _HONORIFIC_RE.sub("", name_part).strip(" ,;-–")
    name = " ".join(name_part.split()) or None
    role = " ".join(role_part.split()) or None
    if name is not None and (
        name.lower() in _NOT_NAME_WORDS
        or _ROLE_START_RE.fullmatch(name)
        or not _NAMEISH_RE.search(name)
        or not _NAME_CHARS_RE.fullmatch(name)
    ):
        name = None  # a role word, or a placeholder such as "N/A" or "TBC"
    if name is None:
        return None, role, 0, 0
    found = re.search(r"\s+".join(map(re.escape, name.split())), value)
    if found is None:  # the name was printed around a note: no single span holds it
        return name, role, 0, 0
    return name, role, found.start(), found.end()


def _signer_in_text(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first "Name, Deputy Mayor for Policing and Crime" in ``text[start:end]`` whose name is a name."""
    for m in _SIGNER_RE.finditer(text, start, end if end >= 0 else len(text)):
        words = m.group("name").lower().replace("’", "'").split()
        if not any(w.strip(".") in _NOT_NAME_WORDS for w in words):
            return m
    return None


# Labels that belong to a decision page's header block (not "Page type:", a listing's).
_HEADER_LABELS = frozenset(
    {
        "reference code", "code", "date signed", "date published", "decision by", "authorisation name",
        "authorization name", "authorised by", "authorized by", "decision maker", "type of decision",
    }
)  # fmt: skip
_MAKER_LABELS = frozenset(
    {
        "decision by",
        "authorisation name",
        "authorization name",
        "authorised by",
        "authorized by",
        "decision maker",
    }
)
_CODE_LINE_RE = re.compile(CODE_RE.pattern, re.VERBOSE)  # a value line that starts with a code
_DATE_LINE_RE = re.compile(rf"(?:{DATE_RE.pattern})\s*$", re.VERBOSE | re.IGNORECASE)
_NAME_LINE_RE = re.compile(r"(?:(?:the|rt|hon|cllr|mr|mrs|ms|dr)\.?\s+)*[A-Z][a-z]", re.IGNORECASE)
_HEADER_MAX_LINES = 80  # the header block sits in the first lines; labels further down are content


@dataclass
class _State:
    """Working state of one :func:`read_header` call."""

    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    codes: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)  # source → (code, span)
    header_end: int = -1  # index of the last line that belongs to the header block
    maker: str | None = None
    role: str | None = None
    date_signed: date | None = None
    date_published: date | None = None
    decision_type: str | None = None

    def include(self, line_index: int) -> None:
        self.header_end = max(self.header_end, line_index)


def _scan_limit(lines: list[Line]) -> int:
    """Lines that may hold the header: up to the first content heading ("Executive summary")."""
    for i, ln in enumerate(lines[:_HEADER_MAX_LINES]):
        if _SECTION_RE.match(ln.text):
            return i
    return min(len(lines), _HEADER_MAX_LINES)


def _value(lines: list[Line], lv: LabelValue, accept: re.Pattern[str]) -> tuple[str, int, int, int] | None:
    """A label's value as (text, start, end, line index): on its own line, else on the next line."""
    if lv.value:
        return lv.value, lv.start, lv.end, lv.line
    nxt = next_value(lines, lv.line, accept)
    if nxt is None:
        return None
    i = lines.index(nxt)
    start, end = _trimmed_span(nxt, 0, len(nxt.text))
    return nxt.text.strip(), start, end, i


def _read_values(lines: list[Line], labels: list[LabelValue], st: _State) -> None:
    seen: set[str] = set()
    for lv in labels:
        kind = "maker" if lv.label in _MAKER_LABELS else lv.label
        kind = "code" if kind == "reference code" else kind
        if kind in seen:
            continue  # the first of each label is the header's; later ones are content
        seen.add(kind)
        st.include(lv.line)
        if kind == "code":
            got = _value(lines, lv, _CODE_LINE_RE)
            if got is None:
                continue
            st.include(got[3])
            m = CODE_RE.match(got[0])
            if m is None:
                st.flags.append("bad_code_value")
                continue
            st.codes["key_info"] = (code_from_match(m), (got[1], got[1] + m.end()))
        elif kind in {"date signed", "date published"}:
            got = _value(lines, lv, _DATE_LINE_RE)
            if got is None:
                continue
            st.include(got[3])
            key = kind.replace(" ", "_")
            parsed = parse_uk_date(got[0])
            if parsed is None:
                found = DATE_RE.search(got[0])
                parsed = parse_uk_date(found.group(0)) if found else None
            if parsed is None:
                st.flags.append(f"bad_date:{key}")
                continue
            setattr(st, key, parsed)
            st.spans[key] = (got[1], got[2])
        elif kind == "maker":
            got = _value(lines, lv, _NAME_LINE_RE)
            if got is None:
                continue
            st.include(got[3])
            _set_maker(got[0], got[1], st)
        elif kind == "type of decision":
            got = _value(lines, lv, _NAME_LINE_RE)
            if got is not None:
                st.include(got[3])
                st.decision_type = got[0]
                st.spans["decision_type"] = (got[1], got[2])


def _set_maker(value: str, offset: int, st: _State) -> None:
    name, role, start, end = split_name_role(value)
    if name is None:
        return
    st.maker, st.role = name, role
    if end > start:
        st.spans["decision_maker"] = (offset + start, offset + end)
    if role is not None:
        r = value.rfind(role)
        if r >= 0:
            st.spans["decision_maker_role"] = (offset + r, offset + r + len(role))


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


def _clean_title(raw: str, offset: int, st: _State, source: str) -> tuple[str, tuple[int, int]] | None:
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
    if len(title) > 300 or _SECTION_RE.match(title) or is_label_line(title):
        return None
    length = len(body)
    if title != " ".join(body.split()):  # de-duplicated: the span covers the first copy only
        first = re.match(r"\s+".join(map(re.escape, title.split())), body)
        length = first.end() if first else length
    return title, (offset + start, offset + start + length)


def _title(
    lines: list[Line], anchor: int, st: _State, title_hint: str | None
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
            if seen > 2 or _SECTION_RE.match(s):
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
        if seen > 2 or _CONTENT_END_RE.match(s):
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


def _content_start(lines: list[Line], st: _State, title: str | None) -> int:
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
_FORM_TITLE_RE = re.compile(r"^\s*Title\s*:\s*(?=\S)", re.IGNORECASE)


def _form_banner(
    lines: list[Line],
) -> tuple[tuple[str, tuple[int, int]], tuple[str, tuple[int, int]] | None] | None:
    """(code, span) of a decision form's banner line and (title, span) of its "Title:" line, if present.

    >>> lines = split_lines("MAYOR OF LONDON\\n\\nDMPC Decision – PCD 1003\\n\\nTitle: Custody Review")
    >>> _form_banner(lines)
    (('PCD 1003', (33, 41)), ('Custody Review', (50, 64)))
    """
    for i, ln in enumerate(lines[:12]):
        m = _FORM_BANNER_RE.match(ln.text)
        cm = CODE_RE.match(ln.text, m.end()) if m else None
        if cm is None:
            continue
        code = (code_from_match(cm), (ln.start + cm.start(), ln.start + cm.end()))
        for t in lines[i + 1 : i + 4]:
            tm = _FORM_TITLE_RE.match(t.text)
            if tm:
                value = t.text[tm.end() :].strip()
                return code, (value, (t.start + tm.end(), t.start + tm.end() + len(value)))
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
    st = _State()
    limit = _scan_limit(lines)
    labels = [lv for lv in read_labels(lines, 0, limit) if lv.label in _HEADER_LABELS]
    key_info = next((i for i in range(limit) if _KEY_INFO_RE.match(lines[i].text)), -1)
    unlabelled = None if labels else _unlabelled_line(lines, limit)
    _read_values(lines, labels, st)
    starts = [
        i for i in (key_info, labels[0].line if labels else -1, unlabelled[0] if unlabelled else -1) if i >= 0
    ]
    anchor = min(starts, default=-1)
    st.include(max(starts, default=-1))

    title, title_span = _title(lines, anchor, st, title_hint)
    content_start = _content_start(lines, st, title)
    m_end = _CONTENT_END_RE.search(text, content_start)
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
            _set_maker(rest.strip(), ln.start + dm.end() + len(rest) - len(rest.lstrip()), st)

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
        sm = _signer_in_text(text, 0, content_end)
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
