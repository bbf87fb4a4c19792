"""Packs whose front sheets, minutes and report covers follow other councils' templates.

Tables are left out: these packs exercise the text extractors. Each paper draws
itself (see :func:`tests.variants.papers.draw_document`) in a template of this module:

* a front sheet of labelled details ("Date:", "Time:", "Place:"), a "Membership:" list
  with "(Chair)" / "(Vice-Chair)" after names and "Councillor" / "Cllr" before them,
  and items numbered "1.", "Item 4" or in roman numerals, some without papers;
* minutes headed by the committee, a "Wednesday 5th March 2025, 7.00 pm" line and
  the venue, with "PRESENT:", "Also present:" and "In attendance:" blocks, apologies
  minuted as an item, decisions worded "RESOLVED – that ...", "AGREED:", "DECIDED:",
  "The Committee NOTED ...", "It was moved ... seconded ... and carried ..." or as
  numbered resolutions, and a closing "The meeting ended at 20:15";
* minutes printed as from a scan: every line a little off its line spacing;
* report covers of "Report of:", "Lead officer:", "Contact officer:", "Wards
  affected:", "Key decision: No" and a "Purpose of report" section, recommendations
  numbered 2.1, 2.2 or (a), (b).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from tests.variants.papers import clock, draw_agenda_grid, long_date, name_list
from tests.variants.render import Page, Writer
from tests.variants.spec import (
    AgendaItem,
    FrontSheet,
    MinuteItem,
    Minutes,
    Pack,
    Person,
    Report,
    Sentence,
    Style,
)
from tests.variants.words import DISCUSSION, JOBS, REPORT_TEXT, Names, email, phone

STYLES = {
    "labelled-times": Style(
        "labelled-times",
        family="Times",
        body=11,
        margins=(65, 65, 60, 60),
        minutes_template="held",
        clock="dotted",
        ordinal_dates=True,
    ),
    "town-helvetica": Style(
        "town-helvetica",
        body=10,
        margins=(60, 60, 60, 60),
        stamp="bare",
        minutes_template="held",
        clock="dotted",
        ordinal_dates=True,
    ),
    "summons-times": Style(
        "summons-times",
        family="Times",
        body=11.5,
        margins=(70, 70, 65, 65),
        stamp="page",
        minutes_template="held",
        clock="dotted",
    ),
    "scanned-helvetica": Style(
        "scanned-helvetica",
        body=10.5,
        margins=(58, 58, 62, 62),
        stamp=None,
        pad_even=False,
        minutes_template="held",
        clock="24h",
    ),
}


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
    "numbered": lambda a, b: [
        [Sentence("RESOLVED that:")],
        [Sentence("(1) the report be noted;", True)],
        [Sentence("(2) the revised timetable set out in paragraph 4.2 of the report be approved; and", True)],
        [Sentence("(3) a further report be brought to the Committee in six months.", True)],
    ],
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


def district_licensing(seed: int = 21) -> Pack:
    """A district council's committee: labelled front sheet, "1." items, minutes and labelled covers."""
    rng, style = random.Random(seed), STYLES["labelled-times"]
    names = Names(rng)
    committee = "Licensing and Regulatory Committee"
    day, previous = date(2025, 3, 5), date(2024, 12, 4)
    members = names.people(7)
    chair, vice = members[0], members[1]
    wordings = rng.sample(["numbered", "moved", "noted", "vote"], 3)
    minute_items = [
        apologies_item("1", "Apologies for Absence", [members[5]]),
        interests_item("2", "Declarations of Interest", rng, members[:5]),
        minutes_item("3", "Minutes of the Previous Meeting", date(2024, 9, 11), "resolved"),
        business_item(rng, "4", "Taxi Licensing Policy Review", wordings[0], members[:5]),
        business_item(rng, "5", "Planning Enforcement Update", wordings[1], members[:5]),
        business_item(rng, "6", "Street Trading Consent Fees 2025/26", wordings[2], members[:5]),
    ]
    minutes = PlainMinutes(
        committee=committee,
        day=previous,
        start="19:00",
        end="20:15",
        venue="Committee Room 2, Town Hall",
        chair=chair,
        present=[vice, *members[2:5]],
        apologies=[members[5]],
        items=minute_items,
        closed=True,
        apologies_item=True,
        also=names.people(1),
        officers=["Head of Regulatory Services", "Licensing Manager", "Democratic Services Officer"],
        vice=vice.name,
    )
    fees = labelled_report(
        rng,
        names,
        committee,
        day,
        "Street Trading Consent Fees 2025/26",
        "northshire.gov.uk",
        [
            "That the Committee approves the fees for street trading consents for 2025/26 set out in "
            "Appendix A.",
            "That authority be delegated to the Head of Regulatory Services to make minor amendments to the "
            "fee schedule.",
        ],
        "The Committee is recommended:",
        "1.1",
    )
    taxis = labelled_report(
        rng,
        names,
        committee,
        day,
        "Hackney Carriage and Private Hire Licensing Policy",
        "northshire.gov.uk",
        [
            "note the responses to the consultation;",
            "adopt the revised policy with effect from 1 April 2025; and",
            "review the policy again within three years.",
        ],
        "Members are asked to:",
        "(a)",
        titled=True,
        key_decision=True,
    )
    items = [
        AgendaItem("1", "Apologies for Absence", "To receive apologies for absence."),
        AgendaItem("2", "Declarations of Interest", "Members are reminded to declare any interests."),
        AgendaItem(
            "3",
            "Minutes",
            f"To confirm the minutes of the meeting held on {long_date(previous, weekday=False)}.",
            [minutes],
        ),
        AgendaItem("4", "Street Trading Consent Fees 2025/26", None, [fees]),
        AgendaItem("5", "Hackney Carriage and Private Hire Licensing Policy", None, [taxis]),
        AgendaItem("6", "Any Other Business", None),
    ]
    front = LabelledFront(
        committee,
        committee,
        day,
        "19:00",
        "Committee Room 2, Town Hall, Market Street",
        [(None, None, members)],
        ["Democratic Services, 01632 960 123", "democratic.services@northshire.gov.uk"],
        items,
        council_line="NORTHSHIRE DISTRICT COUNCIL",
        chair=chair.name,
        vice=vice.name,
        short_titles=rng.random() < 0.5,
    )
    return Pack("variant-district-licensing", style, front)


