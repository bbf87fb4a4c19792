"""Other councils' templates for front sheets, minutes and report covers, as papers that draw themselves.

The packs of :mod:`tests.variants.packs_text` and :mod:`tests.variants.packs_grid` are
built from these: front sheets of labelled details, dated lines or a summons; minutes
headed plainly or with labelled details, optionally shaken as from a scan; minute items
for apologies, interests, the last minutes and business with its decision wordings; and
report covers of labelled fields.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from tests.variants.papers import clock, draw_agenda_grid, long_date, name_list
from tests.variants.render import Page, Writer
from tests.variants.spec import (
    FrontSheet,
    MinuteItem,
    Minutes,
    Person,
    Report,
    Sentence,
    resolution,
)
from tests.variants.words import DISCUSSION, JOBS, REPORT_TEXT, Names, email, phone


def _day(day: date, ordinal: bool) -> str:
    return long_date(day, weekday=True, ordinal=ordinal)


def _with_role(person: Person, role: str | None, short: bool) -> str:
    title = "Cllr" if short and person.title == "Councillor" else person.title
    text = f"{title} {person.name}" if title else person.name
    return f"{text} ({role})" if role else text


# ---------------------------------------------------------------- front sheet


@dataclass
class _Front(FrontSheet):
    """What the front sheets of this module share: the vice-chair, roles and the list of items.

    ``grid`` prints the items as a grid of number, title and page range: "narrow" (every
    cell boxed, page ranges wrapped), "rows" (a rule under each row) or "middle" (no
    rules, the number and range level with the middle of their row).
    """

    vice: str | None = None
    grid: str | None = None

    def role(self, person: Person, chair: str = "Chair") -> str | None:
        """ "Chair", "Vice-Chair" (or "Chairman", "Vice-Chairman") for the officers of the committee."""
        if person.name == self.chair:
            return chair
        return f"Vice-{chair}" if person.name == self.vice else None

    def people(self) -> list[Person]:
        """The members in printed order."""
        return [person for _heading, _council, people in self.members for person in people]

    def agenda(
        self, w: Writer, ranges: dict[str, tuple[int, int]], number: str, tab: float, right: bool = True
    ) -> None:
        """The items, numbered by the ``number`` pattern ("{}." or "Item {}"), page ranges at the
        right margin or run on after the title."""
        if self.grid:
            rules = {"narrow": "boxes", "rows": "rows"}.get(self.grid)
            draw_agenda_grid(
                w, self.items, ranges, number, rules, self.grid == "middle", self.grid == "narrow"
            )
            return
        body = w.style.body
        for item in self.items:
            pages = None
            if item.number in ranges:
                first, last = ranges[item.number]
                pages = f"(Pages {first} - {last})"
            title = item.title if right or not pages else f"{item.title} {pages}"
            w.item_heading(number.format(item.number), title, body + 1, tab, pages if right else None)
            if item.description:
                w.para(item.description, indent=tab)
            w.space(0.3 * body)


@dataclass
class LabelledFront(_Front):
    """A front sheet of labelled details and a membership list, items numbered "1."."""

    short_titles: bool = False
    number_form: str = "{}."

    def draw(self, w: Writer, ranges: dict[str, tuple[int, int]]) -> str:
        body = w.style.body
        w.start_document()
        if self.council_line:
            w.title(self.council_line, body + 1)
        w.title(self.committee, body + 7)
        w.space(0.5 * body)
        w.labelled("Date:", _day(self.day, w.style.ordinal_dates))
        w.labelled("Time:", clock(self.time, w.style.clock))
        w.labelled("Place:", self.venue)
        w.space(0.5 * body)
        w.title("Membership:", body, after=0.2 * body)
        for person in self.people():
            w.para(_with_role(person, self.role(person), self.short_titles), after=0)
        w.space(body)
        w.para("Quorum: 3 Members")
        w.para("Enquiries to: " + ", ".join(self.contact))
        w.space(body)
        w.title("AGENDA", body + 3)
        self.agenda(w, ranges, self.number_form, 4 * body)
        return self.committee


@dataclass
class DatedFront(_Front):
    """A front sheet with the date and time on one line and the venue on the next, unlabelled.

    Members stand under a "Members of the Committee:" heading as "Cllr A Name (Chair)";
    items are numbered "Item 1", "Item 2", their page ranges run on after the title (set
    against the right margin, the number, title and range columns read as a table).
    """

    def draw(self, w: Writer, ranges: dict[str, tuple[int, int]]) -> str:
        body = w.style.body
        w.start_document()
        if self.council_line:
            w.title(self.council_line, body + 2)
        title = f"{self.committee.upper()} AGENDA"
        w.title(title, body + 6)
        w.para(f"{_day(self.day, w.style.ordinal_dates)}, {clock(self.time, w.style.clock)}", after=0)
        w.para(self.venue)
        w.title("Members of the Committee:", body, after=0.2 * body)
        for person in self.people():
            w.para(_with_role(person, self.role(person), True), after=0)
        w.space(body)
        w.para("Contact: " + ", ".join(self.contact))
        w.space(body)
        self.agenda(w, ranges, "Item {}", 5 * body, right=False)
        return title


@dataclass
class SummonsFront(_Front):
    """A summons: "Notice is hereby given that a meeting of ... will be held in ... on ... at ...".

    Members follow a "Members:" label as one list; items are numbered in roman numerals.
    """

    def draw(self, w: Writer, ranges: dict[str, tuple[int, int]]) -> str:
        body = w.style.body
        w.start_document()
        if self.council_line:
            w.title(self.council_line, body + 1)
        w.title(self.committee.upper(), body + 6)
        w.space(0.5 * body)
        when = f"{_day(self.day, w.style.ordinal_dates)} at {clock(self.time, w.style.clock)}"
        w.para(
            f"NOTICE IS HEREBY GIVEN that a meeting of the {self.committee} will be held in the {self.venue} "
            f"on {when}, to transact the business set out below."
        )
        listed = [
            f"{p.name} ({role})" if (role := self.role(p, "Chairman")) else p.name for p in self.people()
        ]
        w.para("Members: Councillors " + name_list(listed))
        w.para("Chief Executive")
        w.space(body)
        w.title("AGENDA", body + 3)
        self.agenda(w, ranges, "{}.", 3 * body, right=False)
        return self.committee.upper()


# ---------------------------------------------------------------- minutes


@dataclass
class PlainMinutes(Minutes):
    """Minutes headed by the committee, a date-and-time line and the venue, then labelled blocks.

    ``also`` are members attending who are not on the committee; ``officers`` lines of
    officers in attendance; ``jitter`` shifts every line up or down by up to that many
    points, as lines of a scanned page sit.
    """

    also: Sequence[Person] = ()
    officers: Sequence[str] = ()
    vice: str | None = None
    substitute: Person | None = None
    notes: bool = False
    form: str = "dotted"
    one_per_line: bool = False
    jitter: float = 0.0
    seed: int = 0
    closing: str = "ended"

    def draw(self, w: Writer) -> None:
        body = w.style.body
        w.start_document()
        first_page = len(w.pages)
        when = f"{_day(self.day, w.style.ordinal_dates)}, {clock(self.start, w.style.clock)}"
        if self.notes:
            w.title(f"Notes of the meeting of the {self.committee} held on {when}", body + 2)
        else:
            w.title(f"{self.committee.upper()}", body + 4)
            w.title("MINUTES", body + 2)
            w.para(when, after=0)
        w.para(self.venue)
        roles = {self.chair.name: "Chair", self.vice: "Vice-Chair"}
        people = [self.chair, *self.present]
        if self.one_per_line:
            w.title("PRESENT:", body, after=0.2 * body)
            for person in people:
                w.para(_with_role(person, roles.get(person.name), True), after=0)
            w.space(0.6 * body)
        else:
            listed = [f"{p.name} ({roles[p.name]})" if p.name in roles else p.name for p in people]
            w.para("PRESENT: Councillors " + name_list(listed))
        if self.also:
            w.para("Also present: " + name_list([f"Councillor {p.name}" for p in self.also]))
        if self.officers:
            w.para("In attendance: " + "; ".join(self.officers))
        if self.apologies and not self.apologies_item:
            w.para(_apologies(self.apologies, self.substitute))
        for item in self.items:
            w.space(0.4 * body)
            w.item_heading(self.printed_number(item.number), item.title, body + 1, 3.5 * body)
            for k, paragraph in enumerate(item.paragraphs):
                text = " ".join(s.text for s in paragraph)
                w.para(text, marker="•" if k in item.bullets else None, indent=3.5 * body)
        if self.closed:
            w.para(f"The meeting {self.closing} at {clock(self.end, w.style.clock)}.")
        w.space(2 * body)
        w.para("Signed ........................................ Chair")
        w.para("Date ..........................................")
        if self.jitter:
            _shake(w.pages[first_page - 1 :], self.jitter, random.Random(self.seed))

    def printed_number(self, number: str) -> str:
        """The minute's number as ``form`` prints it: "Item 4", "4" or "4."."""
        return {"item": f"Item {number}", "bare": number}.get(self.form, f"{number}.")


