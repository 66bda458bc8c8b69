"""Extract one local file (``.html``, ``.pdf`` or saved page ``.txt``) into a JSON-ready record.

This is the library behind ``decisions extract``: decision pages give the header fields, recommendations,
amounts, milestones and references (the shape ``../shared/corpus/score.py`` reads); listing pages give
``kind: "listing"`` with the results line and entries.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

from extractors.listing import is_listing, read_listing
from extractors.signature import read_signature
from pipeline.errors import LayoutChanged
from pipeline.parse import parse_document
from pipeline.parse.model import Document
from pipeline.sources.mopac import DecisionPage, parse_decision_page

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


def jsonable(value: object) -> JsonValue:
    """Dataclasses, Decimals and dates → plain JSON values (Decimals as exact strings).

    >>> jsonable({"v": Decimal("1183000"), "d": date(2022, 4, 3), "t": (1, 2)})
    {'v': '1183000', 'd': '2022-04-03', 't': [1, 2]}
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def extract_document(doc: Document) -> dict[str, JsonValue]:
    """The record for one parsed document."""
    if doc.kind != "pdf" and is_listing(doc.text):
        return listing_record(doc)
    try:
        page = parse_decision_page(doc)
    except LayoutChanged:
        if doc.kind != "pdf":
            raise
        # a signed-decision PDF need not show the page's labels: read what the form shows
        page = parse_decision_page(doc, require_anchors=False)
    return decision_record(page, doc)


def extract_path(path: Path) -> dict[str, JsonValue]:
    """Parse and extract one file; raises a PipelineError subclass on unreadable input."""
    data = path.read_bytes()
    doc = parse_document(data, str(path))
    return {"file": str(path), **extract_document(doc)}


def listing_record(doc: Document) -> dict[str, JsonValue]:
    listing = read_listing(doc.text)
    entries: list[JsonValue] = []
    for e in listing.entries:
        url = next((lk.href for lk in doc.links if e.start <= lk.start < e.end), e.url)
        entries.append(
            {
                "reference_code": e.reference_code,
                "title": e.title,
                "url": url,
                "date_signed": jsonable(e.date_signed),
                "date_published": jsonable(e.date_published),
            }
        )
    return {
        "kind": "listing",
        "total_results": listing.total_results,
        "first": listing.first,
        "last": listing.last,
        "entries": entries,
    }


def decision_record(page: DecisionPage, doc: Document) -> dict[str, JsonValue]:
    h = page.header
    # a signed form read as PDF, or its text saved as .txt, has a signature block with the date signed
    signature = read_signature(doc.text) if doc.kind in ("pdf", "text") else None
    date_signed = h.date_signed or (signature.date_signed if signature else None)
    maker = h.decision_maker or (signature.signer if signature else None)
    return {
        "kind": "decision",
        "source": doc.kind,
        "reference_code": h.reference_code,
        "code_source": h.code_source,
        "title": h.title,
        "decision_maker": maker,
        "decision_maker_role": h.decision_maker_role or (signature.role if signature else None),
        "date_signed": jsonable(date_signed),
        "date_published": jsonable(h.date_published),
        "era": page.era,
        "summary": page.summary,
        # the signed form answers "Is there a Part 2 form?" itself; its answer beats a passing mention
        "part2": signature.part2 if signature and signature.part2_text else page.part2,
        "flags": list(h.flags),
        "confidence": h.confidence,
        "recommendations": [
            {
                "ordinal": r.ordinal,
                "text": r.text,
                "verb": r.verb,
                "marker": r.marker,
                "start": r.start,
                "end": r.end,
                "confidence": r.confidence,
                "reason": r.reason,
            }
            for r in page.recommendations
        ],
        "amounts": [_amount(a, doc) for a in page.amounts],
        "milestones": [jsonable(m) for m in page.milestones],
        "references": [
            {"code": r.code, "raw": r.raw, "relation": r.relation, "start": r.start, "end": r.end}
            for r in page.references
        ],
        "entities": [
            {
                "label": e.label,
                "text": e.text,
                "normalised": e.normalised,
                "role": e.role,
                "start": e.start,
                "end": e.end,
            }
            for e in page.entities
        ],
        "table_lines": [jsonable(t) for t in page.table_lines],
        "documents": [jsonable(d) for d in page.documents],
        "signature": jsonable(signature),
    }


def _amount(a: object, doc: Document) -> JsonValue:
    record = jsonable(a)
    if isinstance(record, dict) and doc.kind == "pdf":
        start = record.get("start")
        record["page"] = doc.page_at(start) if isinstance(start, int) else None
    return record
