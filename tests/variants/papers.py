"""How each kind of paper is printed: front sheets, minutes, report covers, appendices.

Each function draws one document through a :class:`~tests.variants.render.Writer`, in
the template its pack's style names: minutes headed "MINUTES OF A ... MEETING", "Minutes
of the meeting of ... held on ..." or with labelled details; report covers as stacked
labels or a label/value table; front sheets with a title line or labelled details.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from tests.variants.spec import (
    AgendaItem,
    Appendix,
    Document,
    FrontSheet,
    Minutes,
    Para,
    Person,
    Report,
    Style,
    TableSpec,
)

if TYPE_CHECKING:
    from tests.variants.render import Writer

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def long_date(day: date, weekday: bool = True, comma: bool = False, ordinal: bool = False) -> str:
    """ "Tuesday 3 March 2020", "Tuesday, 3 March 2020", "3 March 2020" or "Tuesday 3rd March 2020"."""
    suffix = ""
    if ordinal:
        suffix = "th" if 10 < day.day % 100 < 14 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    text = f"{day.day}{suffix} {_MONTHS[day.month - 1]} {day.year}"
    if not weekday:
        return text
    return f"{_DAYS[day.weekday()]}{',' if comma else ''} {text}"


def _date(w: Writer, day: date, weekday: bool = True, comma: bool = False) -> str:
    return long_date(day, weekday, comma, ordinal=w.style.ordinal_dates)


def clock(hhmm: str, form: str = "dotted") -> str:
    """ "19:00" -> "7.00 pm" (dotted), "7pm" or "7.30pm" (short), "19:00" (24h)."""
    hours, minutes = (int(p) for p in hhmm.split(":"))
    if form == "24h":
        return hhmm
    meridiem = "am" if hours < 12 else "pm"
    hour = (hours - 1) % 12 + 1
    if form == "short":
        return f"{hour}{meridiem}" if minutes == 0 else f"{hour}.{minutes:02d}{meridiem}"
    return f"{hour}.{minutes:02d} {meridiem}"


def _clock(w: Writer, hhmm: str) -> str:
    return clock(hhmm, w.style.clock)


def name_list(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def councillors(people: Sequence[Person]) -> str:
    """People as a list under one title where they share it: "Councillors A, B and Mayor C"."""
    names = [p.name if p.title == "Councillor" else p.printed for p in people]
    plain = sum(1 for p in people if p.title == "Councillor")
    prefix = (
        "Councillors "
        if plain > 1
        else ("Councillor " if plain == 1 and people[0].title == "Councillor" else "")
    )
    return prefix + name_list(names)


# ---------------------------------------------------------------- front sheet


def draw_front_sheet(w: Writer, front: FrontSheet, ranges: dict[str, tuple[int, int]]) -> str:
    """The agenda front sheet; returns its title as printed."""
    if hasattr(front, "draw"):
        # A front sheet in a template of its own prints itself.
        return front.draw(w, ranges)
    body = w.style.body
    w.start_document()
    if w.style.front_template == "notice":
        title = front.committee
        if front.council_line:
            w.title(front.council_line, body + 1)
        w.title(title, body + 7)
        w.para(f"Date: {_date(w, front.day)}", after=0)
        w.para(f"Time: {_clock(w, front.time)}", after=0)
        w.para(f"Venue: {front.venue}")
        w.title("Membership:", body)
        names = [
            p.printed + (" (Chair)" if p.name == front.chair else "")
            for _h, _c, people in front.members
            for p in people
        ]
        w.columns(names, w.style.member_columns)
        w.space(body)
        w.para("Enquiries to: " + ", ".join(front.contact))
        w.space(body)
        w.title("AGENDA", body + 3)
    else:
        title = front.title
        w.title(title, body + 5)
        w.title(f"{_clock(w, front.time)} {_date(w, front.day)} {front.venue}", body + 1)
        w.space(body)
        w.title("COUNCILLORS:", body + 1)
        for heading, _council, people in front.members:
            if heading:
                w.title(heading, body, after=0.2 * body)
            for person in people:
                w.para(person.printed + (" (Chairman)" if person.name == front.chair else ""), after=0)
            w.space(0.6 * body)
        w.space(body)
        w.title("For information about the meeting please contact:", body)
        for line in front.contact:
            w.para(line, after=0)
        if front.notes:
            _notes(w)
        w.start_document()
        w.title("AGENDA ITEMS", body + 2)
    tab = 3 * body if w.style.hanging else 0.0
    for item in front.items:
        number = printed_number(item.number, w.style.numbering)
        pages = None
        if item.number in ranges:
            first, last = ranges[item.number]
            pages = f"(Page {first})" if first == last else f"(Pages {first} - {last})"
        if w.style.hanging:
            w.item_heading(number, item.title, body + 1, tab, pages)
        else:
            w.title(f"{number} {item.title}" + (f" {pages}" if pages else ""), body + 1, after=0.3 * body)
        if item.description:
            w.para(item.description, indent=tab)
        w.space(0.4 * body)
    return title


def draw_agenda_grid(
    w: Writer,
    items: Sequence[AgendaItem],
    ranges: dict[str, tuple[int, int]],
    number: str,
    rules: str | None,
    middle: bool = False,
    narrow: bool = False,
) -> None:
    """The agenda as ModernGov prints it: a grid of number | title | "(Pages X - Y)" rows.

    The title is bold with the item's description wrapped under it in the same cell, and
    the page range is set against the right margin. ``rules`` box every cell ("boxes") or
    run under every row ("rows"); without them the grid is whitespace only. ``middle``
    sets the number and page range level with the middle line of their row, as cells
    centred vertically print them. ``narrow`` makes the page-range column so narrow that
    a range wraps: "(Pages 12 -" over "20)".
    """
    # The renderer imports this module: its text measures are imported when first drawn.
    from tests.variants.render import text_width, wrap

    body = w.style.body
    lead, pad = 1.25 * body, 0.35 * body
    widest = max(text_width(number.format(item.number), w.bold, body + 0.5) for item in items)
    num_w = max(3.2 * body, widest + 2 * pad + body)
    pages_w = text_width("(Pages 888 -" if narrow else "(Pages 888 - 888)", w.regular, body) + 2 * pad
    title_x = w.left + num_w
    title_w = w.right - w.left - num_w - pages_w
    for item in items:
        pages = None
        if item.number in ranges:
            first, last = ranges[item.number]
            pages = f"(Page {first})" if first == last else f"(Pages {first} - {last})"
        lines = [(ln, w.bold) for ln in wrap(item.title, w.bold, body + 0.5, title_w - 2 * pad)]
        if item.description:
            lines += [(ln, w.regular) for ln in wrap(item.description, w.regular, body, title_w - 2 * pad)]
        ranged = wrap(pages, w.regular, body, pages_w - 2 * pad) if pages else []
        height = max(len(lines), len(ranged)) * lead + 2 * pad
        w.ensure(height)
        top, page = w.y, w.page
        if rules == "boxes":
            for x, width in ((w.left, num_w), (title_x, title_w), (w.right - pages_w, pages_w)):
                page.ops.append(("box", x, top, width, height))
        elif rules == "rows":
            page.ops.append(("rule", w.left, top + height, w.right - w.left))
        base = top + pad + lead - 0.25 * body
        level = base + (len(lines) - 1) // 2 * lead if middle else base
        page.ops.append(("text", w.left + pad, level, w.bold, body + 0.5, number.format(item.number)))
        for k, ln in enumerate(ranged):
            x = w.right - pad - text_width(ln, w.regular, body)
            page.ops.append(("text", x, level + k * lead, w.regular, body, ln))
        for k, (ln, font) in enumerate(lines):
            size = body + 0.5 if font == w.bold else body
            page.ops.append(("text", title_x + pad, base + k * lead, font, size, ln))
        w.y = top + height


def _notes(w: Writer) -> None:
    body = w.style.body
    w.start_document()
    w.title("NOTES ABOUT THE MEETING", body + 2)
    notes = [
        (
            "1. HEALTH AND SAFETY",
            "The Committee is committed to protecting the health and safety of everyone who attends its "
            "meetings. At the beginning of the meeting, there will be an announcement about what you "
            "should do if there is an emergency during its course.",
        ),
        (
            "2. MOBILE PHONES",
            "Everyone attending is asked to ensure that any device is switched to silent operation.",
        ),
        (
            "3. FILMING AND RECORDING",
            "Members of the public may film or record the meeting provided it does not disrupt the "
            "proceedings; the Chair may ask for recording to stop.",
        ),
    ]
    for heading, text in notes:
        w.title(heading, body)
        w.para(text)


# ---------------------------------------------------------------- documents


def draw_document(w: Writer, doc: Document) -> None:
    """Draw one paper from a new page, in the template the writer's style names."""
    if hasattr(doc, "draw"):
        # A paper in a template of its own prints itself.
        doc.draw(w)
    elif isinstance(doc, Minutes):
        _minutes(w, doc)
    elif isinstance(doc, Report):
        _report(w, doc)
    elif isinstance(doc, Appendix):
        w.start_document(doc.landscape and w.style.landscape_appendices)
        if doc.label:
            w.para(doc.label, bold=True)
        w.blocks(doc.blocks)
    else:  # pragma: no cover - the spec has no other kind
        raise TypeError(doc)


