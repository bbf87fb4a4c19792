"""Split a PDF into the documents it holds and read its printed page numbers.

An agenda pack is a front sheet followed by the papers of each agenda item: minutes,
reports, their appendices, presentations and padding pages ("This page is
intentionally left blank"). A new document is recognised by what opens a page: a
report cover sheet, a minutes heading, a title set in the size the pack uses for
document titles, an "Appendix" heading, the first page of an agenda item's printed
page range, or the page after a blank one. Runs of slide-like pages form one
presentation. Each document is linked to the agenda item whose "(Pages X - Y)"
range holds its first printed page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pdfplumber.page import Page

from extractors.base import Extractor, Source
from extractors.layout import Line, body_size, join_text, page_lines, page_stamp
from extractors.reports import looks_like_report_cover
from extractors.settings import SETTINGS
from extractors.tables.context import furniture
from schemas.records import AgendaItem, Section, SectionKind

EXTRACTOR = Extractor("sections", __name__)

_BLANK = re.compile(
    r"\b(?:this\s+page\s+(?:is\s+|has\s+been\s+)?(?:intentionally|deliberately)\s+left\s+blank)\b", re.I
)
# "MINUTES", "Minutes of the meeting of ...", "Notes of the meeting of ...", "Note of the
# informal meeting ...": a panel's or an informal meeting's record is "notes", read alike.
_MINUTES = re.compile(
    r"^\s*minutes\b|\bminutes\s+of\s+(?:a|the)\b|^\s*(?:action\s+)?notes?\s+of\s+(?:a|an|the)\s+(?:\w+\s+){0,2}meeting\b",
    re.I,
)
_APPENDIX = re.compile(r"^\s*(?:appendix|annex|annexe|schedule)\s+[A-Z0-9]{1,4}\b", re.I)
# "Agenda Item 5" printed in the top margin of the first page of an item's papers.
ITEM_STAMP = re.compile(r"^\s*agenda\s+item\b\s*(?:no\.?\s*)?(\d{1,3}(?:\.\d{1,2})?[a-z]?|[A-Z])\s*$", re.I)
_NAMES_AGENDA = re.compile(r"\bagenda\b", re.I)


@dataclass(frozen=True)
class PageView:
    """What segmentation needs to know of one page."""

    number: int
    lines: tuple[Line, ...]
    stamp: int | None
    landscape: bool
    chars: int
    report_cover: bool
    height: float = 0.0
    item_stamp: str | None = None

    @property
    def opening(self) -> tuple[Line, ...]:
        """The first lines of the page (page stamps excluded)."""
        if not self.lines:
            return ()
        limit = self.lines[0].top + SETTINGS.opening_depth * max(ln.bottom for ln in self.lines)
        return tuple(ln for ln in self.lines if ln.top <= limit)[: SETTINGS.opening_lines]

    @property
    def blank(self) -> bool:
        text = join_text(self.lines)
        return bool(_BLANK.search(text)) and len(text) < SETTINGS.blank_max_chars


def page_view(page: Page) -> PageView:
    """Read the lines, printed page stamp, "Agenda Item" stamp and shape of a page."""
    lines = page_lines(page)
    stamp, stamp_line = page_stamp(lines, page.height)
    zone = SETTINGS.item_stamp_zone * page.height
    item_line = next((ln for ln in lines if ln.bottom <= zone and ITEM_STAMP.match(ln.text)), None)
    content = tuple(ln for ln in lines if ln is not stamp_line and ln is not item_line)
    return PageView(
        number=page.page_number,
        lines=content,
        stamp=stamp,
        landscape=page.width > page.height,
        chars=sum(len(ln.text) for ln in content),
        report_cover=looks_like_report_cover(page),
        height=float(page.height),
        item_stamp=ITEM_STAMP.match(item_line.text).group(1) if item_line else None,  # type: ignore[union-attr]
    )


def without_running_lines(views: Sequence[PageView]) -> list[PageView]:
    """The views with running heads and feet (a line at one place in the margin of many pages) left out.

    A protective marking or the committee's name printed small atop every page must not
    be taken for the line a page opens with.
    """
    skip = furniture([v.lines for v in views], [v.height for v in views])
    # A title set large at the head of each report cover recurs too, but it is no running line.
    body = body_size([ln for v in views for ln in v.lines])
    skip = {id(ln) for v in views for ln in v.lines if id(ln) in skip and ln.size <= body + SETTINGS.larger}
    if not skip:
        return list(views)
    out = []
    for view in views:
        lines = tuple(ln for ln in view.lines if id(ln) not in skip)
        out.append(replace(view, lines=lines, chars=sum(len(ln.text) for ln in lines)))
    return out


def printed_page_numbers(views: Sequence[PageView]) -> dict[int, int]:
    """Physical page -> printed page, filling unstamped pages between consistent stamps."""
    stamps = {v.number: v.stamp for v in views if v.stamp is not None}
    # Offsets (physical - printed) agreed on by most stamps are trusted; a stray
    # number in a margin that breaks the sequence is not.
    offsets: dict[int, int] = {}
    for physical, printed in stamps.items():
        offsets[physical - printed] = offsets.get(physical - printed, 0) + 1
    if not offsets:
        return {}
    offset = max(offsets, key=offsets.__getitem__)
    if offsets[offset] < SETTINGS.stamps_agreeing and len(stamps) > 1:
        return {}
    first = min(p for p, s in stamps.items() if p - s == offset)
    return {v.number: v.number - offset for v in views if v.number >= first}


def front_sheet_length(views: Sequence[PageView], printed: dict[int, int]) -> int:
    """How many leading pages an agenda front sheet takes.

    Packs number their papers from the first page after the front sheet, so the
    front sheet ends before the first page numbered 1. When the numbering counts the
    front sheet too (or there is none), it ends before the first page that opens a
    document: a report cover, a blank page, an "Agenda Item" stamp, or a title as large
    as the front sheet's own unless that title names the agenda (a standalone agenda's
    list of items under a heading of its own). Without any, the agenda is the whole PDF.
    """
    if printed:
        first = min(printed)
        if first - printed[first] >= 1:
            return first - printed[first]
    views = without_running_lines(views)
    body = body_size([ln for v in views for ln in v.lines])
    title_size = _title_size(views, body)
    for view in views[1:]:
        if view.report_cover or view.blank or view.item_stamp:
            return view.number - 1
        opening = view.opening
        if (
            opening
            and title_size is not None
            and opening[0].size >= title_size - SETTINGS.larger
            and not any(_NAMES_AGENDA.search(ln.text) for ln in opening)
        ):
            return view.number - 1
    return len(views)


def segment(
    pages: Sequence[Page],
    source: Source,
    *,
    front_sheet_pages: int = 0,
    agenda_items: Sequence[AgendaItem] = (),
    views: Sequence[PageView] | None = None,
) -> list[Section]:
    """The documents of a PDF, in page order.

    Args:
        pages: every page of the PDF.
        source: the PDF's identity and printed page numbers.
        front_sheet_pages: how many leading pages are the agenda front sheet (0: none).
        agenda_items: the agenda's items, whose printed page ranges mark where
            each item's papers begin.
        views: page views already read by the caller, to avoid reading twice.
    """
    views = without_running_lines(views if views is not None else [page_view(p) for p in pages])
    if not views:
        return []
    printed = dict(source.printed_pages)
    body = body_size([ln for v in views for ln in v.lines])
    title_size = _title_size(views, body)
    item_starts = {it.page_start: it for it in agenda_items if it.page_start is not None}

    starts: list[tuple[int, SectionKind, str | None]] = []
    if front_sheet_pages:
        starts.append((1, "agenda", _opening_title(views[0], title_size)))
    slide_run = _slide_runs(views, body)
    previous_blank = False
    cover_size: float | None = None
    for view in views[front_sheet_pages:]:
        kind = _start_kind(view, title_size, slide_run, printed, item_starts, previous_blank)
        if kind == "presentation" and slide_run.get(view.number - 1) == slide_run[view.number]:
            kind = None  # the next slide of the same deck
        if kind is None and _outranks_cover(view, cover_size, body):
            kind = "appendix"
        if kind is None and not starts:
            kind = "other"
        if kind is not None:
            starts.append((view.number, kind, _section_title(view, kind)))
            # What a report or minutes open with sets the rank of a document title after them.
            opening = view.opening
            cover_size = max(ln.size for ln in opening) if kind in ("report", "minutes") and opening else None
        previous_blank = view.blank

    starts = _type_appendices(starts)
    sections = []
    for k, (first, kind, title) in enumerate(starts):
        last = starts[k + 1][0] - 1 if k + 1 < len(starts) else views[-1].number
        sections.append(
            Section(
                kind=kind,
                title=title,
                pdf_page_start=first,
                pdf_page_end=last,
                printed_page_start=printed.get(first),
                printed_page_end=printed.get(last),
                agenda_item=None if kind == "agenda" else _item_for(printed.get(first), agenda_items),
                prov=source.prov(EXTRACTOR, first, _opening_bbox(views[first - 1])),
            )
        )
    return sections


def _opening_bbox(view: PageView) -> tuple[float, float, float, float] | None:
    return view.opening[0].bbox if view.opening else None


def _title_size(views: Sequence[PageView], body: float) -> float | None:
    """The size the PDF sets document titles in: the largest opening line of page 1."""
    sizes = [ln.size for ln in views[0].opening]
    size = max(sizes, default=0.0)
    return size if size >= body + SETTINGS.title_above_body else None


def _opening_title(view: PageView, title_size: float | None) -> str | None:
    opening = view.opening
    if not opening:
        return None
    size = title_size if title_size is not None else max(ln.size for ln in opening)
    # Consecutive title-size lines make one title, wherever it starts.
    title: list[Line] = []
    for line in opening:
        if line.size >= size - SETTINGS.larger:
            title.append(line)
        elif title:
            break
    return join_text(title or opening[:1])


def _start_kind(
    view: PageView,
    title_size: float | None,
    slide_run: dict[int, int],
    printed: dict[int, int],
    item_starts: dict[int, AgendaItem],
    previous_blank: bool,
) -> SectionKind | None:
    """The kind of document that starts on this page, or None when it continues one."""
    if view.blank:
        return "other"
    if view.report_cover:
        return "report"
    named = any(_MINUTES.search(ln.text) for ln in view.opening[: SETTINGS.minutes_title_lines])
    if named and _is_big(view.opening[0], title_size):
        return "minutes"
    if view.number in slide_run:
        return "presentation"
    opening = view.opening
    if not opening:
        return None
    if previous_blank or printed.get(view.number) in item_starts or view.item_stamp:
        return "appendix"
    if title_size is not None and opening[0].size >= title_size - SETTINGS.larger:
        return "appendix"
    if _APPENDIX.match(opening[0].text) and opening[0].bold:
        return "appendix"
    return None


def _outranks_cover(view: PageView, cover_size: float | None, body: float) -> bool:
    """A page inside a report or minutes that opens with a bold title as large as their own opening.

    Headings inside a document are set smaller than the lines its first page opens with,
    so such a page starts the next document: an appendix printed without an "Appendix"
    label or a page-range start of its own.
    """
    opening = view.opening
    if cover_size is None or not opening:
        return False
    first = opening[0]
    return first.bold and first.size >= max(cover_size - SETTINGS.larger, body + SETTINGS.title_above_body)


def _is_big(line: Line, title_size: float | None) -> bool:
    return line.bold or (title_size is not None and line.size >= title_size - SETTINGS.larger)


def _slide_runs(views: Sequence[PageView], body: float) -> dict[int, int]:
    """Pages that look like slides, mapped to the index of their run of consecutive slides.

    A slide is a landscape page whose first line is a large title and whose text is
    sparse; a run needs at least two such pages in a row.
    """
    slide = [
        v.landscape
        and bool(v.opening)
        and v.opening[0].size >= SETTINGS.slide_title_ratio * body
        and v.chars <= SETTINGS.slide_max_chars
        and not v.report_cover
        for v in views
    ]
    runs: dict[int, int] = {}
    run_id = 0
    k = 0
    while k < len(views):
        if not slide[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(views) and slide[j + 1]:
            j += 1
        if j > k:
            run_id += 1
            for v in views[k : j + 1]:
                runs[v.number] = run_id
        k = j + 1
    return runs


def _section_title(view: PageView, kind: SectionKind) -> str | None:
    if kind == "other":
        return join_text(view.lines) or None
    if kind == "minutes":
        return "Minutes"
    return _opening_title(view, None)


def _type_appendices(
    starts: list[tuple[int, SectionKind, str | None]],
) -> list[tuple[int, SectionKind, str | None]]:
    """A document that follows no report in its PDF is a document of its own, not an appendix."""
    typed = []
    seen_report = False
    for first, kind, title in starts:
        if kind == "report":
            seen_report = True
        if kind == "appendix" and not seen_report and not typed:
            kind = "other"
        typed.append((first, kind, title))
    return typed


def _item_for(printed_start: int | None, items: Sequence[AgendaItem]) -> str | None:
    if printed_start is None:
        return None
    for item in items:
        if item.page_start is not None and item.page_start <= printed_start <= (
            item.page_end or item.page_start
        ):
            return item.number
    return None
