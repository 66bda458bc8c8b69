"""Reference data for :mod:`extractors.money`: currencies, scale words, cue words and limits.

Where it came from: the written forms of money listed in /work/shared/corpus/FORMAT.md (gathered
from ~140 real archive pages), the amount rules of ANNOTATION.md, and ordinary UK public-sector
finance usage (``£000`` budget tables, ``p.a.``, "exclusive of VAT"). Nothing here is copied from a
page; the lists are the words a reader of those rules would look for.
"""

from __future__ import annotations

import re
from decimal import Decimal

DASH = r"[-\u2010-\u2015\u2212]"  # hyphen, non-breaking hyphen, figure/en/em dash, minus sign

# Currency marks as printed -> ISO code. "Â£" (UTF-8 £ read as Latin-1) is handled by matching the
# "£" inside it; "&pound;"/"&euro;" cover text whose entities were never decoded.
CURRENCY_CODES: dict[str, str] = {
    "£": "GBP",
    "￡": "GBP",  # fullwidth pound sign (U+FFE1)
    "&pound;": "GBP",
    "&#163;": "GBP",
    "&#xa3;": "GBP",
    "gbp": "GBP",
    "€": "EUR",
    "&euro;": "EUR",
    "&#8364;": "EUR",
    "&#x20ac;": "EUR",
    "eur": "EUR",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
}

# Scale suffixes and words (lower-cased) -> multiplier in currency units.
THOUSAND = Decimal(1000)
MILLION = Decimal(1_000_000)
BILLION = Decimal(1_000_000_000)
SCALES: dict[str, Decimal] = {
    "k": THOUSAND,
    "thousand": THOUSAND,
    "000": THOUSAND,  # a "£000" / "£'000" table heading
    "m": MILLION,
    "mn": MILLION,
    "million": MILLION,
    "millions": MILLION,
    "b": BILLION,
    "bn": BILLION,
    "billion": BILLION,
    "billions": BILLION,
}

# "£15,158m" read literally is £15.158bn. No single decision of a police and crime office commits more
# than its whole annual budget (MOPAC/MPS gross revenue budget ~£4.5bn in 2023/24), so a page printing
# a "N,NNNm" figure above this ceiling is taken to use the comma as a decimal point.
PLAUSIBLE_MAX_GBP = Decimal(5_000_000_000)

# A reading at or above this (a thousand trillion) is a digit run after a currency mark, not money; it
# would also not fit the dataset's decimal128(18, 2) money columns.
MAX_ABS_VALUE = Decimal(10) ** 15

# Words for a number of years in "over three years" / "a five-year period".
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

# Confidence given to values read under each doubt (the reason is recorded beside it).
CONFIDENCE: dict[str, float] = {
    "ambiguous_decimal_comma": 0.6,  # "£1,149m": 1.149bn or 1.149m; chosen from page evidence
    "decimal_comma": 0.9,  # "£1,5m": a comma with one or two digits after can only be a decimal point
    "irregular_grouping": 0.8,  # "£1000,000": digits grouped oddly, read literally
    "range_scale_inherited": 0.9,  # "£10-20k": the first end takes the second's scale
    "table_scale_inferred": 0.9,  # a cell whose row follows a £000 heading across a gap
}

# Section headings of decision pages: a line that is one of these (or one of these then " -", ":" or "/")
# ends a £000 table.
SECTION_HEADINGS: tuple[str, ...] = (
    "part i",
    "part 1",
    "part 2",
    "part ii",
    "introduction",
    "background",
    "issues for consideration",
    "financial comments",
    "legal comments",
    "equality comments",
    "equalities comments",
    "privacy comments",
    "gdpr",
    "real estate implications",
    "environmental implications",
    "risks",
    "commercial issues",
    "public health",
    "conclusion",
    "recommendation",
    "recommendations",
    "executive summary",
    "signed decision",
    "appendix",
    "annex",
    "annexe",
    "declaration",
)

# Column headings whose numbers are not money even inside a £000 table.
NON_MONEY_COLUMNS: tuple[str, ...] = (
    "%",
    "fte",
    "no.",
    "no",
    "number",
    "count",
    "posts",
    "headcount",
    "officers",
    "staff numbers",
    "year",
    "date",
    "ref",
    "reference",
    "qty",
    "quantity",
    "units",
    "volume",
)

