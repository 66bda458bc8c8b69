"""What the fetcher may ask and when: the rules behind :class:`pipeline.fetch.Fetcher`, each small and pure.

:func:`canonical_url` and :func:`origin_of` (the unit robots.txt and the rate limit apply to),
:class:`HostPolicy` (the allow-list), :class:`RateLimiter` (minimum interval per host, and a host held
back by a ``Retry-After``), :func:`robots_rules` (RFC 9309 reading of a robots.txt response) and
:func:`retry_after_seconds` (reading a ``Retry-After`` header). None of them touches the network.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from pipeline.errors import FetchError
from pipeline.settings import Settings

DEFAULT_PORTS = {"http": 80, "https": 443}

ALLOW_ALL = "User-agent: *\nAllow: /\n"
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


def canonical_url(url: str) -> str:
    """``url`` with scheme and host lower-cased, user info, default port and fragment dropped, empty path
    as ``/``. Raises :class:`~pipeline.errors.FetchError` (reason ``bad_url``) for what is not a URL.

    Dropping user info matters for the fence: ``http://a.example\\@b.example/`` is read by this module
    and by httpx alike only once it is rebuilt from the parsed host.

    >>> canonical_url("HTTPS://WWW.London.gov.uk:443/pcd-1?page=2#top")
    'https://www.london.gov.uk/pcd-1?page=2'
    >>> canonical_url("http://127.0.0.1:8000")
    'http://127.0.0.1:8000/'
    >>> canonical_url("http://user:pw@[::1]:8080/a")
    'http://[::1]:8080/a'
    >>> canonical_url("http://host:port/")
    Traceback (most recent call last):
    pipeline.errors.FetchError: http://host:port/: not a valid URL (Port could not be cast ...)
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})", source=url, reason="bad_url") from exc
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url`` (the unit robots.txt and the rate limit apply to).

    >>> origin_of("https://www.london.gov.uk/a/b?c=1")
    'https://www.london.gov.uk'
    """
    parts = urlsplit(canonical_url(url))
    return f"{parts.scheme}://{parts.netloc}"


class HostPolicy:
    """The allow-list: settings' hosts (on their scheme's default port) plus the base URL's exact origin."""

    def __init__(self, settings: Settings) -> None:
        allowed: set[tuple[str, int | None]] = set()
        for entry in (*settings.allowed_hosts, *settings.extra_hosts):
            host, _, port = entry.strip().lower().partition(":")
            allowed.add((host, int(port) if port else None))
        base = urlsplit(settings.base_url)
        allowed.add(((base.hostname or "").lower(), base.port or DEFAULT_PORTS.get(base.scheme.lower())))
        self._allowed = frozenset(allowed)

    def allows(self, url: str) -> bool:
        """Whether ``url`` may be contacted: http(s), and host (and port, when one is listed) allowed.

        >>> from pipeline.settings import Settings
        >>> policy = HostPolicy(Settings(base_url="http://127.0.0.1:8000"))
        >>> policy.allows("https://london.gov.uk/x"), policy.allows("http://127.0.0.1:8000/x")
        (True, True)
        >>> policy.allows("http://127.0.0.1:9000/x"), policy.allows("https://evil.example/x")
        (False, False)
        """
        try:
            parts = urlsplit(url)
            port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 0)
        except ValueError:
            return False
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS or not parts.hostname:
            return False
        host = parts.hostname.lower()
        if (host, port) in self._allowed:
            return True
        # a bare host name on the list means that host on the scheme's default port
        return (host, None) in self._allowed and port == DEFAULT_PORTS[scheme]


class RateLimiter:
    """At most ``rate`` request starts per second per host (0 = no limit); thread-safe."""

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate = rate
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, *, min_interval: float = 0.0) -> float:
        """Block until ``host`` may be asked again; return the seconds waited.

        ``min_interval`` (seconds, e.g. a robots.txt Crawl-delay) only ever lengthens the interval.
        """
        interval = max(1.0 / self.rate if self.rate > 0 else 0.0, min_interval)
        if interval <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + interval
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return delay

    def defer(self, host: str, seconds: float) -> None:
        """Hold ``host`` back for ``seconds`` from now (a ``Retry-After``), whatever the rate."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + seconds)

    def wait_deferred(self, host: str) -> float:
        """Block while ``host`` is held back by :meth:`defer` (with the rate limit off too)."""
        with self._lock:
            now = self._clock()
            delay = self._next.get(host, now) - now
        if delay > 0:
            self._sleep(delay)
            return delay
        return 0.0


def robots_rules(status: int | None, body: bytes) -> Protego:
    """Rules from a robots.txt response, read as RFC 9309 says.

    2xx: the file's rules; 4xx: no rules (allow all), except 429 (too many requests), read like 5xx as
    Google does; 5xx or unreachable (``status`` None): disallow all.

    >>> robots_rules(404, b"").can_fetch("https://x.org/a", "bot")
    True
    >>> [robots_rules(status, b"").can_fetch("https://x.org/a", "bot") for status in (None, 429, 503)]
    [False, False, False]
    >>> robots_rules(200, b"User-agent: *\\nDisallow: /search").can_fetch("https://x.org/search?q=1", "bot")
    False
    """
    if status is not None and 200 <= status < 300:
        return Protego.parse(body.decode("utf-8", errors="replace"))
    if status is not None and 400 <= status < 500 and status != 429:
        return Protego.parse(ALLOW_ALL)
    return Protego.parse(DISALLOW_ALL)


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or HTTP-date), None if absent or bad.

    >>> retry_after_seconds("7")
    7.0
    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=datetime(2015, 10, 21, 7, 28, tzinfo=UTC))
    10.0
    >>> retry_after_seconds("soon") is None
    True
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
