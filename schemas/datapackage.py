"""A Frictionless Data Package descriptor (``datapackage.json``) generated from the pyarrow schemas."""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from schemas.tables import SCHEMA_VERSION, TABLES

_KEYS = {
    "decisions": ["decision_id"],
    "documents": ["document_id"],
    "amounts": ["amount_id"],
    "recommendations": ["recommendation_id"],
    "milestones": ["milestone_id"],
    "references": ["reference_id"],
    "table_lines": ["line_id"],
    "entities": ["entity_id"],
    "errors": ["error_id"],
    "decision_versions": ["version_id"],
}


def field_descriptor(field: pa.Field) -> dict[str, object]:
    """Table Schema field for one pyarrow field.

    >>> field_descriptor(pa.field("value", pa.decimal128(18, 2), nullable=False))["type"]
    'number'
    """
    t = field.type
    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        kind = "string"
    elif pa.types.is_boolean(t):
        kind = "boolean"
    elif pa.types.is_integer(t):
        kind = "integer"
    elif pa.types.is_floating(t) or pa.types.is_decimal(t):
        kind = "number"
    elif pa.types.is_date(t):
        kind = "date"
    elif pa.types.is_timestamp(t):
        kind = "datetime"
    elif pa.types.is_list(t):
        kind = "array"
    else:
        kind = "any"
    out: dict[str, object] = {"name": field.name, "type": kind, "arrowType": str(field.type)}
    desc = (field.metadata or {}).get(b"description")
    if desc:
        out["description"] = desc.decode()
    if not field.nullable:
        out["constraints"] = {"required": True}
    return out


def datapackage(counts: Mapping[str, int], meta: Mapping[str, str]) -> dict[str, object]:
    """The descriptor for a dataset with ``counts`` rows per table."""
    resources = []
    for name, (_record, schema) in TABLES.items():
        resources.append(
            {
                "name": name,
                "path": f"{name}.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "schema": {
                    "fields": [field_descriptor(f) for f in schema],
                    "primaryKey": _KEYS[name],
                },
                "stats": {"rows": counts.get(name, 0)},
            }
        )
    return {
        "name": "mopac-decisions",
        "title": "Decisions of the Deputy Mayor for Policing and Crime (MOPAC), as typed tables",
        "version": SCHEMA_VERSION,
        "created": meta.get("built_at", ""),
        "sources": [{"title": "MOPAC decisions on london.gov.uk", "path": meta.get("source_base_url", "")}],
        "resources": resources,
    }
