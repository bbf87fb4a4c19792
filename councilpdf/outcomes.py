"""How a batch's outcomes are shown: a line per file, its errors and warnings, and the summary."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from pipeline.outcome import BatchSummary


def print_outcomes(console: Console, summary: BatchSummary) -> None:
    """Each file's outcome with its counts, errors and warnings, then the batch's summary line."""
    for o in summary.outcomes:
        colour = {"loaded": "green", "unchanged": "cyan", "partial": "yellow"}.get(o.status, "red")
        if o.status in ("loaded", "partial"):
            rows = o.rows
            detail = (
                f"{rows.get('sections', 0)} documents, {rows.get('extracted_tables', 0)} tables, "
                f"{rows.get('kpis', 0)} KPIs, {rows.get('actions', 0)} actions, "
                f"{rows.get('financial_cells', 0)} financial cells, {o.flags} flags"
            )
        else:
            detail = o.reason or ""
        console.print(f"[{colour}]{o.status:>11}[/] {o.file_name}  {detail}", soft_wrap=True)
        for error in o.errors:
            console.print(f"{'':>11}   [red]error:[/] {escape(error)}", soft_wrap=True)
        for warning in o.warnings:
            console.print(f"{'':>11}   [yellow]warning:[/] {warning}", soft_wrap=True)
    console.print(summary.line())
