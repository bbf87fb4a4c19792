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

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from councilpdf.errors import (
    USAGE,
    connect,
    database,
    error,
    fail,
    open_database,
    quiet_workflow_log,
    run_flow,
    storage_stops,
    warn,
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

if TYPE_CHECKING:
    from pipeline.sources.config import SourcesConfig

console = Console()

SOURCES_ENV = "COUNCILPDF_SOURCES"

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        envvar=SOURCES_ENV,
        show_envvar=True,
        help="Source configuration file (TOML) [default: sources.toml]",
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
    path, cfg = _config(config)
    _quiet(verbose)
    from flows.poll import poll_flow, poll_summary
    from pipeline.runs import finish_run, start_run

    # The database the poll writes: the option's, else the file's [storage] db, else the default.
    url = database(db or cfg.db)
    engine = connect(url, read_only=False)
    with storage_stops(url):
        run_id = start_run(engine, "fetch", {"config": str(path), "store": str(store) if store else None})
        summary = None
        try:
            state = run_flow(
                lambda: poll_flow(
                    str(path),
                    db=url,
                    store=str(store) if store else None,
                    workers=workers,
                    address=scheduler,
                    return_state=True,
                )
            )
            summary = poll_summary(state)
        finally:
            finish_run(
                engine,
                run_id,
                summary.batch if summary else None,
                ok=summary is not None
                and not summary.failed
                and not (summary.batch and summary.batch.partial),
                failed=summary.failed if summary else None,
                notes=[*summary.lines(), *summary.failures, *summary.warnings] if summary else None,
            )
    for outcome in summary.batch.outcomes if summary.batch else ():
        if outcome.failed:
            reason = escape(f"{outcome.file_name}  {outcome.reason or ''}")
            console.print(f"[red]{outcome.status:>11}[/] {reason}", soft_wrap=True, highlight=False)
    for line in summary.lines():
        console.print(escape(line), soft_wrap=True, highlight=False)
    for failure in summary.failures:
        error(failure)
    for warning in summary.warnings:
        warn(warning)
    if summary.failed:
        raise typer.Exit(1)


def serve(
    config: ConfigOption = None,
    cron: Annotated[
        str | None,
        typer.Option(
            "--cron",
            help='When to poll, in cron syntax [default: the file\'s [schedule] cron, else "0 7 * * *"]',
        ),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone", help="Time zone of the schedule, e.g. Europe/London [default: the file's, else UTC]"
        ),
    ] = None,
    db: DbOption = None,
    store: StoreOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Poll the configured sources on a schedule (needs `prefect server start` and PREFECT_API_URL)."""
    path, _ = _config(config)
    from pipeline.sources.config import ConfigError, check_schedule

    try:
        check_schedule(cron, timezone, "--cron/--timezone")
    except ConfigError as exc:
        raise fail(str(exc), USAGE) from exc
    from flows.serve import ServerNeeded, require_server
    from flows.serve import serve as serve_polls

    try:
        url = require_server()
    except ServerNeeded as exc:
        raise fail(str(exc), USAGE) from exc
    console.print(
        f"serving scheduled polls of {escape(str(path))} on the Prefect server at {url} (Ctrl-C stops)",
        highlight=False,
    )
    serve_polls(
        path,
        cron=cron,
        timezone=timezone,
        db=database(db) if db else None,
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
        raise fail(str(exc), USAGE) from exc
    url = database(db)
    console.print(f"cluster: {escape(scheduler or f'{workers} local worker processes')}", highlight=False)
    arguments = {"paths": targets, "workers": workers, "scheduler": scheduler, "force": force}
    try:
        summary = recorded_run(
            url,
            "run-dask",
            arguments,
            lambda: run_batch(
                targets,
                db=url,
                store=str(store) if store else None,
                export_dir=str(export) if export else None,
                force=force,
                workers=None if scheduler else workers,
                address=scheduler,
            ),
        )
    except ValueError as exc:
        raise fail(str(exc), USAGE) from exc
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
    with Session(open_database(db)) as session:
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
            escape(m.committee),
            escape(m.venue or ""),
            ", ".join(m.sources),
            f"[yellow]{escape(disagreements)}[/]" if disagreements else "",
        )
    console.print(table)
    console.print(f"{shown} meeting(s)")


def decisions(
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            help='Full-text search over decisions and their minute items: words, "phrases", OR, -word',
        ),
    ] = None,
    committee: Annotated[str | None, typer.Option("--committee", help="Part of the committee's name")] = None,
    since: Annotated[str | None, typer.Option("--since", help="First meeting date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last meeting date (YYYY-MM-DD)")] = None,
    own_text: Annotated[
        bool,
        typer.Option("--own-text", help="Only decisions whose own text matches the topic, not their item's"),
    ] = False,
    db: DbOption = None,
) -> None:
    """The decisions recorded in minutes, in date order: per committee, about a topic, with what matched."""
    from pipeline.query.search import decisions as find_decisions
    from pipeline.query.search import decisions_by_committee

    if own_text and not topic:
        raise fail("--own-text needs a --topic", USAGE)
    entries = find_decisions(
        open_database(db),
        topic=topic,
        committee=committee,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
    )
    if own_text:
        entries = [e for e in entries if e.matched == "decision"]
    for name, group in decisions_by_committee(entries).items():
        console.rule(escape(name))
        heading = None
        for e in group:
            when = e.meeting_date.isoformat() if e.meeting_date else "date not printed"
            if (when, e.item_number) != heading:
                heading = (when, e.item_number)
                console.print(
                    f"[bold]{when}[/]  {escape(e.item_number)} {escape(e.item_title)}",
                    soft_wrap=True,
                    highlight=False,
                )
            text = _marked(e.snippet) if e.matched == "decision" else escape(e.text)
            console.print(f"    [cyan]{e.kind}:[/] {text}", soft_wrap=True, highlight=False)
            if e.matched == "item":
                console.print(
                    f"    [dim]the item says:[/] {_marked(e.snippet)}", soft_wrap=True, highlight=False
                )
            printed = "; ".join(f"{f} p.{p}" if p else f for f, p in e.sources)
            console.print(f"    [dim]printed in {escape(printed)}[/]", soft_wrap=True, highlight=False)
    if topic:
        own = sum(e.matched == "decision" for e in entries)
        console.print(
            f"{len(entries)} decision(s) about {escape(repr(topic))}: {own} whose own text matches, "
            f"{len(entries) - own} taken on an item whose text matches",
            highlight=False,
        )
    else:
        console.print(f"{len(entries)} decision(s)")


def _marked(snippet: str | None) -> str:
    """A search snippet as console markup: the matching words bold."""
    from pipeline.query.search import END_MARK, MARK

    return escape(snippet or "").replace(MARK, "[bold yellow]").replace(END_MARK, "[/]")


def kpi_history(
    indicator: Annotated[str, typer.Argument(help="The indicator's name, or words of it")],
    council: Annotated[
        str | None, typer.Option("--council", help="Only this council (part of its name)")
    ] = None,
    service: Annotated[
        str | None, typer.Option("--service", help="Only this service or directorate (part of its name)")
    ] = None,
    db: DbOption = None,
) -> None:
    """An indicator's target and actual per service and council across reporting periods."""
    from pipeline.query.search import kpi_history as find_history

    histories = find_history(open_database(db), indicator, council=council, service=service)
    if not histories:
        raise fail(f"no indicator matches {indicator!r}")
    for history in histories:
        console.rule(escape(f"{history.indicator} ({history.service or 'service not stated'})"))
        for name, points in sorted(history.councils.items()):
            table = Table(title=escape(name), header_style="bold")
            for column in ("period", "target", "actual", "RAG", "trend", "meeting", "printed in"):
                table.add_column(column, overflow="fold")
            for p in points:
                table.add_row(
                    escape(p.period or ""),
                    escape(p.target or ""),
                    escape(p.actual or ""),
                    p.rag or "",
                    p.direction or "",
                    p.meeting_date.isoformat() if p.meeting_date else "",
                    escape(f"{p.file_name} p.{p.pdf_page}"),
                )
            console.print(table)
        for series, cells in sorted(history.series.items()):
            values = ", ".join(f"{c.period} {c.value}" for c in cells)
            console.print(f"[bold]{escape(series)}[/]: {escape(values)}", soft_wrap=True, highlight=False)
    console.print(f"{len(histories)} indicator(s) by service")


def _config(config: Path | None) -> tuple[Path, SourcesConfig]:
    """The source configuration file and what it says; a missing or wrong one is a one-line error."""
    from pipeline.sources.config import ConfigError, load_config

    path = config or Path("sources.toml")
    if not path.is_file():
        raise fail(f"no source configuration at {path} (copy sources.example.toml and edit it)", USAGE)
    try:
        return path, load_config(path)
    except ConfigError as exc:
        raise fail(str(exc), USAGE) from exc


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=option) from exc


def _quiet(verbose: bool) -> None:
    if not verbose:
        quiet_workflow_log()
