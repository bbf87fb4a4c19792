"""Committee reports: the fields of the cover sheet and the recommendations.

A report opens with a cover sheet: a block of labelled fields in any order and wording
("Subject heading:", "Subject:", "Title:", "From:", "By:", "To:", "Date:", "Status:",
"Summary:", "Recommendation(s):", "Report author and contact details:"...), each label
mapped to the field it names. A value sits after its label on the same line, on the
lines below it, or in the value column of a two-column table (ruled or not, labels
sometimes wrapped, sometimes without colons), so a page is read as entries: plain
lines, or the parts of a table line left and right of the value column. A field runs
from its label to the next label, a heading or the end of its table row.

Recommendations follow a "Recommendations" / "Decision(s) required" heading, a cover
table label, or an inline "Recommendations: ..." sentence; where the cover has none,
the report's own Recommendations section: one per list item (or per paragraph of an
unnumbered block), introductory lines ending in a colon and headings over groups of
items left out.

The author is the first person of a contact field, on the cover or at the report's end
("Contact details", "Report Author(s)", "Lead Officer:"), else the unlabelled contact
entry the report ends with; the meeting date is a date label's, the report heading's or
the one printed with whom the report goes to ("To: Audit Committee - 9 July 2025").

The financial summary is the value of a "Financial summary" label; a "Financial
implications" label counts only among the cover fields, before the report body starts,
as the body's financial-implications section is no summary.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pdfplumber.page import Page

from extractors.base import Extractor, Source
from extractors.contacts import contact_entry, find_email, find_phone, person_name
from extractors.dates import parse_date
from extractors.layout import Line, Word, body_size, join_text, page_lines, page_stamp
from extractors.metadata import names_body
from extractors.numbering import Numbering, follows, parse_numbering
from extractors.settings import SETTINGS
from schemas.records import BBox, Report

EXTRACTOR = Extractor("reports", __name__)

# ---------------------------------------------------------------- label vocabulary

# Per field kind, label wordings from most to least specific: a lower rank wins when
# a cover sheet carries several (a "Report author" over a "Lead officer").
_LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "title": (
        r"subject\s+heading|(?:report|paper)\s+(?:title|subject|name)|title\s+of\s+(?:the\s+)?(?:report|paper)"
        r"|(?:subject|name)\s+of\s+(?:the\s+)?report",
        r"subject(?:\s+matter)?|title",
    ),
    "author": (
        r"(?:report|lead)\s+authors?(?:\s*\(s\))?|authors?(?:\s*\(s\))?\s+of\s+(?:the\s+)?report"
        r"|report\s+(?:written|prepared)\s+by|report\s+originator",
        r"(?:report\s+)?contact\s+officers?(?:\s*\(s\))?|officer\s+contact(?:\s+details)?|report\s+contact"
        r"|originating\s+officers?(?:\s*\(s\))?"
        r"|authors?(?:\s*\(s\))?",
        r"(?:lead|responsible)\s+officers?(?:\s*\(s\))?|contact(?:\s+details)?"
        r"|for\s+(?:further\s+)?(?:information|enquiries|details)(?:\s+(?:please\s+)?contact)?",
    ),
    "date": (
        r"date\s+of\s+(?:the\s+)?(?:meeting|committee|cabinet|board|panel|decision|hearing)"
        r"|(?:meeting|committee|cabinet|board|panel|decision)\s+date",
        r"(?!)",  # rank 1 is the date printed in the report's heading
        r"date",
        r"meeting",
    ),
    "finance": (
        r"financial\s+summary|summary\s+of\s+(?:the\s+)?financial\s+implications"
        r"|financial\s+implications\s+summary",
        r"financ(?:e|ial)\s+(?:implications|impact|comments)(?:\s+(?:and|&)\s+risks?)?"
        r"|budget\s+implications",
    ),
    "recs": (
        r"recommendations?(?:\s*\(s\))?(?:\s+to\s+(?:the\s+)?\w+(?:\s+\w+)?)?"
        r"|(?:recommended|proposed)\s+decisions?(?:\s*\(s\))?|decisions?(?:\s*\(s\))?\s+(?:required|sought)",
    ),
    # Labels of the other cover fields: they end the field before them and tell a cover
    # sheet from a page that merely mentions a label. Who sends the report, and to whom:
    # (a report's own wording first: "From:" and "By:" head e-mails and memos too)
    "from": (r"(?:joint\s+)?report\s+(?:of|from|by)|(?:submitted|presented)\s+by", r"from|by"),
    "to": (r"(?:report\s+)?to|committee|decision[\s-]*(?:maker|taker)",),
    # Fields only a committee paper carries:
    "status": (r"classification|status|exempt(?:\s+information)?|protective\s+marking",),
    "summary": (r"(?:executive\s+)?summary|purpose(?:\s+of\s+(?:the\s+)?report)?",),
    "other": (
        r"electoral\s+divisions?(?:\s*\(s\))?(?:\s+affected)?"
        r"|decision\s+(?:no\.?|number|reference)|enclosures|wards?(?:\s*\(s\))?(?:\s+affected)?"
        r"|(?:is\s+this\s+a\s+)?key\s+decision\??|(?:cabinet|lead|executive)\s+member(?:\s*\(s\))?"
        r"|portfolio(?:\s+holder)?|policy\s+context|director(?:ate|\s*\(s\)|s)?"
        r"|service\s+area|agenda\s+item|item\s+(?:no\.?|number)|reasons?\s+for\s+(?:urgency|(?:the\s+)?decision)"
        r"|corporate\s+priorit(?:y|ies)|background\s+papers|appendices|attachments",
    ),
}
# Label kinds no other document prints as a block: an e-mail or a memo heads itself with
# From, To, Date and Subject too, a report cover adds at least one of these.
_PAPER_KINDS = frozenset({"author", "finance", "recs", "status", "summary", "other"})
# Author labels often run on: "Report author and contact details", "Contact officer & telephone".
_AUTHOR_TAIL = r"(?:\s*(?:and|&|/|,)\s*[a-z][a-z .\-/&]{0,40}?)?"
# What may follow a label on its line: a colon (maybe with a dash), a spaced dash, or nothing.
_SEPARATOR = r"(?:\s*[:：]\s*(?:[-–—]\s*)?|\s+[-–—]\s+|\s*$)"


def _compile_labels() -> list[tuple[str, int, re.Pattern[str], re.Pattern[str]]]:
    """Per label wording: kind, rank, the label standing as a label, and the label as a line's start."""
    patterns = []
    for kind, ranks in _LABEL_WORDS.items():
        for rank, words in enumerate(ranks):
            tail = _AUTHOR_TAIL if kind == "author" else ""
            full = re.compile(rf"\s*(?P<label>(?:{words}){tail}){_SEPARATOR}", re.I)
            prefix = re.compile(rf"\s*(?P<label>{words})\b", re.I)
            patterns.append((kind, rank, full, prefix))
    return patterns


