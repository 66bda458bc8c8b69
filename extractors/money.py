"""Money amounts in a decision's reading text: ``find_amounts(text) -> list[Amount]``.

Forms read (all from the archive, see /work/shared/corpus/FORMAT.md): ``£5,000,000``, ``£5m``,
``£0.6m``, ``£11M``, ``£900k``, ``c£350K``, ``£36,210.00``, ``£ 95,000`` (any Unicode space but a line
break after the mark), ``£170 000``, ``£1000,000``, ``£20million``, ``£2.5 mn``, ``£1.2bn``,
``-£1,000``, ``£(450)``, ``£(0.4)m``, ``GBP 5,000``, ``€5m``/``EUR``, ``$2m``/``US$``/``USD``, undecoded
``&pound;``/``&#163;``/``&euro;`` and the fullwidth ``￡``; ranges ``£10k–£20k`` (any dash),
``between £5m and £8m`` and ``£10-20k`` (two amounts linked by ``range_with``, sharing period, VAT
and qualifier; a scale-less first end takes the second's scale when that keeps the range ascending;
"rose from £5m to £8m" is a change, not a range). ``upto £5,000,000`` gives the span
``£5,000,000`` with qualifier "cap"; ``c£50m`` gives ``£50m`` with qualifier "estimate". A qualifier
word counts only near its amount with no number between ("up to 10 forces at £5m" is exact).
Mojibake ``Â£`` is read as ``£`` and the span starts at the ``£`` (the ``Â`` is a decoding artefact,
not part of the amount as printed).

Doubtful readings keep a ``confidence`` below 1 and a ``reason``:

- ``£15,158m`` (``ambiguous_decimal_comma``): UK finance writing uses ``£1,149m`` for £1.149bn, so
  that is the default; but when the page shows it uses the comma as a decimal point — one such figure
  read literally exceeds :data:`PLAUSIBLE_MAX_GBP`, or the comma-as-point readings add up to
  another amount on the page — every such figure on the page is read as millions with a point.
- ``£1,5m`` (``decimal_comma``), ``£1000,000`` (``irregular_grouping``, read literally).

Tables: a line holding a unit heading (``£000``, ``£'000``, ``£k``, ``£ thousands``, ``£m``, plain ``(£)``)
in brackets, at the line's end, as a cell, or before a colon opens a table region ("saving £millions a year"
is prose). In it, a line that is only a number (``365``, ``(450)``, ``+6.4``; a footnote mark ``365*`` stays
outside the span), the numeric cells of a ``|``/tab/wide-space separated row, and the trailing numbers of a
short label line are amounts (``table=True``, value × the scale of its column's heading if it has one, "Unit
cost (£)", else the table's). Not amounts: years (``2021/22``), percentages, numbers inside labels (``10
additional forces``, ``Year 1: 250``), paragraph numbers and columns headed ``%``, ``FTE``, ``No.`` and the
like (a dash or percentage cell keeps its column). A header row of years sets each column's financial year
(aligned from the right). The region ends at prose, a numbered paragraph, a section heading, six text lines
without a number or, after its numbers, at a caption (``Table 2``), a lead-in ending ":" or a header row
without a unit; rows of the same shape just after one paragraph still belong to it. ``£12,500`` in a cell is
a plain amount.

Roles, first rule that applies:

- table cells: ``total`` on a row labelled "Total"/"Sub-total", else ``budget_line``;
- ``threshold``: "or above/or more" after the amount, "above/under/less than/in excess of" just
  before it, or a sentence about a threshold;
- ``previous_approval``: the clause around the amount says it was (previously) approved, approved
  in/on/under/by, or names a decision code beside "approved"/"agreed" ("PCD 988 approved £13m");
- ``headline``: inside the recommendation list (after "... is recommended/asked to ...:") or in a
  sentence that seeks approval ("seeks approval", "approval is sought", "asked to approve");
- ``component`` otherwise.

``duplicate_of`` points a later non-table amount at the first earlier one with the same currency and
value, when their financial year, period and VAT basis do not differ and their roles agree (a
component agrees with any role; thresholds and previous approvals are never restatements of this
decision's headline): "£1.183m" in the summary and "£1,183,000" in the recommendation are one sum.
Table cells, range ends and "a further/an additional £X" are never duplicates.

Values are exact ``Decimal`` pounds (or euros, dollars); a reading of 10**15 or more is a digit run,
not money, and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from extractors._money_data import (
    ANNUAL_BEFORE_RE,
    CAP_RE,
    CHANGE_RE,
    CITED_APPROVAL_RE,
    CLAUSE_BREAK_RE,
    CONFIDENCE,
    CUE_GAP_RE,
    CURRENCY_CODES,
    DASH,
    DECISION_CODE_RE,
    ESTIMATE_RE,
    FY_RE,
    FY_SPAN_RE,
    HEADLINE_RE,
    MAX_ABS_VALUE,
    MILLION,
    NEAR_GAP_RE,
    NEW_SUM_RE,
    NOT_FY_BEFORE_RE,
    NUMBER_WORDS,
    PERIOD_RE,
    PLAUSIBLE_MAX_GBP,
    PREVIOUS_RE,
    REC_END_RE,
    REC_LEAD_RE,
    SCALES,
    THOUSAND,
    THRESHOLD_AFTER_RE,
    THRESHOLD_BEFORE_RE,
    THRESHOLD_WORD_RE,
    VAT_RE,
)
from extractors._money_tables import TableCell, table_amounts

__all__ = ["Amount", "find_amounts"]


@dataclass(frozen=True)
class Amount:
    """One money amount: the span as printed, its exact value, and what the text says about it."""

    text: str  # exact span as printed, e.g. "£1.183m", "£ 95,000", "-450" (a table cell)
    value: Decimal  # in currency units, scale applied, signed; exact
    currency: str  # "GBP" | "EUR" | "USD"
    start: int  # input[start:end] == text
    end: int
    table: bool = False  # a cell of a £000/£k table or list
    scale: Decimal = Decimal(1)  # multiplier applied: 1, 1000, 1000000, 10**9
    qualifier: str = "exact"  # "exact" | "cap" | "estimate"
    vat: str | None = None  # "exclusive" | "inclusive" | "net" | None
    period: str | None = None  # "per annum", "per month", "over 3 years", ...
    financial_year: str | None = None  # canonical "2021/22"
    quarter: str | None = None  # "Q4"
    range_with: int | None = None  # index of the range's other end in the returned list
    role: str = "component"  # headline | component | previous_approval | budget_line | threshold | total
    duplicate_of: int | None = None  # index of the earlier amount restating the same sum
    confidence: float = 1.0
    reason: str | None = None  # why confidence < 1


_SP = r"[^\S\r\n]"  # one space of any kind (NBSP, thin space ...) but never a line break
_PREC = 60  # decimal digits of working precision: every value read is exact (see MAX_ABS_VALUE)

# A scale after a number: words and "m"/"k" may follow a space, a bare "b" must touch the digits.
_SCALE = rf"""
    (?P<scale>
        {_SP}?(?i:billions?|millions?|thousand|bn|mn)(?![A-Za-z0-9])   # "£20million", "£2.5 mn"
      | {_SP}*\r?\n{_SP}*(?i:billions?|millions?)(?![A-Za-z0-9])       # "£2.4" wrapped before "million"
      | {_SP}?[mMkK](?![A-Za-z0-9])                                    # "£5m", "£11M", "£900 k"
      | [bB](?![A-Za-z0-9])                                            # "£1.2b"
    )?
