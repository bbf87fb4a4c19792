"""Options shared by the ``councilpdf`` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="COUNCILPDF_DB",
        show_envvar=True,
        help="SQLAlchemy database URL, or the path of a SQLite file [default: sqlite:///data/councilpdf.db]",
    ),
]
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar="COUNCILPDF_STORE",
        show_envvar=True,
        help="Folder for content-addressed copies of the PDFs [default: data/store]",
    ),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show the workflow engine's log")]
PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(help="PDF files or folders of PDFs [default: raw_pdfs/]", show_default=False),
]
ExportOption = Annotated[
    Path | None, typer.Option("--export", help="Also write the JSON export to this folder")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Re-extract files already loaded")]