_LABELS = _compile_labels()
# "Report of the Director of Resources", "Joint report by the Chief Executive": the
# reporting officer's role on a line of its own, the label run into its value (a line
# that a sentence wrapped onto, "report of the Director ...", opens in lower case).
_REPORT_OF = re.compile(
    r"^\s*(?-i:(?=[A-Z]))(?:joint\s+)?report\s+(?:of|by|from)\s+(?=(?:the\s+)?(?-i:[A-Z]))", re.I
)

# Sub-labels inside a contact block: they belong to the author field, never end it.
_CONTACT_SUBLABEL = re.compile(
    r"^\s*(?:tel(?:ephone)?(?:\s*no\.?)?|phone|mobile|mob|direct\s+line|ext(?:ension|n)?|e-?mail|name"
    r"|job\s+title|title|position|post|designation|role|address|[tem])(?:\s+(?:number|address|line))?\s*[.:]",
    re.I,
)
# Headings that open a part of the report body.
_SECTION_HEADING = re.compile(
    r"^\s*(?:report\s+details?|main\s+report|background(?:\s+information)?"
    r"|introduction|(?:executive\s+)?summary|purpose(?:\s+of\s+(?:the\s+)?report)?"
    r"|reasons?\s+for\s+(?:the\s+)?(?:recommendations?|decisions?|proposals?)"
    r"|(?:financial|legal|risk|equalit(?:y|ies)|staffing|hr|human\s+resources?|environmental|other)"
    r"\s+implications(?:\s+(?:and|&)\s+risks?)?|implications|(?:alternative\s+)?options(?:\s+considered)?"
    r"|consultation|body\s+of\s+(?:the\s+)?report|discussion|proposals?|key\s+issues|context|details?"
    r"|supporting\s+information|background\s+papers|appendices)\s*:?\s*$",
    re.I,
)
_INTRO_END = re.compile(r"[:：]\s*(?:[-–—]\s*)?$")

# ---------------------------------------------------------------- text helpers


def section_number(text: str) -> tuple[str | None, int]:
    """The section number a heading or label opens with ("2", "2.1") and where its words start."""
    n = parse_numbering(text)
    if (
        n is None
        or n.style not in ("arabic", "decimal")
        or n.bracketed
        or n.worded
        or not n.rest
        or (n.style == "arabic" and int(n.label) > SETTINGS.max_section_number)
    ):
        return None, 0
    return n.label, text.index(n.rest, text.index(n.token) + len(n.token))


def _is_section_heading(text: str) -> bool:
    return bool(_SECTION_HEADING.match(text[section_number(text)[1] :]))


def list_marker(text: str) -> Numbering | None:
    """The list marker a line starts with: a bullet, or a number or letter set off by its
    punctuation ("1.", "1)", "(a)", "ii)", "2.1"), never a bare word or figure."""
    n = parse_numbering(text)
    if n is None or n.worded:
        return None
    start = text.index(n.token) + len(n.token)
    if start < len(text) and not text[start].isspace():
        return None  # "e.g." is an abbreviation, not "e." and "g."
    if n.style == "bullet" or n.bracketed or n.style == "decimal" or n.token.endswith("."):
        return n
    return None


def split_list_marker(text: str) -> tuple[str | None, str]:
    """The list marker a line starts with ("1.", "(a)", "ii)", "•", "–") and the text after it.

    A marker needs its punctuation ("1." or "1)", not a bare "1") and a space after it,
    so a line that starts with a word or a number in the text keeps it.
    """
    n = list_marker(text)
    return (n.token, n.rest) if n else (None, text.strip())


