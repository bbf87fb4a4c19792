"""Sentences of minutes text and the ones that record a decision, with its kind.

Minutes mix discussion ("It was noted that ...", "Members asked ...") with what the
meeting decided ("The Committee noted the report.", "It was agreed that ...",
"RESOLVED – That ...", "... was elected Chair."). Sentences come from spaCy's rule
based sentencizer, adjusted for what committee minutes print: abbreviations such as
"Cllr." and "e.g.", amounts such as "£0.727m." that end a sentence, and numbered
resolutions ("2. That ..."). Decisions are found with a spaCy ``Matcher``; every
pattern lives in :data:`DECISION_PATTERNS` (what makes a sentence a decision) and
:data:`DISCUSSION_PATTERNS` (wordings that only report discussion and veto a
decision pattern they overlap).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from extractors.nlp import shared
from extractors.numbering import Numbering, parse_numbering
from schemas.records import DecisionKind

# Abbreviations the tokenizer should keep whole, so their full stop ends no sentence.
_ABBREVIATIONS = (
    "Cllr.",
    "Cllrs.",
    "No.",
    "Nos.",
    "para.",
    "paras.",
    "approx.",
    "Ref.",
    "ref.",
    "cf.",
    "incl.",
    "Dept.",
    "Cttee.",
    "Tel.",
    "Fig.",
    "Vol.",
    "viz.",
    "Sec.",
    "Cl.",
)
# Tokens ending in a full stop after which a sentence does not end: titles and Latin
# abbreviations.
_NON_FINAL = {
    a.lower()
    for a in (
        *_ABBREVIATIONS,
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Prof.",
        "Rev.",
        "St.",
        "Messrs.",
        "Gen.",
        "Gov.",
        "Sen.",
        "Rep.",
        "e.g.",
        "i.e.",
        "vs.",
        "v.",
        "v.s.",
        "Co.",
        "Mt.",
    )
}
_INITIAL = re.compile(r"^[A-Z]\.$")
# Words that a capital letter labels ("Appendix A."), so the letter is no initial.
_LABELLING = {"appendix", "annex", "annexe", "schedule", "part", "table", "section", "option", "item", "plan"}
_OPENERS = {"(", "[", "“", '"', "‘", "'"}
_LIST_MARKER = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})$", re.I)

# ---------------------------------------------------------------- decision patterns
# Token attributes shared by the patterns below.
_ADVERBS = {"LOWER": {"REGEX": r"^(?:\w+ly|also|further|then|therefore|thus|duly|accordingly)$"}, "OP": "*"}
_WAS = {"LOWER": {"IN": ["was", "were"]}}
_BE = {"LOWER": {"IN": ["was", "were", "be", "is", "are"]}}
# The deciding body as the subject of an active verb: "The Joint Committee noted ...".
_BODY = {
    "LOWER": {
        "IN": [
            "committee",
            "sub-committee",
            "subcommittee",
            "board",
            "cabinet",
            "panel",
            "council",
            "members",
            "forum",
            "commission",
            "executive",
            "assembly",
            "partnership",
            "meeting",
            "councillors",
            "group",
            "trustees",
        ]
    }
}
_IT = {"LOWER": "it"}
_CHAIR_WORD = {"LOWER": {"REGEX": r"^(?:chair|chairman|chairperson|chairwoman|convenor|leader|mayor)$"}}


def _verb(*words: str) -> dict:
    return {"LOWER": {"IN": list(words)}}


def _upper(*words: str) -> list[list[dict]]:
    """A decision word printed in capitals anywhere ("The Board RESOLVED"), or opening a sentence."""
    opening = {"ORTH": {"IN": [w.capitalize() for w in words]}, "IS_SENT_START": True}
    return [
        [{"ORTH": {"IN": [w.upper() for w in words]}}],
        # As a verb ("Agreed unanimously.", "Resolved that ..."), not an adjective ("Elected Members").
        [opening, {"IS_PUNCT": True}],
        [
            opening,
            {"LOWER": {"IN": ["that", "to", "&", "and", "unanimously", "accordingly", "nem", "by", "as"]}},
        ],
    ]


def _that_be(*words: str) -> list[list[dict]]:
    """A resolution worded "That the report be noted", bare or numbered "2." or "(2)"."""
    tail = [{"LOWER": "that"}, {"OP": "*"}, {"LOWER": "be"}, _ADVERBS, _verb(*words)]
    number = {"TEXT": {"REGEX": r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})$"}}
    return [
        [dict(tail[0], IS_SENT_START=True), *tail[1:]],
        [dict(number, IS_SENT_START=True), {"TEXT": {"IN": [".", ")"]}}, *tail],
        [{"ORTH": "(", "IS_SENT_START": True}, number, {"ORTH": ")"}, *tail],
    ]


DECISION_PATTERNS: dict[DecisionKind, list[list[dict]]] = {
    "resolved": [
        *_upper("resolved"),
        [{"LOWER": "resolved", "IS_SENT_START": True}],
        [_IT, _WAS, _ADVERBS, _verb("resolved")],
        [_BODY, _ADVERBS, _verb("resolved")],
    ],
    "agreed": [
        *_upper("agreed"),
        [_WAS, _ADVERBS, _verb("agreed")],
        [_BODY, _ADVERBS, _verb("agreed")],
        # "All Councillors present were in agreement."
        [_BODY, {"LOWER": "present", "OP": "?"}, _WAS, _ADVERBS, {"LOWER": "in"}, {"LOWER": "agreement"}],
        # "Members voted (unanimously) in favour of the recommendations": agreed by a vote.
        [_BODY, _ADVERBS, _verb("voted"), _ADVERBS, {"LOWER": "in"}, _verb("favour", "favor")],
        *_that_be("agreed"),
    ],
    "noted": [
        *_upper("noted"),
        [_WAS, _ADVERBS, _verb("noted")],
        [_BODY, _ADVERBS, _verb("noted")],
        *_that_be("noted"),
    ],
    "approved": [
        *_upper("approved"),
        # "Planning permission was GRANTED": in capitals only, as a decision is set.
        [{"ORTH": "GRANTED"}],
        [_WAS, _ADVERBS, _verb("approved", "ratified", "adopted")],
        [_BODY, _ADVERBS, _verb("approved", "ratified", "adopted")],
        [_verb("as"), _verb("a", "the"), _verb("correct", "true", "accurate", "fair"), _verb("record")],
        # A consultee's view on an application: "... and recommended approval", "approval recommended".
        [_verb("recommended", "recommends", "recommend"), _verb("approval")],
        [_verb("approval"), _ADVERBS, _verb("recommended")],
        *_that_be("approved", "adopted", "ratified", "granted"),
    ],
    "elected": [
        *_upper("elected"),
        [_WAS, _ADVERBS, {"LOWER": "re", "OP": "?"}, {"ORTH": "-", "OP": "?"}, _verb("elected")],
        [
            _WAS,
            _ADVERBS,
            _verb("appointed", "elected"),
            {"LOWER": {"IN": ["as", "to"]}, "OP": "?"},
            {"LOWER": {"IN": ["the", "be"]}, "OP": "?"},
            {"LOWER": {"IN": ["vice", "deputy"]}, "OP": "?"},
            {"ORTH": "-", "OP": "?"},
            _CHAIR_WORD,
        ],
        *_that_be("elected"),
    ],
    "deferred": [
        *_upper("deferred"),
        [_BE, _ADVERBS, _verb("deferred", "postponed")],
        [_BODY, _ADVERBS, _verb("deferred", "postponed")],
        [_verb("deferred", "postponed"), _verb("to", "until")],
    ],
    "other": [
        *_upper("decided", "recommended", "endorsed"),
        [{"ORTH": "REFUSED"}],
        [{"ORTH": "DECISION"}],
        # "Decision: That the report be noted."
        [
            {"LOWER": {"IN": ["decision", "decisions"]}, "IS_SENT_START": True},
            {"ORTH": {"IN": [":", "-", "–", "—"]}},
        ],
        [_IT, _WAS, _ADVERBS, _verb("decided", "recommended")],
        [
            _verb(
                "motion",
                "amendment",
                "recommendation",
                "recommendations",
                "proposal",
                "proposals",
                "resolution",
            ),
            _WAS,
            _ADVERBS,
            _verb("carried"),
        ],
        # "It was moved by A, seconded by B and carried that ...": the vote's outcome closes the motion.
        [
            _verb("moved", "proposed", "seconded"),
            {"OP": "*"},
            {"LOWER": "and"},
            _ADVERBS,
            _verb("carried"),
            {"LOWER": {"NOT_IN": ["out", "over", "forward", "through"]}},
        ],
        [_BODY, _ADVERBS, _verb("decided", "endorsed", "recommended", "accepted")],
        # "The Committee voted against the proposal", "Members voted to refer the item".
        [_BODY, _ADVERBS, _verb("voted"), _ADVERBS, _verb("against", "to")],
        *_that_be("recommended", "endorsed", "authorised", "authorized", "delegated", "requested", "refused"),
    ],
}

# Wordings that only report what was said: a decision pattern inside one does not count.
DISCUSSION_PATTERNS: list[list[dict]] = [
    [_IT, _WAS, _ADVERBS, _verb("noted", "reported", "accepted", "felt", "suggested", "explained")],
    # "Members noted that ...", "the county was noted for ...": an observation, not the report noted.
    [_BODY, _ADVERBS, _verb("noted"), _verb("that", "for", "how", "concerns")],
    [_WAS, _ADVERBS, _verb("noted"), _verb("for", "as", "that")],
    # "... put the amendment to the vote and it was agreed.": a vote on the way to the
    # resolution, its outcome closing the sentence with nothing agreed in it.
    [
        {"LOWER": "and"},
        _IT,
        _WAS,
        _ADVERBS,
        _verb("agreed", "carried", "approved", "lost"),
        _ADVERBS,
        {"IS_PUNCT": True},
    ],
    # "This was noted", "which was agreed by Cabinet": a clause about something else.
    [_verb("this", "which", "that"), _WAS, _ADVERBS, {"OP": "?"}],
    # "Three members voted in favour and four against": a count of votes, not the outcome.
    [
        {"LIKE_NUM": True},
        {"OP": "?"},
        _BODY,
        _verb("voted"),
        _ADVERBS,
        _verb("in", "against", "to"),
        {"OP": "?"},
    ],
    # "... could be deferred": a possibility, not a decision.
    [
        _verb("could", "might", "may", "would", "should", "can", "will"),
        {"LOWER": "be"},
        _ADVERBS,
        {"OP": "?"},
    ],
    # "A report to the Committee noted ...": the body is not the subject.
    [
        _verb("to", "before", "of", "by", "for", "from", "with", "at", "in", "on"),
        {"LOWER": "the", "OP": "?"},
        {"TEXT": {"REGEX": r"^(?:[A-Z][\w'’]*|-|&|and|of)$"}, "OP": "*"},
        _BODY,
        _ADVERBS,
        {"OP": "?"},
    ],
]

# A motion put to the meeting: "Mr A proposed, and Mr B seconded, that ...".
MOTION_PATTERNS: list[list[dict]] = [
    [_verb("proposed", "moved"), {"OP": "*"}, _verb("seconded")],
    [_verb("seconded"), {"OP": "*"}, _verb("proposed", "moved")],
]
# A motion about the conduct of the meeting, which decides nothing of its business.
PROCEDURAL_PATTERNS: list[list[dict]] = [
    [_BE, _verb("put"), {"LOWER": "to", "OP": "?"}, {"LOWER": "the", "OP": "?"}, _verb("vote", "question")],
    [_verb("extend", "extended", "extending"), {"LOWER": "the"}, _verb("meeting", "time", "debate")],
    [_verb("adjourn", "adjourned", "adjournment")],
    [{"LOWER": "next"}, {"LOWER": "business"}],
    [{"LOWER": "question"}, _BE, {"LOWER": "now", "OP": "?"}, _verb("put")],
]
# The outcome alone, closing the motion or proposal before it: "Agreed unanimously.", "Approved."
_OUTCOME_WORDS = {"agreed", "approved", "carried", "resolved", "noted", "accepted", "adopted", "endorsed"}
_OUTCOME_ADVERBS = {"unanimously", "nem", "con", "accordingly", "by", "a", "majority", "all"}

# A paragraph that only introduces the resolutions printed below it: "RESOLVED:".
_LEAD_IN = re.compile(
    # "It was noted that:" introduces discussion, not resolutions.
    r"^(?!\s*it\s+was\s+(?:\w+\s+)?noted)"
    r"\s*(?:(?:it\s+was|members|the\s+[a-z' -]{1,60}?)\s+)?(?:unanimously\s+)?"
    r"(resolved|agreed|decided|decision|recommended|noted)s?"
    r"(?:\s+(?:unanimously|accordingly|as\s+follows|the\s+following))?"
    r"\s*(?:that)?\s*[:–—-]?\s*(?:that)?\s*[:–—-]?\s*$",
    re.I,
)
# "RESOLVED (unanimously) – That the Cabinet:", "AGREED that Members:": any wording that
# opens with the decision and ends in a colon.
_LEAD_IN_COLON = re.compile(
    r"^\s*(?:(?:it\s+was|the\s+[a-z' -]{1,60}?)\s+)?(resolved|agreed|decided|recommended)\b"
    r"[^.:;]{0,80}:\s*[-–—]?\s*$",
    re.I,
)
_LEAD_KIND: dict[str, DecisionKind] = {
    "resolved": "resolved",
    "agreed": "agreed",
    "noted": "noted",
    "decided": "other",
    "decision": "other",
    "recommended": "other",
}
# A paragraph that opens with what was decided: "RESOLVED that ...", "AGREED: ...", "Resolved –".
_RESOLUTION = re.compile(
    r"^\s*(?:(?P<upper>RESOLVED|AGREED|DECIDED|DECISION|RECOMMENDED|NOTED)\b(?![a-z])"
    r"|(?P<title>Resolved|Agreed|Decided)\b(?=\s*(?:that\b|to\b|[:–—-])))"
)
# A paragraph that continues a list of resolutions: "That ...", or a lower-case item.
_RESOLUTION_ITEM = re.compile(r"^\s*(?:[Tt]hat\b|[a-z])")


@dataclass(frozen=True)
class FoundDecision:
    """A decision sentence: its text, kind and where it sits in the text searched."""

    text: str
    kind: DecisionKind
    start: int
    end: int


@Language.component("minutes_sentence_fixes")
def _fix_sentence_starts(doc: Doc) -> Doc:
    """Correct the sentencizer where minutes text misleads it."""
    for i in range(1, len(doc)):
        tok, prev = doc[i], doc[i - 1]
        if _ends_with_abbreviation(prev):
            tok.is_sent_start = False
        elif prev.text.endswith(".") and len(prev.text) > 1 and _opens_sentence(tok):
            # "£0.727m. The" or "7 p.m. The": the tokenizer kept the stop inside a token.
            tok.is_sent_start = True
        if tok.is_sent_start and tok.is_lower and tok.is_alpha:
            # "(see item 3.) that ...": a sentence does not open in lower case.
            tok.is_sent_start = False
        if tok.is_sent_start and i >= 2 and prev.text == "." and _is_marker(doc[i - 2]):
            # "2. That ...": a list number belongs to the sentence it numbers.
            tok.is_sent_start = False
        if tok.text in _OPENERS and i + 1 < len(doc) and doc[i + 1].is_sent_start:
            # "... noted. (2) That ...": the bracket opens the next sentence.
            tok.is_sent_start = True
            doc[i + 1].is_sent_start = False
    return doc


def _opens_sentence(tok: Token) -> bool:
    """A capitalised word, or a bracket or quote before one or before a number."""
    if tok.text in _OPENERS and tok.i + 1 < len(tok.doc):
        following = tok.doc[tok.i + 1].text[:1]
        return following.isupper() or following.isdigit()
    return tok.text[:1].isupper()


def _ends_with_abbreviation(tok: Token) -> bool:
    if _INITIAL.match(tok.text):
        return tok.i == 0 or tok.doc[tok.i - 1].lower_ not in _LABELLING
    return tok.text.lower() in _NON_FINAL


def _is_marker(tok: Token) -> bool:
    """A list number: opening a sentence or following "RESOLVED:"-style punctuation."""
    opens = tok.i == 0 or bool(tok.is_sent_start) or tok.doc[tok.i - 1].text in {":", ";", "-", "–", "—"}
    return bool(_LIST_MARKER.match(tok.text)) and opens


def _nlp() -> Language:
    return shared("minutes", _build_nlp)


def _build_nlp() -> Language:
    nlp = spacy.blank("en")
    for abbreviation in _ABBREVIATIONS:
        for form in {abbreviation, abbreviation.capitalize(), abbreviation.upper()}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("minutes_sentence_fixes")
    return nlp


def _matchers() -> tuple[Matcher, Matcher]:
    return shared("minutes matchers", _build_matchers)


def _build_matchers() -> tuple[Matcher, Matcher]:
    vocab = _nlp().vocab
    decisions = Matcher(vocab)
    for kind, patterns in DECISION_PATTERNS.items():
        decisions.add(kind, patterns)
    discussion = Matcher(vocab)
    discussion.add("discussion", DISCUSSION_PATTERNS)
    return decisions, discussion


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in text.split("\n"):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            spans.append((start + lead, start + len(part.rstrip())))
        start += len(part) + 1
    return spans


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for p_start, p_end in _paragraph_spans(text):
        doc = _nlp()(text[p_start:p_end])
        spans.extend((p_start + s.start_char, p_start + s.end_char) for s in doc.sents if s.text.strip())
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``; a line break always ends a paragraph and a sentence.

    Args:
        text: minutes text, paragraphs separated by "\\n".

    Returns:
        The sentences, verbatim, in order.
    """
    return [text[s:e] for s, e in _sentence_spans(text)]


