"""The agenda front sheet: meeting details, committee members and the agenda items.

Front sheets name the committee in a title ("PLANNING COMMITTEE AGENDA"), give the
time, date and venue, list the members (often under one heading per council or
group), and number the items of business, each with a title in bold or capitals,
an optional "(Pages X - Y)" range and an optional description.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from pdfplumber.page import Page

from extractors.base import Extractor, Source
from extractors.dates import find_dates, find_times
from extractors.layout import (
    Line,
    body_size,
    is_capitals,
    join_text,
    layout_of,
    page_lines,
    page_stamp,
    set_alike,
)
from extractors.metadata import COUNCIL_NAME, WEEKDAY, MeetingDetails, meeting_details, venue_where_held
from extractors.names import HONORIFIC, split_names, strip_title
from extractors.numbering import Numbering, follows, parse_numbering, run_in_heading
from extractors.sections import ITEM_STAMP
from extractors.settings import SETTINGS
from schemas.records import AgendaItem, DocumentMeta, Member

EXTRACTOR = Extractor("agenda", __name__)

_AGENDA_WORD = re.compile(r"\bagenda\b|\bnotice of (?:the )?meeting\b|\bsummons\b", re.I)
_HELD = re.compile(r"\bheld\b", re.I)
_AGENDA_HEADING = re.compile(r"^\s*agenda(?:\s+items?)?\s*:?\s*$", re.I)
_TITLE_NOISE = re.compile(r"\s*\b(?:agenda|notice of (?:the )?meeting|summons)\b\s*", re.I)
_PAGES = re.compile(r"\(\s*pages?\s+(\d+)(?:\s*[-–—]\s*(\d+))?\s*\)", re.I)
_PAGES_OPEN = re.compile(r"\(\s*pages?\b[^)]*$", re.I)
# The rest of a page range that wrapped: "20)", "- 20)", "12 - 20)".
_PAGES_TAIL = re.compile(r"^[\d\s\-–—]*\d\s*\)$")
_MEMBER_HEADING = re.compile(
    r"^(?:(?:committee\s+|panel\s+|board\s+)?(?:councillors?|members?(?:hip)?)"
    r"(?:\s+of\s+(?:the\s+)?[a-z-]+(?:\s+[a-z-]+)?)?)\s*:?\s*$",
    re.I,
)
_COUNCIL_PREFIX = re.compile(
    r"^(?:the\s+)?(?:london|royal|metropolitan|county|city and county)?\s*"
    r"(?:borough|city|county|district)\s+of\s+",
    re.I,
)
_COUNCIL_SUFFIX = re.compile(r"\s+(?:(?:borough|city|county|district|town|parish)\s+)?council$", re.I)
# "Membership: Councillors A (Chair), B and C": the list printed after its label.
_MEMBER_LABEL = re.compile(
    r"^(?:membership|(?:committee\s+)?members|councillors)\s*:\s*(?P<rest>\S.*)$", re.I
)
# "Chair: Councillor A", "Vice-Chairman: Cllr B": a member's role as a label before the name.
_ROLE_LABEL = re.compile(
    r"^(?P<role>(?:vice|deputy)?[\s-]*(?:chair(?:man|person|woman)?|leader|mayor))\s*:\s*(?P<rest>\S.*)$",
    re.I,
)
_LIST_SEPARATOR = re.compile(r",|&|\band\b")
_ROLE = re.compile(r"\s*\(([^)]*)\)\s*$")
_VENUE_LABEL = re.compile(r"^(?:venue|place|location|where)\s*:\s*", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass
class FrontSheet:
    """What an agenda front sheet states."""

    meta: DocumentMeta
    members: list[Member] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)


def is_front_sheet(page: Page) -> bool:
    """Whether a page opens an agenda: its title names an agenda, or it lists items.

    Items are listed under an "Agenda" heading, or with the ranges of their papers: two
    or more, or one under an agenda's name (a supplement's covering letter: "Agenda Item
    No" over "3 Local Transport Strategy (Pages 1 - 18)").
    """
    lines = [ln for ln in page_lines(page) if not ITEM_STAMP.match(ln.text)]
    top = [ln for ln in lines if ln.top < page.height * SETTINGS.agenda_title_zone]
    if any(_AGENDA_WORD.search(ln.text) for ln in top[: SETTINGS.agenda_title_lines]):
        return True
    # An "AGENDA" heading lower down, under the meeting's details or a summons, over numbered items.
    if (
        any(_AGENDA_HEADING.match(ln.text) for ln in lines)
        and sum(_item_start(ln, strict=False) for ln in lines) >= 2
    ):
        return True
    paged = [ln for ln in lines if _PAGES.search(ln.text)]
    if len(paged) >= 2:
        return True
    return bool(paged) and _item_start(paged[0]) and any(_AGENDA_WORD.search(ln.text) for ln in lines)


def extract_front_sheet(pages: Sequence[Page], source: Source) -> FrontSheet:
    """Meeting details, members and agenda items from the front-sheet pages.

    The meeting is read from what the sheet prints before its items, side columns (the
    sender's address and the letter's own date) left out.
    """
    layouts = [layout_of(_content_lines(page), page.page_number, page.width, page.height) for page in pages]
    lines = [ln for layout in layouts for ln in layout.lines]
    # A signature or contact block standing in a side column is no item's text; the tail of
    # a page range wrapped in its own column stays.
    listed = [
        ln
        for layout in layouts
        for k, ln in enumerate(layout.lines)
        if k not in layout.aside or _PAGES_TAIL.match(ln.text) or _PAGES.search(ln.text)
    ]
    items = _items(listed, source)
    main = [ln for layout in layouts for ln in layout.main]
    first_item = next((k for k, ln in enumerate(main) if items and _is_item_line(ln, items[0])), len(main))
    # A date printed without its year ("June 6") takes the year of the dates around it.
    context = next((found[0][0] for ln in lines if (found := find_dates(ln.text))), None)
    details = meeting_details(main[:first_item], context)
    meta = _meeting_meta([ln for ln in main if ln.page == main[0].page] if main else [], source, details)
    return FrontSheet(meta, _members(lines, source), items)


def _is_item_line(line: Line, item: AgendaItem) -> bool:
    return (
        line.page == item.prov.pdf_page and item.prov.bbox is not None and line.top >= item.prov.bbox[1] - 1
    )


def _content_lines(page: Page) -> list[Line]:
    lines = page_lines(page)
    _, stamp = page_stamp(lines, page.height)
    return [ln for ln in lines if ln is not stamp]


def _meeting_meta(first_page: list[Line], source: Source, details: MeetingDetails) -> DocumentMeta:
    """The sheet's meeting: what :func:`meeting_details` read, and for what it left open, the
    first page's largest type, first date and time, and the place printed with them."""
    committee, title_lines = _committee(first_page)
    if details.committee:
        committee, title_lines = details.committee, [details.where] if details.where else title_lines
    meeting_date = meeting_time = venue = None
    date_line = None
    for k, line in enumerate(first_page[:12]):
        dates = find_dates(line.text)
        if dates and meeting_date is None:
            meeting_date = dates[0][0]
            date_line = k
            times = find_times(line.text)
            meeting_time = times[0] if times else None
            venue = _venue_from_date_line(line.text, dates[0][2]) or venue
        label = _VENUE_LABEL.match(line.text)
        if label:
            venue = line.text[label.end() :].strip() or venue
    if date_line is not None and _HELD.search(join_text(first_page[max(0, date_line - 2) : date_line + 1])):
        # "A meeting ... will be held in <venue> on <date> at <time>": a summons' sentence,
        # which may run on past the date.
        venue = venue_where_held(join_text(first_page[max(0, date_line - 2) : date_line + 2])) or venue
    if venue is None and date_line is not None and date_line + 1 < len(first_page):
        # "Wednesday 5th March 2025, 7.00 pm" / "Committee Room 2, Town Hall": the place
        # is printed on the line under the date, unlabelled.
        venue = _venue_line(first_page[date_line + 1].text)
    if meeting_time is None:
        for line in first_page[:12]:
            times = find_times(line.text)
            if times:
                meeting_time = times[0]
                break
    page = title_lines[0].page if title_lines else (first_page[0].page if first_page else None)
    return DocumentMeta(
        committee=committee,
        meeting_date=details.meeting_date or meeting_date,
        meeting_time=details.meeting_time or meeting_time,
        venue=details.venue or venue,
        prov=source.prov(EXTRACTOR, page, title_lines[0].bbox if title_lines else None),
    )