def is_introduction(text: str) -> bool:
    """A line that introduces a list rather than recommending: "The Committee is asked to: -"."""
    return bool(_INTRO_END.search(text.strip()))


# ---------------------------------------------------------------- labels on lines


@dataclass(frozen=True)
class _Hit:
    kind: str
    rank: int
    end: int
    number: str | None


def _match_label(text: str, *, prefix: bool = False) -> _Hit | None:
    """The label ``text`` starts with; the most specific wording wins.

    Without ``prefix`` the label must stand as a label: followed by a colon, a spaced
    dash or nothing. With it, ``text`` need only start with the label's words, as a
    table's label cell does when its label wraps onto a second line.
    """
    number, offset = section_number(text)
    if text[offset:].lstrip()[:1].islower():
        return None  # a sentence wrapped onto the line: "... relating to: -"
    hits = []
    for kind, rank, full, start in _LABELS:
        m = (start if prefix else full).match(text, offset)
        if m:
            hits.append((-m.end("label"), rank, _Hit(kind, rank, m.end(), number)))
    if hits:
        return min(hits, key=lambda h: h[:2])[2]
    role = _REPORT_OF.match(text)
    return _Hit("from", 0, role.end(), None) if role else None


def _line_label(line: Line) -> _Hit | None:
    """The label a line opens with: standing as a label, or set off by a wide gap ("Subject    Budget")."""
    hit = _match_label(line.text)
    gap = _column_gap(line)
    if hit or gap is None:
        return hit
    # The words before the gap must be a label, not merely start like one: "Director of
    # Finance    Chief Executive" is a row of two columns of names and roles.
    head = " ".join(w.text for w in line.words[:gap])
    hit = _match_label(head)
    return _Hit(hit.kind, hit.rank, len(head), hit.number) if hit else None


def _run_in_label(text: str) -> bool:
    """Whether ``text`` opens with a label: "Director: Sam Patel", "Email address:"."""
    head, colon, _ = text.partition(":")
    return bool(colon) and 0 < len(head.split()) <= SETTINGS.run_in_label_words


def _column_gap(line: Line) -> int | None:
    """Index of the first word set after a gap too wide for a space (a column break)."""
    words = line.words
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    if len(gaps) == 0 or max(gaps) < SETTINGS.column_gap:
        return None
    least = max(SETTINGS.column_gap_size * line.size, SETTINGS.column_gap)
    return next((i + 1 for i, gap in enumerate(gaps) if gap >= least), None)


# ---------------------------------------------------------------- reading pages into entries


@dataclass(frozen=True)
class _Entry:
    """One printed line; on a two-column cover table, split at the value column."""

    line: Line
    left: Line | None = None
    right: Line | None = None
    row_start: bool = False

    @property
    def in_table(self) -> bool:
        return self.left is not None or self.right is not None


def _content_lines(page: Page, first: bool) -> list[Line]:
    lines = page_lines(page)
    _, stamp = page_stamp(lines, page.height)
    top, bottom = SETTINGS.header_margin * page.height, (1 - SETTINGS.header_margin) * page.height
    # Running headers and footers sit in the margins of the pages after the cover.
    return [ln for ln in lines if ln is not stamp and (first or (ln.top > top and ln.bottom < bottom))]


def _page_entries(page: Page, first: bool) -> list[_Entry]:
    lines = _content_lines(page, first)
    value_x = _value_column(lines)
    if value_x is None:
        return [_Entry(ln) for ln in lines]
    splits = [_split_at_column(ln, value_x) for ln in lines]
    rows = _table_lines(lines, splits)
    if not rows:
        return [_Entry(ln) for ln in lines]
    labels = [lines[i] for i in sorted(rows) if _label_row(lines[i], splits[i])]
    rules = _row_rules(page, min(lines[i].x0 for i in rows), value_x, labels)
    entries: list[_Entry] = []
    prev: _Entry | None = None
    for i, ln in enumerate(lines):
        split = splits[i]
        if split is None or i not in rows:
            entries.append(_Entry(ln))
            prev = None
            continue
        left, right = split
        if prev is None:
            start = True
        elif rules:
            start = any(prev.line.bottom - 1 <= y <= ln.top + 1 for y in rules)
        else:
            start = left is not None and not _continues_label(prev, left)
        prev = _Entry(ln, left, right, start)
        entries.append(prev)
    return entries


def _table_lines(lines: Sequence[Line], splits: Sequence[tuple[Line | None, Line | None] | None]) -> set[int]:
    """Indices of the lines of two-column tables of labels and values.

    A table opens with a label left of the value column and runs while no line crosses
    the column, up to its last line with a value: a label with nothing in the value
    column after it ("Summary:" over its paragraph) is set as a heading, not as a row.
    """
    rows: set[int] = set()
    i = 0
    while i < len(lines):
        if not _label_row(lines[i], splits[i]):
            i += 1
            continue
        end = i
        while end + 1 < len(lines) and splits[end + 1] is not None:
            end += 1
        valued = [k for k in range(i, end + 1) if (split := splits[k]) is not None and split[1] is not None]
        rows.update(range(i, valued[-1] + 1) if valued else ())
        i = end + 1
    return rows


def _label_row(line: Line, split: tuple[Line | None, Line | None] | None) -> bool:
    """Whether ``line`` opens with a label left of the value column."""
    return split is not None and split[0] is not None and _line_label(line) is not None


