"""Options shared by the ``councilpdf`` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLAlchemy database URL [default: $COUNCILPDF_DB or sqlite:///data/councilpdf.db]"
    ),
]
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store", help="Folder for content-addressed copies [default: $COUNCILPDF_STORE or data/store]"
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
