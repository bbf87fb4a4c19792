"""What every table, view and column of the database holds, in words, for people reading it directly.

:func:`describe_table` and :func:`describe_column` answer for any relation of a migrated
database (``councilpdf browse`` shows them beside the data; ``tests`` check that none is
left undescribed when the schema grows). A column many tables share (a row's
provenance, its table, its document) is described once in :data:`SHARED`.
"""

from __future__ import annotations

from schemas.meetings import DECISIONS_FTS, MINUTE_ITEMS_FTS

SHARED: dict[str, str] = {
    "id": "The row's stable id: a hash of its natural key, the same each time the same PDF is loaded",
    "sha256": "The SHA-256 of the source PDF this row was read from (documents.sha256)",
    "position": "The row's order within its document (or its parent row)",
    "pdf_page": "The physical page of the PDF this row is on, from 1; links to the page image and the PDF",
    "printed_page": "The page number printed on that page, where it has one",
    "bbox_x0": "The left edge of the row's box on the page, in PDF points from the page's left",
    "bbox_top": "The top edge of the row's box, in PDF points from the page's top",
    "bbox_x1": "The right edge of the row's box, in PDF points from the page's left",
    "bbox_bottom": "The bottom edge of the row's box, in PDF points from the page's top",
    "extractor": "The extractor (or rule) that produced the row",
    "extractor_version": "The version of that extractor's code",
    "table_ref": "The table the row was read from: extracted_tables.id, unique across documents",
    "table_label": "The label of that table within its document: T001, T002, ... in page order",
    "document": "The file name of the source PDF",
    "committee": "The committee the document is for, as printed",
    "meeting_date": "The date of the meeting",
    "council": "The council a figure is for, as the document names it",
    "text": "The text, as printed (lines joined)",
    "title": "The title, as printed",
    "number": "The item's number, as printed (1, 4a, 19.09.01, ...)",
    "kind": "What sort of row this is (see the table's description for the values)",
    "status": "The row's status (see the table's description for the values)",
    "api_meeting_id": "The meeting the row belongs to (api_meetings.id)",
    "meeting_id": "The meeting (meetings.id)",
    "minutes_id": "The set of minutes (minutes.id)",
    "item_id": "The minute item the decision was taken on (minute_items.id)",
    "report_id": "The report (reports.id)",
    "flag_id": "The flag (inconsistencies.id)",
    "first_seen": "When the file was first seen",
    "last_seen": "When the file was last seen",
    "rule": "The rule that raised the flag (a module of pipeline/flags)",
    "rule_version": "The version of that rule's code",
}

