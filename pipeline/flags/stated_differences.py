"""total_mismatch: a printed increase, decrease or difference that is not the difference of its figures.

In text, a change joins two figures: "rose from £A to £B", "increased by £C (p%) to
£B", "£B (an increase of £C, p%, on last year)", "£B ... this is £C less than the £A
assumed". Where the sentence prints the change and the figures it joins, the change
must be their difference; where it prints a percentage with the change, it must be
the change's share of the figure it changed from (£A, or £B less the increase). A
sentence with more than one change, or figures it does not tie to the change, is not
read.

In a table, a column headed as a change ("Increase", "Change", "Variance",
"Movement", "Difference") holds, row by row, the difference of two other figure
columns; which two, and which way round, is read from the table itself: the reading
under which at least two thirds of its rows (and three at least) agree. A row that
disagrees under that reading, by sign or without it, is flagged; a table no reading
fits is not judged. A total row's change is left to the totals rule, which judges it
as the sum of the changes above (one misprint, one flag).

Every comparison uses the rounding of the printed figures (a difference of two
figures each ±½ unit of its last digit is ± both halves; a percentage is judged over
every value its figures stand for).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipeline.flags.base import Finding, OtherDocuments, Rule, cell_location, text_location
from pipeline.flags.figures import (
    Figure,
    Mention,
    difference,
    money_in,
    percents_in,
    ratio_bounds,
    reconciles,
    share_agrees,
    written_like,
)
from pipeline.flags.labels import clean_label, is_total_label
from pipeline.flags.settings import SETTINGS
from pipeline.flags.tablegrid import FigureGrid
from pipeline.flags.text import Sentence, aside_of, asides, doc_text
from schemas.records import DocumentExtraction

_UP = r"increas(?:e|es|ed|ing)|ris(?:e|es|en|ing)|rose|gr(?:ow|ows|own|ew|owth)|gains?|up"
_DOWN = (
    r"decreas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing|tions?)|f[ae]ll(?:s|en|ing)?|drop(?:s|ped)?"
    r"|declin(?:e|es|ed)|loss(?:es)?|down"
)
_VERB_BY = re.compile(rf"\b(?:{_UP}|{_DOWN})\s+by\s*$", re.I)
"""A change given by what it changed by: "increased by £C"."""
_NOUN_OF = re.compile(rf"\b(?:{_UP}|{_DOWN}|change|difference)\s+of\s*$", re.I)
"""A change named before its amount: "an increase of £C"."""
_NOUN_AFTER = re.compile(rf"^\s*(?:net\s+)?(?:{_UP}|{_DOWN})\b", re.I)
"""A change named after its amount: "a £C increase"."""
_DOWNWARD = re.compile(rf"\b(?:{_DOWN})\b", re.I)
_THAN = re.compile(
    r"\s*(?:more|less|lower|higher|greater|fewer|above|below)\s+than\s+(?:the\s+|an?\s+)?", re.I
)
_FROM = re.compile(r"\b(?:from|compared\s+(?:to|with))\s+(?:an?\s+|the\s+)?$", re.I)
_TO = re.compile(r"\bto\s+$", re.I)
_SHARE_OF_OTHER = re.compile(
    r"^\s*(?:of\b|\)?\s*(?:a|per|each)\s+(?:year|annum|month|week)\b|\)?\s*p\.?a\b|\)?\s*(?:in\s+)?real\s+terms)",
    re.I,
)
"""A percentage "of GDP", "a year", "in real terms": a share of something else, or another rate."""
_CHANGE_HEADING = re.compile(
    r"\b(?:increase|decrease|change|variance|movement|difference|growth|reduction)s?\b", re.I
)
_PERCENT_HEADING = re.compile(r"%|\bper\s?cent|\bpercentage\b", re.I)


@dataclass
class _Change:
    """A change stated in a sentence, with the figures it joins where the sentence prints them."""

    sentence: Sentence
    change: Mention
    down: bool | None
    before: Mention | None = None
    after: Mention | None = None
    rate: Mention | None = None


def _rate_after(text: str, mention: Mention, percents: list[Mention]) -> Mention | None:
    """The percentage printed right after an amount: "£C (p%)", "£C, p%,"."""
    for p in percents:
        if re.fullmatch(r"\s*[(,]\s*", text[mention.end : p.start]) and not _SHARE_OF_OTHER.match(
            text[p.end :]
        ):
            return p
    return None


def _changes(sentence: Sentence) -> list[_Change]:
    text = sentence.text
    amounts = money_in(text)
    if any(a.figure.approximate for a in amounts):
        return []
    percents = percents_in(text)
    spans = asides(text)
    found = []
    for m in amounts:
        head, tail = text[: m.start], text[m.end :]
        named = _VERB_BY.search(head) or _NOUN_OF.search(head) or _NOUN_AFTER.match(tail)
        if named:
            # "change of", "difference of" say how much, not which way.
            way = re.search(rf"{_UP}|{_DOWN}", named.group(0), re.I)
            down = bool(_DOWNWARD.search(way.group(0))) if way else None
            found.append(_Change(sentence, m, down, rate=_rate_after(text, m, percents)))
        elif _THAN.match(tail):
            # "£B ..., this is £C less than the £A assumed"
            level = aside_of(m.start, m.end, spans)
            subject = [a for a in amounts if a.end <= m.start and aside_of(a.start, a.end, spans) == level]
            than = [a for a in amounts if a.start >= m.end and _THAN.fullmatch(text[m.end : a.start])]
            if subject and than:
                found.append(_Change(sentence, m, None, before=than[0], after=subject[-1]))
    if len(found) != 1:
        return []
    change = found[0]
    if change.before is None:
        starts = [a for a in amounts if a is not change.change and _FROM.search(text[: a.start])]
        ends = [a for a in amounts if a is not change.change and _TO.search(text[: a.start])]
        around = [a for a in amounts if a.end <= change.change.start and _holds_aside(text, a, change.change)]
        change.before = starts[0] if len(starts) == 1 else None
        change.after = ends[0] if len(ends) == 1 else around[-1] if len(around) == 1 and not ends else None
    return [change]


def _holds_aside(text: str, amount: Mention, change: Mention) -> bool:
    """Whether an amount is followed by an aside that states its change: "£B (an increase of £C, ...)"."""
    opened = text.find("(", amount.end)
    return 0 <= opened <= amount.end + 2 and opened < change.start and ")" not in text[opened : change.start]


def _bases(c: _Change) -> list[Figure]:
    """The figures the change may be a share of: the figure it changed from, read or worked out."""
    if c.before is not None:
        return [c.before.figure.magnitude()]
    if c.after is None:
        return []
    after, step = c.after.figure.magnitude(), c.change.figure.magnitude()
    lower = Figure(after.value - step.value, after.half + step.half, after.kind, "")
    higher = Figure(after.value + step.value, after.half + step.half, after.kind, "")
    if c.down is None:
        return [lower, higher]
    return [higher] if c.down else [lower]


def _text_findings(doc: DocumentExtraction) -> list[Finding]:
    findings = []
    for sentence in doc_text(doc).sentences:
        for c in _changes(sentence):
            step = c.change.figure.magnitude()
            if c.before is not None and c.after is not None:
                gap = difference(c.after.figure, c.before.figure).magnitude()
                if not reconciles(step, [gap]):
                    findings.append(_difference_finding(c, gap))
                    continue
            if c.rate is not None:
                bases = _bases(c)
                verdicts = [share_agrees(c.rate.figure.magnitude(), step, base) for base in bases]
                if bases and all(v is False for v in verdicts):
                    findings.append(_rate_finding(c, bases[0]))
    return findings


def _where(c: _Change, mention: Mention) -> list:
    return [
        text_location(c.sentence.page_at(mention.start), c.sentence.snippet(mention.start, mention.end, 4))
    ]


def _difference_finding(c: _Change, gap: Figure) -> Finding:
    stated = c.change.figure
    expected = written_like(gap.value, stated.magnitude())
    return Finding(
        description=f"The text gives the change from {c.before.figure.raw.strip()} to "
        f"{c.after.figure.raw.strip()} as {stated.raw.strip()}, but the difference of the two is {expected}",
        expected=expected,
        found=stated.raw.strip(),
        locations=_where(c, c.change),
        severity="high" if stated.kind == "money" else "medium",
    )


def _rate_finding(c: _Change, base: Figure) -> Finding:
    rate = c.rate.figure
    low, high = ratio_bounds(c.change.figure.magnitude(), base)
    decimals = len(rate.raw.split("%")[0].split(".", 1)[1]) if "." in rate.raw.split("%")[0] else 0
    point = c.change.figure.magnitude().value / base.value * 100
    expected = f"{point:.{decimals}f}%"
    from_what = (
        c.before.figure.raw.strip()
        if c.before is not None
        else f"{written_like(base.value, c.change.figure)}"
    )
    return Finding(
        description=f"The text gives the change of {c.change.figure.raw.strip()} as {rate.raw.strip()}, but "
        f"on the {from_what} it changed from it is {expected} (between {low:.{decimals + 1}f}% and "
        f"{high:.{decimals + 1}f}% with the rounding of the printed figures)",
        expected=expected,
        found=rate.raw.strip(),
        locations=_where(c, c.rate),
    )


@dataclass(frozen=True)
class _Reading:
    """A change column read as ``later - earlier`` (or the other way round, ``sign`` -1)."""

    change: int
    earlier: int
    later: int
    sign: int


def _judged(grid: FigureGrid, reading: _Reading) -> list[tuple[int, bool]]:
    """The rows the reading can judge (three figures, not all zero), each with whether it agrees."""
    out = []
    for r in range(len(grid.figures)):
        cells = [grid.figure(r, c) for c in (reading.change, reading.earlier, reading.later)]
        if r in grid.garbled or any(f is None or f.kind == "percent" for f in cells):
            continue
        change, earlier, later = cells
        if all(f.value == 0 for f in cells):
            continue
        gap = difference(later, earlier)
        out.append(
            (r, reconciles(change, [gap if reading.sign > 0 else Figure(-gap.value, gap.half, gap.kind, "")]))
        )
    return out


def _table_findings(doc: DocumentExtraction) -> list[Finding]:
    findings = []
    for table in doc.tables:
        grid = FigureGrid(table)
        cols = grid.numeric_columns()
        for change in cols:
            label = grid.columns[change] if change < len(grid.columns) else ""
            if not _CHANGE_HEADING.search(label) or _PERCENT_HEADING.search(label):
                continue
            others = [c for c in cols if c != change and not _PERCENT_HEADING.search(grid.columns[c])]
            readings = [
                _Reading(change, a, b, sign) for a, b in itertools.combinations(others, 2) for sign in (1, -1)
            ]
            scored = []
            for reading in readings:
                judged = _judged(grid, reading)
                agree = sum(ok for _, ok in judged)
                if len(judged) >= SETTINGS.change_rows and agree >= SETTINGS.change_agreeing * len(judged):
                    scored.append((agree, reading, judged))
            if not scored:
                continue
            best = max(s[0] for s in scored)
            top = [s for s in scored if s[0] == best]
            if len({(s[1].earlier, s[1].later) for s in top}) != 1:
                continue  # two pairs of columns fit equally: which one the table means is not shown
            # Changes of nothing fit both ways round; the flagged rows disagree either way.
            _, reading, judged = max(top, key=lambda s: s[1].sign)
            for r, ok in judged:
                # A total row's change is a sum of the changes above: table_totals judges it as one.
                if not ok and not _by_size(grid, reading, r) and not is_total_label(grid.row_labels[r]):
                    findings.append(_cell_finding(grid, reading, r))
    return findings


def _by_size(grid: FigureGrid, reading: _Reading, r: int) -> bool:
    """Whether the change agrees with the difference once signs are set aside."""
    change, earlier, later = (grid.figure(r, c) for c in (reading.change, reading.earlier, reading.later))
    return reconciles(change.magnitude(), [difference(later, earlier).magnitude()])


def _cell_finding(grid: FigureGrid, reading: _Reading, r: int) -> Finding:
    change, earlier, later = (grid.figure(r, c) for c in (reading.change, reading.earlier, reading.later))
    gap = difference(later, earlier).value * reading.sign
    expected = written_like(gap, change)
    first, second = (later, earlier) if reading.sign > 0 else (earlier, later)
    names = {c: clean_label(grid.columns[c]) for c in (reading.change, reading.earlier, reading.later)}
    minuend, subtrahend = (
        (names[reading.later], names[reading.earlier])
        if reading.sign > 0
        else (names[reading.earlier], names[reading.later])
    )
    label = grid.row_labels[r] or f"row {r + 1}"
    return Finding(
        description=f"'{label}' / '{names[reading.change]}' is {change.raw.strip()}, but '{minuend}' "
        f"({first.raw.strip()}) less '{subtrahend}' ({second.raw.strip()}) is {expected}, as the other "
        "rows of the table have it",
        expected=expected,
        found=change.raw.strip(),
        locations=[
            cell_location(grid.table, r + grid.offset, reading.change),
            cell_location(grid.table, r + grid.offset, reading.later),
        ],
        severity="high" if change.kind == "money" else "medium",
    )


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    return _text_findings(doc) + _table_findings(doc)


RULE = Rule("stated_differences", "total_mismatch", check)
