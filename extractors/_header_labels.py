"""The labelled block of a decision page's header, for :mod:`extractors.header` (and the listing
entries of :mod:`extractors.listing`): lines with their spans, ``Label: value`` pairs (same line or
next line, by era), the decision maker's name and role, and the signed/published dates.

Private: :func:`extractors.header.read_header` is the entry point; this module reads values into a
:class:`HeaderState` that it then completes with the code, title and content span.
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

# Any short "Words:" at a line's start (after a bullet): a label maybe misspelt ("Refernce code:").
_LOOSE_LABEL_RE = re.compile(
    r"""
    ^[^\S\n]*                                         # indentation
    (?:[•*\-–][^\S\n]+)?                              # optional list bullet
    (?P<label>[A-Za-z]+(?:[ ][A-Za-z]+){0,2})         # one to three words
    [^\S\n]*:                                          # the colon ends the label
    """,
    re.VERBOSE,
)
# The labels a typo may hide; "code" and other short ones are left out: "node:" is not "code:".
_TYPO_LABELS = (
    "reference code", "date signed", "date published", "decision by", "authorisation name",
    "authorization name", "authorised by", "authorized by", "decision maker", "type of decision",
)  # fmt: skip
_TYPO_MIN_CHARS = 8  # a one-letter slip is only read as a typo in a label this long


# Lines that open the key-information block or the decision's content.
KEY_INFO_RE = re.compile(r"^\s*key[ ]information\s*:?\s*$", re.IGNORECASE)
SECTION_RE = re.compile(
    r"""
    ^\s*(?:
        executive[ ]summary | recommendations? | decision | background
      | part[ ](?:1|i|one)\b.* | non-confidential[ ]facts.*
    )\s*:?\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Where the decision's own content ends: the closing document link and the site footer.