def _shake(pages: Sequence[Page], jitter: float, rng: random.Random) -> None:
    """Move each printed line up or down a little, as the lines of a scanned page sit."""
    for page in pages:
        shift: dict[float, float] = {}
        for k, op in enumerate(page.ops):
            if op[0] != "text":
                continue
            y = op[2]
            delta = shift.setdefault(y, rng.uniform(-jitter, jitter))
            page.ops[k] = (op[0], op[1], y + delta, *op[3:])


@dataclass
class LabelledMinutes(Minutes):
    """Minutes with "Time: 10.00 am – 11.40 am", "Venue:", "Members present:" and "Apologies:" lines."""

    def draw(self, w: Writer) -> None:
        body = w.style.body
        w.start_document()
        w.title(self.committee.upper(), body + 4)
        w.title(f"MINUTES of the meeting held on {_day(self.day, w.style.ordinal_dates)}", body + 1)
        w.labelled("Time:", f"{clock(self.start, w.style.clock)} – {clock(self.end, w.style.clock)}")
        w.labelled("Venue:", self.venue)
        chair = f"Councillor {self.chair.name} (Chairman)"
        w.labelled("Members present:", ", ".join([chair, *(p.printed for p in self.present)]))
        w.labelled("Apologies:", ", ".join(p.printed for p in self.apologies) or "None")
        w.labelled("Officers present:", "Chief Executive, Monitoring Officer, Committee Clerk")
        for item in self.items:
            w.space(0.4 * body)
            w.title(f"{item.number}. {item.title}", body + 1, after=0.4 * body)
            for paragraph in item.paragraphs:
                w.para(" ".join(s.text for s in paragraph))
        w.space(2 * body)
        w.para("CHAIRMAN")


