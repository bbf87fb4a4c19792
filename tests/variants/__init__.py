"""Synthetic committee papers with known truth, printed in many styles.

:mod:`.spec` holds the data model of a pack, :mod:`.packs` the packs and the grid of
styles they are printed in, :mod:`.render` prints a pack with reportlab and notes where
everything landed, and :mod:`.truth` gives the export a perfect reader would produce.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.variants.packs import PACKS, STYLES
from tests.variants.render import render
from tests.variants.truth import truth

__all__ = ["PACKS", "STYLES", "build"]


def build(name: str, out_dir: Path, seed: int | None = None) -> tuple[Path, dict[str, Any]]:
    """Print the pack ``name`` into ``out_dir``; returns the PDF and its truth (also written beside it).

    ``seed`` draws other names and figures for the same pack and style.
    """
    pack = PACKS[name]() if seed is None else PACKS[name](seed)
    pdf = out_dir / f"{pack.name}.pdf"
    rendered = render(pack, pdf)
    expected = truth(pack, rendered)
    (out_dir / f"{pack.name}.truth.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False))
    return pdf, expected
