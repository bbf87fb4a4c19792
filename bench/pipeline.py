"""Speed and memory: the pipeline against pdfplumber and PDFium alone, and the `run` command on a batch.

    python bench/pipeline.py [--sets samples batch big] [--batch-dir DIR] [--json OUT]

Sets of PDFs:

* ``samples``: the sample PDFs in ``raw_pdfs/``;
* ``batch``: the first 40 PDFs (by name) of ``--batch-dir`` (by default the shared
  corpus's unannotated real papers), skipped when that folder is absent;
* ``big``: one PDF of about 500 pages, made by joining those real PDFs with pypdfium2
  (in the temporary folder).

Methods, each on each set in a fresh process, so that its peak memory is its own and
no start-up is counted in its time:

* ``pipeline``: every stage (ingest, segment, extract, load, validate) on one core,
  into a new SQLite database; OCR of scanned pages (Tesseract, a child process) is
  counted apart;
* ``pdfplumber``: ``extract_text`` and ``extract_tables`` on every page;
* ``pypdfium2``: every page's text.

On the batch, the ``run`` command as users run it (worker processes, the local
workflow API started beforehand): the first run, the same run again with nothing to
do, then ``status`` and ``export``. Its CPU time is every process of the command's.

Prints pages per second, CPU seconds per page, peak memory and the ratios between
methods; ``--json`` keeps the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "raw_pdfs"
BATCH_DIR = REPO.parent / "shared" / "corpus" / "real" / "unannotated"
BATCH_FILES = 40
BIG_PAGES = 500
METHODS = ("pipeline", "pdfplumber", "pypdfium2")
STAGES = ("ingest", "segment", "extract", "load", "validate")


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


# ---------------------------------------------------------------- measured in a child process


class _Clock:
    """CPU seconds (this process, and the child processes it waited for) and wall seconds, per stage."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.children = 0.0
        self.wall = 0.0

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        cpu, children, wall = _cpu(), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
        yield
        self.cpu[name] = self.cpu.get(name, 0.0) + _cpu() - cpu
        self.children += _cpu(resource.RUSAGE_CHILDREN) - children
        self.wall += time.perf_counter() - wall


def _pipeline(files: list[Path], work: Path, clock: _Clock) -> None:
    os.environ["COUNCILPDF_OCR_CACHE"] = str(work / "ocr-cache")
    from pipeline.db import make_engine
    from pipeline.extract import extract_pdf, segment_pdf
    from pipeline.ingest import ingest_file, mark_loaded
    from pipeline.load import load_document
    from pipeline.validate import validate_document

    engine = make_engine(f"sqlite:///{work / 'bench.db'}")
    for path in files:
        with clock.stage("ingest"):
            ingested = ingest_file(path, engine, work / "store")
        if not ingested.ok:
            continue
        with clock.stage("segment"):
            segmentation = segment_pdf(ingested.stored_path, ingested.sha256)
        with clock.stage("extract"):
            extraction = extract_pdf(
                ingested.stored_path, segmentation.model_copy(update={"file": path.name})
            )
        with clock.stage("load"):
            load_document(engine, extraction)
            mark_loaded(engine, ingested.sha256)
        with clock.stage("validate"):
            validate_document(engine, ingested.sha256)


def _pdfplumber(files: list[Path], work: Path, clock: _Clock) -> None:
    import pdfplumber

    with clock.stage("extract"):
        for path in files:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
                    page.close()


def _pypdfium2(files: list[Path], work: Path, clock: _Clock) -> None:
    import pypdfium2 as pdfium

    with clock.stage("extract"):
        for path in files:
            doc = pdfium.PdfDocument(str(path))
            for page in doc:
                text = page.get_textpage()
                text.get_text_range()
                text.close()
                page.close()
            doc.close()


MEASURES: dict[str, Callable[[list[Path], Path, _Clock], None]] = {
    "pipeline": _pipeline,
    "pdfplumber": _pdfplumber,
    "pypdfium2": _pypdfium2,
}


def _measure(method: str, files: list[Path], work: Path) -> dict:
    """What one method costs on ``files``, in this process (the child's side)."""
    sys.path.insert(0, str(REPO))
    clock = _Clock()
    MEASURES[method](files, work, clock)
    return {
        "cpu": sum(clock.cpu.values()),
        "ocr_cpu": clock.children,
        "wall": clock.wall,
        "stages": {k: v for k, v in clock.cpu.items() if v},
        "peak_rss_mb": _peak_rss_mb(),
    }


# ---------------------------------------------------------------- the parent


def _in_child(method: str, files: list[Path], work: Path) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    out = work / f"{method}.json"
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--measure",
            method,
            "--work",
            str(work),
            "--out",
            str(out),
            *map(str, files),
        ],
        check=True,
        cwd=REPO,
    )
    return json.loads(out.read_text())


def _build_big(sources: list[Path], pages: int, out: Path) -> Path:
    """One PDF of at least ``pages`` pages: the sources' pages, in turn, from the start again if need be."""
    import pypdfium2 as pdfium

    big = pdfium.PdfDocument.new()
    opened = []
    while len(big) < pages:
        for path in sources:
            doc = pdfium.PdfDocument(str(path))
            opened.append(doc)
            big.import_pages(doc)
            if len(big) >= pages:
                break
    big.save(str(out))
    for doc in opened:
        doc.close()
    big.close()
    return out


