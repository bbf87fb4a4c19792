"""Packs whose front sheets, minutes and report covers follow other councils' templates.

Tables are left out: these packs exercise the text extractors. Each paper draws
itself (see :func:`tests.variants.papers.draw_document`) in a template of
:mod:`tests.variants.templates`:

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
from collections.abc import Callable
from datetime import date

from tests.variants.papers import long_date
from tests.variants.spec import (
    AgendaItem,
    Pack,
    Style,
)
from tests.variants.templates import (
    DatedFront,
    LabelledFront,
    LabelledMinutes,
    PlainMinutes,
    SummonsFront,
    apologies_item,
    business_item,
    interests_item,
    labelled_report,
    minutes_item,
)
from tests.variants.words import Names

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
