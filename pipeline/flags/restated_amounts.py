"""cross_reference_mismatch: one statement of amounts printed twice with one amount changed.

A budget report and its statutory statement, or a summary and the section it sums
up, often repeat a sentence almost word for word: "£15.8m general reserves including
£11.1m repayment ... and £4.8m for the additional annual contribution" against
"£15.8m contribution towards general reserves, including £11.1m repayment ... and
£4.7m for the additional annual contribution". Two sentences state the same fact
when most of their words are the same and they print as many amounts, in the same
order, at least two of them alike: then an amount that differs beyond the rounding of
its printing is the same figure printed two ways. Sentences are compared within a
document (in different paragraphs) and with the other documents in the database
that print several of the same amounts. Two versions of one paper (most of their
sentences the same word for word) are a paper and its correction, not two papers
that disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pipeline.flags.base import Finding, OtherDocuments, Rule, text_location
from pipeline.flags.figures import Mention, money_in
from pipeline.flags.labels import content_words
from pipeline.flags.settings import SETTINGS
from pipeline.flags.text import Sentence, doc_text
from schemas.records import DocumentExtraction


@dataclass(frozen=True)
class _Statement:
    sentence: Sentence
    amounts: tuple[Mention, ...]
    words: frozenset[str]


def _statements(doc: DocumentExtraction) -> list[_Statement]:
    out = []
    for s in doc_text(doc).sentences:
        amounts = tuple(m for m in money_in(s.text) if not m.figure.approximate)
        if len(amounts) >= SETTINGS.restated_amounts:
            out.append(_Statement(s, amounts, content_words(s.text)))
    return out


_PRINTED: dict[tuple, frozenset[str]] = {}


def _printed_amounts(doc: DocumentExtraction) -> frozenset[str]:
    """The amounts a document's pages print, as printed (a cheap look before reading its sentences)."""
    key = (doc.sha256, tuple(hash(p.text) for p in doc.pages))
    if key not in _PRINTED:
        if len(_PRINTED) >= SETTINGS.printed_amounts:
            _PRINTED.clear()
        _PRINTED[key] = frozenset(
            m.figure.raw.strip() for p in doc.pages for m in money_in(p.text) if m.figure.value
        )
    return _PRINTED[key]


def partner(doc: DocumentExtraction, other: DocumentExtraction) -> bool:
    """Whether two documents print enough of the same amounts to restate one another."""
    return len(_printed_amounts(doc) & _printed_amounts(other)) >= SETTINGS.restated_shared


def _changed(a: _Statement, b: _Statement) -> int | None:
    """The one position where two restatements of a fact print different amounts, if they are that."""
    if len(a.amounts) != len(b.amounts):
        return None
    union = a.words | b.words
    if not union or Decimal(len(a.words & b.words)) / len(union) < SETTINGS.restated_similar:
        return None
    differ = [i for i, (x, y) in enumerate(zip(a.amounts, b.amounts, strict=True)) if not _alike(x, y)]
    return differ[0] if len(differ) == 1 else None


def _alike(x: Mention, y: Mention) -> bool:
    """Whether two printings can be one amount; one without its multiplier ("£0.223") is its digits."""
    if (x.figure.scale is None) != (y.figure.scale is None):
        return _digits(x) == _digits(y)
    return x.figure.same_as(y.figure)


def _digits(m: Mention) -> str:
    return "".join(ch for ch in m.figure.raw if ch.isdigit() or ch == ".")


def _compare(
    own: Sequence[_Statement], theirs: Sequence[_Statement], other: DocumentExtraction | None
) -> list[Finding]:
    findings = []
    for i, a in enumerate(own):
        for j, b in enumerate(theirs):
            if other is None and (j <= i or a.sentence.block == b.sentence.block):
                continue
            k = _changed(a, b)
            if k is not None:
                findings.append(_finding(a, b, k, other))
    return findings


def _finding(a: _Statement, b: _Statement, k: int, other: DocumentExtraction | None) -> Finding:
    here, there = a.amounts[k], b.amounts[k]
    where = f"of {other.file}" if other is not None else "of this document"
    page_b = b.sentence.page_at(there.start)
    return Finding(
        description="The same statement is printed twice with one amount different: "
        f"{here.figure.raw.strip()} here, {there.figure.raw.strip()} on page {page_b} {where}",
        expected=there.figure.raw.strip(),
        found=here.figure.raw.strip(),
        locations=[
            text_location(a.sentence.page_at(here.start), a.sentence.snippet(here.start, here.end, 4)),
            text_location(
                page_b,
                b.sentence.snippet(there.start, there.end, 4),
                sha256=other.sha256 if other is not None else None,
            ),
        ],
    )


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    own = _statements(doc)
    if not own:
        return []
    findings = _compare(own, own, None)
    for other in others():
        if other.sha256 != doc.sha256 and partner(doc, other) and not _versions(doc, other):
            findings += _compare(own, _statements(other), other)
    return findings


def _versions(doc: DocumentExtraction, other: DocumentExtraction) -> bool:
    """Whether two documents are versions of one paper: most sentences of the shorter are in the other."""
    mine = {s.text for s in doc_text(doc).sentences}
    theirs = {s.text for s in doc_text(other).sentences}
    shorter = min(len(mine), len(theirs))
    return shorter > 0 and Decimal(len(mine & theirs)) / shorter >= SETTINGS.restated_version


RULE = Rule("restated_amounts", "cross_reference_mismatch", check, partner)