def _continues_label(prev: _Entry, left: Line) -> bool:
    """Whether ``left`` goes on with a wrapped label cell: "Report author and" / "contact details:"."""
    above = prev.left
    if (
        above is None
        or above.text.rstrip().endswith(":")
        or left.top - above.bottom > SETTINGS.paragraph_gap * left.size
    ):
        return False
    if left.text[:1].islower():
        return True
    alone = _match_label(above.text, prefix=True)
    joined = _match_label(f"{above.text} {left.text}")
    return joined is not None and (alone is None or joined.end > len(above.text))


def _value_column(lines: Sequence[Line]) -> float | None:
    """The x where values start when labels and values form two columns, else None."""
    found = []
    for line in lines:
        gap = _column_gap(line)
        if gap is None:
            continue
        head = " ".join(w.text for w in line.words[:gap])
        # A second column of fields ("Report Author: Jo Green    Director: Sam Patel") is no value column.
        if (head.rstrip().endswith(":") or _match_label(head, prefix=True)) and not _run_in_label(
            " ".join(w.text for w in line.words[gap:])
        ):
            found.append(line.words[gap].x0)
    found.sort()
    best: list[float] = []
    for i, x in enumerate(found):
        group = [v for v in found[i:] if v - x <= SETTINGS.column_gap]
        if len(group) > len(best):
            best = group
    left = min((ln.x0 for ln in lines), default=0.0)
    return (
        best[0]
        if len(best) >= SETTINGS.value_column_rows and best[0] - left > SETTINGS.label_column_width
        else None
    )


def _split_at_column(line: Line, value_x: float) -> tuple[Line | None, Line | None] | None:
    """The parts of ``line`` left and right of the value column; None for a line across it."""
    tol = SETTINGS.align_tolerance
    left = [w for w in line.words if w.x0 < value_x - tol]
    right = [w for w in line.words if w.x0 >= value_x - tol]
    if left and left[-1].x1 > value_x + tol:
        return None
    # Words a space apart run across the column, unless a label's colon closes the left part
    # and the value starts at the column: "Summary: The report ...", a full label cell.
    spaced = bool(left and right) and right[0].x0 - left[-1].x1 < SETTINGS.word_space * line.size
    if spaced and not (left[-1].text.endswith(":") and abs(right[0].x0 - value_x) <= tol):
        return None
    return tuple(Line(line.page, tuple(part)) if part else None for part in (left, right))


def _row_rules(page: Page, left: float, value_x: float, labels: Sequence[Line]) -> list[float]:
    """Heights of the horizontal rules and cell edges that run under the label column: row borders.

    None unless they part most pairs of consecutive labels: rules that box groups of
    fields, or a page's header and footer rules, are no row borders.
    """
    ys: list[float] = []
    for obj in (*page.lines, *page.rects):
        if obj["x0"] <= left + SETTINGS.rule_reach and obj["x1"] >= value_x - SETTINGS.rule_short:
            thin = obj["bottom"] - obj["top"] < SETTINGS.rule_thickness
            ys.extend([(obj["top"] + obj["bottom"]) / 2] if thin else [obj["top"], obj["bottom"]])
    pairs = list(itertools.pairwise(labels))
    parted = sum(1 for a, b in pairs if any(a.bottom < y < b.top for y in ys))
    return sorted(ys) if pairs and 2 * parted >= len(pairs) else []


# ---------------------------------------------------------------- cover fields


@dataclass
class _Field:
    """A labelled field: its label, the value printed after it, and where it stands."""

    kind: str | None
    rank: int
    label: Line
    index: int
    number: str | None = None
    inline: Line | None = None
    values: list[Line] = field(default_factory=list)
    in_row: bool = False

    @property
    def lines(self) -> list[Line]:
        return ([self.inline] if self.inline else []) + self.values

    @property
    def text(self) -> str:
        return join_text(self.lines)


@dataclass
class _Cover:
    fields: list[_Field]
    cover_end: int
    header: list[Line]

    def best(self, kind: str, cover_only: bool = True) -> list[_Field]:
        """Fields of ``kind``, the cover sheet's first, each group most specific label first."""
        found = [f for f in self.fields if f.kind == kind and (f.index < self.cover_end or not cover_only)]
        return sorted(found, key=lambda f: (f.index >= self.cover_end, f.rank, f.index))


def _tail(line: Line, offset: int) -> Line | None:
    """The words of ``line`` from character ``offset`` of its text on."""
    words: list[Word] = []
    pos = 0
    for w in line.words:
        end = pos + len(w.text)
        if pos >= offset:
            words.append(w)
        elif end > offset:
            cut = offset - pos
            x0 = w.x0 + (w.x1 - w.x0) * cut / len(w.text)
            words.append(Word(w.text[cut:], x0, w.top, w.x1, w.bottom, w.size, w.bold))
        pos = end + 1
    words = [w for w in words if w.text.strip()]
    return Line(line.page, tuple(words)) if words else None