def _sets(names: list[str], batch_dir: Path, tmp: Path) -> dict[str, list[Path]]:
    samples = sorted(SAMPLES.glob("*.pdf"))
    batch = sorted(batch_dir.glob("*.pdf"))[:BATCH_FILES] if batch_dir.is_dir() else []
    sets: dict[str, list[Path]] = {}
    if "samples" in names:
        sets["samples"] = samples
    if "batch" in names:
        if batch:
            sets["batch"] = batch
        else:
            print(f"batch: skipped, no PDFs in {batch_dir}")
    if "big" in names:
        sets["big"] = [_build_big(samples + batch, BIG_PAGES, tmp / f"joined-{BIG_PAGES}-pages.pdf")]
    return sets


def _command(args: list[str], env: dict[str, str]) -> dict:
    """Wall and CPU seconds of one ``councilpdf`` command, all its processes included."""
    children, wall = _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "councilpdf", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - wall
    if result.returncode not in (0, 1):  # 1: a file was partial or failed, which the figures still hold
        raise RuntimeError(f"councilpdf {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    return {"wall": wall, "cpu": _cpu(resource.RUSAGE_CHILDREN) - children, "summary": summary}


def _run_command(files: list[Path], work: Path) -> dict:
    """The batch through ``councilpdf run``, then again with nothing to do, then ``status`` and ``export``."""
    sys.path.insert(0, str(REPO))
    from flows.api import STATE_FILE, local_server

    home = work / "prefect"
    local_server(home)  # started before timing: later runs reuse it
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env |= {"PREFECT_HOME": str(home), "COUNCILPDF_OCR_CACHE": str(work / "ocr-cache")}
    db = ["--db", f"sqlite:///{work / 'run.db'}"]
    try:
        run = [*map(str, files), *db, "--store", str(work / "store")]
        return {
            "workers": os.cpu_count(),
            "first": _command(["run", *run], env),
            "again": _command(["run", *run], env),
            "status": _command(["status", *db], env),
            "export": _command(["export", "--out", str(work / "export"), *db], env),
        }
    finally:
        os.kill(json.loads((home / STATE_FILE).read_text())["pid"], signal.SIGTERM)


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    with suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def _print(result: dict) -> None:
    print(f"machine: {result['machine']} (load average at start {result['load']})")
    print(
        f"\n{'set':<9}{'files':>6}{'pages':>7}  {'method':<11}{'CPU s':>8}{'CPU s/page':>11}"
        f"{'pages/CPU-s':>12}{'OCR CPU s':>10}{'peak MB':>9}"
    )
    for name, s in result["sets"].items():
        for i, method in enumerate(s["methods"]):
            m = s["methods"][method]
            head = f"{name:<9}{s['files']:>6}{s['pages']:>7}" if i == 0 else " " * 22
            print(
                f"{head}  {method:<11}{m['cpu']:>8.1f}{m['cpu'] / s['pages']:>11.3f}"
                f"{s['pages'] / m['cpu']:>12.1f}{m['ocr_cpu']:>10.1f}{m['peak_rss_mb']:>9.0f}"
            )
    print("\nratios of CPU per page (pipeline against each):")
    for name, s in result["sets"].items():
        m = s["methods"]
        if "pipeline" in m:
            ratios = [f"{o} {m['pipeline']['cpu'] / m[o]['cpu']:.1f}x" for o in m if o != "pipeline"]
            print(f"  {name:<9}{', '.join(ratios)}")
    print(f"\npipeline stages, CPU s/page: {'':<2}" + "".join(f"{s:>10}" for s in STAGES))
    for name, s in result["sets"].items():
        if "pipeline" in s["methods"]:
            stages = s["methods"]["pipeline"]["stages"]
            print(f"  {name:<29}" + "".join(f"{stages.get(k, 0) / s['pages']:>10.3f}" for k in STAGES))
    if run := result.get("run"):
        pages = result["sets"]["batch"]["pages"]
        first = run["first"]
        print(
            f"\n`councilpdf run` on the batch ({pages} pages, {run['workers']} worker processes): "
            f"{first['wall']:.1f} s wall = {pages / first['wall']:.1f} pages/s, "
            f"CPU {first['cpu']:.1f} s = {first['cpu'] / pages:.3f} s/page  [{first['summary']}]"
        )
        print(
            f"  again, nothing to do: {run['again']['wall']:.1f} s wall, CPU {run['again']['cpu']:.1f} s"
            f"  [{run['again']['summary']}]"
        )
        for command in ("status", "export"):
            print(f"  {command}: {run[command]['wall']:.1f} s wall, CPU {run[command]['cpu']:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sets", nargs="+", default=["samples", "batch", "big"], choices=["samples", "batch", "big"]
    )
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    parser.add_argument("--batch-dir", type=Path, default=BATCH_DIR, help="folder of real PDFs for the batch")
    parser.add_argument("--no-run", action="store_true", help="skip the `run` command on the batch")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--measure", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        args.out.write_text(json.dumps(_measure(args.measure, args.files, args.work)))
        return 0
    result: dict = {"machine": _machine(), "load": " ".join(f"{x:.1f}" for x in os.getloadavg()), "sets": {}}
    with tempfile.TemporaryDirectory(prefix="councilpdf-bench-") as tmp:
        for name, files in _sets(args.sets, args.batch_dir, Path(tmp)).items():
            entry = {"files": len(files), "pages": sum(_pages(f) for f in files), "methods": {}}
            for method in args.methods:
                print(f"{name}: {method}...", flush=True)
                entry["methods"][method] = _in_child(method, files, Path(tmp) / name / method)
            result["sets"][name] = entry
            if name == "batch" and not args.no_run:
                print("batch: the run command...", flush=True)
                result["run"] = _run_command(files, Path(tmp) / "run")
    print()
    _print(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
