"""Organisations, legislation and financial years named in a decision's text.

A blank English spaCy pipeline (tokenizer only, built once) with rules, no statistical model:

- ``ORG``: public bodies from :data:`~extractors._entities_data.BODIES` (a ``PhraseMatcher`` over
  aliases and acronyms, normalised to the canonical name), London borough councils, police forces
  ("Essex Police"), and named contractors or charities found by the last word of a capitalised run of
  tokens (``ORG_SUFFIXES``: "Acme Widgets Ltd", "Hope Youth CIC"). Each may get a ``role`` read from the
  words around it: ``funder`` (a grant *from* it), ``recipient`` (a grant *to* it), ``counterparty``
  (a contract with or to it).
- ``LAW``: Acts, Regulations and Orders by their title ("Police Reform and Social Responsibility Act
  2011"), with the provision cited in front ("section 143 of the ...", "Schedule 3, Paragraph 7 of
  the ..."), a bare "Schedule 3 Paragraph 7", and short names (``GDPR``, ``DPA 2018``).
- ``FY``: financial years (``2021/22``, ``2022-23``, ``FY 2021/22``) normalised to ``2021/22``.

Fixed strings and financial years are matched on the raw text (spaCy splits ``2022-23`` in three);
names are found by walking spaCy tokens, whose offsets give exact spans. A statistical model may be
added as an extra by name (``find_entities(text, model="en_core_web_sm")``) where it is installed; it
is never downloaded, and only adds ORG/LAW spans the rules did not find.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors._entities_data import (
    BODIES,
    CITY_BOROUGHS,
    COMMITTEE_WORDS,
    DEAL_WORDS,
    GENERIC_NAME_WORDS,
    LAW_ALIASES,
    LONDON_BOROUGHS,
    NOT_NAME_WORDS,
    ORG_SUFFIXES,
    POLICE_FORCE_PLACES,
    ROYAL_BOROUGHS,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entity:
    label: str  # ORG, LAW, FY
    text: str  # exactly text[start:end]
    normalised: str  # canonical name, citation or financial year
    role: str | None  # ORG only: funder, recipient, counterparty
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class _Rules:
    nlp: Language
    names: PhraseMatcher  # aliases of bodies and laws, lower-cased (capitals checked after)
    acronyms: PhraseMatcher  # acronyms, exact
    anchors: PhraseMatcher  # last words of names: company suffixes and 'Act', 'Order' ... (exact)
    canonical: dict[str, tuple[str, str]]  # match key -> (label, normalised)


# Lower-case words allowed inside a name ("Ministry of Justice", "Crime and Disorder Act").
_CONNECTORS = frozenset({"and", "&", "of", "for", "the", "on", "upon", "in", "from", "to", "de"})
_ORG_CONNECTORS = _CONNECTORS - {"to", "from"}  # "contract to Acme Ltd" is no part of the name
_STOP = NOT_NAME_WORDS | DEAL_WORDS  # capitalised too: "The", "To" start no name
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_STRONG_SUFFIXES = frozenset(s for s, c in ORG_SUFFIXES.items() if c >= 1.0)
_LAW_KEYWORDS = {"Act": 1.0, "Regulations": 1.0, "Order": 0.9, "Rules": 0.9}  # year needed but for Act
_ENDS = frozenset(ORG_SUFFIXES) | frozenset(_LAW_KEYWORDS)  # last words of a name: never glued on
_COMPANY_ENDINGS = (" Ltd", " plc", " LLP", " CIC", " Inc", " LLC")
_OWN_BODY = "Mayor's Office for Policing and Crime"  # the archive's own body never has a role


def _apostrophe_variants(alias: str) -> set[str]:
    return {alias, alias.replace("'", "’"), alias.replace("'s ", "s ").replace("' ", " ").replace("'", "")}


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The tokenizer and matchers, built once (importing spaCy costs ~1 s, so only on first use)."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    names, acronyms = PhraseMatcher(nlp.vocab, attr="LOWER"), PhraseMatcher(nlp.vocab, attr="ORTH")
    canonical: dict[str, tuple[str, str]] = {}
    for body in BODIES:
        canonical[body.canonical] = ("ORG", body.canonical)
        variants = set().union(*(_apostrophe_variants(a) for a in body.aliases)) if body.aliases else set()
        names.add(body.canonical, [nlp.make_doc(v) for v in sorted(variants)])
        if body.acronyms:
            acronyms.add(body.canonical, [nlp.make_doc(a) for a in body.acronyms])
    for alias, law in LAW_ALIASES.items():
        key = "LAW:" + alias
        canonical[key] = ("LAW", law)
        matcher = acronyms if alias.split()[0].isupper() else names
        matcher.add(key, [nlp.make_doc(v) for v in sorted(_apostrophe_variants(alias))])
    anchors = PhraseMatcher(nlp.vocab, attr="ORTH")
    anchors.add("SUFFIX", [nlp.make_doc(w) for w in ORG_SUFFIXES])
    anchors.add("LAW", [nlp.make_doc(w) for w in _LAW_KEYWORDS])
    return _Rules(nlp, names, acronyms, anchors, canonical)


# -- financial years ------------------------------------------------------------------------------
_FY = re.compile(
    r"""
    (?<![\w/.£-])                                   # not inside a code, a date or a number
    (?<!DMPCD\s)(?<!CEOD\s)(?<!PCD\s)                # 'DMPCD 2015-16' is a decision code
    (?P<prefix>(?:FY|F/Y|financial\ year)\s?)?       # optional 'FY'
    (?P<y1>(?:19|20)\d\d|(?<=FY)\d\d|(?<=FY\ )\d\d)  # first year, 4 digits (2 after 'FY')
    \s?(?P<sep>/|-|–)\s?                            # '/' or a hyphen or en dash
    (?P<y2>(?:19|20)\d\d|\d\d)                       # second year, 4 or 2 digits
    (?![\w/]|[-–.,]\d)                               # not a date '2021/22/01' or code '2016-123'
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _financial_years(text: str) -> Iterator[tuple[int, int, str, float]]:
    """Financial years whose second year follows the first.

    >>> [n for _, _, n, _ in _financial_years("In 2021/22, 2022-23, FY23/24 but not 2021/23 or 2017-2021.")]
    ['2021/22', '2022/23', '2023/24']
    """
    for m in _FY.finditer(text):
        y1, y2 = m["y1"], m["y2"]
        first = int(y1) if len(y1) == 4 else 2000 + int(y1)
        if int(y2) % (100 if len(y2) == 2 else 10_000) != (first + 1) % (100 if len(y2) == 2 else 10_000):
            continue
        start = m.start("prefix") if m["prefix"] else m.start("y1")
        sure = bool(m["prefix"]) or len(y2) == 2  # 2021-2022 may be two calendar years
        yield start, m.end(), f"{first}/{(first + 1) % 100:02d}", 1.0 if sure else 0.8


