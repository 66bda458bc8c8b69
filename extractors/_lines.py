"""Reading text as lines: list markers, section headings and sentences, for the list extractors
(:mod:`extractors.recommendations`, :mod:`extractors.milestones`).

Reading text is what a browser shows or what our parsers render: list items keep a marker
("1.", "  1. " repeated, "a)", "•", "-" alone on a line), headings stand on their own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A list marker at the start of a line, as browsers and our parsers render lists.
_MARKER_RE = re.compile(
    r"""
    (?P<indent>[ \t\u00a0]*)                                     # leading spaces (nesting depth)
    (?P<marker>
        (?P<multi>\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\.?)             # "1.1." paragraph numbers
      | (?P<num>\d{1,2}[.)]|\(\d{1,2}\))                           # "1." "1)" "(1)"
      | (?P<roman>(?:ii|iii|iv|vi|vii|viii|ix)[.)]|\((?:ii|iii|iv|vi|vii|viii|ix)\))  # "iv)"
      | (?P<letter>[a-z][.)]|\([a-z]\))                              # "a)" "a." "(a)"
      | (?P<bullet>[•·●▪◦○■*\-–—])                                    # bullets, dashes
    )
    (?=[ \t\u00a0]|$)                                               # then space, or nothing at all
    """,
    re.VERBOSE,
)
_MARKER_KINDS = ("multi", "num", "roman", "letter", "bullet")

# Section headings that end a list; `facts` ones also end the part of a page that can hold one.
_FACTS_RE = re.compile(
    r"""
    ^(?:PART\s+(?:I|1|ONE)\b                          # "PART I - NON-CONFIDENTIAL FACTS ..."
      |Non[-\s]?confidential\s+facts                   # "Non-confidential facts and advice ..."
      |(?:Introduction|lntrodu\w*)(?:\s+and\s+background)?\s*:?\s*$)  # incl. the real "lntrodudion"
    """,
    re.VERBOSE | re.IGNORECASE,
)
_HEADINGS_RE = re.compile(
    r"""
    ^(?:Executive\s+summary|Key\s+information|Issues\s+for\s+consideration
      |(?:Financial|Legal|Equality|Privacy|Procurement|Commercial)\s+(?:comments|issues|implications)
      |Equality\s+and\s+diversity|GDPR\s+and\s+data\s+privacy|Background(?:/supporting\s+papers)?
      |Supporting\s+papers|(?:Real\s+estate|Environmental)\s+implications|Signed\s+decision\s+document
      |PART\s+(?:II|2|TWO)\b.*)                        # the exempt part
    \s*:?\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Words after which a full stop does not end a sentence ("excl. VAT", "p.a. funded").
_ABBREVIATIONS = frozenset(
    "excl incl approx e.g i.e p.a no nos para paras cf st mr mrs ms dr vs c ca est".split()  # noqa: SIM905 - one line reads better than 20 quoted words
)
_SENTENCE_END_RE = re.compile(r"[.!?][)\"”’]?\s+(?=[A-Z“\"‘(£0-9])")  # end mark, space, capital


@dataclass(frozen=True)
class Line:
    """One line of reading text: its span (stripped), list marker and the text after it."""

    start: int  # first non-space character
    end: int  # after the last non-space character
    body: int  # where the text after the marker starts
    marker: str  # "1.", "a)", "•", "" ...
    kind: str  # "multi" | "num" | "roman" | "letter" | "bullet" | ""
    indent: int  # leading spaces
    text: str  # the text after the marker, stripped

    def sub(self, source: str, start: int) -> Line:
        """The same line read from ``start`` (text after an inline label)."""
        return parse_line(source, start, self.end)


def parse_line(text: str, start: int, end: int) -> Line:
    """Read one line ``text[start:end]``.

    >>> parse_line("  1. Approve it ", 0, 16).marker, parse_line("  1. Approve it ", 0, 16).text
    ('1.', 'Approve it')
    """
    raw = text[start:end]
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    first, last = start + lead, start + lead + len(stripped)
    m = _MARKER_RE.match(raw)
    if m is None or not stripped:
        return Line(first, last, first, "", "", lead, stripped)
    kind = next(k for k in _MARKER_KINDS if m.group(k))
    body_raw = raw[m.end() :]
    body = start + m.end() + (len(body_raw) - len(body_raw.lstrip()))
    return Line(
        first, last, min(body, last), m.group("marker"), kind, len(m.group("indent")), body_raw.strip()
    )


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` (blank ones too, with empty ``text``)."""
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        out.append(parse_line(text, pos, pos + len(raw.rstrip("\r\n"))))
        pos += len(raw)
    return out


def is_stop_heading(line_text: str, *, facts_only: bool = False) -> bool:
    """Whether a line (text after its marker) is a heading that ends a list.

    >>> is_stop_heading("Introduction and background"), is_stop_heading("Approve the plan")
    (True, False)
    """
    if _FACTS_RE.match(line_text):
        return True
    return not facts_only and bool(_HEADINGS_RE.match(line_text))


def collapse(s: str) -> str:
    """Whitespace runs to one space, ends stripped."""
    return " ".join(s.split())


def ends_open(s: str) -> bool:
    """Whether ``s`` stops without closing punctuation (so the next line may continue it)."""
    return not s.rstrip().endswith((".", ";", ":", "!", "?", ")", "”", '"'))


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, abbreviations respected.

    >>> t = "Approve £5 (excl. VAT) now. Note it."
    >>> [t[a:b] for a, b in split_sentences(t, 0, len(t))]
    ['Approve £5 (excl. VAT) now.', 'Note it.']
    """
    spans, begin = [], start
    for m in _SENTENCE_END_RE.finditer(text, start, end):
        word = re.search(r"([A-Za-z.]+)\.?$", text[begin : m.start() + 1])
        token = word.group(1).lower().rstrip(".") if word else ""
        initial = word is not None and len(word.group(1).rstrip(".")) == 1 and word.group(1)[0].isupper()
        if token in _ABBREVIATIONS or initial:  # "excl. VAT", "J. Smith"
            continue
        stop = m.start() + len(m.group(0).rstrip())
        spans.append((begin, stop))
        begin = m.end()
    if text[begin:end].strip():
        tail = text[begin:end]
        spans.append((begin, begin + len(tail.rstrip())))
    return spans
