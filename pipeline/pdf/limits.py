"""How much of one PDF is read: limits that keep a hostile file from stalling a batch.

Papers come from whatever a council's website serves, so a file may hold a million
pages, a page of a million glyphs or a stream that inflates to gigabytes. Each limit
is checked cheaply before the expensive work it guards, and each is a setting (an
environment variable) whose default stands well above what real papers need: the
densest page of the sample and real corpora holds about 6,000 glyphs, the longest
pack about 60 pages.

A limit a file passes is never felt; one it breaks gives a reason naming the setting,
so a person can raise it for a file they trust.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

MAX_PAGES = "COUNCILPDF_MAX_PAGES"
MAX_PAGE_OBJECTS = "COUNCILPDF_MAX_PAGE_OBJECTS"
MAX_GLYPHS = "COUNCILPDF_MAX_GLYPHS"
MAX_STREAM_MB = "COUNCILPDF_MAX_STREAM_MB"
SECONDS = "COUNCILPDF_SECONDS"
SECONDS_PER_PAGE = "COUNCILPDF_SECONDS_PER_PAGE"

_DEFAULTS: dict[str, float] = {
    # The longest council packs run to a few thousand pages; past this a file is not a paper.
    MAX_PAGES: 10_000,
    # Glyphs, or drawing objects (paths and images, forms opened), on one page: thirty
    # times the densest real page. A page is read into about 1.3 kB a glyph.
    MAX_PAGE_OBJECTS: 200_000,
    # Glyphs in one document: its pages stay read while it is extracted (about 4 GB here).
    MAX_GLYPHS: 3_000_000,
    # Decoded bytes of one stream: a 600 dpi A3 colour scan is about 210 MB.
    MAX_STREAM_MB: 256,
    # Time to read a document: a base and a share per page, so a long pack of scans
    # (OCR reads about 0.5 pages/s) has room and a one-page file does not hang a batch.
    SECONDS: 60,
    SECONDS_PER_PAGE: 10,
}


def setting(name: str) -> float:
    """A limit's value: its environment variable, or the default."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return _DEFAULTS[name]
    try:
        value = float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, not {raw!r}") from exc
    if value <= 0:
        raise ValueError(f"{name} must be above zero, not {raw!r}")
    return value


def count(name: str) -> int:
    """A limit that counts things (pages, glyphs, bytes)."""
    return int(setting(name))


def beyond(name: str, found: int, what: str, where: str) -> str:
    """Why ``found`` things break limit ``name``.

    E.g. '250,000 glyphs, more than the 200,000 read on a page (COUNCILPDF_MAX_PAGE_OBJECTS)'.
    """
    return f"{found:,} {what}, more than the {count(name):,} read {where} ({name})"


@dataclass(frozen=True)
class Deadline:
    """When reading a document must be done by: a base time and a share per page."""

    seconds: float
    at: float

    @classmethod
    def start(cls, pages: int) -> Deadline:
        seconds = setting(SECONDS) + setting(SECONDS_PER_PAGE) * pages
        return cls(seconds, time.monotonic() + seconds)

    @property
    def passed(self) -> bool:
        return time.monotonic() > self.at

    @property
    def reason(self) -> str:
        return f"took longer than {self.seconds:g} s to read ({SECONDS} and {SECONDS_PER_PAGE} per page)"
