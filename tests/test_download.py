"""Downloads: conditional GET, no second download of an unchanged file, retries on I/O errors only."""

from __future__ import annotations

import shutil
import socket
from datetime import date
from pathlib import Path

import pytest

from pipeline.db import make_engine
from pipeline.ingest import Origin, ingest_file
from pipeline.pdf.pdfpages import sha256_of
from pipeline.sources.download import Downloader, DownloadError, Previous, previous_download, safe_file_name
from tests.moderngov_standin import ModernGovStandIn, StandInDocument, StandInMeeting

MINUTES = "oneSource-2019-07-12-minutes.pdf"
COVER = "oneSource-2020-02-07-kpi-q2-cover.pdf"


@pytest.fixture
def downloads(tmp_path) -> Path:
    return tmp_path / "downloads"


@pytest.fixture
def site(raw_pdfs, tmp_path):
    # A copy, so a test can change a document's bytes.
    files = tmp_path / "site"
    files.mkdir()
    for name in (MINUTES, COVER):
        shutil.copy(raw_pdfs / name, files / name)
    docs = [StandInDocument(1, "Minutes", files / MINUTES), StandInDocument(2, "Cover", files / COVER)]
    with ModernGovStandIn({1: "A Committee"}, [StandInMeeting(1, 1, date(2024, 1, 1), documents=docs)]) as s:
        yield s


def _url(site, attachment_id: int) -> str:
    return f"{site.base_url}/documents/s{attachment_id}/x.pdf"


def _previous(fetched) -> Previous:
    return Previous(fetched.sha256, fetched.etag, fetched.last_modified)


def test_a_file_is_saved_under_its_sha256_and_asked_for_conditionally_next_time(site, downloads, raw_pdfs):
    with Downloader(backoff=0) as http:
        first = http.download(_url(site, 1), downloads)
        again = http.download(_url(site, 1), downloads, _previous(first))
    assert first.status == "downloaded" and first.etag and first.last_modified
    assert first.path == downloads / sha256_of(raw_pdfs / MINUTES) / "x.pdf" and first.path.is_file()
    assert again.status == "unchanged" and again.sha256 == first.sha256 and again.path is None
    assert [r.status for r in site.requests] == [200, 304]
    assert site.requests[1].headers["If-None-Match"] == first.etag


def test_last_modified_alone_is_enough_to_ask_conditionally(site, downloads):
    with Downloader(backoff=0) as http:
        first = http.download(_url(site, 1), downloads)
        again = http.download(_url(site, 1), downloads, Previous(first.sha256, None, first.last_modified))
    assert again.status == "unchanged"
    assert site.requests[-1].status == 304 and "If-None-Match" not in site.requests[-1].headers


def test_a_file_from_a_server_without_validators_is_not_downloaded_twice(site, downloads):
    site.validators = False
    with Downloader(backoff=0) as http:
        first = http.download(_url(site, 1), downloads)
        again = http.download(_url(site, 1), downloads, _previous(first))
    assert (first.etag, first.last_modified) == (None, None)
    assert again.status == "unchanged"
    assert len(site.requests) == 1


def test_a_changed_file_is_downloaded_again(site, downloads, raw_pdfs):
    with Downloader(backoff=0) as http:
        first = http.download(_url(site, 1), downloads)
        shutil.copy(raw_pdfs / COVER, site.document("/documents/s1/", {}).file)
        changed = http.download(_url(site, 1), downloads, _previous(first))
    assert changed.status == "downloaded" and changed.sha256 == sha256_of(raw_pdfs / COVER)
    assert changed.etag != first.etag


def test_the_same_bytes_from_two_urls_are_kept_once(site, downloads):
    shutil.copy(site.document("/documents/s1/", {}).file, site.document("/documents/s2/", {}).file)
    with Downloader(backoff=0) as http:
        a = http.download(_url(site, 1), downloads)
        b = http.download(_url(site, 2), downloads)
    assert a.path == b.path
    assert [p.name for p in downloads.iterdir()] == [a.sha256]