CONTENT_END_RE = re.compile(
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

# The same in a closing approval block: the name alone on its line, the role on the next.
_SIGNER_BLOCK_RE = re.compile(
    rf"""
    ^[^\S\n]*{_NAME_RE.pattern}                        # the name opens its line ...
    [^\S\n]*(?:\((?i:past[ ]staff)\)[^\S\n]*)?        # ... maybe "(Past staff)"
    (?:[^\S\n]+MP)?[^\S\n]*\n[^\S\n]*                   # ... and ends it
    (?P<role>(?:the[ ])?Deputy[ ]Mayor(?:,[ ]|[ ]for[ ])Policing[ ]and[ ]Crime)[^\S\n]*$  # the role line
    """,
    re.VERBOSE | re.MULTILINE,
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
    """Whether ``line`` starts with a known label ("Reference code:", "• Date signed:"), maybe with
    a one-letter typo ("Refernce code:").

    >>> is_label_line("  • Date signed: 06 May 2020"), is_label_line("Dates signed by all")
    (True, False)
    >>> is_label_line("Refernce code: PCD 1"), is_label_line("Reference: PCD 1")
    (True, False)
    """
    return _first_label(line) is not None


def _one_slip(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with at most one letter added, dropped, changed, or two swapped.

    >>> [_one_slip(w, "decision by") for w in ("decison by", "decisoin by", "decision byy", "revision by")]
    [True, True, True, False]
    >>> _one_slip("precision by", "decision by"), _one_slip("date sign", "date signed")
    (False, False)
    """
    if word == target:
        return True
    if abs(len(word) - len(target)) > 1:
        return False
    lo = next((k for k, (a, b) in enumerate(zip(word, target, strict=False)) if a != b), None)
    if lo is None:  # one is the other plus a last letter
        return True
    swapped = word[lo : lo + 2] == target[lo : lo + 2][::-1] and word[lo + 2 :] == target[lo + 2 :]
    return (
        word[lo + 1 :] == target[lo + 1 :]  # one letter changed
        or word[lo:] == target[lo + 1 :]  # one letter dropped
        or word[lo + 1 :] == target[lo:]  # one letter added
        or swapped  # two letters swapped
    )


def _first_label(line: str) -> tuple[str, int, int] | None:
    """(label, start, end of its colon) of the label opening ``line``; a one-letter typo in a long
    label is tolerated ("Refernce code:", "Decison by:") when the first letter is right."""
    m = _LINE_LABEL_RE.match(line)
    lm = LABEL_RE.match(line, m.end()) if m is not None else None
    if lm is not None:
        return re.sub(r"\s+", " ", lm.group("label").lower()), lm.start(), lm.end()
    loose = _LOOSE_LABEL_RE.match(line)
    if loose is None:
        return None
    word = loose.group("label").lower()
    for label in _TYPO_LABELS:
        if len(label) >= _TYPO_MIN_CHARS and word[:1] == label[:1] and _one_slip(word, label):
            return label, loose.start("label"), loose.end()
    return None


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
        head = _first_label(line.text)
        if head is None:
            continue
        labels = [head] + [
            (re.sub(r"\s+", " ", lm.group("label").lower()), lm.start(), lm.end())
            for lm in LABEL_RE.finditer(line.text, head[2])
            if _starts_label(line.text, lm)
        ]
        for k, (label, _, colon) in enumerate(labels):
            value_end = labels[k + 1][1] if k + 1 < len(labels) else len(line.text)
            start, end = _trimmed_span(line, colon, value_end)
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
        if is_label_line(s) or SECTION_RE.match(s) or KEY_INFO_RE.match(s) or CONTENT_END_RE.match(s):
            return None
        if accept is not None and accept.match(s) is None:
            return None
        return lines[j]
    return None


def split_name_role(value: str) -> tuple[str | None, str | None, int, int]:
    """Name and role from "Name (Past staff), Role"; also the name's (start, end) inside ``value``.

    >>> split_name_role("Sophie Linden (Past staff), Deputy Mayor, Policing and Crime")[:2]
    ('Sophie Linden', 'Deputy Mayor, Policing and Crime')
    >>> split_name_role("Rt Hon Jane Doe MP Deputy Mayor for Policing and Crime")[:2]
    ('Jane Doe', 'Deputy Mayor for Policing and Crime')
    >>> split_name_role("Kaya Comer-Schwartz (Deputy Mayor for Policing and Crime)")[:2]
    ('Kaya Comer-Schwartz', 'Deputy Mayor for Policing and Crime')
    >>> split_name_role("Deputy Mayor for Policing and Crime")[:2]
    (None, 'Deputy Mayor for Policing and Crime')
    >>> split_name_role("Deputy Mayor for Policing and Crime, Jo Bloggs")[:2]
    ('Jo Bloggs', 'Deputy Mayor for Policing and Crime')
    >>> split_name_role("Deputy Mayor, Policing and Crime")[:2]
    (None, 'Deputy Mayor, Policing and Crime')
    """
    comma = value.find(",")
    role_m = _ROLE_START_RE.search(value)
    if role_m is not None and not value[: role_m.start()].strip(" ,;-–"):
        role_first, _, last = value.rpartition(",")  # "Deputy Mayor for Policing and Crime, Jo Bloggs"
        words = last.split()
        if (
            role_first
            and 2 <= len(words) <= 4
            and all(w[:1].isupper() for w in words)
            and _NAME_CHARS_RE.fullmatch(last.strip())
            and not _ROLE_START_RE.search(last)
            and last.strip().lower() not in _NOT_NAME_WORDS
        ):
            start = value.rindex(last.strip())
            return " ".join(words), " ".join(role_first.split()), start, start + len(last.strip())
        return None, " ".join(value.split()) or None, 0, 0  # a role and no name ("Decision by: DMPC")
    cut = comma if comma >= 0 else len(value)
    if role_m is not None and role_m.start() > 0 and role_m.start() < cut:
        cut = role_m.start()
        bracket = value.rfind("(", 0, cut)
        if bracket > value.rfind(")", 0, cut):  # "Name (Deputy Mayor for Policing and Crime)"
            cut = bracket
    name_part, role_part = value[:cut], value[cut:].lstrip(" ,;-–(")
    if role_part.endswith(")") and "(" not in role_part:
        role_part = role_part[:-1]
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


def signer_in_text(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first "Name, Deputy Mayor for Policing and Crime" in ``text[start:end]`` whose name is a name
    (in running text, or as a signature block: name on one line, role on the next).

    >>> signer_in_text("\\nJo Bloggs\\nDeputy Mayor for Policing and Crime\\n", 0, -1).group("name")
    'Jo Bloggs'
    """
    stop = end if end >= 0 else len(text)
    found = [
        m
        for rx in (_SIGNER_RE, _SIGNER_BLOCK_RE)
        for m in rx.finditer(text, start, stop)
        if not any(w.strip(".") in _NOT_NAME_WORDS for w in m.group("name").lower().replace("’", "'").split())
    ]
    return min(found, key=lambda m: m.start(), default=None)


# Labels that belong to a decision page's header block (not "Page type:", a listing's).
HEADER_LABELS = frozenset(
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
class HeaderState:
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


def scan_limit(lines: list[Line]) -> int:
    """Lines that may hold the header: up to the first content heading ("Executive summary")."""
    for i, ln in enumerate(lines[:_HEADER_MAX_LINES]):
        if SECTION_RE.match(ln.text):
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


def read_values(lines: list[Line], labels: list[LabelValue], st: HeaderState) -> None:
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
            set_maker(got[0], got[1], st)
        elif kind == "type of decision":
            got = _value(lines, lv, _NAME_LINE_RE)
            if got is not None:
                st.include(got[3])
                st.decision_type = got[0]
                st.spans["decision_type"] = (got[1], got[2])


def set_maker(value: str, offset: int, st: HeaderState) -> None:
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