def decision_kind(sentence: str) -> DecisionKind | None:
    """What a sentence decides, or None when it only reports discussion.

    The earliest decision wording in the sentence sets the kind, so "The Committee
    noted the report and agreed ..." is ``noted``.

    Args:
        sentence: one sentence of minutes text.

    Returns:
        One of agreed, noted, resolved, approved, elected, deferred, other; or None.
    """
    doc = _nlp()(sentence.strip())
    decisions, discussion = _matchers()
    vetoes = [(s, e) for _, s, e in discussion(doc)]
    found = []
    for match_id, start, end in decisions(doc):
        if any(s <= start and end <= e for s, e in vetoes):
            continue
        found.append((start, -(end - start), doc.vocab.strings[match_id]))
    return min(found)[2] if found else None


def find_decisions(text: str) -> list[FoundDecision]:
    """The decisions recorded in a minute's text, in order.

    A paragraph that opens with the decision ("RESOLVED that ...", "AGREED: ...") is one
    decision whole, its paragraph number left out; when it leads in a list ("RESOLVED
    that the Council:", "RESOLVED:"), the list's points below it belong to it, joined by
    line breaks. Elsewhere a sentence is a decision when :func:`decision_kind` gives it
    a kind. An outcome printed alone ("Agreed unanimously.", "Approved.") closes what
    precedes it: the sentence before it in its paragraph, or, in a minute that records
    no resolution, the substantive motion in the paragraph above.

    Args:
        text: the item's text, paragraphs separated by "\\n".

    Returns:
        Each decision with its kind and its character offsets in ``text``.
    """
    spans = _paragraph_spans(text)
    bodies = [_without_number(text, start, end) for start, end in spans]
    resolves = any(
        _RESOLUTION.match(text[b:e]) or _lead_in(text[b:e]) for b, (_, e) in zip(bodies, spans, strict=True)
    )
    found: list[FoundDecision] = []
    i = 0
    while i < len(spans):
        body, end = bodies[i], spans[i][1]
        paragraph = text[body:end]
        if _bare_outcome(paragraph):
            motion = i and not resolves and _substantive_motion(text[bodies[i - 1] : spans[i - 1][1]])
            if motion:
                kind = decision_kind(paragraph) or "agreed"
                found.append(FoundDecision(text[bodies[i - 1] : end], kind, bodies[i - 1], end))
            i += 1
            continue
        kind = _resolution_kind(paragraph)
        if kind:
            last = _list_end(text, spans, i) if _leads_in(paragraph) else i
            found.append(FoundDecision(text[body : spans[last][1]], kind, body, spans[last][1]))
            i = last + 1
            continue
        if not resolves:
            # Where a minute records its decisions as resolutions, its other sentences are
            # the discussion that led to them ("It was agreed that children should ...").
            found += _sentence_decisions(text, body, end)
        i += 1
    return found


