"""The MOPAC decision archive pipeline: crawl → raw store → parse → extract → Parquet.

Stages, in the order data flows: ``sources/`` (one adapter per archive), ``fetch`` (polite HTTP),
``store`` (raw bytes by sha256 + SQLite crawl state), ``crawl`` (walks the archive), ``parse/``
(HTML and PDF → one document model), ``build`` (documents → records), ``write`` (Parquet +
datapackage), ``query``, ``dashboard``, ``report``, ``cli``; ``settings`` and ``errors`` serve all.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mopac-decisions")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
