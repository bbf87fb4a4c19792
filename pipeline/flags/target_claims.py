"""narrative_vs_table: a comment's claim about an indicator's target that its figures contradict.

Per-indicator pages print the indicator's name as a heading, its outturn and monthly
or quarterly tables, and a comment. Claims in the comment — "performance was above
target in Leeds and York", "in Selby, performance was below target", "the target was
achieved in July and August" — are checked against the indicator's
figures: the council's outturn against its target, or, when the claim names months,
each month's figure against that month's target (a "Target"/"Threshold" row, else the
indicator's target), read with the indicator's polarity.

A claim is read per clause. Its councils are those the clause names, else those named
earlier in the sentence or in the sentence before, else every council the indicator
reports. Hedged claims ("broadly on target", "effectively on target"), clauses that
both claim and deny, periods the tables cannot resolve ("the first two months",
"last year"), and "above/below target" for measures where lower is better are not
judged. One flag per comment.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from extractors.councils import Council
from extractors.dates import MONTHS
from extractors.values import month_label
from pipeline.flags.base import Finding, OtherDocuments, Rule, kpi_location, text_location
from pipeline.flags.kpi_terms import lower_is_better, missed_by, printed_value, series_row, shortfall
from pipeline.flags.labels import squash
from pipeline.flags.text import Sentence, councils_named, doc_councils, doc_text
from schemas.records import DocumentExtraction, FlagLocation, Kpi, KpiSeriesPoint

_QUALIFIER = r"(?:the\s+|its\s+|their\s+)?(?:[a-z]+\s+)?"
_NEGATIVE = re.compile(
    rf"\b(?:below|off|under|short\s+of|behind|missed|miss(?:es|ing)?)\s+{_QUALIFIER}targets?\b"
    rf"|\bnot\s+(?:on\s+track\s+to\s+)?(?:achiev\w*|meet\w*|met|reach\w*|hit)\s+{_QUALIFIER}targets?\b"
    r"|\btargets?\s+(?:was|were|has\s+been|have\s+been|is|are)\s+(?:not\s+(?:achieved|met|reached)|missed)\b",
    re.I,
)
_POSITIVE = re.compile(
    rf"\b(?:above|on|within|ahead\s+of|exceed(?:ed|s|ing)?|met|meets|meeting|achiev(?:ed|es|ing)|reach(?:ed|es)|hit)"
    rf"\s+{_QUALIFIER}targets?\b"
    r"|\btargets?\s+(?:was|were|has\s+been|have\s+been|is|are)\s+(?:achieved|met|exceeded|reached|surpassed)\b",
    re.I,
)
_DIRECTIONAL = re.compile(r"\b(?:above|below|under|ahead\s+of|behind)\s", re.I)
_HEDGE = re.compile(
    r"\b(?:broadly|close\s+to|around|near(?:ly)?|almost|effectively|largely|generally|virtually|roughly)\b",
    re.I,
)
_UNRESOLVED_TIME = re.compile(
    r"\b(?:first|last|past|previous|next|two|three|four)\s+(?:\w+\s+)?(?:months?|quarters?|weeks?|years?)\b"
    r"|\blast\s+year\b|\byear[\s-]to[\s-]date\b|\bytd\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[;,]|\b(?:but|whilst|while|although|though|however|whereas)\b", re.I)
_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) >= 3), key=len, reverse=True))
_MONTH_LIST = re.compile(
    rf"\b(?:in|for|during)\s+(?P<months>(?:{_MONTH_NAMES})\b(?:\s*(?:,|and|&)\s*(?:{_MONTH_NAMES})\b)*)", re.I
)


@dataclass
class _Claim:
    sentence: Sentence
    start: int
    end: int
    meets: bool
    directional: bool
    councils: list[str]
    months: list[int]


@dataclass
class _Miss:
    """A figure that contradicts a claim: what, where."""

    text: str
    where: FlagLocation


Segment = tuple[Sentence, int, int]


def _headings(doc: DocumentExtraction, sentences: Sequence[Sentence]) -> list[tuple[int, int, int, str]]:
    """Where each indicator's name is printed in the running text: (sentence, start, end, indicator)."""
    names = {k.indicator for k in doc.kpis} | {p.indicator for p in doc.kpi_series}
    patterns = [
        (re.compile(r"\s*".join(re.escape(w) for w in n.split()), re.I), n)
        for n in names
        if len(squash(n)) >= 8
    ]
    found = []
    for s in sentences:
        spans = []
        for pattern, name in patterns:
            spans += [(m.start(), m.end(), name) for m in pattern.finditer(s.text)]
        # The longest name wins where two overlap ("% of Council Tax collected" inside a longer one).
        for a, b, name in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
            if not found or found[-1][0] != s.index or a >= found[-1][2]:
                found.append((s.index, a, b, name))
    return found


