"""Decisions by committee and topic (full-text search), KPI values per council across periods."""

from __future__ import annotations

from datetime import date

from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from pipeline.db import alembic_config, make_engine
from pipeline.query.meetings import link_meetings
from pipeline.query.search import (
    END_MARK,
    MARK,
    decisions,
    fts5_query,
    kpi_history,
    matching_items,
    period_key,
)
from schemas.records import DocumentExtraction, DocumentMeta, Kpi, KpiSeriesPoint
from tests.records import item, load, minutes_doc, pack_doc, prov, sample_extraction, sha_of

MARCH, JUNE, SEPTEMBER = date(2022, 3, 10), date(2022, 6, 9), date(2022, 9, 8)


def _minutes_of_three_meetings(engine) -> None:
    march = [
        item(
            "5",
            "HOUSING REPAIRS CONTRACT",
            "The contract with the repairs contractor was reviewed.",
            [("agreed", "It was agreed to extend the repairs contract by a year.")],
        ),
        item(
            "6",
            "PAYROLL SYSTEM",
            "Officers reported that the new payroll system would go live in May.",
            [("noted", "The Committee noted the report.")],
        ),
    ]
    june = [
        item(
            "12",
            "MINUTES",
            "The minutes of 10 March 2022 were agreed.",
            [("agreed", "The minutes of the meeting held on 10 March 2022 were agreed as a correct record.")],
        ),
        item(
            "13",
            "PAYROLL SYSTEM UPDATE",
            "Go-live of the payroll systems had slipped to October.",
            [
                ("noted", "The Committee noted the revised timetable."),
                ("agreed", "It was agreed that a further report be brought in September."),
            ],
        ),
    ]
    planning = [
        item(
            "3",
            "LOCAL PLAN",
            "The draft local plan was considered.",
            [("approved", "The draft local plan was approved.")],
        ),
    ]
    for doc in (
        minutes_doc("audit-march.pdf", "Audit Committee", MARCH, march),
        pack_doc("audit-june-pack.pdf", "AUDIT COMMITTEE", SEPTEMBER, minutes_of=JUNE, minute_items=june),
        minutes_doc("audit-june.pdf", "Audit Committee", JUNE, june),
        minutes_doc("planning-june.pdf", "Planning Committee", JUNE, planning),
    ):
        load(engine, doc)
    link_meetings(engine)


def test_a_topic_finds_the_decisions_of_items_that_discuss_it_in_date_order(db_url):
    engine = make_engine(db_url)
    _minutes_of_three_meetings(engine)
    found = decisions(engine, topic="payroll")
    assert [(d.meeting_date, d.item_number, d.kind) for d in found] == [
        (MARCH, "6", "noted"),
        (JUNE, "13", "noted"),
        (JUNE, "13", "agreed"),
    ]
    # The June minutes are printed on their own and again in the September pack: one entry, two sources.
    assert [f for f, _ in found[1].sources] == ["audit-june-pack.pdf", "audit-june.pdf"]


def test_topic_search_stems_words_and_takes_phrases_or_and_exclusions(db_url):
    engine = make_engine(db_url)
    _minutes_of_three_meetings(engine)

    def numbers(topic: str) -> list[str]:
        return [d.item_number for d in decisions(engine, topic=topic)]

    assert numbers("payroll systems") == ["6", "13", "13"]  # "systems" matches "system"
    assert numbers('"repairs contract"') == ["5"]
    assert numbers("repairs OR plan") == ["5", "3"]
    assert numbers("payroll -October") == ["6"]
    assert numbers("nothing-like-this") == []


def test_decisions_per_committee_and_between_dates(db_url):
    engine = make_engine(db_url)
    _minutes_of_three_meetings(engine)
    planning = decisions(engine, committee="planning")
    assert [(d.committee, d.text) for d in planning] == [
        ("Planning Committee", "The draft local plan was approved.")
    ]
    audit = decisions(engine, committee="AUDIT")
    assert {d.committee for d in audit} == {"Audit Committee"} and len(audit) == 5
    assert [d.meeting_date for d in decisions(engine, since=JUNE, until=JUNE, committee="audit")] == [
        JUNE
    ] * 3


def test_minutes_never_linked_to_a_meeting_still_appear(db_url):
    engine = make_engine(db_url)
    load(
        engine,
        minutes_doc("m.pdf", "Licensing Committee", MARCH, [item("1", "A", "B", [("agreed", "Agreed.")])]),
    )
    [entry] = decisions(engine)
    assert (entry.meeting_id, entry.committee, entry.meeting_date) == (None, "Licensing Committee", MARCH)


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_any_topic_text_is_a_valid_fts5_query(topic):
    engine = _fts_engine()
    query = fts5_query(topic)
    if query:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM t WHERE t MATCH :q"), {"q": query}).scalar()