def _committee(first_page: list[Line]) -> tuple[str | None, list[Line]]:
    """The body the agenda is for, from the largest type atop the front sheet.

    The largest lines may only say "AGENDA" or name the council ("Northshire District
    Council") above the committee set a size smaller: then the next size down names it.
    """
    top = first_page[: SETTINGS.agenda_title_lines]
    body = body_size(first_page)
    sizes = sorted({round(ln.size) for ln in top}, reverse=True)
    fallback: tuple[str | None, list[Line]] = (None, [])
    for k, size in enumerate(sizes[: SETTINGS.committee_title_sizes]):
        group = [ln for ln in top if abs(ln.size - size) <= SETTINGS.larger]
        text = _TITLE_NOISE.sub(" ", join_text(group)).strip(" -–:")
        if len(text.split()) > SETTINGS.committee_title_words:
            # Not a title: the sheet is set in one size throughout.
            break
        if k and (size < body + SETTINGS.committee_above_body or find_dates(text)):
            break
        if text and not COUNCIL_NAME.search(text):
            return text, group
        if fallback[0] is None:
            fallback = (text or None, group)
    return fallback


def _venue_line(text: str) -> str | None:
    """A line that can be the meeting's place: a short name, not a label, sentence, list or item."""
    text = text.strip()
    if (
        find_dates(text)
        or ":" in text
        or text.endswith(".")
        or len(text.split()) > SETTINGS.venue_words
        or sum(ch.isalpha() for ch in text) < SETTINGS.venue_min_letters
        or _MEMBER_HEADING.match(text)
        or HONORIFIC.match(text)
        or _AGENDA_WORD.search(text)
        or _numbered(text)
    ):
        return None
    return text


