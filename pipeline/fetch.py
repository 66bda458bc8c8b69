"""Polite HTTP: one GET at a time per host, on the allow-list, within robots.txt, size and redirect caps.

:class:`Fetcher` is the only thing in the pipeline that talks to the network; this module holds it, its
:class:`Response` and the retry policy (tenacity: exponential backoff with jitter on 429/5xx/connection
errors, honouring ``Retry-After``). Every other concern is a small separate piece in
:mod:`pipeline.fetch_policy` (like scrapy's downloader middlewares): :func:`canonical_url`,
:class:`HostPolicy` (the allow-list), :class:`RateLimiter` (minimum interval per host),
:func:`robots_rules` (RFC 9309 reading of a robots.txt response) and :func:`retry_after_seconds`; they
are importable from here too. Redirects are followed by hand so each hop's host is checked before it is
contacted.

Policy failures raise :class:`~pipeline.errors.BlockedHost`, :class:`~pipeline.errors.RobotsDenied`,
:class:`~pipeline.errors.TooLarge`; a transport failure that outlives the retries raises
:class:`~pipeline.errors.FetchError` (``reason`` says which: timeout, connection_error, protocol_error,
redirect_loop, too_many_redirects, bad_url, decoding_error). An HTTP error status is *returned* (after
retries, for 429/5xx): the caller decides what a 404 means. A ``Retry-After`` on a 429/503 holds back
the whole host (every request to it waits), up to ``backoff_max``.
"""

from __future__ import annotations

import functools
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx
import tenacity
from protego import Protego

from pipeline.errors import BlockedHost, FetchError, RobotsDenied, TooLarge
from pipeline.fetch_policy import (
    HostPolicy,
    RateLimiter,
    canonical_url,
    origin_of,
    retry_after_seconds,
    robots_rules,
)
from pipeline.settings import Settings

