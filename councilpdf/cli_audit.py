"""Commands for auditors: the inconsistency flags and a per-document audit report.

``register(app)`` adds them to the ``councilpdf`` command line:

* ``flags``: the stored flags, by kind and document, as a table, JSON or CSV;
* ``audit``: an HTML report: an index, and a page per document with each flag's evidence and page crops.
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

from councilpdf.errors import USAGE, choose, error, fail, open_database, storage_stops, warn
from councilpdf.options import DbOption

console = Console()

BOM = "\ufeff"

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
    output: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="table; json (pages and locations as lists, with boxes); csv (with a byte-order mark, "
            "for spreadsheets)",
        ),
    ] = Format.table,
    db: DbOption = None,
) -> None:
    """List the inconsistencies flagged in the database, with their evidence."""
    from typing import get_args

    from pipeline.query.flagquery import (
        FLAG_COLUMNS,
        find_documents,
        flag_records,
        list_flags,
        partial_documents,
    )
    from schemas.records import FlagKind

    if kind is not None:
        choose("flag kind", kind, get_args(FlagKind))
    engine = open_database(db)
    if output is Format.json:
        rows = flag_records(engine, kind=kind, document=document)
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif output is Format.csv:
        rows = list_flags(engine, kind=kind, document=document)
        # The byte-order mark tells spreadsheet programs the text is UTF-8 ("£", "–").
        sys.stdout.write(BOM)
        writer = csv.DictWriter(sys.stdout, fieldnames=FLAG_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        rows = list_flags(engine, kind=kind, document=document)
        _print_flag_tables(rows)
    if document and not rows and not find_documents(engine, document):
        raise fail(f"no document named {document!r} in the database", USAGE)
    # Flags of a partial document may be missing what a failed extractor or rule lost.
    for name, errors in partial_documents(engine, document):
        warn(f"partial: {name}: its flags may be incomplete")
        for lost in errors:
            error(lost)


def _print_flag_tables(rows: list[dict]) -> None:
    """One table per document: page, kind and severity, what disagrees, and the evidence."""
    by_document: dict[str, list[dict]] = {}
    for row in rows:
        by_document.setdefault(row["document"], []).append(row)
    for name, flagged in by_document.items():
        table = Table(title=escape(f"{name}: {len(flagged)} flag(s)"), header_style="bold", show_lines=True)
        table.add_column("page", no_wrap=True)
        table.add_column("kind / severity", ratio=1)
        table.add_column("what disagrees", ratio=3)
        table.add_column("evidence", ratio=2)
        for row in flagged:
            values = f"\nexpected {row['expected']}, found {row['found']}" if row["expected"] else ""
            table.add_row(
                row["pages"],
                f"{row['kind']}\n{row['severity']}",
                escape(row["description"] + values),
                escape(row["evidence"]),
            )
        console.print(table)
    console.print(f"{len(rows)} flag(s)")


def audit(
    document: DocumentOption = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the index and a page per document into")
    ] = Path("audit"),
    db: DbOption = None,
) -> None:
    """Write an HTML audit report: an index of documents and their flags, and a page per document
    with each flag, its evidence, crops of its pages and links to them in the PDF."""
    from pipeline.query.audit import write_audit_reports
    from pipeline.query.flagquery import find_documents
    from pipeline.storage import writing_to

    engine = open_database(db)
    documents = find_documents(engine, document)
    if document and not documents:
        raise fail(f"no document named {document!r} in the database", USAGE)
    with storage_stops(), writing_to(out, "the audit report"):
        index, pages = write_audit_reports(engine, [sha for sha, _ in documents], out)
    for path in pages:
        console.print(f"wrote {escape(str(path))}", soft_wrap=True, highlight=False)
    console.print(
        f"{len(pages)} document page(s) and their index {escape(str(index))}", soft_wrap=True, highlight=False
    )