def _venue_from_date_line(text: str, date_end: int) -> str | None:
    """What follows the date on a "10.00 am Friday 3 August 2018 Town Hall" line."""
    rest = text[date_end:].lstrip(" ,;-–")
    rest = re.sub(r"^\s*(?:at\s+)?(?:\d{1,2}(?:[.:]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?))?", "", rest, flags=re.I)
    rest = WEEKDAY.sub(" ", rest).strip(" ,-–:")
    return rest or None


def normalise_council(heading: str) -> str:
    """A council heading reduced to its place name: "LONDON BOROUGH OF HAVERING" -> "Havering"."""
    text = re.sub(r"\s+", " ", heading).strip().rstrip(":")
    text = _COUNCIL_SUFFIX.sub("", _COUNCIL_PREFIX.sub("", text)).strip()
    return text.title() if text.isupper() else text


def _members(lines: list[Line], source: Source) -> list[Member]:
    start = next(
        (i for i, ln in enumerate(lines) if _MEMBER_HEADING.match(ln.text) or _MEMBER_LABEL.match(ln.text)),
        None,
    )
    if start is None:
        return []
    body = body_size(lines)
    members: list[Member] = []
    council: str | None = None

    def add(text: str, where: Line, labelled_role: str | None = None) -> None:
        members.extend(
            Member(
                name=name,
                council=council,
                role=labelled_role or role,
                prov=source.prov(EXTRACTOR, where.page, where.bbox),
            )
            for name, role in _member_names(text)
        )

    i = start if _MEMBER_LABEL.match(lines[start].text) else start + 1
    while i < len(lines):
        line = lines[i]
        label = _MEMBER_LABEL.match(line.text) if i == start else None
        # Members may be listed in columns: "Councillor A      Councillor B".
        chunks = line.chunks()
        if label or (len(chunks) == 1 and HONORIFIC.match(line.text) and _LIST_SEPARATOR.search(line.text)):
            # A list of names that may wrap, even inside a name: "..., Arjun" / "Darby, ...".
            end = _paragraph_end(lines, i)
            text = join_text(lines[i:end])
            add(text[label.start("rest") :] if label else text, line)
            i = end
            continue
        role = _ROLE_LABEL.match(line.text)
        if role:
            add(role.group("rest"), line, role.group("role"))
        elif all(HONORIFIC.match(chunk.text) for chunk in chunks):
            for chunk in chunks:
                add(chunk.text, chunk)
        elif _is_group_heading(line, body):
            council = normalise_council(line.text.strip())
        else:
            break
        i += 1
    return members


