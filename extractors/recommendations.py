"""Recommendations: what the decision maker is recommended or asked to approve, agree or note.

Reads a page's reading text (browser form, HTML or PDF parser output) and returns each item in
order, as ANNOTATION.md counts them:

- a list after a "Recommendation(s)"/"Decision" heading or a lead-in such as "The Deputy Mayor for
  Policing and Crime is recommended to:" — one item per top-level entry, whatever its marker
  ("1.", "  1. " repeated, "•", "-" on its own line, or none when the line starts with "Approve");
- sub-items a)–d) and bullets stay inside their parent, unless the parent is a lead-in ending in ":"
  whose children are a series of separate requests ("...;" / "...; and");
- with no list, each sentence that asks ("The DMPC is asked to approve ...") is one item, and a
  multi-sentence paragraph gives only its asking sentence;
- with nothing else, "this report recommends that ..." summary sentences.

"This Decision seeks approval ..." summary sentences are never recommendations.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from extractors._lines import Line, collapse, ends_open, is_stop_heading, split_lines, split_sentences
from extractors._recommendation_patterns import (
    ASK_RE,
    DANGLING_RE,
    HEADING_RE,
    IMPERSONAL_RE,
    ITEM_START_RE,
    NOUNS,
    O_BULLET_RE,
    PURE_OBJECT_RE,
    SERIES_END_RE,
    SIGN_OFF_RE,
    SUBHEADING_MAX_WORDS,
    VERB_ALT,
    VERB_RE,
    VERBS,
)


@dataclass(frozen=True)
class Recommendation:
    """One recommendation item, with the evidence it was read from."""

    ordinal: int  # 1-based position in the list
    text: str  # item text without its number/bullet, whitespace collapsed
    start: int  # span of the item's raw text in the input
    end: int
    marker: str = ""  # "1.", "a)", "•", "-", "" (sentence)
    verb: str | None = None  # lower-case lemma of the asking verb
    sub_items: tuple[str, ...] = ()  # children texts, also included in `text`
    confidence: float = 1.0
    reason: str | None = None  # "single_sentence", "from_summary", "list_truncated", ...


_LEAD_IN_MIN_WORDS = 3  # "Contract A:" is a topic heading; "The following were moved:" a lead-in


@dataclass
class _Item:
    """An item while it is being read."""

    start: int
    end: int
    marker: str
    pieces: list[str] = field(default_factory=list)  # own text, then continuation lines
    subs: list[tuple[Line, list[str]]] = field(default_factory=list)  # sub-item line + its pieces
    indent: int = 0
    reason: str | None = None
    confidence: float = 1.0

    def last_text(self) -> str:
        return (self.subs[-1][1] if self.subs else self.pieces)[-1]

    def own_text(self) -> str:
        return collapse(" ".join(self.pieces))

    def full_text(self) -> str:
        parts = [*self.pieces]
        for line, pieces in self.subs:
            keep = line.marker if line.kind not in ("bullet", "multi") else ""  # "1.1." is numbering
            parts.append(" ".join(p for p in (keep, *pieces) if p))
        return collapse(" ".join(parts))


def find_recommendations(text: str) -> list[Recommendation]:
    """Every recommendation item in ``text``, in order.

    >>> [r.text for r in find_recommendations(
    ...     "Recommendation\\nThe DMPC is asked to:\\n1. Approve the plan;\\n2. Note the risks.\\n")]
    ['Approve the plan;', 'Note the risks.']
    >>> find_recommendations("The DMPC is asked to approve the lease. It runs for 5 years.")[0].text
    'The DMPC is asked to approve the lease.'
    """
    lines = split_lines(text)
    stop = next((i for i, ln in enumerate(lines) if is_stop_heading(ln.text, facts_only=True)), len(lines))
    items: list[_Item] = []
    lead_verb: str | None = None
    for i in range(stop):
        anchor = _anchor(lines, i)
        if anchor is not None:
            items, lead_verb = _read_section(text, lines, anchor)
            if items:
                break
    if not items:
        items = _ask_sentences(text, lines[:stop])
    if not items:
        items = _closing_paragraph(text, lines[:stop])
    if not items:
        items = _summary_sentences(text, lines[:stop])
    return [_finish(text, n, it, lead_verb) for n, it in enumerate(items, 1)]


def _anchor(lines: list[Line], i: int) -> int | None:
    """Index of the first line of a section opened at line ``i``, or None."""
    line = lines[i]
    if line.marker:
        return None
    heading = HEADING_RE.match(line.text)
    if heading:  # "Recommendation: The DMPC is ..." may share the label's line
        rest = heading.group("rest")
        return i + 1 if not rest else (i if ASK_RE.match(rest) or ITEM_START_RE.match(rest) else None)
    ask = ASK_RE.match(line.text)
    if ask and _is_lead_in(lines, i, ask):
        return i
    return None


def _is_lead_in(lines: list[Line], i: int, ask: re.Match[str]) -> bool:
    """A lead-in ends in ":" or is followed by a marked list item."""
    if lines[i].text.rstrip().endswith(":") or (
        ask.group("rest") and ":" in lines[i].text[: ask.start("rest")]
    ):
        return True
    following = next((ln for ln in lines[i + 1 :] if ln.text), None)
    return following is not None and bool(following.marker) and not ask.group("rest").rstrip().endswith(".")


def _lead_parts(line: Line) -> tuple[str | None, str, bool]:
    """(verb, object, inline) of a lead-in: "is asked to approve" → ("approve", "", False)."""
    ask = ASK_RE.match(line.text)
    if ask is None:
        return None, "", False
    rest = ask.group("rest").strip()
    inline = bool(rest) and not rest.endswith(":") and ":" in line.text[: ask.start("rest")]
    verb_m = re.match(rf"(?:{VERB_ALT})\b", rest, re.IGNORECASE)
    verb = VERBS[verb_m.group(0).lower()] if verb_m else None
    obj = rest[verb_m.end() :].strip() if verb_m else rest
    obj = obj.rstrip(":").strip()
    if PURE_OBJECT_RE.match(obj):  # "approve the following:" names nothing yet
        obj = ""
    return verb, obj, inline


def _read_section(text: str, lines: list[Line], first: int) -> tuple[list[_Item], str | None]:
    """Items of the section whose first content line is ``first``; also the lead-in's verb."""
    items: list[_Item] = []
    lead_verb: str | None = None
    lead_item: _Item | None = None
    kind: str | None = None
    pure_lead = False  # "is recommended to:": the lines that follow are the items, marked or not
    lines = _o_bullets(lines, first)
    i = first
    while i < len(lines) and not lines[i].text:
        i += 1
    if i < len(lines):
        line = lines[i]
        heading = HEADING_RE.match(line.text)
        if heading and heading.group("rest"):  # label and text on one line
            line = line.sub(text, line.start + heading.start("rest"))
            lines = [*lines[:i], line, *lines[i + 1 :]]
        if not line.marker and ASK_RE.match(line.text) and _is_lead_in(lines, i, ASK_RE.match(line.text)):  # type: ignore[arg-type]
            lead_verb, obj, inline = _lead_parts(line)
            if inline:
                items.append(_Item(line.start, line.end, "", [line.text], reason="single_sentence"))
            elif obj:
                lead_item = _Item(line.start, line.end, "", [line.text])
            else:
                pure_lead = True
            i += 1
    for k in range(i, len(lines)):
        line = lines[k]
        if not line.text:
            continue
        current = items[-1] if items else None
        nested = line.kind == "multi" and _nests_under(line, current)  # "1.1." under "1. ..., comprising:"
        if (
            is_stop_heading(line.text)
            or (line.kind == "multi" and not nested)
            or (items and HEADING_RE.match(line.text))
            or (items and not line.marker and SIGN_OFF_RE.match(line.text))
        ):
            break  # a "1.1." not nested is a paragraph number of the facts
        if line.marker and not line.text:
            continue  # a bullet alone on its line: the item follows
        if _is_subheading(lines, k):
            continue  # "Veterinary Services" over item 1: a topic heading inside the list
        if line.marker:
            same_level = kind is None or (
                _same_kind(kind, line, items[0].marker if items else "")
                and (current is None or line.indent <= current.indent + 1)
            )
            under_lead = current is not None and not current.marker and current.own_text().endswith(":")
            if current is None or (
                same_level and not under_lead and not nested
            ):  # "To approve the:" keeps its list
                kind = kind or line.kind
                items.append(_Item(line.body, line.end, line.marker, [line.text], indent=line.indent))
            else:
                current.subs.append((line, [line.text]))
                current.end = line.end
        elif ASK_RE.match(line.text) or IMPERSONAL_RE.match(line.text):
            for it in _sentence_items(text, line, "single_sentence"):  # the same request restated is one
                if not any(_restates(it.pieces[0], seen.pieces[0]) for seen in items if seen.pieces):
                    items.append(it)
        elif ITEM_START_RE.match(line.text):
            items.append(_Item(line.start, line.end, "", [line.text], indent=line.indent))
        elif current is not None and _continues(current, line, plain=kind == "plain"):
            (current.subs[-1][1] if current.subs else current.pieces).append(line.text)
            current.end = line.end
        elif items and _other_lead_in(line.text) and not _sub_list_follows(lines, k, kind, items[0].marker):
            break  # "The following milestones have been rescheduled:" opens a list of something else
        elif pure_lead and kind in (None, "plain"):  # a list shown without markers
            kind = "plain"
            items.append(_Item(line.start, line.end, "", [line.text], indent=line.indent))
        # else: a sub-heading or a note between items ("Funding to be met from ...") is skipped
    return _regroup(text, items, lead_item), lead_verb


