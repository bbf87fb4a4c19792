"""A committee pack as data: what the renderer prints and what the truth is read from.

A pack is an agenda front sheet and the papers of its items (minutes, reports,
appendices), or a single document. Tables carry, beside their printed grid, the typed
records a reader should take from them (KPIs, series points, actions, money cells), as
the content builder meant them; the truth module turns those into export records once
the renderer has said on which pages everything landed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Style:
    """How a pack is printed.

    Attributes:
        name: a short label for test ids.
        family: "Helvetica", "Times" or "Courier".
        body: body text size in points.
        margins: left, right, top and bottom margins in points.
        paper: "A4" or "Letter".
        landscape_appendices: appendices with tables printed on landscape pages.
        stamp: page stamp: "page" ("Page 7"), "bare" ("7"), "dashed" ("- 7 -"),
            "page_of" ("Page 7 of 30") or None.
        rules: table rules: "grid" (every cell boxed), "frame" (rules above and below the
            header row and under the table only) or "none" (whitespace-aligned).
        header_fill: header rows shaded grey (else bold only).
        rotate_merged: merged directorate cells printed rotated 90 degrees.
        numbering: agenda and minute numbers: "plain" (4), "sub" (4a), "dotted" (5.2), "alpha" (B).
        decisions: minutes record decisions as "resolved" ("RESOLVED: That ...") or
            "agreed" ("It was agreed that ...", "The Committee noted ...").
        cover: report cover as "stacked" labels (value below its label), "inline" labels (value
            after its label, numbered body sections) or a label/value "table".
        ordinal_dates: dates printed "17th November 2020".
        clock: times printed "7.00 pm" ("dotted"), "7pm" ("short") or "19:00" ("24h").
        hanging: item numbers hang at the left margin with titles and text at a tab stop, and
            the agenda's page ranges are set against the right margin (ModernGov style).
        chair_role: how the chair is marked in attendance lists ("Chairman", "Chair",
            "in the Chair"); empty for the style's usual word.
        item_stamp: "Agenda Item 5" printed at the top right of the first page of an item's papers.
        member_columns: the front sheet lists members in this many columns.
        minutes_running: minutes print their committee and date atop every page after the first.
        running: a line printed small at the top of every page of the papers (a protective
            marking, or the committee and date).
        cover_labels: wording of cover labels: "a" ("Report title", "Report author") or
            "b" ("Title of report", "Contact officer").
        pad_even: documents start on odd printed pages, padded with blank pages.
        minutes_template: "classic", "held" ("Minutes of the meeting ... held on ...")
            or "labelled" ("Date:", "Time:", "Venue:").
        front_template: "classic" (title line, date line) or "notice" (labelled details).
    """

    name: str
    family: str = "Helvetica"
    body: float = 11
    margins: tuple[float, float, float, float] = (60, 60, 60, 60)
    paper: str = "A4"
    landscape_appendices: bool = True
    stamp: str | None = "page"
    rules: str = "grid"
    header_fill: bool = True
    rotate_merged: bool = True
    numbering: str = "plain"
    decisions: str = "agreed"
    cover: str = "stacked"
    pad_even: bool = True
    minutes_template: str = "classic"
    front_template: str = "classic"
    ordinal_dates: bool = False
    clock: str = "dotted"
    cover_labels: str = "a"
    hanging: bool = False
    item_stamp: bool = False
    minutes_running: bool = False
    member_columns: int = 1
    running: str | None = None
    chair_role: str = ""


@dataclass(frozen=True)
class Council:
    """A council: the short name exports give ("Kingswood"), its long form and abbreviation."""

    name: str
    long: str
    abbr: str


@dataclass(frozen=True)
class Person:
    name: str
    title: str = "Councillor"

    @property
    def printed(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name


@dataclass(frozen=True)
class Value:
    """A figure as printed and the number the export gives it (None when it has no single number)."""

    text: str
    number: float | None = None


# ---------------------------------------------------------------- running text


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is a document title, 2 a section, 3 a sub-section (an indicator name)."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    """A paragraph; ``marker`` is a list marker printed before it ("•", "1.", "(a)")."""

    text: str
    bold: bool = False
    marker: str | None = None


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class SpanSpec:
    """A merged cell: position in header+rows, extent, and whether its text is rotated."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    vertical: bool = False


