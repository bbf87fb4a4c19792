"""Commands for scheduled ingestion and for following decisions and indicators across meetings.

``register(app)`` adds them to the ``councilpdf`` command line:

* ``fetch``: poll the configured sources (ModernGov sites, folders) once;
* ``serve``: the scheduled poll, as a Prefect deployment on a Prefect server;
* ``run-dask``: the main job with its documents spread over a Dask cluster;
* ``meetings``: meetings as entities, with where the website and the PDFs disagree;
* ``decisions``: the decisions timeline, per committee and per topic;
* ``kpi-history``: an indicator's values per council across periods.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

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

console = Console()

SOURCES_ENV = "COUNCILPDF_SOURCES"

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help=f"Source configuration file (TOML) [default: ${SOURCES_ENV} or sources.toml]",
        show_default=False,
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers", min=1, help="Process the documents on a local Dask cluster of this many workers"
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler", help="Process the documents on the Dask cluster at this address (tcp://host:8786)"
    ),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(fetch)
    app.command()(serve)
    app.command(name="run-dask")(run_dask)
    app.command()(meetings)
    app.command()(decisions)
    app.command(name="kpi-history")(kpi_history)


def fetch(
    config: ConfigOption = None,
    db: DbOption = None,
    store: StoreOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Poll the configured sources once: download new papers and process them."""
    path = _config_path(config)
    _quiet(verbose)
    from flows.poll import poll_flow

    console.print(f"database: {database_url(db)}")
    summary = run_flow(
        lambda: poll_flow(
            str(path),
            db=db,
            store=str(store) if store else None,
            workers=workers,
            address=scheduler,
        )
    )
    if summary.batch:
        for outcome in summary.batch.outcomes:
            if outcome.failed:
                console.print(
                    f"[red]{outcome.status:>11}[/] {outcome.file_name}  {outcome.reason or ''}",
                    soft_wrap=True,
                )
    for line in summary.lines():
        console.print(line, soft_wrap=True)
    if summary.failed:
        raise typer.Exit(1)