def _o_bullets(lines: list[Line], first: int) -> list[Line]:
    """``lines`` with "o item" lines of the section from ``first`` read as bullets: Word's "o" bullet
    in a list context (two or more such lines, or one right after a lead-in ending in ":").

    >>> ls = _o_bullets(split_lines("Agree:\\no a contract;\\no a delegation.\\n"), 0)
    >>> [(ln.marker, ln.text) for ln in ls[1:3]]
    [('o', 'a contract;'), ('o', 'a delegation.')]
    >>> _o_bullets(split_lines("Notes.\\no dear me\\n"), 0)[1].marker
    ''
    """
    stop = next((k for k in range(first, len(lines)) if is_stop_heading(lines[k].text)), len(lines))
    found = [k for k in range(first, stop) if not lines[k].marker and O_BULLET_RE.match(lines[k].text)]
    if len(found) == 1:
        before = next((ln for ln in reversed(lines[first : found[0]]) if ln.text), None)
        if before is None or not before.text.endswith(":"):
            found = []
    out = list(lines)
    for k in found:
        ln = lines[k]
        cut = O_BULLET_RE.match(ln.text)
        skip = cut.end() if cut else 0
        out[k] = Line(ln.start, ln.end, ln.start + skip, "o", "bullet", ln.indent, ln.text[skip:])
    return out


