"""Committee reports: cover-sheet fields in several templates, recommendations, contact parsing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.base import Source
from extractors.contacts import contact_entry, find_email, find_phone, person_name
from extractors.reports import extract_report, looks_like_report_cover, split_list_marker
from pipeline.pdf.pdfpages import open_document

SOURCE = Source("0" * 64)
LEFT = 72.0


class Sheet:
    """Lays out report pages top-down; a line may hold text at several x positions."""

    def __init__(self, path: Path):
        self.path = path
        self.canvas = canvas.Canvas(str(path), pagesize=A4)
        self.y = A4[1] - 60

    def line(
        self, *parts: tuple[float, str], size: float = 11, bold: bool = False, before: float = 0
    ) -> None:
        """One printed line: ``parts`` are (x, text) pairs set in one font."""
        self.y -= before + size * 1.35
        self.canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        for x, text in parts:
            self.canvas.drawString(x, self.y, text)

    def text(
        self, text: str, size: float = 11, bold: bool = False, before: float = 0, x: float = LEFT
    ) -> None:
        self.line((x, text), size=size, bold=bold, before=before)

    def rule(self, gap: float = 4, split: float | None = None) -> None:
        """A horizontal rule; with ``split``, two cell borders meeting there, as word processors draw them."""
        self.y -= gap
        self.canvas.setLineWidth(0.5)
        for x0, x1 in [(LEFT - 4, split - 6), (split - 6, 523)] if split else [(LEFT - 4, 523)]:
            self.canvas.line(x0, self.y, x1, self.y)

    def page(self) -> None:
        self.canvas.showPage()
        self.y = A4[1] - 60

    def report(self):
        self.canvas.showPage()
        self.canvas.save()
        with open_document(self.path) as doc:
            covers = [looks_like_report_cover(p) for p in doc.pages]
            return extract_report(doc.pages, SOURCE), covers


def test_stacked_labels_with_heading_date_and_bulleted_recommendations(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("PLANNING AND TRANSPORT COMMITTEE", 16, True)
    s.text("2 March 2022", 12, True, before=6)
    s.text("Subject heading:", bold=True, before=6)
    s.text("Parking Enforcement Annual Review", 12, True)
    s.text("Report author and contact details:", bold=True, before=6)
    s.text("Morgan Ellis")
    s.text("Senior Parking Manager")
    s.text("01632 960123")
    s.text("morgan.ellis@example.gov.uk")
    s.text("Financial summary:", bold=True, before=6)
    s.text("Income is forecast at £4.2m, in line with budget.")
    s.text("No additional funding is required.", before=6)
    s.text("SUMMARY", 13, True, before=6)
    s.text("This report reviews enforcement in the year.")
    s.text("RECOMMENDATIONS", 13, True, before=6)
    s.text("The Committee is asked to: -", 12, True, before=6)
    s.text("• note the annual review;", x=LEFT + 8, before=4)
    s.text("• agree that the review is published on the council's", x=LEFT + 8, before=4)
    s.text("website.", x=LEFT + 22)
    s.text("REPORT DETAIL", 13, True, before=6)
    s.text("1.1 Enforcement continued across all zones.")
    report, covers = s.report()
    assert covers == [True]
    assert report.title == "Parking Enforcement Annual Review"
    assert (report.author, report.email, report.phone) == (
        "Morgan Ellis",
        "morgan.ellis@example.gov.uk",
        "01632 960123",
    )
    assert report.meeting_date == date(2022, 3, 2)
    assert report.financial_summary == (
        "Income is forecast at £4.2m, in line with budget. No additional funding is required."
    )
    assert report.recommendations == [
        "note the annual review;",
        "agree that the review is published on the council's website.",
    ]
    assert report.pdf_page_start == 1
    assert report.prov.pdf_page == 1 and report.prov.bbox is not None


def test_two_column_cover_table_with_wrapped_label_and_numbered_recommendations(tmp_path):
    value_x = 230
    s = Sheet(tmp_path / "r.pdf")
    s.text("CABINET", 16, True)
    s.line((LEFT, "Report title:"), (value_x, "Library Opening Hours Consultation"), bold=False, before=8)
    s.line((LEFT, "Date of meeting:"), (value_x, "Meeting: 14/09/2021"), before=4)
    s.line((LEFT, "Report author and"), (value_x, "Priya Shah - Head of Libraries"), before=4)
    s.line((LEFT, "contact details:"), (value_x, "Tel: 020 8356 1234 ext 4410"))
    s.line((value_x, "priya.shah@example.gov.uk"))
    s.line((LEFT, "Wards affected:"), (value_x, "All wards"), before=4)
    s.line((LEFT, "Financial"), (value_x, "The proposals save £120,000 a year."), before=4)
    s.line((LEFT, "implications:"), (value_x, "Savings are built into the budget."))
    s.line((LEFT, "Recommendations:"), (value_x, "1. To agree the consultation on"), before=4)
    s.line((value_x + 14, "new opening hours."))
    s.line((value_x, "2. To note the equality assessment."))
    s.text("1. Introduction", 12, True, before=14)
    s.text("The library service has reviewed its opening hours across all sites, and proposes changes.")
    s.text("Financial implications: the budget for the service has been reduced in previous years.")
    report, covers = s.report()
    assert covers == [True]
    assert report.title == "Library Opening Hours Consultation"
    assert report.meeting_date == date(2021, 9, 14)
    assert report.author == "Priya Shah"
    assert report.phone == "020 8356 1234 ext 4410"
    assert report.email == "priya.shah@example.gov.uk"
    assert (
        report.financial_summary == "The proposals save £120,000 a year. Savings are built into the budget."
    )
    assert report.recommendations == [
        "To agree the consultation on new opening hours.",
        "To note the equality assessment.",
    ]


def test_ruled_cover_table_rows_hold_their_values_even_with_centred_labels(tmp_path):
    value_x = 200
    s = Sheet(tmp_path / "r.pdf")
    s.text("AUDIT COMMITTEE", 15, True)
    s.text("Date: 5 December 2023", 12, before=4)
    s.rule(8, value_x)
    s.line((LEFT, "Subject"), (value_x, "Internal Audit Progress Report"), bold=True)
    s.rule(split=value_x)
    # The label is centred on its three-line value.
    s.line((value_x, "Sam O'Neill"))
    s.line((LEFT, "Contact officer"), (value_x, "Chief Internal Auditor"))
    s.line((value_x, "Ext. 2345"))
    s.rule(split=value_x)
    s.line((LEFT, "Report to"), (value_x, "Audit Committee"))
    s.rule(split=value_x)
    s.line((LEFT, "Decision(s)"), (value_x, "(a) That the progress report is noted."))
    s.line((LEFT, "required"), (value_x, "(b) That the revised plan is approved."))
    s.rule(split=value_x)
    s.text("1. Background", 12, True, before=10)
    s.text("Internal audit reports to the committee on progress against the annual plan each quarter.")
    report, covers = s.report()
    assert covers == [True]
    assert report.title == "Internal Audit Progress Report"
    assert report.author == "Sam O'Neill"
    assert report.phone == "Ext. 2345"
    assert report.email is None
    assert report.meeting_date == date(2023, 12, 5)
    assert report.financial_summary is None
    assert report.recommendations == [
        "That the progress report is noted.",
        "That the revised plan is approved.",
    ]


def test_inline_labels_and_numbered_recommendation_section(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Overview and Scrutiny Board", 14, True)
    s.text("Title of report: Waste Collection Performance", bold=True, before=6)
    s.text("Meeting date: 7 July 2020")
    s.text("Lead officer: Director of Environment")
    s.text("Author: Alex Turner (Waste Contracts Officer), Telephone: 01632 960 555")
    s.text("1. Purpose of report", 12, True, before=10)
    s.text("1.1 To report on waste collection performance in the last year.")
    s.text("2. Recommendations", 12, True, before=8)
    s.text("2.1 That the Board notes the collection performance.", before=4)
    s.text("2.2 That the Board agrees to review the contract in", before=4)
    s.text("January.", x=LEFT + 22)
    s.text("3. Background", 12, True, before=8)
    s.text("3.1 The contract started in 2015.")
    report, covers = s.report()
    assert covers == [True]
    assert report.title == "Waste Collection Performance"
    assert report.meeting_date == date(2020, 7, 7)
    assert (report.author, report.phone, report.email) == ("Alex Turner", "01632 960 555", None)
    assert report.financial_summary is None
    assert report.recommendations == [
        "That the Board notes the collection performance.",
        "That the Board agrees to review the contract in January.",
    ]


def test_inline_recommendation_in_a_summary_paragraph_is_one_recommendation(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("JOINT COMMITTEE", 16, True)
    s.text("Subject heading:", bold=True, before=6)
    s.text("Service Performance Framework", 12, True)
    s.text("Report author and contact details:", bold=True, before=6)
    s.text("Chris Doe, Performance Lead")
    s.text("Financial summary:", bold=True, before=6)
    s.text("Not applicable")
    s.text("SUMMARY", 13, True, before=6)
    s.text("This report sets out the framework for measuring service performance.")
    s.text("Recommendations: The Committee is asked to agree the framework and", before=6)
    s.text("the reporting timetable.")
    s.text("The framework will be reviewed annually.", before=8)
    s.text("REPORT DETAIL", 13, True, before=6)
    report, _ = s.report()
    assert report.meeting_date is None
    assert report.author == "Chris Doe"
    assert report.financial_summary == "Not applicable"
    assert report.recommendations == [
        "The Committee is asked to agree the framework and the reporting timetable."
    ]


def test_empty_financial_summary_is_null_and_title_only_cover_needs_a_second_label(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Subject heading:", bold=True)
    s.text("ICT Budget Update", 12, True)
    s.text("Report author and contact details:", bold=True, before=6)
    s.text("Ruth Okafor")
    s.text("Financial summary:", bold=True, before=6)
    s.text("SUMMARY", 13, True, before=6)
    s.text("The report updates members on the ICT budget.")
    s.page()
    s.text("Appendix 1: Guidance", 14, True)
    s.text("Each report states its subject heading: the title members see on the agenda.")
    s.text("Subject heading: to be agreed with the clerk.")
    report, covers = s.report()
    assert covers == [True, False]
    assert report.financial_summary is None
    assert report.recommendations == []


def test_plain_labels_with_cover_financial_implications_and_unnumbered_recommendations(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Report to: Cabinet")
    s.text("Date: 12 January 2022")
    s.text("Subject: Housing Allocations Policy")
    s.text("Contact officer: Sarah Jones, Housing Policy Manager")
    s.text("Tel: 020 8123 4567")
    s.text("Email: sarah.jones@example.gov.uk")
    s.text("Policy context:")
    s.text("The housing strategy 2020-2025.")
    s.text("Financial implications: None arising directly from this report.")
    s.text("1. Recommendations", 12, True, before=8)
    s.text("That Cabinet approves the revised allocations policy at Appendix A.", before=4)
    s.text("That Cabinet delegates minor amendments to the Director of Housing.", before=8)
    s.text("2. Financial implications", 12, True, before=8)
    s.text("2.1 The cost is met within existing budgets.")
    report, covers = s.report()
    assert covers == [True]
    assert (report.title, report.meeting_date) == ("Housing Allocations Policy", date(2022, 1, 12))
    assert (report.author, report.phone, report.email) == (
        "Sarah Jones",
        "020 8123 4567",
        "sarah.jones@example.gov.uk",
    )
    assert report.financial_summary == "None arising directly from this report."
    assert report.recommendations == [
        "That Cabinet approves the revised allocations policy at Appendix A.",
        "That Cabinet delegates minor amendments to the Director of Housing.",
    ]


def test_recommendations_run_on_over_a_page_break_past_a_running_header(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Report date: 1 March 2021", 10)
    s.text("SUBJECT: Highways Maintenance Programme", 12, True)
    s.text("REPORT AUTHOR: J. R. Hartley, Highways Engineer - 0161 496 0123", 10)
    s.text("MEETING: Cabinet, 18 March 2021", 10)
    for _ in range(36):
        s.text("Body text of the report about the maintenance of roads and footways.", 10)
    s.text("Recommendation(s)", 12, True, before=6)
    s.text("The Cabinet is recommended to:", 10)
    s.text("(i) approve the programme;", 10, x=LEFT + 10)
    s.page()
    s.text("Agenda Item 7", 9, x=450)
    s.text("(ii) note the funding position; and", 10, x=LEFT + 10, before=12)
    s.text("(iii) delegate approval of the detailed", 10, x=LEFT + 10)
    s.text("schemes to the Director of Place.", 10, x=LEFT + 28)
    s.text("Reasons for recommendations", 12, True, before=6)
    s.text("To maintain the network.", 10)
    report, covers = s.report()
    assert covers == [True, False]
    assert (report.author, report.phone) == ("J. R. Hartley", "0161 496 0123")
    assert report.meeting_date == date(2021, 3, 18)
    assert report.recommendations == [
        "approve the programme;",
        "note the funding position; and",
        "delegate approval of the detailed schemes to the Director of Place.",
    ]


def test_author_found_in_contact_label_after_the_body(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Report title: Tree Planting Strategy", 13, True)
    s.text("Report to: Environment Panel", before=4)
    s.text("RECOMMENDATION", 12, True, before=8)
    s.text("That the Panel endorses the strategy.")
    s.text("BACKGROUND", 12, True, before=8)
    s.text("The strategy sets targets for canopy cover.")
    for _ in range(3):
        s.page()
        s.text("Further detail of the strategy.")
    s.text("Contact officer: Dr Lee Park, Tree Officer, lee.park@example.org", before=8)
    report, _ = s.report()
    assert report.title == "Tree Planting Strategy"
    assert report.recommendations == ["That the Panel endorses the strategy."]
    assert (report.author, report.email) == ("Dr Lee Park", "lee.park@example.org")


def test_page_without_title_label_is_no_report(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Appendix A", 14, True)
    s.text("Report author: see cover report.")
    report, covers = s.report()
    assert covers == [False]
    assert report is None


@pytest.mark.parametrize(
    ("block", "name"),
    [
        ("Toni Brand, Business\nImprovement & Analysis Officer\nX37559", "Toni Brand"),
        ("Lise Carter (Head of Business Development)\nlise@example.gov.uk", "Lise Carter"),
        ("Sean Harte – Interim CEO\nShared Services", "Sean Harte"),
        ("Simone Pollard, Executive Director,\nShared Services", "Simone Pollard"),
        ("Director of Technology & Innovation\nPriya Javed", "Priya Javed"),
        ("Name: Anne-Marie van der Berg\nTitle: Finance Manager", "Anne-Marie van der Berg"),
        ("Jo Smith Head of Legal Services", "Jo Smith"),
        ("Tel: 020 7946 0000\nEmail: a.b@example.com", None),
        ("Riverside Borough Council", None),
    ],
)
def test_person_name_drops_job_titles_and_contact_details(block, name):
    assert person_name(block) == name


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("0203 555 0148", "0203 555 0148"),
        ("Tel: 020 3555 0413", "020 3555 0413"),
        ("01632960471", "01632960471"),
        ("X37551", "X37551"),
        ("Telephone: +44 (0)20 7946 0018", "+44 (0)20 7946 0018"),
        ("(020) 8356 1234", "(020) 8356 1234"),
        ("Jane Smith (jane.smith@x.gov.uk; 01632 960 111)", "01632 960 111"),
        ("Jane Smith, Head of Finance (01632 960 111)", "01632 960 111"),
        ("Tel 01632 960123 ext. 445", "01632 960123 ext. 445"),
        ("Ext: 2345", "Ext: 2345"),
        ("Tel: 45123", "45123"),
        ("Jo Bloggs, jo.bloggs@example.gov.uk, Tel: 0113\n496 9009", "0113 496 9009"),
        ("an underspend of (£0.114m) in 2019/20 on 18/10/2019", None),
        ("Savings of 12,853,000 since 2014", None),
    ],
)
def test_phone_numbers_as_printed(text, phone):
    assert find_phone(text) == phone


def test_email_is_found_in_a_contact_line():
    assert find_email("Dev McNair, Dev.Mcnair@shared-services.co.uk.") == "Dev.Mcnair@shared-services.co.uk"
    assert find_email("no address here") is None


@pytest.mark.parametrize(
    ("line", "marker", "text"),
    [
        ("1. To note the report", "1.", "To note the report"),
        ("(a) agree the plan", "(a)", "agree the plan"),
        ("ii) approve the budget", "ii)", "approve the budget"),
        ("2.1 That Cabinet notes", "2.1", "That Cabinet notes"),
        ("• note the position", "•", "note the position"),
        ("– note the reserve", "–", "note the reserve"),
        ("A report on parking", None, "A report on parking"),
        ("e.g. the budget", None, "e.g. the budget"),
        ("2019 budget setting", None, "2019 budget setting"),
    ],
)
def test_list_markers_are_split_from_their_text(line, marker, text):
    assert split_list_marker(line) == (marker, text)


_WORD = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-", min_size=1, max_size=10).filter(
    lambda w: w[0].isalpha()
)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)
_MARKER = st.sampled_from(
    ["•", "-", "–", "1.", "12)", "(3)", "(b)", "c)", "iv.", "(xi)", "B.", "3.2", "4.1.2"]
)


@given(_SENTENCE)
def test_unmarked_text_keeps_its_leading_words(sentence):
    assert split_list_marker(sentence) == (None, sentence)


@given(_MARKER, _SENTENCE)
def test_marker_stripping_removes_only_the_marker(marker, sentence):
    assert split_list_marker(f"{marker} {sentence}") == (marker, sentence)


def test_corpus_reports_all_match_the_truth(corpus_dir, tmp_path):
    corpus, scorer = corpus_dir, corpus_dir.parent.parent / "eval" / "score.py"
    for truth_path in sorted(corpus.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text())
        name = truth_path.name.removesuffix(".truth.json")
        reports = []
        with open_document(corpus / f"{name}.pdf") as doc:
            starts = [p.page_number for p in doc.pages if looks_like_report_cover(p)]
            spans = [s for s in truth["sections"] if s["kind"] == "report"]
            assert starts == [s["pdf_page_start"] for s in spans]
            for s in spans:
                report = extract_report(doc.pages[s["pdf_page_start"] - 1 : s["pdf_page_end"]], SOURCE)
                reports.append(report.model_dump(mode="json", exclude={"prov"}))
        (tmp_path / f"{name}.json").write_text(json.dumps({"reports": reports}))
    out = subprocess.run(
        [sys.executable, str(scorer), str(corpus), str(tmp_path)], capture_output=True, text=True, check=True
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.split()[:1] == ["reports"])
    assert line.split()[-3:] == ["1.000", "1.000", "1.000"], line


def test_cover_with_its_subject_as_an_unlabelled_heading_among_officer_labels(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("ENVIRONMENT SCRUTINY PANEL", 14, True)
    s.text("Date: 14 May 2025", before=4)
    s.text("Review of Bulky Waste Charges", 18, True, before=6)
    s.text("Report of: Director of Place", before=6)
    s.text("Lead officer: Head of Waste Services")
    s.text("Contact officer: Robin Hale, Waste Strategy Manager")
    s.text("Tel: 01632 960 481")
    s.text("Email: robin.hale@example.gov.uk")
    s.text("Wards affected: All")
    s.text("Key decision: No")
    s.text("1. Purpose of report", 13, True, before=8)
    s.text("1.1 This report reviews the charges for collecting bulky waste.")
    s.text("2. Recommendation(s)", 13, True, before=8)
    s.text("The Panel is recommended:")
    s.text("2.1 That the revised charges are approved.", before=4)
    s.text("2.2 That the charges are reviewed again in 2027.", before=4)
    s.text("3. Background", 13, True, before=8)
    s.text("3.1 Charges were last reviewed in 2021.")
    report, covers = s.report()
    assert covers == [True]
    assert report.title == "Review of Bulky Waste Charges"
    assert (report.author, report.email, report.phone) == (
        "Robin Hale",
        "robin.hale@example.gov.uk",
        "01632 960 481",
    )
    assert report.meeting_date == date(2025, 5, 14)
    assert report.recommendations == [
        "That the revised charges are approved.",
        "That the charges are reviewed again in 2027.",
    ]


def test_a_page_of_meeting_details_and_a_contact_is_no_report_cover(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Licensing Sub-Committee", 18, True)
    s.text("Date: Wednesday 5 March 2025")
    s.text("Time: 7.00 pm")
    s.text("Place: Committee Room 2, Town Hall")
    s.text("Contact officer: Robin Hale, Democratic Services")
    s.text("Membership:", bold=True, before=6)
    s.text("Councillor Ann Lee (Chair)")
    s.text("AGENDA", 14, True, before=8)
    s.text("1. Apologies for Absence", bold=True)
    _, covers = s.report()
    assert covers == [False]


def test_lead_author_outranks_the_responsible_officer(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("CABINET", 14, True)
    s.text("Date of meeting: 9 July 2025")
    s.text("Title of report: Fleet Replacement Programme")
    s.text("Responsible officer: Alex Moore, Director of Place")
    s.text("Lead author: Kim Ward, Fleet Manager, kim.ward@example.gov.uk")
    s.text("Officer contact details: 01632 960 444")
    s.text("RECOMMENDATION", 12, True, before=8)
    s.text("That Cabinet approves the programme.")
    report, covers = s.report()
    assert covers == [True]
    assert (report.title, report.author, report.email) == (
        "Fleet Replacement Programme",
        "Kim Ward",
        "kim.ward@example.gov.uk",
    )
    assert report.recommendations == ["That Cabinet approves the programme."]


def test_from_to_subject_cover_with_the_author_after_the_body(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("From: Sam Patel, Cabinet Member for Finance")
    s.text("To: Governance and Audit Committee - 9 July 2025")
    s.text("Subject: Treasury Management Annual Review 2024/25")
    s.text("Classification: Unrestricted")
    s.text("Electoral Division: All")
    s.text("Recommendation(s):", bold=True, before=6)
    s.text("The Committee is asked to note the report.")
    s.text("1. Introduction", 12, True, before=8)
    s.text("1.1 Treasury activity was within limits.")
    s.text("Contact details", 12, True, before=8)
    s.text("Report Author: Jo Green, Treasury Manager")
    s.text("Telephone: 03000 416 123")
    s.text("Email: jo.green@example.gov.uk")
    report, covers = s.report()
    assert covers == [True]
    assert report.title == "Treasury Management Annual Review 2024/25"
    assert (report.author, report.email, report.phone) == (
        "Jo Green",
        "jo.green@example.gov.uk",
        "03000 416 123",
    )
    assert report.meeting_date == date(2025, 7, 9)
    assert report.recommendations == ["The Committee is asked to note the report."]


def test_originating_officer_and_a_title_between_cover_labels(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Cabinet", 16, True)
    s.text("12 March 2025", 12, True)
    s.text("Report of: Corporate Director, Resources", before=6)
    s.text("Classification: Unrestricted")
    s.text("Housing Revenue Account Budget 2025/26", 16, True, before=6)
    s.text("Originating Officer(s): Lee Grant, Head of Housing Finance")
    s.text("Wards affected: All wards")
    s.text("Key Decision? Yes")
    s.text("Recommendations:", 12, True, before=8)
    s.text("The Mayor in Cabinet is recommended to:")
    s.text("1. Approve the budget for 2025/26.", before=4)
    s.text("2. Note the rent increase of 2.7%.", before=4)
    s.text("1 REASONS FOR THE DECISIONS", 12, True, before=8)
    report, covers = s.report()
    assert covers == [True]
    assert (report.title, report.author) == ("Housing Revenue Account Budget 2025/26", "Lee Grant")
    assert report.meeting_date == date(2025, 3, 12)
    assert report.recommendations == ["Approve the budget for 2025/26.", "Note the rent increase of 2.7%."]


def test_cover_with_a_plain_contact_label_and_its_subject_as_a_heading(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("COMMUNITIES SCRUTINY PANEL", 13, True)
    s.text("Date: 1 October 2025")
    s.text("Community Safety Partnership Plan", 17, True, before=6)
    s.text("Report of: Director of Communities", before=6)
    s.text("Contact: Pat Quinn, Community Safety Manager, pat.quinn@example.gov.uk")
    s.text("Wards: All")
    s.text("RECOMMENDATIONS", 12, True, before=8)
    s.text("1. That the Panel comments on the draft plan.")
    s.text("2. BACKGROUND", 12, True, before=8)
    s.text("The plan runs for three years.")
    report, covers = s.report()
    assert covers == [True]
    assert (report.title, report.author) == ("Community Safety Partnership Plan", "Pat Quinn")
    assert report.recommendations == ["That the Panel comments on the draft plan."]


def test_a_report_of_line_between_labels_is_a_cover_field_not_the_end_of_the_cover(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Report to: Cabinet", 12, True)
    s.text("Date: 15 October 2025")
    s.text("Report of the Director of Resources", 12, True, before=4)
    s.text("Title: Revenue Budget Monitoring 2025/26: Month 4", before=4)
    s.text("Author: Jane Smith, Head of Finance", before=8)
    s.text("Tel: 01632 960 111   Email: jane.smith@example.gov.uk")
    s.text("1. Purpose of report", 13, True, before=8)
    s.text("This report sets out the forecast outturn.")
    s.text("2. Recommendations", 13, True, before=8)
    s.text("2.1 That Cabinet notes the forecast outturn.")
    report, covers = s.report()
    assert covers == [True]
    assert report.title == "Revenue Budget Monitoring 2025/26: Month 4"
    assert (report.author, report.meeting_date) == ("Jane Smith", date(2025, 10, 15))


def test_a_report_of_line_makes_a_cover_of_a_heading_title_an_author_and_recommendations(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("CABINET - 15 October 2025", 12, True)
    s.text("Revenue Budget Monitoring 2025/26: Month 4", 14, True, before=6)
    s.text("Report of the Director of Resources", 14, True, before=2)
    s.text("Report author: Jane Smith, Head of Finance", before=8)
    s.text("Tel: 01632 960 111   Email: jane.smith@example.gov.uk")
    s.text("Recommendations", 13, True, before=8)
    s.text("1. That Cabinet notes the forecast outturn.")
    report, covers = s.report()
    assert covers == [True]
    assert report.title == "Revenue Budget Monitoring 2025/26: Month 4"
    assert (report.author, report.phone) == ("Jane Smith", "01632 960 111")
    assert report.recommendations == ["That Cabinet notes the forecast outturn."]


def test_a_report_of_line_atop_the_cover_leaves_the_dated_heading_under_it(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Report of the Director of Resources", 12, True)
    s.text("Cabinet - 15 October 2025", 12, True)
    s.text("Revenue Budget Monitoring 2025/26: Month 4", 16, True, before=6)
    s.text("Contact officer: Jane Smith, Head of Finance", before=8)
    s.text("Wards affected: All", before=4)
    s.text("1. Purpose of report", 13, True, before=8)
    s.text("This report sets out the forecast outturn.")
    s.text("2. Recommendations", 13, True, before=8)
    s.text("2.1 That Cabinet notes the forecast outturn.")
    report, covers = s.report()
    assert covers == [True]
    assert report.title == "Revenue Budget Monitoring 2025/26: Month 4"
    assert (report.author, report.meeting_date) == ("Jane Smith", date(2025, 10, 15))


def test_a_sentence_wrapped_onto_report_of_the_director_makes_no_cover(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Budget consultation responses", 14, True)
    s.text("Residents were asked to comment on the proposals set out in the")
    s.text("report of the Director of Resources to the Cabinet in September.")
    s.text("Contact: Democratic Services, 01632 960 455", before=8)
    s.text("Recommendations", 13, True, before=8)
    s.text("Residents recommended that the libraries stay open.")
    _, covers = s.report()
    assert covers == [False]


# ---------------------------------------------------------------- covers of other templates

VALUE_X = 180.0


def _lines(s: Sheet, *texts: str, **style) -> None:
    """Several lines set alike, one after another."""
    for text in texts:
        s.text(text, **style)


def _fields(s: Sheet, *rows: tuple[str, ...], before: float = 8) -> None:
    """Rows of a label and its value in the value column; a row of one value goes on with the field above."""
    for row in rows:
        if len(row) == 1:
            s.line((VALUE_X, row[0]))
        else:
            s.line((LEFT, row[0]), (VALUE_X, row[1]), before=before)


def _addressed(s: Sheet, subject: str, to: str) -> None:
    """A cover of From, To, Subject and Status lines, each label run into its value."""
    _lines(s, "From: Alex Morgan, Leader of the Council", f"To: {to}", f"Subject: {subject}", before=6)
    s.text("Status: Unrestricted", before=6)


def _contact(report) -> tuple[str | None, str | None, str | None]:
    return report.author, report.email, report.phone


def test_from_to_subject_cover_with_lettered_recommendations_under_group_headings(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    _fields(
        s,
        ("From:", "Alex Morgan, Leader of the Council"),
        ("Sam Reid, Cabinet Member for Finance and",),
        ("Resources",),
        ("To:", "Full Council – 4"),
    )
    # A superscript "th", smaller and raised.
    s.canvas.setFont("Helvetica", 6.6)
    s.canvas.drawString(VALUE_X + 82, s.y + 4, "th")
    s.canvas.setFont("Helvetica", 11)
    s.canvas.drawString(VALUE_X + 92, s.y, "June 2024")
    s.line(
        (LEFT, "Subject:"), (VALUE_X, "Medium Term Financial Plan 2024-27 and Capital"), bold=True, before=8
    )
    s.line((VALUE_X, "Programme 2024-34"), bold=True)
    _fields(s, ("Classification:", "Unrestricted"))
    s.text("Summary:", bold=True, before=16)
    s.text("The report sets out the budget proposals after scrutiny by the committees.")
    s.text("Recommendations:", bold=True, before=12)
    _lines(
        s,
        "Full Council, having considered the statement of the chief finance officer, is",
        "asked to agree the following:",
        bold=True,
    )
    s.text("Capital Programme", before=10)
    s.text("(a) The capital programme of £412m over the years from 2024-25 to 2033-34")
    s.text("together with its funding.", x=LEFT + 36)
    s.text("(b) The programmes of each directorate as set out in appendix A.")
    s.text("Revenue Budget", before=10)
    s.text("(c) The net revenue budget of £830.2m for 2024-25.")
    s.text("In addition:", before=10)
    s.text("(d) To delegate minor technical changes to the Director of Finance, in")
    s.text("consultation with the Leader, before the budget book is printed", x=LEFT + 36)
    s.page()
    _lines(
        s,
        "Members are reminded that the law on council tax arrears applies to this meeting",
        "and any member in arrears must declare it.",
    )
    s.text("Contact details", bold=True, before=12)
    s.text("Report Author(s)", before=8)
    _lines(
        s, "• Robin Hale (Head of Financial Strategy)", "• 01632 960 418", "• robin.hale@example.gov.uk", x=81
    )
    _lines(s, "• Kim Lowe (Head of Finance Operations)", "• 01632 960 934", x=81, before=4)
    report, covers = s.report()
    assert covers == [True, False]
    assert report.title == "Medium Term Financial Plan 2024-27 and Capital Programme 2024-34"
    assert report.meeting_date == date(2024, 6, 4)
    assert _contact(report) == ("Robin Hale", "robin.hale@example.gov.uk", "01632 960 418")
    assert report.financial_summary is None
    assert report.recommendations == [
        "The capital programme of £412m over the years from 2024-25 to 2033-34 together with its funding.",
        "The programmes of each directorate as set out in appendix A.",
        "The net revenue budget of £830.2m for 2024-25.",
        "To delegate minor technical changes to the Director of Finance, in consultation with the Leader, "
        "before the budget book is printed",
    ]


def test_by_cover_takes_the_closing_recommendation_section_and_the_unlabelled_contact_at_the_end(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    _fields(s, ("By:", "Jordan Price – Cabinet Member for Resources"))
    s.line((LEFT, "To:"), (VALUE_X, "Full Council"), (340, "Date: 21 March 2024"), before=8)
    _fields(
        s,
        ("Subject:", "Pay Policy Statement 2024/25"),
        ("Summary:", "This paper sets out what the council must publish on pay."),
        ("The council may:",),
    )
    _lines(s, "(a) agree the statement, or", "(b) ask for a revised statement.", x=VALUE_X + 16)
    s.text("1. BACKGROUND", bold=True, before=14)
    s.text("1.1 The council publishes its pay policy each year, as the law requires.")
    s.text("2. RECOMMENDATION", bold=True, before=12)
    s.text("2.1 Full Council endorses the attached Pay Policy Statement.", before=4)
    _lines(s, "Casey Lund", "Reward Adviser", "01632 960 135", bold=True)
    report, covers = s.report()
    assert covers == [True]
    assert (report.title, report.meeting_date) == ("Pay Policy Statement 2024/25", date(2024, 3, 21))
    assert _contact(report) == ("Casey Lund", None, "01632 960 135")
    assert report.recommendations == ["Full Council endorses the attached Pay Policy Statement."]


def test_an_email_printout_is_no_report_cover(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    _fields(
        s,
        ("From:", "Pat Jones"),
        ("Sent:", "12 February 2024 10:14"),
        ("To:", "Planning Team"),
        ("Date:", "12 February 2024"),
        ("Subject:", "Objection to the proposed quarry"),
        before=0,
    )
    s.text("I write to object to the proposal on the grounds of traffic and noise.", before=12)
    assert s.report()[1] == [False]


def test_a_contact_grid_in_two_columns_is_read_one_column_after_the_other(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    _addressed(s, "Annual Report on the Armed Forces Covenant", "Full Council")
    s.text("Recommendation:", bold=True, before=12)
    s.text("Members are asked to note the annual report.")
    s.text("1. Introduction", bold=True, before=12)
    s.text("1.1 The covenant is a promise by the nation to those who serve.")
    s.text("2. Report Authors:", bold=True, before=12)
    grid = [
        ("Relevant Director", "Rev Ola Brandt"),
        ("Lee Marsh", "Covenant Lead and Liaison"),
        ("Director of Strategy and", "Adviser"),
        ("Corporate Assurance", "01632 960 986"),
        ("01632 960 883", "ola.brandt@example.gov.uk"),
        ("lee.marsh@example.gov.uk", ""),
    ]
    for left, right in grid:
        s.line((LEFT + 18, left), (330, right))
    report, _ = s.report()
    assert _contact(report) == ("Lee Marsh", "lee.marsh@example.gov.uk", "01632 960 883")
    assert report.recommendations == ["Members are asked to note the annual report."]


def test_rules_that_box_groups_of_fields_leave_each_label_its_own_row(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.rule(0)
    _fields(
        s,
        ("From:", "Cabinet Member for Finance"),
        ("Director of Finance",),
        ("To:", "Full Council – 14 March 2024"),
        ("Subject:", "Treasury Management Mid-Year Update"),
    )
    s.text("Classification: Unrestricted", before=8)
    s.rule()
    s.rule(10)
    s.text("Summary: This report reviews treasury activity to the end of September.")
    s.text("Recommendation: Full Council is asked to note the report.", before=8)
    s.rule()
    s.text("1. Introduction", bold=True, before=14)
    s.text("1.1 The council borrows and invests substantial sums.")
    report, covers = s.report()
    assert covers == [True]
    assert (report.title, report.meeting_date) == ("Treasury Management Mid-Year Update", date(2024, 3, 14))
    assert report.recommendations == ["Full Council is asked to note the report."]


def test_a_block_of_fields_under_the_title_and_contents_makes_a_cover(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Revenue Budget 2024-25 and Capital Programme 2024-34", 14, True, x=120)
    for n, section in enumerate(["Executive Summary", "Background", "Council Tax", "Reserves"] * 4, 1):
        s.line((300, section), (460, str(n)), before=2)
    value_x = LEFT + 84
    s.line((LEFT, "From"), (value_x, "Leader of the Council; Alex Morgan"), before=12)
    for label, value in [
        ("Report author", "Head of Financial Strategy; Robin Hale"),
        ("Circulated to", "Cabinet"),
        ("Classification", "Unrestricted"),
    ]:
        s.line((LEFT, label), (value_x, value))
    s.text("Executive Summary", 12, True, before=14)
    s.text("1.1 This report sets out the draft budget.")
    report, covers = s.report()
    assert covers == [True]
    assert (report.title, report.author) == (
        "Revenue Budget 2024-25 and Capital Programme 2024-34",
        "Robin Hale",
    )


def test_recommendations_in_bold_run_to_the_next_numbered_section(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    _addressed(s, "Governance Update", "Full Council, 13 March 2024")
    s.text("1. Introduction", bold=True, before=14)
    s.text("a) The working party has met six times this year.", x=LEFT + 4)
    s.text("2. Recommendations", bold=True, before=12)
    s.text("The Council is asked to:", before=6)
    s.text("1. To NOTE with thanks the work of the members of the governance working", bold=True, x=LEFT + 18)
    s.text("party", bold=True, x=LEFT + 36)
    s.text("2. APPROVE the amended constitution at Appendix 2.", bold=True, x=LEFT + 18, before=6)
    s.text("3. Equalities", bold=True, before=12)
    s.text("3.1 There are no equalities implications.")
    s.text("Contact Details:", before=12)
    _lines(s, "Jamie Holt – General Counsel", "jamie.holt@example.gov.uk")
    report, covers = s.report()
    assert covers == [True]
    assert report.recommendations == [
        "To NOTE with thanks the work of the members of the governance working party",
        "APPROVE the amended constitution at Appendix 2.",
    ]
    assert _contact(report) == ("Jamie Holt", "jamie.holt@example.gov.uk", None)


_ROBIN = ["Robin Hale, Scrutiny Officer", "01632 960 418", "robin.hale@example.gov.uk"]


@pytest.mark.parametrize(
    ("lines", "entry"),
    [
        (
            [f"• {line}" for line in [*_ROBIN, "Kim Lowe (Head of Operations)", "01632 960 934"]],
            ("Robin Hale", "robin.hale@example.gov.uk", "01632 960 418"),
        ),
        (
            ["Robin Hale, Scrutiny Officer", "Kim Lowe, Democratic Services Manager", "01632 960 934"],
            ("Robin Hale", None, "01632 960 934"),
        ),
        (
            ["Robin Hale", "Family Hub Transformation", *_ROBIN[1:], "Kim Lowe", "01632 960 934"],
            ("Robin Hale", "robin.hale@example.gov.uk", "01632 960 418"),
        ),
        (
            ["Tel: 01632 960 111", "Email: team@example.gov.uk"],
            (None, "team@example.gov.uk", "01632 960 111"),
        ),
    ],
)
def test_contact_entry_is_the_first_person_with_the_details_printed_before_the_next(lines, entry):
    assert contact_entry(lines) == entry


def test_a_field_of_no_use_still_ends_the_field_above_and_a_sole_sender_is_the_author(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    _lines(s, "By: Jo Green, Scrutiny Research Officer", "To: Cabinet", before=6)
    # The date of an earlier meeting, not of the meeting the report goes to.
    s.text("Considered by: Scrutiny Committee, 4 March 2025")
    _lines(s, "Subject: Library Opening Hours", "Summary: The report reviews opening hours.", before=6)
    s.text("1. Introduction", bold=True, before=12)
    s.text("1.1 Opening hours were last reviewed in 2019.")
    report, covers = s.report()
    assert covers == [True]
    assert (report.title, report.meeting_date) == ("Library Opening Hours", None)
    assert _contact(report) == ("Jo Green", None, None)


def test_contact_sublabels_on_lines_of_their_own_stay_in_the_contact_field(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    _addressed(s, "Fleet Strategy", "Cabinet, 2 April 2025")
    s.text("Contact officer:", bold=True, before=12)
    _lines(s, "Kim Ward, Fleet Manager", "Telephone number:", "01632 960 444", "Email address:")
    s.text("kim.ward@example.gov.uk")
    s.text("1. Background", bold=True, before=12)
    s.text("1.1 The fleet is replaced every seven years.")
    report, _ = s.report()
    assert _contact(report) == ("Kim Ward", "kim.ward@example.gov.uk", "01632 960 444")


def test_a_block_opened_by_whose_report_it_is_makes_a_cover_under_its_heading_title(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    s.text("Report by Executive Director (Education)", 12, True)
    _lines(s, "Committee: Education and Children's Services", "Date: 9 September 2025")
    s.text("Attainment Challenge Progress Report", 16, True, before=8)
    s.text("1 Purpose", 12, True, before=8)
    s.text("1.1 To report progress on closing the attainment gap.")
    s.text("2 Recommendations", 12, True, before=8)
    s.text("2.1 It is recommended that the Committee:")
    _lines(s, "(i) notes the progress made; and", "(ii) agrees the priorities for 2025/26.", x=LEFT + 20)
    s.text("3 Background", 12, True, before=8)
    s.text("3.1 The fund started in 2015.")
    report, covers = s.report()
    assert covers == [True]
    assert (report.title, report.meeting_date) == ("Attainment Challenge Progress Report", date(2025, 9, 9))
    assert report.recommendations == ["notes the progress made; and", "agrees the priorities for 2025/26."]


def test_a_value_under_its_bare_label_keeps_its_colon(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    for label, value in [
        ("Report to:", "Planning Committee"),
        ("Date of meeting:", "3 April 2025"),
        ("Report title:", "Local Plan Review: Consultation Draft"),
    ]:
        s.text(label, bold=True, before=4)
        s.text(value)
    s.text("Executive summary", 12, True, before=8)
    s.text("The local plan must be reviewed every five years.")
    report, _ = s.report()
    assert (report.title, report.meeting_date) == ("Local Plan Review: Consultation Draft", date(2025, 4, 3))


def test_a_financial_implications_label_pages_into_the_body_is_no_financial_summary(tmp_path):
    s = Sheet(tmp_path / "r.pdf")
    _addressed(s, "Allotment Rents", "Cabinet, 2 April 2025")
    s.text("Recommendation: That Cabinet agrees the new rents.", before=8)
    for _ in range(3):
        s.page()
        _lines(s, "The council lets allotments across the borough and reviews the rents each year.")
    s.text("Financial implications: the new rents raise £12,000 a year.", before=8)
    report, _ = s.report()
    assert report.financial_summary is None
    assert report.recommendations == ["That Cabinet agrees the new rents."]
