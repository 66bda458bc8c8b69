"""Dataset rows → Parquet files + ``datapackage.json``, written atomically.

The whole dataset is written into a fresh temporary directory beside ``out``, every file fsynced, then
swapped in with renames: a build interrupted at any point leaves the previous dataset intact, and
readers never see a half-written table. Each Parquet file carries key-value metadata (schema version,
package version, build time, source base URL, row counts).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import __version__
from pipeline.errors import BuildError
from schemas.datapackage import datapackage
from schemas.tables import SCHEMA_VERSION, TABLES, to_table

METADATA_PREFIX = "mopac_decisions."


def write_dataset(
    out: Path, rows: Mapping[str, Sequence[object]], *, base_url: str, built_at: datetime | None = None
) -> dict[str, int]:
    """Write every table of ``rows`` to ``out/<table>.parquet`` atomically; returns row counts."""
    built_at = built_at or datetime.now(UTC)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    tables = {name: to_table(name, list(rows.get(name, []))) for name in TABLES}
    counts = {name: t.num_rows for name, t in tables.items()}
    meta = {
        "schema_version": SCHEMA_VERSION,
        "package_version": __version__,
        "built_at": built_at.isoformat(),
        "source_base_url": base_url,
        "row_counts": json.dumps(counts, sort_keys=True),
    }
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a dataset is as readable as any directory
    try:
        for name, table in tables.items():
            _write_table(tmp / f"{name}.parquet", table, {**meta, "table": name})
        package = datapackage(counts, meta)
        _write_bytes(tmp / "datapackage.json", json.dumps(package, indent=2, sort_keys=True).encode() + b"\n")
        _fsync_dir(tmp)
        _swap(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(
            f"could not write the dataset to {out}: {exc}; check free space and permissions"
        ) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return counts


def _write_table(path: Path, table: pa.Table, meta: Mapping[str, str]) -> None:
    schema_meta = dict(table.schema.metadata or {})
    schema_meta.update({(METADATA_PREFIX + k).encode(): v.encode() for k, v in meta.items()})
    table = table.replace_schema_metadata(schema_meta)
    with path.open("wb") as fh:
        pq.write_table(table, fh, compression="zstd", use_dictionary=True, write_statistics=True)
        fh.flush()
        os.fsync(fh.fileno())


def _write_bytes(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a reader sees the old file or the new one, never half of one
    (temp file beside it, fsync, rename, fsync the directory); permissions as for any new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap(new: Path, out: Path) -> None:
    """Put ``new`` at ``out``: the old dataset is renamed aside first and removed only after."""
    old: Path | None = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
    try:
        os.replace(new, out)
    except OSError:
        if old is not None:
            os.replace(old, out)  # put the previous dataset back
        raise
    _fsync_dir(out.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def recover(out: Path) -> None:
    """Finish or undo a swap cut short: restore the previous dataset, drop stale temporary directories."""
    olds = sorted(out.parent.glob(f".{out.name}.old-*"))
    if not out.exists() and olds:
        os.replace(olds[-1], out)
        olds = olds[:-1]
    for stale in [*olds, *out.parent.glob(f".{out.name}.tmp-*")]:
        shutil.rmtree(stale, ignore_errors=True)


def read_metadata(path: Path) -> dict[str, str]:
    """The pipeline's key-value metadata of one Parquet file."""
    raw = pq.read_schema(path).metadata or {}
    return {
        k.decode()[len(METADATA_PREFIX) :]: v.decode()
        for k, v in raw.items()
        if k.decode().startswith(METADATA_PREFIX)
    }
