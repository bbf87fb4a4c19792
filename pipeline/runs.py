"""The ``runs`` table: each batch a command ran, what it was asked to do and how it ended."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, update

from pipeline.outcome import BatchSummary
from schemas import sql

OUTCOME_FIELDS = ("file_name", "status", "sha256", "reason", "flags", "errors", "warnings")
"""What the summary keeps of each file's outcome."""


def start_run(engine: Engine, command: str, arguments: dict[str, Any]) -> str:
    """Record that ``command`` started with ``arguments``; returns the run's id."""
    run_id = uuid.uuid4().hex
    with engine.begin() as conn:
        conn.execute(
            sql.Run.__table__.insert().values(
                id=run_id,
                command=command,
                status="running",
                started=datetime.now(UTC),
                files=0,
                loaded=0,
                partial=0,
                unchanged=0,
                failed=0,
                summary={"arguments": arguments},
            )
        )
    return run_id


def finish_run(
    engine: Engine,
    run_id: str,
    batch: BatchSummary | None,
    *,
    ok: bool,
    failed: int | None = None,
    notes: list[str] | None = None,
) -> None:
    """Record how a run ended: ``ok`` or not, its counts, each file's outcome, and ``notes``.

    ``failed`` is what failed in all, a poll's sources included (default: the batch's files).
    """
    outcomes = batch.outcomes if batch else ()
    table = sql.Run.__table__
    with engine.begin() as conn:
        before = conn.scalar(select(table.c.summary).where(table.c.id == run_id)) or {}
        conn.execute(
            update(table)
            .where(table.c.id == run_id)
            .values(
                status="completed" if ok else "failed",
                finished=datetime.now(UTC),
                files=len(outcomes),
                loaded=sum(o.status == "loaded" for o in outcomes),
                partial=sum(o.status == "partial" for o in outcomes),
                unchanged=sum(o.status == "unchanged" for o in outcomes),
                failed=failed if failed is not None else (batch.failed if batch else 0),
                summary={
                    **before,
                    "outcomes": [
                        {k: v for k, v in asdict(o).items() if k in OUTCOME_FIELDS} for o in outcomes
                    ],
                    "notes": notes or [],
                },
            )
        )
