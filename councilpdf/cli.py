"""The ``councilpdf`` command line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from councilpdf import cli_audit, cli_sources
from councilpdf.errors import run_flow
from councilpdf.options import (
    DbOption,
    ExportOption,
    ForceOption,
    PathsArgument,
    StoreOption,
    VerboseOption,
)
from councilpdf.outcomes import print_outcomes
from pipeline.db import database_url, engine_for

app = typer.Typer(
    help="Turn committee PDFs (agenda packs, minutes, reports) into a queryable SQL database.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()


@app.command()
def run(
    paths: PathsArgument = None,
    db: DbOption = None,
    store: StoreOption = None,
    export: ExportOption = None,
    force: ForceOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Ingest, extract, load and validate PDFs (the main job), optionally exporting JSON."""
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.batch import batch_flow, on_file_done
    from pipeline.ingest import discover

    targets = [str(p) for p in (paths or [Path("raw_pdfs")])]
    try:
        files = discover(targets)
    except FileNotFoundError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    console.print(f"database: {database_url(db)}")
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        bar = progress.add_task("starting the workflow engine", total=len(files))

        def done(outcome) -> None:
            progress.update(bar, advance=1, description=f"{outcome.status}: {outcome.file_name}")

        on_file_done(done)
        try:
            summary = run_flow(
                lambda: batch_flow(
                    targets,
                    db=db,
                    store=str(store) if store else None,
                    export_dir=str(export) if export else None,
                    force=force,
                )
            )
        finally:
            on_file_done(None)
    print_outcomes(console, summary)
    if export:
        console.print(f"exported JSON to {export}/")
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def ingest(paths: PathsArgument = None, db: DbOption = None, store: StoreOption = None) -> None:
    """Check PDFs and keep content-addressed copies; quarantine the unusable, extract nothing."""
    from pipeline.ingest import discover, ingest_file, store_dir

    engine = engine_for(db)
    files = discover([str(p) for p in (paths or [Path("raw_pdfs")])])
    failed = 0
    for path in files:
        result = ingest_file(path, engine, store_dir(store))
        if result.ok:
            console.print(
                f"[green]{result.status}[/] {path.name} ({result.page_count} pages) {result.sha256[:12]}"
            )
        else:
            failed += 1
            console.print(f"[red]quarantined[/] {path.name}: {result.reason}")
    console.print(f"{failed} of {len(files)} failed")
    if failed:
        raise typer.Exit(1)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder to write NAME.json files into")],
    db: DbOption = None,
) -> None:
    """Write one NAME.json per source PDF (corpus format), read back from the database."""
    from pipeline.export import export_all

    written = export_all(engine_for(db), out)
    console.print(f"wrote {len(written)} file(s) to {out}/")


@app.command()
def status(db: DbOption = None) -> None:
    """Show what the database holds: documents, row counts and quarantined files."""
    from pipeline.query.status import database_status

    report = database_status(engine_for(db))
    console.print(f"database: {database_url(db)}")
    docs = Table(title="documents", header_style="bold")
    # A file name is how a document is found again: shown whole, folded if need be.
    docs.add_column("file", overflow="fold")
    for column in ("committee", "meeting", "pages", "sections", "tables", "flags"):
        docs.add_column(column)
    for d in report.documents:
        docs.add_row(
            d.file_name,
            d.committee or "",
            d.meeting or "",
            str(d.pages),
            str(d.sections),
            str(d.tables),
            str(d.flags),
        )
    console.print(docs)
    counts = Table(title="rows", header_style="bold")
    counts.add_column("table")
    counts.add_column("rows", justify="right")
    for name, n in report.counts.items():
        counts.add_row(name, str(n))
    console.print(counts)
    if report.partial:
        p = Table(title="partial: extracted again on the next run", header_style="bold")
        p.add_column("file", overflow="fold")
        p.add_column("extraction errors", overflow="fold")
        for name, errors in report.partial:
            p.add_row(name, escape("\n".join(errors)))
        console.print(p)
    if report.quarantined:
        q = Table(title="quarantined", header_style="bold")
        q.add_column("file")
        q.add_column("reason")
        for name, reason in report.quarantined:
            q.add_row(name, reason or "")
        console.print(q)


cli_sources.register(app)
cli_audit.register(app)

if __name__ == "__main__":
    app()