"""

_AMOUNT_RE = re.compile(
    rf"""
    (?=[cC\-−£￡€&$UGE])                           # fail fast where no amount can start
    (?P<circa>(?<![A-Za-z])[cC]\.?{_SP}?)?        # "c£350K", "c. £5m": circa written onto the amount
    (?P<minus>(?<![\w£€$.)%\]-])[-−])?            # "-£1,000": a minus not joined to a word before it
    (?P<cur>
        £ | ￡ | € | &pound; | &euro;              # symbols ("Â£" matches at its "£")
      | &\#163; | &\#[xX][aA]3; | &\#8364; | &\#[xX]20[aA][cC];  # numeric entities never decoded
      | US\$ | (?<![A-Za-z])\$                    # "$2m", "US$2m"; not "A$"
      | (?<![A-Za-z])(?:GBP|EUR|USD)(?![A-Za-z])  # ISO codes before the number
    )
    {_SP}{{0,2}}                                  # "£ 95,000"
    (?P<open>\()?                                 # "£(450)": bracketed negative
    (?P<neg>[-−])?                                # "£-450"
    (?P<int>
        \d{{1,3}}(?:,\d{{3}})+(?!\d)                         # "5,000,000"
      | \d{{1,3}}(?:[\u00a0\u2007\u2009\u202f\x20]\d{{3}})+(?![\d,])  # "170 000"
      | \d+(?:,\d{{3}})+(?!\d)                               # "1000,000", grouped oddly
      | \d+                                                  # "5000"
    )
    (?P<frac>
        \.\d+                                                # "£36,210.00", "£1.183m"
      | ,\d{{1,2}}(?={_SP}?(?i:mn|m|bn|k|million|billion)(?![A-Za-z]))  # "£1,5m": comma as point
    )?
    (?P<close>(?(open)\)(?=[^\S\r\n]?[mMkKbB])))?     # "£(0.4)m": the bracket closes before the scale
    {_SCALE}
    (?(open)(?(close)|\)))                        # else the bracket must close after it
    """,
    re.VERBOSE,
)

# The second end of a range written without its own mark: "£10-20k", "£3m to 4m", "£1,000–2,000".
_RANGE_TAIL_RE = re.compile(
    rf"""
    (?:{_SP}?{DASH}{_SP}?|{_SP}to{_SP})          # dash or "to"
    (?P<int>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d,]\d)  # the number
    (?P<frac>\.\d+)?                              # decimals
    {_SCALE}
    (?![\d£€$])                                   # not cut from a longer number
    """,
    re.VERBOSE,
)

# "between £79.9m and £102.7m", "£10k–£20k", "£5m to £10m": what joins two ends of a range.
_RANGE_JOIN_RE = re.compile(rf"\s*(?:{DASH}|to|and)\s*", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)
_REC_MAX_CHARS = 3000  # a recommendation list longer than this has lost its closing heading

_WINDOW = 60  # characters of context read before/after an amount for cue words
_SENTENCE_WINDOW = 400  # characters searched for the sentence around an amount


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text``, in reading order, repeats included.

    >>> [(a.text, str(a.value)) for a in find_amounts("A grant of £1.183m, then upto £5,000,000.")]
    [('£1.183m', '1183000'), ('£5,000,000', '5000000')]
    >>> [a.qualifier for a in find_amounts("capped at c£350K")]
    ['estimate']
    """
    found = _inline_amounts(text)
    taken = [(a.start, a.end) for a in found]
    found += [_from_cell(c) for c in table_amounts(text) if not _overlaps(c.start, c.end, taken)]
    found.sort(key=lambda a: a.start)
    return _link(text, [replace(a, value=tidy(a.value)) for a in found])


