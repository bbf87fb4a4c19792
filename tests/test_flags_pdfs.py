"""The rules through the real extraction: papers drawn in the test with planted errors, and the corpus.

Each generated paper is drawn twice, once as published correctly and once with errors
planted: the correct one must raise no flag, the other one flag of each planted kind
on the page it was planted on.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from pipeline.extract import extract_pdf, segment_pdf
from pipeline.flags import run_rules
from tests.conftest import SCORER
from tests.test_tables_pdfs import Grid, Heading, Page, Para, write_pages


def flags_of(path: Path, others=()):
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    doc = extract_pdf(path, segment_pdf(path, sha))
    return run_rules(doc, lambda: list(others))


def finance_paper(path: Path, family: str, planted: bool) -> Path:
    wirral = "£0.450m" if planted else "£0.400m"
    total = "0.690" if planted else "0.710"
    slip = "£95m" if planted else "£0.095m"
    overspend = "(£1.2m)" if planted else "£1.2m"
    grid = Grid(
        rows=[
            ["", "Sefton (£'m)", "Wirral (£'m)", "Halton (£'m)", "Total (£'m)"],
            ["Shared", "0.240", "0.310", "0.050", "0.600"],
            ["Non-Shared", "(0.120)", "0.400", "(0.080)", "0.200"],
            ["Total", "0.120", total, "(0.030)", "0.800"],
        ],
        widths=[110, 90, 90, 90, 90],
        family=family,
    )
    page1 = Page(
        [
            Heading("Revenue Budget Monitoring Quarter 2"),
            Para(
                "This report sets out the forecast position of the shared service run for Sefton, Wirral and "
                "Halton Councils."
            ),
            Heading("Summary", 12),
            Para(
                f"The non-shared budgets are forecasting an overspend of {wirral} for Wirral and an "
                "underspend of (£0.080m) for Halton."
            ),
            Para(
                "The year-end variances were an underspend of (£0.3m) for Sefton and an overspend of "
                f"{overspend} for the pooled fund."
            ),
            Heading("Transport", 12),
            Para(
                "Transport is forecasting an overspend of £0.210m. This is due to fuel £0.150m and vehicle "
                f"hire {slip}, offset by route savings of (£0.035m)."
            ),
        ],
        family=family,
    )
    page2 = Page(
        [
            Heading("Summary of positions", 12),
            Para("The table below summarises the shared and non-shared positions of each council:"),
            grid,
        ],
        family=family,
    )
    return write_pages(path, [page1, page2])


@pytest.mark.parametrize("family", ["Helvetica", "Times"])
def test_a_correct_finance_paper_raises_no_flag(tmp_path, family):
    assert [f.description for f in flags_of(finance_paper(tmp_path / "ok.pdf", family, planted=False))] == []


@pytest.mark.parametrize("family", ["Helvetica", "Times"])
def test_planted_finance_errors_are_each_flagged_on_their_page(tmp_path, family):
    flags = flags_of(finance_paper(tmp_path / "bad.pdf", family, planted=True))
    found = sorted((f.kind, min(loc.pdf_page for loc in f.locations)) for f in flags)
    assert found == [
        ("narrative_vs_table", 1),
        ("total_mismatch", 2),
        ("unit_anomaly", 1),
        ("unit_anomaly", 1),
    ]


def kpi_paper(path: Path, planted: bool) -> Path:
    months = ["Jul-21", "Aug-21", "Sep-21", "Oct-21", "Nov-21", "Dec-21"]
    summary = Grid(
        rows=[
            ["", "Leeds", "York"],
            ["Green", "3", "2"],
            ["Amber", "1", "2"],
            ["Red", "1", "1"],
            ["Not applicable", "1", "0"],
            ["Total", "6", "5"],
        ],
        widths=[150, 80, 80],
    )
    exceptions = Grid(
        rows=[
            ["Directorate", "Service Area", "KPI", "Target", "Quarter 2", "Direction of Travel"],
            [
                "Finance",
                "Payments",
                "% of invoices paid within 30 days",
                "95.00%",
                "98.40%" if planted else "97.20%",
                "↑",
            ],
            ["Property", "Estates", "% of leases renewed on time", "100%", "91%" if planted else "100%", "↑"],
        ],
        widths=[70, 70, 170, 60, 60, 70],
    )
    page1 = Page(
        [
            Heading("Performance Report Quarter 2 2021/22"),
            Para("This report covers the shared service for Leeds and York Councils."),
            Para("There are 5 operational indicators in the service plan."),
            Heading("Summary Information", 12),
            Para(
                f"For Leeds, {75 if planted else 60}% of indicators were rated green (excluding indicators "
                "not applicable)."
            ),
            summary,
            Heading("Leeds Performance", 12),
            Para(
                "The following performance indicators achieved or exceeded their target (i.e. RAG rated = "
                "Green) this Quarter."
            ),
            exceptions,
        ],
        landscape=True,
    )
    comment = (
        "Comment: Performance was above target in Leeds and York."
        if planted
        else "Comment: Performance was above target in Leeds. In York, performance was below target."
    )
    page2 = Page(
        [
            Heading("Finance", 13),
            Heading("% of invoices paid within 30 days", 12),
            Para("Invoices paid within 30 days of receipt."),
            Grid(
                rows=[
                    ["", "2020/21", "Leeds 2021/22 Q2", "York 2021/22 Q2"],
                    ["Outturn", "96%", "97.2%", "94.8%"],
                    ["Target", "95%", "95%", "95%"],
                ],
                widths=[120, 120, 120, 120],
            ),
            Grid(
                rows=[
                    ["", *months],
                    ["Leeds", "98%", "97%", "96%", "-", "-", "-"],
                    ["York", "93%", "95%", "96%", "-", "-", "-"],
                    ["Target", *["95%"] * 6],
                ],
                widths=[80] + [60] * 6,
            ),
            Para(comment),
        ],
        landscape=True,
    )
    listed = [
        ["Finance", "% of invoices paid within 30 days", "95%"],
        ["Finance", "% of debt recovered", "80%"],
        ["Property", "% of leases renewed on time", "100%"],
        ["Legal", "Possession claims upheld", ">90%"],
        ["Legal", "Average cost of care orders", "<£20,000"],
    ]
    if planted:
        listed.insert(4, ["Legal", "Possession claims upheld", ">90%"])
    page3 = Page(
        [
            Heading("Appendix 1: Operational Indicators", 13),
            Grid(
                rows=[["Service", "KPI", "2021/22 Target"], *listed], widths=[100, 260, 100], family="Times"
            ),
        ],
        family="Times",
    )
    return write_pages(path, [page1, page2, page3])


def test_a_correct_performance_paper_raises_no_flag(tmp_path):
    assert [f.description for f in flags_of(kpi_paper(tmp_path / "ok.pdf", planted=False))] == []


def test_planted_performance_errors_are_each_flagged_on_their_page(tmp_path):
    flags = flags_of(kpi_paper(tmp_path / "bad.pdf", planted=True))
    found = sorted((f.kind, tuple(sorted({loc.pdf_page for loc in f.locations}))) for f in flags)
    assert found == [
        ("count_statement", (1, 3)),
        ("cross_reference_mismatch", (1, 2)),
        ("duplicate_row", (3,)),
        ("narrative_vs_table", (2,)),
        ("percentage_vs_count", (1,)),
        ("rag_vs_target", (1,)),
    ]


def annual_report(path: Path, planted: bool) -> Path:
    """A committee report with its cover sheet, prose figures and a survey table."""
    third = "Pensions (84%)" if planted else "Internal Audit (89%)"
    page1 = Page(
        [
            Heading("CABINET", 16),
            Para("12 May 2022"),
            Heading("Subject heading:", 12),
            Para("Shared Services Annual Report 2021/22"),
            Heading("Report author and contact details:", 12),
            Para("Jo Smith, Head of Policy"),
            Heading("Financial summary:", 12),
            Para("There are no financial implications."),
            Heading("RECOMMENDATIONS", 12),
            Para("1. To note the annual report."),
            Heading("REPORT DETAIL", 12),
            Para(
                "The partnership was set up in 2016, bringing together 18 services and 940 staff from "
                "Kent and Medway Councils."
            ),
            Para("The running costs of £12.400m are funded as follows:"),
            Para(f"• 41.20% by Kent - 33.50% by Medway - {'25.60%' if planted else '25.30%'} by Swale"),
            Para("Property costs showed an adverse variance of £0.900m; the causes were:"),
            Para("• £0.500m – business rates revaluation"),
            Para("• £0.250m – energy costs"),
            Para(f"• {'£0.180m' if planted else '£0.150m'} – security contract"),
            Para(
                "Financial implications: approval of the new strategy "
                f"(recommendation {2 if planted else 1}) has costs to be reported later."
            ),
        ]
    )
    page2 = Page(
        [
            Heading("Customer satisfaction", 13),
            Para(
                f"The partnership employs 18 services and {960 if planted else 940} staff across the "
                "councils."
            ),
            Para("The top three performing services were:"),
            Para("• Legal (91%)"),
            Para("• Payroll (88%)"),
            Para(f"• {third}"),
            Grid(
                rows=[
                    ["", "Legal", "Payroll", "Internal Audit", "Pensions", "ICT", "Total"],
                    ["% satisfied overall", "91%", "88%", "89%", "84%", "79%", "86%"],
                    ["% satisfied with speed", "85%", "80%", "82%", "77%", "70%", "79%"],
                ],
                widths=[140, 60, 60, 70, 60, 50, 50],
            ),
        ]
    )
    return write_pages(path, [page1, page2])


def test_a_correct_committee_report_raises_no_flag(tmp_path):
    assert [f.description for f in flags_of(annual_report(tmp_path / "ok.pdf", planted=False))] == []


def test_planted_report_errors_are_each_flagged_on_their_page(tmp_path):
    flags = flags_of(annual_report(tmp_path / "bad.pdf", planted=True))
    found = sorted((f.kind, tuple(sorted({loc.pdf_page for loc in f.locations}))) for f in flags)
    assert found == [
        ("cross_reference_mismatch", (1, 2)),
        ("narrative_vs_table", (2,)),
        ("other", (1,)),
        ("total_mismatch", (1,)),
        ("total_mismatch", (1,)),
    ]


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_corpus_inconsistencies_are_found_with_precision_and_recall_of_nine_tenths(corpus_dir):
    docs = {}
    for pdf in sorted(corpus_dir.glob("*.pdf")):
        sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
        docs[pdf.stem] = extract_pdf(pdf, segment_pdf(pdf, sha))
    score = _scorer()
    tally = score.Tally()
    for name, doc in docs.items():
        flags = run_rules(doc, lambda name=name: [d for n, d in docs.items() if n != name])
        pred = {
            "inconsistencies": [
                {"kind": f.kind, "locations": [loc.model_dump(exclude_none=True) for loc in f.locations]}
                for f in flags
            ]
        }
        truth = json.loads((corpus_dir / f"{name}.truth.json").read_text())
        tallies = {"inconsistencies": score.Tally()}
        score.score_inconsistencies(truth, pred, tallies["inconsistencies"])
        t = tallies["inconsistencies"]
        tally.add(t.tp, t.fp, t.fn)
        tally.misses += t.misses
    assert tally.precision >= 0.9 and tally.recall >= 0.9, tally.misses
