"""Polite HTTP: one GET at a time per host, on the allow-list, within robots.txt, size and redirect caps.

:class:`Fetcher` is the only thing in the pipeline that talks to the network. Every concern is a small
separate piece (like scrapy's downloader middlewares): :func:`canonical_url`, :class:`HostPolicy` (the
allow-list), :class:`RateLimiter` (minimum interval per host), :func:`robots_rules` (RFC 9309 reading
of a robots.txt response), and the retry policy (tenacity: exponential backoff with jitter on
429/5xx/connection errors, honouring ``Retry-After``). Redirects are followed by hand so each hop's
host is checked before it is contacted.

Policy failures raise :class:`~pipeline.errors.BlockedHost`, :class:`~pipeline.errors.RobotsDenied`,
:class:`~pipeline.errors.TooLarge`; a transport failure that outlives the retries raises
:class:`~pipeline.errors.FetchError` (``reason`` says which). An HTTP error status is *returned*
(after retries, for 429/5xx): the caller decides what a 404 means.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
import tenacity
from protego import Protego

from pipeline.errors import BlockedHost, FetchError, RobotsDenied, TooLarge
from pipeline.settings import Settings

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_PORTS = {"http": 80, "https": 443}
CHUNK_BYTES = 64 * 1024  # read size while streaming a body

ALLOW_ALL = "User-agent: *\nAllow: /\n"
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


def canonical_url(url: str) -> str:
    """``url`` with scheme and host lower-cased, default port and fragment dropped, empty path as ``/``.

    >>> canonical_url("HTTPS://WWW.London.gov.uk:443/pcd-1?page=2#top")
    'https://www.london.gov.uk/pcd-1?page=2'
    >>> canonical_url("http://127.0.0.1:8000")
    'http://127.0.0.1:8000/'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host if parts.port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{parts.port}"
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
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS or not parts.hostname:
            return False
        host = parts.hostname.lower()
        port = parts.port or DEFAULT_PORTS[scheme]
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


def robots_rules(status: int | None, body: bytes) -> Protego:
    """Rules from a robots.txt response, read as RFC 9309 says.

    2xx: the file's rules; 4xx: no rules (allow all); 5xx or unreachable (``status`` None): disallow all.

    >>> robots_rules(404, b"").can_fetch("https://x.org/a", "bot")
    True
    >>> robots_rules(None, b"").can_fetch("https://x.org/a", "bot")
    False
    >>> robots_rules(200, b"User-agent: *\\nDisallow: /search").can_fetch("https://x.org/search?q=1", "bot")
    False
    """
    if status is not None and 200 <= status < 300:
        return Protego.parse(body.decode("utf-8", errors="replace"))
    if status is not None and 400 <= status < 500:
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
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass(frozen=True)
class Response:
    """A final (non-redirect) HTTP response, body fully read."""

    url: str  # as requested (canonical)
    final_url: str  # after redirects
    status: int
    content_type: str
    etag: str | None
    last_modified: str | None
    retry_after: str | None
    body: bytes
    redirects: tuple[str, ...] = ()  # each hop's target, in order
    attempts: int = 1  # requests sent for the last hop (1 + retries)


class _DeadlineExceeded(Exception):
    """The whole-response time limit passed while the body was still arriving."""


# transport failures worth another try; anything else (bad URL, our own caps) is final
_RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, _DeadlineExceeded)


def _is_retryable_status(status: int) -> bool:
    return status == 429 or 500 <= status < 600


def _failure_reason(exc: BaseException) -> str:
    if isinstance(exc, httpx.TimeoutException | _DeadlineExceeded):
        return "timeout"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "protocol_error"  # truncated body, bad framing, peer closed mid-response
    return "connection_error"


