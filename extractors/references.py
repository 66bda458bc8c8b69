"""Decisions a page cites: ``PCD 988``, ``PCD697``, ``PCD-198``, ``(PCD 890 and 1561)``,
``PCDs 890, 891 and 1561``, ``PCD 690/712`` (two decisions; a PCD number carries no year, so
``PCD 2021/22`` is one code and a financial year), ``DMPCD 2013/96`` (one), ``DMPCD 2016-36``,
``CEOD 24-2023``, ``CEOD 35 - 2024``, ``MD2345``, ``DD1234``.

Each cited code once (its first mention), the page's own code left out, in order of first mention;
only the decision's own content counts (:func:`extractors.header.read_header` finds where it starts
and ends, so the title, key information and closing "Signed decision document" link are skipped);
the relation ("varies", "extends", "supersedes", "approved_earlier", "cites") comes from the words
around every mention, the strongest cue winning. Contract references ("MOPAC 937-01"), programme
codes ("NPP02-2021") and "PCD" inside words are not decision codes (``CODE_RE`` never matches them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.codes import CODE_RE, code_from_match
from extractors.header import Header, read_header

# "PCDs 890, 891 and 1561": a plural type word heading a list of numbers.
_PLURAL_RE = re.compile(
    r"""
    (?<![A-Za-z0-9])
    (?P<type>PCD|MD|DD|ADD)s                      # plural type letters ("PCDs")
    [^\S\n]{1,2}
    (?P<first>\d{1,4})(?![\d/.\-])                # the first number
    """,
    re.VERBOSE,
)

# One more number continuing a list after a code: ", 891", " and 1561", " & 1561", " or 12".
_MORE_RE = re.compile(
    r"""
    [^\S\n]*(?:,[^\S\n]*(?:and[^\S\n]+|&[^\S\n]*)? | [^\S\n]+(?:and|&|or)[^\S\n]+  # list glue
      | /[^\S\n]?)                                # "PCD 690/712": two PCDs (a PCD number has no year)
    (?:(?P<type>PCD|MD|DD|ADD)[^\S\n]?)?          # the type may be repeated ("and PCD 1561")
    (?P<num>\d{1,4})                              # the number
    (?![\d/\-:%]|\.\d|[^\S\n]*(?:%|per[ ]?cent))   # not a date, a range, a time or a percentage
    """,
    re.VERBOSE,
)

# What may follow a continued number for it to still be a code: punctuation, "and", a verb.
_AFTER_MORE_RE = re.compile(
    r"""
    [^\S\n]*(?:
        [),;:\]]                                  # "(PCD 890 and 1561)", "1561;"
      | \.(?!\d)                                  # end of sentence
      | $                                         # end of line
      | (?:and|or|&)\b                            # the list goes on
      | (?:approved|agreed|refers?|set|varied|extended|superseded|replaced|were|was|which|that|respectively)\b
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Cues for how a page relates to what it cites, strongest first (searched in the mention's sentence).
_RELATIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "supersedes",
        re.compile(
            r"\b(?:supersed(?:es|ed|ing)|replac(?:es|ed|ing)|rescind\w*|revok\w*|in[ ]place[ ]of)\b", re.I
        ),
    ),
    (
        "varies",
        re.compile(
            r"\b(?:var(?:y|ies|ied|iation)|amend(?:s|ed|ing|ment)?|chang(?:es|ed|ing)[ ]to|modif\w*)\b", re.I
        ),
    ),
    ("extends", re.compile(r"\b(?:extend(?:s|ed|ing)?|extension)\b", re.I)),
    ("approved_earlier", re.compile(r"\b(?:approv(?:ed|al)|agreed|authorised|previously)\b", re.I)),
)
_CUE_WINDOW = 60  # characters either side of a mention, within its sentence, where a cue counts
_STRENGTH = {"cites": 0, "approved_earlier": 1, "extends": 2, "varies": 3, "supersedes": 4}
_SENTENCE_END_RE = re.compile(r"(?<!\b[A-Z])(?<!\bNo)[.!?](?=\s)|\n")


@dataclass(frozen=True)
class Reference:
    """A decision code the page cites, at its first mention."""

    code: str  # canonical
    raw: str  # as printed, e.g. "PCD697", "1561" (for the second of "PCD 890 and 1561")
    start: int
    end: int
    relation: str = "cites"  # "varies" | "extends" | "supersedes" | "approved_earlier" | "cites"
    confidence: float = 1.0