@dataclass(frozen=True)
class _Layout:
    """The measures of a report's print that tell headings and paragraphs apart."""

    body: float
    para_gap: float
    left: float
    right: float

    @classmethod
    def of(cls, lines: Sequence[Line]) -> _Layout:
        body = body_size(lines)
        gaps = sorted(
            b.top - a.bottom
            for a, b in itertools.pairwise(lines)
            if a.page == b.page
            and abs(a.size - b.size) < SETTINGS.same_size
            and 0 <= b.top - a.bottom < SETTINGS.block_gap * a.size
        )
        # Most line gaps are within paragraphs; a paragraph break is clearly wider.
        typical = (
            gaps[len(gaps) // SETTINGS.typical_gap_quantile] if gaps else SETTINGS.default_line_gap * body
        )
        left = min((ln.x0 for ln in lines), default=0.0)
        return cls(
            body, typical + SETTINGS.paragraph_break * body, left, max((ln.x1 for ln in lines), default=left)
        )

    def heading(self, line: Line) -> bool:
        """Set apart from body text by weight or size."""
        return line.bold or line.size >= self.body + SETTINGS.larger

    def wrapped(self, line: Line) -> bool:
        """Whether ``line`` runs to the right margin, so its sentence goes on below."""
        return line.x1 >= self.right - SETTINGS.wrap_reach * (self.right - self.left)

    def same_paragraph(self, a: Line, b: Line) -> bool:
        if a.page != b.page:
            return not re.search(r"[.;:!?]$", a.text.strip())
        return b.top - a.bottom <= self.para_gap


def _same_style(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) < SETTINGS.same_size and a.bold == b.bold


def _read_cover(entries: Sequence[_Entry], layout: _Layout) -> _Cover:
    """Every labelled field of the entries, and where the cover sheet gives way to the report body."""
    fields: list[_Field] = []
    current: _Field | None = None
    cover_end = len(entries)
    seen = False

    def end_cover(index: int) -> None:
        nonlocal cover_end
        if seen:
            cover_end = min(cover_end, index)

    for i, entry in enumerate(entries):
        line = entry.line
        if entry.in_table:
            if entry.row_start:
                current = _row_field(entries, i)
                fields.append(current)
                seen = seen or current.kind is not None
            elif entry.right is not None and current is not None and current.in_row:
                current.values.append(entry.right)
            continue
        hit = _line_label(line)
        in_contact = current is not None and current.kind == "author" and _CONTACT_SUBLABEL.match(line.text)
        if hit and not in_contact:
            current = _Field(hit.kind, hit.rank, line, i, hit.number, _tail(line, hit.end))
            fields.append(current)
            seen = True
        elif not in_contact and _other_label(line, layout, current):
            # It still ends the field above it.
            current = _Field(None, 0, line, i)
            fields.append(current)
        elif current is None or (current.in_row and current.values):
            if current is not None or layout.heading(line):
                end_cover(i)
            current = None
        elif _ends_field(current, line, layout):
            if layout.heading(line) or _is_section_heading(line.text):
                end_cover(i)
            current = None
        else:
            current.values.append(line)
    # The heading runs to the first labelled field; a "Report of the ..." line may open it.
    header_end = next(
        (f.index for f in fields if f.kind is not None and not _REPORT_OF.match(f.label.text)), len(entries)
    )
    first_page = entries[0].line.page if entries else 0
    header = [e.line for e in entries[:header_end] if e.line.page == first_page]
    return _Cover(fields, cover_end, header)


def _row_field(entries: Sequence[_Entry], start: int) -> _Field:
    """The field of the two-column table row that starts at ``entries[start]``."""
    row = [entries[start]]
    for entry in entries[start + 1 :]:
        if not entry.in_table or entry.row_start:
            break
        row.append(entry)
    labels = [e.left for e in row if e.left is not None]
    hit = _match_label(join_text(labels), prefix=True) if labels else None
    label = labels[0] if labels else row[0].line
    kind, rank, number = (hit.kind, hit.rank, hit.number) if hit else (None, 0, None)
    values = [row[0].right] if row[0].right is not None else []
    # A label cell may hold its value too: "Date: 5 December 2023" left of the value column.
    own = _match_label(label.text)
    inline = _tail(label, own.end) if own and own.kind == kind else None
    return _Field(kind, rank, label, start, number, inline, values, in_row=True)


def _other_label(line: Line, layout: _Layout, current: _Field | None) -> bool:
    """A label this module has no use for: a few words ending in a colon ("Policy context:"),
    or run into its value at the label column of the field above ("Consultation: six weeks
    from 1 May 2025"), so that the field above does not take its value."""
    words = line.text.split()
    if is_introduction(line.text) and len(words) <= SETTINGS.intro_label_words:
        return layout.heading(line) or (len(words) <= SETTINGS.short_label_words and line.text[:1].isupper())
    return (
        current is not None
        and bool(current.lines)  # the line under a bare label is its value, colon or not
        and not current.in_row
        and current.kind != "author"
        and line.size < layout.body + SETTINGS.larger  # a title set large may hold a colon
        and line.text[:1].isupper()
        and _run_in_label(line.text)
        and abs(line.x0 - current.label.x0) <= SETTINGS.align_tolerance
    )


def _ends_field(current: _Field, line: Line, layout: _Layout) -> bool:
    """Whether ``line`` is no longer part of the value of ``current`` (a field set as plain lines)."""
    first = current.lines[0] if current.lines else None
    prev = current.lines[-1] if current.lines else current.label
    if current.kind == "title":
        # A title is one paragraph in one style, however large or bold, that wraps at the margin.
        return first is not None and (
            not _same_style(line, first)
            or not layout.same_paragraph(prev, line)
            or not layout.wrapped(prev)
            or len(current.lines) >= SETTINGS.title_max_lines
        )
    if _is_section_heading(line.text):
        return True
    if not layout.heading(line):
        return False
    if first is None:
        return line.size >= current.label.size + SETTINGS.larger or not current.label.bold
    return not _same_style(line, first)


# ---------------------------------------------------------------- recommendations


@dataclass
class _Item:
    marked: bool
    texts: list[str]
    x0: float
    last: Line
    hang: float | None = None  # where its lines after the first start

    def continues(self, line: Line, layout: _Layout) -> bool:
        """Whether ``line`` goes on with this item: in its paragraph or indented under its marker,
        never back left of where its lines after the first start."""
        if self.hang is not None and line.x0 < self.hang - SETTINGS.align_tolerance:
            return False
        return layout.same_paragraph(self.last, line) or (
            self.marked and line.x0 > self.x0 + SETTINGS.column_align
        )


def _recommendation_block(entries: Sequence[_Entry], anchor: _Field, layout: _Layout) -> list[Line]:
    """The lines of the recommendations that follow a heading or an inline label."""
    block = [anchor.inline] if anchor.inline else []
    numbered_under = False
    rest = entries[anchor.index + 1 :]
    for k, entry in enumerate(rest):
        line = entry.line
        marker = list_marker(line.text)
        prev = block[-1] if block else anchor.label
        if (
            line.page != prev.page
            and not marker
            and abs(line.size - prev.size) >= SETTINGS.running_head_step
            and not layout.heading(line)
        ):
            continue  # a running header over the recommendations' continuation
        following = list_marker(rest[k + 1].line.text) if k + 1 < len(rest) else None
        if len(block) >= SETTINGS.max_block_lines or _ends_block(
            line, marker, following, anchor, block, layout
        ):
            break
        if marker and anchor.number and marker.style in ("arabic", "decimal") and not marker.bracketed:
            # Items numbered 2.1, 2.2 under "2. Recommendations" end at "3" or "3.1".
            if marker.label.startswith(anchor.number + "."):
                numbered_under = True
            elif numbered_under:
                break
        block.append(line)
    return block


def _ends_block(
    line: Line,
    marker: Numbering | None,
    following: Numbering | None,
    anchor: _Field,
    block: list[Line],
    layout: _Layout,
) -> bool:
    """Whether ``line`` comes after the recommendations: a label, a heading, the next paragraph.

    ``following`` is the marker of the line after ``line``: a heading between two items of
    one list heads a group of recommendations, the list goes on past it.
    """
    text, head = line.text, anchor.label
    if _match_label(text) or _is_section_heading(text):
        return True
    if is_introduction(text):
        return False
    section = parse_numbering(head.text) if anchor.number else None
    if (
        marker is not None
        and section is not None
        and marker.depth <= section.depth
        and follows(section, marker)
    ):
        return True  # the next section: "3." after "2. Recommendations"
    if layout.heading(line) and _heading_like(line, layout):
        items = [m for m in (list_marker(ln.text) for ln in block) if m is not None]
        if marker is not None:
            # A numbered line in heading style heads a section unless the items are set alike.
            return bool(items) and not _same_style(
                line, next(ln for ln in reversed(block) if list_marker(ln.text))
            )
        if items and following is not None and follows(items[-1], following):
            return False
        # A short paragraph among recommendations set in that style, numbered none.
        return not (block and not items and _same_style(line, block[-1]))
    prev = block[-1] if block else head
    # An inline recommendation is one paragraph, unless it introduces a list.
    return (
        anchor.inline is not None
        and marker is None
        and not layout.same_paragraph(prev, line)
        and not is_introduction(prev.text)
    )


def _heading_like(line: Line, layout: _Layout) -> bool:
    """Short, ending short of the right margin, and no sentence."""
    text = line.text.rstrip()
    return (
        len(text.split()) <= SETTINGS.plain_heading_words
        and not layout.wrapped(line)
        and text[-1:] not in ".;,"
    )


def _recommendation_items(lines: Sequence[Line], layout: _Layout) -> list[str]:
    """One string per recommendation: list items, or paragraphs of an unnumbered block.

    Around a list, the lines before its first item introduce it and those after its last
    item's paragraph are no part of it; between its items, a line at the markers' margin
    heads a group of them, and a paragraph indented like the items' text goes on with the
    item above.
    """
    items: list[_Item] = []
    for line in lines:
        marker = list_marker(line.text)
        if marker is not None:
            items.append(_Item(True, [marker.rest], line.x0, line))
            continue
        cur = items[-1] if items else None
        if cur and cur.continues(line, layout):
            cur.texts.append(line.text)
            cur.last = line
            cur.hang = line.x0 if cur.hang is None else cur.hang
        else:
            items.append(_Item(False, [line.text], line.x0, line))
    texts = [(it, re.sub(r"\s+", " ", " ".join(it.texts)).strip()) for it in items]
    marked_at = [i for i, (it, _) in enumerate(texts) if it.marked]
    out: list[str] = []
    for i, (item, text) in enumerate(texts):
        if not text or is_introduction(text):
            continue
        if marked_at and not item.marked:
            if i < marked_at[0]:
                continue  # a sentence that introduces the list
            if i > marked_at[-1]:
                break  # the list has ended
            if out and item.x0 > texts[marked_at[0]][0].x0 + SETTINGS.align_tolerance:
                out[-1] = f"{out[-1]} {text}"
            continue
        out.append(text)
    return out


def _recommendations(entries: Sequence[_Entry], cover: _Cover, layout: _Layout) -> list[str]:
    anchor = next((f for f in cover.fields if f.kind == "recs"), None)
    if anchor is None:
        return []
    lines = (
        anchor.values if anchor.in_row and anchor.values else _recommendation_block(entries, anchor, layout)
    )
    return _recommendation_items(lines, layout)


# ---------------------------------------------------------------- public API

# Heading lines with a date that is not the meeting's.
_OTHER_DATE = re.compile(
    r"\b(?:report\s+date|date\s+of\s+(?:this\s+)?report|published|issued|despatch|dispatch)", re.I
)


# Kinds of the fields that say who a report is from and whom it goes to.
_ADDRESS_KINDS = frozenset({"from", "to"})


def looks_like_report_cover(page: Page) -> bool:
    """Whether a report's cover sheet starts on ``page``.

    The top half of the page must open lines with labelled fields, set as "Label: value"
    or as a table of labels and values: a subject or title label and at least one other
    cover label (author, date, finance, recommendations, "From", "To", "Status", ...); a
    generic "Subject:" or "Title:" needs two others, one of them a field only a committee
    paper carries (an e-mail also has From, To and Date). A cover whose fields stand
    lower, under its title and a list of contents, holds them in one block that says
    whom the report is from or to. A page that only mentions a label inside a sentence
    is not a cover.
    """
    entries = _page_entries(page, True)
    half = page.bbox[1] + (page.bbox[3] - page.bbox[1]) / 2
    labelled = [(i, e.line, hit) for i, e in enumerate(entries) if (hit := _entry_label(e)) is not None]
    top = [ln for ln in (e.line for e in entries) if ln.bottom <= half]
    if _cover_labels([hit for _, ln, hit in labelled if ln.bottom <= half], top):
        return True
    for block in _label_blocks(labelled):
        kinds = {hit.kind for hit in block}
        if kinds & _ADDRESS_KINDS and _cover_labels(block, ()):
            return True
    return False


def _entry_label(entry: _Entry) -> _Hit | None:
    """The label an entry opens with: its label cell in a table of fields, else its line's."""
    if entry.in_table:
        return _match_label(entry.left.text) if entry.left is not None else None
    return _line_label(entry.line)


def _label_blocks(labelled: Sequence[tuple[int, Line, _Hit]]) -> list[list[_Hit]]:
    """The labels of a page grouped in blocks, each label within a few lines of the one before."""
    blocks: list[list[_Hit]] = []
    last = None
    for index, _, hit in labelled:
        if last is None or index - last > SETTINGS.field_lines:
            blocks.append([])
        blocks[-1].append(hit)
        last = index
    return blocks


def _cover_labels(hits: Sequence[_Hit], lines: Sequence[Line]) -> bool:
    """Whether these labels make a cover sheet: a title and enough other fields, or, with the
    subject set as a heading, an author or contact among several other cover fields or
    besides a line naming whose report it is ("Report of the Director of ..."), or a block
    that opens with that line."""
    kinds = {h.kind for h in hits}
    if any(h.kind == "title" and h.rank == 0 for h in hits):
        return len(kinds) >= 2
    if "title" in kinds:
        return len(kinds) >= 3 and bool(kinds & _PAPER_KINDS)
    others = sum(1 for h in hits if h.kind not in ("title", "author", "date", "finance", "recs"))
    reported = any(_REPORT_OF.match(ln.text) for ln in lines)
    if "author" in kinds and len(kinds) >= 3 and (others >= 2 or reported):
        return True
    # A block opened by whose report it is ("Report by the Executive Director", "Report of:"),
    # then whom it goes to and when.
    return bool(hits) and hits[0].kind == "from" and hits[0].rank == 0 and len(kinds) >= 3


def extract_report(pages: Sequence[Page], source: Source) -> Report | None:
    """The report whose pages (cover sheet first) are ``pages``; None without a title.

    Args:
        pages: the pages of one report, its cover sheet first.
        source: the PDF they come from, for provenance.
    """
    if not pages:
        return None
    entries = [e for n, page in enumerate(pages) for e in _page_entries(page, n == 0)]
    layout = _Layout.of([e.line for e in entries])
    cover = _read_cover(entries, layout)
    # The cover's fields stand on the report's first pages; a label further on is the body's.
    later = pages[0].page_number + SETTINGS.cover_pages
    cover.cover_end = min(
        cover.cover_end, next((i for i, e in enumerate(entries) if e.line.page >= later), len(entries))
    )
    title = next((f.lines for f in cover.best("title") if f.text), None)
    if title is None and looks_like_report_cover(pages[0]):
        title = _unlabelled_title(entries, cover, layout)
    if not title:
        return None
    author, email, phone = _contact(cover, [e.line for e in entries])
    # A numbered "Financial implications" heading opens a body section, not a cover field.
    finance = [f for f in cover.best("finance") if f.rank == 0 or f.number is None]
    first_page = pages[0].page_number
    return Report(
        prov=source.prov(EXTRACTOR, first_page, _union(title)),
        title=join_text(title),
        author=author,
        email=email,
        phone=phone,
        meeting_date=_meeting_date(cover),
        financial_summary=(finance[0].text or None) if finance else None,
        recommendations=_recommendations(entries, cover, layout),
        pdf_page_start=first_page,
    )


# An "Agenda Item 5" stamp or a classification set as large as a title.
_NO_TITLE = re.compile(
    r"^\s*(?:(?:agenda\s+)?item\s+(?:no\.?\s*)?\S+|part\s+[i1]+|(?:not\s+)?exempt|public|official)\s*$", re.I
)


def _unlabelled_title(entries: Sequence[_Entry], cover: _Cover, layout: _Layout) -> list[Line]:
    """The subject of a cover that prints it as a heading with no label: its most prominent lines.

    Candidates are heading lines of the first page above the report body that belong to no
    field and name no committee or council, hold more than a date, and are no item stamp.
    """
    first_page = entries[0].line.page
    taken = {id(ln) for f in cover.fields for ln in (f.label, *f.lines)}
    candidates: list[int] = []
    for i, entry in enumerate(entries):
        line = entry.line
        if line.page != first_page or _is_section_heading(line.text):
            break
        undated = re.sub(r"[\W\d]+", " ", line.text)
        if parse_date(line.text):
            undated = ""
        if (
            layout.heading(line)
            and id(line) not in taken
            and len(undated.split()) >= 2
            and not names_body(line.text)
            and not _NO_TITLE.match(line.text)
        ):
            candidates.append(i)
    if not candidates:
        return []
    start = max(candidates, key=lambda i: (entries[i].line.size, -i))
    lines = [entries[start].line]
    for i in range(start + 1, len(entries)):
        line = entries[i].line
        if (
            i not in candidates
            or not _same_style(lines[-1], line)
            or not layout.same_paragraph(lines[-1], line)
        ):
            break
        lines.append(line)
    return lines


def _contact(cover: _Cover, lines: Sequence[Line]) -> tuple[str | None, str | None, str | None]:
    """Author, e-mail and phone of the report's first contact, wherever it is printed.

    The first named person of a contact field, the cover's before any further on; else the
    contact entry the report closes with unlabelled; else a contact field's address and
    number alone; else the person the report is from ("By: Jo Green, Analyst").
    """
    blocks = [_reading_order(f.lines) for f in cover.best("author", cover_only=False) if f.lines]
    found = [contact_entry(block) for block in blocks]
    closing = _closing_contact(lines)
    for name, email, phone in [*found, contact_entry(closing) if closing else (None, None, None)]:
        if name:
            return name, email, phone
    if found:
        return found[0]
    for f in cover.best("from"):
        name = person_name(f.text)
        if name:
            return name, None, None
    return None, None, None


def _closing_contact(lines: Sequence[Line]) -> list[str]:
    """The contact entry a report ends with, printed with no label: a name over contact lines.

    It is the first contact line on the last page that has any, with the nearest line
    above it (or the line itself) that names a person.
    """
    contact = [
        i
        for i, ln in enumerate(lines)
        if len(ln.text.split()) <= SETTINGS.contact_line_words
        and (find_email(ln.text) or find_phone(ln.text))
    ]
    if not contact:
        return []
    page = lines[contact[-1]].page
    first = next(i for i in contact if lines[i].page == page)
    for k in range(first, first - SETTINGS.name_lines_above - 1, -1):
        if k < 0 or lines[k].page != page:
            break
        if person_name(lines[k].text):
            end = first + SETTINGS.name_lines_above + 1
            return _reading_order([ln for ln in lines[k:end] if ln.page == page])
    return []


def _reading_order(lines: Sequence[Line]) -> list[str]:
    """The texts of a block of lines, a block set in two columns read one column after the other.

    Its second column starts where most lines that break at a wide gap resume.
    """
    breaks = [ln.chunks()[1].x0 for ln in lines if len(ln.chunks()) > 1]
    if len(breaks) < 2:
        return [ln.text for ln in lines]
    column = statistics.median(breaks)
    left, right = [], []
    for ln in lines:
        for chunk in ln.chunks():
            (right if chunk.x0 >= column - SETTINGS.align_tolerance else left).append(chunk.text)
    return left + right


def _meeting_date(cover: _Cover) -> date | None:
    """The meeting date: a meeting-date label, the report's heading lines, then a plain "Date:" label.

    Last comes a date printed with the meeting the report is for: "To: Audit Committee - 9 July 2025".
    """
    dated = [(f.rank, f.index, parse_date(f.text)) for f in cover.best("date")]
    heading = [parse_date(ln.text) for ln in cover.header if not _OTHER_DATE.search(ln.text)]
    dated += [(1, i, d) for i, d in enumerate(heading)]
    dated += [(4, f.index, parse_date(f.text)) for f in cover.best("to")]
    found = sorted((rank, index, d) for rank, index, d in dated if d)
    return found[0][2] if found else None


def _union(lines: Sequence[Line]) -> BBox:
    x0s, tops, x1s, bottoms = zip(*(ln.bbox for ln in lines), strict=True)
    return (min(x0s), min(tops), max(x1s), max(bottoms))
