"""Speed and memory of each pipeline stage on the sample PDFs.

    python bench/pipeline.py [PDF ...] [--repeat N] [--json OUT]

For every stage (ingest, segment, extract, load, validate, export) prints seconds,
pages per second and the process's peak resident memory once the stage has run,
per file and in total; a second pass, with tracemalloc on (which slows Python
several times over, so it is not timed), gives each stage's peak Python heap. The
workflow engine's own start-up is not included: stages are the pipeline functions
the flow's tasks call.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.db import make_engine  # noqa: E402
from pipeline.export import export_all  # noqa: E402
from pipeline.extract import extract_pdf, segment_pdf  # noqa: E402
from pipeline.ingest import ingest_file, mark_loaded  # noqa: E402
from pipeline.load import load_document  # noqa: E402
from pipeline.validate import validate_document  # noqa: E402

STAGES = ["ingest", "segment", "extract", "load", "validate", "export"]


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


class Meter:
    """Times a stage, and records the memory it reached: peak RSS, or peak heap when tracing."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.memory: dict[str, float] = defaultdict(float)

    def run(self, stage: str, fn, *args):
        tracing = tracemalloc.is_tracing()
        if tracing:
            tracemalloc.reset_peak()
        start = time.perf_counter()
        result = fn(*args)
        self.seconds[stage] += time.perf_counter() - start
        if tracing:
            used = tracemalloc.get_traced_memory()[1] / 2**20
        else:
            used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.memory[stage] = max(self.memory[stage], used)
        return result


def bench(pdfs: list[Path], work: Path, *, trace: bool = False) -> dict:
    """Run every stage over ``pdfs``; with ``trace``, measure the Python heap instead of RSS."""
    work.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{work / 'bench.db'}")
    if trace:
        tracemalloc.start()
    per_file = {}
    total = Meter()
    pages = 0
    for pdf in pdfs:
        meter = Meter()
        ingested = meter.run("ingest", ingest_file, pdf, engine, work / "store")
        seg = meter.run("segment", segment_pdf, ingested.stored_path, ingested.sha256)
        seg = seg.model_copy(update={"file": pdf.name})
        extraction = meter.run("extract", extract_pdf, ingested.stored_path, seg)
        meter.run("load", load_document, engine, extraction)
        mark_loaded(engine, ingested.sha256)
        meter.run("validate", validate_document, engine, ingested.sha256)
        per_file[pdf.name] = {"pages": seg.page_count, "seconds": dict(meter.seconds)}
        pages += seg.page_count
        for stage in meter.seconds:
            total.seconds[stage] += meter.seconds[stage]
            total.memory[stage] = max(total.memory[stage], meter.memory[stage])
    total.run("export", export_all, engine, work / "export")
    if trace:
        tracemalloc.stop()
    return {
        "machine": _machine(),
        "pages": pages,
        "files": per_file,
        "total_seconds": dict(total.seconds),
        "memory_mb": dict(total.memory),
    }


def _print(result: dict, heap: dict[str, float]) -> None:
    print(f"machine: {result['machine']}")
    header = (
        f"{'file':<46}{'pages':>6}"
        + "".join(f"{s:>10}" for s in STAGES[:-1])
        + f"{'total s':>10}{'pages/s':>9}"
    )
    print(header)
    for name, f in result["files"].items():
        secs = f["seconds"]
        total = sum(secs.values())
        row = f"{name[:45]:<46}{f['pages']:>6}" + "".join(f"{secs.get(s, 0):>10.2f}" for s in STAGES[:-1])
        print(row + f"{total:>10.2f}{f['pages'] / total:>9.1f}")
    secs = result["total_seconds"]
    print(f"\n{'stage':<10}{'seconds':>9}{'pages/s':>9}{'peak RSS MB':>13}{'peak heap MB':>14}")
    for stage in STAGES:
        s = secs.get(stage, 0.0)
        rate = result["pages"] / s if s else float("inf")
        rss = result["memory_mb"].get(stage, 0)
        print(f"{stage:<10}{s:>9.2f}{rate:>9.1f}{rss:>13.0f}{heap.get(stage, 0):>14.1f}")
    print(f"all stages {sum(secs.values()):.2f} s for {result['pages']} pages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDFs to run (default: raw_pdfs/*.pdf)")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    pdfs = args.pdfs or sorted((REPO / "raw_pdfs").glob("*.pdf"))
    with tempfile.TemporaryDirectory(prefix="councilpdf-bench-") as tmp:
        result = bench(pdfs, Path(tmp) / "timed")
    with tempfile.TemporaryDirectory(prefix="councilpdf-bench-") as tmp:
        heap = bench(pdfs, Path(tmp) / "traced", trace=True)["memory_mb"]
    result["heap_mb"] = heap
    _print(result, heap)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