def test_a_dropped_connection_is_retried_with_backoff(site, downloads):
    site.drop["/documents/s1/"] = 2
    waits: list[float] = []
    with Downloader(retries=3, backoff=0.5, sleep=waits.append) as http:
        fetched = http.download(_url(site, 1), downloads)
    assert fetched.status == "downloaded"
    assert waits == [0.5, 1.0]
    assert [r.status for r in site.requests] == [0, 0, 200]


def test_a_transfer_broken_off_midway_is_retried_and_leaves_no_partial_file(site, downloads, raw_pdfs):
    site.truncate["/documents/s1/"] = 1
    with Downloader(retries=2, backoff=0) as http:
        fetched = http.download(_url(site, 1), downloads)
    assert fetched.sha256 == sha256_of(raw_pdfs / MINUTES)
    assert [p.relative_to(downloads) for p in downloads.rglob("*")] == [
        Path(fetched.sha256),
        Path(fetched.sha256, fetched.path.name),
    ]


def test_an_http_error_is_an_answer_and_is_not_retried(site, downloads):
    site.fail["/documents/s1/"] = 503
    with Downloader(retries=3, backoff=0) as http, pytest.raises(DownloadError, match="HTTP 503"):
        http.download(_url(site, 1), downloads)
    assert len(site.requests) == 1
    with Downloader(retries=3, backoff=0) as http, pytest.raises(DownloadError, match="HTTP 404"):
        http.get_bytes(f"{site.base_url}/documents/s999/missing.pdf")
    assert len(site.requests) == 2
    assert list(downloads.iterdir()) == []


def test_a_timeout_is_an_io_error_retried_then_reported(site, downloads):
    site.delay["/documents/s1/"] = 1.0
    with (
        Downloader(timeout=0.2, retries=1, backoff=0) as http,
        pytest.raises(DownloadError, match="timed out"),
    ):
        http.download(_url(site, 1), downloads)
    assert http.requests == 2


def test_nothing_listening_is_reported_after_the_retries():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Downloader(retries=2, backoff=0) as http, pytest.raises(DownloadError, match="after 3 attempts"):
        http.get_bytes(f"http://127.0.0.1:{port}/mgWebService.asmx/GetCommittees")
    assert http.requests == 3


def test_the_validators_of_the_last_download_come_from_the_database(db_url, tmp_path, raw_pdfs):
    engine = make_engine(db_url)
    url = "http://site.test/documents/s1/minutes.pdf"
    assert previous_download(engine, url) is None
    ingest_file(
        raw_pdfs / MINUTES,
        engine,
        tmp_path / "store",
        origin=Origin(url, '"abc"', "Mon, 01 Jan 2024 00:00:00 GMT"),
    )
    previous = previous_download(engine, url)
    assert previous == Previous(sha256_of(raw_pdfs / MINUTES), '"abc"', "Mon, 01 Jan 2024 00:00:00 GMT")
    assert previous_download(engine, "http://site.test/other.pdf") is None


def test_a_plain_path_origin_still_works(db_url, tmp_path, raw_pdfs):
    engine = make_engine(db_url)
    result = ingest_file(raw_pdfs / MINUTES, engine, tmp_path / "store", origin="/somewhere/minutes.pdf")
    assert result.source == "/somewhere/minutes.pdf"
    assert previous_download(engine, "/somewhere/minutes.pdf") == Previous(result.sha256)
    assert Path(result.stored_path).is_file()


def test_files_are_named_after_the_url_made_safe():
    assert safe_file_name("Agenda frontsheet 05th-Mar-2024.pdf") == "Agenda frontsheet 05th-Mar-2024.pdf"
    assert safe_file_name("../../etc/passwd") == "etc_passwd.pdf"
    assert safe_file_name("") == "document.pdf"