def scanned_minutes(seed: int = 22) -> Pack:
    """Single minutes as from a scan: lines off their spacing, "Item 4" numbers, names one per line."""
    rng, style = random.Random(seed), STYLES["scanned-helvetica"]
    names = Names(rng)
    committee = "Environment and Communities Panel"
    people = names.people(6)
    chair, vice = people[0], people[1]
    absent = names.people(2)
    wordings = rng.sample(["agreed", "decided", "numbered", "noted", "moved"], 3)
    items = [
        apologies_item("1", "APOLOGIES FOR ABSENCE", absent),
        interests_item("2", "DECLARATIONS OF INTEREST", rng, people),
        minutes_item("3", "MINUTES", date(2023, 7, 12), "agreed"),
        business_item(rng, "4", "FLOOD RESILIENCE PROGRAMME", wordings[0], people),
        business_item(rng, "5", "PARKS AND OPEN SPACES STRATEGY", wordings[1], people),
        business_item(rng, "6", "CLIMATE ACTION PLAN PROGRESS", wordings[2], people),
    ]
    minutes = PlainMinutes(
        committee=committee,
        day=date(2023, 10, 18),
        start="18:30",
        end="20:45",
        venue="Council Chamber, Civic Offices, Bridge Road",
        chair=chair,
        present=people[1:],
        apologies=absent,
        items=items,
        closed=True,
        apologies_item=True,
        officers=["Director of Environment", "Committee Clerk"],
        vice=vice.name,
        form="item",
        one_per_line=True,
        jitter=1.2,
        seed=seed,
    )
    return Pack("variant-scanned-minutes", style, documents=[minutes], committee=committee)


