"""Table structure on the ICDAR 2013 table competition (EU set): our engine against others.

For every PDF of the set, each method reads the pages that hold ground-truth tables
and its grids are scored with the competition's adjacency relations (each non-empty
cell with its nearest non-empty neighbour to the right and below, texts compared
after normalising), the relation definition the corpus scorer uses. Methods, in one
run: this project's engine, camelot lattice, camelot stream and pdfplumber's
``extract_tables()`` with default settings.

Two modes:

* ``regions``: structure recognition given the table regions. Each method is told
  the truth region of each table: text is read only inside it (2 pt margin), ruling
  lines within 12 pt of it (a table's frame often lies just outside the box around
  its text). All methods get the same regions.
* ``pages``: detection and structure. Each method reads whole pages; each truth
  table is matched to the predicted table on its page sharing most relations, and
  predicted tables matched to no truth table count as false relations.

Scores are micro-averaged over all relations (precision, recall, F1) and, as the
mean per-table F1. Where the set gives alternative ground truths for one PDF
(``eu-009a``/``eu-009b``), each method is scored against the one it matches best.

Usage::

    python bench/icdar.py [--data DIR] [--modes regions pages] [--methods ...] [--json OUT]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import re
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractors.tables import page_fragments, region_fragment  # noqa: E402
from extractors.tables.settings import SETTINGS  # noqa: E402
from pipeline.pdf.pdfpages import open_document  # noqa: E402

SHARED = REPO.parent / "shared"
# Every method is given the margins around a region that the engine reads with.
TEXT_MARGIN = SETTINGS.region_text_margin
RULING_MARGIN = SETTINGS.region_ruling_margin

Grid = list[list[str]]
# (pdf path, 1-based page number, page object, region in top-left page coordinates or None) -> grids
Method = Callable[[Path, int, object, "tuple[float, float, float, float] | None"], list[Grid]]


@dataclass
class TruthTable:
    """One ground-truth table region: its page, box and cell grid."""

    name: str  # the ground-truth file stem, e.g. "eu-009b"
    pdf: Path
    page: int
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF space (origin bottom-left)
    grid: Grid
    group: str  # alternative ground truths of one table share a group


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    per_table: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        mean = sum(self.per_table) / len(self.per_table) if self.per_table else 0.0
        return {"precision": p, "recall": r, "f1": f, "mean_table_f1": mean, "seconds": self.seconds}


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_truth(data: Path) -> list[TruthTable]:
    """Every table region of the set with its grid (merged cells' text at their top-left)."""
    out = []
    for structure in sorted(data.glob("*-str.xml")):
        name = structure.name[: -len("-str.xml")]
        pdf = data / f"{name}.pdf"
        group = re.sub(r"[a-z]$", "", name)
        if not pdf.exists():
            # An alternative ground truth of a PDF shared with its sibling (eu-009a/b).
            siblings = sorted(data.glob(f"{group}*.pdf"))
            if not siblings:
                continue
            pdf = siblings[0]
        boxes = []
        for table in ET.parse(data / f"{name}-reg.xml").getroot().iter("table"):
            for region in table.iter("region"):
                bb = region.find("bounding-box")
                boxes.append(tuple(float(bb.get(k)) for k in ("x1", "y1", "x2", "y2")))
        regions = [r for t in ET.parse(structure).getroot().iter("table") for r in t.iter("region")]
        for index, region in enumerate(regions):
            cells = []
            for cell in region.iter("cell"):
                row, col = int(cell.get("start-row")), int(cell.get("start-col"))
                end_row, end_col = int(cell.get("end-row", row)), int(cell.get("end-col", col))
                cells.append(
                    (row, col, end_row, end_col, re.sub(r"\s+", " ", cell.findtext("content") or "").strip())
                )
            rows = max(c[2] for c in cells) + 1
            cols = max(c[3] for c in cells) + 1
            grid = [[""] * cols for _ in range(rows)]
            for row, col, _, _, text in cells:
                grid[row][col] = text
            out.append(TruthTable(name, pdf, int(region.get("page")), boxes[index], grid, f"{group}#{index}"))
    return out


def _top_left(page, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = box
    return (x1, page.height - y2, x2, page.height - y1)


def _clean(grid: Sequence[Sequence[object]]) -> Grid:
    return [[re.sub(r"\s+", " ", str(c or "")).strip() for c in row] for row in grid]


# ---------------------------------------------------------------- methods


def ours(pdf: Path, number: int, page, region) -> list[Grid]:
    if region is not None:
        frag = region_fragment(page, region)
        return [frag.grid()] if frag is not None else []
    return [f.grid() for f in page_fragments(page).fragments]


def plumber(pdf: Path, number: int, page, region) -> list[Grid]:
    if region is not None:
        x0, top, x1, bottom = region
        m = TEXT_MARGIN

        def inside(obj: dict) -> bool:
            cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return obj["object_type"] != "char" or (x0 - m <= cx <= x1 + m and top - m <= cy <= bottom + m)

        r = RULING_MARGIN
        page = page.filter(inside).crop(
            (max(0, x0 - r), max(0, top - r), min(page.width, x1 + r), min(page.height, bottom + r))
        )
    return [_clean(t) for t in page.extract_tables()]


def _camelot(flavor: str) -> Method:
    def run(pdf: Path, number: int, page, region) -> list[Grid]:
        import camelot

        kwargs: dict = {}
        if region is not None:
            # camelot wants x1,y1,x2,y2 with (x1, y1) the top-left corner, in PDF space.
            x0, top, x1, bottom = region
            if flavor == "lattice":
                r = RULING_MARGIN
                kwargs["table_regions"] = [
                    f"{x0 - r},{page.height - top + r},{x1 + r},{page.height - bottom - r}"
                ]
            else:
                kwargs["table_areas"] = [f"{x0},{page.height - top},{x1},{page.height - bottom}"]
        found = camelot.read_pdf(str(pdf), pages=str(number), flavor=flavor, suppress_stdout=True, **kwargs)
        return [_clean(t.df.values.tolist()) for t in found]

    return run


METHODS: dict[str, Method] = {
    "ours": ours,
    "camelot-lattice": _camelot("lattice"),
    "camelot-stream": _camelot("stream"),
    "pdfplumber": plumber,
}


# ---------------------------------------------------------------- scoring


def evaluate(method: Method, truth: Sequence[TruthTable], regions: bool, score) -> Tally:
    """Score one method over the set in one mode."""
    tally = Tally()
    best: dict[str, tuple[float, tuple[int, int, int]]] = {}
    unmatched_fp = 0
    by_pdf: dict[Path, dict[int, list[TruthTable]]] = {}
    for t in truth:
        by_pdf.setdefault(t.pdf, {}).setdefault(t.page, []).append(t)
    for pdf, pages in by_pdf.items():
        started = time.perf_counter()
        doc = open_document(pdf)
        tally.seconds += time.perf_counter() - started
        try:
            for number, tables in sorted(pages.items()):
                page = doc.pages[number - 1]
                started = time.perf_counter()
                if regions:
                    predictions = [_safe(method, pdf, number, page, _top_left(page, t.box)) for t in tables]
                else:
                    found = _safe(method, pdf, number, page, None)
                tally.seconds += time.perf_counter() - started
                # Alternative truths of one table may both match one prediction.
                used: dict[str, set[int]] = {}
                matched: set[int] = set()
                for i, t in enumerate(tables):
                    candidates = predictions[i] if regions else found
                    trel = score.adjacency({"rows": t.grid})
                    pick, hits, prel = None, -1, []
                    for j, grid in enumerate(candidates):
                        if not regions and j in used.setdefault(t.name, set()):
                            continue
                        rel = score.adjacency({"rows": grid})
                        h = score._multiset_hits(trel, rel)
                        if h > hits:
                            pick, hits, prel = j, h, rel
                    if pick is None:
                        hits, prel = 0, []
                    else:
                        used.setdefault(t.name, set()).add(pick)
                        matched.add(pick)
                    counts = (hits, len(prel) - hits, len(trel) - hits)
                    f1 = _f1(*counts)
                    if t.group not in best or f1 > best[t.group][0]:
                        best[t.group] = (f1, counts)
                if not regions:
                    unmatched_fp += sum(
                        len(score.adjacency({"rows": g})) for j, g in enumerate(found) if j not in matched
                    )
        finally:
            doc.close()
    for f1, counts in best.values():
        tally.add(*counts)
        tally.per_table.append(f1)
    tally.fp += unmatched_fp
    return tally


def _safe(method: Method, pdf: Path, number: int, page, region) -> list[Grid]:
    try:
        return method(pdf, number, page, region)
    except Exception as exc:  # a method failing on one page scores nothing there
        print(f"  {pdf.name} page {number}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return []


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SHARED / "benchmarks" / "icdar2013-eu")
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    ap.add_argument("--modes", nargs="+", choices=["regions", "pages"], default=["regions", "pages"])
    ap.add_argument("--methods", nargs="+", choices=list(METHODS), default=list(METHODS))
    ap.add_argument("--json", type=Path, help="also write the scores here as JSON")
    args = ap.parse_args(argv)

    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    score = load_scorer(args.scorer)
    truth = load_truth(args.data)
    if not truth:
        print(f"no ground truth found in {args.data}", file=sys.stderr)
        return 2
    groups = len({t.group for t in truth})
    print(f"ICDAR 2013 EU: {len({t.pdf for t in truth})} PDFs, {groups} tables")
    print(f"{'mode':<9}{'method':<17}{'prec':>7}{'recall':>8}{'F1':>7}{'mean F1':>9}{'seconds':>9}")
    results: dict[str, dict[str, dict[str, float]]] = {}
    for mode in args.modes:
        for name in args.methods:
            s = evaluate(METHODS[name], truth, mode == "regions", score).scores()
            results.setdefault(mode, {})[name] = s
            print(
                f"{mode:<9}{name:<17}{s['precision']:>7.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}"
                f"{s['mean_table_f1']:>9.3f}{s['seconds']:>9.1f}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
