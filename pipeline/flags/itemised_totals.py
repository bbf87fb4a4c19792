"""total_mismatch: an amount stated in text with its breakdown, where the parts do not add up.

Ways text breaks an amount down:

* a sentence stating one amount (or "This comprises the following:" after one), followed
  by bullet items that each start with an amount ("an adverse variance of £2.310m; the
  main causes were: • £1.500m – ... • £0.600m – ...");
* parts before "totalling" / "a total of" and the total after it;
* a total before "comprising", "comprises", "made up of", "consisting of", "split between
  ... as follows" and the parts after it (the total may close the sentence before: "...
  an underspend of (£1.500m). This is split ... as follows", "... net £61.5m of savings.
  This comprises ..."), for money and for counts ("96 indicators, comprising 40 for
  Leeds, 50 for York and 6 for Selby");
* a total before "of which", "including" and the parts after it: the parts need not be
  all of it, so only parts that come to more than the total contradict it — unless
  the parts' own percentage shares ("£1.2m (60%) ... £0.8m (40%)") come to 100%, which
  says they are all of it. A part's printed share must also be its share of the total.

A statement that explains its own figure is checked as that explanation, under every
reading it allows: an amount in an "including ..." aside of a part is already in that
part; parts after "offset by", "less", "minus" are taken off ("£61.5m net (comprising
£96.1m of savings partly offset by £34.6m ...)"); parts printed with signs may
explain a figure printed without one ("an underspend of £111.6m, made up of +£12.9m
real variance and -£124.5m re-phasing"). A flag is raised only when no reading adds up.

Parts and total are compared with the rounding of the printed figures. Approximate
figures ("c£1.2m", "approximately £0.120m") and parts printed with and without a
multiplier side by side ("£0.223 Leeds, £0.138m York") are not judged.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.flags.base import Finding, OtherDocuments, Rule, text_location
from pipeline.flags.figures import (
    Figure,
    Mention,
    money_in,
    percents_in,
    reconciles,
    share_agrees,
    sum_figures,
    written_like,
)
from pipeline.flags.text import BULLETS, DocText, Sentence, aside_of, asides, doc_text
from schemas.records import DocumentExtraction

_TOTALLING = re.compile(r"\b(?:totall?ing|in\s+total|a\s+total\s+of|making\s+a\s+total\s+of)\b", re.I)
_COMPRISING = re.compile(
    r"\b(?:comprising(?:\s+of)?|comprises(?:\s+of)?|comprised\s+of|(?:is\s+|are\s+)?made\s+up\s+of"
    r"|consist(?:s|ing)\s+of|broken\s+down\s+(?:as\s+follows|into)"
    r"|split\s+(?:between|across|as\s+follows)[^.;£\d]*?(?:as\s+follows)?)\s*[:;,-]?",
    re.I,
)
_PARTIAL = re.compile(r"\b(?:of\s+which|including|includes|incl\.?|which\s+includes?)\s*[:;,-]?", re.I)
"""A list of parts that need not be all of the amount before it."""
_SPLIT_FOLLOWS = re.compile(r"\bsplit\b.*?\bas\s+follows\b|\bsplit\s+between\b", re.I)
_REFERS_BACK = re.compile(r"^\W*(?:this|these|it|which|of\s+this|of\s+which)\b", re.I)
"""A sentence that breaks down an amount the sentence before states."""
_TAKEN_OFF = re.compile(
    r"\b(?:(?:partly|partially|more\s+than)?\s*offset\s+by|less|minus|net\s+of|after\s+deducting)\b", re.I
)
_COUNT = re.compile(r"(?<![\w.,£/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,%/-]|\.\d)")
_LEADING_AMOUNT = re.compile(rf"^[\s{re.escape(BULLETS)}]*\(?\s*[-–]?\s*£")
WHOLE = Decimal(100)


@dataclass
class _Part:
    figure: Figure
    nested: bool = False
    """Printed in an "including ..." aside of the part before it: already counted there."""
    taken_off: bool = False
    """Printed after "offset by", "less": a deduction."""
    share: Figure | None = None
    """Its percentage share of the total, printed with it ("£1.2m (60%)")."""


@dataclass
class _Breakdown:
    sentence: Sentence
    total: Mention
    parts: list[_Part]
    where: str
    complete: bool = True
    """Whether the text gives the parts as all of the total (not "of which", "including")."""


def _comparable(figures: list[Figure]) -> bool:
    if any(f.approximate for f in figures):
        return False
    scaled = {f.scale is not None for f in figures if f.kind == "money"}
    return len(scaled) <= 1


def _counts(text: str) -> list[Mention]:
    found = []
    for m in _COUNT.finditer(text):
        number = int(m.group(1).replace(",", ""))
        if 1900 <= number <= 2100:
            continue
        # Things are counted exactly: "96 indicators" is not a rounded figure.
        figure = Figure(Decimal(number), Decimal(0), "number", m.group(1))
        found.append(Mention(figure, m.start(), m.end()))
    return found


def _negated(figure: Figure) -> Figure:
    return Figure(-figure.value, figure.half, figure.kind, figure.raw, figure.approximate, figure.scale)


def _readings(parts: list[_Part]) -> list[list[Figure]]:
    """The sums the parts may stand for: as printed, without amounts already in a part, deductions taken off.

    The last is the fullest reading: amounts in asides left out, deductions taken off.
    """
    readings: list[list[Figure]] = []
    for drop_nested, deduct in itertools.product((False, True), repeat=2):
        kept = [p for p in parts if not (drop_nested and p.nested)]
        if len({p.figure.value < 0 for p in kept}) == 1:
            figures = [p.figure.magnitude() for p in kept]
        else:
            figures = [p.figure for p in kept]
        if deduct:
            figures = [_negated(f) if p.taken_off else f for f, p in zip(figures, kept, strict=True)]
        if len(figures) >= 2 and figures not in readings:
            readings.append(figures)
    return readings


def _adds_up(b: _Breakdown) -> bool:
    """Whether some reading of the parts agrees with the total (or, for a partial list, stays within it)."""
    total = b.total.figure
    for figures in _readings(b.parts):
        computed = sum_figures(figures)
        by_size = reconciles(total.magnitude(), [computed.magnitude()])
        if b.complete and (reconciles(total, figures) or by_size):
            return True
        if not b.complete and computed.magnitude().lo <= total.magnitude().hi:
            return True
    return False


def _shares_whole(parts: list[_Part]) -> bool:
    """Whether the parts' printed percentage shares come to 100%: they are all of the total."""
    shares = [p.share for p in parts]
    if len(shares) < 2 or any(s is None for s in shares):
        return False
    whole = Figure(WHOLE, Decimal(0), "percent", "100%")
    return reconciles(whole, shares)


