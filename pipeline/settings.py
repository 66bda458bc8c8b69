"""Every default of the pipeline, in one place, with units.

Each setting can be overridden by an environment variable ``DECISIONS_<NAME>`` (upper case) and,
where the CLI exposes it, by a command-line option (CLI > environment > default).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import ConfigError

# The live archive. Listing pages are LISTING_PATH?page=N, N from 0.
BASE_URL = "https://www.london.gov.uk"
LISTING_PATH = (
    "/programmes-strategies/mayors-office-policing-and-crime-mopac/"
    "mopac-governance-and-decision-making/mopac-decisions"
)
CONTACT_URL = "https://github.com/mopac-decisions/mopac-decisions"


@dataclass(frozen=True)
class Settings:
    """Run settings; construct with :func:`load` to apply environment overrides."""

    base_url: str = BASE_URL
    # hosts that may ever be contacted; the base URL's host is added at run time
    allowed_hosts: tuple[str, ...] = ("london.gov.uk", "www.london.gov.uk")
    user_agent: str = f"mopac-decisions/0.1 (+{CONTACT_URL}; research archive crawler)"
    rate: float = 1.0  # requests per second per host; 0 = no limit (local servers only)
    connect_timeout: float = 10.0  # seconds
    read_timeout: float = 30.0  # seconds, between bytes
    retries: int = 4  # attempts after the first, on 429/5xx/connection errors
    backoff_base: float = 1.0  # seconds; exponential: base * 2**attempt, plus jitter
    backoff_max: float = 60.0  # seconds, cap on one wait (also caps Retry-After)
    max_body_bytes: int = 50 * 1024 * 1024  # 50 MB per response
    max_redirects: int = 5  # per request
    request_timeout: float = 300.0  # seconds, whole response (a server trickling bytes is cut off)
    backoff_jitter: float = 1.0  # seconds, upper bound of the random amount added to each backoff (never
    # more than backoff_base, so a tiny base for local tests keeps retries tiny)
    obey_robots: bool = True
    robots_ttl: float = 24.0  # hours a stored robots.txt (or its 4xx) is reused before asking again
    fsync: bool = True  # fsync each blob and its directory before the crawl state is committed
    store_dir: str = "store"  # raw store root: blobs/ and state.sqlite
    settled_days: int = 90  # a listing entry unchanged and older than this is not re-fetched
    fetch_ahead: int = 2  # responses fetched ahead (one request in flight at a time, rate limit still
    # applies) while the previous page is stored and parsed; 0 = strictly one step after another
    pdf_timeout: float = 60.0  # seconds per PDF before it is abandoned
    pdf_max_pages: int = 500  # pages read per PDF; the rest is recorded as truncated
    strict: bool = False  # raise on the first bad input instead of recording it

    extra_hosts: tuple[str, ...] = field(default=())

    def with_(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied, ignoring ``None`` values (unset CLI options)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(value: str, default: object) -> object:
    if isinstance(default, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    if isinstance(default, tuple):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return value


def load(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``DECISIONS_*`` environment variables, then ``overrides`` (non-None only).

    >>> load({"DECISIONS_RATE": "0"}).rate
    0.0
    >>> load({}, rate=2.5).rate
    2.5
    """
    env = os.environ if environ is None else environ
    base = Settings()
    changes: dict[str, object] = {}
    for f in dataclasses.fields(Settings):
        raw = env.get(f"DECISIONS_{f.name.upper()}")
        if raw is not None:
            changes[f.name] = _coerce_named(f.name, raw, f"DECISIONS_{f.name.upper()}")
    return base.with_(**changes).with_(**overrides)


def _coerce_named(name: str, raw: str, where: str) -> object:
    try:
        return _coerce(raw, getattr(Settings(), name))
    except ValueError as exc:
        kind = type(getattr(Settings(), name)).__name__
        raise ConfigError(f"{where}={raw!r}: {name} takes a {kind} value") from exc


def parse_overrides(pairs: Sequence[str]) -> dict[str, object]:
    """``NAME=VALUE`` pairs (the CLI's ``--set``) as setting overrides, typed like the defaults.

    >>> parse_overrides(["read-timeout=5", "allowed_hosts=a.test,b.test"])
    {'read_timeout': 5.0, 'allowed_hosts': ('a.test', 'b.test')}
    >>> parse_overrides(["speed=9"])
    Traceback (most recent call last):
    ...
    pipeline.errors.ConfigError: --set speed=9: no such setting; see `decisions settings`
    """
    names = {f.name for f in dataclasses.fields(Settings)}
    out: dict[str, object] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        key = name.strip().lower().replace("-", "_")
        if not sep or key not in names:
            raise ConfigError(f"--set {pair}: no such setting; see `decisions settings`")
        out[key] = _coerce_named(key, raw.strip(), f"--set {key}")
    return out


def describe(settings: Settings) -> list[tuple[str, str, str]]:
    """(name, value, environment variable) of every setting, for ``decisions settings``."""
    return [
        (f.name, repr(getattr(settings, f.name)), f"DECISIONS_{f.name.upper()}")
        for f in dataclasses.fields(Settings)
    ]