def _comments(sentences: Sequence[Sentence], headings) -> list[tuple[str, list[Segment]]]:
    """Each indicator with the text printed after its name.

    The text runs to the next indicator's name, or to a heading printed after the
    indicator's own text began (the page of another indicator the tables did not give).
    """
    out = []
    if not headings:
        return out
    ends = [(h[0], h[1]) for h in headings[1:]] + [(len(sentences), 0)]
    for (si, _, after, name), (sj, before) in zip(headings, ends, strict=True):
        segments: list[Segment] = []
        for k in range(si, min(sj, len(sentences) - 1) + 1):
            s = sentences[k]
            if k > si and s.heading and any(not seg[0].heading for seg in segments):
                break
            a = after if k == si else 0
            b = before if k == sj else len(s.text)
            if k <= sj and a < b:
                segments.append((s, a, b))
        out.append((name, segments))
    return out


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip(" ,;")]


def _months(clause: str, claim_end: int) -> list[int] | None:
    """Months named with the claim: after it ("... in May and June") or opening the clause."""
    after = _MONTH_LIST.search(clause, claim_end)
    before = _MONTH_LIST.match(clause.strip())
    m = after if after and len(clause[claim_end : after.start()].split()) <= 3 else before
    if m is None:
        return [] if not _UNRESOLVED_TIME.search(clause) else None
    return [MONTHS[w.lower()] for w in re.findall(_MONTH_NAMES, m.group("months"), re.I)]


def _claims(comment: Sequence[Segment], councils: Sequence[Council]) -> list[_Claim]:
    out = []
    context: list[str] = []
    for s, start, end in comment:
        named_before: list[str] = []
        for a, b in _clauses(s.text[start:end]):
            a, b = a + start, b + start
            clause = s.text[a:b]
            here = [n.council for n in councils_named(clause, councils)]
            neg, pos = _NEGATIVE.search(clause), _POSITIVE.search(clause)
            claim = neg or pos
            if claim and not (neg and pos) and not _HEDGE.search(clause):
                months = _months(clause, claim.end())
                if months is not None:
                    who = here or named_before or context
                    out.append(
                        _Claim(
                            s,
                            a + claim.start(),
                            a + claim.end(),
                            pos is not None and neg is None,
                            bool(_DIRECTIONAL.match(claim.group(0))),
                            list(dict.fromkeys(who)),
                            months,
                        )
                    )
            named_before += here
        context = named_before or context
    return out


def _series_rows(points: Sequence[KpiSeriesPoint], councils: Sequence[Council]) -> tuple[dict, dict]:
    """Council rows and target rows of an indicator's monthly tables, by month."""
    values: dict[tuple[str, int], KpiSeriesPoint] = {}
    targets: dict[tuple[str | None, int], KpiSeriesPoint] = {}
    for p in points:
        month = month_label(p.period_label)
        if month is None:
            continue
        council, target = series_row(p.series, councils)
        if target:
            targets[(council, month[0])] = p
        elif council is not None:
            values[(council, month[0])] = p
    return values, targets