def _other_lead_in(line_text: str) -> bool:
    """Whether an unmarked line introduces a list that asks nothing: running text ending in ":" with
    no asking word ("The following milestones have been rescheduled:"), not a topic heading
    ("Contract A:") nor a request ("To approve the:").

    >>> _other_lead_in("The following milestones have been rescheduled:"), _other_lead_in("Contract A:")
    (True, False)
    >>> _other_lead_in("The following are put forward for approval:")
    False
    """
    words = line_text.split()
    if not line_text.endswith(":") or len(words) < _LEAD_IN_MIN_WORDS or VERB_RE.search(line_text):
        return False
    return any(w.isalpha() and w.islower() and len(w) > 3 for w in words)


def _sub_list_follows(lines: list[Line], k: int, kind: str | None, first_marker: str) -> bool:
    """Whether the marked lines after line ``k`` nest under the current item (bullets under a
    numbered list) rather than carry on at the list's own level."""
    following = next((ln for ln in lines[k + 1 :] if ln.text or ln.marker), None)
    if following is None or not following.marker or kind is None:
        return False
    return not _same_kind(kind, following, first_marker)


def _is_subheading(lines: list[Line], k: int) -> bool:
    """Whether unmarked line ``k`` is a topic heading inside a list ("Traditional Forensics Services"
    over "2. The award of ..."): short, in title case, unpunctuated, asking nothing, with a marked
    item next.

    >>> ls = split_lines("Veterinary Services\\n\\n1. The request to procure.\\n")
    >>> _is_subheading(ls, 0), _is_subheading(ls, 2)
    (True, False)
    """
    line = lines[k]
    words = line.text.split()
    if line.marker or not words or len(words) > SUBHEADING_MAX_WORDS or not words[0][:1].isupper():
        return False
    if line.text.rstrip()[-1] in ".;:,!?" or ITEM_START_RE.match(line.text) or ASK_RE.match(line.text):
        return False
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    if sum(w[:1].isupper() for w in long_words) < max(1, len(long_words) - 1):
        return False  # running text ("The allocation of funds to ..."), not a heading
    following = next((ln for ln in lines[k + 1 :] if ln.text), None)
    return following is not None and following.kind in {"num", "letter", "roman", "bullet"}


