"""unit_anomaly: an overspend printed in parentheses where the document's parentheses mean underspend.

Council finance reports print favourable variances (underspends) in parentheses. When
a document does so — an amount in parentheses directly beside "underspend",
"favourable", "surplus" or "saving" — an amount in parentheses directly beside
"overspend", "pressure", "adverse variance" or "deficit" contradicts its own notation.
Only amounts named by the word right before them ("an overspend of (£7.1m)") or right
after them ("(£0.5m) overspend") are read.
"""

from __future__ import annotations

import re

from pipeline.flags.base import Finding, OtherDocuments, Rule, text_location
from pipeline.flags.figures import Mention, money_in, written_like
from pipeline.flags.text import doc_text
from schemas.records import DocumentExtraction

_FAVOURABLE = r"under-?spends?|under-?spent|favourable(?:\s+variances?)?|surplus(?:es)?|savings?"
_ADVERSE = r"over-?spends?|over-?spent|pressures?|adverse(?:\s+variances?)?|deficits?"
_BEFORE = re.compile(rf"\b(?P<word>{_FAVOURABLE}|{_ADVERSE})\s+(?:of\s+)?(?:approximately\s+)?$", re.I)
_AFTER = re.compile(rf"^\s*(?P<word>{_FAVOURABLE}|{_ADVERSE})\b", re.I)


def _named(text: str, mention: Mention) -> str | None:
    """The variance word printed right before or right after an amount, if any."""
    before = _BEFORE.search(text[: mention.start])
    after = _AFTER.match(text[mention.end :])
    if before and after:
        return None
    match = before or after
    return match.group("word").lower() if match else None


def _adverse(word: str) -> bool:
    return re.fullmatch(_ADVERSE, word, re.I) is not None


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    named = []
    for sentence in doc_text(doc).sentences:
        for mention in money_in(sentence.text):
            word = _named(sentence.text, mention)
            if word and mention.parenthesised:
                named.append((sentence, mention, word))
    if not any(not _adverse(word) for _, _, word in named):
        return []
    findings = []
    for sentence, mention, word in named:
        if not _adverse(word):
            continue
        figure = mention.figure
        expected = written_like(abs(figure.value), figure)
        if "£" not in expected:
            expected = "£" + expected
        start = min(mention.start, sentence.text.rfind(" ", 0, max(mention.start - len(word) - 5, 0)) + 1)
        findings.append(
            Finding(
                description=f"An {word} is printed in parentheses, {figure.raw}, the notation this document "
                "uses for underspends",
                expected=expected,
                found=figure.raw,
                locations=[
                    text_location(sentence.page_at(mention.start), sentence.text[start : mention.end].strip())
                ],
            )
        )
    return findings


RULE = Rule("sign_notation", "unit_anomaly", check)
