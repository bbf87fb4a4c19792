"""What happened to each file of a batch, and the batch's summary line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["loaded", "partial", "unchanged", "quarantined", "failed", "skipped"]


@dataclass(frozen=True)
class FileOutcome:
    """The end state of one file in a batch."""

    source: str
    file_name: str
    status: Status
    sha256: str | None = None
    reason: str | None = None
    rows: dict[str, int] = field(default_factory=dict)
    flags: int = 0
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    """What each extractor or rule that raised lost, and why (a ``partial`` document)."""

    @property
    def failed(self) -> bool:
        return self.status in ("quarantined", "failed")


@dataclass(frozen=True)
class BatchSummary:
    """All outcomes of a batch run."""

    outcomes: tuple[FileOutcome, ...]

    @property
    def failed(self) -> int:
        return sum(o.failed for o in self.outcomes)

    @property
    def partial(self) -> int:
        return sum(o.status == "partial" for o in self.outcomes)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def ok(self) -> bool:
        """Every file loaded whole (or was already): nothing failed, nothing partial."""
        return not self.failed and not self.partial

    def line(self) -> str:
        """ "N of M failed" with what else happened."""
        loaded = sum(o.status == "loaded" for o in self.outcomes)
        unchanged = sum(o.status == "unchanged" for o in self.outcomes)
        skipped = sum(o.status == "skipped" for o in self.outcomes)
        return (
            f"{self.failed} of {self.total} failed ({loaded} loaded, {self.partial} partial, "
            f"{unchanged} unchanged{f', {skipped} skipped' if skipped else ''})"
        )