def serve(
    config: ConfigOption = None,
    cron: Annotated[
        str | None,
        typer.Option(
            "--cron", help='When to poll, in cron syntax [default: the file\'s [schedule] or "0 7 * * *"]'
        ),
    ] = None,
    timezone: Annotated[
        str | None, typer.Option("--timezone", help="Time zone of the schedule, e.g. Europe/London")
    ] = None,
    db: DbOption = None,
    store: StoreOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Poll the configured sources on a schedule (needs `prefect server start` and PREFECT_API_URL)."""
    path = _config_path(config)
    from flows.serve import ServerNeeded, require_server
    from flows.serve import serve as serve_polls

    try:
        url = require_server()
    except ServerNeeded as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    console.print(f"serving scheduled polls of {path} on the Prefect server at {url} (Ctrl-C stops)")
    serve_polls(
        path,
        cron=cron,
        timezone=timezone,
        db=db,
        store=str(store) if store else None,
        workers=workers,
        address=scheduler,
    )


def run_dask(
    paths: PathsArgument = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes of the local cluster")
    ] = 2,
    scheduler: SchedulerOption = None,
    db: DbOption = None,
    store: StoreOption = None,
    export: ExportOption = None,
    force: ForceOption = False,
    verbose: VerboseOption = False,
) -> None:
    """The main job (like `run`) with documents processed in parallel on a Dask cluster."""
    _quiet(verbose)
    from flows.cluster import run_batch
    from pipeline.ingest import discover

    targets = [str(p) for p in (paths or [Path("raw_pdfs")])]
    try:
        discover(targets)
    except FileNotFoundError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    console.print(f"database: {database_url(db)}")
    console.print(f"cluster: {scheduler or f'{workers} local worker processes'}")
    try:
        summary = run_flow(
            lambda: run_batch(
                targets,
                db=db,
                store=str(store) if store else None,
                export_dir=str(export) if export else None,
                force=force,
                workers=None if scheduler else workers,
                address=scheduler,
            )
        )
    except ValueError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    print_outcomes(console, summary)
    if not summary.ok:
        raise typer.Exit(1)


def meetings(
    committee: Annotated[str | None, typer.Option("--committee", help="Part of the committee's name")] = None,
    db: DbOption = None,
) -> None:
    """Meetings as entities: committee and date, the evidence for each, and where sources disagree."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from pipeline.query.meetings import committee_key
    from schemas.meetings import Meeting

    wanted = committee_key(committee) if committee else None
    with Session(engine_for(db)) as session:
        rows = list(session.scalars(select(Meeting).order_by(Meeting.meeting_date, Meeting.committee_key)))
    table = Table(header_style="bold")
    for column in ("date", "time", "committee", "venue", "evidence", "disagreements"):
        table.add_column(column)
    shown = 0
    for m in rows:
        if wanted and wanted not in m.committee_key:
            continue
        shown += 1
        disagreements = "; ".join(
            f"{d['field']}: PDF {d['pdf']!r}, website {d['api']!r}" for d in m.disagreements
        )
        table.add_row(
            m.meeting_date.isoformat(),
            m.meeting_time or "",
            m.committee,
            m.venue or "",
            ", ".join(m.sources),
            f"[yellow]{disagreements}[/]" if disagreements else "",
        )
    console.print(table)
    console.print(f"{shown} meeting(s)")


def decisions(
    topic: Annotated[
        str | None,
        typer.Option("--topic", help='Full-text search over minute items: words, "phrases", OR, -word'),
    ] = None,
    committee: Annotated[str | None, typer.Option("--committee", help="Part of the committee's name")] = None,
    since: Annotated[str | None, typer.Option("--since", help="First meeting date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last meeting date (YYYY-MM-DD)")] = None,
    db: DbOption = None,
) -> None:
    """The decisions recorded in minutes, in date order: per committee, about a topic."""
    from pipeline.query.search import decisions as find_decisions
    from pipeline.query.search import decisions_by_committee

    entries = find_decisions(
        engine_for(db),
        topic=topic,
        committee=committee,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
    )
    for name, group in decisions_by_committee(entries).items():
        console.rule(name)
        heading = None
        for e in group:
            when = e.meeting_date.isoformat() if e.meeting_date else "date not printed"
            if (when, e.item_number) != heading:
                heading = (when, e.item_number)
                console.print(f"[bold]{when}[/]  {e.item_number} {e.item_title}", soft_wrap=True)
            console.print(f"    [cyan]{e.kind}:[/] {e.text}", soft_wrap=True, highlight=False)
            printed = "; ".join(f"{f} p.{p}" if p else f for f, p in e.sources)
            console.print(f"    [dim]printed in {printed}[/]", soft_wrap=True, highlight=False)
    about = f" about {topic!r}" if topic else ""
    console.print(f"{len(entries)} decision(s){about}")


def kpi_history(
    indicator: Annotated[str, typer.Argument(help="The indicator's name, or words of it")],
    council: Annotated[
        str | None, typer.Option("--council", help="Only this council (part of its name)")
    ] = None,
    db: DbOption = None,
) -> None:
    """An indicator's target and actual per council across reporting periods."""
    from pipeline.query.search import kpi_history as find_history

    histories = find_history(engine_for(db), indicator, council=council)
    if not histories:
        console.print(f"no indicator matches {indicator!r}")
        raise typer.Exit(1)
    for history in histories:
        console.rule(history.indicator)
        for name, points in sorted(history.councils.items()):
            table = Table(title=name, header_style="bold")
            for column in ("period", "target", "actual", "RAG", "trend", "meeting", "printed in"):
                table.add_column(column, overflow="fold")
            for p in points:
                table.add_row(
                    p.period or "",
                    p.target or "",
                    p.actual or "",
                    p.rag or "",
                    p.direction or "",
                    p.meeting_date.isoformat() if p.meeting_date else "",
                    f"{p.file_name} p.{p.pdf_page}",
                )
            console.print(table)
        for series, cells in sorted(history.series.items()):
            values = ", ".join(f"{c.period} {c.value}" for c in cells)
            console.print(f"[bold]{series}[/]: {values}", soft_wrap=True)


def _config_path(config: Path | None) -> Path:
    path = config or Path(os.environ.get(SOURCES_ENV) or "sources.toml")
    if not path.is_file():
        console.print(f"[red]error:[/] no source configuration at {path} (see sources.example.toml)")
        raise typer.Exit(2)
    from pipeline.sources.config import ConfigError, load_config

    try:
        load_config(path)
    except ConfigError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    return path


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=option) from exc


def _quiet(verbose: bool) -> None:
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