# A word that takes the number after it as part of a label ("Phase 2", "Year 1: 250", "Tranche 3"):
# inside a £000 table such a number names the row and is not a cell.
LABEL_NUMBER_WORDS: frozenset[str] = frozenset(
    {
        "phase",
        "paragraph",
        "para",
        "section",
        "year",
        "yr",
        "option",
        "stage",
        "tranche",
        "lot",
        "step",
        "appendix",
        "annex",
        "table",
        "page",
        "item",
        "figure",
        "wave",
        "cohort",
        "quarter",
        "tier",
        "level",
        "band",
        "grade",
        "schedule",
        "part",
        "round",
        "release",
        "version",
        "priority",
        "pillar",
        "workstream",
        "no",
        "no.",
        "number",
        "month",
        "week",
        "of",  # "Page 3 of 4"
    }
)


# --- Cue words read around an amount (see extractors.money for how each is used) ----------------

# "rose from £5m to £8m" is a change between two sums, not a range.
CHANGE_RE = re.compile(
    r"""\b(?:increas|decreas|reduc|ris(?:e|es|ing)\b|rose\b|f[ae]ll|gr[eo]w|uplift|chang|var(?:y|ied|ies)
        |amend|revis|mov(?:e|ed|ing)\b|cut|went|up\b|down\b)""",
    re.VERBOSE | re.IGNORECASE,
)

# Financial years: "2021/22", "2021-22", "23/24", "FY21/22", "2024-2025", "Q4 2021/22".
FY_RE = re.compile(
    r"""
    (?<![\d/.])                          # not the tail of a date or code
    (?:(?P<q>Q[1-4])\s)?                 # quarter before the year
    (?:FY\s?)?                           # "FY21/22"
    (?P<y1>(?:19|20)\d{2}|\d{2})         # first year, full or short
    \s?[/\-–]\s?                         # separator
    (?P<y2>(?:19|20)\d{2}|\d{2})         # second year
    (?![\d/])                            # not a date "30/11/15"
    """,
    re.VERBOSE,
)

FY_SPAN_RE = re.compile(rf"\s*(?:to|{DASH})\s*", re.IGNORECASE)  # between the two ends of a span of years
# Words before "16-17" that make it a range of ages, pages or paragraphs rather than a financial year.
NOT_FY_BEFORE_RE = re.compile(
    r"\b(?:aged?|ages|pages?|pp?\.|paras?\.?|paragraphs?|sections?|items?|rows?|clauses?|lines?|nos?\.)\s*$",
    re.IGNORECASE,
)

