"""Polling sources: a local ModernGov stand-in with three meetings, a watched folder, and the poll flow."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.poll import fetch_site_task, poll_flow, scan_folder_task
from pipeline.db import make_engine
from pipeline.ingest import ingest_file
from pipeline.query.search import decisions
from pipeline.sources.config import FolderSource, ModernGovSite
from pipeline.sources.fetch import fetch_site
from schemas import sql
from schemas.meetings import ApiAttendee, ApiDocument, ApiMeeting, DocumentMeeting, Meeting, MinutesMeeting
from tests.moderngov_standin import ModernGovStandIn, StandInDocument, StandInItem, StandInMeeting

COMMITTEE = "oneSource Joint Committee"
FAR_BACK = 20_000  # days: the sample meetings are years old


def _three_meetings(raw_pdfs: Path, tmp_path: Path) -> ModernGovStandIn:
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"not a pdf")
    return ModernGovStandIn(
        {7: COMMITTEE, 8: "Another Committee"},
        [
            StandInMeeting(
                101,
                7,
                date(2019, 7, 12),
                time="10.30 am",
                location="Newham Dockside",
                minutes_published=True,
                documents=[
                    StandInDocument(1001, "Printed minutes", raw_pdfs / "oneSource-2019-07-12-minutes.pdf")
                ],
                attendees=[
                    ("Councillor A Member", "Chairman", "Present"),
                    ("Councillor B Member", "Member", "Apologies"),
                ],
            ),
            StandInMeeting(
                102,
                7,
                date(2019, 9, 20),
                items=[
                    StandInItem(
                        11,
                        "5",
                        "Quality assurance and performance management",
                        documents=[
                            StandInDocument(
                                1003,
                                "Report",
                                raw_pdfs / "oneSource-2019-07-report-qa-performance.pdf",
                                relative=True,
                            ),
                            StandInDocument(
                                1005,
                                "Exempt appendix",
                                raw_pdfs / "oneSource-2019-07-12-minutes.pdf",
                                restricted=True,
                            ),
                            StandInDocument(1006, "Speaking notes", notes),
                        ],
                    )
                ],
            ),
            StandInMeeting(
                103,
                7,
                date(2020, 2, 7),
                documents=[
                    StandInDocument(
                        1002, "Agenda reports pack", raw_pdfs / "oneSource-2020-02-07-kpi-q2-cover.pdf"
                    )
                ],
            ),
        ],
    )


def _config(tmp_path: Path, site: ModernGovStandIn, folder: Path | None = None) -> Path:
    text = (
        f'[storage]\nstore = "store"\ndownloads = "downloads"\n\n'
        f'[[moderngov]]\nname = "stand-in"\ncouncil = "Stand-in Council"\nbase_url = "{site.base_url}"\n'
        f'committees = ["{COMMITTEE}"]\ndays_back = {FAR_BACK}\nretries = 1\n'
    )
    if folder is not None:
        text += f'\n[[folder]]\nname = "inbox"\npath = "{folder}"\n'
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.xdist_group("prefect")
def test_a_poll_ingests_the_packs_the_next_downloads_nothing_and_a_new_meeting_is_picked_up(
    prefect_harness, tmp_path, raw_pdfs
):
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    with _three_meetings(raw_pdfs, tmp_path) as site:
        config = str(_config(tmp_path, site))

        first = poll_flow(config, db=db)
        assert [o.status for o in first.batch.outcomes] == ["loaded"] * 3
        # Files keep the name in their URL, or take their title when the URL gives none.
        assert sorted(o.file_name for o in first.batch.outcomes) == [
            "Report 1003.pdf",
            "oneSource-2019-07-12-minutes.pdf",
            "oneSource-2020-02-07-kpi-q2-cover.pdf",
        ]
        assert len(site.document_downloads()) == 3
        assert first.sites[0].skipped == 2  # the exempt appendix and the Word file
        assert list((tmp_path / "downloads").iterdir()) == []

        second = poll_flow(config, db=db)
        assert second.batch is None and second.new_files == 0
        assert len(site.document_downloads()) == 3 and len(site.not_modified()) == 3

        site.publish(
            StandInMeeting(
                104,
                7,
                date(2019, 10, 18),
                documents=[
                    StandInDocument(1004, "Agenda reports pack", raw_pdfs / "oneSource-2019-10-18-pack.pdf")
                ],
            )
        )
        third = poll_flow(config, db=db)
        assert [(o.status, o.file_name) for o in third.batch.outcomes] == [
            ("loaded", "oneSource-2019-10-18-pack.pdf")
        ]
        assert len(site.document_downloads()) == 4

    engine = make_engine(db)
    with Session(engine) as s:
        assert (
            s.scalar(select(sql.SourceFile.status).where(sql.SourceFile.file_name.like("%.pdf")).limit(1))
            == "loaded"
        )
        origins = s.scalars(select(sql.FileOrigin.uri)).all()
        assert all(uri.startswith(site.base_url) for uri in origins) and len(origins) == 4
        standalone = s.scalar(select(ApiDocument.sha256).where(ApiDocument.attachment_id == 1001))
        july = s.scalar(select(DocumentMeeting.meeting_id).where(DocumentMeeting.sha256 == standalone))
        pack = s.scalar(select(ApiDocument.sha256).where(ApiDocument.attachment_id == 1004))
        recorded = s.scalar(select(MinutesMeeting.meeting_id).where(MinutesMeeting.sha256 == pack))
        meeting = s.get(Meeting, july)
        attendees = s.scalars(select(ApiAttendee.attendance).order_by(ApiAttendee.position)).all()
    # The minutes in the pack of the new meeting record the July meeting of the standalone minutes.
    assert recorded == july
    assert meeting.meeting_date == date(2019, 7, 12) and meeting.scope == "Stand-in Council"
    assert meeting.sources == ["api", "minutes"] and meeting.meeting_time == "10:30"
    assert attendees == ["Present", "Apologies"]
    oracle = decisions(engine, topic="Oracle")
    assert oracle and {d.meeting_date for d in oracle} == {date(2019, 7, 12)}


def test_fetch_records_the_api_metadata_and_reports_failures_without_stopping(tmp_path, raw_pdfs):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with _three_meetings(raw_pdfs, tmp_path) as site:
        site.fail["/documents/s1002/"] = 500
        site_config = ModernGovSite("s", site.base_url, committees=(7,), days_back=FAR_BACK)
        report = fetch_site(engine, site_config, tmp_path / "downloads")
    assert (report.committees, report.meetings) == (1, 3)
    assert len(report.downloads) == 2 and report.skipped == 2
    assert [why for _, why in report.failed] == ["HTTP 500 Internal Server Error"]
    with Session(engine) as s:
        statuses = dict(s.execute(select(ApiDocument.attachment_id, ApiDocument.status)).all())
        assert s.scalar(select(ApiMeeting.committee_title).where(ApiMeeting.meeting_id == 101)) == COMMITTEE
    assert statuses == {
        1001: "downloaded",
        1002: "failed",
        1003: "downloaded",
        1005: "skipped",
        1006: "skipped",
    }


def test_only_meetings_in_the_window_are_polled(tmp_path, raw_pdfs):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with _three_meetings(raw_pdfs, tmp_path) as site:
        site_config = ModernGovSite("s", site.base_url, days_back=30, days_ahead=30)
        report = fetch_site(engine, site_config, tmp_path / "downloads", today=date(2020, 2, 1))
    assert report.committees == 2 and report.meetings == 1
    assert [r.path for r in site.requests if "GetMeeting?" in r.path] == [
        "/mgWebService.asmx/GetMeeting?lMeetingId=103"
    ]


def test_all_documents_or_only_a_meetings_own(tmp_path, raw_pdfs):
    item_doc = StandInDocument(2, "Report", raw_pdfs / "oneSource-2019-07-12-minutes.pdf")
    meeting = StandInMeeting(
        1,
        1,
        date(2024, 1, 1),
        documents=[StandInDocument(1, "Pack", raw_pdfs / "oneSource-2020-02-07-kpi-q2-cover.pdf")],
        items=[StandInItem(1, "1", "Item", documents=[item_doc])],
    )
    counts = {}
    for choice in ("packs", "all"):
        engine = make_engine(f"sqlite:///{tmp_path / f'{choice}.sqlite'}")
        with ModernGovStandIn({1: "C"}, [meeting]) as site:
            config = ModernGovSite("s", site.base_url, documents=choice)
            counts[choice] = len(
                fetch_site(engine, config, tmp_path / choice, today=date(2024, 1, 1)).downloads
            )
    assert counts == {"packs": 1, "all": 2}


def test_a_site_that_cannot_be_reached_is_reported(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with ModernGovStandIn({}) as site:
        site.fail["/mgWebService.asmx"] = 503
        report = fetch_site_task.fn(
            ModernGovSite("s", site.base_url, retries=0), str(engine.url), str(tmp_path)
        )
    assert report.meetings == 0 and report.failed[0][0] == "the list of committees"


def test_a_watched_folder_gives_new_and_changed_files_only(tmp_path, raw_pdfs):
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = make_engine(db)
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    shutil.copy(raw_pdfs / "oneSource-2019-07-12-minutes.pdf", inbox / "a.pdf")
    shutil.copy(raw_pdfs / "oneSource-2020-02-07-kpi-q2-cover.pdf", inbox / "sub" / "b.PDF")
    (inbox / "notes.txt").write_text("not a pdf")
    folder = FolderSource("inbox", inbox, pattern="**/*.[pP][dD][fF]")
    found = scan_folder_task.fn(folder, db)
    assert [f.path.name for f in found] == ["a.pdf", "b.PDF"]
    for f in found:
        ingest_file(f.path, engine, tmp_path / "store", origin=f.origin)
    assert scan_folder_task.fn(folder, db) == []
    shutil.copy(raw_pdfs / "oneSource-2019-07-report-qa-performance.pdf", inbox / "a.pdf")
    os.utime(inbox / "a.pdf", ns=(1, 1))
    assert [f.path.name for f in scan_folder_task.fn(folder, db)] == ["a.pdf"]


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        scan_folder_task.fn(FolderSource("gone", tmp_path / "gone"), f"sqlite:///{tmp_path / 'db.sqlite'}")