def _inline_amounts(text: str) -> list[Amount]:
    """Amounts written with a currency mark or code, with their qualifiers read from the context."""
    raw: list[Amount] = []
    for m in _AMOUNT_RE.finditer(text):
        first = _from_match(m)
        if first is None:
            continue
        tail = _RANGE_TAIL_RE.match(text, m.end())
        second = _range_tail(tail, first) if tail else None
        if second is not None and first.scale == 1 and second.scale != 1:
            with localcontext(prec=_PREC):
                inherited = first.value * second.scale
            if inherited <= second.value and first.reason is None:
                reason = "range_scale_inherited"
                first = replace(
                    first, value=inherited, scale=second.scale, confidence=CONFIDENCE[reason], reason=reason
                )
        raw.append(first)
        if second is not None:
            raw.append(second)
    raw = _resolve_decimal_commas(raw)
    recs = _recommendation_regions(text)
    out: list[Amount] = []
    for i, a in enumerate(raw):
        lo = raw[i - 1].end if i else 0
        hi = raw[i + 1].start if i + 1 < len(raw) else len(text)
        out.append(_annotate(text, a, lo, hi, recs))
    return out


def _from_match(m: re.Match[str]) -> Amount | None:
    """The amount a match of :data:`_AMOUNT_RE` stands for; None for a "£000" heading mark."""
    digits, frac, scale_word = m["int"], m["frac"] or "", (m["scale"] or "").strip().lower()
    if not frac and not scale_word and re.fullmatch(r"0{3}", digits):
        return None  # "£000" is a table's unit, not nil
    scale = SCALES.get(scale_word, Decimal(1))
    reason: str | None = None
    if frac.startswith(","):
        frac, reason = "." + frac[1:], "decimal_comma"
    elif re.fullmatch(r"\d{4,}(?:,\d{3})+", digits):
        reason = "irregular_grouping"
    elif "," in digits and scale >= MILLION:
        reason = "ambiguous_decimal_comma"
    with localcontext(prec=_PREC):
        number = Decimal(re.sub(r"[^\d]", "", digits) + frac)
        value = (-number if m["minus"] or m["open"] or m["neg"] else number) * scale
    if abs(value) >= MAX_ABS_VALUE:
        return None  # a run of digits after a mark, not money
    value = value or Decimal(0)  # "-£0" is nil, not negative zero
    start = m.start("minus") if m["minus"] else m.start("cur")  # "c" of "c£350K" stays outside
    cur_key = m["cur"].lower()
    return Amount(
        text=m.string[start : m.end()],
        value=value,
        currency=CURRENCY_CODES.get(cur_key, "GBP"),
        start=start,
        end=m.end(),
        scale=scale,
        qualifier="estimate" if m["circa"] else "exact",
        confidence=CONFIDENCE[reason] if reason else 1.0,
        reason=reason,
    )


