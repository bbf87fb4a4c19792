"""other: a report that refers to a recommendation it does not make.

"... approval of the strategy (recommendation 2) ..." in a report whose
recommendations list one item points at nothing. The report's pages are those of the
document section it opens; its recommendations are the ones read from its
"Recommendations" heading. Reports with no recommendations read are not judged.
"""

from __future__ import annotations

import re

from pipeline.flags.base import Finding, OtherDocuments, Rule, text_location
from pipeline.flags.text import doc_text
from schemas.records import DocumentExtraction

_REFERENCE = re.compile(r"\brecommendations?\s+(?P<numbers>\d+(?:\s*(?:,|and|&|or|to|-|–)\s*\d+)*)", re.I)


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    findings = []
    sentences = doc_text(doc).sentences
    for report in doc.reports:
        count = len(report.recommendations)
        section = next(
            (s for s in doc.sections if s.pdf_page_start <= report.pdf_page_start <= s.pdf_page_end), None
        )
        if not count or section is None:
            continue
        for s in sentences:
            if not section.pdf_page_start <= s.page <= section.pdf_page_end:
                continue
            for m in _REFERENCE.finditer(s.text):
                numbers = [int(n) for n in re.findall(r"\d+", m.group("numbers"))]
                missing = [n for n in numbers if n > count or n == 0]
                if not missing:
                    continue
                made = "one recommendation" if count == 1 else f"{count} recommendations"
                findings.append(
                    Finding(
                        description=f"The report '{report.title}' refers to {m.group(0)}, "
                        f"but it makes {made}",
                        expected=made,
                        found=m.group(0),
                        locations=[text_location(s.page_at(m.start()), s.snippet(m.start(), m.end(), 1))],
                        severity="low",
                    )
                )
    return findings


RULE = Rule("recommendation_references", "other", check)
