"""Follow decisions and indicators from meeting to meeting.

* :func:`decisions`: the decisions recorded in minutes as a timeline, per committee
  and per topic. A topic is found with the database's full-text search (SQLite FTS5
  or PostgreSQL ``tsvector``, both with English stemming) over the decisions' own text
  and over their minute items (title and text). A decision whose own text matches is
  listed with the words that match marked; a decision taken on an item that matches
  is listed with the passage of the item that does, so "Oracle" finds the decisions
  taken on an item that discussed Oracle and shows where it did. The same minutes
  printed twice (on their own and again in the next agenda pack) give one entry,
  with both files as sources.
* :func:`kpi_history`: each indicator's values per service and council across
  reporting periods, from the KPI tables and the monthly/quarterly series of every
  document; periods a series leaves empty are left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlalchemy import Connection, Engine, or_, select, text

from pipeline.query.meetings import committee_key
from schemas import sql
from schemas.meetings import DECISIONS_FTS, MINUTE_ITEMS_FTS, Meeting, MinutesMeeting

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

MARK, END_MARK = "<mark>", "</mark>"
"""What surrounds the matching words in a decision's text or its item's snippet."""
SNIPPET_WORDS = 24
"""Words of an item's text shown around the words that match: a sentence or two."""
_ELLIPSIS = "…"


@dataclass(frozen=True)
class DecisionEntry:
    """One decision on the timeline, with the meeting that took it and where it is printed."""

    meeting_date: date | None
    committee: str | None
    meeting_id: str | None
    item_number: str
    item_title: str
    kind: str
    text: str
    sources: tuple[tuple[str, int | None], ...]
    """(file name, PDF page) of every printing of this decision."""
    matched: Literal["decision", "item"] | None = None
    """What a topic matched: the decision's own text, or only its minute item's."""
    snippet: str | None = None
    """The text that matched, its matching words between :data:`MARK` and :data:`END_MARK`:
    the whole decision, or a passage of its item."""


