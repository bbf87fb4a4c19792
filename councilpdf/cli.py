"""The ``councilpdf`` command line."""

from __future__ import annotations

from enum import StrEnum
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
from councilpdf.errors import (
    USAGE,
    connect,
    database,
    fail,
    open_database,
    quiet_workflow_log,
    storage_stops,
)
from councilpdf.options import (
    DbOption,
    ExportOption,
    ForceOption,
    PathsArgument,
    StoreOption,
    VerboseOption,
)
from councilpdf.outcomes import print_outcomes, recorded_run

app = typer.Typer(
    help="Turn committee PDFs (agenda packs, minutes, reports) into a queryable SQL database.",
    no_args_is_help=True,
    add_completion=False,
    # Help and messages show "[default: ...]" and "[[moderngov]]" as written, not as markup.
    rich_markup_mode=None,
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
    limit: Annotated[
        list[str] | None,
        typer.Option(
            "--limit",
            metavar="NAME=VALUE",
            help="Raise (or lower) a limit on one document, e.g. pages=20000 (see pipeline/pdf/limits.py)",
        ),
    ] = None,
) -> None:
    """Ingest, extract, load and validate PDFs (the main job), optionally exporting JSON."""
    if not verbose:
        quiet_workflow_log()
    from flows.batch import batch_flow, on_file_done
    from pipeline.ingest import discover
    from pipeline.names import portable, readable
    from pipeline.pdf import limits
    from pipeline.storage import check_writable

    try:
        # Set in the environment, so the worker processes started for the batch have them.
        limits.use(limits.Limits.current().with_settings(limit or []))
    except ValueError as exc:
        raise fail(str(exc), USAGE) from exc

    targets = [str(p) for p in (paths or [Path("raw_pdfs")])]
    try:
        files = discover(targets)
    except FileNotFoundError as exc:
        raise fail(str(exc), USAGE) from exc
    if export:
        with storage_stops():
            check_writable(export)
    url = database(db)
    arguments = {
        "paths": [readable(t) for t in targets],
        "export": str(export) if export else None,
        "force": force,
    }
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
            progress.update(bar, advance=1, description=escape(f"{outcome.status}: {outcome.file_name}"))

        on_file_done(done)
        try:
            summary = recorded_run(
                url,
                "run",
                arguments,
                lambda: batch_flow(
                    [portable(t) for t in targets],
                    db=url,
                    store=str(store) if store else None,
                    export_dir=str(export) if export else None,
                    force=force,
                ),
            )
        finally:
            on_file_done(None)
    print_outcomes(console, summary)
    if export:
        console.print(f"exported JSON to {export}/", highlight=False)
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def ingest(paths: PathsArgument = None, db: DbOption = None, store: StoreOption = None) -> None:
    """Check PDFs and keep content-addressed copies; quarantine the unusable, extract nothing."""
    from pipeline.ingest import discover, ingest_file, store_dir

    try:
        files = discover([str(p) for p in (paths or [Path("raw_pdfs")])])
    except FileNotFoundError as exc:
        raise fail(str(exc), USAGE) from exc
    url = database(db)
    engine = connect(url, read_only=False)
    failed = 0
    for path in files:
        with storage_stops(url):
            result = ingest_file(path, engine, store_dir(store))
        name = escape(path.name)
        if result.ok:
            console.print(
                f"[green]{result.status}[/] {name} ({result.page_count} pages) {result.sha256[:12]}",
                highlight=False,
            )
        else:
            failed += 1
            console.print(f"[red]quarantined[/] {name}: {escape(result.reason or '')}", highlight=False)
    console.print(f"{failed} of {len(files)} failed")
    if failed:
        raise typer.Exit(1)


class ExportFormat(StrEnum):
    """What ``export`` writes."""

    corpus = "corpus"
    csv = "csv"
    json = "json"
    parquet = "parquet"


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the files into")],
    output: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="corpus: NAME.json per source PDF (the evaluation corpus format); csv (with a byte-order "
            "mark), json or parquet: a file per table and view",
        ),
    ] = ExportFormat.corpus,
    db: DbOption = None,
) -> None:
    """Write the database out for other tools: JSON per PDF, or every table as CSV, JSON or Parquet."""
    from pipeline.export import export_all, export_tables

    engine = open_database(db)
    with storage_stops():
        if output is ExportFormat.corpus:
            written = export_all(engine, out)
            what = "one per document"
        else:
            written = export_tables(engine, out, output.value)
            what = f"one per table and view, {output.value}"
    console.print(f"wrote {len(written)} file(s) to {escape(str(out))}/ ({what})", highlight=False)


@app.command()
def status(db: DbOption = None) -> None:
    """Show what the database holds: documents, row counts and quarantined files."""
    from pipeline.query.status import database_status

    report = database_status(open_database(db))
    docs = Table(title=f"{len(report.documents)} document(s)", header_style="bold")
    # A file name is how a document is found again: shown whole, folded if need be.
    docs.add_column("file", overflow="fold")
    for column in ("committee", "meeting", "pages", "sections", "tables", "flags"):
        docs.add_column(column)
    for d in report.documents:
        docs.add_row(
            escape(d.file_name),
            escape(d.committee or ""),
            d.meeting or "",
            str(d.pages),
            str(d.sections),
            str(d.tables),
            str(d.flags),
        )
    console.print(docs)
    counts = Table(title="rows per table", header_style="bold")
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
            p.add_row(escape(name), escape("\n".join(errors)))
        console.print(p)
    if report.quarantined:
        q = Table(title="quarantined", header_style="bold")
        q.add_column("file")
        q.add_column("reason")
        for name, reason in report.quarantined:
            q.add_row(escape(name), escape(reason or ""))
        console.print(q)


@app.command()
def browse(
    db: DbOption = None,
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port to serve on")] = 8001,
) -> None:
    """Explore the database in a web browser, read-only (Datasette on 127.0.0.1): tables and views
    described, canned queries, full-text search, and each row's page drawn with its box."""
    from pipeline.query.browse import BrowseError, serve

    engine = open_database(db)
    try:
        serve(engine, port=port, announce=lambda line: console.print(line, highlight=False, soft_wrap=True))
    except BrowseError as exc:
        raise fail(str(exc), USAGE) from exc


cli_sources.register(app)
cli_audit.register(app)

if __name__ == "__main__":
    app()
