"""Hostile files at scale: the generated classes of ``tests/hostilegen.py`` through ``run`` in batches.

    python bench/hostile.py [--files 500] [--batch 50] [--seed 0] [--out DIR]

Two measures:

* every file alone, in a process forked for it from one that has the pipeline loaded:
  ingest (the first look, as the bounded child makes it), segment and extract, with
  its wall time and the process's peak memory (the most a file costs);
* batches of ``--batch`` files with the two good samples in each, through the
  ``run`` command as users run it (worker processes): whether a batch crashed (no
  summary line, or an exit status other than 0 or 1), whether every file is recorded
  once with a reason, the batch's peak memory (every process of the command's), and
  whether the good samples export exactly as in a run of them alone.

Prints a table per class (files, outcomes, max time, peak memory) and the batches'
figures. A thousand-page file takes about 45 s alone, so the class is kept to a few
files (``THOUSAND_PAGES``); every other class comes in turn.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import suppress
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import hostilegen  # noqa: E402

GOOD = ("oneSource-2019-07-12-minutes.pdf", "oneSource-2020-02-07-kpi-q2-cover.pdf")
THOUSAND_PAGES = 3
# A file alone is stopped past this: the pipeline's own budget should have stopped it first.
ALONE_SECONDS = 300
# How often a batch's memory is sampled.
POLL_SECONDS = 0.2


def _classes(files: int) -> list[str]:
    kinds = [
        c for c in [*hostilegen.CLASSES, *hostilegen.ODD_NAMES, *hostilegen.SPECIAL] if c != "thousand_pages"
    ]
    heavy = ["thousand_pages"] * THOUSAND_PAGES
    return heavy + [kinds[n % len(kinds)] for n in range(files - len(heavy))]


def _alone(path: Path) -> tuple[str, str, float, float]:
    """(status, reason, seconds, peak MiB) of one file run alone in a forked process."""
    read, write = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        status, reason = _stages(path)
        os.write(write, json.dumps([status, reason]).encode())
        os._exit(0)
    os.close(write)
    deadline = started + ALONE_SECONDS
    while True:
        done, code, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            done, code, usage = os.wait4(pid, 0)
            break
        time.sleep(0.05)
    seconds = time.monotonic() - started
    with os.fdopen(read, "rb") as fh:
        answer = fh.read()
    peak = usage.ru_maxrss / 1024
    if not answer:
        return "crashed", f"exit status {code}", seconds, peak
    status, reason = json.loads(answer)
    return status, reason, seconds, peak


def _stages(path: Path) -> tuple[str, str]:
    """A file's first look (``inspect_pdf``, as the bounded child runs it), segment and extract."""
    from pipeline.extract import extract_pdf, segment_pdf
    from pipeline.ingest import failure_reason, not_regular
    from pipeline.pdf.pdfpages import PdfError, inspect_pdf, sha256_of

    skip = not_regular(path)
    if skip:
        return "skipped", skip
    try:
        inspect_pdf(path)
    except PdfError as exc:
        return "quarantined", exc.reason
    stage = "segment"
    try:
        seg = segment_pdf(path, sha256_of(path))
        stage = "extract"
        extraction = extract_pdf(path, seg)
    except Exception as exc:
        return "failed", failure_reason(stage, exc)
    return ("partial" if extraction.errors else "loaded"), "; ".join(e.error for e in extraction.errors[:1])


def _run_batch(files: list[Path], out: Path, tag: str) -> dict:
    """The ``run`` command on ``files``: its exit status, output, seconds and peak memory."""
    env = {**os.environ, "PREFECT_HOME": str(out / "prefect"), "PREFECT_LOGGING_LEVEL": "WARNING"}
    args = [str(REPO / ".venv" / "bin" / "councilpdf"), "run", *map(str, files)]
    args += [
        "--db",
        f"sqlite:///{out / tag}.db",
        "--store",
        str(out / tag / "store"),
    ]
    started = time.monotonic()
    peak = 0.0
    with open(out / f"{tag}.log", "wb") as log:
        proc = psutil.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
        while proc.poll() is None:
            rss = 0
            for p in [proc, *proc.children(recursive=True)]:
                with suppress(psutil.Error):
                    rss += p.memory_info().rss
            peak = max(peak, rss / (1 << 20))
            time.sleep(POLL_SECONDS)
    output = (out / f"{tag}.log").read_text(errors="replace")
    db = sqlite3.connect(out / f"{tag}.db")
    rows = db.execute("select summary from runs").fetchall()
    outcomes = json.loads(rows[-1][0]).get("outcomes", []) if rows else []
    return {
        "code": proc.returncode,
        "summary": " failed (" in output and " of " in output,
        "seconds": time.monotonic() - started,
        "peak_mib": peak,
        "outcomes": outcomes,
    }