def _share_of(mention: Mention, text: str, percents: list[Mention]) -> Figure | None:
    """The percentage printed right after an amount in brackets: "£1.2m (60%)"."""
    for p in percents:
        between = text[mention.end : p.start]
        if re.fullmatch(r"\s*\(\s*", between) and re.match(r"\s*\)", text[p.end :]):
            return p.figure
    return None


def _parts(sentence: Sentence, after: int, mentions: list[Mention]) -> list[_Part]:
    """The amounts printed after ``after`` in the same aside, each read as a part of a breakdown."""
    text = sentence.text
    spans = asides(text)
    home = aside_of(after, after, spans)
    percents = percents_in(text)
    out = []
    offset_at = next((m.start() for m in _TAKEN_OFF.finditer(text, after)), None)
    for m in mentions:
        if m.start < after:
            continue
        where = aside_of(m.start, m.end, spans)
        if where != home and not (where is not None and (home is None or home[0] < where[0] < home[1])):
            continue
        nested = where != home and bool(_PARTIAL.match(text[where[0] + 1 :].lstrip()))
        if where != home and not nested:
            continue
        taken_off = offset_at is not None and m.start > offset_at
        out.append(_Part(m.figure, nested, taken_off, _share_of(m, text, percents)))
    return out


def _bullet_lists(sentences: list[Sentence], text: DocText) -> list[_Breakdown]:
    out = []
    for i, s in enumerate(sentences):
        if s.bullet:
            continue
        amounts = money_in(s.text)
        lead = s
        if not amounts and i > 0 and _REFERS_BACK.match(s.text) and sentences[i - 1].block == s.block:
            # "£40.7m net increases. This comprises the following changes:"
            lead = sentences[i - 1]
            amounts = money_in(lead.text)[-1:]
        items = text.following_bullets(s)
        if len(amounts) != 1 or len(items) < 2 or not s.text.rstrip().endswith((";", ":", "-", "–")):
            continue
        parts = []
        for item in items:
            found = money_in(item.text)
            if not found or not _LEADING_AMOUNT.match(item.text[: found[0].end]):
                parts = []
                break
            parts.append(_Part(found[0].figure))
        if parts:
            out.append(_Breakdown(lead, amounts[0], parts, f"the {len(parts)} items listed under it"))
    return out


