"""Decision reference codes: recognise and normalise ``PCD 1240``, ``PCD697``, ``PCD-198``,
``DMPCD 2016/123``, ``CEOD 24-2023``, ``MD2345``, ``DD1234``.

Canonical form: the type letters, one space, then the number(s) with leading zeros dropped. Codes
whose number carries a year keep both parts: DMPCD as ``DMPCD 2016 123`` (the archive's own
"Reference code:" form), CEOD as ``CEOD 24-2023`` (number-year, as CEOD decisions are cited).
"""

from __future__ import annotations

import re

# Types of decision code seen in the archive and in what it cites.
DECISION_TYPES = ("DMPCD", "PCD", "CEOD", "MD", "DD", "ADD")

CODE_RE = re.compile(
    r"""
    (?<![A-Za-z0-9])                      # not inside a longer word or number
    (?P<type>(?P<yeartype>DMPCD|CEOD)     # types whose code carries a year ("DMPCD 2016 36", "CEOD 24-2023")
      |PCD|MD|DD|ADD)                     # plain-numbered types
    [^\S\n]{0,2}(?:(?i:no)\.?[^\S\n]?|[-–][^\S\n]?)?  # optional space(s), "No." or "-" ("PCD-198"),
                                          # never across a line end
    (?P<first>\d{1,4})                    # number, or the year of a DMPCD code
    (?(yeartype)                          # only year-carrying types take a second number
      (?:
          [^\S\n]{0,2}[-/–][^\S\n]{0,2}(?P<second>\d{1,4})        # "2016/123", "24-2023", "35 - 2024"
        | [^\S\n](?P<spaced>\d{1,4})                               # "DMPCD 2015 132" ...
          (?!\d|[^\S\n]?(?:[-/.,:]\d|%)                           # ... never a date or a figure
             |[^\S\n]+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|months?\b|years?\b
                           |weeks?\b|days?\b))
      )?
    )
    (?![0-9])                             # not cut out of a longer number
    """,
    re.VERBOSE,
)


def normalise_code(raw: str) -> str | None:
    """Canonical code for ``raw``, or None if it is not a decision code.

    >>> normalise_code("PCD697"), normalise_code("PCD-198")
    ('PCD 697', 'PCD 198')
    >>> normalise_code("DMPCD 2016/036")
    'DMPCD 2016 36'
    >>> normalise_code("CEOD 35 - 2024")
    'CEOD 35-2024'
    >>> normalise_code("MOPAC 937-01") is None
    True
    """
    m = CODE_RE.search(raw.upper())
    if not m:
        return None
    return _canonical(m)


def code_from_match(m: re.Match[str]) -> str:
    """Canonical code for a :data:`CODE_RE` match (so callers keep the match's span).

    >>> code_from_match(CODE_RE.search("see DMPCD 2013/096 and"))
    'DMPCD 2013 96'
    """
    return _canonical(m)


def _canonical(m: re.Match[str]) -> str:
    kind = m.group("type").upper()
    first = str(int(m.group("first")))
    second = m.group("second") or m.group("spaced")  # only DMPCD and CEOD ever carry one
    if kind == "DMPCD" and second is not None:
        return f"DMPCD {first} {int(second)}"
    if kind == "CEOD" and second is not None:
        return f"CEOD {first}-{int(second)}"
    return f"{kind} {first}"


def decision_id(code: str) -> str:
    """Stable dataset key for a canonical code.

    >>> decision_id("PCD 1240")
    'pcd-1240'
    >>> decision_id("DMPCD 2016 36")
    'dmpcd-2016-36'
    """
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")
