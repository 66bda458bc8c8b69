"""Extracted records → dataset rows, one pure function per child table (ids, pence, spans, provenance).

:mod:`pipeline.build` decides which source (page or PDF) each table's records come from; these functions
only turn those records into rows. Row ids are hashes of the row's content and position
(:func:`schemas.values.stable_id`), so the same input gives the same ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from extractors.codes import decision_id as code_to_id
from extractors.entities import Entity
from extractors.milestones import Milestone
from extractors.money import Amount
from extractors.recommendations import Recommendation
from extractors.references import Reference
from extractors.table_lines import TableLine
from pipeline.parse.model import Document
from pipeline.sources.mopac import DecisionPage
from pipeline.store import Version
from schemas.tables import (
    AmountRow,
    DecisionVersionRow,
    EntityRow,
    MilestoneRow,
    RecommendationRow,
    ReferenceRow,
    TableLineRow,
)
from schemas.values import money, pence, stable_id


def amount_rows(did: str, amounts: Sequence[Amount], source: str, doc: Document | None) -> list[AmountRow]:
    """Amounts in reading order; ranges and restatements point at the row of the amount they refer to."""
    ids = [stable_id(did, source, i, a.text, a.start) for i, a in enumerate(amounts)]
    return [
        AmountRow(
            amount_id=ids[i],
            decision_id=did,
            ordinal=i + 1,
            source=source,
            page=doc.page_at(a.start) if doc else None,
            start=a.start,
            end=a.end,
            text=a.text,
            value=money(a.value),
            value_pence=pence(a.value),
            currency=a.currency,
            table=a.table,
            scale=int(a.scale),
            qualifier=a.qualifier,
            vat=a.vat,
            period=a.period,
            financial_year=a.financial_year,
            quarter=a.quarter,
            range_with_id=ids[a.range_with] if a.range_with is not None and a.range_with < len(ids) else None,
            role=a.role,
            duplicate_of_id=ids[a.duplicate_of]
            if a.duplicate_of is not None and a.duplicate_of < len(ids)
            else None,
            confidence=a.confidence,
            reason=a.reason,
        )
        for i, a in enumerate(amounts)
    ]


def headline_value(amounts: Sequence[Amount]) -> Decimal | None:
    """What the decision approves: a sum restated is one approval, so each group of restatements counts
    once (at its first mention) when any of its mentions is a headline; None where nothing is."""
    roots = {
        i if a.duplicate_of is None else a.duplicate_of for i, a in enumerate(amounts) if a.role == "headline"
    }
    values = [amounts[i].value for i in sorted(roots) if i < len(amounts)]
    return money(sum(values, Decimal(0))) if values else None


def recommendation_rows(
    did: str,
    recs: Sequence[Recommendation],
    source: str,
    doc: Document | None,
    amounts: Sequence[Amount],
    amount_source: str,
) -> list[RecommendationRow]:
    """Recommendations; ``n_amounts`` counts the amounts inside each item when both come from one text."""
    return [
        RecommendationRow(
            recommendation_id=stable_id(did, source, r.ordinal, r.text),
            decision_id=did,
            ordinal=r.ordinal,
            source=source,
            page=doc.page_at(r.start) if doc else None,
            start=r.start,
            end=r.end,
            text=r.text,
            verb=r.verb,
            marker=r.marker,
            n_amounts=sum(1 for a in amounts if r.start <= a.start < r.end) if source == amount_source else 0,
            confidence=r.confidence,
            reason=r.reason,
        )
        for r in recs
    ]


def milestone_rows(did: str, milestones: Sequence[Milestone], source: str) -> list[MilestoneRow]:
    return [
        MilestoneRow(
            milestone_id=stable_id(did, m.ordinal, m.text),
            decision_id=did,
            ordinal=m.ordinal,
            source=source,
            page=None,
            start=m.start,
            end=m.end,
            text=m.text,
            status=m.status,
            from_period=m.from_period,
            to_period=m.to_period,
            due=m.due,
            confidence=m.confidence,
        )
        for m in milestones
    ]


def reference_rows(did: str, refs: Sequence[Reference], source: str) -> list[ReferenceRow]:
    """Citation edges; ``cited_url`` is filled once every decision of the build is known."""
    return [
        ReferenceRow(
            reference_id=stable_id(did, ref.code),
            decision_id=did,
            cited_code=ref.code,
            cited_decision_id=code_to_id(ref.code),
            cited_url=None,
            relation=ref.relation,
            raw=ref.raw,
            source=source,
            start=ref.start,
            end=ref.end,
            confidence=ref.confidence,
        )
        for ref in refs
    ]


def entity_rows(did: str, entities: Sequence[Entity], source: str) -> list[EntityRow]:
    return [
        EntityRow(
            entity_id=stable_id(did, e.label, e.start, e.text),
            decision_id=did,
            label=e.label,
            text=e.text,
            normalised=e.normalised,
            role=e.role,
            source=source,
            start=e.start,
            end=e.end,
            confidence=e.confidence,
        )
        for e in entities
    ]


def table_line_rows(did: str, lines: Sequence[TableLine], source: str) -> list[TableLineRow]:
    return [
        TableLineRow(
            line_id=stable_id(did, source, t.table_index, t.row_index, t.column),
            decision_id=did,
            source=source,
            table_index=t.table_index,
            row_index=t.row_index,
            label=t.label,
            column=t.column,
            financial_year=t.financial_year,
            raw=t.raw,
            value=money(t.value),
            value_pence=pence(t.value),
            scale=int(t.scale),
            is_total=t.is_total,
            page=t.page,
        )
        for t in lines
    ]


# -- version history --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Snapshot:
    """What ``decision_versions`` compares between two versions of a page."""

    title: str | None
    values: tuple[Decimal, ...]
    distinct: tuple[Decimal, ...]
    recommendations: tuple[str, ...]


def snapshot(page: DecisionPage) -> Snapshot:
    return Snapshot(
        title=page.header.title,
        values=tuple(a.value for a in page.amounts),
        distinct=tuple(a.value for a in page.amounts if a.duplicate_of is None),
        recommendations=tuple(r.text for r in page.recommendations),
    )


def version_rows(
    did: str, versions: Sequence[tuple[Version, Snapshot | None]], current_sha256: str
) -> list[DecisionVersionRow]:
    """One row per stored version of a page (oldest first), each compared with the last readable one
    before it; a version that could not be read (snapshot None) says so and changes nothing.

    >>> from datetime import datetime, UTC
    >>> t = datetime(2026, 1, 1, tzinfo=UTC)
    >>> v = lambda sha: Version("u", sha, "text/html", 200, 1, "decision", None, None, None, t, t)
    >>> a = Snapshot("Grant", (Decimal(5),), (Decimal(5),), ("Approve",))
    >>> b = Snapshot("Grant", (Decimal(7),), (Decimal(7),), ("Approve",))
    >>> rows = version_rows("pcd-1", [(v("s1"), a), (v("s2"), b)], "s2")
    >>> [(r.version, r.title_changed, r.amounts_added, r.amounts_removed) for r in rows]
    [(1, None, [], []), (2, False, [Decimal('7.00')], [Decimal('5.00')])]
    """
    out: list[DecisionVersionRow] = []
    previous: Snapshot | None = None
    for n, (v, snap) in enumerate(versions, start=1):
        changed = previous is not None and snap is not None
        prev_values = Counter(previous.values) if previous else Counter[Decimal]()
        values = Counter(snap.values) if snap else Counter[Decimal]()
        title_changed = snap.title != previous.title if snap and previous else None
        out.append(
            DecisionVersionRow(
                version_id=stable_id(v.url, v.sha256),
                decision_id=did,
                url=v.url,
                sha256=v.sha256,
                version=n,
                n_versions=len(versions),
                is_current=v.sha256 == current_sha256,
                first_seen=v.first_seen,
                last_seen=v.last_seen,
                parse_status="ok" if snap else "error",
                title=snap.title if snap else None,
                n_amounts=len(snap.values) if snap else None,
                amounts_total=money(sum(snap.distinct, Decimal(0))) if snap else None,
                n_recommendations=len(snap.recommendations) if snap else None,
                title_changed=title_changed,
                previous_title=previous.title if title_changed and previous else None,
                amounts_added=[money(x) for x in sorted((values - prev_values).elements())]
                if changed
                else [],
                amounts_removed=[money(x) for x in sorted((prev_values - values).elements())]
                if changed
                else [],
                recommendations_changed=snap.recommendations != previous.recommendations
                if snap and previous
                else None,
            )
        )
        previous = snap or previous
    return out
