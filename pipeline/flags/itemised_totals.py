"""total_mismatch: an amount stated in text with its breakdown, where the parts do not add up.

Three ways text breaks an amount down:

* a sentence stating one amount, followed by bullet items that each start with an
  amount ("an adverse variance of £2.310m; the main causes were: • £1.500m – ... • £0.600m – ...");
* parts before "totalling" / "a total of" and the total after it;
* a total before "comprising", "comprises", "made up of", "split between ... as follows" and the
  parts after it (for "split ... as follows" the total may close the sentence before),
  for money and for counts ("96 indicators, comprising 40 for Leeds, 50 for York and
  6 for Selby").

Parts and total are compared with the rounding of the printed figures. Approximate
figures ("c£1.2m", "approximately £0.120m") and parts printed with and without a
multiplier side by side ("£0.223 Leeds, £0.138m York") are not judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.flags.base import Finding, OtherDocuments, Rule, text_location
from pipeline.flags.figures import (
    Figure,
    Mention,
    money_in,
    reconciles,
    sum_figures,
    written_like,
)
from pipeline.flags.text import BULLETS, DocText, Sentence, doc_text
from schemas.records import DocumentExtraction

_TOTALLING = re.compile(r"\b(?:totall?ing|in\s+total|a\s+total\s+of|making\s+a\s+total\s+of)\b", re.I)
_COMPRISING = re.compile(
    r"\b(?:comprising(?:\s+of)?|comprises|comprised\s+of|made\s+up\s+of|consist(?:s|ing)\s+of"
    r"|broken\s+down\s+(?:as\s+follows|into)"
    r"|split\s+(?:between|across|as\s+follows)[^.;£\d]*?(?:as\s+follows)?)\s*[:;,-]?",
    re.I,
)
_SPLIT_FOLLOWS = re.compile(r"\bsplit\b.*?\bas\s+follows\b|\bsplit\s+between\b", re.I)
_COUNT = re.compile(r"(?<![\w.,£/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.,%/-]|\.\d)")
_LEADING_AMOUNT = re.compile(rf"^[\s{re.escape(BULLETS)}]*\(?\s*[-–]?\s*£")


@dataclass
class _Breakdown:
    sentence: Sentence
    total: Mention
    parts: list[Figure]
    where: str


def _comparable(figures: list[Figure]) -> bool:
    if any(f.approximate for f in figures):
        return False
    scaled = {f.scale is not None for f in figures if f.kind == "money"}
    return len(scaled) <= 1


def _signed(parts: list[Figure], total: Figure) -> tuple[Figure, list[Figure]]:
    """Signs as printed when parentheses mix; magnitudes when all parts share one notation."""
    if len({p.value < 0 for p in parts}) == 1:
        return total.magnitude(), [p.magnitude() for p in parts]
    return total, parts


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


def _bullet_lists(sentences: list[Sentence], text: DocText) -> list[_Breakdown]:
    out = []
    for s in sentences:
        if s.bullet:
            continue
        amounts = money_in(s.text)
        items = text.following_bullets(s)
        if len(amounts) != 1 or len(items) < 2 or not s.text.rstrip().endswith((";", ":", "-", "–")):
            continue
        parts = []
        for item in items:
            found = money_in(item.text)
            if not found or not _LEADING_AMOUNT.match(item.text[: found[0].end]):
                parts = []
                break
            parts.append(found[0].figure)
        if parts:
            out.append(_Breakdown(s, amounts[0], parts, f"the {len(parts)} items listed under it"))
    return out


def _inline(sentences: list[Sentence]) -> list[_Breakdown]:
    out = []
    for i, s in enumerate(sentences):
        amounts = money_in(s.text)
        m = _TOTALLING.search(s.text)
        if m:
            before = [a for a in amounts if a.end <= m.start()]
            after = [a for a in amounts if a.start >= m.end()]
            if len(before) >= 2 and after:
                out.append(_Breakdown(s, after[0], [a.figure for a in before], "the amounts before it"))
            continue
        m = _COMPRISING.search(s.text)
        if m is None:
            continue
        mentions = amounts or _counts(s.text)
        before = [a for a in mentions if a.end <= m.start()]
        after = [a.figure for a in mentions if a.start >= m.end()]
        if len(after) < 2:
            continue
        if before:
            out.append(_Breakdown(s, before[-1], after, "its parts"))
        elif amounts and i > 0 and _SPLIT_FOLLOWS.search(s.text):
            # "... an underspend of (£1.500m). This is split ... as follows; (£0.700m) to Sefton, ..."
            previous = sentences[i - 1]
            stated = money_in(previous.text)
            if previous.block == s.block and stated:
                out.append(_Breakdown(previous, stated[-1], after, "its split"))
    return out


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    text = doc_text(doc)
    sentences = list(text.sentences)
    findings = []
    for b in [*_bullet_lists(sentences, text), *_inline(sentences)]:
        total = b.total.figure
        if not _comparable([total, *b.parts]):
            continue
        judged, parts = _signed(b.parts, total)
        if reconciles(judged, parts):
            continue
        computed = sum_figures(parts).value
        if judged.value != total.value:  # compared by magnitude: give the sum the total's printed sign
            computed = -computed
        stated = written_like(computed, total)
        snippet = b.sentence.snippet(b.total.start, b.total.end)
        findings.append(
            Finding(
                description=f"The text states {total.raw.strip()}, but {b.where} add up to {stated} "
                f"({' + '.join(p.raw.strip() for p in b.parts)})",
                expected=stated,
                found=total.raw.strip(),
                locations=[text_location(b.sentence.page_at(b.total.start), snippet)],
                severity="high" if total.kind == "money" else "medium",
            )
        )
    return findings


RULE = Rule("itemised_totals", "total_mismatch", check)