def _nests_under(line: Line, current: _Item | None) -> bool:
    """Whether a "1.1." line numbers a sub-item of the current item "1." (not a facts paragraph)."""
    parent = current.marker[:-1] if current is not None else ""  # "1." / "1)" → "1"
    if current is None or not parent.isdigit() or line.marker.split(".")[0] != parent:
        return False
    own = current.own_text()  # "comprising:" or "as follows" announces sub-items; "Approve X." does not
    return own.endswith(":") or ends_open(own) or any(sub.kind == "multi" for sub, _ in current.subs)


def _continues(current: _Item, line: Line, *, plain: bool) -> bool:
    """Whether an unmarked line carries on the item before it (a wrapped line)."""
    if line.text[:1].islower():
        return True
    before = current.last_text()
    if plain:  # unmarked items: only a dangling word or comma joins lines
        return bool(DANGLING_RE.search(before))
    return ends_open(before)


def _same_kind(kind: str, line: Line, first_marker: str) -> bool:
    """Whether ``line`` is a sibling of a list of ``kind``; "i." opens a roman list, not a letter one."""
    if line.kind == kind:
        return True
    roman_list = first_marker.strip("().") == "i"
    return roman_list and {kind, line.kind} == {"letter", "roman"}


def _first_word(text: str) -> str:
    """
    >>> _first_word("  Allocation of £5m;")
    'allocation'
    """
    words = text.split(maxsplit=1)
    return words[0].lower().strip(",;:") if words else ""


def _is_series(texts: list[str]) -> bool:
    """Children that are separate requests: "...;" / "...; and" endings, or each starts asking."""
    if all(ITEM_START_RE.match(t) for t in texts):
        return True
    return len(texts) > 1 and all(SERIES_END_RE.search(t) for t in texts[:-1])


def _regroup(text: str, items: list[_Item], lead_item: _Item | None) -> list[_Item]:
    """Apply the sub-item rules: a lead-in with an object keeps a plain list inside it; a parent
    ending in ":" over a series of requests gives each child as an item after the parent, unless the
    parent asks by itself ("To approve the:"), which keeps a series of objects inside it."""
    if lead_item is not None and items and not _is_series([it.full_text() for it in items]):
        for it in items:
            lead_item.subs.append(
                (Line(it.start, it.end, it.start, it.marker, "bullet", 0, ""), [it.full_text()])
            )
        lead_item.end = items[-1].end
        return [lead_item]
    out: list[_Item] = []
    for it in items:
        children = [collapse(" ".join(p)) for _, p in it.subs]
        asks_itself = ITEM_START_RE.match(it.own_text()) is not None
        # children that open with a noun ("allocation of £420,000") are the objects of a parent that asks
        # by itself ("To approve the:"); children that open with a verb are requests of their own
        objects = asks_itself and all(_first_word(c) in NOUNS for c in children)
        requests = all(ITEM_START_RE.match(c) for c in children) and not objects
        if (
            it.subs
            and it.own_text().endswith(":")
            and (requests or (_is_series(children) and not asks_itself))
        ):
            end = it.subs[0][0].start  # the parent's own lines end where its first child starts
            while end > it.start and text[end - 1].isspace():
                end -= 1
            out.append(_Item(it.start, end, it.marker, it.pieces, indent=it.indent))
            out.extend(_Item(ln.body, ln.end, ln.marker, p) for ln, p in it.subs)
        else:
            out.append(it)
    return out


def _sentence_items(text: str, line: Line, reason: str) -> list[_Item]:
    """The asking sentences of a paragraph line, one item each (a bare lead-in asks nothing)."""
    out = []
    for start, end in split_sentences(text, line.start, line.end):
        sentence = text[start:end]
        ask = ASK_RE.match(sentence)
        if ask and ask.group("rest").strip(" :"):
            out.append(_Item(start, end, "", [sentence], reason=reason, confidence=0.9))
        elif IMPERSONAL_RE.match(sentence):
            out.append(_Item(start, end, "", [sentence], reason="from_summary", confidence=0.7))
    return out


