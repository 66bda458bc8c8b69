"""The dataset contract: record types and pyarrow schemas agree, and the datapackage is valid."""

from __future__ import annotations

import dataclasses

import pyarrow as pa
import pytest

from schemas.datapackage import datapackage
from schemas.tables import SCHEMA_VERSION, TABLES


@pytest.mark.parametrize("name", list(TABLES))
def test_record_fields_match_schema_columns(name: str) -> None:
    record, schema = TABLES[name]
    assert [f.name for f in dataclasses.fields(record)] == schema.names


@pytest.mark.parametrize("name", list(TABLES))
def test_money_columns_are_exact_decimals_with_pence(name: str) -> None:
    schema = TABLES[name][1]
    for field in schema:
        if field.name == "value" or field.name.endswith("_value"):
            assert field.type == pa.decimal128(18, 2)
            assert f"{field.name}_pence" in schema.names


def test_datapackage_is_a_valid_frictionless_descriptor() -> None:
    frictionless = pytest.importorskip("frictionless")
    descriptor = datapackage({name: 0 for name in TABLES}, {"built_at": "2026-01-01T00:00:00+00:00"})
    assert [e.message for e in frictionless.Package.metadata_validate(descriptor)] == []
    assert descriptor["version"] == SCHEMA_VERSION
    assert {r["name"] for r in descriptor["resources"]} == set(TABLES)


def test_datapackage_validation_can_fail() -> None:
    frictionless = pytest.importorskip("frictionless")
    descriptor = datapackage({}, {})
    descriptor["resources"] = [{"name": "decisions"}]  # no path: invalid
    assert list(frictionless.Package.metadata_validate(descriptor))
