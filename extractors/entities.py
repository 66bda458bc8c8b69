"""Organisations named in a decision's text (first cut: the reference list only; see _entities_data)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors._entities_data import BODIES


@dataclass(frozen=True)
class Entity:
    label: str  # ORG, LAW, FY
    text: str
    normalised: str
    role: str | None
    start: int
    end: int
    confidence: float


def _patterns() -> list[tuple[re.Pattern[str], str]]:
    out: list[tuple[re.Pattern[str], str]] = []
    for body in BODIES:
        for alias in body.aliases:
            out.append((re.compile(r"\b" + re.escape(alias) + r"\b", re.IGNORECASE), body.canonical))
        for acr in body.acronyms:
            out.append((re.compile(r"\b" + re.escape(acr) + r"\b"), body.canonical))
    return out


_PATTERNS = _patterns()


def find_entities(text: str) -> list[Entity]:
    """Organisations from the reference list, in reading order, longest match first.

    >>> [e.normalised for e in find_entities("The MPS and the Home Office agree.")]
    ['Metropolitan Police Service', 'Home Office']
    """
    taken: list[tuple[int, int]] = []
    found: list[Entity] = []
    for pattern, canonical in sorted(_PATTERNS, key=lambda p: -len(p[0].pattern)):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Entity("ORG", m.group(), canonical, None, m.start(), m.end(), 1.0))
    return sorted(found, key=lambda e: e.start)
