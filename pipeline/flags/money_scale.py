"""unit_anomaly: an amount a thousand times larger than the amounts it is discussed with.

In a paragraph of £0.1m-£0.3m variances, "£95m" is a slip of the multiplier (£0.095m,
or £95k written with "m"). An amount is flagged when the paragraph gives at least two
other amounts with a multiplier, it is at least 100 times the largest of them, and read
in thousands it would sit among them (within a factor of ten). Approximate amounts
("almost £1b") are not read, nor is an amount printed as a whole that its paragraph's
amounts are small parts of ("a net budget of £250m", "the grant for 2022/23 is
£42m"): a whole is many times its parts by nature.
"""

from __future__ import annotations

import re

from pipeline.flags.base import Finding, OtherDocuments, Rule, text_location
from pipeline.flags.figures import Mention, money_in, written_like
from pipeline.flags.settings import SETTINGS
from pipeline.flags.text import Sentence, doc_text
from schemas.records import DocumentExtraction

_WHOLE = re.compile(
    r"\b(?:budgets?|total|net|gross|grants?|programme|funding|turnover|expenditure|income|reserves?"
    r"|balances?)(?:\s+(?:for\s+)?\d{4}/\d{2})?\s*(?:of|is|was|at|totals?|totalling|stands\s+at"
    r"|amounts?\s+to|:)?\s*$",
    re.I,
)


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    findings = []
    for block in doc_text(doc).blocks():
        amounts: list[tuple[Sentence, Mention]] = [
            (s, m) for s in block for m in money_in(s.text) if m.figure.scale and not m.figure.approximate
        ]
        for sentence, mention in amounts:
            value = abs(mention.figure.value)
            rest = [m.figure for s, m in amounts if m is not mention and m.figure.value != 0]
            if len(rest) < 2:
                continue
            largest = max(rest, key=lambda f: abs(f.value))
            smallest = min(abs(f.value) for f in rest)
            if value < SETTINGS.scale_outlier * abs(largest.value) or _WHOLE.search(
                sentence.text[: mention.start]
            ):
                continue
            slipped = value / SETTINGS.scale_slip
            if (
                not smallest / SETTINGS.scale_neighbourhood
                <= slipped
                <= abs(largest.value) * SETTINGS.scale_neighbourhood
            ):
                continue
            figure = mention.figure
            # Written as its neighbours are written: "£95m" among "£0.150m" reads "£0.095m".
            expected = written_like(slipped.copy_sign(figure.value), largest.magnitude())
            findings.append(
                Finding(
                    description=f"{figure.raw} is over {SETTINGS.scale_outlier} times every other amount "
                    "in its paragraph "
                    f"(the largest is {largest.raw}); read in thousands, {expected}, it fits them",
                    expected=expected,
                    found=figure.raw,
                    locations=[
                        text_location(
                            sentence.page_at(mention.start), sentence.snippet(mention.start, mention.end, 2)
                        )
                    ],
                    severity="high",
                )
            )
    return findings


RULE = Rule("money_scale", "unit_anomaly", check)