def _totalled(s: Sentence) -> _Breakdown | None:
    """Parts before "totalling" and the total after it."""
    m = _TOTALLING.search(s.text)
    if m is None:
        return None
    amounts = money_in(s.text)
    before = [a for a in amounts if a.end <= m.start()]
    after = [a for a in amounts if a.start >= m.end()]
    if len(before) < 2 or not after:
        return None
    return _Breakdown(s, after[0], [_Part(a.figure) for a in before], "the amounts before it")


def _broken_down(sentences: list[Sentence], i: int) -> list[_Breakdown]:
    """A total, then a word that breaks it down, then its parts."""
    s = sentences[i]
    amounts = money_in(s.text)
    out = []
    for pattern, complete in ((_COMPRISING, True), (_PARTIAL, False)):
        for m in pattern.finditer(s.text):
            # Things counted "including" others are seldom all listed: only money is read there.
            mentions = amounts or (_counts(s.text) if complete else [])
            before = [a for a in mentions if a.end <= m.start()]
            parts = _parts(s, m.end(), mentions)
            if len(parts) < 2:
                continue
            whole = complete or _shares_whole(parts)
            if before:
                out.append(_Breakdown(s, before[-1], parts, "its parts", whole))
                continue
            previous = sentences[i - 1] if i > 0 else None
            # "It also includes ..." adds to a list; only a complete breakdown restates an amount before.
            refers = complete and (_REFERS_BACK.match(s.text) or _SPLIT_FOLLOWS.search(s.text))
            stated = money_in(previous.text) if previous is not None and previous.block == s.block else []
            if amounts and refers and stated:
                # "... an underspend of (£1.500m). This is split ... as follows; (£0.700m) to Sefton, ..."
                out.append(_Breakdown(previous, stated[-1], parts, "its parts", whole))
    return out


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    text = doc_text(doc)
    sentences = list(text.sentences)
    breakdowns = _bullet_lists(sentences, text)
    for i, s in enumerate(sentences):
        totalled = _totalled(s)
        breakdowns += [totalled] if totalled else _broken_down(sentences, i)
    findings = []
    seen = set()
    for b in breakdowns:
        total = b.total.figure
        key = (b.sentence.index, b.total.start)
        if key in seen or not _comparable([total, *(p.figure for p in b.parts)]):
            continue
        seen.add(key)
        if not _adds_up(b):
            findings.append(_finding(b))
            continue
        findings += [_share_finding(b, p) for p in b.parts if _misshared(p, total)]
    return findings


def _misshared(part: _Part, total: Figure) -> bool:
    return (
        part.share is not None
        and share_agrees(part.share, part.figure.magnitude(), total.magnitude()) is False
    )


def _share_finding(b: _Breakdown, part: _Part) -> Finding:
    total = b.total.figure
    decimals = len(part.share.raw.split("%")[0].partition(".")[2])
    expected = f"{part.figure.magnitude().value / total.magnitude().value * 100:.{decimals}f}%"
    return Finding(
        description=f"The text gives {part.figure.raw.strip()} as {part.share.raw.strip()} of "
        f"{total.raw.strip()}, but it is {expected} of it",
        expected=expected,
        found=part.share.raw.strip(),
        locations=[
            text_location(b.sentence.page_at(b.total.start), b.sentence.snippet(b.total.start, b.total.end))
        ],
    )


def _finding(b: _Breakdown) -> Finding:
    total = b.total.figure
    reading = _readings(b.parts)[-1]
    computed = sum_figures(reading).value
    if (computed < 0) != (total.value < 0):  # compared by magnitude: give the sum the total's printed sign
        computed = -computed
    stated = written_like(computed, total)
    terms = " ".join(
        f"{'-' if f.value < 0 and f.raw.strip()[:1] not in '-(' else '+'} {f.raw.strip()}" for f in reading
    ).removeprefix("+ ")
    how = "add up to" if b.complete else "come to more than the whole:"
    snippet = b.sentence.snippet(b.total.start, b.total.end)
    return Finding(
        description=f"The text states {total.raw.strip()}, but {b.where} {how} {stated} ({terms})",
        expected=stated,
        found=total.raw.strip(),
        locations=[text_location(b.sentence.page_at(b.total.start), snippet)],
        severity="high" if total.kind == "money" else "medium",
    )


RULE = Rule("itemised_totals", "total_mismatch", check)