def _apologies(apologies: Sequence[Person], substitute: Person | None = None, opening: str = "") -> str:
    """ "Apologies were received from Councillors A and B; Councillor C attended as substitute."."""
    names = name_list([p.name for p in apologies])
    word = "Councillors" if len(apologies) > 1 else "Councillor"
    text = f"Apologies {opening}were received from {word} {names}"
    if substitute is not None:
        text += f"; Councillor {substitute.name} attended as substitute"
    return text + "."


def apologies_item(
    number: str, title: str, apologies: Sequence[Person], substitute: Person | None = None
) -> MinuteItem:
    """Apologies minuted as an item: "Apologies for absence were received from Councillors ..."."""
    return MinuteItem(number, title, [[Sentence(_apologies(apologies, substitute, "for absence "))]])


def interests_item(number: str, title: str, rng: random.Random, people: Sequence[Person]) -> MinuteItem:
    """A declaration of interest, which is no decision."""
    who = rng.choice(list(people)).name
    text = (
        f"Councillor {who} declared an other registrable interest in the item on the enforcement update "
        "as a member of a residents' association and took no part in the vote."
    )
    return MinuteItem(number, title, [[Sentence(text)]])


def minutes_item(number: str, title: str, previous: date, wording: str) -> MinuteItem:
    """Approval of the previous minutes, worded as ``wording`` says."""
    when = long_date(previous, weekday=False)
    text = {
        "resolved": f"RESOLVED – that the minutes of the meeting held on {when} be confirmed as a correct "
        "record and signed by the Chair.",
        "agreed": f"AGREED: that the minutes of the meeting held on {when} be approved as a correct record.",
    }[wording]
    return MinuteItem(number, title, [[Sentence(text, True)]])


def _talk(rng: random.Random, n: int) -> list[list[Sentence]]:
    picked = rng.sample(DISCUSSION, n)
    return [[Sentence(text)] for text in picked]


