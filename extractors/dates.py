"""UK dates as the archive prints them: ``06 September 2019``, ``6 Sept 2019``, ``3rd April 2022``,
``3-Apr-22``, ``03/04/2022`` (3 April: day first), ``03.04.22``, ``30/11/15``, ``2022-04-03``.

:func:`parse_uk_date` reads one date string; :func:`find_dates` finds every date mention in running
text and keeps its span. Neither raises: what is not a real calendar date is ``None`` / skipped.
Two-digit years are 20xx below 70 and 19xx from 70 (the archive starts in 2012).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Month names and the abbreviations seen in UK documents ("Sept" as well as "Sep").
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip

_MONTH_NAME = r"""(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
                  |sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"""

DATE_RE = re.compile(
    rf"""
    (?<![\w/.\-])                                   # not the tail of a longer token ("1.1.2022" is fine)
    (?:
        (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?   # optional weekday: "Monday 6 ..."
        (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?               # day, maybe ordinal: "3rd"
        (?:\s+of)?(?:\s+|-)                            # "1st of April"; "3-Apr-22" on forms
        (?P<m1>{_MONTH_NAME})\.?                       # month name: "Sept", "September", "Sep."
        (?:,?\s+|-)(?P<y1>\d{{4}}|\d{{2}}(?!\d))       # year: "2019" or "19"
      |
        (?P<m2>{_MONTH_NAME})\.?\s+                    # US-style order seen in some letters: "April 3, 2022"
        (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+
        (?P<y2>\d{{4}})
      |
        (?P<d3>\d{{1,2}})                              # numeric day first: "03/04/2022", "3.4.22", "3-4-2022"
        (?P<sep>[/.\-])                                # one separator ...
        (?P<m3>\d{{1,2}})
        (?P=sep)                                       # ... used twice
        (?P<y3>\d{{4}}|\d{{2}})
      |
        (?P<y4>(?:19|20)\d{{2}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}})   # ISO: "2022-04-03"
    )
    (?![\w/]|\.\d|-\d)                              # not followed by more of a number ("03.04.2022.1")
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date found in text: its value and the exact span it was read from."""

    value: date
    text: str
    start: int
    end: int


def _year(raw: str) -> int:
    """Four-digit year from ``raw``.

    >>> _year("22"), _year("1999"), _year("85")
    (2022, 1999, 1985)
    """
    y = int(raw)
    if len(raw) == 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _from_match(m: re.Match[str]) -> date | None:
    if m.group("d1"):
        d, mo, y = int(m.group("d1")), _MONTHS[m.group("m1").lower().rstrip(".")], m.group("y1")
    elif m.group("d2"):
        d, mo, y = int(m.group("d2")), _MONTHS[m.group("m2").lower().rstrip(".")], m.group("y2")
    elif m.group("d3"):
        d, mo, y = int(m.group("d3")), int(m.group("m3")), m.group("y3")
    else:
        d, mo, y = int(m.group("d4")), int(m.group("m4")), m.group("y4")
    try:
        return date(_year(y), mo, d)
    except ValueError:
        return None


def parse_uk_date(text: str) -> date | None:
    """The date ``text`` holds (day first), or None if it holds no single valid date.

    >>> parse_uk_date("06 September 2019")
    datetime.date(2019, 9, 6)
    >>> parse_uk_date("3rd April 2022"), parse_uk_date("03/04/2022")
    (datetime.date(2022, 4, 3), datetime.date(2022, 4, 3))
    >>> parse_uk_date("31/02/2022") is None
    True
    """
    stripped = text.strip().rstrip(".,;")
    m = DATE_RE.fullmatch(stripped)
    if m is None:
        return None
    return _from_match(m)


def find_dates(text: str) -> list[DateMention]:
    """Every valid date mentioned in ``text``, in order, with spans.

    >>> [(d.value.isoformat(), d.text) for d in find_dates("From 1st October 2021 to 31/03/22.")]
    [('2021-10-01', '1st October 2021'), ('2022-03-31', '31/03/22')]
    >>> find_dates("the 2021/22 budget, section 1.2.")
    []
    """
    found: list[DateMention] = []
    for m in DATE_RE.finditer(text):
        value = _from_match(m)
        if value is not None:
            found.append(DateMention(value, m.group(0), m.start(), m.end()))
    return found