def printed_number(number: str, numbering: str) -> str:
    """An item number as printed: letters take a full stop ("B."), numbers stand bare."""
    return f"{number}." if numbering == "alpha" else number


def chair_role(style: Style) -> str:
    return style.chair_role or ("Chairman" if style.decisions == "agreed" else "Chair")


def _minutes(w: Writer, m: Minutes) -> None:
    body = w.style.body
    w.start_document()
    template = w.style.minutes_template
    role = chair_role(w.style)
    times = f"{_clock(w, m.start)} – {_clock(w, m.end)}" if m.end else _clock(w, m.start)
    if template == "held":
        w.title(
            f"Minutes of the meeting of the {m.committee} held on {_date(w, m.day)} at "
            f"{_clock(w, m.start)} in {m.venue}",
            body + 3,
        )
        w.para(f"Present: Councillor {m.chair.name} ({role}); {councillors(m.present)}")
        w.para("Also present: officers of the Council")
        if m.apologies_item:
            pass
        elif m.apologies:
            w.para(f"Apologies for absence: {councillors(m.apologies)}")
        else:
            w.para("Apologies for absence: none")
    elif template == "labelled":
        w.title("MINUTES", body + 7)
        w.title(m.committee, body + 3)
        w.para(f"Date: {_date(w, m.day)}", after=0)
        w.para(f"Time: {times}", after=0)
        w.para(f"Venue: {m.venue}")
        w.para(f"Chair: {m.chair.printed}")
        w.title("Members present:", body, after=0.2 * body)
        for person in m.present:
            w.para(person.printed, after=0)
        w.space(0.6 * body)
        if not m.apologies_item:
            w.title("Apologies:", body, after=0.2 * body)
            for person in m.apologies:
                w.para(person.printed, after=0)
            if not m.apologies:
                w.para("None", after=0)
            w.space(0.6 * body)
    else:
        w.title(f"MINUTES OF A {m.committee.upper()} MEETING", body + 5)
        place, _, town = m.venue.rpartition(", ")
        for part in (f"{place}," if place else None, town):
            if part:
                w.para(part, after=0)
        w.para(_date(w, m.day, comma=True), after=0)
        w.para(f"({times})")
        w.title("Present:", body, after=0.2 * body)
        chair = Person(f"{m.chair.name} ({role})", m.chair.title)
        w.para(councillors([chair, *m.present]) + ".")
        if m.apologies and not m.apologies_item:
            w.para(f"Apologies were received for the absence of {councillors(m.apologies)}.")
        w.para("All decisions were taken with no votes against.")
    tab = 3 * body if w.style.hanging else 0.0
    for item in m.items:
        number = printed_number(item.number, w.style.numbering)
        title = item.title.upper() if template != "held" else item.title
        w.space(0.4 * body)
        if w.style.hanging:
            w.item_heading(number, title, body + 1, tab)
        else:
            w.title(f"{number} {title}", body + 1, after=0.4 * body)
        for k, paragraph in enumerate(item.paragraphs):
            text = " ".join(s.text for s in paragraph)
            w.para(text, marker="•" if k in item.bullets else None, indent=tab)
    if m.closed:
        w.para(f"The meeting closed at {_clock(w, m.end)}." if m.end else "The meeting closed.")
    w.space(2 * body)
    # The signature line names the office: "Chair ......", never "in the Chair ......".
    office = "Chairman" if role == "Chairman" else "Chair"
    w.para(f"{office} ..............................")