# -- London borough councils and police forces ----------------------------------------------------
def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


_BOROUGH_NAMES = {spelling: names[0] for names in LONDON_BOROUGHS for spelling in names}
_BOROUGH_ALT = _alternation(list(_BOROUGH_NAMES))
_BOROUGH = re.compile(
    rf"""
    \b(?:(?:London\s+Borough|Royal\s+Borough|City)\s+of|LB|RB|LBO)\s+(?P<b1>{_BOROUGH_ALT})  # LB Hackney
        (?:\s+(?:London\s+Borough\s+)?Council)?\b                                         # ... Council
    | \b(?P<b2>{_BOROUGH_ALT})\s+(?:London\s+Borough\s+|Borough\s+|City\s+)?(?:Council|Local\s+Authority)\b
    """,
    re.VERBOSE,
)
_FORCE_ALT = _alternation(list(POLICE_FORCE_PLACES))
_FORCES = re.compile(
    rf"""
    \b(?P<places>(?:{_FORCE_ALT})(?:\s*(?:,|and|&)\s*(?:{_FORCE_ALT}))*)  # 'Kent & Essex'
    \s+(?P<kind>Police|Constabulary)\b                                  # 'Police'
    """,
    re.VERBOSE,
)
_ONE_FORCE = re.compile(_FORCE_ALT)


