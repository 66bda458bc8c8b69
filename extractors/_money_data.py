"""Reference data for :mod:`extractors.money`: currencies, scale words, cue words and limits.

Where it came from: the written forms of money listed in /work/shared/corpus/FORMAT.md (gathered
from ~140 real archive pages), the amount rules of ANNOTATION.md, and ordinary UK public-sector
finance usage (``£000`` budget tables, ``p.a.``, "exclusive of VAT"). Nothing here is copied from a
page; the lists are the words a reader of those rules would look for.
"""

from __future__ import annotations

from decimal import Decimal

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
    }
)
