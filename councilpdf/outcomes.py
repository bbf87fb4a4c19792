"""How a batch's outcomes are shown: a line per file, its errors and warnings, and the summary;
and the ``runs`` row each batch leaves."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from rich.console import Console
from rich.markup import escape

from councilpdf.errors import connect, run_flow, storage_stops
from pipeline.outcome import BatchSummary


def print_outcomes(console: Console, summary: BatchSummary) -> None:
    """Each file's outcome with its counts, errors and warnings, then the batch's summary line."""
    for o in summary.outcomes:
        colour = {"loaded": "green", "unchanged": "cyan", "partial": "yellow"}.get(o.status, "red")
        if o.status in ("loaded", "partial"):
            rows = o.rows
            # "sections": the documents a PDF holds (agenda, minutes, reports...), not PDFs.
            detail = (
                f"{rows.get('sections', 0)} sections, {rows.get('extracted_tables', 0)} tables, "
                f"{rows.get('kpis', 0)} KPIs, {rows.get('actions', 0)} actions, "
                f"{rows.get('financial_cells', 0)} financial cells, {o.flags} flags"
            )
        else:
            detail = o.reason or ""
        console.print(
            f"[{colour}]{o.status:>11}[/] {escape(o.file_name)}  {escape(detail)}",
            soft_wrap=True,
            highlight=False,
        )
        for error in o.errors:
            console.print(f"{'':>11}   [red]error:[/] {escape(error)}", soft_wrap=True, highlight=False)
        for warning in o.warnings:
            console.print(
                f"{'':>11}   [yellow]warning:[/] {escape(warning)}", soft_wrap=True, highlight=False
            )
    console.print(summary.line(), highlight=False)


def recorded_run(
    url: str, command: str, arguments: dict[str, Any], call: Callable[[], BatchSummary]
) -> BatchSummary:
    """Run a batch flow (through :func:`run_flow`), recorded in the database's ``runs`` table."""
    from pipeline.runs import finish_run, start_run

    engine = connect(url, read_only=False)
    with storage_stops(url):
        run_id = start_run(engine, command, arguments)
        try:
            summary = run_flow(call)
        except BaseException:
            # Kept when it can be: a batch stopped by its database cannot record that.
            with suppress(Exception):
                finish_run(engine, run_id, None, ok=False)
            raise
        finish_run(engine, run_id, summary, ok=summary.ok)
    return summary