def _misses(
    claim: _Claim,
    kpis: list[Kpi],
    points: Sequence[KpiSeriesPoint],
    doc: DocumentExtraction,
    councils: Sequence[Council],
) -> list[_Miss] | None:
    """Figures that contradict the claim; None when the claim cannot be judged."""
    polarity = lower_is_better(kpis[0]) if kpis else None
    if polarity is None or (claim.directional and polarity):
        return None
    who = claim.councils or sorted({k.council for k in kpis if k.council})
    wrong, judged = [], 0
    if claim.months:
        values, targets = _series_rows(points, councils)
        for council in who:
            kpi = next((k for k in kpis if k.council == council), kpis[0])
            for month in claim.months:
                point = values.get((council, month))
                target = targets.get((council, month)) or targets.get((None, month))
                actual = printed_value(point.value) if point else None
                goal = printed_value(target.value) if target else printed_value(kpi.target)
                if actual is None or goal is None:
                    continue
                judged += 1
                gap = missed_by(actual, goal, polarity)
                if (gap <= 0) != claim.meets:
                    where = FlagLocation(
                        pdf_page=point.prov.pdf_page,
                        table=point.source_table,
                        row_label=point.series,
                        bbox=point.prov.bbox,
                    )
                    wrong.append(
                        _Miss(f"{council} {point.period_label} {point.value} against {goal.raw}", where)
                    )
    else:
        for council in who:
            kpi = next((k for k in kpis if k.council == council), None)
            miss = shortfall(kpi) if kpi else None
            if miss is None:
                continue
            judged += 1
            if (miss == Decimal(0)) != claim.meets:
                wrong.append(_Miss(f"{council} {kpi.actual} against {kpi.target}", kpi_location(doc, kpi)))
    return wrong if judged else None


def check(doc: DocumentExtraction, others: OtherDocuments) -> list[Finding]:
    sentences = doc_text(doc).sentences
    councils = doc_councils(doc)
    titled: dict[str | None, set[str]] = defaultdict(set)
    for t in doc.tables:
        titled[t.section_title].add(t.id)
    records: dict[str, list[Kpi]] = defaultdict(list)
    for k in doc.kpis:
        records[k.indicator].append(k)
    series: dict[str, list[KpiSeriesPoint]] = defaultdict(list)
    for p in doc.kpi_series:
        series[p.indicator].append(p)
    findings = []
    for indicator, comment in _comments(sentences, _headings(doc, sentences)):
        # The indicator's own outturn table first: an exception table may list it under the same name.
        own = titled.get(indicator, set())
        kpis = sorted(records.get(indicator, []), key=lambda k: k.source_table not in own)
        points = series.get(indicator, [])
        contradicted = []
        for claim in _claims(comment, councils):
            wrong = _misses(claim, kpis, points, doc, councils)
            if wrong:
                contradicted.append((claim, wrong))
        if contradicted:
            findings.append(_finding(indicator, contradicted))
    return findings


def _finding(indicator: str, contradicted: list[tuple[_Claim, list[_Miss]]]) -> Finding:
    said = " ".join(dict.fromkeys(c.sentence.text.strip() for c, _ in contradicted))
    figures = "; ".join(m.text for _, wrong in contradicted for m in wrong)
    locations = [
        text_location(c.sentence.page_at(c.start), c.sentence.snippet(c.start, c.end, 4))
        for c, _ in contradicted
    ]
    locations += list(
        {(m.where.table, m.where.bbox): m.where for _, wrong in contradicted for m in wrong}.values()
    )
    return Finding(
        description=f"'{indicator}': the comment says \"{said}\", but the figures are {figures}",
        expected=figures,
        found=said,
        locations=locations,
    )


RULE = Rule("target_claims", "narrative_vs_table", check)
