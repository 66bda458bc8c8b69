"""The dataset contract: one record type and one explicit pyarrow schema per table.

Conventions (documented for users in ``schemas/README.md`` and ``datapackage.json``):
- keys: ``decision_id`` from the reference code (``pcd-1240``; ``url-<sha1>`` where a page has no code);
  every other ``*_id`` is a hash of the row's content and position, so the same input gives the same ids;
- money: ``value`` as ``decimal128(18, 2)`` pounds **and** ``value_pence`` as ``int64``;
- dates ``date32``; timestamps ``timestamp[us, UTC]``; low-cardinality strings dictionary-encoded;
- provenance: ``source`` (``html``/``pdf``/``text``), ``page`` (PDF, 1-based), ``start``/``end`` (character
  span in that document's reading text), ``confidence`` in [0, 1] and ``reason`` where not certain.

Changing a table: bump ``SCHEMA_VERSION`` and add a line to ``schemas/CHANGELOG``; within a major version
changes are additive only (new nullable columns at the end).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pyarrow as pa

SCHEMA_VERSION = "1.0.0"

MONEY = pa.decimal128(18, 2)
TS = pa.timestamp("us", tz="UTC")
DICT = pa.dictionary(pa.int32(), pa.string())
SPAN = [pa.field("start", pa.int32()), pa.field("end", pa.int32())]


def _f(name: str, type_: pa.DataType, nullable: bool = True, doc: str = "") -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": doc} if doc else None)


# -- decisions --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DecisionRow:
    decision_id: str
    reference_code: str | None
    code_type: str | None
    code_number: int | None
    code_source: str
    title: str | None
    title_source: str | None
    decision_maker: str | None
    decision_maker_role: str | None
    date_signed: date | None
    date_signed_source: str | None
    date_published: date | None
    summary: str | None
    url: str
    pdf_url: str | None
    era: str | None
    part2: bool
    n_recommendations: int
    n_amounts: int
    headline_value: Decimal | None
    headline_value_pence: int | None
    html_sha256: str | None
    pdf_sha256: str | None
    first_seen: datetime | None
    last_seen: datetime | None
    conflicts: list[str]
    flags: list[str]
    confidence: float
    provenance: list[dict[str, object]] = dataclasses.field(default_factory=list)


PROVENANCE = pa.struct(
    [
        pa.field("field", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("page", pa.int32()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
    ]
)

DECISIONS = pa.schema(
    [
        _f("decision_id", pa.string(), False, "Stable key: lower-case reference code, or url-<sha1 of URL>"),
        _f("reference_code", pa.string(), doc="Canonical code, e.g. 'PCD 1240', 'DMPCD 2015 132'"),
        _f("code_type", DICT, doc="PCD, DMPCD, MD, ..."),
        _f("code_number", pa.int32(), doc="The decision number (for DMPCD: the number within its year)"),
        _f(
            "code_source",
            DICT,
            False,
            "Where the code was read: key_info, form, title, listing, signed_document, unlabelled, pdf",
        ),
        _f("title", pa.string(), doc="Title without its leading code"),
        _f("title_source", DICT, doc="html or pdf: which document the title was taken from"),
        _f("decision_maker", pa.string(), doc="Name only, e.g. 'Sophie Linden'"),
        _f("decision_maker_role", pa.string(), doc="Role as printed"),
        _f("date_signed", pa.date32(), doc="From the page, else the signed PDF's signature block"),
        _f("date_signed_source", DICT, doc="html or pdf"),
        _f("date_published", pa.date32()),
        _f("summary", pa.string(), doc="First paragraph of the executive summary"),
        _f("url", pa.string(), False, "The decision page's URL"),
        _f("pdf_url", pa.string(), doc="The signed decision document's URL"),
        _f("era", DICT, doc="Page template era: 2013-2020, 2018-2022, 2022+ (from the labels shown)"),
        _f("part2", pa.bool_(), False, "A Part 2 / exempt report or appendix is mentioned"),
        _f("n_recommendations", pa.int32(), False),
        _f("n_amounts", pa.int32(), False),
        _f("headline_value", MONEY, doc="Sum of distinct headline amounts (pounds)"),
        _f("headline_value_pence", pa.int64()),
        _f("html_sha256", pa.string(), doc="sha256 of the page version this row came from"),
        _f("pdf_sha256", pa.string()),
        _f("first_seen", TS, doc="When this page version was first fetched (UTC)"),
        _f("last_seen", TS, doc="When this page version was last seen unchanged (UTC)"),
        _f(
            "conflicts",
            pa.list_(pa.string()),
            doc="HTML↔PDF disagreements: 'field:html=...;pdf=...;winner=...'",
        ),
        _f("flags", pa.list_(pa.string()), doc="Oddities noted while reading the page"),
        _f("confidence", pa.float64(), False, "Lowest confidence of the header fields, 0-1"),
        _f(
            "provenance",
            pa.list_(PROVENANCE),
            False,
            "Where each header field was read: field, source (html/text/pdf/listing), PDF page, character "
            "span in that document's reading text (null where the value came from the listing)",
        ),
    ]
)


# -- amounts ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AmountRow:
    amount_id: str
    decision_id: str
    ordinal: int
    source: str
    page: int | None
    start: int
    end: int
    text: str
    value: Decimal
    value_pence: int
    currency: str
    table: bool
    scale: int
    qualifier: str
    vat: str | None
    period: str | None
    financial_year: str | None
    quarter: str | None
    range_with_id: str | None
    role: str
    duplicate_of_id: str | None
    confidence: float
    reason: str | None


AMOUNTS = pa.schema(
    [
        _f("amount_id", pa.string(), False, "Stable id: hash of decision, source, ordinal and text"),
        _f("decision_id", pa.string(), False),
        _f("ordinal", pa.int32(), False, "Position in reading order within its source document, from 1"),
        _f("source", DICT, False, "html, pdf or text"),
        _f("page", pa.int32(), doc="PDF page, 1-based"),
        *SPAN,
        _f("text", pa.string(), False, "The amount as printed"),
        _f("value", MONEY, False, "Value in currency units (pounds), scale applied, signed"),
        _f("value_pence", pa.int64(), False, "Value in pence (minor units)"),
        _f("currency", DICT, False, "ISO 4217 code: GBP, EUR, USD"),
        _f("table", pa.bool_(), False, "Came from a £000/£k table (cells ×1000)"),
        _f("scale", pa.int64(), False, "Multiplier applied to the printed number: 1, 1000, 1000000, ..."),
        _f("qualifier", DICT, False, "exact, cap ('up to'), estimate ('circa')"),
        _f("vat", DICT, doc="exclusive, inclusive, net"),
        _f("period", DICT, doc="per annum, over three years, ..."),
        _f("financial_year", DICT, doc="e.g. 2021/22"),
        _f("quarter", DICT, doc="Q1-Q4 where stated"),
        _f("range_with_id", pa.string(), doc="amount_id of the other end of a range"),
        _f("role", DICT, False, "headline, component, previous_approval, budget_line, total, threshold"),
        _f(
            "duplicate_of_id",
            pa.string(),
            doc="amount_id of an earlier mention of the same sum: do not add twice",
        ),
        _f("confidence", pa.float64(), False),
        _f("reason", pa.string(), doc="Why confidence < 1"),
    ]
)


# -- recommendations -------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecommendationRow:
    recommendation_id: str
    decision_id: str
    ordinal: int
    source: str
    page: int | None
    start: int
    end: int
    text: str
    verb: str | None
    marker: str
    n_amounts: int
    confidence: float
    reason: str | None


RECOMMENDATIONS = pa.schema(
    [
        _f("recommendation_id", pa.string(), False),
        _f("decision_id", pa.string(), False),
        _f("ordinal", pa.int32(), False),
        _f("source", DICT, False),
        _f("page", pa.int32()),
        *SPAN,
        _f("text", pa.string(), False, "The item as written, without its number or bullet"),
        _f("verb", DICT, doc="approve, note, agree, delegate, ..."),
        _f("marker", pa.string(), False, "The list marker as printed ('1.', 'a)', '•', '' for a sentence)"),
        _f("n_amounts", pa.int32(), False, "Money amounts inside the item"),
        _f("confidence", pa.float64(), False),
        _f("reason", pa.string()),
    ]
)


# -- milestones -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MilestoneRow:
    milestone_id: str
    decision_id: str
    ordinal: int
    source: str
    page: int | None
    start: int
    end: int
    text: str
    status: str
    from_period: str | None
    to_period: str | None
    due: str | None
    confidence: float


MILESTONES = pa.schema(
    [
        _f("milestone_id", pa.string(), False),
        _f("decision_id", pa.string(), False),
        _f("ordinal", pa.int32(), False),
        _f("source", DICT, False),
        _f("page", pa.int32()),
        *SPAN,
        _f("text", pa.string(), False),
        _f("status", DICT, False, "planned, carried_over, rescheduled, completed"),
        _f("from_period", pa.string(), doc="Period it was due in before (e.g. 'Q4 2021/22')"),
        _f("to_period", pa.string(), doc="Period it moved to (e.g. '2022/23')"),
        _f("due", pa.string(), doc="Due date or period stated on the item"),
        _f("confidence", pa.float64(), False),
    ]
)


# -- references (the citation graph) ----------------------------------------------------------------
@dataclass(frozen=True)
class ReferenceRow:
    reference_id: str
    decision_id: str
    cited_code: str
    cited_decision_id: str
    cited_url: str | None
    relation: str
    raw: str
    source: str
    start: int
    end: int
    confidence: float


REFERENCES = pa.schema(
    [
        _f("reference_id", pa.string(), False),
        _f("decision_id", pa.string(), False, "The citing decision"),
        _f("cited_code", pa.string(), False, "Canonical code of the cited decision"),
        _f("cited_decision_id", pa.string(), False),
        _f("cited_url", pa.string(), doc="URL of the cited decision where it is in the dataset"),
        _f("relation", DICT, False, "cites, varies, extends, supersedes, approved_earlier"),
        _f("raw", pa.string(), False, "As printed"),
        _f("source", DICT, False),
        *SPAN,
        _f("confidence", pa.float64(), False),
    ]
)


# -- documents (every fetched version) ------------------------------------------------------------
@dataclass(frozen=True)
class DocumentRow:
    document_id: str
    decision_id: str | None
    url: str
    role: str
    kind: str
    link_kind: str | None
    link_text: str | None
    sha256: str
    bytes: int
    content_type: str
    pages: int | None
    first_seen: datetime
    last_seen: datetime
    parse_status: str
    parse_reason: str | None


DOCUMENTS = pa.schema(
    [
        _f("document_id", pa.string(), False, "sha256 of URL and content"),
        _f("decision_id", pa.string(), doc="The decision this document belongs to (null for listing pages)"),
        _f("url", pa.string(), False),
        _f("role", DICT, False, "listing, decision, document"),
        _f("kind", DICT, False, "html, pdf, text"),
        _f("link_kind", DICT, doc="signed_decision, appendix, document"),
        _f("link_text", pa.string()),
        _f("sha256", pa.string(), False, "Key of the raw bytes in the store"),
        _f("bytes", pa.int64(), False),
        _f("content_type", DICT, False),
        _f("pages", pa.int32(), doc="PDF page count"),
        _f("first_seen", TS, False),
        _f("last_seen", TS, False),
        _f("parse_status", DICT, False, "ok, needs_ocr, error, not_parsed"),
        _f("parse_reason", pa.string(), doc="Why the document was not parsed fully"),
    ]
)


# -- table lines ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TableLineRow:
    line_id: str
    decision_id: str
    source: str
    table_index: int
    row_index: int
    label: str
    column: str
    financial_year: str | None
    raw: str
    value: Decimal
    value_pence: int
    scale: int
    is_total: bool
    page: int | None


TABLE_LINES = pa.schema(
    [
        _f("line_id", pa.string(), False),
        _f("decision_id", pa.string(), False),
        _f("source", DICT, False),
        _f("table_index", pa.int32(), False),
        _f("row_index", pa.int32(), False),
        _f("label", pa.string(), False, "Row label"),
        _f("column", pa.string(), False, "Column header"),
        _f("financial_year", DICT),
        _f("raw", pa.string(), False, "Cell as printed"),
        _f("value", MONEY, False),
        _f("value_pence", pa.int64(), False),
        _f("scale", pa.int64(), False),
        _f("is_total", pa.bool_(), False),
        _f("page", pa.int32()),
    ]
)


# -- entities ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EntityRow:
    entity_id: str
    decision_id: str
    label: str
    text: str
    normalised: str
    role: str | None
    source: str
    start: int
    end: int
    confidence: float


ENTITIES = pa.schema(
    [
        _f("entity_id", pa.string(), False),
        _f("decision_id", pa.string(), False),
        _f("label", DICT, False, "ORG, LAW, FY, PERSON"),
        _f("text", pa.string(), False),
        _f("normalised", pa.string(), False),
        _f("role", DICT, doc="funder, recipient, counterparty (what the text says the organisation does)"),
        _f("source", DICT, False),
        *SPAN,
        _f("confidence", pa.float64(), False),
    ]
)


# -- errors -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ErrorRow:
    error_id: str
    stage: str
    reason: str
    message: str
    url: str | None
    decision_id: str | None
    sha256: str | None
    status: int | None
    when: datetime | None


ERRORS = pa.schema(
    [
        _f("error_id", pa.string(), False),
        _f("stage", DICT, False, "crawl, parse, extract, build"),
        _f(
            "reason",
            DICT,
            False,
            "Machine-readable reason, e.g. needs_ocr, pdf_error, http_error, layout_changed",
        ),
        _f("message", pa.string(), False, "What went wrong and what to do"),
        _f("url", pa.string()),
        _f("decision_id", pa.string()),
        _f("sha256", pa.string()),
        _f("status", pa.int32(), doc="HTTP status where relevant"),
        _f("when", TS),
    ]
)


# -- decision_versions -------------------------------------------------------------------------------
@dataclass(frozen=True)
class DecisionVersionRow:
    version_id: str
    decision_id: str
    url: str
    sha256: str
    version: int
    n_versions: int
    is_current: bool
    first_seen: datetime
    last_seen: datetime
    parse_status: str
    title: str | None
    n_amounts: int | None
    amounts_total: Decimal | None
    n_recommendations: int | None
    title_changed: bool | None
    previous_title: str | None
    amounts_added: list[Decimal]
    amounts_removed: list[Decimal]
    recommendations_changed: bool | None


DECISION_VERSIONS = pa.schema(
    [
        _f("version_id", pa.string(), False, "sha256 of URL and content"),
        _f("decision_id", pa.string(), False, "The decision this page version belongs to"),
        _f("url", pa.string(), False, "The decision page's URL"),
        _f("sha256", pa.string(), False, "sha256 of this version's bytes (the raw-store blob)"),
        _f("version", pa.int32(), False, "1 for the first version seen, counting up"),
        _f("n_versions", pa.int32(), False, "How many versions of this page the store holds"),
        _f("is_current", pa.bool_(), False, "Whether this is the version the decision row was built from"),
        _f("first_seen", TS, False, "When the crawler first fetched these bytes"),
        _f("last_seen", TS, False, "When the crawler last saw these bytes (fetched or 304)"),
        _f("parse_status", DICT, False, "ok, or error where the version could not be read"),
        _f("title", pa.string(), doc="Title read from this version"),
        _f("n_amounts", pa.int32(), doc="Money mentions in this version"),
        _f("amounts_total", MONEY, doc="Sum of the distinct (non-restated) amounts of this version, pounds"),
        _f("n_recommendations", pa.int32(), doc="Recommendation items in this version"),
        _f("title_changed", pa.bool_(), doc="Title differs from the previous version (null for the first)"),
        _f("previous_title", pa.string(), doc="The previous version's title where it changed"),
        _f("amounts_added", pa.list_(MONEY), False, "Amount values in this version, not in the previous"),
        _f("amounts_removed", pa.list_(MONEY), False, "Amount values in the previous version, not in this"),
        _f(
            "recommendations_changed",
            pa.bool_(),
            doc="Recommendation texts differ from the previous version (null for the first)",
        ),
    ]
)

TABLES: dict[str, tuple[type, pa.Schema]] = {
    "decisions": (DecisionRow, DECISIONS),
    "documents": (DocumentRow, DOCUMENTS),
    "amounts": (AmountRow, AMOUNTS),
    "recommendations": (RecommendationRow, RECOMMENDATIONS),
    "milestones": (MilestoneRow, MILESTONES),
    "references": (ReferenceRow, REFERENCES),
    "table_lines": (TableLineRow, TABLE_LINES),
    "entities": (EntityRow, ENTITIES),
    "errors": (ErrorRow, ERRORS),
    "decision_versions": (DecisionVersionRow, DECISION_VERSIONS),
}


def to_table(name: str, rows: list[object]) -> pa.Table:
    """Rows (of the table's record type) → a pyarrow Table with the table's exact schema."""
    record, schema = TABLES[name]
    for row in rows[:1]:
        if not isinstance(row, record):
            raise TypeError(f"{name}: expected {record.__name__} rows, got {type(row).__name__}")
    columns = {f.name: [getattr(r, f.name) for r in rows] for f in dataclasses.fields(record)}
    return pa.Table.from_pydict(columns, schema=schema)
