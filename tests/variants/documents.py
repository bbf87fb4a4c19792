"""Minutes and reports with invented content, worded the way a pack's style says.

Minutes record decisions either as "RESOLVED: That ..." (with numbered resolutions under
a "RESOLVED:" line) or as "It was agreed that ..." / "The Committee noted ..." sentences,
mixed with sentences that only report discussion ("It was noted that ...").
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

from tests.variants.papers import councillors, long_date
from tests.variants.spec import Block, MinuteItem, Minutes, Person, Report, Sentence, resolution
from tests.variants.words import DISCUSSION, JOBS, REPORT_TEXT, Names, email, phone


def numbers(numbering: str, count: int, start: int = 1) -> list[str]:
    """Item numbers of a numbering scheme: 4, 5...; 4a, 4b...; 4.1, 4.2...; or B, C...

    Sub-numbered schemes split the fourth item in two ("4a", "4b" or "4.1", "4.2").
    """
    if numbering == "alpha":
        return [chr(ord("A") + start - 1 + k) for k in range(count)]
    out: list[str] = []
    n = start
    while len(out) < count:
        if numbering in ("sub", "dotted") and len(out) == 3:
            out += [f"{n}a", f"{n}b"] if numbering == "sub" else [f"{n}.1", f"{n}.2"]
        else:
            out.append(str(n))
        n += 1
    return out[:count]


def _discussion(rng: random.Random, n: int) -> list[list[Sentence]]:
    """``n`` paragraphs of one to three sentences that report discussion only."""
    picked = rng.sample(DISCUSSION, 3 * n)
    return [[Sentence(text) for text in picked[3 * k : 3 * k + rng.randint(1, 3)]] for k in range(n)]


def _decision(rng: random.Random, resolved: bool, body: str) -> list[list[Sentence]]:
    """The paragraphs that record what was decided on a report, in one of the usual wordings."""
    form = rng.randrange(3)
    if resolved and form == 0:
        return resolution(
            "RESOLVED:",
            "(1) That the report be noted.",
            "(2) That officers circulate a briefing note on the proposals to all Members.",
        )
    if resolved:
        wording = (
            "RESOLVED – That the recommendations set out in the report be approved.",
            "RESOLVED: That the report be noted and a further update be provided in six months.",
        )[form - 1]
        return [[Sentence(wording, True)]]
    if form == 0:
        return [
            [
                Sentence(rng.choice(DISCUSSION)),
                Sentence(
                    f"It was agreed that a further report would be brought to the next meeting of the "
                    f"{body}.",
                    True,
                ),
            ],
            [Sentence(f"The {body} noted the report.", True)],
        ]
    if form == 1:
        return [
            [
                Sentence(
                    "Members were advised that the proposals had been discussed with the partner councils."
                )
            ],
            [
                Sentence(
                    "Members unanimously agreed to recommend the proposals to the partner councils.", True
                )
            ],
        ]
    return [
        [
            Sentence(f"The {body} agreed the recommendations set out in the report.", True),
            Sentence("The report was noted.", True),
        ],
        [
            Sentence(
                "It was agreed that Cllr. Rahman would meet officers to discuss the use of the "
                "£0.25m reserve.",
                True,
            )
        ],
    ]


def minute_items(
    rng: random.Random,
    style_decisions: str,
    committee_word: str,
    numbers_: Sequence[str],
    titles: Sequence[str],
    previous: date,
    people: Sequence[Person],
    apologies: Sequence[Person] = (),
) -> list[MinuteItem]:
    """Minutes for the given item titles; the kind of each item follows from its title."""
    resolved = style_decisions == "resolved"
    items = []
    for number, title in zip(numbers_, titles, strict=True):
        low = title.lower()
        bullets: set[int] = set()
        if "apologies" in low:
            paras = [[Sentence(f"Apologies for absence were received from {councillors(apologies)}.")]]
        elif "interest" in low:
            if rng.random() < 0.5:
                paras = [[Sentence("There were no declarations of interest.")]]
            else:
                who = rng.choice(people).name
                paras = [
                    [
                        Sentence(
                            f"Councillor {who} declared a non-pecuniary interest in the item on the "
                            "action plan as a trustee of a local charity."
                        )
                    ]
                ]
        elif low.startswith("minutes"):
            when = long_date(previous, weekday=False)
            text = (
                f"RESOLVED: That the minutes of the meeting held on {when} be approved as a correct record."
                if resolved
                else f"The minutes of the meeting held on {when} were agreed as a correct record and "
                "signed by the Chair."
            )
            paras = [[Sentence(text, True)]]
        elif "election" in low:
            chair, vice = rng.sample(list(people), 2)
            paras = [
                [
                    Sentence(
                        "Nominations were sought for the position of Chair for the "
                        f"{previous.year}/{str(previous.year + 1)[2:]} municipal year."
                    )
                ],
                [
                    Sentence(f"Councillor {chair.name} was elected Chair of the {committee_word}.", True),
                    Sentence(f"Councillor {vice.name} was appointed Vice-Chair.", True),
                ],
            ]
        elif "urgent" in low or "other business" in low:
            paras = [[Sentence("There was no urgent business.")]]
        elif "contract" in low:
            paras = [
                *_discussion(rng, 1),
                [Sentence("Consideration of the item was deferred to the next meeting.", True)],
            ]
        else:
            paras = _discussion(rng, rng.randint(2, 3))
            if "communication" in low or rng.random() < 0.3:
                paras.append([Sentence("Members raised the following points:")])
                start = len(paras)
                paras += [
                    [Sentence("the cost of agency staff in the service;")],
                    [Sentence("the timetable for the customer survey; and")],
                    [Sentence("the need for clearer reporting to the partner councils.")],
                ]
                bullets = set(range(start, len(paras)))
            paras += _decision(rng, resolved, committee_word)
        items.append(MinuteItem(number, title, paras, bullets))
    return items


def minutes_doc(
    rng: random.Random,
    names: Names,
    committee: str,
    committee_word: str,
    day: date,
    previous: date,
    times: tuple[str, str | None],
    venue: str,
    style_decisions: str,
    numbering: str,
    titles: Sequence[str],
    start: int = 1,
    closed: bool = False,
    apologies_item: bool = False,
) -> Minutes:
    """Minutes of a meeting; with ``apologies_item`` the apologies are minuted as the first item."""
    chair = Person(names.name())
    present = names.people(rng.randint(3, 5), mayor=rng.random() < 0.5)
    apologies = names.people(rng.randint(1, 2))
    if apologies_item:
        titles = ["APOLOGIES FOR ABSENCE" if titles[0].isupper() else "Apologies for Absence", *titles]
    items = minute_items(
        rng,
        style_decisions,
        committee_word,
        numbers(numbering, len(titles), start),
        titles,
        previous,
        present,
        apologies,
    )
    return Minutes(
        committee, day, times[0], times[1], venue, chair, present, apologies, items, closed, apologies_item
    )


def report_doc(
    rng: random.Random,
    names: Names,
    committee: str,
    day: date,
    title: str,
    domain: str,
    body: list[Block],
    recommendations: Sequence[str],
    rec_intro: str | None,
    rec_marker: str,
    finance: Sequence[str] = (),
    with_email: bool = True,
    with_phone: bool = True,
) -> Report:
    author = names.name()
    return Report(
        committee=committee,
        day=day,
        title=title,
        author=author,
        job=rng.choice(JOBS),
        email=email(author, domain) if with_email else None,
        phone=phone(rng) if with_phone else None,
        finance=list(finance),
        summary=rng.sample(REPORT_TEXT, 2),
        rec_intro=rec_intro,
        recommendations=list(recommendations),
        rec_marker=rec_marker,
        body=body,
    )
