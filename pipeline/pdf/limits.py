"""How much of one PDF is read: the budget that keeps a hostile file from stalling a batch.

Papers come from whatever a council's website serves, so a file may hold a million
pages, a page of a million glyphs or a stream that inflates to gigabytes. Each limit
is checked before the work it pays for, and each stands well above what real papers
need: the densest page of the sample and real corpora holds about 6,000 glyphs, the
longest pack about 600 pages.

A limit a file passes is never felt; one it breaks gives a reason that names the
limit ("over budget: ..."), so a person can raise it for a file they trust:
``councilpdf run --limit pages=20000`` (or ``COUNCILPDF_LIMITS="pages=20000"``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

ENV_VAR = "COUNCILPDF_LIMITS"
"""Limits as ``name=value`` pairs separated by commas; worker processes inherit it."""

MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """The budget of one document; every field a limit a hostile file must not pass."""

    # The longest council packs run to a few thousand pages; past this a file is not a paper.
    pages: int = 10_000
    # Glyphs, or drawing objects (paths and images, forms opened), read on one page: thirty
    # times the densest real page. A page is read into about 1.3 kB a glyph.
    page_objects: int = 200_000
    # Glyphs in one document: its pages stay read while it is extracted (about 4 GB here).
    glyphs: int = 3_000_000
    # Streams drawn one after another as a page's /Contents: real pages have a few, a
    # writer that starts a stream per glyph a few thousand; each costs PDFium a parse.
    contents: int = 20_000
    # Decoded MiB of one stream: a 600 dpi A4 colour scan deflated is about 100 MiB.
    stream_mib: int = 256
    # Decoded MiB of every stream together: a pack of a few hundred such scans.
    total_mib: int = 4096
    # Pixels of a page image rendered for OCR: an A1 sheet at 300 dpi. A page box can
    # claim 200 inches a side (3.6 billion pixels, gigabytes in every copy a reader makes).
    pixels: int = 70_000_000
    # Seconds to read a document, plus a share per page below: a long pack of scans
    # (OCR reads about 0.5 pages/s) has room and a one-page file does not hang a batch.
    seconds: float = 60
    seconds_per_page: float = 3
    # MiB of address space the process that inspects a file may map: PDFium and
    # pdfminer reading a sound 600-page pack stay under a gigabyte.
    memory_mib: int = 2048

    @classmethod
    def current(cls) -> Limits:
        """The defaults, with what ``COUNCILPDF_LIMITS`` raises or lowers."""
        raw = os.environ.get(ENV_VAR, "")
        return cls().with_settings(part for part in raw.split(",") if part.strip())

    def with_settings(self, settings: Iterable[str]) -> Limits:
        """These limits with each ``name=value`` of ``settings`` applied.

        Raises:
            ValueError: an unknown name, or a value that is no number above zero.
        """
        kinds = {f.name: f.type for f in fields(self)}
        changes: dict[str, float] = {}
        for setting in settings:
            name, _, value = setting.partition("=")
            name = name.strip().replace("-", "_")
            if name not in kinds:
                raise ValueError(f"unknown limit {name!r}: the limits are {', '.join(kinds)}")
            try:
                number = float(value)
            except ValueError:
                raise ValueError(f"limit {name} must be a number, not {value.strip()!r}") from None
            if not number > 0:
                raise ValueError(f"limit {name} must be above zero, not {value.strip()!r}")
            changes[name] = int(number) if kinds[name] == "int" else number
        return replace(self, **changes)

    def as_setting(self) -> str:
        """These limits as ``COUNCILPDF_LIMITS`` says them (only those that differ from the defaults)."""
        default = Limits()
        return ",".join(
            f"{f.name}={_shown(getattr(self, f.name))}"
            for f in fields(self)
            if getattr(self, f.name) != getattr(default, f.name)
        )


def use(limits: Limits) -> None:
    """Make ``limits`` this process's, and its future children's."""
    setting = limits.as_setting()
    if setting:
        os.environ[ENV_VAR] = setting
    else:
        os.environ.pop(ENV_VAR, None)


def over(what: str, limits: Limits, *names: str) -> str:
    """Why a document is over budget, naming the limits that say so and their values.

    E.g. 'over budget: the /Metadata stream (object 7) inflates past 256 MiB (limit stream_mib=256)'.
    """
    named = " and ".join(f"{name}={_shown(getattr(limits, name))}" for name in names)
    return f"over budget: {what} (limit {named})"


def _shown(value: float) -> str:
    """A limit's value as ``--limit`` takes it back."""
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Deadline:
    """When reading a document must be done by: a base time and a share per page."""

    seconds: float
    at: float
    limits: Limits

    @classmethod
    def start(cls, pages: int, limits: Limits | None = None) -> Deadline:
        limits = limits or Limits.current()
        seconds = limits.seconds + limits.seconds_per_page * pages
        return cls(seconds, time.monotonic() + seconds, limits)

    @property
    def passed(self) -> bool:
        return time.monotonic() > self.at

    @property
    def reason(self) -> str:
        what = f"reading took longer than {self.seconds:,g} s"
        return over(what, self.limits, "seconds", "seconds_per_page")
