"""What every extractor shares: its identity and the source it reads from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from schemas.records import BBox, Provenance


@dataclass(frozen=True)
class Extractor:
    """An extractor's name and version, stamped on every record it makes.

    Bump ``version`` whenever a change alters what the extractor outputs, so rows
    in the database can be traced to the logic that produced them.
    """

    name: str
    version: str


@dataclass(frozen=True)
class Source:
    """The PDF an extraction reads: its sha256 and printed page numbers."""

    sha256: str
    printed_pages: Mapping[int, int] = field(default_factory=dict)

    def prov(self, extractor: Extractor, page: int | None = None, bbox: BBox | None = None) -> Provenance:
        """Provenance for a record found on physical page ``page`` (1-based)."""
        return Provenance(
            sha256=self.sha256,
            pdf_page=page,
            printed_page=self.printed_pages.get(page) if page is not None else None,
            bbox=tuple(round(v, 2) for v in bbox) if bbox else None,
            extractor=extractor.name,
            extractor_version=extractor.version,
        )
