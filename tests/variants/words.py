"""Invented councils, people, indicators and the sentences committee papers are made of.

Nothing here names a real council or committee: the variants exist to show that the
extractors read papers they were not written against.
"""

from __future__ import annotations

import random

from tests.variants.spec import Council, Person

KINGSWOOD = Council("Kingswood", "Royal Borough of Kingswood", "RBK")
EASTPORT = Council("Eastport", "Eastport City Council", "ECC")
NORTHSHIRE = Council("Northshire", "Northshire County Council", "NCC")
WESTBRIDGE = Council("Westbridge", "London Borough of Westbridge", "LBW")
ASHFORD = Council("Ashford Vale", "Ashford Vale District Council", "AVDC")

_FIRST = [
    "Amelia",
    "Oliver",
    "Priya",
    "Thomas",
    "Grace",
    "Hassan",
    "Eleanor",
    "Marcus",
    "Sian",
    "Declan",
    "Fatima",
    "George",
    "Ruth",
    "Kwame",
    "Isla",
    "Patrick",
    "Leona",
    "Arjun",
    "Bethany",
    "Colin",
    "Yusuf",
    "Margaret",
    "Ewan",
    "Nadia",
    "Rhys",
    "Harriet",
    "Tobias",
    "Mei",
    "Callum",
    "Agnes",
]
_LAST = [
    "Ashworth",
    "Okafor",
    "Brennan",
    "Castellano",
    "Davies",
    "Fairclough",
    "Gill",
    "Hartley",
    "Iqbal",
    "Jennings",
    "Kowalski",
    "Lambert",
    "Mensah",
    "Norris",
    "O'Hara",
    "Pritchard",
    "Quinlan",
    "Rahman",
    "Sutcliffe",
    "Thorne",
    "Underwood",
    "Varga",
    "Whitfield",
    "Yeo",
    "Ellery",
    "Marsh",
    "Penrose",
    "Halloran",
    "Beckett",
    "Darby",
]

JOBS = (
    "Head of Finance",
    "Director of Resources",
    "Performance and Improvement Manager",
    "Strategic Lead for Waste Services",
    "Head of Internal Audit",
    "Programme Manager",
    "Chief Accountant",
)