@dataclass(frozen=True)
class KpiFact:
    """One KPI record as the export should give it (values still as printed)."""

    council: str | None
    directorate: str | None
    service_area: str | None
    indicator: str
    period: str | None
    target: Value | None
    actual: Value | None
    direction: str | None = None
    rag: str | None = None


@dataclass(frozen=True)
class SeriesFact:
    indicator: str
    series: str
    period_label: str
    value: Value


@dataclass(frozen=True)
class ActionFact:
    ref: str
    partner: str | None
    delivery: str | None
    outcome: str | None
    target_date: str | None
    status: str | None
    progress: str | None
    next_steps: str | None
    service: str | None


@dataclass(frozen=True)
class MoneyFact:
    row_label: str
    column_label: str
    raw: str
    value: float
    unit: str


@dataclass
class TableSpec:
    """A printed table: header rows, body rows, merged cells, column widths (shares of the text width).

    ``layout`` marks a grid used only to place a report's cover fields: printed, but no table.
    """

    kind: str
    header: list[list[str]]
    rows: list[list[str]]
    widths: list[float]
    spans: list[SpanSpec] = field(default_factory=list)
    size: float | None = None
    layout: bool = False
    bold_col: int | None = None
    kpis: list[KpiFact] = field(default_factory=list)
    series: list[SeriesFact] = field(default_factory=list)
    actions: list[ActionFact] = field(default_factory=list)
    money: list[MoneyFact] = field(default_factory=list)

    @property
    def grid(self) -> list[list[str]]:
        return [*self.header, *self.rows]


Block = Heading | Para | TableSpec


# ---------------------------------------------------------------- documents


@dataclass(frozen=True)
class Sentence:
    text: str
    decision: bool = False
    continues: bool = False
    """A point of the resolution above it ("(1) That ..." under "RESOLVED:"): one decision with it."""


def resolution(lead_in: str, *points: str) -> list[list[Sentence]]:
    """A resolution printed as a lead-in and its numbered points, each a paragraph: one decision."""
    return [[Sentence(lead_in, True)], *([Sentence(point, True, continues=True)] for point in points)]


@dataclass
class MinuteItem:
    """A numbered minute: its paragraphs, each a list of sentences (decisions marked)."""

    number: str
    title: str
    paragraphs: list[list[Sentence]]
    bullets: set[int] = field(default_factory=set)


@dataclass
class Minutes:
    committee: str
    day: date
    start: str
    end: str | None
    venue: str
    chair: Person
    present: list[Person]
    apologies: list[Person]
    items: list[MinuteItem]
    closed: bool = False
    apologies_item: bool = False


@dataclass
class Report:
    committee: str
    day: date
    title: str
    author: str
    job: str
    email: str | None
    phone: str | None
    finance: list[str]
    summary: list[str]
    rec_intro: str | None
    recommendations: list[str]
    rec_marker: str
    body: list[Block] = field(default_factory=list)


@dataclass
class Appendix:
    """An appendix: its blocks, the first heading being its title; ``label`` ("Appendix A") above it."""

    blocks: list[Block]
    landscape: bool = False
    label: str | None = None

    @property
    def title(self) -> str:
        return next(b.text for b in self.blocks if isinstance(b, Heading))


Document = Minutes | Report | Appendix


@dataclass
class AgendaItem:
    number: str
    title: str
    description: str | None = None
    papers: list[Document] = field(default_factory=list)


@dataclass
class FrontSheet:
    committee: str
    title: str
    day: date
    time: str
    venue: str
    members: list[tuple[str | None, str | None, list[Person]]]
    contact: list[str]
    items: list[AgendaItem]
    notes: bool = False
    council_line: str | None = None
    chair: str | None = None


@dataclass
class Pack:
    """A PDF to render: a front sheet and its items' papers, or loose documents."""

    name: str
    style: Style
    front: FrontSheet | None = None
    documents: list[Document] = field(default_factory=list)
    committee: str | None = None

    def papers(self) -> list[tuple[AgendaItem | None, Document]]:
        if self.front is None:
            return [(None, d) for d in self.documents]
        return [(item, d) for item in self.front.items for d in item.papers]