def _sentence_decisions(text: str, start: int, end: int) -> list[FoundDecision]:
    """Decision sentences of one paragraph; an outcome alone joins the sentence before it."""
    paragraph = text[start:end]
    sentences = _sentence_spans(paragraph)
    found: list[FoundDecision] = []
    for k, (s_start, s_end) in enumerate(sentences):
        sentence = paragraph[s_start:s_end]
        kind = decision_kind(sentence)
        if kind is None:
            continue
        if _bare_outcome(sentence):
            if k == 0:
                continue
            s_start = sentences[k - 1][0]
            if found and found[-1].start == start + s_start:
                found.pop()
        found.append(FoundDecision(paragraph[s_start:s_end], kind, start + s_start, start + s_end))
    return found


def _without_number(text: str, start: int, end: int) -> int:
    """Where a paragraph's text begins after its paragraph number ("26) RESOLVED ...")."""
    numbering = parse_numbering(text[start:end])
    if numbering is None or numbering.style == "bullet" or not numbering.rest:
        return start
    if numbering.style != "decimal" and not numbering.token.endswith((".", ")", ":")):
        # "2025 budget ...": a figure opening the sentence, not a paragraph number.
        return start
    return start + text[start:end].index(numbering.rest)


def _lead_in(paragraph: str) -> re.Match[str] | None:
    return _LEAD_IN.match(paragraph) or _LEAD_IN_COLON.match(paragraph)