_ENGINE = []


def _fts_engine():
    if not _ENGINE:
        engine = create_engine("sqlite://")
        with engine.begin() as conn:
            conn.execute(text("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')"))
            conn.execute(text("INSERT INTO t VALUES ('the payroll system was agreed')"))
        _ENGINE.append(engine)
    return _ENGINE[0]


def test_fts5_queries_quote_every_term():
    assert fts5_query("oracle") == '"oracle"'
    assert fts5_query('oracle "fusion project" OR erp -cancelled') == (
        '("oracle" AND ("fusion project" OR "erp")) NOT ("cancelled")'
    )
    assert fts5_query("NEAR(a b) AND *") == '"NEAR(a" AND "b)" AND "AND" AND "*"'
    assert fts5_query("  ") == "" and fts5_query("-only") == ""


def test_the_search_index_follows_changes_to_minute_items(db_url):
    engine = make_engine(db_url)
    doc = minutes_doc("m.pdf", "Audit Committee", MARCH, [item("1", "PENSIONS", "Pensions were discussed.")])
    load(engine, doc)
    with engine.connect() as conn:
        assert len(matching_items(conn, "pensions")) == 1
    load(
        engine,
        minutes_doc("m.pdf", "Audit Committee", MARCH, [item("1", "INSURANCE", "Insurance was discussed.")]),
    )
    with engine.connect() as conn:
        assert matching_items(conn, "pensions") == set()
        assert len(matching_items(conn, "insurance")) == 1


def _kpi_doc(name: str, held: date, kpis: list[Kpi], series: list[KpiSeriesPoint] = ()) -> DocumentExtraction:
    sha = sha_of(name)
    return DocumentExtraction(
        file=name,
        sha256=sha,
        page_count=1,
        document=DocumentMeta(committee="Joint Committee", meeting_date=held, prov=prov(sha)),
        kpis=[k.model_copy(update={"prov": prov(sha)}) for k in kpis],
        kpi_series=[p.model_copy(update={"prov": prov(sha)}) for p in series],
    )


def _kpi(indicator, council, period, target, actual, value=None) -> Kpi:
    return Kpi(
        indicator=indicator,
        council=council,
        period=period,
        target=target,
        actual=actual,
        actual_value=value,
        prov=prov(""),
    )


def test_an_indicator_has_its_values_per_council_in_period_order(db_url):
    engine = make_engine(db_url)
    name = "% of invoices paid within 30 days"
    load(
        engine,
        _kpi_doc(
            "q2.pdf",
            date(2022, 11, 1),
            [
                _kpi(name, "Northshire", "2022/23 Q2", "95%", "93%", 93.0),
                _kpi(name, "Southshire", "2022/23 Q2", "95%", "97%", 97.0),
            ],
        ),
    )
    load(
        engine,
        _kpi_doc(
            "q1.pdf",
            date(2022, 8, 1),
            [
                _kpi(name.upper(), "Northshire", "2022/23 Q1", "95%", "91%", 91.0),
                _kpi(name, None, "2022/23", "95%", None),
                _kpi("Average days to pay", "Northshire", "2022/23 Q1", "20", "18"),
            ],
            series=[
                KpiSeriesPoint(
                    indicator=name, series="Northshire", period_label="May-22", value="92%", prov=prov("")
                ),
                KpiSeriesPoint(
                    indicator=name, series="Northshire", period_label="Apr-22", value="90%", prov=prov("")
                ),
            ],
        ),
    )
    load(
        engine,
        _kpi_doc("q1-again.pdf", date(2022, 8, 1), [_kpi(name, "Northshire", "2022/23 Q1", "95%", "91%")]),
    )
    [history] = kpi_history(engine, "% OF INVOICES PAID  within 30 days")
    assert sorted(history.councils) == ["(council not stated)", "Northshire", "Southshire"]
    assert [(p.period, p.actual) for p in history.councils["Northshire"]] == [
        ("2022/23 Q1", "91%"),
        ("2022/23 Q2", "93%"),
    ]
    assert [c.period for c in history.series["Northshire"]] == ["Apr-22", "May-22"]
    # Words of a name find every indicator holding them; a council narrows the history.
    assert [h.indicator for h in kpi_history(engine, "invoices days")] == [name]
    assert len(kpi_history(engine, "days")) == 2
    [south] = kpi_history(engine, name, council="south")
    assert list(south.councils) == ["Southshire"] and south.series == {}