def _borough_council(name: str) -> str:
    """The council's own name for a borough spelling.

    >>> _borough_council("Kensington & Chelsea"), _borough_council("Hackney"), _borough_council("Westminster")
    ('Royal Borough of Kensington and Chelsea', 'London Borough of Hackney', 'Westminster City Council')
    """
    borough = _BOROUGH_NAMES[" ".join(name.split())]
    if borough in CITY_BOROUGHS:
        return f"{borough} City Council"
    return f"{'Royal' if borough in ROYAL_BOROUGHS else 'London'} Borough of {borough}"


def _places(text: str) -> Iterator[tuple[int, int, str, float]]:
    for m in _BOROUGH.finditer(text):
        yield m.start(), m.end(), _borough_council(m["b1"] or m["b2"]), 1.0
    for m in _FORCES.finditer(text):
        kind = m["kind"]
        for p in _ONE_FORCE.finditer(m["places"]):
            start = m.start("places") + p.start()
            last = m.start("places") + p.end() == m.end("places")
            yield (
                start,
                m.end() if last else start + len(p.group()),
                f"{p.group()} {kind}",
                1.0 if last else 0.9,
            )


# -- names found by walking tokens ----------------------------------------------------------------
def _is_word(doc: Doc, i: int) -> bool:
    """A capitalised word (or a lower-case one hyphened on: 'Anti-social') not on the stop list."""
    t = doc[i]
    if t.is_space or t.is_punct or t.like_num or t.lower_ in _STOP:
        return False
    if t.text[0].isupper():
        return any(c.isalpha() for c in t.text)
    return t.is_alpha and i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_


def _is_glue(doc: Doc, i: int, connectors: frozenset[str], comma: bool) -> bool:
    t = doc[i]
    if t.lower_ in connectors or t.text == "A":  # 'Enterprise Rent A Car Ltd'
        return True
    if t.text in _POSSESSIVE or t.text == "-":  # attached to the word before
        return i > 0 and not doc[i - 1].whitespace_
    return comma and t.text == ","


def _walk_left(doc: Doc, end: int, connectors: frozenset[str], *, comma: bool, stop: frozenset[str]) -> int:
    """Index of the first token of the name ending just before token ``end`` (``end`` if none).

    A word in ``stop`` ends an earlier name ('X Ltd and Y Ltd'); so does one before glue ('X Trust and').
    """
    start, i = end, end - 1
    while i >= 0 and end - i <= 16 and doc[i].text not in stop:
        t = doc[i]
        if _is_word(doc, i):
            start, i = i, i - 1
        elif t.text == ")" and start == i + 1:  # '(Specified Information)' inside a title
            j = i - 1
            while j >= 0 and j > i - 6 and (_is_word(doc, j) or doc[j].lower_ in connectors):
                j -= 1
            if j <= 0 or doc[j].text != "(" or j == i - 1:
                break
            start, i = j, j - 1
        elif _is_glue(doc, i, connectors, comma) and i > 0 and start == i + 1:
            left = doc[i - 1]
            if left.text in _ENDS or not (_is_word(doc, i - 1) or (left.text == ")" and t.text != ",")):
                break
            i -= 1
        else:
            break
    while start < end and doc[start].text == "(":  # a name starts with a word, not a bracket
        start = next((k + 1 for k in range(start, end) if doc[k].text == ")"), end)
    return start