def _resolution_kind(paragraph: str) -> DecisionKind | None:
    """The kind of decision a paragraph opens with, None when it opens with none."""
    lead_in = _lead_in(paragraph)
    if lead_in:
        return _LEAD_KIND[lead_in.group(1).lower()]
    opening = _RESOLUTION.match(paragraph)
    if opening:
        return _LEAD_KIND[(opening.group("upper") or opening.group("title")).lower()]
    return None


def _leads_in(paragraph: str) -> bool:
    """Whether a resolution paragraph introduces a list: "RESOLVED that the Council:", "RESOLVED:"."""
    return bool(_lead_in(paragraph)) or paragraph.rstrip().endswith(":")


def _list_end(text: str, spans: list[tuple[int, int]], lead: int) -> int:
    """The last paragraph of the list a resolution at paragraph ``lead`` introduces.

    A numbered resolution ("26) RESOLVED that the Council:") holds every paragraph up to
    the next number of its own sequence; an unnumbered one, the points, "That ..."
    clauses and continuations after a colon or semicolon that follow it.
    """
    own = parse_numbering(text[spans[lead][0] : spans[lead][1]])
    last = lead
    for k in range(lead + 1, len(spans)):
        paragraph = text[spans[k][0] : spans[k][1]]
        numbering = parse_numbering(paragraph)
        if own is not None and own.style != "bullet":
            if numbering is not None and _same_scheme(own, numbering):
                break
        else:
            previous = text[spans[k - 1][0] : spans[k - 1][1]].rstrip()
            continued = previous.endswith((":", ";", " and", " or", ", and", "; and", "; or"))
            if not (numbering is not None or _RESOLUTION_ITEM.match(paragraph) or continued):
                break
        last = k
    return last