def decisions(
    engine: Engine,
    topic: str | None = None,
    committee: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[DecisionEntry]:
    """Decisions in date order, optionally about a topic, of a committee, within dates.

    Args:
        engine: the database.
        topic: full-text query over minute items: words (all must occur, stemmed),
            "quoted phrases", ``OR`` between alternatives, ``-word`` to exclude.
        committee: part of the committee's name (case and punctuation ignored).
        since: first meeting date to include.
        until: last meeting date to include.
    """
    with engine.connect() as conn:
        items = item_snippets(conn, topic) if topic else None
        own = decision_snippets(conn, topic) if topic else None
        if topic and not items and not own:
            return []
        query = (
            select(
                sql.DecisionRow.id.label("decision_id"),
                sql.DecisionRow.kind,
                sql.DecisionRow.text,
                sql.DecisionRow.pdf_page,
                sql.DecisionRow.position,
                sql.MinuteItemRow.id.label("item_id"),
                sql.MinuteItemRow.number,
                sql.MinuteItemRow.title,
                sql.MinutesRow.meeting_date.label("minutes_date"),
                sql.Document.file_name,
                sql.Document.committee.label("document_committee"),
                Meeting.id.label("meeting_id"),
                Meeting.committee.label("meeting_committee"),
                Meeting.meeting_date,
            )
            .join(sql.MinuteItemRow, sql.MinuteItemRow.id == sql.DecisionRow.item_id)
            .join(sql.MinutesRow, sql.MinutesRow.id == sql.MinuteItemRow.minutes_id)
            .join(sql.Document, sql.Document.sha256 == sql.MinutesRow.sha256)
            .outerjoin(MinutesMeeting, MinutesMeeting.minutes_id == sql.MinutesRow.id)
            .outerjoin(Meeting, Meeting.id == MinutesMeeting.meeting_id)
        )
        if topic:
            query = query.where(or_(sql.MinuteItemRow.id.in_(list(items)), sql.DecisionRow.id.in_(list(own))))
        rows = conn.execute(query).all()
    wanted = committee_key(committee) if committee else None
    grouped: dict[tuple, dict] = {}
    for r in rows:
        when = r.meeting_date or r.minutes_date
        name = r.meeting_committee or r.document_committee
        if wanted and (not name or wanted not in committee_key(name)):
            continue
        if (since and (when is None or when < since)) or (until and (when is None or when > until)):
            continue
        meeting = r.meeting_id or f"{committee_key(name or '')}|{when}"
        key = (meeting, _number_sort(r.number), " ".join(r.text.split()).casefold())
        entry = grouped.setdefault(
            key,
            {
                "meeting_date": when,
                "committee": name,
                "meeting_id": r.meeting_id,
                "item_number": r.number,
                "item_title": r.title,
                "kind": r.kind,
                "text": r.text,
                "position": r.position,
                "sources": [],
                **_match(r.decision_id, r.item_id, own, items),
            },
        )
        if (r.file_name, r.pdf_page) not in entry["sources"]:
            entry["sources"].append((r.file_name, r.pdf_page))
    ordered = sorted(
        grouped.items(),
        key=lambda kv: (
            kv[1]["meeting_date"] or date.min,
            kv[1]["committee"] or "",
            kv[0][1],
            kv[1]["position"],
        ),
    )
    return [
        DecisionEntry(
            **{k: v for k, v in entry.items() if k not in ("position", "sources")},
            sources=tuple(sorted(entry["sources"], key=lambda s: (s[0], s[1] or 0))),
        )
        for _, entry in ordered
    ]


def _match(
    decision_id: str, item_id: str, own: dict[str, str] | None, items: dict[str, str] | None
) -> dict[str, Any]:
    if own and decision_id in own:
        return {"matched": "decision", "snippet": own[decision_id]}
    if items and item_id in items:
        return {"matched": "item", "snippet": items[item_id]}
    return {}


def matching_items(conn: Connection, topic: str) -> set[str]:
    """Ids of the minute items whose title or text match a full-text query."""
    return set(item_snippets(conn, topic))


_PG_ITEM = "coalesce(title, '') || ' ' || coalesce(text, '')"
_PG_HEADLINE = f"StartSel={MARK}, StopSel={END_MARK}, FragmentDelimiter={_ELLIPSIS}"


def item_snippets(conn: Connection, topic: str) -> dict[str, str]:
    """The minute items whose title or text match a full-text query: id -> the passage that matches."""
    if conn.dialect.name == "postgresql":
        words = f"MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, MaxFragments=2"
        return _pg_matches(
            conn,
            f"SELECT id, ts_headline('english', {_PG_ITEM}, q, '{_PG_HEADLINE}, {words}') FROM minute_items, "
            f"websearch_to_tsquery('english', :q) q WHERE to_tsvector('english', {_PG_ITEM}) @@ q",
            topic,
        )
    return _fts5_matches(
        conn,
        MINUTE_ITEMS_FTS,
        "minute_items",
        f"snippet({MINUTE_ITEMS_FTS}, -1, '{MARK}', '{END_MARK}', '{_ELLIPSIS}', {SNIPPET_WORDS})",
        topic,
    )


def decision_snippets(conn: Connection, topic: str) -> dict[str, str]:
    """The decisions whose own text matches a full-text query: id -> the text, matching words marked."""
    if conn.dialect.name == "postgresql":
        return _pg_matches(
            conn,
            f"SELECT id, ts_headline('english', text, q, '{_PG_HEADLINE}, HighlightAll=true') "
            "FROM decisions, websearch_to_tsquery('english', :q) q WHERE to_tsvector('english', text) @@ q",
            topic,
        )
    return _fts5_matches(
        conn, DECISIONS_FTS, "decisions", f"highlight({DECISIONS_FTS}, 0, '{MARK}', '{END_MARK}')", topic
    )


def _pg_matches(conn: Connection, statement: str, topic: str) -> dict[str, str]:
    return {row_id: _one_line(found) for row_id, found in conn.execute(text(statement), {"q": topic})}


def _one_line(passage: str) -> str:
    """A passage of printed text on one line: its line breaks and runs of spaces as single spaces."""
    return " ".join(passage.split())


def _fts5_matches(conn: Connection, fts: str, table: str, marked: str, topic: str) -> dict[str, str]:
    query = fts5_query(topic)
    if not query:
        return {}
    rows = conn.execute(
        text(
            f"SELECT {table}.id, {marked} FROM {fts} JOIN {table} ON {table}.rowid = {fts}.rowid "
            f"WHERE {fts} MATCH :q"
        ),
        {"q": query},
    )
    return {row_id: _one_line(found) for row_id, found in rows}


def fts5_query(topic: str) -> str:
    """A web-search style query as an FTS5 expression, every term quoted so none is read as syntax.

    Words and "phrases" must all occur; ``OR`` between two terms allows either;
    ``-term`` excludes (only alongside a term that includes).
    """
    groups: list[list[str]] = []
    excluded: list[str] = []
    pending_or = False
    # FTS5 strings end at a NUL; no control character belongs in a search anyway.
    topic = _CONTROL.sub(" ", topic)
    for negate, phrase, word in _QUERY_TOKEN.findall(topic):
        if not phrase and word == "OR":
            pending_or = bool(groups)
            continue
        term = phrase if phrase else word
        if not phrase and word.startswith("-") and len(word) > 1:
            negate, term = "-", word[1:]
        term = term.strip()
        if not term:
            continue
        quoted = '"' + term.replace('"', '""') + '"'
        if negate:
            excluded.append(quoted)
        elif pending_or:
            groups[-1].append(quoted)
        else:
            groups.append([quoted])
        pending_or = False
    if not groups:
        return ""
    expr = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    if excluded:
        expr = f"({expr}) NOT ({' OR '.join(excluded)})"
    return expr


@dataclass(frozen=True)
class KpiPoint:
    """An indicator's target and actual for one council and period, and where it is printed."""

    period: str | None
    target: str | None
    actual: str | None
    actual_value: float | None
    unit: str | None
    rag: str | None
    direction: str | None
    meeting_date: date | None
    file_name: str
    pdf_page: int | None


@dataclass(frozen=True)
class SeriesPoint:
    """One cell of an indicator's monthly or quarterly series."""

    period: str
    value: str
    value_number: float | None
    file_name: str
    pdf_page: int | None


@dataclass
class KpiHistory:
    """One indicator of one service across periods: per council from KPI tables, per row from series."""

    indicator: str
    service: str | None = None
    """The service area (else directorate) the indicator is reported for; None when no table says."""
    councils: dict[str, list[KpiPoint]] = field(default_factory=dict)
    series: dict[str, list[SeriesPoint]] = field(default_factory=dict)


NO_COUNCIL = "(council not stated)"


def indicator_key(name: str) -> str:
    """An indicator name in comparable form: case, dashes and spacing ignored."""
    return " ".join(re.sub(r"[\u2010-\u2015\-]", " - ", name.casefold()).split())


def kpi_history(
    engine: Engine, indicator: str, council: str | None = None, service: str | None = None
) -> list[KpiHistory]:
    """Every indicator whose name matches, per service, with its values per council in period order.

    An indicator printed with the same name (ignoring case and spacing) for the same
    service in several documents is one history; the same name reported for two
    services is two. A name is matched exactly when some indicator has it, else every
    indicator whose name contains all the words asked for is returned. A series
    row takes the service of the KPIs of its table; a period a series leaves empty
    ("-", blank) is left out.
    """
    with engine.connect() as conn:
        kpis = conn.execute(
            select(sql.KpiRow, sql.Document.file_name, sql.Document.meeting_date.label("doc_date")).join(
                sql.Document, sql.Document.sha256 == sql.KpiRow.sha256
            )
        ).all()
        series = conn.execute(
            select(
                sql.KpiSeriesRow, sql.Document.file_name, sql.Document.meeting_date.label("doc_date")
            ).join(sql.Document, sql.Document.sha256 == sql.KpiSeriesRow.sha256)
        ).all()
    names = _matching_names({indicator_key(r.indicator) for r in [*kpis, *series]}, indicator)
    histories: dict[tuple[str, str], KpiHistory] = {}
    # Where a series row's service is found: the KPIs of its table, else of its document.
    services_of_tables: dict[tuple[str | None, str], str | None] = {}
    services_of_documents: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    for r in kpis:
        key = indicator_key(r.indicator)
        if key not in names:
            continue
        name = r.service_area or r.directorate
        if r.table_ref:
            services_of_tables[(r.table_ref, key)] = name
        services_of_documents[(r.sha256, key)].add(name)
        if (council and not _same_council(r.council, council)) or not _same_service(name, service):
            continue
        history = histories.setdefault((key, service_key(name)), KpiHistory(r.indicator, name))
        point = KpiPoint(
            r.period,
            r.target,
            r.actual,
            r.actual_value,
            r.unit,
            r.rag,
            r.direction,
            r.doc_date,
            r.file_name,
            r.pdf_page,
        )
        points = history.councils.setdefault(r.council or NO_COUNCIL, [])
        if not any(_same_value(point, p) for p in points):
            points.append(point)
    for r in series:
        key = indicator_key(r.indicator)
        if key not in names or (council and not _same_council(r.series, council)) or _blank(r.value):
            continue
        name = services_of_tables.get((r.table_ref, key))
        if name is None and len(in_document := services_of_documents[(r.sha256, key)]) == 1:
            [name] = in_document
        if not _same_service(name, service):
            continue
        history = histories.setdefault((key, service_key(name)), KpiHistory(r.indicator, name))
        cells = history.series.setdefault(r.series, [])
        if not any(c.period == r.period_label and c.value == r.value for c in cells):
            cells.append(SeriesPoint(r.period_label, r.value, r.value_number, r.file_name, r.pdf_page))
    for history in histories.values():
        for points in history.councils.values():
            points.sort(key=lambda p: (period_key(p.period), p.meeting_date or date.min, p.file_name))
        for cells in history.series.values():
            cells.sort(key=lambda c: period_key(c.period))
    return [histories[k] for k in sorted(histories)]


def service_key(name: str | None) -> str:
    """A service's name in comparable form ("" when none is stated)."""
    return indicator_key(name) if name else ""


def _same_service(name: str | None, asked: str | None) -> bool:
    return asked is None or (bool(name) and service_key(asked) in service_key(name))


def _blank(value: str | None) -> bool:
    """A series cell with no figure or word: a dash or nothing, printed for a period not yet reported."""
    return not value or not re.search(r"\w", value)


def _matching_names(names: Iterable[str], asked: str) -> set[str]:
    key = indicator_key(asked)
    if key in names:
        return {key}
    words = set(re.findall(r"\w+", key))
    return {n for n in names if words and words <= set(re.findall(r"\w+", n))}


def _same_council(name: str | None, asked: str) -> bool:
    return bool(name) and asked.casefold() in name.casefold()


def _same_value(a: KpiPoint, b: KpiPoint) -> bool:
    return (a.period, a.target, a.actual) == (b.period, b.target, b.actual)


def period_key(period: str | None) -> tuple[int, int, str]:
    """Sort key of a reporting period: financial year, then quarter or month within it.

    "2019/20 Q1" < "2019/20 Q2" < "2019/20" (the whole year) < "2020/21 Q1";
    "Apr-19" < "Mar-20" (months of the financial year starting in April); a period
    without a year sorts by its quarter or month alone, after those with one.
    """
    if not period:
        return (9999, 99, "")
    text_ = period.casefold()
    year = None
    if m := re.search(r"\b((?:19|20)\d\d)\s*[/-]\s*\d{2,4}\b", text_):
        year = int(m.group(1))
    # Steps within a year: month n of the financial year is 2n, quarter q (reported at its
    # end) 6q + 1, so "Jun" < "Q1" < "Jul"; a whole-year figure comes after them all.
    step = 50
    if m := re.search(r"\b(?:q|quarter)\s*([1-4])\b", text_):
        step = int(m.group(1)) * 6 + 1
    elif m := re.search(r"\b([a-z]{3})[a-z]*[\s\-/']*(\d{2}|\d{4})\b", text_):
        month = _MONTHS.get(m.group(1))
        if month:
            calendar_year = int(m.group(2)) % 100 + 2000
            # Financial years run April to March.
            fy = calendar_year if month >= 4 else calendar_year - 1
            year = year or fy
            step = ((month - 4) % 12 + 1) * 2
    return (year if year is not None else 9998, step, text_)


def _number_sort(number: str | None) -> tuple[int, str]:
    m = re.match(r"\d+", number or "")
    return (int(m.group()) if m else 1_000_000, number or "")


def decisions_by_committee(entries: Iterable[DecisionEntry]) -> dict[str, list[DecisionEntry]]:
    """Timeline entries grouped by committee, each group in date order."""
    groups: dict[str, list[DecisionEntry]] = defaultdict(list)
    for entry in entries:
        groups[entry.committee or "(committee not stated)"].append(entry)
    return dict(groups)