def test_periods_sort_by_financial_year_then_quarter_or_month():
    periods = ["2020/21 Q1", "2019/20", "2019/20 Q4", "Mar-20", "2019/20 Q1", "Apr-19", None, "Q2"]
    assert sorted(periods, key=period_key) == [
        "Apr-19",
        "2019/20 Q1",
        "Mar-20",
        "2019/20 Q4",
        "2019/20",
        "2020/21 Q1",
        "Q2",
        None,
    ]


def test_decisions_about_oracle_in_the_samples(db_url):
    engine = make_engine(db_url)
    minutes = load(engine, sample_extraction("oneSource-2019-07-12-minutes.pdf"))
    pack = load(engine, sample_extraction("oneSource-2019-10-18-pack.pdf"))
    link_meetings(engine, [minutes, pack])
    found = decisions(engine, topic="Oracle")
    assert found, "the minutes of 12 July 2019 discuss Oracle Fusion"
    assert {d.meeting_date for d in found} == {date(2019, 7, 12)}
    assert {d.item_title for d in found} == {"IMPROVEMENT AND ACTION PLAN UPDATE"}
    assert all(len(d.sources) == 2 for d in found)  # printed in the minutes and again in the pack
    assert any("Improvement Plan and Action Plan" in d.text for d in found)


def test_the_migration_downgrades_and_upgrades_again(db_url):
    engine = make_engine(db_url)
    config = alembic_config(engine)
    for revision in ("0001", "head"):
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            (command.downgrade if revision == "0001" else command.upgrade)(config, revision)
    load(engine, minutes_doc("m.pdf", "Audit Committee", MARCH, [item("1", "PENSIONS", "Pensions.")]))
    with engine.connect() as conn:
        assert len(matching_items(conn, "pensions")) == 1


def test_a_topic_finds_decisions_by_their_own_text_or_their_items_and_marks_what_matched(db_url):
    engine = make_engine(db_url)
    _minutes_of_three_meetings(engine)
    found = decisions(engine, topic="payroll")
    assert {d.matched for d in found} == {"item"}
    assert all(MARK in d.snippet and "payroll" in d.snippet.casefold() for d in found)
    timetable = decisions(engine, topic="timetable")
    assert [(d.matched, d.text) for d in timetable] == [
        ("decision", "The Committee noted the revised timetable.")
    ]
    assert timetable[0].snippet == f"The Committee noted the revised {MARK}timetable{END_MARK}."
    # A decision whose own text and whose item both match is listed for its own text.
    [extend] = decisions(engine, topic="repairs contract")
    assert extend.matched == "decision" and f"{MARK}repairs{END_MARK}" in extend.snippet


def test_an_indicator_reported_for_two_services_is_two_histories_without_empty_periods(db_url):
    engine = make_engine(db_url)
    name = "Customer satisfaction rating"
    ict = _kpi(name, "Northshire", "2022/23 Q1", "6.3", "6.4").model_copy(update={"service_area": "ICT"})
    legal = _kpi(name, "Northshire", "2022/23 Q1", "94%", "90%").model_copy(update={"directorate": "Legal"})
    months = [("Apr-22", "6.1"), ("May-22", "6.5"), ("Jun-22", "-"), ("Jul-22", ""), ("Aug-22", "–")]
    load(
        engine,
        _kpi_doc(
            "q1.pdf",
            date(2022, 8, 1),
            [ict, legal],
            series=[
                KpiSeriesPoint(indicator=name, series="Northshire", period_label=p, value=v, prov=prov(""))
                for p, v in months
            ],
        ),
    )
    histories = kpi_history(engine, "customer satisfaction")
    assert [(h.indicator, h.service) for h in histories] == [(name, None), (name, "ICT"), (name, "Legal")]
    assert [p.actual for p in histories[1].councils["Northshire"]] == ["6.4"]
    # The series comes from no table of KPIs, in a document where the name has two services:
    # it is kept apart rather than given to either, and its empty months are left out.
    assert histories[0].councils == {}
    assert [(c.period, c.value) for c in histories[0].series["Northshire"]] == [
        ("Apr-22", "6.1"),
        ("May-22", "6.5"),
    ]
    assert [h.service for h in kpi_history(engine, name, service="legal")] == ["Legal"]