_FLAG_KINDS = (
    "total_mismatch, narrative_vs_table, cross_reference_mismatch, percentage_vs_count, "
    "count_statement, rag_vs_target, unit_anomaly, duplicate_row or other"
)

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "source_files": (
        "Every PDF seen, stored by its SHA-256: loaded, partial (an extractor or rule failed on part of it), "
        "pending or quarantined (unusable, with the reason)",
        {
            "file_name": "The file's name when it was seen",
            "size": "Its size in bytes",
            "stored_path": "Where its content-addressed copy is kept",
            "status": "loaded | partial | pending | quarantined",
            "reason": "Why it was quarantined, or what failed",
            "page_count": "Its number of pages",
        },
    ),
    "file_origins": (
        "Where each file was found: a path or URL, with the HTTP validators of its download",
        {
            "uri": "The path or URL the file came from",
            "etag": "The server's ETag (or a local file's size and time)",
            "last_modified": "The server's Last-Modified (or a local file's modification time)",
        },
    ),
    "runs": (
        "Each batch a command ran (run, run-dask, fetch): what it was asked and how it ended",
        {
            "id": "The run's id",
            "command": "run | run-dask | fetch",
            "status": "running | completed | failed (a file or source failed, or a file is partial)",
            "started": "When the run started",
            "finished": "When it ended (empty if it was stopped)",
            "files": "Files the batch looked at",
            "loaded": "Files loaded whole",
            "partial": "Files loaded with an extraction error",
            "unchanged": "Files already loaded by this version of the pipeline",
            "failed": "Files, requests and folders that failed",
            "summary": "The run's arguments, each file's outcome and a poll's notes (JSON)",
        },
    ),
    "documents": (
        "Each extracted PDF and the meeting it is for",
        {
            "file_name": "The PDF's file name",
            "page_count": "Its number of pages",
            "scanned": "Whether its pages were read by OCR",
            "meeting_time": "The meeting's start time (HH:MM)",
            "venue": "Where the meeting is held",
            "extracted_at": "When it was extracted",
            "pipeline_version": "The version of the extract-load-validate code that produced its rows",
            "warnings": "Pages where nothing was found, and similar notes (JSON list)",
        },
    ),
    "pages": (
        "The running text of each page (table cells and page stamps left out)",
        {"width": "The page's width in points", "height": "The page's height in points"},
    ),
    "sections": (
        "The documents a PDF holds: agenda, minutes, report, appendix, presentation, other",
        {
            "kind": "agenda | minutes | report | appendix | presentation | other",
            "pdf_page_start": "Its first page in the PDF",
            "pdf_page_end": "Its last page in the PDF",
            "printed_page_start": "The page number printed on its first page",
            "printed_page_end": "The page number printed on its last page",
            "agenda_item": "The agenda item it belongs to, through the agenda's page ranges",
        },
    ),
    "members": (
        "Members listed for a meeting, by council",
        {"name": "The member's name", "role": "Their role (Chair, Vice-Chair, ...)"},
    ),
    "agenda_items": (
        "The items of an agenda",
        {
            "page_start": "The first printed page of the item's papers",
            "page_end": "The last printed page of the item's papers",
            "description": "What the agenda says under the item's title",
        },
    ),
    "minutes": (
        "A set of minutes: the meeting it records, who chaired and who came",
        {
            "meeting_date": "The date of the meeting the minutes record",
            "venue": "Where it was held",
            "start_time": "When it started (HH:MM)",
            "end_time": "When it ended (HH:MM)",
            "chair": "Who chaired it",
            "present": "Those present (JSON list)",
            "apologies": "Those who sent apologies (JSON list)",
        },
    ),
    "minute_items": (
        "The items of a set of minutes, with their text (full-text searchable)",
        {"text": "The item's text, as printed"},
    ),
    "minute_items_fts": (
        "The full-text index over minute items' titles and text (SQLite FTS5, English stemming)",
        {},
    ),
    "decisions": (
        "The sentences of minutes that record decisions (full-text searchable)",
        {"kind": "agreed | noted | resolved | approved | elected | deferred | other"},
    ),
    "decisions_fts": ("The full-text index over decisions' text (SQLite FTS5, English stemming)", {}),
    "reports": (
        "Report cover sheets: subject, author, meeting and financial summary",
        {
            "author": "The report's author",
            "email": "The author's e-mail address",
            "phone": "The author's telephone number",
            "meeting_date": "The date of the meeting the report is for",
            "financial_summary": "The report's financial implications, as printed",
            "pdf_page_start": "The report's first page in the PDF",
        },
    ),
    "recommendations": ("A report's recommendations, one a row", {}),
    "extracted_tables": (
        "Every table as one logical grid (joined across pages); its cells are in table_cells",
        {
            "id": "The table's stable id (the table_ref of rows read from it)",
            "kind": "What the table holds: financial, action_plan, kpi_block, kpi_series, kpi_targets, ...",
            "pages": "The pages it spans (JSON list)",
            "section_title": "The heading the table sits under",
            "headings": "The headings above it, outermost first (JSON list)",
            "preamble": "Text between the nearest heading and the table",
            "header_rows": "How many of its rows are header rows",
            "n_rows": "Rows, header included",
            "n_cols": "Columns",
            "ruled": "Whether its grid is drawn with rules (else found by word alignment)",
            "regions": "Where it is on each page (JSON list of page and box)",
        },
    ),
    "table_cells": (
        "The cells of each table grid; a merged cell's span is on its top-left cell",
        {
            "row": "The cell's row, from 0 (header rows first)",
            "col": "The cell's column, from 0",
            "is_header": "Whether the cell is in a header row",
            "rowspan": "Rows a merged cell spans",
            "colspan": "Columns a merged cell spans",
            "vertical": "Whether the cell's text is printed rotated",
        },
    ),
    "kpis": (
        "Key performance indicators read from KPI tables: target and actual per council and period",
        {
            "directorate": "The directorate the indicator is reported under",
            "service_area": "The service area the indicator is reported under",
            "indicator": "The indicator's name, as printed",
            "period": "The reporting period (2019/20 Q1, Apr-19, ...)",
            "target": "The target, as printed",
            "actual": "The actual, as printed",
            "target_value": "The target as a number",
            "actual_value": "The actual as a number",
            "target_comparator": "A comparison printed with the target (<, >=, ...)",
            "actual_comparator": "A comparison printed with the actual",
            "unit": "% | £ | days | weeks | months | count | score",
            "direction": "The trend printed: up | down | flat | new",
            "rag": "The RAG status printed: green | amber | red",
        },
    ),
    "kpi_series": (
        "Monthly or quarterly series of an indicator, a cell a row",
        {
            "indicator": "The indicator's name, as printed",
            "series": "The series (a council, Target, ...)",
            "period_label": "The period's column heading (Apr-19, Q1, ...)",
            "value": "The value, as printed",
            "value_number": "The value as a number",
        },
    ),
    "actions": (
        "Action-plan rows: reference, what is to be delivered, by when, and progress",
        {
            "ref": "The action's reference",
            "partner": "The partner or council responsible",
            "delivery": "What is to be delivered",
            "outcome": "The outcome sought",
            "target_date": "The target date, as printed",
            "status": "The RAG status: green | amber | red",
            "progress": "Progress reported",
            "next_steps": "Next steps",
            "service": "The service the action belongs to",
        },
    ),
    "financial_cells": (
        "Money figures read from financial tables, each with its row and column labels and unit",
        {
            "row_label": "The cell's row label",
            "column_label": "The cell's column label",
            "raw": "The figure, as printed",
            "value": "The figure as a number, in its unit (negative for (1,234) or -1,234)",
            "unit": "£m | £k | £: the unit the table gives its figures in",
        },
    ),
    "inconsistencies": (
        "The inconsistencies flagged: what was expected, what is printed (each place in flag_locations)",
        {
            "kind": _FLAG_KINDS,
            "severity": "high | medium | low",
            "description": "What disagrees, in words",
            "expected": "What the other figures imply",
            "found": "What is printed",
            "locations": "The places it concerns (JSON list; the same as flag_locations)",
            "planted": "Whether the error was planted by a test",
        },
    ),
    "flag_locations": (
        "Each place a flag concerns: page, table and row, box or quoted text, in its document or another",
        {
            "sha256": "The document of the flag (documents.sha256)",
            "position": "The place's order among the flag's",
            "document_sha256": "The document the place is in (a flag may compare two documents)",
            "row_label": "The table row's label",
            "text": "The words quoted from the page",
        },
    ),
    "extraction_errors": (
        "Extractors and rules that raised on a document: what was lost and why (its document is partial)",
        {
            "stage": "extract | validate",
            "element": "What was lost (a table region, the minutes on some pages, a rule)",
            "error": "The exception: its type and message",
            "traceback": "The innermost frames of the traceback",
        },
    ),
    "pending_work": (
        "Work a loaded document still needs beyond its own rows, done by the next run if not this one",
        {
            "task": "validate (its flags) | link (its meetings) | partners (documents whose rules read it)",
            "since": "When the document was loaded and the work became due",
        },
    ),
    "api_meetings": (
        "Meetings as a ModernGov site's web service lists them",
        {
            "site": "The site's address",
            "council": "The council label the configuration gives the site",
            "meeting_id": "The site's id of the meeting",
            "committee_id": "The site's id of the committee",
            "committee_title": "The committee's title on the site",
            "meeting_time": "Its start time (HH:MM)",
            "status": "The site's status of the meeting",
            "location": "Where it is held",
            "agenda_published": "Whether the agenda is published",
            "minutes_published": "Whether minutes are published",
            "decisions_published": "Whether decisions are published",
            "fetched_at": "When the site was asked",
        },
    ),
    "api_agenda_items": (
        "The agenda items of a site's meetings",
        {
            "item_id": "The site's id of the item",
            "minutes_number": "The item's number in the minutes",
            "is_decision": "Whether the site marks it as a decision",
        },
    ),
    "api_documents": (
        "The documents a site's meetings link to, and the file each gave",
        {
            "api_agenda_item_id": "The agenda item it is linked from, if any (api_agenda_items.id)",
            "attachment_id": "The site's id of the attachment",
            "url": "Its address",
            "restricted": "Whether it is not for publication",
            "sha256": "The SHA-256 of the file downloaded",
            "status": "downloaded | unchanged | skipped | failed",
            "reason": "Why it was skipped or failed",
        },
    ),
    "api_attendees": (
        "Members a site lists for its meetings, with role and attendance",
        {
            "member_id": "The site's id of the member",
            "name": "The member's name",
            "role": "Their role",
            "attendance": "Present, Apologies, ...",
        },
    ),
    "meetings": (
        "Meetings as entities: a committee on a date, from the PDFs and the websites together",
        {
            "id": "The meeting's id",
            "scope": "The council label of the source the evidence came from",
            "committee_key": "The committee's name in comparable form",
            "meeting_time": "Its start time (HH:MM)",
            "venue": "Where it was held",
            "status": "The website's status of the meeting",
            "api_meeting_ref": "What a website says about it (api_meetings.id)",
            "sources": "Where the meeting is known from: api, agenda, minutes, report (JSON list)",
            "disagreements": "Fields where the website and the PDF differ (JSON list)",
            "updated_at": "When the meeting was last linked",
        },
    ),
    "document_meetings": (
        "The meeting each PDF is for",
        {"sha256": "The document (documents.sha256)", "method": "api | pdf: how the meeting was found"},
    ),
    "minutes_meetings": (
        "The meeting each set of minutes records (often an earlier one than its pack's)",
        {"sha256": "The document the minutes are printed in"},
    ),
    "minute_item_links": (
        "Minute items matched to the agenda items and reports of the meeting they record",
        {
            "minute_item_id": "The minute item (minute_items.id)",
            "agenda_item_id": "The agenda item (agenda_items.id)",
            "api_agenda_item_id": "The website's agenda item (api_agenda_items.id)",
            "method": "number | title: how they were matched",
            "score": "How well the titles agree, 0 to 1",
        },
    ),
    "alembic_version": ("The schema's migration revision", {"version_num": "The revision applied last"}),
    # Views, created by the migrations for reading the database directly.
    "flag_evidence": (
        "Each flag with its evidence, a row per place: the document, page, table and row, box or quoted text",
        {
            "flag_id": "The flag (inconsistencies.id)",
            "location": "The place's order among the flag's",
            "kind": _FLAG_KINDS,
            "severity": "high | medium | low",
            "description": "What disagrees, in words",
            "expected": "What the other figures imply",
            "found": "What is printed",
            "flag_document": "The file name of the flag's document",
            "flag_sha256": "The SHA-256 of the flag's document",
            "document": "The file name of the document the place is in",
            "sha256": "The SHA-256 of the document the place is in",
            "row_label": "The table row's label",
            "text": "The words quoted from the page",
            "location_id": "The place (flag_locations.id)",
        },
    ),
    "kpi_values": (
        "KPI values with target, actual and RAG by service, council and period, with their document",
        {
            "id": "The KPI (kpis.id)",
            "indicator": "The indicator's name, as printed",
            "service": "The service area it is reported under, else its directorate",
            "period": "The reporting period (2019/20 Q1, Apr-19, ...)",
            "target": "The target, as printed",
            "actual": "The actual, as printed",
            "rag": "The RAG status printed: green | amber | red",
            "direction": "The trend printed: up | down | flat | new",
            "unit": "% | £ | days | weeks | months | count | score",
            "target_value": "The target as a number",
            "actual_value": "The actual as a number",
            "target_comparator": "A comparison printed with the target (<, >=, ...)",
            "actual_comparator": "A comparison printed with the actual",
            "directorate": "The directorate, as printed",
            "service_area": "The service area, as printed",
            "meeting_date": "The date of the meeting the document is for",
        },
    ),
    "financial_values": (
        "Money figures with their labels and units, and the figure in pounds",
        {
            "id": "The cell (financial_cells.id)",
            "table_title": "The heading the table sits under",
            "row_label": "The cell's row label",
            "column_label": "The cell's column label",
            "raw": "The figure, as printed",
            "value": "The figure as a number, in its unit",
            "unit": "£m | £k | £",
            "value_pounds": "The figure in pounds (value times the unit)",
            "meeting_date": "The date of the meeting the document is for",
        },
    ),
    "decision_timeline": (
        "Decisions by meeting: the meeting the minutes record, the item, and the decision",
        {
            "decision_id": "The decision (decisions.id)",
            "meeting_date": "The date of the meeting that took the decision",
            "committee": "The committee that took it",
            "meeting_id": "The meeting (meetings.id), once linked",
            "item_number": "The minute item's number",
            "item_title": "The minute item's title",
            "kind": "agreed | noted | resolved | approved | elected | deferred | other",
            "text": "The decision, as printed",
            "item_id": "The minute item (minute_items.id)",
            "decision_rowid": "The decision's rowid, which the full-text index decisions_fts matches on",
        },
    ),
}

FTS_SHADOW_SUFFIXES = ("_config", "_data", "_docsize", "_idx", "_content")
"""Tables SQLite's FTS5 keeps for each full-text index: its storage, not data to read."""


def describe_table(name: str) -> str | None:
    """What table or view ``name`` holds; None for one not described."""
    entry = TABLES.get(name)
    return entry[0] if entry else None


def describe_column(table: str, column: str) -> str | None:
    """What ``column`` of ``table`` holds: the table's own description of it, else the shared one."""
    entry = TABLES.get(table)
    own = entry[1].get(column) if entry else None
    return own or SHARED.get(column)


def is_search_storage(name: str) -> bool:
    """Whether ``name`` is one of the tables an FTS5 index keeps its storage in."""
    return any(
        name.endswith(suffix) and name[: -len(suffix)] in (DECISIONS_FTS, MINUTE_ITEMS_FTS)
        for suffix in FTS_SHADOW_SUFFIXES
    )
