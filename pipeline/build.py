"""Raw store → dataset rows: parse every stored page and PDF, extract, reconcile, and collect errors.

One decision = its latest decision-page version plus the PDFs that page links. Reconciliation rules
(where the page and its signed PDF disagree, the row's ``conflicts`` says so):

- ``date_signed``: the signed PDF's signature block wins (it is the act of signing); the page's date is
  used when there is no readable PDF date.
- ``title``: the page wins (it is what the archive publishes); a different PDF title is a conflict.
- ``recommendations``, ``milestones``, ``amounts``, ``table_lines``: from the page when it has any, else
  from the PDF (older pages only say "Please refer to PDF below"); differing counts are conflicts.
- ``decision_maker``: the page's "Decision by:", else the PDF's signer.

Nothing is dropped: a page or PDF that cannot be read becomes a row in ``errors`` with its reason, and
its document row says ``parse_status``; ``--strict`` makes the first such error raise instead.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from extractors.codes import decision_id as code_to_id
from extractors.header import Header, read_header
from extractors.money import Amount, find_amounts
from extractors.recommendations import find_recommendations
from extractors.signature import Signature, read_signature
from extractors.table_lines import TableLine, find_table_lines
from pipeline.errors import PipelineError
from pipeline.parse import parse_document
from pipeline.parse.model import Document
from pipeline.rows import (
    Snapshot,
    amount_rows,
    entity_rows,
    headline_value,
    milestone_rows,
    recommendation_rows,
    reference_rows,
    snapshot,
    table_line_rows,
    version_rows,
)
from pipeline.settings import Settings
from pipeline.sources.mopac import DecisionPage, parse_decision_page
from pipeline.store import Store, Version
from schemas.tables import (
    AmountRow,
    DecisionRow,
    DecisionVersionRow,
    DocumentRow,
    EntityRow,
    ErrorRow,
    MilestoneRow,
    RecommendationRow,
    ReferenceRow,
    TableLineRow,
)
from schemas.values import pence, stable_id

_CODE_PARTS = re.compile(r"^(?P<type>[A-Z]+) (?P<num>\d+)(?:[ -](?P<second>\d+))?$")


@dataclass
class Rows:
    """Every table's rows, filled by :func:`build_rows`."""

    decisions: list[DecisionRow] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    amounts: list[AmountRow] = field(default_factory=list)
    recommendations: list[RecommendationRow] = field(default_factory=list)
    milestones: list[MilestoneRow] = field(default_factory=list)
    references: list[ReferenceRow] = field(default_factory=list)
    table_lines: list[TableLineRow] = field(default_factory=list)
    entities: list[EntityRow] = field(default_factory=list)
    errors: list[ErrorRow] = field(default_factory=list)
    decision_versions: list[DecisionVersionRow] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[object]]:
        return {name: list(getattr(self, name)) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class PdfReading:
    """What the build took from one linked PDF."""

    version: Version
    doc: Document
    header: Header  # the signed form's own code and "Title:" field
    signature: Signature | None
    amounts: tuple[Amount, ...]
    n_recommendations: int
    table_lines: tuple[TableLine, ...]


def url_decision_id(url: str) -> str:
    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


class Builder:
    """Builds rows from a store; ``on_progress`` is called once per decision page."""

    def __init__(self, store: Store, settings: Settings, on_progress: Callable[[str], None] | None = None):
        self.store = store
        self.settings = settings
        self.on_progress = on_progress or (lambda _url: None)
        self.rows = Rows()
        self._parse_status: dict[tuple[str, str], tuple[str, str | None, int | None]] = {}
        self._owner: dict[str, str] = {}  # url → decision_id

    # -- errors -----------------------------------------------------------------------------------
    def _error(
        self,
        stage: str,
        exc: PipelineError | None,
        *,
        reason: str | None = None,
        message: str = "",
        url: str | None = None,
        decision_id: str | None = None,
        sha256: str | None = None,
        status: int | None = None,
        when: datetime | None = None,
    ) -> None:
        if exc is not None and self.settings.strict:
            raise exc
        reason = reason or (exc.reason if exc else "error")
        message = message or (exc.message if exc else reason)
        self.rows.errors.append(
            ErrorRow(
                error_id=stable_id(stage, reason, url, sha256, message),
                stage=stage,
                reason=reason,
                message=message,
                url=url,
                decision_id=decision_id,
                sha256=sha256,
                status=status,
                when=when,
            )
        )

    # -- parsing ----------------------------------------------------------------------------------
    def _parse(self, version: Version) -> Document | None:
        try:
            data = self.store.read_blob(version.sha256)
            doc = parse_document(
                data,
                version.url,
                content_type=version.content_type,
                pdf_timeout=self.settings.pdf_timeout,
                pdf_max_pages=self.settings.pdf_max_pages,
            )
        except PipelineError as exc:
            self._parse_status[(version.url, version.sha256)] = (
                "needs_ocr" if exc.reason == "needs_ocr" else "error",
                exc.reason,
                None,
            )
            self._error("parse", exc, url=version.url, sha256=version.sha256)
            return None
        self._parse_status[(version.url, version.sha256)] = ("ok", None, doc.pages or None)
        return doc

    def _read_pdf(self, version: Version) -> PdfReading | None:
        doc = self._parse(version)
        if doc is None:
            return None
        return PdfReading(
            version=version,
            doc=doc,
            header=read_header(doc.text),
            signature=read_signature(doc.text),
            amounts=tuple(find_amounts(doc.text)),
            n_recommendations=len(find_recommendations(doc.text)),
            table_lines=tuple(find_table_lines(doc)),
        )

    # -- the build --------------------------------------------------------------------------------
    def run(self) -> Rows:
        pages = self.store.latest_versions("decision")
        documents = self.store.latest_versions("document")
        by_parent: dict[str, list[Version]] = defaultdict(list)
        for v in documents:
            if v.parent_url:
                by_parent[v.parent_url].append(v)
        seen_ids: set[str] = set()
        for version in pages:
            self.on_progress(version.url)
            self._decision(version, by_parent.get(version.url, []), seen_ids)
        self._resolve_references()
        self._documents()
        self._crawl_errors()
        self._sort()
        return self.rows

    def _decision(self, version: Version, pdfs: Sequence[Version], seen_ids: set[str]) -> None:
        doc = self._parse(version)
        if doc is None:
            return
        try:
            page = parse_decision_page(doc, listing_code=version.reference_code)
        except PipelineError as exc:
            self._parse_status[(version.url, version.sha256)] = ("error", exc.reason, None)
            self._error("extract", exc, url=version.url, sha256=version.sha256)
            return
        readings = [r for r in (self._read_pdf(v) for v in pdfs) if r is not None]
        signed = next((r for r in readings if _link_kind(page, r.version.url) == "signed_decision"), None)
        signed = signed or (readings[0] if readings else None)
        flags = list(page.header.flags)
        if page.header.reference_code is None and signed is not None:
            # the page shows no code anywhere, but its signed form does ("DMPC Decision – PCD 1240")
            pdf_code = signed.header.reference_code
            if pdf_code is not None:
                page = dataclasses.replace(
                    page, header=dataclasses.replace(page.header, reference_code=pdf_code, code_source="pdf")
                )
                flags.append("code_from_pdf")
        code = page.header.reference_code
        did = code_to_id(code) if code else url_decision_id(version.url)
        if did in seen_ids:
            flags.append(f"duplicate_code:{code}")
            self._error(
                "build",
                None,
                reason="duplicate_code",
                url=version.url,
                message=f"{version.url}: reference code {code} is also on another page; "
                "kept both, this one keyed by its URL",
            )
            did = url_decision_id(version.url)
        seen_ids.add(did)
        self._owner[version.url] = did
        for v in pdfs:
            self._owner[v.url] = did
        self._rows_for(did, version, page, signed, flags)
        self._history(did, version, page)

    def _rows_for(
        self, did: str, version: Version, page: DecisionPage, pdf: PdfReading | None, flags: list[str]
    ) -> None:
        h = page.header
        conflicts: list[str] = []
        sig = pdf.signature if pdf else None
        date_signed, date_source = h.date_signed, ("html" if h.date_signed else None)
        if sig and sig.date_signed:
            if h.date_signed and h.date_signed != sig.date_signed:
                conflicts.append(f"date_signed:html={h.date_signed};pdf={sig.date_signed};winner=pdf")
            date_signed, date_source = sig.date_signed, "pdf"
        maker = h.decision_maker or (sig.signer if sig else None)
        provenance = _provenance(h, _kind(version), sig if date_source == "pdf" else None, pdf)
        if sig and pdf and not h.decision_maker and sig.signer and sig.start >= 0:
            provenance.append(_span("decision_maker", "pdf", pdf.doc, sig.start, sig.end))
        if pdf:
            pdf_title = pdf.header.title
            if h.title and pdf_title and _norm(pdf_title) != _norm(h.title):
                conflicts.append(f"title:html={h.title};pdf={pdf_title};winner=html")
        # amounts: page first, else PDF
        amounts, amount_source, amount_doc = list(page.amounts), _kind(version), None
        if pdf:
            html_sum = sorted(a.value for a in page.amounts)
            pdf_sum = sorted(a.value for a in pdf.amounts)
            if page.amounts and pdf.amounts and html_sum != pdf_sum:
                conflicts.append(f"amounts:html={len(page.amounts)};pdf={len(pdf.amounts)};winner=html")
            if not amounts and pdf.amounts:
                amounts, amount_source, amount_doc = list(pdf.amounts), "pdf", pdf.doc
            if (
                page.recommendations
                and pdf.n_recommendations
                and len(page.recommendations) != pdf.n_recommendations
            ):
                conflicts.append(
                    f"recommendations:html={len(page.recommendations)};"
                    f"pdf={pdf.n_recommendations};winner=html"
                )
        r = self.rows
        r.amounts += amount_rows(did, amounts, amount_source, amount_doc)
        recs = list(page.recommendations)
        rec_source, rec_doc = _kind(version), None
        if not recs and pdf:
            recs, rec_source, rec_doc = find_recommendations(pdf.doc.text), "pdf", pdf.doc
        r.recommendations += recommendation_rows(did, recs, rec_source, rec_doc, amounts, amount_source)
        r.milestones += milestone_rows(did, page.milestones, _kind(version))
        r.references += reference_rows(did, page.references, _kind(version))
        r.entities += entity_rows(did, page.entities, _kind(version))
        lines, line_source = list(page.table_lines), _kind(version)
        if not lines and pdf and pdf.table_lines:
            lines, line_source = list(pdf.table_lines), "pdf"
        r.table_lines += table_line_rows(did, lines, line_source)
        hv = headline_value(amounts)
        ctype, cnum = _code_parts(h.reference_code)
        signed_link = next((d for d in page.documents if d.kind == "signed_decision"), None)
        self.rows.decisions.append(
            DecisionRow(
                decision_id=did,
                reference_code=h.reference_code,
                code_type=ctype,
                code_number=cnum,
                code_source=h.code_source,
                title=h.title,
                title_source=_kind(version) if h.title else None,
                decision_maker=maker,
                decision_maker_role=h.decision_maker_role,
                date_signed=date_signed,
                date_signed_source=date_source,
                date_published=h.date_published,
                summary=page.summary,
                url=version.url,
                pdf_url=(pdf.version.url if pdf else signed_link.url if signed_link else None),
                era=page.era,
                part2=page.part2 or bool(sig and sig.part2),
                n_recommendations=len(recs),
                n_amounts=len(amounts),
                headline_value=hv,
                headline_value_pence=pence(hv) if hv is not None else None,
                html_sha256=version.sha256,
                pdf_sha256=pdf.version.sha256 if pdf else None,
                first_seen=version.first_seen,
                last_seen=version.last_seen,
                conflicts=conflicts,
                flags=flags,
                confidence=h.confidence,
                provenance=provenance,
            )
        )

    def _history(self, did: str, current: Version, page: DecisionPage) -> None:
        """``decision_versions`` rows: every stored version of the page, read with the same extractors
        (one that cannot be read is marked so; its failure is history, so no ``errors`` row)."""
        versions = [
            (v, snapshot(page) if v.sha256 == current.sha256 else self._old_snapshot(v))
            for v in self.store.versions(current.url)
        ]
        self.rows.decision_versions += version_rows(did, versions, current.sha256)

    def _old_snapshot(self, version: Version) -> Snapshot | None:
        try:
            data = self.store.read_blob(version.sha256)
            doc = parse_document(data, version.url, content_type=version.content_type)
            snap = snapshot(parse_decision_page(doc, require_anchors=False))
        except PipelineError as exc:
            self._parse_status[(version.url, version.sha256)] = ("error", exc.reason, None)
            return None
        self._parse_status[(version.url, version.sha256)] = ("ok", None, doc.pages or None)
        return snap

    def _resolve_references(self) -> None:
        url_of = {d.decision_id: d.url for d in self.rows.decisions}
        self.rows.references = [
            ReferenceRow(**{**r.__dict__, "cited_url": url_of.get(r.cited_decision_id)})
            for r in self.rows.references
        ]

    def _documents(self) -> None:
        for v in self.store.versions():
            status, reason, pages = self._parse_status.get((v.url, v.sha256), ("not_parsed", None, None))
            if v.role == "listing":
                status = "listing"
            self.rows.documents.append(
                DocumentRow(
                    document_id=stable_id(v.url, v.sha256),
                    decision_id=self._owner.get(v.url)
                    or (self._owner.get(v.parent_url) if v.parent_url else None),
                    url=v.url,
                    role=v.role,
                    kind=_kind(v),
                    link_kind=None,
                    link_text=v.link_text,
                    sha256=v.sha256,
                    bytes=v.size,
                    content_type=v.content_type,
                    pages=pages,
                    first_seen=v.first_seen,
                    last_seen=v.last_seen,
                    parse_status=status,
                    parse_reason=reason,
                )
            )

    def _crawl_errors(self) -> None:
        for e in self.store.errors():
            self._error(
                "crawl",
                None,
                reason=e.reason,
                message=e.message,
                url=e.url,
                status=e.status,
                when=e.when,
                decision_id=self._owner.get(e.parent_url or "") if e.parent_url else None,
            )

    def _sort(self) -> None:
        r = self.rows
        r.decisions.sort(key=lambda x: x.decision_id)
        r.documents.sort(key=lambda x: (x.url, x.first_seen, x.sha256))
        r.amounts.sort(key=lambda x: (x.decision_id, x.source, x.ordinal))
        r.recommendations.sort(key=lambda x: (x.decision_id, x.ordinal))
        r.milestones.sort(key=lambda x: (x.decision_id, x.ordinal))
        r.references.sort(key=lambda x: (x.decision_id, x.start, x.cited_code))
        r.table_lines.sort(key=lambda x: (x.decision_id, x.table_index, x.row_index, x.column))
        r.entities.sort(key=lambda x: (x.decision_id, x.start, x.label))
        r.errors.sort(key=lambda x: (x.stage, x.url or "", x.reason, x.error_id))
        r.decision_versions.sort(key=lambda x: (x.decision_id, x.url, x.version))


def build_rows(store: Store, settings: Settings, on_progress: Callable[[str], None] | None = None) -> Rows:
    """Every dataset row from the raw store."""
    return Builder(store, settings, on_progress).run()


def _kind(version: Version) -> str:
    ctype = version.content_type.lower()
    return "pdf" if "pdf" in ctype or version.url.lower().endswith(".pdf") else "html"


def _link_kind(page: DecisionPage, url: str) -> str | None:
    return next((d.kind for d in page.documents if d.url == url), None)


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w£]+", " ", s.lower()).split())


