"""The flags the rules raise on real papers, beside the verdicts a reader gave them.

``verdicts.json`` (next to this module) keeps one entry per flag read against its PDF:
its fingerprint — the file's SHA-256, the rule, the kind, the page of its first
location, the expected and found values — whether it is a true inconsistency, and why.
Entries whose verdict is true and that no rule raised are inconsistencies a reader found
that the rules miss (recall). Fingerprints name no table id or row index, so a verdict
survives changes of the table engine that renumber tables; a flag whose figures change
is a new flag and is listed as unreviewed.

Run it to list the current flags beside the verdicts (pages are PDF page numbers, as
``pdftoppm -f N -l N`` takes them)::

    python -m tests.flags_reviewed.review --db /tmp/review/r.db DIR_OR_PDF...

The first run extracts every PDF into the database (minutes for a hundred papers);
later runs reuse it (``--fresh`` extracts again, after the extractors change) and run
the rules only. ``--unreviewed`` lists only the flags without a verdict, ``--json``
writes them as entries to paste into ``verdicts.json`` once read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline.db import make_engine
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.flags import run_rules
from pipeline.ingest import discover, ingest_file, mark_loaded
from pipeline.load import load_document
from pipeline.readback import read_extraction
from schemas import sql
from schemas.records import DocumentExtraction, Inconsistency

VERDICTS = Path(__file__).with_name("verdicts.json")
FINGERPRINT = ("sha256", "rule", "kind", "page", "expected", "found")


def _norm(value: str | None) -> str:
    return " ".join((value or "").split())


def fingerprint(flag: Inconsistency) -> dict[str, object]:
    """What identifies a flag across runs and table renumbering."""
    return {
        "sha256": flag.prov.sha256,
        "rule": flag.rule,
        "kind": flag.kind,
        "page": flag.prov.pdf_page,
        "expected": _norm(flag.expected),
        "found": _norm(flag.found),
    }


def key(entry: dict[str, object]) -> tuple:
    return tuple(_norm(str(entry[k])) if k in ("expected", "found") else entry[k] for k in FINGERPRINT)


def load_verdicts(path: Path = VERDICTS) -> list[dict]:
    return json.loads(path.read_text())["flags"]


@dataclass
class Review:
    """Current flags matched with verdicts."""

    true: list[tuple[Inconsistency, dict]] = field(default_factory=list)
    false: list[tuple[Inconsistency, dict]] = field(default_factory=list)
    unreviewed: list[Inconsistency] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    """True inconsistencies that no current flag reports."""

    @property
    def precision(self) -> float:
        raised = len(self.true) + len(self.false) + len(self.unreviewed)
        return len(self.true) / raised if raised else 1.0

    @property
    def recall(self) -> float:
        found = len({key(v) for _, v in self.true})
        return found / (found + len(self.missed)) if found + len(self.missed) else 1.0


def review(flags: Iterable[Inconsistency], verdicts: Sequence[dict], shas: set[str] | None = None) -> Review:
    """Flags against verdicts; ``shas`` limits the verdicts counted to the documents run."""
    by_key = {key(v): v for v in verdicts if shas is None or v["sha256"] in shas}
    out = Review()
    raised = set()
    for flag in flags:
        k = key(fingerprint(flag))
        verdict = by_key.get(k)
        if verdict is None:
            out.unreviewed.append(flag)
        else:
            raised.add(k)
            (out.true if verdict["verdict"] else out.false).append((flag, verdict))
    out.missed = [v for k, v in by_key.items() if v["verdict"] and k not in raised]
    return out


def load_corpus(engine: Engine, pdfs: Sequence[Path], store: Path, *, fresh: bool = False) -> list[str]:
    """Extract and load each PDF not yet in the database (every one with ``fresh``); their SHA-256s."""
    shas = []
    for pdf in pdfs:
        ingested = ingest_file(pdf, engine, store)
        if ingested.stored_path is None or ingested.status == "quarantined":
            continue
        shas.append(ingested.sha256)
        with Session(engine) as session:
            present = session.get(sql.Document, ingested.sha256) is not None
        if present and not fresh:
            continue
        seg = segment_pdf(ingested.stored_path, ingested.sha256).model_copy(update={"file": pdf.name})
        load_document(engine, extract_pdf(ingested.stored_path, seg))
        mark_loaded(engine, ingested.sha256)
    return shas


def documents(engine: Engine, shas: Iterable[str] | None = None) -> dict[str, DocumentExtraction]:
    with Session(engine) as session:
        wanted = list(shas) if shas is not None else list(session.scalars(select(sql.Document.sha256)))
        return {s: d for s in wanted if (d := read_extraction(session, s)) is not None}


def flags_of(docs: dict[str, DocumentExtraction]) -> list[Inconsistency]:
    """Every flag the rules raise on each document, the others read as the rest of the database."""
    out = []
    for sha, doc in docs.items():
        rest = [d for s, d in docs.items() if s != sha]
        out.extend(run_rules(doc, lambda rest=rest: rest))
    return out


def _entry(flag: Inconsistency, files: dict[str, str]) -> dict:
    return {
        **fingerprint(flag),
        "file": files.get(flag.prov.sha256, ""),
        "verdict": None,
        "why": "",
        "description": flag.description,
    }


def _line(flag: Inconsistency, files: dict[str, str], status: str) -> str:
    return (
        f"{status:10} {files.get(flag.prov.sha256, '')} p{flag.prov.pdf_page} {flag.rule}: "
        f"{flag.description}  [expected {flag.expected!r} found {flag.found!r}]"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="PDFs or folders of PDFs")
    parser.add_argument("--db", required=True, help="SQLite file kept between runs")
    parser.add_argument("--fresh", action="store_true", help="extract every PDF again")
    parser.add_argument("--unreviewed", action="store_true", help="list only flags without a verdict")
    parser.add_argument("--json", action="store_true", help="unreviewed flags as verdict entries")
    args = parser.parse_args(argv)
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{db}")
    pdfs = [p for p in discover(args.paths) if p.suffix.lower() == ".pdf"]
    shas = load_corpus(engine, pdfs, db.parent / "store", fresh=args.fresh)
    docs = documents(engine, shas)
    files = {s: d.file for s, d in docs.items()}
    result = review(flags_of(docs), load_verdicts(), set(docs))
    if args.json:
        print(json.dumps([_entry(f, files) for f in result.unreviewed], indent=1, ensure_ascii=False))
        return 0
    if not args.unreviewed:
        for flag, verdict in result.true + result.false:
            print(_line(flag, files, "TRUE" if verdict["verdict"] else "FALSE"))
        for verdict in result.missed:
            print(f"{'MISSED':10} {verdict['file']} p{verdict['page']} {verdict['rule']}: {verdict['why']}")
    for flag in result.unreviewed:
        print(_line(flag, files, "UNREVIEWED"))
    print(
        f"\n{len(result.true)} true, {len(result.false)} false, {len(result.unreviewed)} unreviewed, "
        f"{len(result.missed)} missed: precision {result.precision:.3f}, recall {result.recall:.3f}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
