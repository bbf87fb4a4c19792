"""Commands for auditors: the inconsistency flags and a per-document audit report.

``register(app)`` adds them to the ``councilpdf`` command line:

* ``flags``: the stored flags, by kind and document, as a table, JSON or CSV;
* ``audit``: one HTML report per document with each flag's evidence and page crops.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from councilpdf.options import DbOption
from pipeline.db import engine_for

console = Console()

DocumentOption = Annotated[
    str | None,
    typer.Option(
        "--document",
        "-d",
        help="Documents whose file name contains this, or a sha256 (prefix of 6+)",
    ),
]


class Format(StrEnum):
    """Output formats of ``flags``."""

    table = "table"
    json = "json"
    csv = "csv"


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(flags)
    app.command()(audit)


def flags(
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", help="Only flags of this kind (total_mismatch, rag_vs_target, ...)"),
    ] = None,
    document: DocumentOption = None,
    output: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = Format.table,
    db: DbOption = None,
) -> None:
    """List the inconsistencies flagged in the database, with their evidence."""
    from pipeline.query.flagquery import FLAG_COLUMNS, list_flags, partial_documents

    engine = engine_for(db)
    rows = list_flags(engine, kind=kind, document=document)
    if output is Format.json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif output is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=FLAG_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_flag_tables(rows)
    # Flags of a partial document may be missing what a failed extractor or rule lost.
    warn = Console(stderr=True) if output is not Format.table else console
    for name, errors in partial_documents(engine, document):
        warn.print(f"[yellow]partial:[/] {escape(name)}: its flags may be incomplete", soft_wrap=True)
        for error in errors:
            warn.print(f"  [red]error:[/] {escape(error)}", soft_wrap=True)


def _print_flag_tables(rows: list[dict]) -> None:
    """One table per document: page, kind and severity, what disagrees, and the evidence."""
    by_document: dict[str, list[dict]] = {}
    for row in rows:
        by_document.setdefault(row["document"], []).append(row)
    for name, flagged in by_document.items():
        table = Table(title=f"{name}: {len(flagged)} flag(s)", header_style="bold", show_lines=True)
        table.add_column("page", no_wrap=True)
        table.add_column("kind / severity", ratio=1)
        table.add_column("what disagrees", ratio=3)
        table.add_column("evidence", ratio=2)
        for row in flagged:
            values = f"\nexpected {row['expected']}, found {row['found']}" if row["expected"] else ""
            table.add_row(
                row["pages"],
                f"{row['kind']}\n{row['severity']}",
                row["description"] + values,
                row["evidence"],
            )
        console.print(table)
    console.print(f"{len(rows)} flag(s)")


def audit(
    document: DocumentOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write NAME.audit.html into")] = Path(
        "audit"
    ),
    db: DbOption = None,
) -> None:
    """Write an HTML audit report per document: each flag, its evidence and crops of its pages."""
    from pipeline.query.audit import write_audit_report
    from pipeline.query.flagquery import find_documents

    engine = engine_for(db)
    documents = find_documents(engine, document)
    if document and not documents:
        console.print(f"[red]error:[/] no document named {document!r} in the database")
        raise typer.Exit(2)
    for sha256, _name in documents:
        path = write_audit_report(engine, sha256, out)
        console.print(f"wrote {path}", soft_wrap=True)
    console.print(f"{len(documents)} audit report(s) in {out}/")