def _paragraph_end(lines: list[Line], start: int) -> int:
    """Index after the last line of the paragraph that starts at ``lines[start]``: set alike, close below."""
    end = start + 1
    while end < len(lines):
        prev, line = lines[end - 1], lines[end]
        if (
            line.page != prev.page
            or line.bold != prev.bold
            or abs(line.size - prev.size) > SETTINGS.same_size
            or line.top - prev.bottom > SETTINGS.paragraph_gap * line.size
            or prev.text.rstrip().endswith(".")
            or ":" in line.text
        ):
            break
        end += 1
    return end


def _member_names(text: str) -> list[tuple[str, str | None]]:
    """The names of one printed entry: "Councillor A (Chair)", or a list "Councillors A (Chair), B and C"."""
    if _LIST_SEPARATOR.search(re.sub(r"\([^)]*\)", " ", text)):
        return split_names(text)
    name, role = _split_role(strip_title(text))
    return [(name, role)] if name else []


def _split_role(name: str) -> tuple[str, str | None]:
    m = _ROLE.search(name)
    if m:
        return name[: m.start()].strip(), m.group(1).strip()
    return name, None


def _is_group_heading(line: Line, body: float) -> bool:
    text = line.text.strip()
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(text) < 80 and (line.bold or line.size > body or text.isupper())


def _items(lines: list[Line], source: Source) -> list[AgendaItem]:
    """Agenda items: numbered title lines, wrapped titles, page ranges and descriptions.

    Items are the numbered lines that run down one margin set alike: titles set apart
    (bold or capitals) in any numbering; titles in body type where their numbers follow
    one another ("1.", "2."; "A.", "B."; "3101.", "3102."). Sub-items numbered further in
    belong to their item. A lone numbered line is an item when it carries its papers' range.
    """
    lines = _numbers_to_titles(_ranges_joined(lines))
    runs = [
        r
        for r in _numbered_runs(lines, [i for i, ln in enumerate(lines) if _item_start(ln)])
        if _listed(lines, r)
    ]
    if not runs:
        # Items typed in body type: numbered title lines whose numbers follow one another.
        plain = _numbered_runs(lines, [i for i, ln in enumerate(lines) if _item_start(ln, strict=False)])
        runs = [seq for r in plain if _listed(lines, seq := _in_sequence(lines, r))]
    if not runs:
        return []
    run = max(runs, key=lambda r: (_run_score(lines, r), len(r)))
    items = []
    for k, i in enumerate(run):
        end = run[k + 1] if k + 1 < len(run) else _run_end(lines, run)
        items.append(_item(lines, i, end, _title_column_edge(lines, run, i), source))
    return items