class Names:
    """Distinct invented people, drawn without repeats."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def name(self) -> str:
        while True:
            name = f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"
            if name not in self.used:
                self.used.add(name)
                return name

    def people(self, n: int, mayor: bool = False) -> list[Person]:
        people = [Person(self.name()) for _ in range(n)]
        if mayor:
            people[-1] = Person(people[-1].name, "Mayor")
        return people


def email(name: str, domain: str) -> str:
    first, *_, last = name.replace("'", "").split()
    return f"{first.lower()}.{last.lower()}@{domain}"


def phone(rng: random.Random) -> str:
    forms = (
        lambda: f"01632 {rng.randint(100, 999)} {rng.randint(100, 999)}",
        lambda: f"020 7946 {rng.randint(1000, 9999)}",
        lambda: f"0113 496 {rng.randint(1000, 9999)}",
        lambda: f"Ext. {rng.randint(2000, 7999)}",
    )
    return rng.choice(forms)()


# (directorate, service area, indicator, kind of figure)
INDICATORS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Environment",
        "Waste Collection",
        "% of household waste sent for reuse, recycling and composting",
        "pct",
    ),
    ("Environment", "Waste Collection", "Missed collections per 100,000 collections", "plain"),
    ("Environment", "Street Cleansing", "% of streets with unacceptable levels of litter", "pct"),
    ("Environment", "Street Cleansing", "Average time to remove fly-tips", "days"),
    ("Resources", "Revenues", "% of Council Tax collected", "pct"),
    ("Resources", "Revenues", "% of business rates collected", "pct"),
    ("Resources", "Benefits", "Average time to process new benefit claims", "days"),
    ("Resources", "Customer Services", "% of calls answered within 60 seconds", "pct"),
    ("Resources", "Customer Services", "Customer satisfaction rating", "score"),
    ("Resources", "Property", "Commercial rent income collected", "money_k"),
    ("Resources", "Property", "Capital receipts achieved against forecast", "money_m"),
    ("Governance", "Human Resources", "Average working days lost to sickness per FTE", "days"),
    ("Governance", "Human Resources", "Number of apprentices in post", "count"),
    ("Governance", "Legal Services", "% of standard contracts issued within 10 working days", "pct"),
    ("Governance", "Legal Services", "Number of complaints upheld by the Ombudsman", "count"),
)

DISCUSSION = (
    "Members asked how the position compared with neighbouring authorities.",
    "The Head of Service explained that recruitment to two vacant posts had now been completed.",
    "It was noted that the figures remained provisional until the year-end audit.",
    "Members welcomed the improvement in performance over the quarter.",
    "In response to a question, officers confirmed that a revised timetable would be circulated.",
    "It was noted that demand for the service had risen by around a tenth since the spring.",
    "A Member suggested that future reports should include a comparison with the previous year.",
    "Officers reported that the contract had been extended by six months while options were reviewed.",
    "Concern was expressed about the number of vacancies in the team.",
    "The Chair thanked officers for a clear and detailed report.",
    "Members were advised that the service had received a few formal complaints during the period.",
    "The Director explained the reasons for the variance and the steps being taken to recover the position.",
    "A Member asked whether the partner councils had been consulted on the proposed changes.",
    "Officers confirmed that the new arrangements would be reviewed after six months of operation.",
    "It was noted that the service had been shortlisted for a national award.",
    "Members discussed the impact of the pandemic on demand for the service and on staff.",
    "Members asked about the main pressures, e.g. agency staff and vehicle hire, and how to manage them.",
    "The forecast overspend had fallen to £0.35m since the last report.",
    "Cllr. Okafor asked whether the savings of £1.2m would be achieved in full.",
)

REPORT_TEXT = (
    "This report sets out the position at the end of the second quarter of the financial year.",
    "The figures are drawn from the finance system at the end of the period and remain subject to audit.",
    "Officers continue to monitor the position closely and will report any material change to the Committee.",
    "Performance has improved in most service areas compared with the same period last year.",
    "Where performance is below target, the commentary sets out the actions being taken in response.",
    "The partner councils agreed the targets for the year through their budget-setting processes.",
    "Demand for several services remains higher than was assumed when the budget was set.",
    "The service will continue to review its processes to reduce costs and improve outcomes for residents.",
)

ACTION_TEXT = (
    "Review the service operating model with partner councils and agree a revised structure",
    "Introduce a single case-management system for all enquiries received by the service",
    "Complete the procurement of a new fleet maintenance contract",
    "Publish service standards for each partner council and report performance against them",
    "Deliver the training programme for managers on budget management and financial control",
    "Agree a data-sharing protocol between the partner councils",
    "Carry out a customer survey and use the results to shape the service plan",
    "Refresh the workforce plan, including apprenticeships and succession planning",
)

OUTCOME_TEXT = (
    "Services are delivered at lower cost with no reduction in quality for residents",
    "Partner councils receive clear and timely information on performance",
    "Improved satisfaction with the service among residents and partner councils",
    "Reduced reliance on agency staff and a more stable workforce",
    "Better value for money through joint purchasing",
)

PROGRESS_TEXT = (
    "The review has started and the first workshops with partner councils took place in September.",
    "The system has been procured and configuration is under way with a go-live date in the spring.",
    "Tenders were received in August and are being evaluated against the published criteria.",
    "Standards have been drafted and shared with the partner councils for comment.",
    "Two cohorts of managers have completed the programme and a third is planned.",
    "Delays in agreeing the protocol mean this action is behind schedule.",
)

NEXT_TEXT = (
    "Report the findings of the review to the next meeting of the Committee.",
    "Complete user testing and train staff before go-live.",
    "Award the contract and mobilise the new provider.",
    "Publish the standards and start quarterly reporting.",
    "Evaluate the programme and agree the plan for next year.",
)