def _from_cell(cell: TableCell) -> Amount:
    return Amount(
        text=cell.text,
        value=cell.value,
        currency="GBP",
        start=cell.start,
        end=cell.end,
        table=True,
        scale=cell.scale,
        financial_year=cell.financial_year,
        role="total" if cell.total else "budget_line",
    )


def _range_tail(tail: re.Match[str], first: Amount) -> Amount | None:
    """The far end of "£10-20k" as an amount, or None when the tail is not one."""
    scale_word = (tail["scale"] or "").strip().lower()
    number = Decimal(tail["int"].replace(",", "") + (tail["frac"] or ""))
    if not scale_word and ("," not in tail["int"] or number <= first.value):
        return None  # "£1,000-2,000" only: a scale-less tail is grouped like money and larger
    scale = SCALES.get(scale_word, Decimal(1))
    with localcontext(prec=_PREC):
        value = number * scale
    if value >= MAX_ABS_VALUE:
        return None
    return Amount(
        text=tail.string[tail.start("int") : tail.end()],
        value=value,
        currency=first.currency,
        start=tail.start("int"),
        end=tail.end(),
        scale=scale,
    )


def _resolve_decimal_commas(found: list[Amount]) -> list[Amount]:
    """Read a page's "£1,149m" figures with a decimal comma when the page shows that is its usage."""
    doubtful = [a for a in found if a.reason == "ambiguous_decimal_comma"]
    if not doubtful:
        return found
    as_point = {id(a): a.value / THOUSAND for a in doubtful}
    others = {a.value for a in found if a.reason != "ambiguous_decimal_comma"}
    implausible = any(a.value > PLAUSIBLE_MAX_GBP for a in doubtful)
    adds_up = sum(as_point.values()) in others or any(v in others for v in as_point.values())
    if not (implausible or adds_up):
        return found
    return [replace(a, value=as_point[id(a)]) if id(a) in as_point else a for a in found]


