"""The export a perfect reader would give for a rendered pack, in the corpus JSON format.

Page numbers come from where the renderer put things; fields follow the corpus
conventions: physical pages are 1-based, agenda ranges are printed page numbers, item
numbers that are plain numbers are integers, KPI units follow the printed values and then
the indicator's name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

from tests.variants.render import Rendered
from tests.variants.spec import (
    Appendix,
    KpiFact,
    MinuteItem,
    Minutes,
    Pack,
    Report,
    SpanSpec,
    Style,
    TableSpec,
    Value,
)


def _number(text: str | None) -> int | str | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else text


def kpi_unit(indicator: str, values: Sequence[Value | None]) -> str | None:
    """The unit of a KPI record: from its printed values, else from the indicator's name."""
    printed = [v for v in values if v is not None]
    numbers = [v.number for v in printed if v.number is not None]
    if not numbers:
        return None
    text = " ".join(v.text for v in printed)
    if "%" in text:
        return "%"
    if "£" in text or re.search(r"\d\s*[KM]\b", text):
        return "£"
    for unit in ("day", "week", "month"):
        if re.search(rf"\b{unit}s?\b", text, re.I):
            return f"{unit}s"
    if re.search(r"\bcases?\b", text, re.I):
        return "count"
    name = indicator.lower()
    if name.startswith(("%", "percentage")) or "% of" in name:
        return "%"
    if "rating" in name:
        return "score"
    if ("number of" in name or "no of" in name) and all(float(n).is_integer() for n in numbers):
        return "count"
    return None


def _kpi(fact: KpiFact, table_id: str) -> dict[str, Any]:
    return {
        "council": fact.council,
        "directorate": fact.directorate,
        "service_area": fact.service_area,
        "indicator": fact.indicator,
        "period": fact.period,
        "target": fact.target.text if fact.target else None,
        "target_value": fact.target.number if fact.target else None,
        "actual": fact.actual.text if fact.actual else None,
        "actual_value": fact.actual.number if fact.actual else None,
        "unit": kpi_unit(fact.indicator, [fact.target, fact.actual]),
        "direction": fact.direction,
        "rag": fact.rag,
        "source_table": table_id,
    }


def _visible(span: SpanSpec, style: Style) -> bool:
    """A merged cell shows as one where cells are boxed, or where its text is rotated across rows."""
    return style.rules == "grid" or span.vertical


def _table(spec: TableSpec, table_id: str, pages: list[int], title: str | None, style: Style) -> dict:
    return {
        "id": table_id,
        "kind": spec.kind,
        "pdf_page": pages[0],
        "pages": pages,
        "section_title": title,
        "header": spec.header,
        "rows": spec.rows,
        "spans": [
            {"row": s.row, "col": s.col, "rowspan": s.rowspan, "colspan": s.colspan, "vertical": s.vertical}
            for s in spec.spans
            if _visible(s, style)
        ],
    }


def _decisions(item: MinuteItem) -> list[str]:
    """Each decision as the corpus gives it: a resolution with its points below it is one."""
    out: list[str] = []
    for sentence in (s for para in item.paragraphs for s in para if s.decision):
        if sentence.continues and out:
            out[-1] += "\n" + sentence.text
        else:
            out.append(sentence.text)
    return out


def _minutes(m: Minutes, style: Style) -> dict:
    items = []
    for item in m.items:
        title = item.title if style.minutes_template == "held" else item.title.upper()
        items.append(
            {
                "number": _number(item.number),
                "title": title,
                "text": "\n".join(" ".join(s.text for s in para) for para in item.paragraphs),
                "decisions": _decisions(item),
            }
        )
    return {
        "meeting_date": m.day.isoformat(),
        "venue": m.venue,
        "start_time": m.start,
        # "held on ... at 7.00 pm" headings print no end time; a closing line may.
        "end_time": m.end if style.minutes_template != "held" or m.closed else None,
        "chair": m.chair.name,
        "present": [m.chair.name, *(p.name for p in m.present)],
        "apologies": [p.name for p in m.apologies],
        "items": items,
    }


