"""Polite, resumable-by-design HTTP downloads: timeouts, retries, conditional GET, sha256 dedupe.

* Every request has a timeout. A request that fails on I/O (connection refused or
  reset, a timeout, a broken transfer) is retried with exponential backoff; an HTTP
  error status is an answer, not an I/O failure, and is not retried.
* A file fetched before is asked for conditionally, with the ``ETag`` and
  ``Last-Modified`` validators its last download returned (kept in
  ``file_origins``); "304 Not Modified" means nothing is downloaded. A file whose
  server gave no validators is not fetched again at all: without them the only way
  to learn it is unchanged would be to download it.
* Files are written to a temporary name while they arrive and moved to
  ``{sha256}/{name}`` once complete, so a folder of downloads never holds a partial
  file and the same bytes from two URLs are kept once (under the first name).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal, TypeVar
from urllib.parse import unquote, urlparse

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from schemas.sql import FileOrigin

USER_AGENT = "councilpdf/0.1 (committee papers to SQL)"
T = TypeVar("T")


class DownloadError(Exception):
    """A URL could not be fetched; ``reason`` says why in words a person understands."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Previous:
    """What the last download of a URL gave: the file's sha256 and the server's validators."""

    sha256: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def can_revalidate(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True)
class Fetched:
    """The outcome of asking for one file."""

    url: str
    status: Literal["downloaded", "unchanged"]
    sha256: str
    path: Path | None = None
    """The downloaded file (``downloaded`` only)."""
    etag: str | None = None
    last_modified: str | None = None
    size: int = 0


class Downloader:
    """An HTTP client with timeouts and retries on I/O errors only.

    Args:
        timeout: seconds allowed for connecting and for each read.
        retries: further attempts after an I/O error.
        backoff: seconds before the first retry; doubled for each further one.
        user_agent: the User-Agent header (sites ask to be told who is calling).
        transport: an httpx transport to send requests through (default: the network).
        sleep: how to wait between attempts.
    """

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        user_agent: str | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.requests = 0
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent or USER_AGENT},
            follow_redirects=True,
            transport=transport,
        )

    def __enter__(self) -> Downloader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get_bytes(self, url: str, params: Mapping[str, str] | None = None) -> bytes:
        """The body of a GET; raises :class:`DownloadError` on an error status or persistent I/O failure."""

        def attempt() -> bytes:
            response = self.client.get(url, params=params)
            _check(response)
            return response.content

        return self._with_retries(url, attempt)

    def download(
        self, url: str, folder: Path, previous: Previous | None = None, name: str | None = None
    ) -> Fetched:
        """Fetch a file into ``folder`` unless it is unchanged since ``previous``.

        Returns ``unchanged`` without a request when the last download gave no
        validators, and after a "304 Not Modified" or a body identical to the last
        one; otherwise ``downloaded`` with the path of ``{sha256}/{name}`` in
        ``folder`` (``name`` defaults to the last part of the URL's path).
        """
        if previous is not None and not previous.can_revalidate:
            return Fetched(url, "unchanged", previous.sha256)
        headers = {}
        if previous is not None:
            if previous.etag:
                headers["If-None-Match"] = previous.etag
            if previous.last_modified:
                headers["If-Modified-Since"] = previous.last_modified
        folder.mkdir(parents=True, exist_ok=True)

        def attempt() -> Fetched:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304 and previous is not None:
                    return Fetched(
                        url,
                        "unchanged",
                        previous.sha256,
                        etag=previous.etag,
                        last_modified=previous.last_modified,
                    )
                _check(response)
                sha256, size, path = _save(response, folder, name or _name_in(url))
                etag = response.headers.get("ETag")
                last_modified = response.headers.get("Last-Modified")
            if previous is not None and sha256 == previous.sha256:
                return Fetched(url, "unchanged", sha256, etag=etag, last_modified=last_modified, size=size)
            return Fetched(url, "downloaded", sha256, path, etag, last_modified, size)

        return self._with_retries(url, attempt)

    def _with_retries(self, url: str, attempt: Callable[[], T]) -> T:
        failures = 0
        while True:
            self.requests += 1
            try:
                return attempt()
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                raise DownloadError(url, f"not a web address that can be fetched: {exc}") from exc
            except httpx.TransportError as exc:
                if failures == self.retries:
                    raise DownloadError(url, f"{_describe(exc)} (after {failures + 1} attempts)") from exc
            self.sleep(self.backoff * 2**failures)
            failures += 1


def _check(response: httpx.Response) -> None:
    if response.is_success:
        return
    response.read()
    raise DownloadError(str(response.request.url), f"HTTP {response.status_code} {response.reason_phrase}")


def _save(response: httpx.Response, folder: Path, name: str) -> tuple[str, int, Path]:
    """Stream a body into ``folder/{sha256}/``, never leaving a partial file under a final name."""
    digest = hashlib.sha256()
    size = 0
    tmp = folder / f".{os.getpid()}.{id(response)}.part"
    try:
        with tmp.open("wb") as out:
            for chunk in response.iter_bytes():
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
        sha256 = digest.hexdigest()
        home = folder / sha256
        home.mkdir(exist_ok=True)
        target = next(home.iterdir(), None)
        if target is not None:
            tmp.unlink()
        else:
            target = home / name
            os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return sha256, size, target


def _name_in(url: str) -> str:
    """A file name for what ``url`` serves: the last part of its path, made safe."""
    return safe_file_name(unquote(PurePosixPath(urlparse(url).path).name))


def safe_file_name(name: str, default: str = "document.pdf") -> str:
    """``name`` without path separators or characters file systems reject, ending in .pdf."""
    cleaned = re.sub(r"[^\w .,()&'+-]+", "_", name).strip(" ._")[:150] or Path(default).stem
    return cleaned if cleaned.casefold().endswith(".pdf") else f"{cleaned}.pdf"


def _describe(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {exc}"
    return f"connection failed: {type(exc).__name__}: {exc}"


def previous_download(engine: Engine, url: str) -> Previous | None:
    """What the most recent download of ``url`` gave, from ``file_origins``."""
    with Session(engine) as session:
        row = session.scalars(
            select(FileOrigin).where(FileOrigin.uri == url).order_by(FileOrigin.last_seen.desc()).limit(1)
        ).first()
    if row is None:
        return None
    return Previous(row.sha256, row.etag, row.last_modified)
