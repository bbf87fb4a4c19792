"""The grid of styles and the packs printed in them.

Each pack exercises many features at once, in one style: a joint committee of two
councils in ruled Helvetica, a county audit committee in unruled Times on Letter paper, a
three-council board in Courier with rule-framed tables, a scrutiny committee without page
stamps, and two single documents (minutes; a report with a KPI target appendix).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from tests.variants.documents import minutes_doc, numbers, report_doc
from tests.variants.spec import (
    AgendaItem,
    Appendix,
    Block,
    Council,
    FrontSheet,
    Heading,
    Pack,
    Para,
    Person,
    Style,
)
from tests.variants.tables import (
    action_table,
    block_tables,
    council_columns_table,
    exception_table,
    financial_table,
    target_table,
)
from tests.variants.words import ASHFORD, EASTPORT, INDICATORS, KINGSWOOD, NORTHSHIRE, WESTBRIDGE, Names

STYLES = {
    "ruled-helvetica": Style(
        "ruled-helvetica",
        decisions="resolved",
        numbering="plain",
        margins=(60, 60, 60, 60),
        hanging=True,
        item_stamp=True,
    ),
    "unruled-times-letter": Style(
        "unruled-times-letter",
        family="Times",
        body=10.5,
        margins=(72, 72, 72, 72),
        paper="Letter",
        landscape_appendices=False,
        stamp="dashed",
        rules="none",
        header_fill=False,
        rotate_merged=False,
        numbering="sub",
        decisions="resolved",
        cover="table",
        pad_even=False,
        minutes_template="held",
        front_template="notice",
        clock="24h",
        chair_role="in the Chair",
        minutes_running=True,
        member_columns=2,
    ),
    "frame-courier": Style(
        "frame-courier",
        family="Courier",
        body=9.5,
        margins=(50, 50, 55, 60),
        stamp="page_of",
        rules="frame",
        numbering="alpha",
        minutes_template="labelled",
        ordinal_dates=True,
    ),
    "bold-header-unstamped": Style(
        "bold-header-unstamped",
        body=10,
        margins=(54, 54, 54, 54),
        paper="Letter",
        landscape_appendices=False,
        stamp=None,
        header_fill=False,
        rotate_merged=False,
        numbering="dotted",
        cover="table",
        pad_even=False,
        clock="short",
        cover_labels="b",
        running="OFFICIAL",
        item_stamp=True,
    ),
    "minutes-times": Style(
        "minutes-times",
        family="Times",
        minutes_template="held",
        stamp="page",
        hanging=True,
        body=11.5,
        minutes_running=True,
    ),
    "report-bare-stamp": Style(
        "report-bare-stamp",
        body=10.5,
        margins=(70, 70, 70, 70),
        landscape_appendices=False,
        stamp="bare",
        rules="none",
        cover="inline",
        cover_labels="b",
    ),
}


def _fy(day: date) -> str:
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}/{str(first + 1)[2:]}"


def _pick(rng: random.Random, n: int, directorates: tuple[str, ...] = ()) -> list[tuple[str, str, str, str]]:
    pool = [i for i in INDICATORS if not directorates or i[0] in directorates]
    return rng.sample(pool, min(n, len(pool)))


def performance_appendix(
    rng: random.Random,
    title: str,
    councils: list[Council],
    day: date,
    quarter: int,
    style: Style,
    label_form: str,
    months: bool,
    landscape: bool = True,
    arrows: bool = True,
    row_labels: tuple[str, str] = ("Outturn", "Target"),
) -> Appendix:
    """Exception tables per council, then per-indicator blocks with their series."""
    year = _fy(day)
    blocks: list[Block] = [
        Heading(title, 1),
        Para(
            "This appendix sets out performance against the indicators agreed by the partner councils, "
            "reported by exception."
        ),
    ]
    for k, council in enumerate(councils[:2]):
        stated = k % 2 == 0
        blocks.append(Heading(f"{council.name} Performance", 2))
        blocks.append(
            Para(
                "The following indicators achieved or exceeded their target (RAG rated = Green) this quarter."
                if stated
                else "The indicators below are shown with their RAG status for the quarter."
            )
        )
        blocks.append(
            exception_table(
                rng, _pick(rng, 6), council, year, quarter, not stated, style.rotate_merged, arrows
            )
        )
    directorate = None
    for _directorate, _area, indicator, kind in sorted(_pick(rng, 3, ("Environment", "Resources"))):
        if _directorate != directorate:
            directorate = _directorate
            blocks.append(Heading(directorate, 2))
        blocks.append(Heading(indicator, 3))
        blocks.append(Para("Measured cumulatively over the financial year.", bold=False))
        block, series = block_tables(
            rng, indicator, kind, directorate, councils, year, quarter, label_form, months, row_labels
        )
        blocks += [block, series]
        blocks.append(Para("Comment: performance is in line with the profile agreed for the year."))
    return Appendix(blocks, landscape)


def action_appendix(
    rng: random.Random,
    title: str,
    period: str,
    services: list[tuple[str, list[str]]],
    partners: list[str],
    variant: str,
    words: bool,
    themes: bool = False,
) -> Appendix:
    blocks: list[Block] = [Heading(title, 1), Para(period, bold=True)]
    for k, (service, refs) in enumerate(services):
        blocks.append(Heading(f"{service} Action Plan Update", 2))
        blocks.append(Para(f"Lead officer: Head of {service}"))
        theme = f"Theme {k + 1}: Customer access and value for money" if themes else None
        blocks.append(action_table(rng, service, refs, partners, variant, words, theme))
    return Appendix(blocks, True)


def _members(
    names: Names, councils: list[Council], rng: random.Random
) -> list[tuple[str | None, str | None, list[Person]]]:
    """Members under the headings of their councils ("ROYAL BOROUGH OF KINGSWOOD")."""
    out = []
    for council in councils:
        heading = council.long.upper()
        out.append((heading, council.name, names.people(rng.randint(2, 3), mayor=council is EASTPORT)))
    return out


def joint_waste(seed: int = 1) -> Pack:
    """Two councils, ruled Helvetica, rotated directorates, "RESOLVED:" minutes, "Page N" stamps."""
    rng, style = random.Random(seed), STYLES["ruled-helvetica"]
    names = Names(rng)
    committee = "Kingswood and Eastport Joint Waste Committee"
    day, previous = date(2020, 11, 17), date(2020, 9, 15)
    councils = [KINGSWOOD, EASTPORT]
    minutes = minutes_doc(
        rng,
        names,
        committee,
        "Committee",
        previous,
        date(2020, 7, 14),
        ("19:00", "20:35"),
        "Committee Room 1, Eastport Civic Centre",
        style.decisions,
        style.numbering,
        [
            "DECLARATIONS OF INTEREST",
            "MINUTES",
            "BUDGET MONITORING - QUARTER 1",
            "PERFORMANCE REPORT - QUARTER 1",
            "RECYCLING CONTRACT EXTENSION",
            "COMMUNICATIONS PLAN",
        ],
        start=12,
    )
    budget = report_doc(
        rng,
        names,
        committee,
        day,
        "Budget Monitoring Quarter 2 2020/21",
        "kingswood.gov.uk",
        [
            Heading("Background"),
            Para("The Committee receives a budget monitoring report each quarter."),
            Heading("Forecast outturn by service"),
            Para("The forecast for each service at the end of Quarter 2 is set out below."),
            financial_table(
                rng,
                "k_services",
                labels=["Waste collection", "Street cleansing", "Recycling centres", "Fleet"],
            ),
            Heading("Position by council"),
            Para("The shared position is split between the partner councils as follows."),
            financial_table(rng, "m_councils", councils),
        ],
        [
            "note the forecast outturn position at the end of Quarter 2;",
            "note the planned use of the joint waste reserve.",
        ],
        "The Committee is asked to:",
        "•",
        [
            "The forecast position at the end of Quarter 2 is an overspend of £0.312m, shared between the "
            "partner councils in line with the joint agreement."
        ],
    )
    performance = report_doc(
        rng,
        names,
        committee,
        day,
        "Joint Waste Performance Report Quarter 2",
        "eastport.gov.uk",
        [Heading("Background"), Para("Appendix 1 sets out the performance of the service for Quarter 2.")],
        ["To note the performance information for Quarter 2 attached at Appendix 1."],
        None,
        "1.",
        ["Not applicable"],
        with_phone=False,
    )
    perf_appendix = performance_appendix(
        rng,
        "Joint Waste Performance Information Quarter 2 (July – September 2020)",
        councils,
        day,
        2,
        style,
        "abbr_year",
        months=True,
    )
    plan = report_doc(
        rng,
        names,
        committee,
        day,
        "Joint Waste Action Plan Q2 Progress Update",
        "kingswood.gov.uk",
        [Heading("Progress"), Para("Progress against each action is set out in Appendix 1.")],
        ["To note the progress made against the Joint Waste Action Plan."],
        None,
        "1.",
        ["Not applicable"],
        with_email=False,
    )
    plan_appendix = action_appendix(
        rng,
        "Joint Waste Action Plan Monitoring",
        "Quarter 2: July – September 2020",
        [
            ("Waste Collection", ["AP-1.1", "AP-1.2", "AP-1.3", "AP-1.4"]),
            ("Street Cleansing", ["AP-2.1", "AP-2.2", "AP-2.3"]),
        ],
        ["ALL", "RBK", "ECC"],
        "classic",
        words=False,
    )
    nums = numbers(style.numbering, 7)
    items = [
        AgendaItem(nums[0], "APOLOGIES FOR ABSENCE", "To receive apologies for absence (if any)."),
        AgendaItem(
            nums[1],
            "DECLARATIONS OF INTEREST",
            "Members are invited to declare any interests in items on the agenda.",
        ),
        AgendaItem(
            nums[2],
            "MINUTES",
            "To approve as a correct record the minutes of the meeting held on 15 September 2020.",
            [minutes],
        ),
        AgendaItem(nums[3], "BUDGET MONITORING - QUARTER 2", None, [budget]),
        AgendaItem(nums[4], "PERFORMANCE REPORT - QUARTER 2", None, [performance, perf_appendix]),
        AgendaItem(
            nums[5],
            "JOINT WASTE ACTION PLAN UPDATE AND REVIEW OF THE RECYCLING CREDITS AGREEMENT BETWEEN THE "
            "PARTNER COUNCILS",
            None,
            [plan, plan_appendix],
        ),
        AgendaItem(
            nums[6], "URGENT BUSINESS", "To consider any other item which the Chair considers urgent."
        ),
    ]
    members = _members(names, councils, rng)
    front = FrontSheet(
        committee,
        f"{committee.upper()} AGENDA",
        day,
        "19:00",
        "Council Chamber, Kingswood Town Hall, High Street",
        members,
        ["Hannah Clay, Democratic Services Officer", "hannah.clay@kingswood.gov.uk"],
        items,
        notes=True,
        chair=members[0][2][0].name,
    )
    return Pack("variant-joint-waste", style, front)


def county_audit(seed: int = 2) -> Pack:
    """One council, unruled Times on Letter paper, a notice-style front sheet, "4a" numbers, table covers."""
    rng, style = random.Random(seed), STYLES["unruled-times-letter"]
    names = Names(rng)
    committee = "Audit and Governance Committee"
    day, previous = date(2021, 3, 9), date(2020, 12, 8)
    minutes = minutes_doc(
        rng,
        names,
        committee,
        "Committee",
        previous,
        date(2020, 9, 29),
        ("14:00", "15:50"),
        "Council Chamber, County Hall, Northtown",
        style.decisions,
        style.numbering,
        [
            "Declarations of Interest",
            "Minutes",
            "Treasury Management Strategy",
            "External Audit Plan",
            "Internal Audit Charter",
            "Contract Procedure Rules Review",
        ],
        closed=True,
        apologies_item=True,
    )
    treasury = report_doc(
        rng,
        names,
        committee,
        day,
        "Treasury Management Mid-Year Review 2020/21",
        "northshire.gov.uk",
        [
            Heading("2. Borrowing and investments"),
            Para("Capital schemes financed from borrowing are summarised below."),
            financial_table(rng, "cell_units"),
            Heading("3. Revenue budget"),
            Para("The treasury management revenue budget is summarised below."),
            financial_table(
                rng,
                "k_services",
                labels=[
                    "Interest payable",
                    "Interest receivable",
                    "Minimum revenue provision",
                    "Treasury management costs",
                ],
                minus=True,
                thousands="£'000",
            ),
        ],
        [
            "note the treasury management activity for the first half of the year;",
            "approve the revised prudential indicators set out in section 2.",
        ],
        "The Committee is recommended to:",
        "(a)",
        ["Interest receivable is forecast to fall short of the budget by £0.150m because of lower rates."],
    )
    audit = report_doc(
        rng,
        names,
        committee,
        day,
        "Internal Audit Progress Report",
        "northshire.gov.uk",
        [Heading("2. Progress"), Para("The appendix tracks the recommendations agreed with managers.")],
        ["That the Committee notes the progress made in implementing audit recommendations."],
        None,
        "1.",
        [],
        with_phone=False,
    )
    tracker = Appendix(
        [
            Heading("Internal Audit Recommendations Tracker", 1),
            Para("Position at 28 February 2021", bold=True),
            Heading("Payroll Audit Action Plan Update", 2),
            action_table(
                rng, "Payroll Audit", ["A12", "A13", "A14"], ["Payroll Manager", "Head of HR"], "owner", True
            ),
            Heading("Procurement Audit Action Plan Update", 2),
            action_table(rng, "Procurement Audit", ["A15", "A16"], ["Head of Procurement"], "owner", True),
            Heading("Service Indicators 2020/21", 2),
            target_table(rng, _pick(rng, 7), "2020/21", {}, style.rotate_merged),
        ],
        label="Appendix A",
    )
    nums = numbers(style.numbering, 6)
    items = [
        AgendaItem(nums[0], "Apologies for Absence", None),
        AgendaItem(nums[1], "Declarations of Interest", "Members to declare any interests."),
        AgendaItem(
            nums[2], "Minutes", "To confirm the minutes of the meeting held on 8 December 2020.", [minutes]
        ),
        AgendaItem(nums[3], "Treasury Management Mid-Year Review", None, [treasury]),
        AgendaItem(nums[4], "Internal Audit Progress Report", None, [audit, tracker]),
        AgendaItem(nums[5], "Urgent Business", None),
    ]
    members = names.people(6)
    front = FrontSheet(
        committee,
        committee,
        day,
        "14:00",
        "Council Chamber, County Hall, Northtown",
        [(None, None, members)],
        ["Rosa Kemp, Democratic Services", "rosa.kemp@northshire.gov.uk"],
        items,
        council_line=NORTHSHIRE.long.upper(),
        chair=members[0].name,
    )
    return Pack("variant-county-audit", style, front)


def shared_services(seed: int = 3) -> Pack:
    """Three councils, Courier, rule-framed tables, lettered items, labelled minutes, "Page N of M"."""
    rng, style = random.Random(seed), STYLES["frame-courier"]
    names = Names(rng)
    committee = "Westbridge, Northshire and Ashford Vale Shared Services Board"
    councils = [WESTBRIDGE, NORTHSHIRE, ASHFORD]
    day, previous = date(2019, 11, 28), date(2019, 9, 26)
    minutes = minutes_doc(
        rng,
        names,
        committee,
        "Board",
        previous,
        date(2019, 7, 18),
        ("10:00", "12:30"),
        "Room 4, Westbridge Civic Centre",
        style.decisions,
        style.numbering,
        [
            "ELECTION OF VICE-CHAIR",
            "DECLARATIONS OF INTEREST",
            "MINUTES",
            "REVENUE BUDGET MONITORING",
            "SHARED SERVICES PERFORMANCE",
        ],
    )
    budget = report_doc(
        rng,
        names,
        committee,
        day,
        "Shared Services Revenue Budget Monitoring Quarter 2",
        "westbridge.gov.uk",
        [
            Heading("Shared and non-shared positions"),
            Para("The position of each partner council is summarised in the table below."),
            financial_table(rng, "m_councils", councils),
            Heading("Reserve"),
            Para("Movements on the shared services reserve are set out below."),
            financial_table(rng, "pounds_reserve", councils),
        ],
        ["note the forecast outturn position;", "agree the planned use of the shared services reserve."],
        "The Board is asked to:",
        "a)",
        ["The shared services are forecast to underspend by £0.204m at the end of the year."],
    )
    performance = report_doc(
        rng,
        names,
        committee,
        day,
        "Shared Services Performance Quarter 2 2019/20",
        "northshire.gov.uk",
        [Heading("Performance"), Para("Appendix A reports performance by exception.")],
        ["To note the performance information attached at Appendix A."],
        None,
        "1.",
        ["Not applicable"],
    )
    perf_appendix = performance_appendix(
        rng,
        "Shared Services Performance Quarter 2 2019/20",
        councils,
        day,
        2,
        style,
        "abbr",
        months=False,
        arrows=False,
        row_labels=("Actual", "Threshold"),
    )
    plan = report_doc(
        rng,
        names,
        committee,
        day,
        "Shared Services Improvement Plan Update",
        "westbridge.gov.uk",
        [Heading("Progress"), Para("Appendix A sets out progress with each action.")],
        ["To note progress with the Shared Services Improvement Plan."],
        None,
        "1.",
        ["Not applicable"],
    )
    plan_appendix = action_appendix(
        rng,
        "Shared Services Improvement Plan Monitoring",
        "Quarter 2: July - September 2019",
        [("Revenues and Benefits", ["SS1", "SS2", "SS3"]), ("Human Resources", ["SS4", "SS5"])],
        ["LBW", "NCC", "AVDC", "ALL"],
        "reordered",
        words=True,
        themes=True,
    )
    nums = numbers(style.numbering, 7)
    items = [
        AgendaItem(nums[0], "APOLOGIES FOR ABSENCE", None),
        AgendaItem(nums[1], "DECLARATIONS OF INTEREST", None),
        AgendaItem(
            nums[2], "MINUTES", "To agree the minutes of the meeting held on 26 September 2019.", [minutes]
        ),
        AgendaItem(nums[3], "REVENUE BUDGET MONITORING", None, [budget]),
        AgendaItem(nums[4], "SHARED SERVICES PERFORMANCE - QUARTER 2", None, [performance, perf_appendix]),
        AgendaItem(nums[5], "SHARED SERVICES IMPROVEMENT PLAN", None, [plan, plan_appendix]),
        AgendaItem(nums[6], "ANY OTHER BUSINESS", None),
    ]
    front = FrontSheet(
        committee,
        f"{committee.upper()} AGENDA",
        day,
        "10:00",
        "Room 4, Westbridge Civic Centre",
        _members(names, councils, rng),
        ["Ola Adeyemi, Governance Officer", "ola.adeyemi@westbridge.gov.uk"],
        items,
    )
    return Pack("variant-shared-services", style, front)


def health_scrutiny(seed: int = 4) -> Pack:
    """No page stamps, Letter paper, bold-only ruled headers, "4.1" numbering, table covers."""
    rng, style = random.Random(seed), STYLES["bold-header-unstamped"]
    names = Names(rng)
    committee = "Kingswood and Eastport Joint Health Scrutiny Committee"
    councils = [KINGSWOOD, EASTPORT]
    day, previous = date(2022, 2, 10), date(2021, 11, 11)
    minutes = minutes_doc(
        rng,
        names,
        committee,
        "Committee",
        previous,
        date(2021, 9, 9),
        ("18:30", "20:10"),
        "Council Chamber, Eastport Guildhall",
        style.decisions,
        style.numbering,
        [
            "DECLARATIONS OF INTEREST",
            "MINUTES",
            "PUBLIC HEALTH BUDGET",
            "HEALTH IMPROVEMENT PERFORMANCE",
            "SEXUAL HEALTH SERVICES CONTRACT",
            "WORK PROGRAMME",
        ],
    )
    budget = report_doc(
        rng,
        names,
        committee,
        day,
        "Public Health Budget 2022/23",
        "eastport.gov.uk",
        [
            Heading("2. Budget proposals"),
            Para("The proposed budget for each programme is shown below."),
            financial_table(
                rng,
                "k_services",
                labels=["Sexual health", "Substance misuse", "Healthy child programme", "Stop smoking"],
            ),
        ],
        ["That the Committee comments on the proposed public health budget for 2022/23."],
        None,
        "1.",
        ["The public health grant for 2022/23 is £14.2m, an increase of 2.8% on the previous year."],
    )
    performance = report_doc(
        rng,
        names,
        committee,
        day,
        "Health Improvement Performance Quarter 3",
        "kingswood.gov.uk",
        [Heading("2. Performance"), Para("Appendix 1 sets out performance for both councils.")],
        [
            "That the Committee notes the performance report.",
            "That the Committee identifies any areas for further scrutiny.",
        ],
        None,
        "1.",
        ["None arising from this report."],
    )
    year = _fy(day)
    appendix = Appendix(
        [
            Heading("Health Improvement Performance Quarter 3 2021/22", 1),
            Heading("Performance by council", 2),
            Para("Quarter 3 outturn for each partner council is shown below."),
            council_columns_table(rng, _pick(rng, 6), councils, year, 3),
            Heading("Kingswood Performance", 2),
            Para(
                "The following indicators achieved or exceeded their target (RAG rated = Green) this quarter."
            ),
            # Long enough to run over a page break, its header repeated.
            exception_table(rng, _pick(rng, 15), KINGSWOOD, year, 3, False, style.rotate_merged),
            Heading("Targets for the year", 2),
            target_table(rng, _pick(rng, 8), year, {}, style.rotate_merged),
        ],
        label="Appendix 1",
    )
    nums = numbers(style.numbering, 7)
    items = [
        AgendaItem(nums[0], "APOLOGIES FOR ABSENCE", None),
        AgendaItem(nums[1], "DECLARATIONS OF INTEREST", None),
        AgendaItem(
            nums[2], "MINUTES", "To approve the minutes of the meeting held on 11 November 2021.", [minutes]
        ),
        AgendaItem(nums[3], "PUBLIC HEALTH BUDGET 2022/23", None, [budget]),
        AgendaItem(nums[4], "HEALTH IMPROVEMENT PERFORMANCE", None, [performance, appendix]),
        AgendaItem(nums[5], "WORK PROGRAMME", "To note the work programme for the year."),
        AgendaItem(nums[6], "DATE OF NEXT MEETING", None),
    ]
    front = FrontSheet(
        committee,
        f"{committee.upper()} AGENDA",
        day,
        "18:30",
        "Council Chamber, Eastport Guildhall",
        _members(names, councils, rng),
        ["Sunil Dutta, Scrutiny Officer", "sunil.dutta@eastport.gov.uk"],
        items,
    )
    return Pack("variant-health-scrutiny", style, front)


def scrutiny_minutes(seed: int = 5) -> Pack:
    """A single set of minutes in Times, headed "Minutes of the meeting of ... held on ..."."""
    rng, style = random.Random(seed), STYLES["minutes-times"]
    names = Names(rng)
    committee = "Overview and Scrutiny Panel"
    minutes = minutes_doc(
        rng,
        names,
        committee,
        "Panel",
        date(2021, 6, 22),
        date(2021, 3, 16),
        ("19:30", "21:05"),
        "Committee Room 2, Kingswood Town Hall",
        style.decisions,
        style.numbering,
        [
            "ELECTION OF CHAIR AND VICE-CHAIR",
            "DECLARATIONS OF INTEREST",
            "MINUTES",
            "CUSTOMER SERVICES REVIEW",
            "LIBRARY SERVICES CONTRACT",
            "WORK PROGRAMME 2021/22",
            "URGENT BUSINESS",
        ],
        start=1,
        closed=True,
    )
    return Pack("variant-scrutiny-minutes", style, documents=[minutes], committee=committee)


def legal_targets(seed: int = 6) -> Pack:
    """A single report with an appendix of KPI targets: rotated merged service cells, "(NCC only)"."""
    rng, style = random.Random(seed), STYLES["report-bare-stamp"]
    names = Names(rng)
    committee = "Northshire and Westbridge Shared Legal Service Joint Committee"
    day = date(2020, 7, 16)
    pool = _pick(rng, 12)
    only = {pool[6][2]: NORTHSHIRE, pool[9][2]: WESTBRIDGE}
    report = report_doc(
        rng,
        names,
        committee,
        day,
        "Shared Legal Service Performance Framework 2020/21",
        "northshire.gov.uk",
        [
            Heading("Background"),
            Para(
                "Northshire County Council and the London Borough of Westbridge agreed a shared legal "
                "service in 2017."
            ),
            Para("The indicators and targets for 2020/21 are set out in Appendix 1."),
        ],
        [
            "agree the performance indicators and targets for 2020/21 set out in Appendix 1;",
            "agree that performance is reported to the Joint Committee each quarter.",
        ],
        "The Joint Committee is asked to:",
        "1.",
        ["There are no direct financial implications."],
    )
    appendix = Appendix(
        [
            Heading("Appendix 1: Strategic and Operational Indicators", 1),
            Heading("Strategic Indicators", 2),
            target_table(rng, pool[:4], "2020/21", {}, False, with_service=False),
            Heading("Operational Indicators", 2),
            target_table(rng, pool[4:], "2020/21", only, style.rotate_merged),
        ]
    )
    return Pack("variant-legal-targets", style, documents=[report, appendix], committee=committee)


PACKS: dict[str, Callable[[], Pack]] = {
    "joint-waste": joint_waste,
    "county-audit": county_audit,
    "shared-services": shared_services,
    "health-scrutiny": health_scrutiny,
    "scrutiny-minutes": scrutiny_minutes,
    "legal-targets": legal_targets,
}

from tests.variants.packs_grid import GRID_PACKS  # noqa: E402
from tests.variants.packs_text import TEXT_PACKS  # noqa: E402

PACKS.update(TEXT_PACKS)
PACKS.update(GRID_PACKS)

from tests.variants.packs_tables import TABLE_PACKS  # noqa: E402

PACKS.update(TABLE_PACKS)