def _good_json(out: Path, tag: str) -> list[dict | None]:
    """The good samples as ``export`` writes them, read from a batch's database.

    Read document by document: the batch's other files have names ``export`` may not write.
    """
    from sqlalchemy.orm import Session

    from pipeline.db import make_engine
    from pipeline.export import to_json
    from pipeline.pdf.pdfpages import sha256_of
    from pipeline.readback import read_extraction

    with Session(make_engine(f"sqlite:///{out / tag}.db")) as session:
        found = [read_extraction(session, sha256_of(REPO / "raw_pdfs" / name)) for name in GOOD]
    return [to_json(ex) if ex else None for ex in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--alone-per-class", type=int, default=None, help="files of each class run alone")
    opts = parser.parse_args()
    out = opts.out or Path(tempfile.mkdtemp(prefix="hostile-"))
    shutil.rmtree(out / "in", ignore_errors=True)
    made = hostilegen.write_hostile(out / "in", opts.files, seed=opts.seed, classes=_classes(opts.files))
    good = [REPO / "raw_pdfs" / name for name in GOOD]

    # Loaded once, before the forks.
    import pipeline.extract
    import pipeline.ingest  # noqa: F401

    by_class: dict[str, list[tuple[str, str, float, float]]] = defaultdict(list)
    for n, h in enumerate(made):
        if opts.alone_per_class is not None and len(by_class[h.kind]) >= opts.alone_per_class:
            continue
        by_class[h.kind].append(_alone(h.path))
        print(f"alone {n + 1}/{len(made)} {h.kind}: {by_class[h.kind][-1][:1]}", file=sys.stderr, flush=True)

    alone = _run_batch(good, out, "good-alone")
    batches = []
    for k in range(0, len(made), opts.batch):
        files = [h.path for h in made[k : k + opts.batch]] + good
        batches.append(_run_batch(files, out, f"batch-{k // opts.batch:02d}"))
        b = batches[-1]
        print(f"batch {k // opts.batch}: exit {b['code']}, {b['seconds']:.0f} s", file=sys.stderr, flush=True)

    alone_json = _good_json(out, "good-alone")
    same = all(_good_json(out, f"batch-{i:02d}") == alone_json for i in range(len(batches)))
    recorded = all(
        len(b["outcomes"]) == min(opts.batch, len(made) - i * opts.batch) + len(good)
        and all(o["status"] in ("loaded", "partial") or o["reason"] for o in b["outcomes"])
        for i, b in enumerate(batches)
    )
    crashed = sum(not b["summary"] or b["code"] not in (0, 1) for b in batches)
    made_by_class = Counter(h.kind for h in made)
    print("| class | files | run alone: outcomes | max time (s) | peak memory (MiB) |")
    print("|---|---:|---|---:|---:|")
    figures = {}
    for kind, results in by_class.items():
        outcomes = Counter(r[0] for r in results)
        shown = ", ".join(f"{n} {status}" for status, n in sorted(outcomes.items()))
        worst, peak = max(r[2] for r in results), max(r[3] for r in results)
        figures[kind] = {
            "files": len(results),
            "outcomes": dict(outcomes),
            "max_seconds": worst,
            "peak_mib": peak,
        }
        print(f"| {kind} | {made_by_class[kind]} | {shown} | {worst:.1f} | {peak:.0f} |")
    print()
    print(
        f"{len(batches)} batches of {opts.batch} with the {len(good)} good samples: {crashed} crashed, "
        f"every file recorded once with a reason: {recorded}, good samples exported as alone: {same}, "
        f"peak memory {max(b['peak_mib'] for b in batches):.0f} MiB, "
        f"longest batch {max(b['seconds'] for b in batches):.0f} s (run alone: {alone['seconds']:.0f} s)"
    )
    if opts.json:
        opts.json.write_text(
            json.dumps(
                {
                    "classes": figures,
                    "batches": [{k: v for k, v in b.items() if k != "outcomes"} for b in batches],
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