_HEADER_FIELDS = (
    "reference_code",
    "title",
    "decision_maker",
    "decision_maker_role",
    "date_signed",
    "date_published",
)


def _span(name: str, source: str, doc: Document | None, start: int, end: int) -> dict[str, object]:
    page = doc.page_at(start) if doc is not None and source == "pdf" else None
    return {"field": name, "source": source, "page": page, "start": start, "end": end}


def _provenance(
    h: Header, kind: str, sig: Signature | None, pdf: PdfReading | None
) -> list[dict[str, object]]:
    """Where each header field was read: the page's spans, the listing (no span), the signature block."""
    out: list[dict[str, object]] = []
    for name in _HEADER_FIELDS:
        if name == "date_signed" and sig is not None and pdf is not None:
            out.append(_span(name, "pdf", pdf.doc, sig.start, sig.end))
        elif name in h.spans and h.spans[name][0] >= 0:
            out.append(_span(name, kind, None, *h.spans[name]))
        elif name == "reference_code" and h.code_source == "listing":
            out.append({"field": name, "source": "listing", "page": None, "start": None, "end": None})
    return out


def _code_parts(code: str | None) -> tuple[str | None, int | None]:
    m = _CODE_PARTS.match(code or "")
    if not m:
        return None, None
    return m.group("type"), int(m.group("second") or m.group("num"))


def build_dataset(
    store_dir: Path, out: Path, settings: Settings, on_progress: Callable[[str], None] | None = None
) -> tuple[Rows, dict[str, int]]:
    """Raw store in ``store_dir`` → Parquet dataset in ``out`` (atomically); the rows and per-table counts."""
    from pipeline.write import write_dataset

    with Store(store_dir) as store:
        rows = build_rows(store, settings, on_progress)
    counts = write_dataset(out, rows.as_dict(), base_url=settings.base_url)
    return rows, counts
