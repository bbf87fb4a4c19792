"""total_mismatch: shares of a whole, stated together in text, that do not add up to 100%.

A sentence (or bullet item) giving three or more percentages that together come close
to 100%, and that it or the sentence before says are a split ("funded ... as follows",
"shares", "split", "apportioned") — "33.40% by Kent - 41.25% by Medway - 25.60% by
Swale" — divides a whole: the shares must add up to 100% within the rounding of their
printed decimals. Sums far from 100% are percentages of different things (satisfaction
by council, say) and are not judged; nor are approximate shares. "Respectively" says
only that figures follow names in order ("response rates of 33%, 31% and 35%
respectively"), not that they divide a whole.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pipeline.flags.base import Finding, OtherDocuments, Rule, text_location
from pipeline.flags.figures import Figure, percents_in, reconciles, sum_figures
from pipeline.flags.settings import SETTINGS
from pipeline.flags.text import doc_text
from schemas.records import DocumentExtraction

_SPLIT = re.compile(
    r"\b(?:split|shares?|funded|funding|apportion\w*|proportions?|breakdown|broken\s+down|allocat\w*"
    r"|contribut\w*|as\s+follows)\b",
    re.I,
)
WHOLE = Figure(Decimal(100), Decimal(0), "percent", "100%")


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    findings = []
    sentences = doc_text(doc).sentences
    for s in sentences:
        mentions = percents_in(s.text)
        shares = [m.figure for m in mentions]
        if len(shares) < 3 or any(f.approximate or f.value <= 0 for f in shares):
            continue
        before = sentences[s.index - 1].text if s.index else ""
        if not (_SPLIT.search(s.text) or _SPLIT.search(before)):
            continue
        total = sum_figures(shares, "percent")
        if abs(total.value - WHOLE.value) > SETTINGS.shares_near_whole or reconciles(WHOLE, shares):
            continue
        first = mentions[0]
        findings.append(
            Finding(
                description=f"Shares of one whole add up to {total.value.normalize():f}%, not 100% "
                f"({' + '.join(f.raw for f in shares)})",
                expected="100%",
                found=f"{total.value.normalize():f}%",
                locations=[text_location(s.page_at(first.start), s.snippet(first.start, first.end, 5))],
            )
        )
    return findings


RULE = Rule("percentage_shares", "total_mismatch", check)