# What the words before an amount say about it (matched against the clause before it).
CAP_RE = re.compile(
    r"""\b(?:up\s?to|upto|maximum|max\.?|not\s+(?:to\s+)?exceed(?:ing)?|no\s+more\s+than  # caps
        |capped\s+at|ceiling\s+of|limit\s+of|cap\s+of|at\s+most|a\s+total\s+not\s+exceeding
        )(?!\w)""",
    re.VERBOSE | re.IGNORECASE,
)
ESTIMATE_RE = re.compile(
    r"""(?P<near>\bcirca|\bc\.|\bca\.|\bapprox(?:imately|\.)?|\baround|\babout|\broughly|\bsome  # next to it
            |\bjust\s+(?:under|over)|\bnearly|\balmost|\bin\s+the\s+region\s+of|~)(?!\w)
      | (?P<far>\bestimated?|\best\.|\bforecast|\bprojected|\bindicative)(?!\w)  # "estimated cost of"
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Between a qualifier cue and its amount: a few words, no digits ("up to a total of £5m"); "up to 10
# forces at £5m each" does not make the £5m a cap, nor "about the programme, £5m" an estimate.
CUE_GAP_RE = re.compile(r"[^\d£€$]{0,40}")
NEAR_GAP_RE = re.compile(r"\W{0,3}(?:(?:a\s+)?(?:total\s+)?of\s+)?")
# "a further £250,000", "an additional £1m": a new sum, never a restatement of an earlier one.
NEW_SUM_RE = re.compile(r"\b(?:further|additional|another|extra|new|second|third)\s*$", re.IGNORECASE)
THRESHOLD_BEFORE_RE = re.compile(
    r"""(?<!just\s)\b(?:above|over|under|below|exceed(?:s|ing)?|in\s+excess\s+of|less\s+than  # limits
        |more\s+than|greater\s+than|at\s+least|minimum\s+of)\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
THRESHOLD_AFTER_RE = re.compile(
    r"^\s*(?:or|and)\s+(?:above|over|more|greater|higher|less|below|under)\b", re.I
)
THRESHOLD_WORD_RE = re.compile(r"\bthresholds?\b", re.IGNORECASE)
PREVIOUS_RE = re.compile(
    r"""\b(?:previously|already|originally)\s+(?:been\s+)?(?:approved|agreed)   # "previously approved"
        |\b(?:was|were|been|being)\s+approved\b                                  # "was approved in June"
        |\bapproved\s+(?:in|on|under|by|via|through|at)\b                        # "approved under PCD 988"
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A past approval that names its decision: "PCD 988 approved £13m", "agreed £2m (DMPCD 2016/12)".
CITED_APPROVAL_RE = re.compile(r"\b(?:approved|agreed)\b", re.IGNORECASE)
DECISION_CODE_RE = re.compile(r"\b(?:PCD|DMPCD|MD|DD|CEOD|ADD)\s?\d")
HEADLINE_RE = re.compile(
    r"""\bseek(?:s|ing)?\b[^.]{0,60}?\bapproval\b | \bapproval\s+is\s+sought\b      # "seeks approval"
        |\b(?:recommended|asked|requested|invited)\s+to\s+(?:approve|agree|accept)\b   # the ask itself
    """,
    re.VERBOSE | re.IGNORECASE,
)
VAT_RE = re.compile(
    r"""^[\s(,\[-]*(?:
        (?P<exclusive>ex(?:c(?:l(?:usive|uding)?)?)?\.?[\s-]+(?:of\s+)?(?:irrecoverable\s+)?VAT  # "excl. VAT"
            |plus\s+VAT|\+\s?VAT|VAT[\s-]+exclusive|before\s+VAT)
      | (?P<inclusive>inc(?:l(?:usive|uding)?)?\.?[\s-]+(?:of\s+)?(?:irrecoverable\s+)?VAT        # "inc. VAT"
            |VAT[\s-]+inclusive|with\s+VAT)
      | (?P<net>net\s+(?:of\s+)?VAT)
    )(?!\w)""",
    re.VERBOSE | re.IGNORECASE,
)
PERIOD_RE = re.compile(
    r"""^[\s(,]*(?:\([^)]*\)\s*)?(?:                                # "(excl. VAT) per annum"
        (?P<annum>(?:per|/|a|each)\s*(?:annum|year|yr|financial\s+year)\b|p\.\s?a\.?|pa\b|annually|yearly)
      | (?P<month>(?:per|/|a|each)\s*(?:calendar\s+)?month\b|monthly|pcm\b)
      | (?P<quarter>(?:per|/|a|each)\s*quarter\b|quarterly)
      | (?P<week>(?:per|/|a|each)\s*week\b|weekly)
      | (?P<day>(?:per|/|a|each)\s*day\b|daily)
      | (?:over|for|across)\s+(?:the\s+|a\s+|an\s+)?(?:next\s+|following\s+|initial\s+)?
        (?P<years>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)
        [\s-]+(?:financial\s+)?years?\b                       # "over three years", "for a 3-year period"
    )""",
    re.VERBOSE | re.IGNORECASE,
)
ANNUAL_BEFORE_RE = re.compile(r"\bannual(?:ly)?\b|\byearly\b", re.IGNORECASE)

# Where one clause ends: a full stop/question mark before a space, a blank line, or a list marker.
CLAUSE_BREAK_RE = re.compile(
    r"""[.!?;](?=\s)                                            # end of a sentence or item
        (?<!\bc\.)(?<!\bca\.)(?<!\bapprox\.)(?<!\bmax\.)(?<!\bmin\.)(?<!\best\.)  # but not "approx."
        (?<!\binc\.)(?<!\bincl\.)(?<!\bexc\.)(?<!\bexcl\.)(?<!\bex\.)(?<!\be\.g\.)(?<!\bi\.e\.)
        (?<!\bno\.)(?<!\bpara\.)(?<!\bp\.a\.)
      | \n[^\S\n]*\n                                            # a blank line
      | \n[^\S\n]*(?:\d+(?:\.\d+)*[.)]|[a-z]\)|[-•*·])[^\S\n]   # a new numbered or bulleted line
    """,
    re.VERBOSE,
)

# The recommendation list: a lead-in ending with ":" then items, up to the next section heading.
REC_LEAD_RE = re.compile(
    r"""^[^\n]*\b(?:recommended|asked|requested|invited|Deputy\s+Mayor|DMPC)\b[^\n]{0,120}:[^\S\n]*$
      | ^[^\S\n]*Recommendations?:?[^\S\n]*$""",
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)
REC_END_RE = re.compile(
    r"""^[^\S\n]*(?:\d+\.?[^\S\n]+)?(?:PART\s+(?:I|1|2|II)\b|Non-confidential\b|Introduction\b
        |Background\b|Issues\s+for\s+consideration\b|Financial\s+Comments\b|Executive\s+summary\b)""",
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)
