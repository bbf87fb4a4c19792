"""Minutes extraction: heading details, attendance, numbered minutes, paragraphs, decisions."""

from __future__ import annotations

import importlib.util
import json
import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from extractors.base import Source
from extractors.minutes import extract_minutes, line_spacing, meeting_times
from pipeline.pdf.pdfpages import open_document

SOURCE = Source("0" * 64)


class Writer:
    """Lays out text on A4 pages top-down, the way minutes are typeset."""

    def __init__(
        self,
        path: Path,
        left: float = 72,
        right: float = 523,
        stamp: str | None = "Page {n}",
        family: str = "Helvetica",
    ):
        self.path = path
        self.family = family
        self.canvas = canvas.Canvas(str(path), pagesize=A4)
        self.left, self.right = left, right
        self.stamp = stamp
        self.header: str | None = None
        self.page = 1
        self.y = A4[1] - 60

    def line(
        self,
        text: str,
        size: float = 11,
        bold: bool = False,
        x: float | None = None,
        gap: float = 0,
        center: bool = False,
    ) -> None:
        self._room(size + gap)
        self.y -= gap
        font = self.font(bold)
        self.canvas.setFont(font, size)
        if center:
            self.canvas.drawCentredString((self.left + self.right) / 2, self.y, text)
        else:
            self.canvas.drawString(self.left if x is None else x, self.y, text)
        self.y -= size * 1.32

    def para(
        self,
        text: str,
        size: float = 11,
        bold: bool = False,
        x: float | None = None,
        gap: float = 6,
        indent: float = 0,
        page_break_after: int | None = None,
    ) -> None:
        x = self.left if x is None else x
        font = self.font(bold)
        width = self.right - x
        lines = simpleSplit(text, font, size, width - indent)
        first, rest = lines[0], " ".join(lines[1:])
        self.line(first, size, bold, x + indent, gap)
        for k, wrapped in enumerate(simpleSplit(rest, font, size, width) if rest else [], 1):
            if k == page_break_after:
                self.new_page()
            self.line(wrapped, size, bold, x)

    def runs(self, parts: list[tuple[str, bool]], size: float = 11, gap: float = 0) -> None:
        """One line set in runs of bold and plain type: a run-in heading and its text."""
        self._room(size + gap)
        self.y -= gap
        x = self.left
        for text, bold in parts:
            self.canvas.setFont(self.font(bold), size)
            self.canvas.drawString(x, self.y, text)
            x += stringWidth(text, self.font(bold), size)
        self.y -= size * 1.32

    def columns(
        self, cells: list[tuple[float, str]], size: float = 11, bold: bool = False, gap: float = 0
    ) -> None:
        self._room(size + gap)
        self.y -= gap
        self.canvas.setFont(self.font(bold), size)
        for x, text in cells:
            self.canvas.drawString(x, self.y, text)
        self.y -= size * 1.32

    def font(self, bold: bool) -> str:
        if self.family == "Times":
            return "Times-Bold" if bold else "Times-Roman"
        return f"{self.family}-Bold" if bold else self.family

    def _room(self, needed: float) -> None:
        if self.y - needed < 90:
            self.new_page()

    def _furniture(self) -> None:
        self.canvas.setFont("Helvetica", 9)
        if self.stamp:
            self.canvas.drawCentredString(A4[0] / 2, 40, self.stamp.format(n=self.page))
        if self.header:
            self.canvas.drawString(self.left, A4[1] - 30, self.header)

    def new_page(self) -> None:
        self._furniture()
        self.canvas.showPage()
        self.page += 1
        self.y = A4[1] - 60

    def save(self) -> Path:
        self._furniture()
        self.canvas.save()
        return self.path


def extract(path: Path):
    return extract_minutes(open_document(path).pages, SOURCE)


# ---------------------------------------------------------------- times


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["(10.30 am – 12.15 pm)"], ("10:30", "12:15")),
        (["10:00-11:20am"], ("10:00", "11:20")),
        (["7.00 - 9.30 pm"], ("19:00", "21:30")),
        (["Time: 19:00 – 21:05"], ("19:00", "21:05")),
        (["Rooms W4.06 and W4.07,", "Time: 7.00 pm"], ("19:00", None)),
        (["Meeting commenced at 6.30pm"], ("18:30", None)),
        (["Wednesday 18 October 2023, 18:30"], ("18:30", None)),
        (["Thursday 5.3.2025 at 14:00"], ("14:00", None)),
        (["Meeting started: 7.00 pm; Meeting ended: 8.25 pm"], ("19:00", "20:25")),
        (["Commenced: 19:00", "Concluded: 20:40"], ("19:00", "20:40")),
        (["Tuesday 4 March 2025 at 7.00 pm (ended 8.25 pm)"], ("19:00", "20:25")),
    ],
)
def test_meeting_times_read_ranges_and_single_times(lines, expected):
    assert meeting_times(lines) == expected