def _same_scheme(a: Numbering, b: Numbering) -> bool:
    """Numbers of one sequence: "26)" and "27)", not "26)" and "(1)" or "1."."""
    return a.style == b.style and a.bracketed == b.bracketed and a.opened == b.opened and a.depth == b.depth


def _bare_outcome(sentence: str) -> bool:
    """An outcome with nothing else: "Agreed unanimously.", "Approved.", "CARRIED"."""
    words = re.findall(r"[a-z]+", sentence.lower())
    # "RESOLVED:" or "RESOLVED –" leads in what was resolved; an outcome ends with its full stop.
    closed = sentence.rstrip().endswith((".", "!"))
    return (
        closed
        and bool(words)
        and words[0] in _OUTCOME_WORDS
        and all(w in _OUTCOME_ADVERBS for w in words[1:])
    )


def _substantive_motion(paragraph: str) -> bool:
    """A motion on the business ("Mr A proposed, and Mr B seconded, that the Council ..."),
    not one on the conduct of the meeting ("... that the motion be put to the vote")."""
    doc = _nlp()(paragraph.strip())
    motion, procedural = _motion_matchers()
    return bool(motion(doc)) and not procedural(doc)


def _motion_matchers() -> tuple[Matcher, Matcher]:
    return shared("minutes motion matchers", _build_motion_matchers)


def _build_motion_matchers() -> tuple[Matcher, Matcher]:
    vocab = _nlp().vocab
    motion = Matcher(vocab)
    motion.add("motion", MOTION_PATTERNS)
    procedural = Matcher(vocab)
    procedural.add("procedural", PROCEDURAL_PATTERNS)
    return motion, procedural
