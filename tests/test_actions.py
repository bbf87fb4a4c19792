"""Action records from improvement / action-plan tables."""

from __future__ import annotations

import json
from pathlib import Path

from extractors.actions import extract_actions
from extractors.table_kinds import classify_table
from tests.test_kpis import SOURCE, _load_scorer, make_table


def test_columns_matched_by_heading_wording_in_any_order():
    table = make_table(
        "T001",
        [["Action ref", "Lead", "Due date", "Action", "RAG", "Update", "Expected outcome", "Next steps"]],
        [
            [
                "AP-3.2",
                "RBG",
                "31 March 2024",
                "Review the fleet",
                "A",
                "Tender issued",
                "Lower cost",
                "Award",
            ],
            ["AP-3.3", "BCC", "June 2024", "Close the depot", "Green", "On track", "Savings", ""],
        ],
        headings=["Transport Action Plan Progress"],
    )
    assert classify_table(table) == "action_plan"
    first, second = extract_actions([table], SOURCE)
    assert first.model_dump(exclude={"prov"}) == {
        "ref": "AP-3.2",
        "partner": "RBG",
        "delivery": "Review the fleet",
        "outcome": "Lower cost",
        "target_date": "31 March 2024",
        "status": "amber",
        "progress": "Tender issued",
        "next_steps": "Award",
        "service": "Transport Action Plan Progress",
        "source_table": "T001",
    }
    assert (second.status, second.next_steps) == ("green", None)
    assert first.prov.pdf_page == 3 and first.prov.bbox is not None


def test_row_split_by_a_page_break_is_one_action():
    table = make_table(
        "T002",
        [
            [
                "Ref",
                "Partner",
                "Delivery",
                "Outcome",
                "Target Date",
                "Status",
                "Progress Comments",
                "Next Steps",
            ]
        ],
        [
            [
                "A12",
                "ALL",
                "Approve the plan",
                "Priorities embedded",
                "5th April",
                "G",
                "The plan was",
                "Continue",
            ],
            ["", "", "by partner councils", "in services", "2024", "", "agreed in July.", "to implement"],
            ["A13", "ALL", "Agree resources", "Resourced plan", "May 2024", "R", "Delayed", "Escalate"],
        ],
        headings=["All Services Improvement Plan Update"],
    )
    first, second = extract_actions([table], SOURCE)
    assert first.ref == "A12"
    assert first.delivery == "Approve the plan by partner councils"
    assert first.target_date == "5th April 2024"
    assert first.progress == "The plan was agreed in July."
    assert (second.ref, second.status) == ("A13", "red")


def test_service_drops_the_ending_all_plan_headings_share():
    header = [
        ["IP Ref", "Partner", "Delivery Objectives", "Outcome", "Status", "Target Date", "Progress", "Next"]
    ]
    row = ["IP1", "ALL", "Deliver", "Done", "G", "2024", "Going", "More"]
    plans = [
        make_table(
            f"T{i}",
            header,
            [row],
            headings=["Improvement Plan Monitoring", f"{name} Improvement Plan Update"],
        )
        for i, name in enumerate(["All Services", "Asset Management", "Finance and Procurement", "ICT"])
    ]
    assert [a.service for a in extract_actions(plans, SOURCE)] == [
        "All Services",
        "Asset Management",
        "Finance and Procurement",
        "ICT",
    ]


def test_header_repeated_on_a_later_page_is_not_an_action():
    header = ["No.", "Action", "Owner", "Deadline", "Status", "Comments"]
    table = make_table(
        "T003",
        [header],
        [
            ["1", "Publish the strategy", "Director", "May", "G", "Done"],
            header,
            ["2", "Hire", "HR", "June", "A", "-"],
        ],
        headings=["Workforce actions"],
    )
    assert [(a.ref, a.partner, a.status) for a in extract_actions([table], SOURCE)] == [
        ("1", "Director", "green"),
        ("2", "HR", "amber"),
    ]


def test_tables_that_are_not_action_plans_give_no_actions():
    legend = make_table("T004", [], [["R", "Progress is behind schedule"], ["G", "Progress is on track"]])
    kpis = make_table("T005", [["KPI", "Target", "Quarter 1"]], [["% paid on time", "95%", "97%"]])
    assert extract_actions([legend, kpis], SOURCE) == []


def test_corpus_actions_score(corpus_dir: Path):
    """Action-plan tables as the truth gives them give the truth's action records."""
    score = _load_scorer(corpus_dir)
    tally = score.Tally()
    for truth_path in sorted(corpus_dir.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text())
        tables = [
            make_table(
                t["id"],
                t["header"],
                t["rows"],
                headings=[t["section_title"]] if t["section_title"] else [],
                spans=t["spans"],
                page=t["pdf_page"],
            )
            for t in truth["tables"]
        ]
        pred = {"actions": [a.model_dump(exclude={"prov"}) for a in extract_actions(tables, SOURCE)]}
        score.score_actions(truth, pred, tally)
        truth_services = {(a["ref"], a["service"]) for a in truth["actions"]}
        assert {(a["ref"], a["service"]) for a in pred["actions"]} == truth_services
    assert tally.f1 >= 0.95, tally.misses[:10]


def test_theme_rows_between_actions_are_neither_actions_nor_continuations():
    table = make_table(
        "T006",
        [["Ref", "Action", "Owner", "Due", "RAG", "Progress"]],
        [
            ["Theme 1: Governance and assurance", "", "", "", "", ""],
            ["1.1", "Publish the constitution", "Monitoring Officer", "May", "G", "Published"],
            ["", "", "", "", "", "in April."],
            ["Theme 2: Workforce", "", "", "", "", ""],
            ["2.1", "Recruit to vacancies", "HR", "June", "R", "Campaign failed"],
        ],
        headings=["Corporate Action Plan"],
    )
    actions = extract_actions([table], SOURCE)
    assert [(a.ref, a.progress, a.status) for a in actions] == [
        ("1.1", "Published in April.", "green"),
        ("2.1", "Campaign failed", "red"),
    ]


def test_reference_alone_on_its_row_keeps_the_text_that_follows():
    table = make_table(
        "T007",
        [["Ref", "Action", "Owner", "Due", "RAG", "Progress"]],
        [["B7", "", "", "", "", ""], ["", "Renew the lease", "Estates", "July", "A", "In negotiation"]],
        headings=["Estates Action Plan"],
    )
    assert [(a.ref, a.delivery, a.status) for a in extract_actions([table], SOURCE)] == [
        ("B7", "Renew the lease", "amber")
    ]


def test_heading_ending_in_a_number_word_is_the_reference_column():
    table = make_table(
        "T001",
        [["Action", "Action No.", "Timescale", "Status", "Responsible Officer", "Progress update"]],
        [
            ["Review the fleet", "SP-04", "Q4 2024/25", "At risk", "Head of Transport", "Tender issued"],
            ["Close the depot", "A3", "31/03/2025", "On track", "Head of Estates", "Staff consulted"],
        ],
        headings=["Transport Action Plan"],
    )
    assert classify_table(table) == "action_plan"
    first, second = extract_actions([table], SOURCE)
    assert (first.ref, first.delivery, first.target_date, first.status) == (
        "SP-04",
        "Review the fleet",
        "Q4 2024/25",
        "amber",
    )
    assert (second.ref, second.partner, second.status) == ("A3", "Head of Estates", "green")
