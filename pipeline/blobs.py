"""The raw store's blob files: every response body once, under ``blobs/ab/cd/<sha256>``.

:class:`BlobFiles` is mixed into :class:`pipeline.store.Store`, which sets ``blobs`` (the directory),
``tmp`` (where blobs are written before their rename) and ``fsync``. Blob file names are the sha256 of
the bytes and nothing else: no part of a URL ever reaches the file system. These methods touch only
files (never SQLite), so :meth:`BlobFiles.put_blob` may run in a fetch thread while the crawl thread
commits state.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from pipeline.errors import StoreError


class BlobFiles:
    """Content-addressed blob files (a mixin of :class:`pipeline.store.Store`)."""

    blobs: Path  # blobs/ under the store root
    tmp: Path  # tmp/ under the store root: blobs being written
    fsync: bool  # make each blob durable (file and directory) before put_blob returns

    def blob_path(self, sha256: str) -> Path:
        return self.blobs / sha256[:2] / sha256[2:4] / sha256

    def put_blob(self, data: bytes) -> str:
        """Store ``data`` once under its sha256 (atomic: temp file, fsync, rename); return the hash.

        Thread-safe (files only). An existing blob is never rewritten: same name, same bytes.
        """
        sha = hashlib.sha256(data).hexdigest()
        path = self.blob_path(sha)
        if path.exists():
            return sha
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix=sha[:16], suffix=".part")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    if self.fsync:
                        os.fsync(out.fileno())
                os.replace(tmp_name, path)
            except BaseException:
                Path(tmp_name).unlink(missing_ok=True)
                raise
            if self.fsync:  # the rename itself is durable only once the directory is synced
                dir_fd = os.open(path.parent, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        except OSError as exc:
            raise StoreError(
                f"{self.blobs}: cannot write a blob ({exc}); free disk space or fix permissions"
            ) from exc
        return sha

    def has_blob(self, sha256: str) -> bool:
        return self.blob_path(sha256).is_file()

    def read_blob(self, sha256: str) -> bytes:
        try:
            return self.blob_path(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise StoreError(
                f"blob {sha256} is missing from {self.blobs}; re-run the crawl to fetch it"
            ) from exc

    def verify_blob(self, sha256: str) -> bool:
        """Whether the blob exists and its bytes still hash to its name."""
        path = self.blob_path(sha256)
        return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256

    def blob_files(self) -> list[Path]:
        """Every file under ``blobs/`` (for checks: each should be named by the sha256 of its bytes)."""
        return sorted(p for p in self.blobs.rglob("*") if p.is_file())
