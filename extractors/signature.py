"""The DMPC decision form's signature block, Part 2 markers and officer declarations.

The signed form reads (wording varies by era)::

    Deputy Mayor for Policing and Crime
    I confirm I have considered whether or not I have any personal or prejudicial interest ...
    The above request has my approval.
    Signature  <signature or name>  Date  03/04/2022

then, later, the originating officer's declarations ("Financial Advice: ...  Yes") and the Chief
Executive's own signature. :func:`read_signature` takes the decision maker's block — the first
"Signature" label after the approval sentence or the DMPC heading, else the first one — and reads
the date in UK day-month order (via :mod:`extractors.dates`), a name printed beside the label, and
the role from the heading above it. Part 2 / exempt markers are looked for in the whole text; the
form's own answer ("Is there a Part 2 form – NO") wins over any mention elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.dates import find_dates

SIGNATURE_LABEL = re.compile(
    r"""
    (?im)^[ \t]*                    # at the start of a line
    (?P<label>signature\b          # the label "Signature" ...
      | signed(?=[ \t]*[:.…_]|[ \t]*$))  # ... or "Signed:" (not "Signed decision document")
    [ \t]*:?                        # optional colon
    """,
    re.VERBOSE,
)

APPROVAL_ANCHOR = re.compile(
    r"""
    the\s+above\s+request\s+has\s+my\s+approval     # the DMPC's sentence on every form
    | ^[ \t]*deputy\s+mayor\s+for\s+policing\s+and\s+crime[ \t]*$   # the block's heading
    """,
    re.VERBOSE | re.IGNORECASE | re.MULTILINE,
)

DATE_LABEL = re.compile(
    r"""
    \bdate(?:\s+signed)?\b[ \t]*:?[ \t]*    # "Date", "Date signed:"
    """,
    re.VERBOSE | re.IGNORECASE,
)

ROLE_LINE = re.compile(
    r"""
    (?im)^[ \t]*(?P<role>
        deputy\s+mayor(?:\s+for\s+policing\s+and\s+crime|,\s+policing\s+and\s+crime)?  # DMPC
      | mayor\s+of\s+london
      | chief\s+(?:executive|finance)\s+officer
      | (?:statutory\s+)?deputy\s+chief\s+executive
    )[ \t]*$
    """,
    re.VERBOSE,
)

NAME = re.compile(
    r"""
    (?P<name>[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?          # first name (maybe hyphenated)
       (?:[ \t]+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?){1,3}   # one to three more names
      | (?:[A-Z]\.[ \t]*|[A-Z][ \t]+){1,2}               # or initials: "S. ", "K ", "J.R."
        [A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)                # then the surname ("Comer-Schwartz")
    """,
    re.VERBOSE,
)

PART2_ANSWER = re.compile(
    r"""
    is\s+there\s+a\s+part\s*(?:2|ii|two)\s+form     # the form's question
    [\s:–—\-?]*                                      # dash or colon
    (?P<answer>yes|no)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

PART2_MARKER = re.compile(
    r"""
    (?:included|set\s+out|identified|contained|detailed)\s+in\s+(?:the\s+)?(?:restricted\s+|confidential\s+)?
        part\s*(?:2|ii|two)\b                                    # "as set out in the part 2 report"
    | \bpart\s*(?:2|ii|two)\s+(?:of\s+(?:this|the)\s+(?:report|decision|paper)|report|paper)\b
    | \bexempt\s+(?:report|appendix|annex)                       # "Exempt Appendix 2", "the exempt report"
    | \bopen\s+and\s+exempt\s+report
    """,
    re.VERBOSE | re.IGNORECASE,
)

DECLARATION_HEADING = re.compile(r"(?i)officer\s+declaration")  # "ORIGINATING OFFICER DECLARATION"

DECLARATION_ITEM = re.compile(
    r"""
    (?m)^[ \t]*(?P<label>[A-Z][A-Za-z/&' ]{2,40}?)    # "Financial Advice", "GDPR/Data Privacy"
    :[ \t]+\S                                         # then a colon and the statement
    """,
    re.VERBOSE,
)

TICK = re.compile(
    r"""
    ^[ \t]*(?P<tick>yes|no|n/?a|[✓✔☑✗x√]|tick(?:ed)?   # a confirmation cell on its own line
      | [üþ\uf0fc\uf0fe])[ \t]*$                          # Wingdings ticks as PDF text layers give them
    """,
    re.VERBOSE | re.IGNORECASE | re.MULTILINE,
)

TRAILING_TICK = re.compile(r"(?i)[ \t](yes|no|n/a|[✓✔☑√üþ\uf0fc\uf0fe])[ \t]*$")  # "... proposal. ✓"
WINGDINGS_TICKS = frozenset("üþ\uf0fc\uf0fe")  # Word's tick glyphs, read from a PDF's text layer

NAME_LABEL = re.compile(
    r"""
    (?im)^[ \t]*(?:print(?:ed)?[ \t]+)?name[ \t]*:[ \t]*   # "Name:", "Print name:"
    (?P<value>[^\n]*\S)                                   # the name as printed (maybe ", role")
    """,
    re.VERBOSE,
)

HEADER_WORD = re.compile(r"(?i)^(?:name|signature|signed|date(?:[ \t]+signed)?)$")  # a form table's header

# Words of a heading that can stand alone under a signature block, never of a signer's name.
_NOT_NAME_WORDS = frozenset(
    {
        "part", "decision", "report", "summary", "executive", "introduction", "background", "information",
        "recommendation", "recommendations", "financial", "legal", "equality", "equalities", "comments",
        "issues", "appendix", "annex", "officer", "declaration", "chief", "deputy", "mayor", "policing",
        "crime", "public", "access", "supporting", "papers", "signature", "date", "name", "consideration",
    }
)  # fmt: skip

_SIGNED_NOISE = re.compile(r"\((?:signed|electronically signed)\)|\[signed\]|[._…]{2,}", re.IGNORECASE)
_BLOCK_CHARS = 300  # a signature block's date sits within this many characters of its label
_ROLE_CHARS = 800  # and its role heading within this many characters before it


@dataclass(frozen=True)
class Signature:
    """The decision maker's signature block (span in the text it was read from) and form markers."""

    signer: str | None  # "Sophie Linden", when printed beside the signature
    role: str | None  # "Deputy Mayor for Policing and Crime"
    date_signed: date | None  # UK day-month order
    raw: str  # the block as printed, label to date
    start: int  # span of ``raw`` in the text; -1 when the text has markers but no signature block
    end: int
    part2: bool  # a Part 2 (exempt) report exists
    part2_text: str | None  # the sentence that says so
    declarations: tuple[tuple[str, str], ...]  # ("Financial Advice", "Yes") as printed
    confidence: float = 1.0


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _pick_label(text: str) -> re.Match[str] | None:
    anchor = APPROVAL_ANCHOR.search(text)
    labels = list(SIGNATURE_LABEL.finditer(text))
    if anchor:
        after = [m for m in labels if m.start() >= anchor.end()]
        if after:
            return after[0]
    return labels[0] if labels else None


def _signer(text: str) -> str | None:
    """A name printed in the signature cell ("Sophie Linden (signed)").

    >>> _signer(" Priya Okonjo (signed) ")
    'Priya Okonjo'
    >>> _signer(" ............ ") is None
    True
    >>> _signer(" S. Greenhalgh "), _signer("K Comer-Schwartz"), _signer("A")
    ('S. Greenhalgh', 'K Comer-Schwartz', None)
    """
    cleaned = _SIGNED_NOISE.sub(" ", text).strip(" \t:-")
    m = NAME.fullmatch(cleaned)
    return m.group("name") if m else None


def _named(value: str) -> str | None:
    """The name in a "Name:" value or a line printed under the signature, without the role after a comma.

    >>> _named("Sophie Linden, Deputy Mayor for Policing and Crime"), _named("Executive Summary")
    ('Sophie Linden', None)
    """
    name = _signer(value.split(",")[0])
    if name is None or any(w.lower() in _NOT_NAME_WORDS for w in name.split()):
        return None
    return name


def _cells(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Non-blank lines of ``text[start:end]`` with their offsets, stripped."""
    out, pos = [], start
    for raw in text[start:end].split("\n"):
        if raw.strip():
            out.append((pos + len(raw) - len(raw.lstrip()), raw.strip()))
        pos += len(raw) + 1
    return out


def _table_signer(text: str, label: re.Match[str]) -> tuple[str | None, int] | None:
    """A signature table's header row read one cell per line ("Name", "Signature", "Date", then the values
    in that order): the name under "Name" and where the values end; None when the label is no such cell.
    """
    line_start = text.rfind("\n", 0, label.start()) + 1
    if text[line_start : _line_end(text, label.start())].strip().lower() not in ("signature", "signed"):
        return None
    head: list[str] = []
    for _, cell in reversed(_cells(text, max(0, line_start - 60), line_start)):
        if not HEADER_WORD.match(cell):
            break
        head.insert(0, cell)
    after = _cells(text, line_start, min(len(text), line_start + _BLOCK_CHARS))
    k = 0
    while k < len(after) and HEADER_WORD.match(after[k][1]):
        k += 1
    header = [c.lower() for c in head] + [c.lower() for _, c in after[:k]]
    values = after[k : k + len(header)]
    if len(header) < 2 or len(values) < len(header):
        return None
    name = _named(values[header.index("name")][1]) if "name" in header else None
    last = values[-1]
    return name, last[0] + len(last[1])


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    dot = re.search(r"[.\n]", text[end:])
    right = end + dot.end() if dot else len(text)
    return " ".join(text[left:right].split())


def _part2(text: str) -> tuple[bool, str | None]:
    answer = PART2_ANSWER.search(text)
    if answer:
        return answer.group("answer").lower() == "yes", _sentence(text, answer.start(), answer.end())
    marker = PART2_MARKER.search(text)
    if marker:
        return True, _sentence(text, marker.start(), marker.end())
    return False, None


def _declarations(text: str) -> tuple[tuple[str, str], ...]:
    heading = DECLARATION_HEADING.search(text)
    if not heading:
        return ()
    stop = re.search(r"(?im)^[ \t]*(?:chief\s+executive|signature\b)", text[heading.end() :])
    section_end = heading.end() + stop.start() if stop else len(text)
    items = list(DECLARATION_ITEM.finditer(text, heading.end(), section_end))
    out: list[tuple[str, str]] = []
    for k, m in enumerate(items):
        upto = items[k + 1].start() if k + 1 < len(items) else section_end
        body = text[m.end() - 1 : upto]
        tick = TICK.search(body)
        line = text[m.start() : _line_end(text, m.start())]
        trailing = TRAILING_TICK.search(line)
        value = tick.group("tick") if tick else (trailing.group(1) if trailing else "")
        value = "✓" if value in WINGDINGS_TICKS else value
        out.append((" ".join(m.group("label").split()), value))
    return tuple(out)


def read_signature(text: str) -> Signature | None:
    """The decision maker's signature block and the form's Part 2 and declaration markers.

    None when the text has no signature label, no declarations and no Part 2 marker at all.
    """
    part2, part2_text = _part2(text)
    declarations = _declarations(text)
    label = _pick_label(text)
    if label is None:
        if not part2 and not declarations:
            return None
        return Signature(None, None, None, "", -1, -1, part2, part2_text, declarations, confidence=0.0)
    window = text[label.end() : label.end() + _BLOCK_CHARS]
    stop = SIGNATURE_LABEL.search(window)  # never read into the next signature block
    if stop:
        window = window[: stop.start()]
    dated = DATE_LABEL.search(window)
    dates = find_dates(window[dated.end() :] if dated else window)
    offset = label.end() + (dated.end() if dated else 0)
    when = dates[0] if dates else None
    line_end = label.end() + (window.find("\n") if "\n" in window else len(window))
    signer_text = text[label.end() : min(line_end, label.end() + dated.start() if dated else line_end)]
    signer = _signer(signer_text)
    end = offset + when.end if when else line_end
    table = _table_signer(text, label)
    named = NAME_LABEL.search(window)  # "Signature: S Greenhalgh" / "Name: Stephen Greenhalgh"
    if named is not None:
        signer = _named(named.group("value")) or signer
    elif table is not None:
        signer = table[0] or signer
    if signer is None and not signer_text.strip(" \t:._…"):  # "Signature:" with the name on the next line
        under = _cells(text, line_end, min(len(text), line_end + _BLOCK_CHARS))
        if under and not DATE_LABEL.match(under[0][1]) and not SIGNATURE_LABEL.match(under[0][1]):
            signer = _named(under[0][1])
    if signer is None:  # the name printed alone under the signed block
        below_at = max(end, table[1]) if table else end
        below = _cells(text, below_at, min(len(text), below_at + _BLOCK_CHARS))
        signer = _named(below[0][1]) if below and not SIGNATURE_LABEL.match(below[0][1]) else None
    before = text[max(0, label.start() - _ROLE_CHARS) : label.start()]
    roles = list(ROLE_LINE.finditer(before))
    after = ROLE_LINE.search(window)  # "Signed: <name>" then the role on the next line
    found = roles[-1] if roles else after
    role = " ".join(found.group("role").split()) if found else None
    confidence = 1.0 if when and dated else 0.8 if when else 0.5
    return Signature(
        signer=signer,
        role=role,
        date_signed=when.value if when else None,
        raw=text[label.start() : end],
        start=label.start(),
        end=end,
        part2=part2,
        part2_text=part2_text,
        declarations=declarations,
        confidence=confidence,
    )
