"""Polite HTTP (pipeline/fetch.py) against the fault-injecting sample server on 127.0.0.1: retries and
backoff, Retry-After, timeouts, resets, truncated bodies, redirect loops and fences, the size cap,
robots.txt, and conditional requests. Pauses are recorded by an injected ``sleep``, never timed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from pipeline.errors import BlockedHost, FetchError, RobotsDenied, TooLarge
from pipeline.fetch import Fetcher, HostPolicy, RateLimiter, canonical_url, retry_after_seconds, robots_rules
from pipeline.serve import Fault, FaultPlan, SampleServer
from pipeline.settings import Settings

if TYPE_CHECKING:
    from tests.pipeline.conftest import Site

MB = 1024 * 1024


def no_sleep(_seconds: float) -> None:
    """Pauses are recorded in Fetcher.waits; the test does not wait for them."""


@pytest.fixture
def fetcher(server: SampleServer, fast: Callable[..., Settings]) -> Iterator[Fetcher]:
    with Fetcher(fast(server.url, retries=2, read_timeout=0.3), sleep=no_sleep) as f:
        yield f


# -- faults, end to end ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    id: str
    fault: Fault
    status: int | None = None  # final status returned; None: an error is raised
    error: type[Exception] | None = None
    reason: str | None = None  # the error's reason
    requests: int = 1  # requests the server saw for the path


FROM_SEED = [
    Case("500-then-ok", Fault("status", status=500, times=2), status=200, requests=3),
    Case("503-always", Fault("status", status=503), status=503, requests=3),
    Case("429-then-ok", Fault("status", status=429, retry_after="0", times=1), status=200, requests=2),
    Case("slow-then-ok", Fault("slow", delay=0.8, times=1), status=200, requests=2),
    Case("slow-always", Fault("slow", delay=0.8), error=FetchError, reason="timeout", requests=3),
    Case("reset-then-ok", Fault("reset", times=2), status=200, requests=3),
    Case("reset-always", Fault("reset"), error=FetchError, requests=3),
    Case("truncated-always", Fault("truncate"), error=FetchError, reason="protocol_error", requests=3),
    Case("truncated-then-ok", Fault("truncate", times=1), status=200, requests=2),
    Case(
        "redirect-to-itself", Fault("redirect", location="{path}"), error=FetchError, reason="redirect_loop"
    ),
    Case("huge-declared", Fault("huge", size=60 * MB), error=TooLarge, reason="too_large"),
    Case("huge-streamed", Fault("huge", size=60 * MB, chunked=True), error=TooLarge, reason="too_large"),
]
BUGS_CAUGHT = [
    # a 404 is an answer, not a transient fault: asking again would only hammer the site
    Case("404-not-retried", Fault("status", status=404), status=404),
]


@pytest.mark.parametrize("case", FROM_SEED + BUGS_CAUGHT, ids=lambda c: c.id)
def test_fault(case: Case, site: Site, server: SampleServer, fetcher: Fetcher) -> None:
    path = site.page_paths[0]
    fault = case.fault
    if fault.kind == "redirect":
        fault = Fault("redirect", location=fault.location.format(path=path))
    server.faults = FaultPlan(rules={path: fault})
    if case.error is not None:
        with pytest.raises(case.error) as raised:
            fetcher.get(server.url + path)
        if case.reason:
            assert raised.value.reason == case.reason  # type: ignore[attr-defined]
    else:
        response = fetcher.get(server.url + path)
        assert response.status == case.status
        if case.status == 200:
            assert response.body == site.body(path)
    assert server.paths().count(path) == case.requests


def test_retries_back_off_exponentially_within_the_cap(
    site: Site, server: SampleServer, fast: Callable[..., Settings]
) -> None:
    path = site.page_paths[0]
    server.faults = FaultPlan(rules={path: Fault("status", status=503)})
    settings = fast(server.url, retries=4, backoff_base=1.0, backoff_jitter=0.0, backoff_max=5.0)
    with Fetcher(settings, sleep=no_sleep) as fetcher:
        assert fetcher.get(server.url + path).status == 503
    assert fetcher.waits == [1.0, 2.0, 4.0, 5.0]


@pytest.mark.parametrize(
    "retry_after, at_least",
    [("3", 3.0), (None, 0.0), ("soon", 0.0)],
    ids=["seconds", "absent", "unreadable"],
)
def test_retry_after_holds_the_host_back(
    retry_after: str | None, at_least: float, site: Site, server: SampleServer, fast: Callable[..., Settings]
) -> None:
    path = site.page_paths[0]
    server.faults = FaultPlan(rules={path: Fault("status", status=429, retry_after=retry_after, times=1)})
    with Fetcher(fast(server.url, backoff_max=10.0), sleep=no_sleep) as fetcher:
        assert fetcher.get(server.url + path).status == 200
    assert max(fetcher.waits) >= at_least - 0.1  # the clock runs between the answer and the wait
    assert max(fetcher.waits) <= 10.0


def test_retry_after_is_capped_by_backoff_max(
    site: Site, server: SampleServer, fast: Callable[..., Settings]
) -> None:
    path = site.page_paths[0]
    server.faults = FaultPlan(rules={path: Fault("status", status=503, retry_after="3600", times=1)})
    with Fetcher(fast(server.url, backoff_max=2.0), sleep=no_sleep) as fetcher:
        assert fetcher.get(server.url + path).status == 200
    assert max(fetcher.waits) == pytest.approx(2.0, abs=0.1)


def test_a_redirect_loop_between_two_pages_is_stopped(
    site: Site, server: SampleServer, fetcher: Fetcher
) -> None:
    a, b = site.page_paths[0], site.page_paths[1]
    server.faults = FaultPlan(rules={a: Fault("redirect", location=b), b: Fault("redirect", location=a)})
    with pytest.raises(FetchError) as raised:
        fetcher.get(server.url + a)
    assert raised.value.reason == "redirect_loop"
    assert server.paths() == ["/robots.txt", a, b]


def test_too_many_redirects(site: Site, server: SampleServer, fast: Callable[..., Settings]) -> None:
    hops = [f"/hop-{n}" for n in range(5)]
    rules = {
        hop: Fault("redirect", location=nxt)
        for hop, nxt in zip(hops, [*hops[1:], site.page_paths[0]], strict=True)
    }
    server.faults = FaultPlan(rules=rules)
    with Fetcher(fast(server.url, max_redirects=3), sleep=no_sleep) as fetcher:
        with pytest.raises(FetchError) as raised:
            fetcher.get(server.url + hops[0])
        assert raised.value.reason == "too_many_redirects"
    with Fetcher(fast(server.url, max_redirects=5), sleep=no_sleep) as fetcher:
        response = fetcher.get(server.url + hops[0])
    assert (response.status, response.final_url) == (200, server.url + site.page_paths[0])
    assert len(response.redirects) == 5


def test_a_redirect_to_another_host_is_not_followed(
    site: Site, server: SampleServer, elsewhere: SampleServer, fetcher: Fetcher
) -> None:
    path = site.page_paths[0]
    other_name = elsewhere.url.replace("127.0.0.1", "localhost")
    for target in (elsewhere.url + "/page.html", other_name + "/page.html"):
        server.faults = FaultPlan(rules={path: Fault("redirect", location=target)})
        with pytest.raises(BlockedHost):
            fetcher.get(server.url + path)
    assert elsewhere.requests == []


def test_a_url_off_the_allow_list_is_never_contacted(elsewhere: SampleServer, fetcher: Fetcher) -> None:
    with pytest.raises(BlockedHost):
        fetcher.get(elsewhere.url + "/page.html")
    assert elsewhere.requests == []
    assert fetcher.requests == 0


def test_the_size_cap_stops_reading(site: Site, server: SampleServer, fast: Callable[..., Settings]) -> None:
    server.faults = FaultPlan(rules={"/big.pdf": Fault("huge", size=3 * MB, chunked=True)})
    with Fetcher(fast(server.url, max_body_bytes=MB), sleep=no_sleep) as fetcher:
        with pytest.raises(TooLarge):
            fetcher.get(server.url + "/big.pdf")
        assert fetcher.get(server.url + site.page_paths[0]).status == 200  # the client is still usable


def test_robots_txt_disallow_is_obeyed_before_asking(
    site: Site, server: SampleServer, fetcher: Fetcher
) -> None:
    site.put("/robots.txt", f"User-agent: *\nDisallow: {site.page_paths[1]}\n".encode(), "text/plain")
    with pytest.raises(RobotsDenied):
        fetcher.get(server.url + site.page_paths[1])
    assert fetcher.get(server.url + site.page_paths[0]).status == 200
    assert site.page_paths[1] not in server.paths()
    assert server.paths().count("/robots.txt") == 1  # read once per origin


def test_robots_txt_is_not_consulted_when_switched_off(
    site: Site, server: SampleServer, fast: Callable[..., Settings]
) -> None:
    site.put("/robots.txt", b"User-agent: *\nDisallow: /\n", "text/plain")
    with Fetcher(fast(server.url, obey_robots=False), sleep=no_sleep) as fetcher:
        assert fetcher.get(server.url + site.page_paths[0]).status == 200
    assert "/robots.txt" not in server.paths()


def test_an_unreachable_robots_txt_disallows_everything(
    site: Site, server: SampleServer, fast: Callable[..., Settings]
) -> None:
    server.faults = FaultPlan(rules={"/robots.txt": Fault("status", status=503)})
    with Fetcher(fast(server.url, retries=0), sleep=no_sleep) as fetcher, pytest.raises(RobotsDenied):
        fetcher.get(server.url + site.page_paths[0])
    assert site.page_paths[0] not in server.paths()


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_conditional_requests_get_304(
    validator: str, site: Site, server: SampleServer, fetcher: Fetcher
) -> None:
    url = server.url + site.page_paths[0]
    first = fetcher.get(url)
    again = fetcher.get(url, **{validator: getattr(first, validator)})
    assert (again.status, again.body) == (304, b"")
    site.change(site.page_paths[0], b"<html><body>new</body></html>")
    changed = fetcher.get(url, etag=first.etag, last_modified=first.last_modified)
    assert (changed.status, changed.body) == (200, b"<html><body>new</body></html>")


def test_validators_are_not_sent_to_a_redirect_target(
    site: Site, server: SampleServer, fetcher: Fetcher
) -> None:
    a, b = site.page_paths[0], site.page_paths[1]
    server.faults = FaultPlan(rules={a: Fault("redirect", location=b)})
    response = fetcher.get(server.url + a, etag='"abc"')
    assert response.status == 200
    headers = {path: h for _, path, h in server.requests}
    assert headers[a]["If-None-Match"] == '"abc"'
    assert "If-None-Match" not in headers[b]


def test_requests_identify_the_crawler(site: Site, server: SampleServer, fetcher: Fetcher) -> None:
    fetcher.get(server.url + site.page_paths[0])
    agent = server.requests[-1][2]["User-Agent"]
    assert agent == fetcher.settings.user_agent
    assert "http" in agent  # a contact URL


def test_requests_are_counted_with_retries_and_hops(
    site: Site, server: SampleServer, fetcher: Fetcher
) -> None:
    a, b = site.page_paths[0], site.page_paths[1]
    rules = {a: Fault("redirect", location=b), b: Fault("status", status=500, times=1)}
    server.faults = FaultPlan(rules=rules)
    fetcher.get(server.url + a)
    assert fetcher.requests == len(server.paths()) == 4  # robots, a, b (500), b


BAD_URLS = [
    "/a\x01b.pdf",  # a control character httpx refuses to send
    "/" + "a" * 70_000,  # longer than httpx sends
]


@pytest.mark.parametrize("path", BAD_URLS, ids=["control-character", "too-long"])
def test_a_url_httpx_refuses_is_a_bad_url_error(path: str, server: SampleServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as raised:
        fetcher.get(server.url + path)
    assert raised.value.reason == "bad_url"


def test_a_host_name_idna_refuses_is_a_bad_url_error(fast: Callable[..., Settings]) -> None:
    with (
        Fetcher(fast("http://xn--abc-.example"), sleep=no_sleep) as fetcher,
        pytest.raises(FetchError) as raised,
    ):
        fetcher.get("http://xn--abc-.example/robots.txt", check_robots=False)
    assert raised.value.reason == "bad_url"


# -- the pieces ------------------------------------------------------------------------------------------
CANONICAL = [
    ("HTTP://Example.ORG", "http://example.org/"),
    ("https://www.london.gov.uk:443/a?page=1#frag", "https://www.london.gov.uk/a?page=1"),
    ("http://127.0.0.1:8000/a b", "http://127.0.0.1:8000/a b"),
    ("http://user:secret@host.example/x", "http://host.example/x"),
    # the fence: user info is dropped, so the host this module checks is the host httpx connects to
    ("http://127.0.0.1:8000\\@evil.example/x", "http://evil.example/x"),
    ("http://[::1]:9000/", "http://[::1]:9000/"),
]


@pytest.mark.parametrize("raw, expected", CANONICAL, ids=[c[0] for c in CANONICAL])
def test_canonical_url(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected


@pytest.mark.parametrize("raw", ["http://host:port/", "http://[::1/"])
def test_canonical_url_refuses_what_is_not_a_url(raw: str) -> None:
    with pytest.raises(FetchError) as raised:
        canonical_url(raw)
    assert raised.value.reason == "bad_url"


POLICY = [
    ("https://london.gov.uk/x", True),
    ("https://www.london.gov.uk/x", True),
    ("http://www.london.gov.uk/x", True),
    ("https://www.london.gov.uk:8443/x", False),  # a bare host means its default port
    ("https://evil.london.gov.uk/x", False),
    ("https://london.gov.uk.evil.example/x", False),
    ("http://127.0.0.1:8000/x", True),  # the base URL's exact origin
    ("http://127.0.0.1:8001/x", False),
    ("http://localhost:8000/x", False),
    ("ftp://london.gov.uk/x", False),
    ("file:///etc/passwd", False),
    ("http://127.0.0.1:bad/", False),
]


@pytest.mark.parametrize("url, allowed", POLICY, ids=[p[0] for p in POLICY])
def test_host_policy(url: str, allowed: bool) -> None:
    assert HostPolicy(Settings(base_url="http://127.0.0.1:8000")).allows(url) is allowed


def test_extra_hosts_extend_the_allow_list() -> None:
    settings = Settings(base_url="http://127.0.0.1:8000", extra_hosts=("files.example", "cdn.example:81"))
    policy = HostPolicy(settings)
    assert policy.allows("https://files.example/a.pdf")
    assert policy.allows("http://cdn.example:81/a.pdf")
    assert not policy.allows("http://cdn.example/a.pdf")


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_rate_limiter_spaces_requests_per_host() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2.0, clock=clock, sleep=clock.sleep)
    waits = [limiter.wait("a") for _ in range(3)] + [limiter.wait("b")]
    assert waits == [0.0, 0.5, 0.5, 0.0]


def test_rate_limiter_honours_crawl_delay_and_defer() -> None:
    clock = FakeClock()
    limiter = RateLimiter(0.0, clock=clock, sleep=clock.sleep)
    assert limiter.wait("a") == 0.0
    assert limiter.wait("a", min_interval=3.0) == 0.0
    assert limiter.wait("a", min_interval=3.0) == 3.0
    limiter.defer("b", 7.0)
    assert limiter.wait_deferred("b") == 7.0
    assert limiter.wait_deferred("b") == 0.0


RETRY_AFTER = [
    ("0", 0.0),
    ("120", 120.0),
    ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
    ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past
    ("", None),
    ("-5", None),
    ("later", None),
]


@pytest.mark.parametrize("value, seconds", RETRY_AFTER, ids=[r[0] or "empty" for r in RETRY_AFTER])
def test_retry_after_seconds(value: str, seconds: float | None) -> None:
    assert retry_after_seconds(value, now=datetime(2015, 10, 21, 7, 28, tzinfo=UTC)) == seconds


ROBOTS = [
    (200, b"User-agent: *\nDisallow: /private", "/private/x", False),
    (200, b"User-agent: *\nDisallow: /private", "/public", True),
    (200, b"User-agent: mopac-decisions\nDisallow: /\n\nUser-agent: *\nAllow: /", "/a", False),
    (404, b"", "/a", True),
    (401, b"", "/a", True),
    (429, b"", "/a", False),
    (500, b"", "/a", False),
    (None, b"", "/a", False),
]


@pytest.mark.parametrize("status, body, path, allowed", ROBOTS)
def test_robots_rules(status: int | None, body: bytes, path: str, allowed: bool) -> None:
    agent = Settings().user_agent
    assert robots_rules(status, body).can_fetch(f"https://x.org{path}", agent) is allowed
