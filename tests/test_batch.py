"""The batch flow with its documents in worker processes: outcomes in order, each reported as it finishes."""

from __future__ import annotations

import shutil

import pytest

from flows.batch import batch_flow, on_file_done

FILES = ["oneSource-2019-07-12-minutes.pdf", "oneSource-2020-02-07-kpi-q2-cover.pdf"]


@pytest.mark.xdist_group("prefect")
def test_documents_processed_in_worker_processes_are_reported_as_they_finish(
    prefect_harness, tmp_path, raw_pdfs
):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in FILES:
        shutil.copy(raw_pdfs / name, folder)
    (folder / "a-truncated.pdf").write_bytes((raw_pdfs / FILES[0]).read_bytes()[:5000])
    reported = []
    on_file_done(reported.append)
    try:
        summary = batch_flow(
            [str(folder)], db=f"sqlite:///{tmp_path / 'db.sqlite'}", store=str(tmp_path / "s")
        )
    finally:
        on_file_done(None)
    expected = [("a-truncated.pdf", "quarantined"), (FILES[0], "loaded"), (FILES[1], "loaded")]
    assert [(o.file_name, o.status) for o in summary.outcomes] == expected
    assert sorted((o.file_name, o.status) for o in reported) == expected
    assert all(o.rows["pages"] for o in summary.outcomes[1:])
