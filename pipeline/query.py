"""``decisions query``: DuckDB over the Parquet dataset, every table registered as a view.

Views: one per table (``decisions``, ``amounts``, ..., ``decision_versions`` — each stored version of each
decision page with what changed against the version before it).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pyarrow as pa
from rich.console import Console
from rich.table import Table

from pipeline.errors import BuildError
from schemas.tables import TABLES


def connect(data: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table of the dataset in ``data``."""
    data = Path(data)
    missing = [name for name in TABLES if not (data / f"{name}.parquet").exists()]
    if missing:
        raise BuildError(
            f"{data}: no dataset here (missing {', '.join(missing)}); "
            f"run `decisions build --out {data}` first"
        )
    con = duckdb.connect(":memory:")
    for name in TABLES:
        path = str((data / f"{name}.parquet").resolve()).replace("'", "''")
        con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{path}')")
    return con


def run_query(data: Path, sql: str) -> pa.Table:
    """Run ``sql`` against the dataset; the result as an Arrow table (decimals stay exact)."""
    con = connect(data)
    try:
        relation = con.sql(sql)
        return relation.to_arrow_table() if relation is not None else pa.table({})
    except duckdb.Error as exc:
        raise BuildError(f"query failed: {exc}") from exc
    finally:
        con.close()


def format_result(result: pa.Table, fmt: str, console: Console) -> None:
    """Print ``result`` as a rich table, CSV or JSON Lines; decimals printed exactly."""
    rows = result.to_pylist()
    names = result.column_names
    if fmt == "json":
        for row in rows:
            console.print(json.dumps(row, default=str, ensure_ascii=False), highlight=False, soft_wrap=True)
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if row[n] is None else row[n] for n in names])
        console.print(buf.getvalue(), end="", highlight=False, soft_wrap=True, markup=False)
        return
    table = Table(show_edge=False)
    for n in names:
        table.add_column(n, overflow="fold")
    for row in rows:
        table.add_row(*("" if row[n] is None else str(row[n]) for n in names))
    console.print(table)
    console.print(f"{len(rows)} row(s)", style="dim")


# Columns that change with every crawl or build, left out of per-decision records so they compare across runs.
VOLATILE = frozenset({"first_seen", "last_seen", "when"})
_CHILD_TABLES = ("amounts", "recommendations", "milestones", "references", "table_lines", "entities")


def decision_records(data: Path, *, base_url: str = "") -> dict[str, dict[str, object]]:
    """Every decision with its child rows, as plain JSON-ready dicts keyed by ``decision_id``.

    Decimals become exact strings and dates ISO strings; volatile columns are dropped. This is what
    ``samples/expected/<decision_id>.json`` holds for the sample archive. URLs starting with ``base_url``
    are made root-relative, so records compare across servers.
    """
    import pyarrow.parquet as pq

    def plain(row: dict[str, object]) -> dict[str, object]:
        out: dict[str, object] = {}
        for k, v in row.items():
            if k in VOLATILE:
                continue
            if hasattr(v, "isoformat"):
                v = v.isoformat()
            elif v is not None and type(v).__name__ == "Decimal":
                v = format(v, "f")
            elif base_url and isinstance(v, str) and v.startswith(base_url):
                v = v[len(base_url.rstrip("/")) :]
            out[k] = v
        return out

    records: dict[str, dict[str, object]] = {}
    for row in pq.read_table(Path(data) / "decisions.parquet").to_pylist():
        did = str(row["decision_id"])
        records[did] = {"decision": plain(row), **{name: [] for name in _CHILD_TABLES}}
    for name in _CHILD_TABLES:
        for row in pq.read_table(Path(data) / f"{name}.parquet").to_pylist():
            rec = records.get(str(row["decision_id"]))
            if rec is not None:
                children = rec[name]
                assert isinstance(children, list)
                children.append(plain(row))
    return records
