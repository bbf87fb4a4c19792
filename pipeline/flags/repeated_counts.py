"""cross_reference_mismatch: one fact stated twice in a document with a different count.

"The partnership brought together 14 services and 620 staff" in an annual report and
"... formed from 14 service areas and 680 staff" in a presentation state the
same fact: they agree on one count of one thing (22 services) and disagree on another
(620 against 680 staff). Two sentences are compared when each states at least two
counts of different things ("N <noun>" with a lower-case noun, tokens read with spaCy); the shared count is
what shows they describe the same fact. Approximate counts ("c680", "around 700"),
years, measures of time, ordinals ("4th", "13 th") and rates ("52 children per 10,000
children") are not counts of things.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from extractors.dates import MONTHS
from pipeline.flags.base import Finding, OtherDocuments, Rule, text_location
from pipeline.flags.text import Sentence, doc_text, nlp
from schemas.records import DocumentExtraction

_NOT_NOUNS = {
    "of",
    "to",
    "in",
    "for",
    "and",
    "or",
    "the",
    "a",
    "by",
    "from",
    "with",
    "on",
    "at",
    "is",
    "are",
    "was",
    "were",
    "per",
    "percent",
    "x",
    "times",
    "am",
    "pm",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "hours",
    "hour",
    "minutes",
    "working",
    "calendar",
    "out",
    "st",
    "nd",
    "rd",
    "th",
}
_RATE_BASE = {"per", "every", "each"}
"""Words before a number that make it the base of a rate ("per 10,000 children"), not a count."""
_APPROXIMATE = {
    "c",
    "circa",
    "around",
    "about",
    "approximately",
    "approx",
    "over",
    "almost",
    "nearly",
    "some",
    "under",
}


@dataclass(frozen=True)
class _Count:
    number: int
    noun: str
    start: int
    end: int


def _key(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _counts(sentence: Sentence) -> list[_Count]:
    tokens = nlp()(sentence.text)
    found = []
    for i, token in enumerate(tokens[:-1]):
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", token.text):
            continue
        number = int(token.text.replace(",", ""))
        before = tokens[i - 1].lower_ if i else ""
        after = tokens[i + 1]
        if (
            1900 <= number <= 2100
            or number < 2
            or before in _APPROXIMATE
            or before in {"£", "$", "€"}
            or before in _RATE_BASE
        ):
            continue
        # Things counted are common nouns: "6 FINANCE ..." is a numbered heading, "12 July" a date.
        if (
            not after.is_alpha
            or not after.text.islower()
            or after.lower_ in _NOT_NOUNS
            or after.lower_ in MONTHS
        ):
            continue
        if i + 2 < len(tokens) and tokens[i + 2].lower_ in _RATE_BASE:
            continue  # "52 children per 10,000 children": a rate, not a count
        found.append(_Count(number, _key(after.text), token.idx, after.idx + len(after.text)))
    return found


def _sharing(stated: list[tuple[Sentence, dict[str, _Count]]]) -> list[tuple[int, int]]:
    """Pairs of statements (in order) that give one count alike: only those can restate a fact.

    Statements are looked up by each count they give, so a long paper's statements are
    not all read against each other.
    """
    by_count: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, (_, counts) in enumerate(stated):
        for noun, count in counts.items():
            by_count[(noun, count.number)].append(i)
    pairs = {pair for same in by_count.values() for pair in itertools.combinations(same, 2)}
    return sorted(pairs)


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    stated = []
    for sentence in doc_text(doc).sentences:
        counts = _counts(sentence)
        nouns = [c.noun for c in counts]
        if len(set(nouns)) >= 2 and len(set(nouns)) == len(nouns):
            stated.append((sentence, {c.noun: c for c in counts}))
    findings = []
    reported: set[tuple[str, frozenset[int]]] = set()
    for i, j in _sharing(stated):
        (s1, c1), (s2, c2) = stated[i], stated[j]
        if s1.block == s2.block:
            continue
        shared = [n for n in c1.keys() & c2.keys() if c1[n].number == c2[n].number]
        differ = [n for n in c1.keys() & c2.keys() if c1[n].number != c2[n].number]
        if not shared or len(differ) != 1:
            continue
        noun = differ[0]
        a, b = c1[noun], c2[noun]
        key = (noun, frozenset({a.number, b.number}))
        if key in reported:
            continue
        reported.add(key)
        anchor = c1[shared[0]]
        findings.append(
            Finding(
                description="Two statements of the same fact "
                f"(both give {s1.text[anchor.start : anchor.end]}) "
                f"disagree: '{s1.text[a.start : a.end]}' on page {s1.page_at(a.start)}, "
                f"'{s2.text[b.start : b.end]}' on page {s2.page_at(b.start)}",
                expected=f"one {noun} figure",
                found=f"{a.number} vs {b.number}",
                locations=[
                    text_location(s1.page_at(a.start), s1.snippet(a.start, a.end, 2)),
                    text_location(s2.page_at(b.start), s2.snippet(b.start, b.end, 2)),
                ],
            )
        )
    return findings


RULE = Rule("repeated_counts", "cross_reference_mismatch", check)