def town_planning(seed: int = 23) -> Pack:
    """A town council's planning committee: date line and venue unlabelled, "Item N", minutes "25/31"."""
    rng, style = random.Random(seed), STYLES["town-helvetica"]
    names = Names(rng)
    committee = "Planning Committee"
    day, previous = date(2025, 6, 11), date(2025, 5, 14)
    members = names.people(6)
    chair, vice = members[0], members[1]
    first = rng.randint(20, 60)
    numbers = [f"25/{first + k}" for k in range(5)]
    wordings = rng.sample(["agreed", "decided", "numbered", "moved"], 2)
    minute_items = [
        apologies_item(numbers[0], "APOLOGIES FOR ABSENCE", [members[4]]),
        interests_item(numbers[1], "DECLARATIONS OF INTEREST", rng, members[:4]),
        minutes_item(numbers[2], "MINUTES", date(2025, 4, 9), "agreed"),
        business_item(rng, numbers[3], "PLANNING APPLICATIONS", wordings[0], members[:4]),
        business_item(rng, numbers[4], "NEIGHBOURHOOD PLAN REVIEW", wordings[1], members[:4]),
    ]
    minutes = PlainMinutes(
        committee=committee,
        day=previous,
        start="19:30",
        end="21:10",
        venue="Council Chamber, The Guildhall",
        chair=chair,
        present=members[1:4],
        apologies=[members[4]],
        items=minute_items,
        closed=True,
        apologies_item=True,
        officers=["Town Clerk", "Planning Officer"],
        vice=vice.name,
        form="bare",
        closing="closed",
    )
    review = labelled_report(
        rng,
        names,
        committee,
        day,
        "Neighbourhood Plan Review: Consultation Responses",
        "eastport.gov.uk",
        [
            "note the responses to the consultation on the draft plan;",
            "agree the changes to the plan set out in Appendix 1.",
        ],
        "The Committee is asked to:",
        "(a)",
    )
    items = [
        AgendaItem("1", "APOLOGIES FOR ABSENCE", None),
        AgendaItem("2", "DECLARATIONS OF INTEREST", None),
        AgendaItem("3", "MINUTES", "To approve the minutes of the meeting held on 14 May 2025.", [minutes]),
        AgendaItem("4", "NEIGHBOURHOOD PLAN REVIEW", None, [review]),
        AgendaItem("5", "DATE OF NEXT MEETING", "Wednesday 9 July 2025 at 7.30 pm."),
    ]
    front = DatedFront(
        committee,
        committee,
        day,
        "19:30",
        "Council Chamber, The Guildhall, Market Place",
        [(None, None, members)],
        ["Town Clerk, 01632 960 700"],
        items,
        council_line="EASTPORT TOWN COUNCIL",
        chair=chair.name,
        vice=vice.name,
    )
    return Pack("variant-town-planning", style, front)


def county_governance(seed: int = 24) -> Pack:
    """A county committee: a summons front sheet, roman item numbers, labelled minutes, "Report to:" cover."""
    rng, style = random.Random(seed), STYLES["summons-times"]
    names = Names(rng)
    committee = "Corporate Governance Committee"
    day, previous = date(2025, 4, 10), date(2025, 1, 16)
    members = names.people(6)
    chair, vice = members[0], members[1]
    absent = names.people(1)
    wordings = rng.sample(["numbered", "decided", "vote", "noted"], 2)
    minute_items = [
        interests_item("1", "Declarations of Interest", rng, members),
        minutes_item("2", "Minutes", date(2024, 10, 17), "resolved"),
        business_item(rng, "3", "Internal Audit Annual Plan", wordings[0], members),
        business_item(rng, "4", "Risk Management Update", wordings[1], members),
    ]
    minutes = LabelledMinutes(
        committee=committee,
        day=previous,
        start="10:00",
        end="11:40",
        venue="Council Chamber, County Hall",
        chair=chair,
        present=members[1:5],
        apologies=absent,
        items=minute_items,
        # The "Time:" range prints the end, as a closing line would: the truth gives it.
        closed=True,
    )
    statement = labelled_report(
        rng,
        names,
        committee,
        day,
        "Annual Governance Statement 2024/25",
        "northshire.gov.uk",
        ["That the Committee approves the draft Annual Governance Statement for 2024/25."],
        None,
        "1.1",
        titled=True,
    )
    items = [
        AgendaItem("I", "APOLOGIES FOR ABSENCE", None),
        AgendaItem("II", "DECLARATIONS OF INTEREST", None),
        AgendaItem(
            "III", "MINUTES", "To confirm the minutes of the meeting held on 16 January 2025.", [minutes]
        ),
        AgendaItem("IV", "ANNUAL GOVERNANCE STATEMENT", None, [statement]),
        AgendaItem("V", "EXCLUSION OF THE PRESS AND PUBLIC", None),
    ]
    front = SummonsFront(
        committee,
        committee,
        day,
        "10:00",
        "Council Chamber, County Hall",
        [(None, None, members)],
        [],
        items,
        council_line="NORTHSHIRE COUNTY COUNCIL",
        chair=chair.name,
        vice=vice.name,
    )
    return Pack("variant-county-governance", style, front)


TEXT_PACKS: dict[str, Callable[..., Pack]] = {
    "district-licensing": district_licensing,
    "scanned-minutes": scanned_minutes,
    "town-planning": town_planning,
    "county-governance": county_governance,
}
