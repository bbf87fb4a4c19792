"""Cross-document flags do not depend on the order documents are loaded in.

Minutes printed in a later pack record an earlier meeting; the report of that meeting
may be loaded after them, in the same batch or a later one. Once a batch is loaded, the
documents whose cross-document rules can now read a partner are validated again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.batch import batch_flow, revalidate_task
from pipeline.db import make_engine
from pipeline.query.flagquery import list_flags
from pipeline.validate import revalidate_partners
from tests.test_audit import load
from tests.test_tables_pdfs import Grid, Heading, Page, Para, write_pages

MEETING = "Held on Thursday 4 March 2021 at 10.00 am at Wigan Town Hall"


def minutes_paper(path: Path) -> Path:
    """Minutes of the 4 March meeting, quoting the outturn with Bolton's share misquoted."""
    return write_pages(
        path,
        [
            Page(
                [
                    Heading("MINUTES OF A MEETING OF THE JOINT FINANCE COMMITTEE", 14),
                    Para(MEETING),
                    Para("Present: Councillors Ann Lee (Chair), Bob Kerr and Cat Moss"),
                    Heading("1 REVENUE OUTTURN", 12),
                    Para(
                        "The Committee noted that the shared services had an overspend of £0.600m, split "
                        "Wigan £0.240m, Bolton £0.330m and Salford £0.050m."
                    ),
                    Para("RESOLVED: That the report be noted."),
                ],
                family="Times",
            )
        ],
    )


def report_paper(path: Path) -> Path:
    """The outturn report to the 4 March meeting, with the table the minutes quote."""
    table = Grid(
        rows=[
            ["", "Wigan (£'m)", "Bolton (£'m)", "Salford (£'m)", "Total (£'m)"],
            ["Shared", "0.240", "0.310", "0.050", "0.600"],
            ["Non-Shared", "(0.120)", "0.400", "(0.080)", "0.200"],
            ["Total", "0.120", "0.710", "(0.030)", "0.800"],
        ],
        widths=[110, 90, 90, 90, 90],
    )
    return write_pages(
        path,
        [
            Page(
                [
                    Heading("JOINT FINANCE COMMITTEE", 16),
                    Para("4 March 2021"),
                    Heading("Subject heading:", 12),
                    Para("Revenue Outturn 2020/21"),
                    Heading("Report author and contact details:", 12),
                    Para("Dan Fox, Finance Manager"),
                    Heading("RECOMMENDATIONS", 12),
                    Para("1. To note the outturn."),
                    Heading("REPORT DETAIL", 12),
                    Para("The table below gives the position of each council:"),
                    table,
                ]
            )
        ],
    )


def _cross_references(engine) -> list[tuple[str, str]]:
    return [(f["document"], f["pages"]) for f in list_flags(engine, kind="cross_reference_mismatch")]


def test_minutes_loaded_before_the_report_they_quote_are_flagged_once_it_arrives(tmp_path):
    db = f"sqlite:///{tmp_path / 'flags.db'}"
    engine = make_engine(db)
    store = tmp_path / "store"
    minutes = load(engine, minutes_paper(tmp_path / "later.pdf"), store)
    report = load(engine, report_paper(tmp_path / "earlier.pdf"), store)
    # Each was validated on arrival: the minutes before the report existed.
    assert _cross_references(engine) == []

    assert revalidate_partners(engine, [report.sha256]) == {minutes.sha256: 1}
    flags = list_flags(engine)
    assert [(f["document"], f["kind"], f["pages"]) for f in flags] == [
        ("later.pdf", "cross_reference_mismatch", "1")
    ]
    assert "£0.330m" in flags[0]["found"] and "0.310" in flags[0]["expected"]

    # Validation replaces a document's flags: doing it again changes nothing.
    assert revalidate_task.fn([report.sha256], db) == {minutes.sha256: 1}
    assert list_flags(engine) == flags


def test_documents_without_a_partner_in_the_batch_are_left_alone(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'flags.db'}")
    minutes = load(engine, minutes_paper(tmp_path / "later.pdf"), tmp_path / "store")
    assert revalidate_partners(engine, [minutes.sha256]) == {}


@pytest.mark.slow
def test_a_batch_flags_minutes_whose_report_came_in_a_later_batch(prefect_harness, tmp_path):
    db, store = f"sqlite:///{tmp_path / 'flags.db'}", str(tmp_path / "store")
    batch_flow([str(minutes_paper(tmp_path / "later.pdf"))], db=db, store=store)
    assert _cross_references(make_engine(db)) == []
    summary = batch_flow([str(report_paper(tmp_path / "earlier.pdf"))], db=db, store=store)
    assert _cross_references(make_engine(db)) == [("later.pdf", "1")]
    assert [(o.file_name, o.flags) for o in summary.outcomes] == [("earlier.pdf", 0)]
