"""``decisions query``: DuckDB over the Parquet dataset, every table registered as a view.

Views: one per table (``decisions``, ``amounts``, ...), plus ``decision_versions`` (each stored version of
each decision page, with what changed against the previous one where the build recorded it).
"""

from __future__ import annotations

from pathlib import Path

import csv
import io
import json

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
            f"{data}: no dataset here (missing {', '.join(missing)}); run `decisions build --out {data}` first"
        )
    con = duckdb.connect(":memory:")
    for name in TABLES:
        path = str((data / f"{name}.parquet").resolve()).replace("'", "''")
        con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{path}')")
    con.execute(
        """
        CREATE VIEW decision_versions AS
        SELECT d.decision_id, v.url, v.sha256, v.first_seen, v.last_seen,
               row_number() OVER (PARTITION BY v.url ORDER BY v.first_seen, v.sha256) AS version,
               count(*) OVER (PARTITION BY v.url) AS versions,
               v.sha256 = d.html_sha256 AS is_current
        FROM documents v JOIN decisions d ON v.url = d.url
        WHERE v.role = 'decision'
        """
    )
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
