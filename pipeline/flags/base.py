"""What every inconsistency rule shares: its identity, its findings, and evidence locations.

A rule is a small pure function from one document's records (and, for rules that
compare documents, the rest of the database) to :class:`Finding` drafts. The
:class:`Rule` wrapper stamps each finding with the rule's name and version, names the
document of every location, and gives the flag the provenance of its first location
in the document, so a stored flag leads back to its evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from extractors.base import code_version
from schemas.records import (
    BBox,
    DocumentExtraction,
    FlagKind,
    FlagLocation,
    Inconsistency,
    Kpi,
    Provenance,
    Severity,
    Table,
)

OtherDocuments = Callable[[], Sequence[DocumentExtraction]]


@dataclass
class Finding:
    """One inconsistency a rule found, before it is stamped with the rule's identity."""

    description: str
    expected: str | None
    found: str | None
    locations: list[FlagLocation]
    severity: Severity = "medium"
    kind: FlagKind | None = None
    """Overrides the rule's kind (a rule comparing minutes with a report reports a cross-reference)."""


Check = Callable[[DocumentExtraction, OtherDocuments], list[Finding]]
Partner = Callable[[DocumentExtraction, DocumentExtraction], bool]
"""Whether a rule run on the first document reads anything of the second."""


@dataclass(frozen=True)
class Rule:
    """A named check; its version is derived from the code of the module that defines it.

    A rule that compares documents names the documents it reads in ``partner``, so a
    document is checked again when a partner is loaded after it.
    """

    name: str
    kind: FlagKind
    check: Check = field(repr=False)
    partner: Partner | None = field(default=None, repr=False)

    @property
    def version(self) -> str:
        return code_version(self.check.__module__)

    def run(self, doc: DocumentExtraction, others: OtherDocuments) -> list[Inconsistency]:
        """The rule's findings on ``doc`` as stored flags."""
        flags = []
        printed = {p.pdf_page: p.printed_page for p in doc.pages}
        for finding in self.check(doc, others):
            # Every location names its document: most are in this one, some in another in the database.
            locations = [
                loc if loc.document_sha256 else loc.model_copy(update={"document_sha256": doc.sha256})
                for loc in finding.locations
            ]
            here = [
                loc for loc in locations if loc.document_sha256 == doc.sha256 and loc.pdf_page is not None
            ]
            first = here[0] if here else None
            flags.append(
                Inconsistency(
                    kind=finding.kind or self.kind,
                    severity=finding.severity,
                    description=finding.description,
                    expected=finding.expected,
                    found=finding.found,
                    locations=locations,
                    rule=self.name,
                    rule_version=self.version,
                    prov=Provenance(
                        sha256=doc.sha256,
                        pdf_page=first.pdf_page if first else None,
                        printed_page=printed.get(first.pdf_page) if first else None,
                        bbox=first.bbox if first else None,
                        extractor=self.name,
                        extractor_version=self.version,
                    ),
                )
            )
        return flags


def cell_location(
    table: Table, row: int, col: int | None = None, *, sha256: str | None = None, label: str | None = None
) -> FlagLocation:
    """The location of a table row (``row`` indexes header+rows), with the cell's box when known.

    The row label is ``label`` if given, else the row's first non-empty cell; the page
    is the page the row is printed on.
    """
    grid = table.grid
    cells = grid[row] if 0 <= row < len(grid) else []
    label = label or next((c for c in cells if c.strip()), "")
    page = table.row_pages[row] if row < len(table.row_pages) else table.pdf_page
    bbox: BBox | None = None
    if row < len(table.cell_bboxes):
        boxes = table.cell_bboxes[row]
        if col is not None and col < len(boxes):
            bbox = boxes[col]
        else:
            bbox = _union([b for b in boxes if b is not None])
    return FlagLocation(
        pdf_page=page, table=table.id, row_label=label or None, bbox=bbox, document_sha256=sha256
    )


def tables_by_id(doc: DocumentExtraction) -> dict[str, Table]:
    """A document's tables by id (the first of an id, as a search in order finds it)."""
    out: dict[str, Table] = {}
    for table in doc.tables:
        out.setdefault(table.id, table)
    return out


def kpi_location(
    doc: DocumentExtraction,
    kpi: Kpi,
    *,
    sha256: str | None = None,
    tables: Mapping[str, Table] | None = None,
) -> FlagLocation:
    """Where a KPI record's figures are printed: its table row, page and cell box.

    A rule locating many records passes the document's ``tables`` by id, read once.
    """
    table = (tables if tables is not None else tables_by_id(doc)).get(kpi.source_table or "")
    if table is not None:
        for r, boxes in enumerate(table.cell_bboxes):
            if kpi.prov.bbox is not None and any(_same_box(b, kpi.prov.bbox) for b in boxes if b):
                col = next(c for c, b in enumerate(boxes) if b and _same_box(b, kpi.prov.bbox))
                return cell_location(table, r, col, sha256=sha256)
        for r, cells in enumerate(table.grid):
            if kpi.indicator in cells:
                return cell_location(table, r, sha256=sha256, label=kpi.indicator)
    return FlagLocation(
        pdf_page=kpi.prov.pdf_page,
        table=kpi.source_table,
        row_label=kpi.indicator,
        bbox=kpi.prov.bbox,
        document_sha256=sha256,
    )


def _same_box(a: BBox, b: BBox) -> bool:
    return all(abs(x - y) < 0.5 for x, y in zip(a, b, strict=True))


def table_location(table: Table, *, sha256: str | None = None) -> FlagLocation:
    """The location of a whole table: its first page and the box it occupies there."""
    region = next((r for r in table.regions if r.page == table.pdf_page), None)
    return FlagLocation(
        pdf_page=table.pdf_page,
        table=table.id,
        bbox=region.bbox if region else None,
        document_sha256=sha256,
    )


def text_location(page: int, snippet: str, *, sha256: str | None = None) -> FlagLocation:
    """The location of a snippet of running text printed on ``page``."""
    return FlagLocation(pdf_page=page, text=snippet, document_sha256=sha256)


def _union(boxes: Sequence[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
