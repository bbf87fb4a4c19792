"""Hostile files: a budget per document, every input recorded once with a reason, names that survive."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

# Prefect's log handler keeps the stderr it sees when first imported (see test_cli).
import flows.batch  # noqa: F401
from councilpdf.cli import app
from pipeline.db import make_engine
from pipeline.ingest import discover, ingest_file, mark_failed
from pipeline.names import kind_suffix
from pipeline.pdf.limits import Limits
from pipeline.pdf.pdfpages import PdfError, inspect_pdf
from pipeline.pdf.streams import over_budget
from schemas.sql import Run, SourceFile
from tests import hostilegen
from tests.hostilegen import CLASSES, write_hostile

runner = CliRunner()
# Bytes of a file name on common file systems.
_NAME_MAX = 255
GOOD = ("oneSource-2019-07-12-minutes.pdf", "oneSource-2020-02-07-kpi-q2-cover.pdf")
# Classes the batch test leaves to bench/hostile.py: a thousand pages take 45 s alone.
SLOW = ("thousand_pages",)


def _reason(path: Path) -> str:
    with pytest.raises(PdfError) as err:
        inspect_pdf(path)
    return err.value.reason


def test_a_limit_is_raised_by_name_and_an_unknown_one_is_refused():
    raised = Limits().with_settings(["pages=20000", "seconds=90.5"])
    assert (raised.pages, raised.seconds) == (20_000, 90.5)
    assert Limits.current().with_settings([]) == Limits()
    with pytest.raises(ValueError, match="unknown limit 'page'"):
        Limits().with_settings(["page=3"])
    with pytest.raises(ValueError, match="above zero"):
        Limits().with_settings(["pages=0"])


def test_a_metadata_bomb_is_over_budget_naming_the_stream_and_the_limit():
    data = hostilegen.metadata_bomb(hostilegen.random.Random(0))
    reason = over_budget(data, Limits())
    assert reason == (
        "over budget: the /Metadata stream (object 1) inflates past 256 MiB (limit stream_mib=256)"
    )
    assert over_budget(data, Limits(stream_mib=512)) is None


def test_streams_together_over_their_total_are_over_budget():
    data = hostilegen.metadata_bomb(hostilegen.random.Random(0))
    assert "limit total_mib=300" in over_budget(data, Limits(stream_mib=512, total_mib=300))


def test_a_page_listing_100000_content_streams_is_over_budget(tmp_path):
    path = tmp_path / "contents.pdf"
    path.write_bytes(hostilegen.long_contents(hostilegen.random.Random(0)))
    assert _reason(path) == "over budget: a page's /Contents lists 100,000 streams (limit contents=20000)"


def test_a_hundred_inch_scanned_page_is_over_budget_before_it_is_rendered(tmp_path):
    path = tmp_path / "huge.pdf"
    path.write_bytes(hostilegen.huge_page(hostilegen.random.Random(0)))
    assert _reason(path).startswith("over budget: page 1 is ")
    assert "(limit pixels=" in _reason(path)


@pytest.mark.parametrize("tail", [b"\x00" * 70_000, b"% a comment after the end\n" * 300, b"\r\n" * 10])
def test_bytes_after_the_end_of_file_marker_are_not_truncation(tmp_path, tail):
    path = tmp_path / "padded.pdf"
    path.write_bytes(hostilegen.text_pdf(hostilegen.MINUTES) + tail)
    assert inspect_pdf(path).page_count == 1


def test_a_page_tree_that_lists_no_page_is_quarantined_with_a_reason_at_ingest(tmp_path):
    path = tmp_path / "empty-tree.pdf"
    pdf = hostilegen.RawPdf()
    tree = pdf.add(b"<< /Type /Pages /Kids [] /Count 5 >>")
    path.write_bytes(pdf.to_bytes(pdf.add(b"<< /Type /Catalog /Pages %d 0 R >>" % tree)))
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    result = ingest_file(path, engine, tmp_path / "store")
    assert result.status == "quarantined"
    assert (
        (tmp_path / "quarantine" / f"{result.sha256}.reason.txt").read_text().startswith("empty-tree.pdf: ")
    )


def test_a_fifo_and_links_to_a_device_and_a_folder_are_skipped_with_a_reason(tmp_path):
    folder = tmp_path / "in"
    made = write_hostile(folder, 4, classes=hostilegen.SPECIAL)
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    found = discover([folder])
    assert {p.name for p in found} == {h.path.name for h in made}
    reasons = {h.kind: ingest_file(h.path, engine, tmp_path / "store").reason for h in made}
    assert reasons == {
        "fifo": "skipped: a named pipe (FIFO), not a file",
        "link_to_dev_zero": "skipped: a device, not a file",
        "link_to_folder": (
            "skipped: a link to a folder (not followed: each folder is read once, never in a loop)"
        ),
        "dangling_link": "skipped: cannot be read (No such file or directory)",
    }


def test_two_links_to_one_device_are_two_inputs_and_two_paths_to_one_file_are_one(tmp_path):
    (tmp_path / "a.pdf").symlink_to("/dev/zero")
    (tmp_path / "b.pdf").symlink_to("/dev/zero")
    (tmp_path / "c.pdf").write_bytes(hostilegen.text_pdf(hostilegen.MINUTES))
    (tmp_path / "d.pdf").symlink_to(tmp_path / "c.pdf")
    assert [p.name for p in discover([tmp_path])] == ["a.pdf", "b.pdf", "c.pdf"]


def test_an_extension_of_231_characters_is_no_kind_of_file():
    assert kind_suffix("minutes." + "x" * 231) == ".bin"
    assert kind_suffix("Minutes.PDF") == ".pdf"


@pytest.mark.parametrize("n", [0, 1, 2], ids=["255 bytes", "231-char extension", "not UTF-8"])
def test_an_odd_name_is_ingested_and_quarantined_with_its_name_as_text(tmp_path, n):
    raw = hostilegen.odd_name(n)
    good = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), raw)))
    good.write_bytes(hostilegen.text_pdf(hostilegen.MINUTES))
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store = tmp_path / "store"
    kept = ingest_file(good, engine, store)
    assert kept.ok
    assert kept.file_name == raw.decode("utf-8", "replace")
    mark_failed(engine, kept.sha256, "extract failed: a test says so")
    reason = (tmp_path / "quarantine" / f"{kept.sha256}.reason.txt").read_text(encoding="utf-8")
    assert reason == f"{kept.file_name}: extract failed: a test says so\n"
    broken = good.with_name(good.name.replace("0", "9", 1))
    broken.write_bytes(b"%PDF-1.7\n")
    refused = ingest_file(broken, engine, store)
    assert refused.status == "quarantined"
    assert refused.stored_path.is_file() and len(refused.stored_path.name.encode()) <= _NAME_MAX


def _run(paths, tmp_path: Path, tag: str, *extra: str):
    args = ["run", *map(str, paths), "--db", f"sqlite:///{tmp_path / tag}.db", "--store", str(tmp_path / tag)]
    result = runner.invoke(app, [*args, "--export", str(tmp_path / f"{tag}-out"), *extra])
    with Session(make_engine(f"sqlite:///{tmp_path / tag}.db")) as session:
        run = session.scalars(select(Run)).one()
        files = {f.file_name: f for f in session.scalars(select(SourceFile))}
    return result, run.summary["outcomes"], files


def test_a_batch_of_hostile_files_records_each_once_and_its_good_files_export_as_alone(tmp_path, raw_pdfs):
    folder = tmp_path / "in"
    # The 255-byte name is left to the test above: the export names files after them.
    classes = [c for c in [*CLASSES, "odd_name", *hostilegen.SPECIAL] if c not in SLOW]
    hostile = [h for h in write_hostile(folder, len(classes), seed=13, classes=classes)]
    hostile = [h for h in hostile if len(os.fsencode(h.path.name)) < 250]
    good = [shutil.copy(raw_pdfs / name, folder / name) for name in GOOD]

    alone, _, _ = _run(good, tmp_path, "alone")
    assert alone.exit_code == 0, alone.output
    result, outcomes, files = _run(
        [h.path for h in hostile] + good, tmp_path, "batch", "--limit", "seconds=60"
    )

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert len(outcomes) == len(hostile) + len(good), result.output
    names = [o["file_name"] for o in outcomes]
    assert len(set(names)) == len(names)
    for outcome in outcomes:
        assert outcome["status"] in ("loaded", "partial", "quarantined", "skipped"), outcome
        if outcome["status"] in ("quarantined", "skipped"):
            assert outcome["reason"] and not outcome["reason"].startswith(("ValueError", "Exception")), (
                outcome
            )
    for row in files.values():
        if row.status == "quarantined":
            assert (tmp_path / "quarantine" / f"{row.sha256}.reason.txt").is_file(), row.file_name
    for name in GOOD:
        export = Path(name).with_suffix(".json").name
        assert json.loads((tmp_path / "batch-out" / export).read_text()) == json.loads(
            (tmp_path / "alone-out" / export).read_text()
        )