def _title_column_edge(lines: list[Line], run: list[int], item: int) -> float:
    """How far the title of ``lines[item]`` could run before wrapping, as far as the others show.

    The other items' titles reach at least that far; page ranges printed in a column of
    their own stand beyond it.
    """
    others = [_title_part(lines[i]).x1 for i in run if i != item]
    ranges = [
        chunk.x0
        for i in run
        for chunk in lines[i].chunks()[1:]
        if _PAGES.match(chunk.text) or _PAGES_OPEN.match(chunk.text)
    ]
    edge = max(others, default=_title_part(lines[item]).x1)
    return min(edge, *ranges) if ranges else edge


def _listed(lines: list[Line], run: list[int]) -> bool:
    """Whether a run lists items: two or more, or one that gives its papers' page range."""
    return len(run) >= 2 or any(_PAGES.search(lines[i].text) for i in run)


def _in_sequence(lines: list[Line], run: list[int]) -> list[int]:
    """The longest chain of the run's lines whose numbers follow one another."""
    numbers = [_number_of(lines[i]) for i in run]
    best: list[list[int]] = []
    for k, number in enumerate(numbers):
        chain = [run[k]]
        for j in range(k - 1, -1, -1):
            if numbers[j] is not None and number is not None and follows(numbers[j], number):
                chain = [*best[j], run[k]]
                break
        best.append(chain)
    return max(best, key=len, default=[])


def _ranges_joined(lines: list[Line]) -> list[Line]:
    """The lines with each page range that wraps onto the next line joined on its first.

    A grid's narrow page-range column wraps "(Pages 12 - 20)" into "(Pages 12 -" over
    "20)", each beside a line of the title or description.
    """
    out = list(lines)
    for i in range(len(out) - 1):
        if not out[i].words:
            continue  # a line that was only the tail of the range above it
        opened, below = out[i].chunks()[-1], out[i + 1]
        tail = below.chunks()[-1] if below.words else None
        if (
            tail is None
            or below.page != opened.page
            or not _PAGES_OPEN.search(opened.text)
            or not _PAGES_TAIL.match(tail.text)
            or tail.x1 < opened.x0
            or tail.x0 > opened.x1
        ):
            continue
        out[i] = Line(opened.page, (*out[i].words, *tail.words))
        out[i + 1] = Line(below.page, below.words[: len(below.words) - len(tail.words)])
    return [ln for ln in out if ln.words]


def _numbers_to_titles(lines: list[Line]) -> list[Line]:
    """The lines with each item number that stands beside a description line set on its title.

    An agenda printed as a grid whose cells are centred vertically (number | title and
    description | page range) prints the number level with the middle of its row: in a
    column of its own, beside a line of the description under the title it numbers.
    """
    out = list(lines)
    for i, line in enumerate(lines):
        chunks = line.chunks()
        numbered = _numbered(chunks[0].text)
        if len(chunks) < 2 or not numbered or numbered[1] or _item_start(line):
            continue
        title = _title_above(out, i, chunks[1].x0)
        if title is not None:
            out[title] = Line(line.page, (*chunks[0].words, *out[title].words))
            out[i] = Line(line.page, tuple(w for chunk in chunks[1:] for w in chunk.words))
    return out


def _title_above(lines: list[Line], i: int, column: float) -> int | None:
    """Index of the first line of the unnumbered title over ``lines[i]`` in the text column at ``column``.

    Lines are passed upward while they stand in that column: the description, then the
    title, whose first line is the topmost of its lines set bold or in capitals.
    """
    found = None
    for j in range(i - 1, -1, -1):
        above = lines[j]
        if above.page != lines[i].page or abs(above.x0 - column) > SETTINGS.column_align:
            break
        letters = [c for c in above.text if c.isalpha()]
        title_like = bool(letters) and (
            above.bold or sum(c.isupper() for c in letters) >= SETTINGS.capitals_share * len(letters)
        )
        if found is not None and not title_like:
            break
        if title_like:
            found = j
    return found