def _annotate(text: str, a: Amount, lo: int, hi: int, recs: list[tuple[int, int]]) -> Amount:
    """Qualifier, VAT, period, financial year and role of an inline amount from the clause around it.

    ``lo``/``hi`` bound the context: the neighbouring amounts' ends, so one amount's cue words are
    not read as another's.
    """
    s_lo, s_hi = _sentence(text, a.start, a.end)
    before = text[max(lo, s_lo, a.start - _WINDOW) : a.start]
    after = text[a.end : min(hi, s_hi, a.end + _WINDOW)]
    raw_after = text[a.end : min(hi, a.end + _WINDOW)]  # "p.a." and "(excl. VAT)" cross full stops
    qualifier = a.qualifier
    if qualifier == "exact":
        cap = [m.end() for m in CAP_RE.finditer(before) if CUE_GAP_RE.fullmatch(before, m.end())]
        est = [
            m.end()
            for m in ESTIMATE_RE.finditer(before)
            if (NEAR_GAP_RE if m["near"] else CUE_GAP_RE).fullmatch(before, m.end())
        ]
        if cap or est:
            qualifier = "cap" if max(cap, default=-1) > max(est, default=-1) else "estimate"
    vat_m = VAT_RE.match(raw_after)
    vat = next((k for k, v in vat_m.groupdict().items() if v), None) if vat_m else None
    fy, quarter = _financial_year(after) or _financial_year(before, last=True) or (None, None)
    clause = text[max(lo, s_lo) : min(hi, s_hi)]
    sentence = text[s_lo:s_hi]
    limit = THRESHOLD_AFTER_RE.match(after) or THRESHOLD_BEFORE_RE.search(before)
    asked = any(r0 <= a.start < r1 for r0, r1 in recs) or HEADLINE_RE.search(sentence)
    cited = CITED_APPROVAL_RE.search(clause) and DECISION_CODE_RE.search(clause)  # "PCD 988 agreed £13m"
    if limit or THRESHOLD_WORD_RE.search(sentence):
        role = "threshold"
    elif PREVIOUS_RE.search(clause) or (cited and not asked):
        role = "previous_approval"
    elif asked:
        role = "headline"
    else:
        role = "component"
    return replace(
        a,
        qualifier=qualifier,
        vat=vat,
        period=_period(raw_after, before),
        financial_year=fy,
        quarter=quarter,
        role=role,
    )


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause holding ``text[start:end]`` (at most :data:`_SENTENCE_WINDOW` each way)."""
    lo = max(0, start - _SENTENCE_WINDOW)
    s_lo = lo
    for m in CLAUSE_BREAK_RE.finditer(text, lo, start):
        s_lo = m.end()
    nxt = CLAUSE_BREAK_RE.search(text, end, min(len(text), end + _SENTENCE_WINDOW))
    return s_lo, (nxt.start() if nxt else min(len(text), end + _SENTENCE_WINDOW))


def financial_year(raw: str) -> str | None:
    """Canonical financial year of ``raw``, or None.

    >>> financial_year("FY21/22"), financial_year("2024-2025"), financial_year("2021/23")
    ('2021/22', '2024/25', None)
    """
    found = _financial_year(raw)
    return found[0] if found else None


def _financial_year(raw: str, *, last: bool = False) -> tuple[str, str | None] | None:
    """The first (or last) financial year in ``raw`` and its quarter, checking the years follow."""
    hits: list[tuple[str, str | None]] = []
    previous_end = -1
    for m in FY_RE.finditer(raw):
        y1 = int(m["y1"]) + (2000 if len(m["y1"]) == 2 else 0)
        if int(m["y2"]) % 100 != (y1 + 1) % 100 or (len(m["y2"]) == 4 and int(m["y2"]) != y1 + 1):
            continue
        if NOT_FY_BEFORE_RE.search(raw, 0, m.start()):
            continue  # "aged 16-17", "paragraphs 21-22"
        if previous_end >= 0 and FY_SPAN_RE.fullmatch(raw, previous_end, m.start()):
            return None  # "2022/23 to 2024/25": a span of years, not the amount's year
        hits.append((f"{y1}/{(y1 + 1) % 100:02d}", m["q"]))
        previous_end = m.end()
        if not last:
            break
    return hits[-1] if hits else None


def _period(after: str, before: str) -> str | None:
    """Normalised period of an amount: "per annum", "per month", "over 3 years" ..."""
    m = PERIOD_RE.match(after)
    if m is None:
        return "per annum" if ANNUAL_BEFORE_RE.search(before) else None
    for unit in ("annum", "month", "quarter", "week", "day"):
        if m[unit]:
            return f"per {unit}"
    years = m["years"].lower()
    return f"over {NUMBER_WORDS.get(years, years)} years"


def _recommendation_regions(text: str) -> list[tuple[int, int]]:
    """Spans of recommendation lists: from a lead-in ending with ":" to the next section heading."""
    regions = []
    for lead in REC_LEAD_RE.finditer(text):
        end = REC_END_RE.search(text, lead.end(), lead.end() + _REC_MAX_CHARS)
        regions.append((lead.end(), end.start() if end else min(len(text), lead.end() + _REC_MAX_CHARS)))
    return regions


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _link(text: str, found: list[Amount]) -> list[Amount]:
    """Set ``range_with`` between range ends and ``duplicate_of`` on restated sums (by list index)."""
    return _link_duplicates(text, _link_ranges(text, found))


def _link_ranges(text: str, found: list[Amount]) -> list[Amount]:
    """Pair the ends of "£10k–£20k", "£5m to £8m", "between £5m and £8m"; they share period and VAT."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.table or b.table or a.range_with is not None or a.currency != b.currency:
            continue
        if _RANGE_JOIN_RE.fullmatch(text, a.end, b.start) is None or a.value > b.value:
            continue
        lead = text[max(0, a.start - 50) : a.start]
        lead = lead[max(lead.rfind(". "), lead.rfind("; "), lead.rfind("\n")) + 1 :]  # this clause only
        opener = _BETWEEN_RE.search(lead)
        if "and" in text[a.end : b.start].lower() and not opener:
            continue  # "£5m and £3m" is two sums, "between £5m and £8m" a range
        if opener and opener.group().lower().startswith("from") and CHANGE_RE.search(lead[: opener.start()]):
            continue  # "rose from £5m to £8m": a change, not a range
        out[i] = replace(
            a,
            range_with=i + 1,
            period=a.period or b.period,
            vat=a.vat or b.vat,
            financial_year=a.financial_year or b.financial_year,
            quarter=a.quarter or b.quarter,
        )
        out[i + 1] = replace(
            b,
            range_with=i,
            qualifier=a.qualifier if b.qualifier == "exact" else b.qualifier,
            financial_year=b.financial_year or a.financial_year,
            quarter=b.quarter or a.quarter,
        )
    return out