def _report(r: Report, first_page: int) -> dict:
    return {
        "title": r.title,
        "author": r.author,
        "email": r.email,
        "phone": r.phone,
        "meeting_date": r.day.isoformat(),
        "financial_summary": " ".join(r.finance) or "None",
        "recommendations": r.recommendations,
        "pdf_page_start": first_page,
    }


def truth(pack: Pack, rendered: Rendered) -> dict[str, Any]:
    """The expected export of ``pack`` as ``rendered``."""
    style = pack.style
    front = pack.front
    if front is not None:
        document = {
            "committee": front.committee,
            "meeting_date": front.day.isoformat(),
            "meeting_time": front.time,
            "venue": front.venue,
        }
    else:
        first = pack.documents[0]
        document = {
            "committee": pack.committee,
            "meeting_date": first.day.isoformat() if isinstance(first, (Minutes, Report)) else None,
            "meeting_time": first.start if isinstance(first, Minutes) else None,
            "venue": first.venue if isinstance(first, Minutes) else None,
        }
    document = {
        "file": rendered.path.name,
        "sha256": hashlib.sha256(rendered.path.read_bytes()).hexdigest(),
        "page_count": rendered.page_count,
        **document,
    }

    sections: list[dict] = []
    if front is not None:
        sections.append(
            {
                "kind": "agenda",
                "title": rendered.front_title,
                "pdf_page_start": 1,
                "pdf_page_end": rendered.front_pages,
                "agenda_item": None,
            }
        )
    minutes, reports = [], []
    for placed in rendered.documents:
        doc = placed.document
        if doc is None:
            kind, title = "other", "This page is intentionally left blank"
        elif isinstance(doc, Minutes):
            kind, title = "minutes", "Minutes"
            minutes.append(_minutes(doc, style))
        elif isinstance(doc, Report):
            kind, title = "report", doc.title
            reports.append(_report(doc, placed.first))
        else:
            kind, title = ("appendix", doc.title) if isinstance(doc, Appendix) else ("other", None)
        sections.append(
            {
                "kind": kind,
                "title": title,
                "pdf_page_start": placed.first,
                "pdf_page_end": placed.last,
                "agenda_item": _number(placed.item.number) if placed.item else None,
            }
        )

    tables, kpis, series, actions, money = [], [], [], [], []
    for k, (spec, placement) in enumerate(rendered.tables):
        table_id = f"T{k + 1:03d}"
        tables.append(_table(spec, table_id, placement.pages, placement.section_title, style))
        kpis += [_kpi(f, table_id) for f in spec.kpis]
        series += [
            {
                "indicator": p.indicator,
                "series": p.series,
                "period_label": p.period_label,
                "value": p.value.text,
                "value_number": p.value.number,
            }
            for p in spec.series
        ]
        actions += [
            {
                "ref": a.ref,
                "partner": a.partner,
                "delivery": a.delivery,
                "outcome": a.outcome,
                "target_date": a.target_date,
                "status": a.status,
                "progress": a.progress,
                "next_steps": a.next_steps,
                "service": a.service,
            }
            for a in spec.actions
        ]
        money += [
            {
                "table": table_id,
                "row_label": m.row_label,
                "column_label": m.column_label,
                "raw": m.raw,
                "value": m.value,
                "unit": m.unit,
            }
            for m in spec.money
        ]

    return {
        "document": document,
        "members": [
            {"name": p.name, "council": council}
            for _heading, council, people in (front.members if front else [])
            for p in people
        ],
        "agenda_items": [
            {
                "number": _number(item.number),
                "title": item.title,
                "page_start": rendered.item_ranges.get(item.number, (None, None))[0],
                "page_end": rendered.item_ranges.get(item.number, (None, None))[1],
                "description": item.description,
            }
            for item in (front.items if front else [])
        ],
        "sections": sections,
        "minutes": minutes,
        "reports": reports,
        "tables": tables,
        "kpis": kpis,
        "kpi_series": series,
        "actions": actions,
        "financial_cells": money,
        "inconsistencies": [],
    }