def lists_items(grid: Sequence[Sequence[str]]) -> bool:
    """Whether a grid's rows are agenda items: item numbers down its first column, page ranges beside.

    The number column holds numbers alone ("4", "4a.", "Item 4"); some row gives its
    papers' "(Pages X - Y)".
    """
    firsts = [row[0] for row in grid if row and row[0].strip()]
    numbers = sum(1 for text in firsts if (found := _numbered(text)) and not found[1])
    paged = any(_PAGES.search(cell) for row in grid for cell in row)
    return paged and numbers >= 2 and numbers * 2 > len(firsts)


def _numbered(text: str, *, heading: bool = False) -> tuple[str, str] | None:
    """The item number a line opens with ("4", "4a", "B.", "iv", "Item 4", "3101.") and the text after it.

    A letter without a stop numbers a line set as a heading ("B URGENT BUSINESS") or
    standing alone (a grid's number cell).
    """
    found = _numbering(text, heading=heading)
    return (found.label, found.rest) if found else None


def _numbering(text: str, *, heading: bool = False) -> Numbering | None:
    text = text.strip()
    found = parse_numbering(text, set_apart=heading or " " not in text)
    return found if found is not None and found.style != "bullet" else None


def _number_of(line: Line) -> Numbering | None:
    return _numbering(line.text, heading=_set_apart(line))


def _set_apart(line: Line) -> bool:
    return line.bold or is_capitals(_title_part(line).text)


def _item_start(line: Line, strict: bool = True) -> bool:
    """Whether a line opens an item: a number and a title set bold or in capitals.

    Unless ``strict``, a title in body type will do: a few words and no full stop.
    """
    line = _title_part(line)
    numbered = _number_of(line)
    if numbered is None or not numbered.rest:
        return False
    title = numbered.rest
    # Item titles are bold or in capitals; a numbered sentence in a description is neither.
    if not any(c.isalpha() for c in title):
        return False
    if _set_apart(line):
        return True
    return not strict and len(_PAGES.sub("", title).split()) <= SETTINGS.plain_title_words


def _title_part(line: Line) -> Line:
    """The line without the page range after its title, which is set in a type of its own."""
    for k in range(1, len(line.words)):
        if line.words[k].text.lower().startswith("(page"):
            rest = " ".join(w.text for w in line.words[k:])
            if _PAGES.match(rest) or _PAGES_OPEN.match(rest):
                return Line(line.page, line.words[:k])
    return line


def _numbered_runs(lines: list[Line], starts: list[int]) -> list[list[int]]:
    """Groups of item starts that share the same left edge and typography."""
    runs: list[list[int]] = []
    for i in starts:
        line = _title_part(lines[i])
        for run in runs:
            ref = _title_part(lines[run[-1]])
            aligned = abs(ref.x0 - line.x0) < SETTINGS.item_run_align
            if aligned and abs(ref.size - line.size) < SETTINGS.item_run_size and ref.bold == line.bold:
                run.append(i)
                break
        else:
            runs.append([i])
    return runs


def _run_score(lines: list[Line], run: list[int]) -> int:
    """Prefer the run headed "Agenda" or carrying page ranges over numbered notes."""
    first = run[0]
    headed = any(
        _AGENDA_WORD.search(ln.text) for ln in lines[max(0, first - SETTINGS.agenda_heading_lines) : first]
    )
    paged = any(_PAGES.search(lines[i].text) or _PAGES_OPEN.search(lines[i].text) for i in run)
    return 2 * headed + paged