class Fetcher:
    """Polite GETs with the settings' limits. Use as a context manager (it owns an ``httpx.Client``).

    ``requests`` counts every request sent (retries and redirect hops included).
    ``robots_loader(origin)`` supplies the rules for an origin (the crawl uses the store as a cache);
    by default robots.txt is fetched once per origin per Fetcher.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        robots_loader: Callable[[str], Protego] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.policy = HostPolicy(settings)
        self.limiter = RateLimiter(settings.rate)
        self.requests = 0
        self._robots: dict[str, Protego] = {}
        self._robots_loader = robots_loader or self._load_robots
        self._lock = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=settings.connect_timeout,
            ),
            follow_redirects=False,
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- robots ---------------------------------------------------------------------------------------
    def fetch_robots(self, origin: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``origin/robots.txt`` (allow-list and caps apply, robots itself does not)."""
        return self.get(f"{origin}/robots.txt", etag=etag, last_modified=last_modified, check_robots=False)

    def _load_robots(self, origin: str) -> Protego:
        try:
            response = self.fetch_robots(origin)
        except (FetchError, TooLarge):
            return robots_rules(None, b"")
        return robots_rules(response.status, response.body)

    def robots(self, origin: str) -> Protego:
        """The rules for ``origin``, loaded once per Fetcher."""
        with self._lock:
            rules = self._robots.get(origin)
        if rules is None:
            rules = self._robots_loader(origin)
            with self._lock:
                self._robots[origin] = rules
        return rules

    def _check(self, url: str, *, check_robots: bool) -> float:
        """Raise if ``url`` may not be contacted; return the robots Crawl-delay (seconds) to respect."""
        if not self.policy.allows(url):
            raise BlockedHost(
                f"{url}: host is not on the allow-list; add it to DECISIONS_EXTRA_HOSTS to crawl it",
                source=url,
            )
        if not (check_robots and self.settings.obey_robots):
            return 0.0
        rules = self.robots(origin_of(url))
        if not rules.can_fetch(url, self.settings.user_agent):
            raise RobotsDenied(f"{url}: robots.txt disallows it for our User-Agent; not fetched", source=url)
        delay = rules.crawl_delay(self.settings.user_agent)
        # with the rate limit off (local test servers only) a Crawl-delay is ignored too
        return float(delay) if delay and self.settings.rate > 0 else 0.0

    # -- GET ------------------------------------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        check_robots: bool = True,
    ) -> Response:
        """GET ``url`` following redirects by hand (each hop checked), conditional when validators given."""
        requested = canonical_url(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = requested
        hops: list[str] = []
        while True:
            crawl_delay = self._check(current, check_robots=check_robots)
            status, resp_headers, body, attempts = self._get_with_retries(current, headers, crawl_delay)
            location = resp_headers.get("location")
            if status in REDIRECT_STATUSES and location:
                target = canonical_url(urljoin(current, location))
                if target == current or target in hops or target == requested:
                    raise FetchError(f"{requested}: redirect loop via {target}", source=requested, reason="redirect_loop")
                if len(hops) >= self.settings.max_redirects:
                    raise FetchError(
                        f"{requested}: more than {self.settings.max_redirects} redirects (DECISIONS_MAX_REDIRECTS)",
                        source=requested,
                        reason="too_many_redirects",
                    )
                hops.append(target)
                current = target
                continue
            return Response(
                url=requested,
                final_url=current,
                status=status,
                content_type=resp_headers.get("content-type", ""),
                etag=resp_headers.get("etag"),
                last_modified=resp_headers.get("last-modified"),
                retry_after=resp_headers.get("retry-after"),
                body=body,
                redirects=tuple(hops),
                attempts=attempts,
            )

    def _wait(self, state: tenacity.RetryCallState) -> float:
        s = self.settings
        backoff = tenacity.wait_exponential_jitter(
            initial=s.backoff_base, max=s.backoff_max, jitter=s.backoff_jitter
        )(state)
        outcome = state.outcome
        if outcome is not None and not outcome.failed:
            asked = retry_after_seconds(outcome.result()[1].get("retry-after"))
            if asked is not None:
                backoff = max(backoff, asked)
        return min(backoff, s.backoff_max)

    def _get_with_retries(
        self, url: str, headers: dict[str, str], crawl_delay: float
    ) -> tuple[int, httpx.Headers, bytes, int]:
        attempts = 0

        def attempt() -> tuple[int, httpx.Headers, bytes, int]:
            nonlocal attempts
            attempts += 1
            status, resp_headers, body = self._attempt(url, headers, crawl_delay)
            return status, resp_headers, body, attempts

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.settings.retries + 1),
            wait=self._wait,
            retry=(
                tenacity.retry_if_exception_type(_RETRYABLE_ERRORS)
                | tenacity.retry_if_result(lambda result: _is_retryable_status(result[0]))
            ),
            # out of attempts: the last response is returned; the last exception re-raised
            retry_error_callback=lambda state: state.outcome.result() if state.outcome else None,
        )
        try:
            result: tuple[int, httpx.Headers, bytes, int] = retrying(attempt)
        except _RETRYABLE_ERRORS as exc:
            reason = _failure_reason(exc)
            raise FetchError(
                f"{url}: {reason.replace('_', ' ')} after {attempts} attempts ({exc or type(exc).__name__})",
                source=url,
                reason=reason,
            ) from exc
        return result

    def _attempt(self, url: str, headers: dict[str, str], crawl_delay: float) -> tuple[int, httpx.Headers, bytes]:
        cap = self.settings.max_body_bytes
        self.limiter.wait(urlsplit(url).netloc, min_interval=crawl_delay)
        with self._lock:
            self.requests += 1
        deadline = time.monotonic() + self.settings.request_timeout
        with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise TooLarge(f"{url}: Content-Length {declared} bytes exceeds the {cap}-byte cap", source=url)
            body = bytearray()
            for chunk in response.iter_bytes(CHUNK_BYTES):
                body += chunk
                if len(body) > cap:
                    raise TooLarge(
                        f"{url}: body passed the {cap}-byte cap (DECISIONS_MAX_BODY_BYTES); aborted", source=url
                    )
                if time.monotonic() > deadline:
                    raise _DeadlineExceeded(f"whole response took over {self.settings.request_timeout} s")
            return response.status_code, response.headers, bytes(body)
