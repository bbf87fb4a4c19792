"""Packs whose agenda front sheet prints its items as a grid, as ModernGov sites publish them.

Each item is a row: the number, the title in bold with its description wrapped under
it, and "(Pages X - Y)" set against the right margin. The grid is boxed cell by cell
(its page ranges wrapped in a narrow column), ruled under each row, or aligned by
whitespace alone with the number and range centred in their row; the front sheet runs
onto a second page. It is page layout, not a table. The papers behind it use
wordings of other templates: minutes headed "Notes of the meeting of ...", apologies
naming a substitute after a semicolon, decisions by "Members voted in favour of ..."
and "The recommendation was carried", and a report cover saying "Report of the
Director of Resources" without a label.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from tests.variants.papers import long_date
from tests.variants.spec import AgendaItem, Pack, Style
from tests.variants.templates import (
    LabelledFront,
    PlainMinutes,
    apologies_item,
    business_item,
    interests_item,
    labelled_report,
    minutes_item,
)
from tests.variants.words import Names

STYLES = {
    "grid-ruled": Style(
        "grid-ruled",
        body=10,
        margins=(56, 56, 60, 60),
        stamp="page",
        minutes_template="held",
        clock="dotted",
    ),
    "grid-plain": Style(
        "grid-plain",
        family="Times",
        body=11,
        margins=(64, 64, 60, 60),
        stamp="bare",
        minutes_template="held",
        clock="short",
        ordinal_dates=True,
    ),
}


def _grid_pack(seed: int, style: Style, grid: str, number_form: str, apologies_minuted: bool) -> Pack:
    """An executive committee's pack with its agenda printed as a ``grid`` ("narrow", "rows" or
    "middle", see :class:`~tests.variants.templates.LabelledFront`)."""
    rng = random.Random(seed)
    names = Names(rng)
    committee = "Resources and Performance Committee"
    day, previous = date(2025, 9, 23), date(2025, 7, 8)
    members = names.people(14)
    chair, vice = members[0], members[1]
    absent, substitute = members[6], names.people(1)[0]
    wordings = rng.sample(["voted", "carried", "approved"], 2)

    def number(k: int) -> str:
        return str(k + 1)

    minute_items = [
        interests_item(number(1), "Declarations of Interest", rng, members[:5]),
        minutes_item(number(2), "Minutes of the Previous Meeting", date(2025, 5, 13), "agreed"),
        business_item(rng, number(3), "Medium Term Financial Strategy", wordings[0], members[:5]),
        business_item(rng, number(4), "Corporate Performance Report Quarter 1", wordings[1], members[:5]),
    ]
    if apologies_minuted:
        minute_items.insert(0, apologies_item(number(0), "Apologies for Absence", [absent], substitute))
    minutes = PlainMinutes(
        committee=committee,
        day=previous,
        start="18:00",
        end="19:50",
        venue="Committee Room 1, Civic Centre",
        chair=chair,
        present=[vice, *members[2:6], substitute],
        apologies=[absent],
        items=minute_items,
        closed=True,
        apologies_item=apologies_minuted,
        officers=["Director of Resources", "Head of Finance", "Democratic Services Officer"],
        vice=vice.name,
        substitute=substitute,
        notes=True,
        form="bare",
    )
    budget = replace(
        labelled_report(
            rng,
            names,
            committee,
            day,
            "Revenue Budget Monitoring 2025/26: Month 4",
            "westmere.gov.uk",
            [
                "note the forecast revenue outturn position for 2025/26;",
                "approve the budget virements set out in paragraph 3.4 of the report.",
            ],
            "The Committee is recommended to:",
            "(a)",
            titled=grid == "narrow",
        ),
        report_of="Director of Resources",
        report_of_line=True,
    )
    description = (
        "To consider the report of the Director of Resources on the forecast revenue outturn for the year "
        "and the virements needed to keep spending within the approved budget."
    )
    items = [
        AgendaItem(number(0), "APOLOGIES FOR ABSENCE AND SUBSTITUTIONS", "To receive apologies for absence."),
        AgendaItem(
            number(1),
            "DECLARATIONS OF INTEREST",
            "Members are asked to declare any disclosable pecuniary or other registrable interests in the "
            "business on this agenda.",
        ),
        AgendaItem(
            number(2),
            "MINUTES",
            f"To confirm the notes of the meeting held on {long_date(previous, weekday=False)}.",
            [minutes],
        ),
        AgendaItem(number(3), "REVENUE BUDGET MONITORING 2025/26: MONTH 4", description, [budget]),
        AgendaItem(
            number(4),
            "PUBLIC QUESTIONS",
            "To answer any questions from members of the public received in writing by noon three working "
            "days before the meeting.",
        ),
        AgendaItem(
            number(5),
            "WORK PROGRAMME",
            "To note the Committee's work programme for the rest of the municipal year and to agree any "
            "changes to it.",
        ),
        AgendaItem(number(6), "URGENT BUSINESS", None),
        AgendaItem(
            number(7),
            "EXCLUSION OF THE PRESS AND PUBLIC",
            "To consider whether to exclude the press and public during the consideration of any item that "
            "involves the likely disclosure of exempt information as defined in Part 1 of Schedule 12A to "
            "the Local Government Act 1972.",
        ),
        AgendaItem(number(8), "DATE OF NEXT MEETING", "Tuesday 25 November 2025 at 6.00 pm."),
    ]
    front = LabelledFront(
        committee,
        committee,
        day,
        "18:00",
        "Committee Room 1, Civic Centre, High Street",
        [(None, None, members)],
        ["Democratic Services, 01632 960 455", "committees@westmere.gov.uk"],
        items,
        council_line="WESTMERE BOROUGH COUNCIL",
        chair=chair.name,
        vice=vice.name,
        grid=grid,
        number_form=number_form,
    )
    return Pack(f"variant-{style.name}", style, front)


def grid_ruled(seed: int = 31) -> Pack:
    """The agenda ruled, cell by cell with page ranges wrapped in their narrow column or by a rule
    under each row (drawn by the seed); apologies with their substitute in the minutes' heading."""
    grid = "rows" if random.Random(seed).random() >= 0.5 else "narrow"
    return _grid_pack(seed, STYLES["grid-ruled"], grid, "{}.", apologies_minuted=False)


def grid_plain(seed: int = 32) -> Pack:
    """The agenda aligned by whitespace alone, numbers and page ranges centred in their rows;
    apologies and substitute minuted as an item."""
    return _grid_pack(seed, STYLES["grid-plain"], "middle", "Item {}", apologies_minuted=True)


GRID_PACKS: dict[str, Callable[..., Pack]] = {
    "grid-ruled": grid_ruled,
    "grid-plain": grid_plain,
}