# The ways a business item records its decision, each a list of paragraphs.
DECIDING: dict[str, Callable[[Person, Person], list[list[Sentence]]]] = {
    "numbered": lambda a, b: resolution(
        "RESOLVED that:",
        "(1) the report be noted;",
        "(2) the revised timetable set out in paragraph 4.2 of the report be approved; and",
        "(3) a further report be brought to the Committee in six months.",
    ),
    "agreed": lambda a, b: [
        [Sentence("AGREED: that the Head of Service circulate the revised procedure to all Members.", True)],
    ],
    "decided": lambda a, b: [
        [Sentence("DECIDED: That the proposals be referred to the Cabinet for approval.", True)],
    ],
    "noted": lambda a, b: [
        [Sentence("The Committee NOTED the contents of the report.", True)],
    ],
    "moved": lambda a, b: [
        [
            Sentence(
                f"It was moved by Councillor {a.name}, seconded by Councillor {b.name} and carried that the "
                "recommendations in the report be approved.",
                True,
            )
        ],
    ],
    "voted": lambda a, b: [[Sentence("Members voted in favour of the recommendations in the report.", True)]],
    "carried": lambda a, b: [
        [Sentence(f"Councillor {a.name} proposed the recommendation and Councillor {b.name} seconded it.")],
        [Sentence("The recommendation was carried.", True)],
    ],
    "approved": lambda a, b: [[Sentence("On a show of hands the recommendation was approved.", True)]],
    "vote": lambda a, b: [
        [
            Sentence(
                f"Councillor {a.name} moved an amendment to defer the item, which was seconded by Councillor "
                f"{b.name}."
            ),
            Sentence("On being put to the vote the amendment was lost."),
        ],
        [
            Sentence(
                "Upon a vote, it was RESOLVED to approve the recommendations set out in the report.", True
            )
        ],
    ],
}


def business_item(
    rng: random.Random, number: str, title: str, wording: str, people: Sequence[Person]
) -> MinuteItem:
    """Discussion, then the decision in the ``wording`` of :data:`DECIDING`, moved by two of ``people``."""
    a, b = rng.sample(list(people), 2)
    return MinuteItem(number, title, [*_talk(rng, rng.randint(1, 3)), *DECIDING[wording](a, b)])


# ---------------------------------------------------------------- report covers


@dataclass
class LabelledReport(Report):
    """A cover of "Report of:", "Lead officer:", "Contact officer:" and the like, then numbered sections.

    The title stands under the committee and date unlabelled (``titled`` False) or after
    a "Title:" label; recommendations are numbered "2.1" or lettered "(a)".
    """

    report_of: str = "Director of Place"
    titled: bool = False
    key_decision: bool = False
    report_of_line: bool = False

    def draw(self, w: Writer) -> None:
        body = w.style.body
        w.start_document()
        w.title(self.committee.upper(), body + 3)
        w.labelled("Date:", long_date(self.day, weekday=False, ordinal=w.style.ordinal_dates))
        if self.titled:
            w.labelled("Title:", self.title)
        else:
            w.title(self.title, body + 5)
        if self.report_of_line:
            # "Report of the Director of Resources": the role in a sentence of its own, no label.
            w.para(f"Report of the {self.report_of}", bold=True)
        else:
            w.labelled("Report of:", self.report_of)
            w.labelled("Lead officer:", self.job)
        contact = ", ".join(x for x in (self.author, self.job) if x)
        w.labelled("Contact officer:", contact)
        if self.phone:
            w.labelled("Tel:", self.phone)
        if self.email:
            w.labelled("Email:", self.email)
        w.labelled("Wards affected:", "All wards")
        w.labelled("Key decision:", "Yes" if self.key_decision else "No")
        w.title("1. Purpose of report", body + 2)
        for k, text in enumerate(self.summary):
            w.para(text, marker=f"1.{k + 1}")
        w.title("2. Recommendation(s)", body + 2)
        if self.rec_intro:
            w.para(self.rec_intro)
        for k, rec in enumerate(self.recommendations):
            marker = f"2.{k + 1}" if self.rec_marker == "1.1" else f"({'abcdefgh'[k]})"
            w.para(rec, marker=marker)
        w.title("3. Reasons for recommendation(s)", body + 2)
        w.para("The recommendations allow the Council to meet its statutory duties.")
        w.title("4. Financial implications", body + 2)
        w.para(" ".join(self.finance) or "None")
        w.title("5. Background papers", body + 2)
        w.para("None.")


def labelled_report(
    rng: random.Random,
    names: Names,
    committee: str,
    day: date,
    title: str,
    domain: str,
    recommendations: list[str],
    rec_intro: str | None,
    marker: str,
    titled: bool = False,
    key_decision: bool = False,
) -> LabelledReport:
    """A report with invented author and summary, printed on a labelled cover."""
    author = names.name()
    return LabelledReport(
        committee=committee,
        day=day,
        title=title,
        author=author,
        job=rng.choice(JOBS),
        email=email(author, domain),
        phone=phone(rng),
        finance=[],
        summary=rng.sample(REPORT_TEXT, 2),
        rec_intro=rec_intro,
        recommendations=recommendations,
        rec_marker=marker,
        titled=titled,
        key_decision=key_decision,
    )


# ---------------------------------------------------------------- packs