def _report(w: Writer, r: Report) -> None:
    body = w.style.body
    w.start_document()
    if w.style.cover == "table":
        w.title(f"REPORT TO THE {r.committee.upper()}", body + 4)
        author = "\n".join(x for x in (r.author, r.job, r.email, _tel(r.phone)) if x)
        recs = "\n".join(f"{marker(r.rec_marker, k)} {rec}" for k, rec in enumerate(r.recommendations))
        if r.rec_intro:
            recs = f"{r.rec_intro}\n{recs}"
        words = _COVER_WORDS[w.style.cover_labels]
        rows = [
            [words[0], r.committee],
            [words[1], _date(w, r.day, weekday=False)],
            [words[2], r.title],
            [words[3], author],
            [words[4], "\n".join(r.finance) or "None"],
            ["Wards affected:", "All wards"],
            [words[5], recs],
        ]
        w.table(TableSpec("layout", [], rows, [0.3, 0.7], size=body, layout=True, bold_col=0))
        w.title("1. Executive summary", body + 2)
        for text in r.summary:
            w.para(text)
    elif w.style.cover == "inline":
        w.title(r.committee.upper(), body + 5)
        contact = ", ".join(x for x in (r.author, r.job, r.email, _tel(r.phone)) if x)
        words = _COVER_WORDS[w.style.cover_labels]
        for label, value in (
            (words[1], _date(w, r.day)),
            (words[2], r.title),
            (words[3], contact),
            (words[4], " ".join(r.finance) or "None"),
        ):
            w.labelled(label, value)
        w.title("1. PURPOSE OF THE REPORT", body + 2)
        for text in r.summary:
            w.para(text)
        w.title("2. RECOMMENDATIONS", body + 2)
        if r.rec_intro:
            w.para(r.rec_intro)
        for k, rec in enumerate(r.recommendations):
            w.para(rec, marker=f"2.{k + 1}")
        w.title("3. BACKGROUND", body + 2)
    else:
        w.title(r.committee.upper(), body + 5)
        w.title(_date(w, r.day, weekday=False), body + 1)
        w.title("Subject heading:", body, after=0.2 * body)
        w.title(r.title, body + 1)
        w.title("Report author and contact details:", body, after=0.2 * body)
        for line in (f"{r.author}, {r.job}", r.email, _tel(r.phone)):
            if line:
                w.para(line, after=0)
        w.space(0.6 * body)
        w.title("Financial summary:", body, after=0.2 * body)
        for text in r.finance or ["None"]:
            w.para(text)
        w.title("SUMMARY", body + 2)
        for text in r.summary:
            w.para(text)
        w.title("RECOMMENDATIONS", body + 2)
        if r.rec_intro:
            w.para(r.rec_intro)
        for k, rec in enumerate(r.recommendations):
            w.para(rec, marker=marker(r.rec_marker, k))
        w.title("REPORT DETAIL", body + 2)
    w.blocks(r.body)
    w.title("IMPLICATIONS AND RISKS", body + 2)
    for label, text in (
        (
            "Financial implications and risks:",
            "The financial implications are set out in the body of the report.",
        ),
        ("Legal implications and risks:", "There are no direct legal implications arising from this report."),
        (
            "Equalities implications and risks:",
            "There are no equalities implications arising from this report.",
        ),
    ):
        w.title(label, body, after=0.2 * body)
        w.para(text)
    w.title("BACKGROUND PAPERS", body + 2)
    w.blocks([Para("None.")])


# Cover labels: committee, date, title, author, finance, recommendations.
_COVER_WORDS = {
    "a": (
        "Report to:",
        "Date of meeting:",
        "Report title:",
        "Report author:",
        "Financial implications:",
        "Recommendations:",
    ),
    "b": (
        "Meeting:",
        "Meeting date:",
        "Title of report:",
        "Contact officer:",
        "Financial summary:",
        "Recommendation(s):",
    ),
}


def _tel(phone: str | None) -> str | None:
    """A phone number as a contact block prints it: "Tel: 01632 ...", an extension as it stands."""
    if not phone:
        return None
    return phone if phone.lower().startswith("ext") else f"Tel: {phone}"


def marker(style: str, k: int) -> str:
    """The k-th list marker of a style: "1." "•" "(a)" "a)"."""
    letter = "abcdefghij"[k]
    return {"1.": f"{k + 1}.", "•": "•", "(a)": f"({letter})", "a)": f"{letter})"}[style]
