"""Versions derived from code: rows made by other code are told apart, with no version string kept by hand.

Each test copies the project's packages to a folder of its own, changes a module
there, and asks fresh processes running that copy, as a later run would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("extractors", "schemas", "pipeline")


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for package in PACKAGES:
        shutil.copytree(REPO / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))
    return tree


def _ask(tree: Path, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tree, capture_output=True, text=True, timeout=300, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def _versions(tree: Path) -> dict[str, str]:
    code = (
        "from extractors import registry; "
        "print(','.join(f'{n}={e.version}' for n, e in sorted(registry.EXTRACTORS.items())))"
    )
    return dict(pair.split("=") for pair in _ask(tree, code).split(","))


def _touch(path: Path) -> None:
    path.write_text(path.read_text() + "\n# changed\n")


def test_an_extractors_version_changes_with_its_code_and_with_the_code_it_imports(tmp_path):
    tree = _copy(tmp_path)
    before = _versions(tree)
    assert _versions(tree) == before

    _touch(tree / "extractors" / "minutes.py")
    after_minutes = _versions(tree)
    assert after_minutes["minutes"] != before["minutes"]
    assert after_minutes["financial"] == before["financial"]

    _touch(tree / "extractors" / "layout.py")  # read by the minutes extractor through the page model
    assert _versions(tree)["minutes"] != after_minutes["minutes"]


def test_the_table_engines_version_changes_with_its_settings(tmp_path):
    tree = _copy(tmp_path)
    before = _versions(tree)
    _touch(tree / "extractors" / "tables" / "settings.py")
    assert _versions(tree)["tables"] != before["tables"]


def test_a_changed_extractor_re_extracts_on_the_next_run_and_an_unchanged_one_does_not(tmp_path, raw_pdfs):
    tree = _copy(tmp_path)
    pdf, db, store = raw_pdfs / "oneSource-2019-07-12-minutes.pdf", tmp_path / "db.sqlite", tmp_path / "store"
    load = f"""
from pathlib import Path
from pipeline.db import make_engine
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.ingest import ingest_file, mark_loaded
from pipeline.load import load_document
engine = make_engine("sqlite:///{db}")
ingested = ingest_file(Path("{pdf}"), engine, Path("{store}"))
load_document(engine, extract_pdf(ingested.stored_path, segment_pdf(ingested.stored_path, ingested.sha256)))
print(mark_loaded(engine, ingested.sha256))
"""
    current = f"""
from pathlib import Path
from pipeline.db import make_engine
from pipeline.pdf.pdfpages import sha256_of
from pipeline.validate import is_current
print(is_current(make_engine("sqlite:///{db}"), sha256_of(Path("{pdf}"))))
"""
    assert _ask(tree, load) == "loaded"
    assert _ask(tree, current) == "True"

    _touch(tree / "extractors" / "minutes.py")
    assert _ask(tree, current) == "False"


def test_an_extractors_version_changes_with_a_setting_it_reads(tmp_path):
    tree = _copy(tmp_path)
    before = _versions(tree)
    settings = tree / "extractors" / "settings.py"
    text = settings.read_text()
    assert "    same_size: float = 0.3\n" in text
    settings.write_text(text.replace("    same_size: float = 0.3\n", "    same_size: float = 0.4\n"))
    after = _versions(tree)
    for name in ("minutes", "reports", "sections", "metadata"):
        assert after[name] != before[name], name