def _run_end(lines: list[Line], run: list[int]) -> int:
    """Where the last item's block ends: at a new heading block set like an item or larger on a
    later page, at a heading set as the items are, or at a gap wider than the items stand apart
    (a signature or a note under the list)."""
    start = lines[run[-1]]
    pitches = [lines[b].top - lines[a].top for a, b in pairwise(run) if lines[a].page == lines[b].page]
    widest = SETTINGS.item_end_gap * max(statistics.median(pitches) if pitches else 0.0, start.size)
    for j in range(run[-1] + 1, len(lines)):
        ln, prev = lines[j], lines[j - 1]
        if ln.page != start.page and ln.size > start.size + SETTINGS.larger:
            return j
        if ln.page == prev.page and ln.top - prev.top > widest:
            return j
        if _set_apart(start) and abs(ln.x0 - start.x0) <= SETTINGS.align_tolerance and set_alike(ln, start):
            return j  # a heading set as the items are, unnumbered: the next part of the agenda
    return len(lines)


def _wraps(prev: Line, line: Line, right: float) -> bool:
    """Whether ``line`` carries on the title that ``prev`` ends.

    It does when set alike, at the line pitch, opening with no number or bullet left of
    where the title's text starts, after a line that does not end by introducing a list.
    A title in body type must also have filled its line: the next word would not fit
    (a description in body type under it is otherwise set alike).
    """
    head, tail = _title_part(prev), _title_part(line)
    if line.page != prev.page or not set_alike(head, tail) or not line.words:
        return False
    if line.top - prev.bottom > SETTINGS.title_wrap_gap * line.size or prev.text.rstrip().endswith(
        (":", ":-", ":–")
    ):
        return False
    opening = _numbering(line.text)
    if opening is not None and (
        opening.style == "bullet" or line.x0 < _text_start(prev) - SETTINGS.align_tolerance
    ):
        return False
    if _set_apart(prev):
        return True
    # The line below shows the column is at least as wide as it is.
    right = max(right, _title_part(line).x1)
    first_word = line.words[0].x1 - line.words[0].x0
    return head.x1 + first_word >= right - SETTINGS.align_tolerance or line.text[:1].islower()


def _text_start(line: Line) -> float:
    """Where the text of a line starts after its number, if it opens with one."""
    opening = _numbering(line.text)
    skip = len(opening.token.split()) if opening else 0
    return line.words[skip].x0 if skip < len(line.words) else line.x0


def _item(lines: list[Line], i: int, end: int, right: float, source: Source) -> AgendaItem:
    first = lines[i]
    number = _number_of(first)
    title_parts = [number.rest if number else first.text]
    j = i + 1
    # An open "(Pages" wraps; so does a title, onto lines set alike until a line is set apart.
    while j < end and (_PAGES_OPEN.search(" ".join(title_parts)) or _wraps(lines[j - 1], lines[j], right)):
        title_parts.append(lines[j].text)
        j += 1
    title = " ".join(title_parts)
    page_start = page_end = None
    m = _PAGES.search(title)
    if m:
        page_start = int(m.group(1))
        page_end = int(m.group(2)) if m.group(2) else page_start
        title = (title[: m.start()] + title[m.end() :]).strip()
    lead = run_in_heading(title)
    run_on = ""
    if lead and _SENTENCE_END.search(lead[1]) and not find_dates(lead[1]) and not find_times(lead[1]):
        # "Reports from Working Groups:- Finance. Consider ...": the title runs in before
        # the sentences it introduces ("Budget 2025/26: MONTH 4" is one title).
        title, run_on = lead
    description = " ".join(part for part in (run_on, join_text(lines[j:end])) if part)
    ranged = None if m else _PAGES.search(description)
    if ranged:
        # A grid centres the page range in its row: level with a line of the description.
        page_start = int(ranged.group(1))
        page_end = int(ranged.group(2)) if ranged.group(2) else page_start
        description = re.sub(
            r"\s+", " ", f"{description[: ranged.start()]} {description[ranged.end() :]}"
        ).strip()
    return AgendaItem(
        number=number.label if number else first.text.split()[0],
        title=re.sub(r"\s+", " ", title).strip(" -–:"),
        page_start=page_start,
        page_end=page_end,
        description=description or None,
        prov=source.prov(EXTRACTOR, first.page, first.bbox),
    )
