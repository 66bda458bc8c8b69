"""The sample server (pipeline/serve.py): serving by manifest, conditional requests, and every switchable
fault, checked with a plain HTTP client over real loopback sockets."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from pipeline.errors import PipelineError
from pipeline.serve import Fault, FaultPlan, SampleServer, serve

if TYPE_CHECKING:
    from tests.pipeline.conftest import Site


# loopback http only: no TLS context to build per test
_CLIENT = httpx.Client(timeout=5.0, verify=False, trust_env=False)


def get(server: SampleServer, path: str, **kwargs: object) -> httpx.Response:
    return _CLIENT.get(server.url + path, **kwargs)  # type: ignore[arg-type]


# -- serving by manifest --------------------------------------------------------------------------------
def test_serves_each_manifest_entry_with_its_type_and_validators(site: Site, server: SampleServer) -> None:
    for key in [site.listing_paths[0], site.page_paths[0], site.pdf_paths[0], "/robots.txt"]:
        response = get(server, key)
        assert response.status_code == 200, key
        assert response.content == site.body(key)
        assert response.headers["content-type"] == site.manifest[key]["content_type"]
        assert response.headers["etag"].startswith('"')
        assert response.headers["last-modified"].endswith("GMT")


def test_unknown_paths_and_other_queries_are_404(site: Site, server: SampleServer) -> None:
    assert get(server, "/nothing-here").status_code == 404
    assert get(server, site.listing_key(999)).status_code == 404
    assert get(server, site.page_paths[0] + "?x=1").status_code == 404


def test_manifest_status_and_placeholder_entries(site: Site, server: SampleServer) -> None:
    site.put("/gone", b"<html><body>Gone</body></html>", "text/html", status=410)
    site.manifest["/placeholder"] = {"status": 404}
    site.save()
    gone = get(server, "/gone")
    assert (gone.status_code, gone.content) == (410, b"<html><body>Gone</body></html>")
    assert get(server, "/placeholder").status_code == 404


def test_a_manifest_file_outside_the_site_is_never_served(
    site: Site, server: SampleServer, tmp_path: Path
) -> None:
    (tmp_path / "secret.txt").write_text("secret")
    site.manifest["/escape"] = {"file": "../secret.txt", "content_type": "text/plain"}
    site.save()
    response = get(server, "/escape")
    assert response.status_code == 404
    assert b"secret" not in response.content


def test_conditional_requests_get_304_until_the_file_changes(site: Site, server: SampleServer) -> None:
    key = site.page_paths[0]
    first = get(server, key)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert get(server, key, headers={"If-None-Match": etag}).status_code == 304
    assert get(server, key, headers={"If-Modified-Since": modified}).status_code == 304
    assert get(server, key, headers={"If-None-Match": '"other"'}).status_code == 200
    site.change(key, b"<html><body>changed</body></html>")
    changed = get(server, key, headers={"If-None-Match": etag, "If-Modified-Since": modified})
    assert changed.status_code == 200
    assert changed.content == b"<html><body>changed</body></html>"
    assert changed.headers["etag"] != etag


def test_requests_are_recorded_with_their_headers(site: Site, server: SampleServer) -> None:
    get(server, site.page_paths[1], headers={"If-None-Match": '"x"'})
    method, path, headers = server.requests[-1]
    assert (method, path) == ("GET", site.page_paths[1])
    assert headers["If-None-Match"] == '"x"'
    assert server.paths() == [site.page_paths[1]]
    server.reset_log()
    assert server.paths() == []


def test_binds_loopback_only(server: SampleServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")


def test_a_directory_without_manifest_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match=r"no manifest\.json"):
        serve(tmp_path)


# -- faults ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FaultCase:
    id: str
    fault: Fault
    status: int | None = None  # expected status; None: the client sees a transport error
    error: type[Exception] | None = None
    header: tuple[str, str] | None = None
    read_timeout: float = 5.0


FROM_SEED = [
    FaultCase("500", Fault("status", status=500), status=500),
    FaultCase("503", Fault("status", status=503), status=503),
    FaultCase(
        "429-retry-after",
        Fault("status", status=429, retry_after="7"),
        status=429,
        header=("retry-after", "7"),
    ),
    FaultCase(
        "redirect", Fault("redirect", location="/elsewhere"), status=302, header=("location", "/elsewhere")
    ),
    FaultCase("slow-past-timeout", Fault("slow", delay=1.0), error=httpx.ReadTimeout, read_timeout=0.2),
    FaultCase("reset-mid-body", Fault("reset"), error=httpx.TransportError),
    FaultCase("truncated-body", Fault("truncate"), error=httpx.RemoteProtocolError),
]


@pytest.mark.parametrize("case", FROM_SEED, ids=lambda c: c.id)
def test_each_fault_is_what_a_client_sees(case: FaultCase, site: Site, server: SampleServer) -> None:
    key = site.page_paths[0]
    server.faults = FaultPlan(rules={key: case.fault})
    with httpx.Client(timeout=httpx.Timeout(5.0, read=case.read_timeout), verify=False) as client:
        if case.error is not None:
            with pytest.raises(case.error):
                client.get(server.url + key)
            return
        response = client.get(server.url + key)
    assert response.status_code == case.status
    if case.header is not None:
        assert response.headers[case.header[0]] == case.header[1]


def test_a_fault_with_times_applies_to_the_first_requests_only(site: Site, server: SampleServer) -> None:
    key = site.page_paths[0]
    server.faults = FaultPlan(rules={key: Fault("status", status=503, times=2)})
    assert [get(server, key).status_code for _ in range(4)] == [503, 503, 200, 200]


def test_a_slow_answer_within_the_timeout_is_served(site: Site, server: SampleServer) -> None:
    key = site.page_paths[0]
    server.faults = FaultPlan(rules={key: Fault("slow", delay=0.05)})
    assert get(server, key).content == site.body(key)


def test_a_truncated_body_declares_more_than_it_sends(site: Site, server: SampleServer) -> None:
    key = site.page_paths[0]
    server.faults = FaultPlan(rules={key: Fault("truncate")})
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"GET {key} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    declared = int(
        next(
            line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
        )
    )
    assert 0 < len(body) < declared


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_huge_body_is_generated_as_it_is_read(chunked: bool, server: SampleServer) -> None:
    size = 60 * 1024 * 1024
    server.faults = FaultPlan(rules={"/big.pdf": Fault("huge", size=size, chunked=chunked)})
    with _CLIENT.stream("GET", server.url + "/big.pdf") as response:
        assert response.status_code == 200
        if chunked:
            assert "content-length" not in response.headers
        else:
            assert response.headers["content-length"] == str(size)
        read = 0
        for chunk in response.iter_raw():
            read += len(chunk)
            if read > 1024 * 1024:
                break  # the rest is never generated: the server notices the closed socket
    assert read > 1024 * 1024
    assert get(server, "/robots.txt").status_code == 200  # and keeps serving


def test_random_faults_are_seeded_and_reproducible(site: Site, server: SampleServer) -> None:
    def statuses() -> list[int | str]:
        server.faults = FaultPlan(random_rate=0.3, seed=7, random_kinds=("500", "503", "429"))
        return [get(server, site.page_paths[0]).status_code for _ in range(30)]

    first = statuses()
    assert first == statuses()
    assert {500, 503, 429} & set(first) and 200 in first


def test_random_transport_faults_break_the_connection(site: Site, server: SampleServer) -> None:
    server.faults = FaultPlan(random_rate=1.0, seed=1, random_kinds=("reset", "truncate"))
    with pytest.raises(httpx.TransportError):
        get(server, site.page_paths[0])


def test_the_manifest_is_reread_when_it_changes(site: Site, server: SampleServer) -> None:
    assert get(server, "/new-page").status_code == 404
    site.put("/new-page", b"<html><body>new</body></html>", "text/html")
    assert get(server, "/new-page").status_code == 200
    manifest = json.loads((site.root / "manifest.json").read_text())
    assert "/new-page" in manifest