@given(
    day=st.dates(min_value=date(1995, 1, 1), max_value=date(2045, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    ordinal=st.booleans(),
    separator=st.sampled_from([", ", " at ", " - ", " "]),
)
def test_a_24_hour_time_beside_the_meeting_date_is_its_start(day, hour, minute, ordinal, separator):
    suffix = "th" if ordinal else ""
    printed = f"{day:%A} {day.day}{suffix} {day:%B} {day.year}{separator}{hour:02d}:{minute:02d}"
    assert meeting_times([printed]) == (f"{hour:02d}:{minute:02d}", None)


def test_line_spacing_reads_through_jitter_and_narrow_outliers():
    rng = random.Random(7)
    inside = [3.0 + rng.uniform(-1.5, 1.5) for _ in range(60)]
    between = [9.5 + rng.uniform(-1.5, 1.5) for _ in range(12)]
    gap, jitter = line_spacing([*inside, *between, 0.2], 11)
    assert abs(gap - 3.0) < 1.0
    threshold = gap + jitter + 0.2 * 11
    assert max(inside) < threshold < min(between)
    assert line_spacing([2.5] * 20 + [8.0] * 5, 11) == (2.5, 0.0)


def test_line_spacing_where_nearly_every_paragraph_takes_one_line():
    assert line_spacing([2.5] + [9.0] * 30, 11) == (2.5, 0.0)


# ---------------------------------------------------------------- layouts


def _centred_layout(path: Path, family: str = "Helvetica") -> Path:
    """A centred heading block, "Present:" label, numbers beside bold titles, spaced paragraphs."""
    w = Writer(path, left=60, right=540, family=family)
    for text in (
        "MINUTES OF A MEETING OF THE",
        "PLANNING COMMITTEE",
        "Council Chamber, Town Hall",
        "Tuesday, 5 March 2019",
        "(7.00 - 9.15 pm)",
    ):
        w.line(text, 16, bold=True, center=True, gap=4)
    w.line("PRESENT:", bold=True, gap=14)
    w.para(
        "Councillors Anne Smith (Chairman), Bob Jones (Vice-Chair), Mayor Carol White, Dan Brown and "
        "Edward Fitzgerald-Hughes.",
        gap=8,
    )
    w.para("Apologies for absence were received from Councillors Eve Black and Frank Green.", gap=8)
    w.line("12. MINUTES", 12, bold=True, gap=14)
    w.para(
        "The minutes of the meeting held on 5 February 2019 were agreed as a correct record and signed "
        "by the Chairman.",
        gap=6,
    )
    w.line("13. LAND AT NORTH STREET (REF. P1234.18)", 12, bold=True, gap=14)
    w.para(
        "The Committee considered a report on the proposed development of 24 flats. Members noted that "
        "the scheme included a contribution of £0.727m. towards affordable housing, i.e. about 30% of "
        "the cost.",
        gap=6,
    )
    w.para("It was noted that Cllr. Jones had visited the site.", gap=8)
    w.para(
        "RESOLVED – That planning permission be granted subject to the conditions set out in the report.",
        gap=8,
    )
    w.line("14. URGENT BUSINESS", 12, bold=True, gap=14)
    w.para("Consideration of the enforcement item was deferred to the next meeting.", gap=6)
    w.line("Chairman ______________________", bold=True, gap=40)
    return w.save()


@pytest.mark.parametrize("family", ["Helvetica", "Times"])
def test_centred_heading_block_layout(tmp_path, family):
    minutes = extract(_centred_layout(tmp_path / "a.pdf", family))
    assert minutes.meeting_date == date(2019, 3, 5)
    assert minutes.venue == "Council Chamber, Town Hall"
    assert (minutes.start_time, minutes.end_time) == ("19:00", "21:15")
    assert minutes.chair == "Anne Smith"
    assert minutes.present == [
        "Anne Smith",
        "Bob Jones",
        "Carol White",
        "Dan Brown",
        "Edward Fitzgerald-Hughes",
    ]
    assert minutes.apologies == ["Eve Black", "Frank Green"]
    assert [(i.number, i.title) for i in minutes.items] == [
        ("12", "MINUTES"),
        ("13", "LAND AT NORTH STREET (REF. P1234.18)"),
        ("14", "URGENT BUSINESS"),
    ]
    land = minutes.items[1]
    assert land.text.split("\n")[0].endswith("i.e. about 30% of the cost.")
    assert len(land.text.split("\n")) == 3
    # "Members noted that ..." reports what was said; the resolution records the decision.
    assert [(d.text, d.kind) for d in land.decisions] == [
        (
            "RESOLVED – That planning permission be granted subject to the conditions set out in the report.",
            "resolved",
        ),
    ]
    assert [d.kind for d in minutes.items[0].decisions] == ["agreed"]
    assert [d.kind for d in minutes.items[2].decisions] == ["deferred"]
    assert "Chairman" not in minutes.items[2].text


def _held_on_layout(path: Path) -> Path:
    """A one-sentence heading, one member per line, "Minute N" numbers on their own line, no spacing."""
    w = Writer(path, stamp="- {n} -")
    w.header = "Licensing Sub-Committee - 12 June 2020"
    w.para(
        "Minutes of the meeting of the Licensing Sub-Committee held on Friday 12 June 2020 at 19:00 in "
        "Committee Room 2, Civic Centre",
        13,
        bold=True,
        gap=0,
    )
    w.line("Members present:", bold=True, gap=12)
    for name in ("Councillor Amy Shaw (in the Chair)", "Councillor Ben Ray", "Councillor Cara Dunn"):
        w.line(name)
    w.line("In attendance: Gina Fox (Licensing Officer)", gap=8)
    w.line("Minute 7", bold=True, gap=14)
    w.line("Election of Vice-Chair", bold=True)
    w.para("Councillor Ben Ray was elected Vice-Chair for the remainder of the municipal year.", gap=4)
    w.line("Minute 8", bold=True, gap=14)
    w.line("Application for a Premises Licence: 4 High Street", bold=True)
    for text in (
        "The Sub-Committee heard from the applicant.",
        "Residents objected to the application on the grounds of noise. The applicant offered to close "
        "the outdoor area at 22:00 each evening and to install a noise limiter in the main bar area.",
        "RESOLVED:",
        "(1) That the licence be granted subject to the conditions offered by the applicant.",
        "(2) That the applicant be reminded of the need to manage the outdoor area.",
    ):
        w.para(text, gap=0)
    w.para("The Chair thanked residents for attending. " * 8, gap=0, page_break_after=2)
    w.line("Minute 9", bold=True, gap=14)
    w.line("Any Other Business", bold=True)
    w.para("There was no other business.", gap=0)
    w.para("The meeting closed at 20:45.", gap=0)
    return w.save()


def test_held_on_heading_with_minute_numbers_on_their_own_line(tmp_path):
    minutes = extract(_held_on_layout(tmp_path / "b.pdf"))
    assert minutes.meeting_date == date(2020, 6, 12)
    assert minutes.venue == "Committee Room 2, Civic Centre"
    assert (minutes.start_time, minutes.end_time) == ("19:00", "20:45")
    assert minutes.chair == "Amy Shaw"
    assert minutes.present == ["Amy Shaw", "Ben Ray", "Cara Dunn"]
    assert minutes.apologies == []
    assert [(i.number, i.title) for i in minutes.items] == [
        ("7", "Election of Vice-Chair"),
        ("8", "Application for a Premises Licence: 4 High Street"),
        ("9", "Any Other Business"),
    ]
    assert [d.kind for d in minutes.items[0].decisions] == ["elected"]
    licence = minutes.items[1]
    paragraphs = licence.text.split("\n")
    assert paragraphs[1].startswith("Residents objected") and paragraphs[1].endswith("main bar area.")
    assert paragraphs[2] == "RESOLVED:"
    assert paragraphs[-1] == ("The Chair thanked residents for attending. " * 8).strip()
    assert [(d.text, d.kind) for d in licence.decisions] == [
        (
            "RESOLVED:\n(1) That the licence be granted subject to the conditions offered by the applicant.\n"
            "(2) That the applicant be reminded of the need to manage the outdoor area.",
            "resolved",
        ),
    ]
    assert minutes.items[2].text == "There was no other business."
    assert "Licensing Sub-Committee - 12 June" not in " ".join(i.text for i in minutes.items)
    assert minutes.items[2].prov.pdf_page == 2


def _labelled_layout(path: Path) -> Path:
    """Labelled details, a "Chair:" line, roman numbers in a left column, bullets, hanging indents."""
    w = Writer(path, stamp=None)
    w.line("Scrutiny Board (Health)", 18, bold=True)
    w.line("Minutes", 14, bold=True)
    w.line("Date: 3 May 2021", gap=10)
    w.line("Time: 6.30 pm")
    w.line("Venue: Room 101, Civic Offices")
    w.line("Chair: Cllr Dee Patel", gap=10)
    w.line("Present: Councillors Dee Patel, Sam Okafor, Lia Chen and Tom Webb", gap=4)
    w.line("Apologies: Councillor Nina Hart", gap=4)
    title_x = 110
    w.columns([(72, "I."), (title_x, "DECLARATIONS OF INTEREST")], 11, bold=True, gap=14)
    w.para("None were declared.", x=title_x, gap=4)
    w.columns([(72, "II."), (title_x, "WAITING TIMES")], 11, bold=True, gap=14)
    w.para("The Board received an update on waiting times. The main points were:", x=title_x, gap=4)
    w.canvas.setFont("Helvetica", 11)
    for bullet in (
        "referrals had risen by 12% since the last quarter, mostly from primary care services in "
        "the north of the borough;",
        "staffing had improved.",
    ):
        lines = simpleSplit(bullet, "Helvetica", 11, w.right - title_x - 14)
        w.line("•", x=title_x, gap=2)
        w.y += 11 * 1.32
        w.line(lines[0], x=title_x + 14)
        for rest in lines[1:]:
            w.line(rest, x=title_x + 14)
    w.para("The Board agreed to receive a further report in six months.", x=title_x, gap=4)
    return w.save()


def test_labelled_details_with_roman_numbers_in_a_column(tmp_path):
    minutes = extract(_labelled_layout(tmp_path / "c.pdf"))
    assert minutes.meeting_date == date(2021, 5, 3)
    assert minutes.venue == "Room 101, Civic Offices"
    assert (minutes.start_time, minutes.end_time) == ("18:30", None)
    assert minutes.chair == "Dee Patel"
    assert minutes.present == ["Dee Patel", "Sam Okafor", "Lia Chen", "Tom Webb"]
    assert minutes.apologies == ["Nina Hart"]
    assert [(i.number, i.title) for i in minutes.items] == [
        ("I", "DECLARATIONS OF INTEREST"),
        ("II", "WAITING TIMES"),
    ]
    waiting = minutes.items[1]
    assert waiting.text.split("\n") == [
        "The Board received an update on waiting times. The main points were:",
        "referrals had risen by 12% since the last quarter, mostly from primary care services in the north "
        "of the borough;",
        "staffing had improved.",
        "The Board agreed to receive a further report in six months.",
    ]
    assert [(d.text, d.kind) for d in waiting.decisions] == [
        ("The Board agreed to receive a further report in six months.", "agreed")
    ]


def test_unlabelled_member_list_and_chair_heading(tmp_path):
    w = Writer(tmp_path / "d.pdf")
    w.line("CABINET", 16, bold=True, center=True)
    w.line("Minutes of the meeting held on 9 January 2022", bold=True, center=True, gap=4)
    w.para("Councillors Omar Said (Chair), Rita Moss and Paul Quinn.", gap=12)
    w.para(
        "Apologies for absence were received from Councillor Zoe Hale, who was substituted by "
        "Councillor Ian Kerr.",
        gap=8,
    )
    w.line("4a Budget 2022/23", bold=True, gap=14)
    w.para("Cabinet approved the budget for consultation.", gap=6)
    minutes = extract(w.save())
    assert minutes.meeting_date == date(2022, 1, 9)
    assert minutes.venue is None
    assert minutes.chair == "Omar Said"
    assert minutes.present == ["Omar Said", "Rita Moss", "Paul Quinn"]
    assert minutes.apologies == ["Zoe Hale"]
    assert [(i.number, i.title) for i in minutes.items] == [("4a", "Budget 2022/23")]
    assert [d.kind for d in minutes.items[0].decisions] == ["approved"]


def test_decision_provenance_is_the_page_of_its_sentence(tmp_path):
    minutes = extract(_held_on_layout(tmp_path / "b.pdf"))
    licence = minutes.items[1]
    assert licence.prov.pdf_page == 1
    assert all(d.prov.pdf_page == 1 and d.prov.bbox is not None for d in licence.decisions)
    assert minutes.prov.extractor == "minutes"


def test_pages_without_minutes_give_none(tmp_path):
    w = Writer(tmp_path / "e.pdf")
    w.line("This page is intentionally left blank", gap=200)
    assert extract(w.save()) is None


# ---------------------------------------------------------------- corpus


def _scorer(corpus_dir: Path):
    spec = importlib.util.spec_from_file_location("score", corpus_dir.parents[1] / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_minutes_score(corpus_dir: Path):
    score = _scorer(corpus_dir)
    tallies = {name: score.Tally() for name in ("minutes", "minute_items", "decisions")}
    for truth_path in sorted(corpus_dir.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text())
        pdf = truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf"))
        pages = open_document(pdf).pages
        found = []
        for section in truth["sections"]:
            if section["kind"] != "minutes":
                continue
            minutes = extract_minutes(pages[section["pdf_page_start"] - 1 : section["pdf_page_end"]], SOURCE)
            record = minutes.model_dump(mode="json", exclude={"prov": True, "items": {"__all__": {"prov"}}})
            for item, model in zip(record["items"], minutes.items, strict=True):
                item["decisions"] = [d.text for d in model.decisions]
            found.append(record)
        score.score_minutes(truth, {"minutes": found}, tallies)
    assert tallies["minutes"].f1 >= 0.95, tallies["minutes"].misses
    assert tallies["minute_items"].f1 >= 0.95, tallies["minute_items"].misses
    assert tallies["decisions"].f1 >= 0.9, tallies["decisions"].misses


def test_party_groups_in_columns_and_numbers_beside_titles(tmp_path):
    w = Writer(tmp_path / "f.pdf")
    w.line("Agenda Item 3", 12, bold=True, x=430)
    for text in (
        "MINUTES OF A MEETING OF THE",
        "AUDIT COMMITTEE",
        "Town Hall, Romford",
        "14 September 2021 (7.00 - 8.50 pm)",
    ):
        w.line(text, 14, bold=True, center=True, gap=3)
    w.line("Present:", bold=True, gap=14)
    w.line("COUNCILLORS", gap=6)
    w.columns([(72, "Conservative Group"), (230, "Ann Lee (Chairman), Bob Kay and Cat Moe")], gap=6)
    w.columns([(72, "Labour Group"), (230, "Dan Roe")], gap=4)
    w.para("Apologies were received for the absence of Councillors Eve Poe and Fay Lu.", gap=10)
    w.columns([(72, "21"), (110, "MINUTES OF THE LAST MEETING")], 11, bold=True, gap=14)
    w.para("The minutes of the meeting held on 6 July 2021 were confirmed as a correct record.", x=110, gap=6)
    w.columns([(72, "22"), (110, "INTERNAL AUDIT PROGRESS REPORT")], 11, bold=True, gap=14)
    w.para(
        "The Head of Internal Audit presented the report. It was noted that two audits had been delayed.",
        x=110,
        gap=6,
    )
    w.para("Councillor Kay moved an amendment, which was seconded. The amendment was carried.", x=110, gap=6)
    w.para("The Committee NOTED the report.", x=110, gap=6)
    minutes = extract(w.save())
    assert minutes.meeting_date == date(2021, 9, 14)
    assert minutes.venue == "Town Hall, Romford"
    assert (minutes.start_time, minutes.end_time) == ("19:00", "20:50")
    assert minutes.chair == "Ann Lee"
    assert minutes.present == ["Ann Lee", "Bob Kay", "Cat Moe", "Dan Roe"]
    assert minutes.apologies == ["Eve Poe", "Fay Lu"]
    assert [(i.number, i.title) for i in minutes.items] == [
        ("21", "MINUTES OF THE LAST MEETING"),
        ("22", "INTERNAL AUDIT PROGRESS REPORT"),
    ]
    assert [d.kind for d in minutes.items[0].decisions] == ["approved"]
    assert [(d.text, d.kind) for d in minutes.items[1].decisions] == [
        ("The amendment was carried.", "other"),
        ("The Committee NOTED the report.", "noted"),
    ]


def test_corner_item_stamp_chair_label_and_resolutions_after_a_lead_in(tmp_path):
    w = Writer(tmp_path / "g.pdf")
    w.line("Item 4", bold=True, x=470)
    w.line("MINUTES OF THE HOUSING PANEL", 14, bold=True, gap=6)
    w.line("Held on Wednesday 2 March 2022 at 6.00 pm in Meeting Room 3, Civic Centre", gap=4)
    w.line("Chair:", bold=True, gap=12)
    w.line("Councillor Mo Ali")
    w.line("Present: Councillors Mo Ali, Sue Day and Kit Fox", gap=8)
    w.line("1. HOUSING ALLOCATIONS POLICY", bold=True, gap=14)
    w.para("The Panel considered the draft policy.", gap=4)
    w.para("The Panel RESOLVED:", gap=4)
    w.para("1. That the draft policy be recommended to Cabinet for approval.", gap=2)
    w.para("2. That the Director be asked to consult tenants on the changes.", gap=2)
    minutes = extract(w.save())
    assert minutes.meeting_date == date(2022, 3, 2)
    assert minutes.venue == "Meeting Room 3, Civic Centre"
    assert minutes.start_time == "18:00"
    assert minutes.chair == "Mo Ali"
    assert minutes.present == ["Mo Ali", "Sue Day", "Kit Fox"]
    (item,) = minutes.items
    assert (item.number, item.title) == ("1", "HOUSING ALLOCATIONS POLICY")
    assert [(d.text, d.kind) for d in item.decisions] == [
        (
            "The Panel RESOLVED:\n1. That the draft policy be recommended to Cabinet for approval.\n"
            "2. That the Director be asked to consult tenants on the changes.",
            "resolved",
        ),
    ]


def test_numbered_paragraphs_and_lettered_subheadings_stay_in_their_minute(tmp_path):
    w = Writer(tmp_path / "h.pdf")
    w.line("Policy & Resources Committee", 16, bold=True)
    w.line("4.00pm 1 July 2021", 12, bold=True, gap=4)
    w.line("Hove Town Hall - Council Chamber", 12, bold=True)
    w.line("MINUTES", 14, bold=True, gap=6)
    w.para(
        "Present: Councillor Mac Cafferty (Chair) Appich (Joint Opposition Spokesperson) and Bell (Group "
        "Spokesperson).",
        gap=10,
    )
    w.line("Also present: Councillor Dee Ward", gap=4)
    w.line("1 Procedural Business", 12, bold=True, gap=14)
    w.line("(a) Declarations of Substitutes", bold=True, gap=4)
    w.para("1.1 There were no declarations of Substitutes.", gap=0)
    w.line("(b) Exclusion of Press and Public", bold=True, gap=4)
    w.para(
        "1.2 The Committee considered whether the press and public should be excluded from the meeting.",
        gap=0,
    )
    w.para(
        "1.3 RESOLVED: That the press and public be excluded from the meeting during consideration of the "
        "items contained in part two of the agenda.",
        gap=0,
    )
    w.line("2 Minutes", 12, bold=True, gap=14)
    w.para(
        "2.1 The minutes of the last meeting held on 13 May 2021 were approved as a correct record.", gap=0
    )
    minutes = extract(w.save())
    assert minutes.meeting_date == date(2021, 7, 1)
    assert minutes.venue == "Hove Town Hall - Council Chamber"
    assert minutes.start_time == "16:00"
    assert minutes.chair == "Mac Cafferty"
    assert minutes.present == ["Mac Cafferty", "Appich", "Bell"]
    assert [(i.number, i.title) for i in minutes.items] == [("1", "Procedural Business"), ("2", "Minutes")]
    business = minutes.items[0]
    assert business.text.split("\n") == [
        "(a) Declarations of Substitutes",
        "1.1 There were no declarations of Substitutes.",
        "(b) Exclusion of Press and Public",
        "1.2 The Committee considered whether the press and public should be excluded from the meeting.",
        "1.3 RESOLVED: That the press and public be excluded from the meeting during consideration of the "
        "items contained in part two of the agenda.",
    ]
    assert [d.kind for d in business.decisions] == ["resolved"]
    assert [d.kind for d in minutes.items[1].decisions] == ["approved"]


def test_vice_chair_in_the_chair_is_the_chair_and_times_are_not_items(tmp_path):
    w = Writer(tmp_path / "i.pdf")
    w.line("MINUTES OF THE SCHOOLS FORUM", 14, bold=True)
    w.line("10.00 am Thursday 6 October 2022", bold=True, gap=4)
    w.para("Present: Councillors Liz Ng (Vice-Chair, in the Chair), Raj Pal and Al Cox", gap=10)
    w.line("5. DEDICATED SCHOOLS GRANT", bold=True, gap=14)
    w.para("The Forum agreed the proposed allocation.", gap=4)
    minutes = extract(w.save())
    assert minutes.start_time == "10:00"
    assert minutes.chair == "Liz Ng"
    assert [i.number for i in minutes.items] == ["5"]


def test_date_broken_by_a_wrapped_heading_and_a_name_wrapped_after_the_present_label(tmp_path):
    first = "Present: Councillor Colin Iqbal (Chair); Councillors Ewan Penrose, Nadia Underwood, Agnes"
    w = Writer(tmp_path / "w.pdf", right=72 + stringWidth(first, "Helvetica", 11) + 4)
    w.line("Minutes of the meeting of the Scrutiny Panel held on Tuesday 22", 14, bold=True)
    w.line("June 2021 at 7.30 pm in Committee Room 2, Town Hall", 14, bold=True)
    w.line(first, gap=8)
    w.line("Quinlan and Amelia Penrose")
    w.line("4 CUSTOMER SERVICES REVIEW", bold=True, gap=14)
    w.para("Members asked how the waiting times compared with those of other councils. " * 4, gap=4)
    w.para("The Panel noted the report.", gap=4)
    minutes = extract(w.save())
    assert minutes.meeting_date == date(2021, 6, 22)
    assert minutes.present == [
        "Colin Iqbal",
        "Ewan Penrose",
        "Nadia Underwood",
        "Agnes Quinlan",
        "Amelia Penrose",
    ]


def test_running_head_atop_the_second_page_only_is_not_minutes_text(tmp_path):
    w = Writer(tmp_path / "r.pdf")
    w.line("MINUTES OF THE AUDIT COMMITTEE", 14, bold=True)
    w.line("Tuesday 8 December 2020 (2.00 pm - 3.50 pm)", gap=4)
    w.line("1 EXTERNAL AUDIT PLAN", bold=True, gap=14)
    w.para("The Committee noted the plan.", gap=4)
    w.new_page()
    w.header = "Audit Committee - 8 December 2020"
    w.line("2 URGENT BUSINESS", bold=True, gap=14)
    w.para("There was no urgent business.", gap=4)
    minutes = extract(w.save())
    assert [i.text for i in minutes.items] == [
        "The Committee noted the plan.",
        "There was no urgent business.",
    ]


def test_lines_off_their_places_as_in_a_scan_keep_paragraphs_and_lists_whole(tmp_path):
    rng = random.Random(3)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 60

    def line(text: str, size: float = 11, bold: bool = False, x: float = 72, before: float = 0) -> None:
        nonlocal y
        y -= before + 1.25 * size
        c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        c.drawString(x, y + rng.uniform(-1.2, 1.2), text)

    line("PLANNING COMMITTEE", 14, True)
    line("Tuesday 4 March 2025, 19:00", before=4)
    line("Council Chamber, Civic Offices")
    line("PRESENT:", bold=True, before=7)
    people = ["Ann Lee (Chair)", "Bob Kay (Vice-Chair)", "Cy Moor", "Di Nash", "Ed Orr", "Fay Pike"]
    for name in people:
        line(f"Cllr {name}")
    line("Item 1   SITE ALLOCATIONS", bold=True, before=10)
    paragraphs = [
        [
            "Officers introduced the report on the sites proposed for allocation in the draft plan and",
            "explained how the responses to the consultation had been taken into account.",
        ],
        [
            "Members asked about the capacity of local schools and the timetable for new roads, and",
            "officers undertook to circulate a note on both before the plan was published.",
        ],
        ["RESOLVED – that the draft site allocations be approved for consultation."],
    ]
    for k, paragraph in enumerate(paragraphs):
        for j, text in enumerate(paragraph):
            line(text, before=7 if k and not j else 0)
    c.showPage()
    c.save()
    minutes = extract(path)
    assert minutes.start_time == "19:00"
    assert minutes.present == ["Ann Lee", "Bob Kay", "Cy Moor", "Di Nash", "Ed Orr", "Fay Pike"]
    item = minutes.items[0]
    assert item.text.split("\n") == [" ".join(p) for p in paragraphs]
    assert [d.text for d in item.decisions] == [paragraphs[2][0]]


@pytest.mark.parametrize("numbers", [("25/42", "25/43"), ("PL/42", "PL/43"), ("CAB12", "CAB13")])
def test_minutes_numbered_within_the_year_or_with_the_body_code(tmp_path, numbers):
    w = Writer(tmp_path / "n.pdf")
    w.line("PLANNING COMMITTEE", 14, bold=True)
    w.line("Wednesday 14th May 2025, 7.30 pm", gap=4)
    w.line("Council Chamber, The Guildhall")
    w.para("PRESENT: Councillors Ann Lee (Chair), Bob Kay and Cy Moor", gap=8)
    w.line(f"{numbers[0]}   APOLOGIES FOR ABSENCE", bold=True, gap=10)
    w.para("Apologies for absence were received from Councillor Di Nash.", gap=4)
    w.line(f"{numbers[1]}   THE 2024/25 BUDGET", bold=True, gap=10)
    w.para("AGREED: that the budget be noted.", gap=4)
    w.para("The meeting closed at 9.10 pm.", gap=8)
    minutes = extract(w.save())
    assert [(i.number, i.title) for i in minutes.items] == [
        (numbers[0], "APOLOGIES FOR ABSENCE"),
        (numbers[1], "THE 2024/25 BUDGET"),
    ]
    assert minutes.apologies == ["Di Nash"]
    assert (minutes.start_time, minutes.end_time) == ("19:30", "21:10")
    assert [d.text for d in minutes.items[1].decisions] == ["AGREED: that the budget be noted."]


@pytest.mark.parametrize(
    ("closing", "end"),
    [
        ("The meeting closed at 8.15 pm.", "20:15"),
        ("The meeting ended at 20:15", "20:15"),
        ("The meeting commenced at 7.00 pm and concluded at 8.45 pm.", "20:45"),
        ("The meeting closed at 21:05 hours.", "21:05"),
    ],
)
def test_closing_line_gives_the_end_time_and_is_no_minute_text(tmp_path, closing, end):
    w = Writer(tmp_path / "c.pdf")
    w.line("LICENSING COMMITTEE", 14, bold=True)
    w.line("Tuesday 4 March 2025, 7.00 pm", gap=4)
    w.para("PRESENT: Councillors Ann Lee (Chair) and Bob Kay", gap=8)
    w.line("1.   LICENSING POLICY", bold=True, gap=10)
    w.para("The Committee NOTED the report.", gap=4)
    w.para(closing, gap=8)
    minutes = extract(w.save())
    assert minutes.end_time == end
    assert minutes.items[0].text == "The Committee NOTED the report."


def test_attendance_labels_other_than_present_and_a_virtual_venue(tmp_path):
    w = Writer(tmp_path / "a.pdf")
    w.line("Minutes of the Scrutiny Commission", 14, bold=True)
    w.line("Date: 4 March 2025   Time: 6.00 pm - 7.40 pm", gap=4)
    w.line("Location: Microsoft Teams (virtual meeting)")
    w.line("Members in attendance: Cllr Ann Lee (Chair), Cllr Bob Kay, Cllr Cy Moor", gap=6)
    w.line("Apologies for absence: Cllr Di Nash", gap=4)
    w.line("In attendance: Head of Policy", gap=4)
    w.line("1   Performance report", bold=True, gap=10)
    w.para("Decision: That the report be noted.", gap=4)
    minutes = extract(w.save())
    assert minutes.venue == "Microsoft Teams (virtual meeting)"
    assert (minutes.start_time, minutes.end_time) == ("18:00", "19:40")
    assert minutes.chair == "Ann Lee"
    assert minutes.present == ["Ann Lee", "Bob Kay", "Cy Moor"]
    assert minutes.apologies == ["Di Nash"]


def test_attendees_label_with_names_on_the_line_below_is_no_venue(tmp_path):
    w = Writer(tmp_path / "b.pdf")
    w.line("HOUSING PANEL", 14, bold=True)
    w.line("MINUTES", 14, bold=True)
    w.line("Monday 3 February 2025 (7.00 pm - 8.30 pm)", gap=4)
    w.line("Attendees:", bold=True, gap=6)
    w.line("Councillor Ann Lee (Chairman); Councillor Bob Kay (Vice-Chairman); Councillor Cy Moor")
    w.line("Apologies:", bold=True, gap=6)
    w.line("Councillor Di Nash and Councillor Ed Orr")
    w.line("Item 1   Repairs Performance", bold=True, gap=10)
    w.para("The Panel AGREED to receive a further update in June.", gap=4)
    minutes = extract(w.save())
    assert minutes.venue is None
    assert minutes.present == ["Ann Lee", "Bob Kay", "Cy Moor"]
    assert minutes.apologies == ["Di Nash", "Ed Orr"]
    assert [(i.number, i.title) for i in minutes.items] == [("1", "Repairs Performance")]


def test_minute_titles_typed_in_body_type_are_headings_where_numbers_run_on(tmp_path):
    w = Writer(tmp_path / "p.pdf")
    w.line("Minutes of the Finance Committee", 14, bold=True)
    w.line("Held on Tuesday 4 March 2025 at 7.00 pm in the Council Offices", gap=4)
    w.para("Present: Councillors Ann Lee (Chair), Bob Kay and Cy Moor", gap=8)
    w.line("12. Apologies for absence", gap=10)
    w.para("Apologies were received from Councillor Di Nash.", gap=4)
    w.line("13. Budget monitoring", gap=10)
    w.para(
        "The Treasurer presented the budget monitoring report for the period to the end of January and "
        "answered questions from Members about the variances.",
        gap=4,
    )
    w.para("1. It was noted that the reserve stood at £1.2m.", gap=4)
    w.para("RESOLVED: That the report be noted.", gap=4)
    w.line("14. Any other business", gap=10)
    w.para("There was none.", gap=4)
    minutes = extract(w.save())
    assert [(i.number, i.title) for i in minutes.items] == [
        ("12", "Apologies for absence"),
        ("13", "Budget monitoring"),
        ("14", "Any other business"),
    ]
    assert minutes.venue == "Council Offices"
    assert minutes.apologies == ["Di Nash"]
    assert [d.text for d in minutes.items[1].decisions] == ["RESOLVED: That the report be noted."]


def test_numbered_paragraphs_in_body_type_are_no_headings(tmp_path):
    w = Writer(tmp_path / "q.pdf")
    w.line("PLANNING COMMITTEE", 14, bold=True)
    w.line("Minutes of the meeting held on 4 March 2025", gap=4)
    w.para("Present: Councillors Ann Lee (Chair) and Bob Kay", gap=8)
    w.line("5   SITE ALLOCATIONS", bold=True, gap=10)
    w.para("1. Officers introduced the report.", gap=4)
    w.para("3. Members asked about schools.", gap=4)
    minutes = extract(w.save())
    assert [(i.number, i.title) for i in minutes.items] == [("5", "SITE ALLOCATIONS")]


def test_a_quarter_or_road_name_opening_a_bold_line_is_no_minute_number(tmp_path):
    w = Writer(tmp_path / "q.pdf")
    w.line("TRANSPORT COMMITTEE", 14, bold=True)
    w.line("Minutes of the meeting held on 4 March 2025", gap=4)
    w.para("Present: Councillors Ann Lee (Chair) and Bob Kay", gap=8)
    w.line("5   PERFORMANCE", bold=True, gap=10)
    w.line("Q2 RESULTS", bold=True, gap=6)
    w.para("Members noted the results.", gap=4)
    w.line("A14 WIDENING", bold=True, gap=6)
    w.para("Works would start in May.", gap=4)
    w.line("6   ANY OTHER BUSINESS", bold=True, gap=10)
    w.para("There was none.", gap=4)
    minutes = extract(w.save())
    assert [i.number for i in minutes.items] == ["5", "6"]


def test_running_minute_numbers_with_titles_run_into_their_text(tmp_path):
    w = Writer(tmp_path / "r.pdf")
    w.line("PARKSIDE COMMUNITY COUNCIL", 12, bold=True, center=True)
    w.para(
        "Minutes of a meeting of the above Council held on Monday 24 th June 2019 at 7.00pm in the "
        "Parkside Village Hall.",
        12,
        bold=True,
        gap=14,
    )
    w.para("Present: Cllrs Moss (in the chair), Hale, Ivey, Jude, County Cllr Kemp & the Clerk.", gap=10)
    w.runs([("2709. Police Report: ", True), ("Attached. Farm break-ins still occurring.", False)], gap=12)
    w.runs([("2710. Public Forum: ", True), ("No one present.", False)], gap=12)
    # A title set as its text is: found by its number, next in the sequence down the same margin.
    w.line("2711. Apologies for absence: Cllr Ash, Hobbs, Shaw.", gap=12)
    w.runs([("2712. Accounts for payment:-", True)], gap=12)
    for entry in ("Merlin Waste - £30 (Ch. No. 300115),", "Plants for planters - £56.48 (Ch. No. 300116),"):
        w.line(entry)
    w.line("– all approved.")
    w.runs([("2713. Reports from outside bodies: Lower Wye Valley Trust –", True)], gap=12)
    w.para("Valuation of Slipway. All Councillors present were in agreement.", gap=0)
    w.runs([("2714. Date of next meeting: ", True), ("July 29th.", False)], gap=12)
    w.para("There being no further business the meeting closed at 8.16.", gap=12)
    w.line("Signed ………………………………… (Chairman)", gap=12)
    w.line("Dated …………………………………", gap=12)
    minutes = extract(w.save())
    assert minutes.meeting_date == date(2019, 6, 24)
    assert (minutes.start_time, minutes.end_time) == ("19:00", "20:16")
    assert minutes.chair == "Moss"
    assert minutes.present == ["Moss", "Hale", "Ivey", "Jude"]
    assert minutes.apologies == ["Ash", "Hobbs", "Shaw"]
    assert [(i.number, i.title) for i in minutes.items] == [
        ("2709", "Police Report"),
        ("2710", "Public Forum"),
        ("2711", "Apologies for absence"),
        ("2712", "Accounts for payment"),
        ("2713", "Reports from outside bodies"),
        ("2714", "Date of next meeting"),
    ]
    assert minutes.items[0].text == "Attached. Farm break-ins still occurring."
    assert minutes.items[4].text.startswith("Lower Wye Valley Trust – Valuation of Slipway.")
    assert [d.text for d in minutes.items[4].decisions] == ["All Councillors present were in agreement."]
    assert minutes.items[-1].text == "July 29th."


def test_unnumbered_titles_over_item_reference_lines(tmp_path):
    w = Writer(tmp_path / "u.pdf")
    w.line("HOUSING PANEL – 29 October 2024", 12, bold=True, center=True)
    w.line("MINUTES of the meeting held in the Darent Room, Civic Centre.", bold=True, center=True, gap=4)
    w.para("PRESENT: Ann Lee (Chair), Bob Kay (Vice-Chair), Cy Moor and Di Nash", gap=12)
    w.para("IN ATTENDANCE: Eve Poe (Democratic Services Officer)", gap=6)
    titles = [
        "Apologies and Substitutes",
        "Minutes of the meeting held on 30 July 2024",
        # Wraps onto a second bold line above its reference.
        "Adoption Partnership South East, Regional Adoption Agency Annual Report for the year 2023/2024",
    ]
    texts = [
        [
            "Apologies were received from Mr R Love OBE and Ms K Leonard.",
            "Ms L Game was in attendance virtually.",
        ],
        ["RESOLVED that the minutes of the meeting held on 30 July 2024 were a correct record."],
        [
            "1. The Head of Service introduced the report.",
            "2. It was agreed that children should be placed as close to home as possible.",
            "3. RESOLVED that the Panel note the report.",
        ],
    ]
    for n, (title, paragraphs) in enumerate(zip(titles, texts, strict=True), 1):
        w.para(title, bold=True, gap=20)
        w.line(f"(Item {n})", gap=6)
        for paragraph in paragraphs:
            w.para(paragraph, gap=6)
    minutes = extract(w.save())
    assert minutes.meeting_date == date(2024, 10, 29)
    assert (minutes.chair, minutes.present) == ("Ann Lee", ["Ann Lee", "Bob Kay", "Cy Moor", "Di Nash"])
    assert minutes.apologies == ["R Love", "K Leonard"]
    assert [(i.number, i.title) for i in minutes.items] == [
        ("1", titles[0]),
        ("2", titles[1]),
        ("3", titles[2]),
    ]
    assert not any("(Item" in i.text for i in minutes.items)
    assert [d.text for d in minutes.items[2].decisions] == ["RESOLVED that the Panel note the report."]


def test_hanging_minute_numbers_an_opening_unnumbered_minute_and_a_sub_heading(tmp_path):
    w = Writer(tmp_path / "k.pdf", left=90)
    w.line("NORTHSHIRE COUNTY COUNCIL", 12, bold=True, center=True)
    w.line("COUNTY COUNCIL", 12, bold=True, center=True, gap=20)
    w.para(
        "MINUTES of a meeting of the County Council held in the Council Chamber, County Hall, Northtown on "
        "Thursday, 9 January 2025.",
        gap=14,
    )
    w.para(
        "PRESENT: Mr N Baker, Sir Paul Carter, CBE, Mr G Cooke, Mrs T Dean, MBE, Mr R C Love, OBE and "
        "Ms L Wright",
        gap=10,
    )
    w.para("IN ATTENDANCE: Mr J Cook (Democratic Services Manager)", gap=10)
    w.line("UNRESTRICTED ITEMS", bold=True, center=True, gap=14)
    w.line("Election of Chair", bold=True, gap=20)
    w.para(
        "1. Mr Baker proposed, and Mrs Dean seconded that Mr G Cooke be elected to Chair the meeting.", gap=10
    )
    w.line("Agreed unanimously.", x=400, gap=2)
    w.para("2. RESOLVED that Mr Cooke be elected to Chair the meeting.", gap=10)
    w.columns([(54, "283."), (90, "Apologies for Absence")], bold=True, gap=20)
    w.line("(Item 1)", gap=2)
    w.para("The Democratic Services Manager reported apologies from Mr Beaney and Mrs Game.", gap=10)
    w.para("Ms Grehan had given her formal apologies but was attending the meeting virtually.", gap=10)
    w.columns([(54, "284."), (90, "Budget 2025-26")], bold=True, gap=20)
    w.line("(Item 2)", gap=2)
    w.para("1) The Leader introduced the budget.", gap=10)
    w.line("Children, Young People and Education Directorate", bold=True, gap=10)
    w.para("2) Mr Baker spoke about schools.", gap=10)
    w.para("3) RESOLVED that the County Council:", gap=10)
    w.para("(1) Approves the budget;", x=118, gap=4)
    w.para("(2) Notes the reserves.", x=118, gap=4)
    minutes = extract(w.save())
    assert minutes.meeting_date == date(2025, 1, 9)
    assert minutes.chair == "G Cooke"
    assert minutes.present == ["G Cooke", "N Baker", "Paul Carter", "T Dean", "R C Love", "L Wright"]
    assert minutes.apologies == ["Beaney", "Game", "Grehan"]
    assert [(i.number, i.title) for i in minutes.items] == [
        ("", "Election of Chair"),
        ("283", "Apologies for Absence"),
        ("284", "Budget 2025-26"),
    ]
    assert [d.text for d in minutes.items[0].decisions] == [
        "RESOLVED that Mr Cooke be elected to Chair the meeting."
    ]
    budget = minutes.items[2]
    assert budget.text.split("\n")[1] == "Children, Young People and Education Directorate"
    assert [d.text for d in budget.decisions] == [
        "RESOLVED that the County Council:\n(1) Approves the budget;\n(2) Notes the reserves."
    ]


def test_minutes_that_number_no_title_set_them_bold_after_the_attendance_list(tmp_path):
    w = Writer(tmp_path / "p.pdf")
    w.line("ASHBY PARISH COUNCIL", 14, bold=True, center=True)
    w.para("Minutes of the meeting held on Tuesday 4 March 2025 at 7.00 pm in the Village Hall", gap=8)
    w.para("Present: Cllrs Ann Lee (Chair), Bob Kay and Cy Moor", gap=10)
    w.line("Apologies", bold=True, gap=14)
    w.para("Apologies were received from Cllr Di Nash.", gap=4)
    sections = {
        "Planning": "The council considered the application for a rear extension at 4 Mill Lane.",
        "Finance": "The Clerk presented the accounts. Payments of £230 were approved.",
        "Date of next meeting": "1 April 2025.",
    }
    for title, text in sections.items():
        w.line(title, bold=True, gap=14)
        w.para(text, gap=4)
    minutes = extract(w.save())
    assert (minutes.chair, minutes.apologies) == ("Ann Lee", ["Di Nash"])
    assert [(i.number, i.title, i.text) for i in minutes.items] == [("", t, x) for t, x in sections.items()]
    assert [d.text for d in minutes.items[1].decisions] == ["Payments of £230 were approved."]