def _ask_sentences(text: str, lines: list[Line]) -> list[_Item]:
    """No section: every "<DMPC> is recommended/asked to ..." sentence before the facts, once."""
    found: list[_Item] = []
    for line in lines:
        if line.marker or not line.text:
            continue
        for it in _sentence_items(text, line, "single_sentence"):
            ask = ASK_RE.match(it.pieces[0])
            asks = (ask and ask.group("form")) or IMPERSONAL_RE.match(it.pieces[0])
            if asks and not any(_restates(it.pieces[0], seen.pieces[0]) for seen in found):
                it.confidence = 0.8
                found.append(it)
    return found


_ARTICLES = frozenset({"a", "an", "the"})


def _restates(a: str, b: str) -> bool:
    """The same request restated: near-identical once the asking words are dropped."""

    def core(s: str) -> str:
        m = ASK_RE.match(s)
        return collapse(m.group("rest") if m else s).lower()

    ca, cb = core(a), core(b)
    if difflib.SequenceMatcher(None, ca, cb).ratio() >= 0.9:
        return True
    # "approve the six month extension so that ..." restating "approve a six month extension of ...":
    # the same verb, and the later object's first three words already in the earlier request
    if not (ASK_RE.match(a) and ASK_RE.match(b)):
        return False  # only asks whose verb is known ("is asked to approve ...") are compared by object
    wa, wb = ca.split(), cb.split()
    if not wa or not wb or wa[0] != wb[0]:
        return False
    head = [w for w in wb[1:6] if w not in _ARTICLES][:3]
    return len(head) == 3 and f" {' '.join(head)} " in f" {' '.join(w for w in wa if w not in _ARTICLES)} "


def _closing_paragraph(text: str, lines: list[Line]) -> list[_Item]:
    """The paragraph just before the facts, when it states the decision ("The DMPC authorises ...")."""
    last = next((ln for ln in reversed(lines) if ln.text and not ln.marker), None)
    if last is None:
        return []
    ask = ASK_RE.match(last.text)
    if ask is None or not ask.group("direct"):
        return []
    items = [it for it in _sentence_items(text, last, "closing_paragraph") if ASK_RE.match(it.pieces[0])]
    for it in items:
        it.confidence = 0.6
    return items


def _summary_sentences(text: str, lines: list[Line]) -> list[_Item]:
    """A cut-off page: "this report recommends that ..." sentences of the summary."""
    out: list[_Item] = []
    for line in lines:
        if line.text and not line.marker:
            for start, end in split_sentences(text, line.start, line.end):
                if re.search(r"\brecommends?\s+that\b", text[start:end], re.IGNORECASE):
                    out.append(
                        _Item(start, end, "", [text[start:end]], reason="from_summary", confidence=0.5)
                    )
    return out


def _item_verb(own: str, lead_verb: str | None) -> str | None:
    """The asking verb: the item's opening verb, else the lead-in's, else any asking word in it."""
    ask = ASK_RE.match(own)
    core = ask.group("rest") if ask else own
    opening = re.match(r"(?:(?:To|Formally|Also)\s+)?(?P<word>[A-Za-z]+)", core)
    word = opening.group("word").lower() if opening else ""
    if word in VERBS and word not in NOUNS:
        return VERBS[word]
    if lead_verb is not None:
        return lead_verb
    found = VERB_RE.search(core)
    return VERBS[found.group("verb").lower()] if found else None


def _finish(text: str, ordinal: int, it: _Item, lead_verb: str | None) -> Recommendation:
    body = it.full_text()
    own = it.own_text()
    verb = _item_verb(own, lead_verb)
    reason, confidence = it.reason, it.confidence
    if it.end >= len(text.rstrip()) and ends_open(body):
        reason, confidence = "list_truncated", min(confidence, 0.8)
    return Recommendation(
        ordinal=ordinal,
        text=body,
        start=it.start,
        end=it.end,
        marker=it.marker,
        verb=verb,
        sub_items=tuple(collapse(" ".join(p)) for _, p in it.subs),
        confidence=confidence,
        reason=reason,
    )