def _link_duplicates(text: str, found: list[Amount]) -> list[Amount]:
    """Point each restated sum at its first statement (see the module docstring for when two agree)."""
    out = list(found)
    for i, a in enumerate(out):
        if a.table or a.role == "threshold" or NEW_SUM_RE.search(text, max(0, a.start - 30), a.start):
            continue  # "a further £250,000" is a new sum even when it equals an earlier one
        for j in range(i):
            b = out[j]
            if b.table or b.currency != a.currency or b.value != a.value or b.duplicate_of is not None:
                continue
            if b.role == "threshold" or (b.role != a.role and "component" not in (a.role, b.role)):
                continue  # a previous approval and this decision's headline are different sums
            pairs = ((a.financial_year, b.financial_year), (a.period, b.period), (a.vat, b.vat))
            if any(_differ(x, y) for x, y in pairs) or a.range_with is not None or b.range_with is not None:
                continue  # another year, period or VAT basis, or the end of a range: not the same sum
            out[i] = replace(a, duplicate_of=j)
            break
    return out


def tidy(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form.

    >>> tidy(Decimal("1.183") * 1000000), tidy(Decimal("36210.00")), tidy(Decimal("222415.130"))
    (Decimal('1183000'), Decimal('36210'), Decimal('222415.13'))
    """
    with localcontext(prec=_PREC):
        norm = value.normalize()
        return norm.quantize(Decimal(1)) if norm == norm.to_integral_value() else norm


def _differ(x: str | None, y: str | None) -> bool:
    return x is not None and y is not None and x != y