def _context(text: str, start: int, end: int) -> str:
    """The words around ``text[start:end]``: its sentence (or line), at most ``_CUE_WINDOW`` either side.

    >>> _context("First one. Then the grant (PCD 4) was varied. Next.", 27, 32)
    ' Then the grant (PCD 4) was varied'
    """
    left = max(0, start - _CUE_WINDOW)
    ends = list(_SENTENCE_END_RE.finditer(text, left, start))
    s = ends[-1].end() if ends else left
    m = _SENTENCE_END_RE.search(text, end, min(len(text), end + _CUE_WINDOW))
    e = m.start() if m else min(len(text), end + _CUE_WINDOW)
    return text[s:e]


def _relation(sentence: str) -> str:
    """The strongest relation cue in ``sentence``.

    >>> _relation("This varies the grant approved in PCD 12."), _relation("as set out in PCD 12")
    ('varies', 'cites')
    """
    for name, cue in _RELATIONS:
        if cue.search(sentence):
            return name
    return "cites"


def _mentions(text: str) -> list[tuple[str, str, int, int, float]]:
    """Every code mention as (code, raw, start, end, confidence), list continuations included."""
    found: list[tuple[str, str, int, int, float]] = []
    heads: list[tuple[str, int]] = []  # (type, end) where a list of numbers may continue
    for m in CODE_RE.finditer(text):
        found.append((code_from_match(m), m.group(0), m.start(), m.end(), 1.0))
        if m.group("yeartype") is None:
            heads.append((m.group("type"), m.end()))
    for m in _PLURAL_RE.finditer(text):
        kind = m.group("type")
        found.append((f"{kind} {int(m.group('first'))}", m.group("first"), m.start("first"), m.end(), 0.9))
        heads.append((kind, m.end()))
    for kind, pos in heads:
        while True:
            more = _MORE_RE.match(text, pos)
            if more is None or (more.group("type") and more.group("type") != kind):
                break
            slash = "/" in text[pos : more.start("num")]  # "PCD 690/712": two decisions whatever follows
            if more.group("type") is None and not slash and _AFTER_MORE_RE.match(text, more.end()) is None:
                break  # "PCD 890 and 15 officers": a count, not a code
            year = re.search(r"(?:19|20)\d\d$", text[max(0, pos - 4) : pos])
            if slash and year and int(more.group("num")) % 100 == (int(year.group()) + 1) % 100:
                break  # "2021/22" is a financial year, not two decisions
            if more.group("type") is None:
                raw, start = more.group("num"), more.start("num")
                found.append((f"{kind} {int(raw)}", raw, start, more.end(), 0.8))
            pos = more.end()
    found.sort(key=lambda f: f[2])
    return found


def find_references(
    text: str, own_code: str | None = None, *, header: Header | None = None
) -> list[Reference]:
    """Every decision code ``text`` cites, once each, own code excluded, in order of first mention.

    >>> [(r.code, r.raw) for r in find_references("Approved (PCD 890 and 1561), see PCD697.", "PCD 1")]
    [('PCD 890', 'PCD 890'), ('PCD 1561', '1561'), ('PCD 697', 'PCD697')]
    >>> find_references("Contract MOPAC 937-01 under NPP02-2021.")
    []
    """
    header = header or read_header(text)  # a caller that has read the page's header passes it
    own = own_code or header.reference_code
    stop = header.content_end if header.content_end >= 0 else len(text)
    first: dict[str, Reference] = {}
    strongest: dict[str, str] = {}
    title = header.spans.get("title", (-1, -1))  # the title without its leading code
    for code, raw, start, end, conf in _mentions(text):
        in_title = title[0] <= start < title[1]  # "Contract Extension (PCD 988 variation)" cites PCD 988
        if code == own or (start < header.content_start and not in_title) or start >= stop:
            continue  # the page's own code, and codes in its header block or closing link
        relation = _relation(_context(text, start, end))
        if code not in first:
            first[code] = Reference(code, raw, start, end, relation, conf)
            strongest[code] = relation
        elif _STRENGTH[relation] > _STRENGTH[strongest[code]]:
            strongest[code] = relation
    return [Reference(r.code, r.raw, r.start, r.end, strongest[r.code], r.confidence) for r in first.values()]