def _clean(doc: Doc, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", doc[start:end].text).replace("’", "'").strip()


def _suffix_orgs(doc: Doc, at: list[int]) -> Iterator[tuple[int, int, str, float]]:
    """Capitalised runs ending in a company or charity word: 'Acme Widgets Ltd', 'Hope Youth CIC'."""
    for t in (doc[i] for i in at):
        weight = ORG_SUFFIXES.get(t.text)
        if weight is None or t.i == 0:
            continue
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if weight < 1.0 and after is not None and _is_word(doc, after.i):
            continue  # 'Council Tax', 'Trust Fund': the name goes on
        if t.text == "University" and after is not None and after.lower_ == "of":  # University of X
            end = t.i + 2
            while end < len(doc) and end - t.i < 6 and _is_word(doc, end):
                end += 1
            if end > t.i + 2:
                yield t.idx, doc[end - 1].idx + len(doc[end - 1]), _clean(doc, t.i, end), 0.9
            continue
        start = _walk_left(doc, t.i, _ORG_CONNECTORS, comma=False, stop=_STRONG_SUFFIXES)
        words = [w.lower_ for w in doc[start : t.i] if w.is_alpha and w.lower_ not in _ORG_CONNECTORS]
        if not words or all(w in GENERIC_NAME_WORDS for w in words):
            continue
        if weight < 1.0 and words[-1] in COMMITTEE_WORDS:
            continue
        name = _clean(doc, start, t.i) + " " + _suffix(t.text)
        yield doc[start].idx, t.idx + len(t.text.rstrip(".")), name, weight  # 'Ltd.' ends a sentence too


def _suffix(word: str) -> str:
    return {"Ltd.": "Ltd", "Limited": "Ltd", "PLC": "plc", "Plc": "plc", "Inc.": "Inc"}.get(word, word)


_YEAR_AFTER = re.compile(r"[ \t]?,?[ \t]?(?P<year>1[89]\d\d|20\d\d)(?!\d)")


def _law_titles(doc: Doc, at: list[int], text: str) -> Iterator[tuple[int, int, str, float]]:
    """Acts, Regulations and Orders by their title, with the year where printed."""
    for t in (doc[i] for i in at):
        weight = _LAW_KEYWORDS.get(t.text)
        if weight is None or t.i == 0:
            continue
        y = _YEAR_AFTER.match(text, t.idx + len(t))
        year = y["year"] if y else None
        if year is None and t.text != "Act":
            continue
        start = _walk_left(doc, t.i, _CONNECTORS, comma=True, stop=frozenset(_LAW_KEYWORDS))
        words = [w for w in doc[start : t.i] if w.is_alpha and w.lower_ not in _CONNECTORS]
        if not words or (year is None and len(words) < 2):
            continue
        title = _clean(doc, start, t.i + 1).replace(" & ", " and ")
        end = y.end() if y else t.idx + len(t)
        yield doc[start].idx, end, f"{title} {year}" if year else title, weight if year else 0.8


# -- provisions cited in front of a law ("section 143 of the ...") -----------------------------------
_PROVISION = r"""(?:section|sections|s\.|schedule|paragraph|paragraphs|para\.?|part|regulation|reg\.
                 |article|articles|clause)\s+\d{1,3}[A-Z]?(?:\(\w{1,4}\))*(?![.]\d)"""
_PROVISIONS_BEFORE = re.compile(
    rf"""
    (?P<chain>{_PROVISION}                                   # 'section 143'
      (?:(?:\s*,\s*|\s+and\s+|\s+of\s+|\s+)(?:{_PROVISION}|\d{{1,3}}(?:\(\w{{1,4}}\))*))*)  # ', 8 and 14'
    (?:\s+of\s+(?:the\s+)?|\s*,\s*|\s+(?:the\s+)?)$  # ' of the ' or ', ' before the title
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SCHEDULE_PARAGRAPH = re.compile(
    r"""
    \b(?:Schedule\s+(?P<s1>\d{1,2})\s*,?\s+Paragraph\s+(?P<p1>\d{1,3}(?:\(\w{1,4}\))?)  # Schedule 3 Para 7
    |Paragraph\s+(?P<p2>\d{1,3}(?:\(\w{1,4}\))?)\s*,?\s+(?:of\s+)?Schedule\s+(?P<s2>\d{1,2}))  # or reversed
    (?![.]?\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _provision(chain: str) -> str:
    """A provision chain in one spelling: 'Schedule 3, Paragraph 7' -> 'Schedule 3, paragraph 7'."""
    chain = re.sub(r"\s*,\s*", ", ", " ".join(chain.split()))
    return re.sub(r"(?i)\b(section|paragraph|regulation|article|clause|part|schedule)s?\b", _low, chain)


def _low(m: re.Match[str]) -> str:
    word = m.group().lower()
    return word.capitalize() if word.startswith(("schedule", "part")) else word


def _with_provision(text: str, start: int, law: str) -> tuple[int, str]:
    m = _PROVISIONS_BEFORE.search(text, max(0, start - 100), start)
    if m is None or m.end() != start:
        return start, law
    return m.start(), f"{law}, {_provision(m['chain'])}"


# -- roles -----------------------------------------------------------------------------------------
_GRANT_WORDS = r"grants?|funding|funds?|monies|money|allocation|contributions?|income|settlement|payments?"
_DEAL_WORDS = r"""contracts?|call-off|framework|lease|licen[cs]e|procure\w*|tender\w*|appoint\w*|extension
                  |variation|purchase|novat\w*"""
_GOODS_WORDS = r"services|hire|supply|suppliers?|providers?"
_BEFORE = re.compile(r"\b(?P<prep>to|with|from|by)\s+(?:the\s+)?['‘\"“]?$", re.IGNORECASE)
_KEYWORD = re.compile(
    rf"""\b(?:(?P<grant>{_GRANT_WORDS})|(?P<deal>{_DEAL_WORDS})|(?P<goods>{_GOODS_WORDS})
    |(?P<agreement>agreements?)|(?P<award>award\w*|funded|provided|distributed|granted|allocated|made))\b""",
    re.IGNORECASE | re.VERBOSE,
)
_FUNDER_AFTER = re.compile(
    r"^['’]?\s*(?:has|have)\s+(?:\w+\s+){0,2}?(?:awarded|allocated|granted|offered|confirmed|provided|made)\b",
    re.IGNORECASE,
)
_GRANT_AFTER = re.compile(r"^(?:['’]s)?\s+(?:grant|grants|funding)\b", re.IGNORECASE)
_SUPPLIER_AFTER = re.compile(r"^['’]?\s*,?\s*(?:who|which)\s+will\s+(?:provide|deliver|supply)", re.I)
_LIST_GLUE = re.compile(r"^['’]?\s*(?:,|and|&|or|,\s*and)\s+(?:the\s+)?['‘]?$")
_SENTENCE_BREAK = re.compile(r"[.;:!?]\s|\n")
_KINDS = {b.canonical: b.kind for b in BODIES}
# The archive's own side: MOPAC decides, the MPS and VRU spend; a contract with them names no supplier.
_OWN_SIDE = frozenset(
    {
        "Mayor's Office for Policing and Crime",
        "Metropolitan Police Service",
        "Violence Reduction Unit",
        "Greater London Authority",
        "Greater London Authority Group",
    }
)


def _role(text: str, start: int, end: int, name: str, *, company: bool) -> str | None:
    """What the text says this organisation does: gives a grant, gets one, or holds a contract.

    >>> _role("A grant agreement with the Home Office.", 27, 38, "Home Office", company=False)
    'funder'
    >>> _role("Services to Acme Ltd for a year.", 12, 20, "Acme Ltd", company=True)
    'counterparty'
    """
    if name == _OWN_BODY:
        return None
    before = _SENTENCE_BREAK.split(text[max(0, start - 160) : start])[-1]
    after = text[end : end + 80]
    funding_body = _KINDS.get(name) in {"government", "health"}
    if _FUNDER_AFTER.match(after) or (funding_body and _GRANT_AFTER.match(after)):
        return "funder"
    prep = _BEFORE.search(before)
    kinds = [k.lastgroup for k in _KEYWORD.finditer(before, 0, prep.start())] if prep else []
    role = None
    if prep and kinds:
        way = prep["prep"].lower()
        sure = [k for k in kinds if k in {"grant", "deal", "goods"}]
        kind = sure[-1] if sure else kinds[-1]
        if kind == "grant" or (kind == "award" and way in {"by", "from"}):
            role = "funder" if way in {"by", "from"} or (way == "with" and funding_body) else "recipient"
        elif kind == "award":
            role = "recipient" if way == "to" else None
        elif kind in {"deal", "agreement"} or way != "to" or company:
            role = "counterparty" if way != "by" else None
    if role is None and _SUPPLIER_AFTER.match(after):
        role = "counterparty"
    return None if role == "counterparty" and name in _OWN_SIDE else role


# -- assembling ------------------------------------------------------------------------------------
_Candidate = tuple[int, int, str, str, float]  # start, end, label, normalised, confidence


def _capitals_kept(doc: Doc, start: int, end: int) -> bool:
    """Every word of an alias that is capitalised is capitalised in the text ('home office' is not)."""
    return all(t.text[0].isupper() for t in doc[start:end] if t.is_alpha and t.lower_ not in _CONNECTORS)


def _candidates(text: str, rules: _Rules, doc: Doc) -> Iterator[_Candidate]:
    strings = rules.nlp.vocab.strings
    for matcher, check in ((rules.names, True), (rules.acronyms, False)):
        for key, s, e in matcher(doc):
            if check and not _capitals_kept(doc, s, e):
                continue
            label, norm = rules.canonical[strings[key]]
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
            if label == "LAW":
                start, norm = _with_provision(text, start, norm)
            yield start, end, label, norm, 1.0
    anchors: dict[str, list[int]] = {"SUFFIX": [], "LAW": []}
    for key, s, _ in rules.anchors(doc):  # only these tokens are looked at from Python
        anchors[strings[key]].append(s)
    for start, end, norm, conf in _law_titles(doc, anchors["LAW"], text):
        start, norm = _with_provision(text, start, norm)
        yield start, end, "LAW", norm, conf
    for m in _SCHEDULE_PARAGRAPH.finditer(text):
        yield m.start(), m.end(), "LAW", f"Schedule {m['s1'] or m['s2']}, paragraph {m['p1'] or m['p2']}", 0.7
    for start, end, norm, conf in _suffix_orgs(doc, anchors["SUFFIX"]):
        yield start, end, "ORG", norm, conf
    for start, end, norm, conf in _places(text):
        yield start, end, "ORG", norm, conf
    for start, end, norm, conf in _financial_years(text):
        yield start, end, "FY", norm, conf


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first (then most certain); a candidate overlapping one already kept is dropped."""
    kept: list[_Candidate] = []
    taken = bytearray(max((c[1] for c in candidates), default=0))
    for c in sorted(candidates, key=lambda c: (c[0] - c[1], -c[4], c[0])):
        if not any(taken[c[0] : c[1]]):
            taken[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
            kept.append(c)
    return sorted(kept)


@functools.lru_cache(maxsize=2)
def _statistical(model: str) -> Language | None:
    """An installed spaCy model, its NER only; ``None`` (with a warning) where it is not installed."""
    import spacy

    if not spacy.util.is_package(model):
        log.warning("spaCy model %r is not installed; entities come from the rules only", model)
        return None
    return spacy.load(model, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])


def find_entities(text: str, *, model: str | None = None) -> list[Entity]:
    """Organisations, legislation and financial years, in reading order, without overlaps.

    ``model`` names an installed statistical spaCy model whose ORG/LAW spans are added where the rules
    found nothing (confidence 0.5); without it only the rules run.

    >>> [(e.label, e.normalised, e.role) for e in find_entities(
    ...     "A grant from the Home Office for 2021/22 under the Police Act 1996; a contract to Acme Ltd.")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('ORG', 'Home Office', 'funder'), ('FY', '2021/22', None), ('LAW', 'Police Act 1996', None),
     ('ORG', 'Acme Ltd', 'counterparty')]
    """
    if not text.strip():
        return []
    rules = _rules()
    doc = rules.nlp.make_doc(text)
    candidates = list(_candidates(text, rules, doc))
    if model is not None and (nlp := _statistical(model)) is not None:
        candidates += [
            (e.start_char, e.end_char, e.label_, " ".join(e.text.split()), 0.5)
            for e in nlp(text).ents
            if e.label_ in {"ORG", "LAW"} and e.text.strip()
        ]
    found: list[Entity] = []
    for start, end, label, norm, conf in _without_overlaps(candidates):
        company = label == "ORG" and conf == 1.0 and norm.endswith(_COMPANY_ENDINGS)
        role = _role(text, start, end, norm, company=company) if label == "ORG" else None
        prev = found[-1] if found else None
        if role is None and label == "ORG" and prev and prev.role and norm not in _OWN_SIDE:
            role = prev.role if _LIST_GLUE.match(text[prev.end : start]) else None  # 'with X Ltd and Y Ltd'
        found.append(Entity(label, text[start:end], norm, role, start, end, conf))
    return found
