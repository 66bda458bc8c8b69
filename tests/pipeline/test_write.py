"""Parquet writer: exact round trips through pyarrow, DuckDB, pandas and polars; atomic, idempotent writes."""

from __future__ import annotations

import dataclasses
import os
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import write
from pipeline.write import read_metadata, recover, write_dataset
from schemas.tables import TABLES, AmountRow, DecisionRow
from schemas.values import pence

WHEN = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def decision(did: str, value: Decimal | None) -> DecisionRow:
    return DecisionRow(
        decision_id=did,
        reference_code=did.upper().replace("-", " "),
        code_type="PCD",
        code_number=1,
        code_source="key_info",
        title="A title",
        title_source="html",
        decision_maker="Sophie Linden",
        decision_maker_role=None,
        date_signed=date(2022, 4, 3),
        date_signed_source="pdf",
        date_published=None,
        summary=None,
        url=f"http://127.0.0.1/{did}",
        pdf_url=None,
        era="2022+",
        part2=False,
        n_recommendations=1,
        n_amounts=1,
        headline_value=value,
        headline_value_pence=pence(value) if value else None,
        html_sha256="ab" * 32,
        pdf_sha256=None,
        first_seen=WHEN,
        last_seen=WHEN,
        conflicts=[],
        flags=["x"],
        confidence=1.0,
    )


def amount(i: int, value: Decimal, *, table: bool = False) -> AmountRow:
    return AmountRow(
        amount_id=f"a{i}",
        decision_id="pcd-1",
        ordinal=i + 1,
        source="html",
        page=None,
        start=i,
        end=i + 3,
        text=f"£{value}",
        value=value,
        value_pence=pence(value),
        currency="GBP",
        table=table,
        scale=1,
        qualifier="exact",
        vat=None,
        period=None,
        financial_year="2021/22",
        quarter=None,
        range_with_id=None,
        role="component",
        duplicate_of_id=None,
        confidence=1.0,
        reason=None,
    )


AMOUNTS = [
    amount(0, Decimal("1183000.00")),
    amount(1, Decimal("-450000.00"), table=True),
    amount(2, Decimal("222415.13")),
    amount(3, Decimal("15158000000.00")),
]
EXPECTED_SUM = sum((a.value for a in AMOUNTS), Decimal(0))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data") / "out"
    write_dataset(
        out,
        {"amounts": AMOUNTS, "decisions": [decision("pcd-1", Decimal("1183000"))]},
        base_url="http://127.0.0.1:1",
    )
    return out


def test_every_table_is_written_with_its_schema_and_metadata(dataset: Path) -> None:
    for name, (_record, schema) in TABLES.items():
        path = dataset / f"{name}.parquet"
        assert pq.read_schema(path).remove_metadata().equals(
            schema.remove_metadata(), check_metadata=False
        ) or [f.type for f in pq.read_schema(path)] == [f.type for f in schema]
        meta = read_metadata(path)
        assert meta["table"] == name
        assert meta["schema_version"] and meta["source_base_url"] == "http://127.0.0.1:1"
    assert (dataset / "datapackage.json").exists()


def test_pyarrow_reads_exact_decimals(dataset: Path) -> None:
    values = pq.read_table(dataset / "amounts.parquet").column("value").to_pylist()
    assert values == [a.value for a in AMOUNTS]


def test_duckdb_sums_exactly(dataset: Path) -> None:
    con = duckdb.connect()
    path = str(dataset / "amounts.parquet")
    total, pence_total = con.execute(
        f"SELECT sum(value), sum(value_pence) FROM read_parquet('{path}')"
    ).fetchall()[0]
    assert total == EXPECTED_SUM
    assert pence_total == pence(EXPECTED_SUM)


def test_pandas_with_arrow_dtypes_sums_exactly(dataset: Path) -> None:
    df = pd.read_parquet(dataset / "amounts.parquet", dtype_backend="pyarrow")
    assert Decimal(str(df["value"].sum())) == EXPECTED_SUM
    assert int(df["value_pence"].sum()) == pence(EXPECTED_SUM)


def test_polars_sums_exactly(dataset: Path) -> None:
    df = pl.read_parquet(dataset / "amounts.parquet")
    assert df["value"].dtype == pl.Decimal(18, 2)
    assert Decimal(str(df["value"].sum())) == EXPECTED_SUM
    assert df.filter(pl.col("table"))["value"].to_list() == [Decimal("-450000.00")]


def test_an_interrupted_write_leaves_the_previous_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_dataset(out, {"amounts": AMOUNTS[:1]}, base_url="x")
    before = pq.read_table(out / "amounts.parquet").to_pylist()
    calls = {"n": 0}
    real = write._write_table

    def fail_on_third(path: Path, *args: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(write, "_write_table", fail_on_third)
    with pytest.raises(Exception, match="could not write the dataset"):
        write_dataset(out, {"amounts": AMOUNTS}, base_url="x")
    assert pq.read_table(out / "amounts.parquet").to_pylist() == before
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_recover_restores_a_dataset_moved_aside_by_a_killed_swap(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_dataset(out, {"amounts": AMOUNTS}, base_url="x")
    os.replace(out, tmp_path / ".out.old-123")  # killed between the two renames
    (tmp_path / ".out.tmp-abc").mkdir()
    recover(out)
    assert pq.read_table(out / "amounts.parquet").num_rows == len(AMOUNTS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_writing_twice_gives_identical_rows(tmp_path: Path) -> None:
    rows = {"amounts": AMOUNTS, "decisions": [decision("pcd-1", None)]}
    write_dataset(tmp_path / "a", rows, base_url="x")
    write_dataset(tmp_path / "b", rows, base_url="x")
    for name in TABLES:
        assert pq.read_table(tmp_path / "a" / f"{name}.parquet").equals(
            pq.read_table(tmp_path / "b" / f"{name}.parquet")
        )


money = st.decimals(
    min_value=Decimal("-99999999999999.99"),
    max_value=Decimal("99999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(money, max_size=8), fy=st.none() | st.sampled_from(["2021/22", "2024/25"]))
def test_amount_rows_round_trip_exactly(tmp_path: Path, values: list[Decimal], fy: str | None) -> None:
    rows = [dataclasses.replace(amount(i, v), financial_year=fy) for i, v in enumerate(values)]
    out = tmp_path / "rt"
    write_dataset(out, {"amounts": rows}, base_url="x")
    back = pq.read_table(out / "amounts.parquet").to_pylist()
    assert [AmountRow(**r) for r in back] == rows


def test_the_dataset_and_dashboard_are_as_readable_as_any_new_file(tmp_path: Path) -> None:
    import os
    import stat

    from pipeline.write import atomic_write_bytes

    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        write_dataset(out, {"amounts": AMOUNTS[:1]}, base_url="x")
        atomic_write_bytes(tmp_path / "page.html", b"<p>x</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o644}
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o644
