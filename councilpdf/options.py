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