__all__ = [
    "REDIRECT_STATUSES",
    "Fetcher",
    "HostPolicy",
    "RateLimiter",
    "Response",
    "canonical_url",
    "origin_of",
    "retry_after_seconds",
    "robots_rules",
    "tls_context",
]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The certificate-verifying TLS context, built once per process (loading the CA bundle takes
    ~40 ms, which every crawl and every test would otherwise pay again)."""
    return httpx.create_ssl_context()


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
_Result = tuple[int, httpx.Headers, bytes, int]  # status, headers, body, attempts


def _is_retryable_status(status: int) -> bool:
    return status == 429 or 500 <= status < 600


def _failure_reason(exc: BaseException) -> str:
    if isinstance(exc, httpx.TimeoutException | _DeadlineExceeded):
        return "timeout"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "protocol_error"  # truncated body, bad framing, peer closed mid-response
    if isinstance(exc, httpx.DecodingError):
        return "decoding_error"  # a Content-Encoding that does not decode
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol | httpx.LocalProtocolError | ValueError):
        return "bad_url"  # control characters, an over-long URL, a host name IDNA refuses
    return "connection_error"


class Fetcher:
    """Polite GETs with the settings' limits. Use as a context manager (it owns an ``httpx.Client``).

    ``requests`` counts every request sent (retries and redirect hops included); ``waits`` every pause
    (backoff, Retry-After, rate limit) in seconds. ``robots_loader(origin)`` supplies the rules for an
    origin (the crawl uses the store as a cache); by default robots.txt is fetched once per origin per
    Fetcher. ``sleep`` is how every pause is taken (tests pass a recorder). Thread-safe.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        robots_loader: Callable[[str], Protego] | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.policy = HostPolicy(settings)
        self.requests = 0
        self.waits: list[float] = []
        self._sleep = sleep
        self.limiter = RateLimiter(settings.rate, sleep=self._pause)
        self._robots: dict[str, Protego] = {}
        self._robots_loader = robots_loader or self.load_robots
        # jitter never exceeds the base, so a tiny backoff (local tests) stays tiny
        self._backoff = tenacity.wait_exponential_jitter(
            multiplier=settings.backoff_base,
            max=settings.backoff_max,
            jitter=min(settings.backoff_jitter, settings.backoff_base),
        )
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
            verify=tls_context(),
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
    def fetch_robots(
        self, origin: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """GET ``origin/robots.txt`` (allow-list and caps apply, robots itself does not)."""
        return self.get(f"{origin}/robots.txt", etag=etag, last_modified=last_modified, check_robots=False)

    def load_robots(self, origin: str) -> Protego:
        """Fetch and read ``origin``'s robots.txt (uncached; unreachable means disallow all)."""
        try:
            response = self.fetch_robots(origin)
        except FetchError:  # BlockedHost and TooLarge included
            return robots_rules(None, b"")
        return robots_rules(response.status, response.body)

    def _pause(self, seconds: float) -> None:
        with self._lock:
            self.waits.append(seconds)
        self._sleep(seconds)

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
        """GET ``url`` following redirects by hand (each hop checked), conditional when validators given.

        Validators are sent to the first URL only: a redirect target is asked unconditionally.
        """
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
                try:
                    target = canonical_url(urljoin(current, location))
                except (FetchError, ValueError) as exc:
                    raise FetchError(
                        f"{requested}: redirect to an invalid URL {location!r}",
                        source=requested,
                        reason="bad_url",
                    ) from exc
                if target in (current, requested) or target in hops:
                    raise FetchError(
                        f"{requested}: redirect loop via {target}", source=requested, reason="redirect_loop"
                    )
                if len(hops) >= self.settings.max_redirects:
                    raise FetchError(
                        f"{requested}: more than {self.settings.max_redirects} redirects "
                        "(DECISIONS_MAX_REDIRECTS)",
                        source=requested,
                        reason="too_many_redirects",
                    )
                hops.append(target)
                current = target
                headers = {}
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

    def _wait(self, state: tenacity.RetryCallState, url: str) -> float:
        """Seconds before the next attempt: exponential backoff with jitter. A ``Retry-After`` (capped by
        backoff_max) holds back the whole host instead: the next request to it waits the rest."""
        s = self.settings
        backoff: float = self._backoff(state)
        outcome = state.outcome
        if outcome is not None and not outcome.failed:
            result: _Result = outcome.result()
            asked = retry_after_seconds(result[1].get("retry-after"))
            if asked is not None and asked > 0:
                self.limiter.defer(urlsplit(url).netloc, min(asked, s.backoff_max))
        return min(backoff, s.backoff_max)

    def _get_with_retries(self, url: str, headers: dict[str, str], crawl_delay: float) -> _Result:
        attempts = 0

        def attempt() -> _Result:
            nonlocal attempts
            attempts += 1
            status, resp_headers, body = self._attempt(url, headers, crawl_delay)
            return status, resp_headers, body, attempts

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.settings.retries + 1),
            wait=lambda state: self._wait(state, url),
            sleep=self._pause,
            retry=(
                tenacity.retry_if_exception_type(_RETRYABLE_ERRORS)
                | tenacity.retry_if_result(lambda result: _is_retryable_status(result[0]))
            ),
            # out of attempts: the last response is returned; the last exception re-raised
            retry_error_callback=lambda state: state.outcome.result() if state.outcome else None,
        )
        try:
            result: _Result = retrying(attempt)
        except (*_RETRYABLE_ERRORS, httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            reason = _failure_reason(exc)
            tries = f" after {attempts} attempts" if attempts > 1 else ""
            raise FetchError(
                f"{url}: {reason.replace('_', ' ')}{tries} ({exc or type(exc).__name__})",
                source=url,
                reason=reason,
            ) from exc
        return result

    def _attempt(
        self, url: str, headers: dict[str, str], crawl_delay: float
    ) -> tuple[int, httpx.Headers, bytes]:
        cap = self.settings.max_body_bytes
        host = urlsplit(url).netloc
        self.limiter.wait(host, min_interval=crawl_delay)
        self.limiter.wait_deferred(host)
        with self._lock:
            self.requests += 1
        deadline = time.monotonic() + self.settings.request_timeout
        with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "").strip()
            if declared.isdigit() and int(declared) > cap:
                raise TooLarge(
                    f"{url}: Content-Length {declared} bytes exceeds the {cap}-byte cap "
                    "(DECISIONS_MAX_BODY_BYTES)",
                    source=url,
                )
            body = bytearray()
            for chunk in response.iter_bytes():  # each network read: the deadline is checked often
                body += chunk
                if len(body) > cap:
                    raise TooLarge(
                        f"{url}: body passed the {cap}-byte cap (DECISIONS_MAX_BODY_BYTES); aborted",
                        source=url,
                    )
                if time.monotonic() > deadline:
                    raise _DeadlineExceeded(f"whole response took over {self.settings.request_timeout} s")
            return response.status_code, response.headers, bytes(body)
