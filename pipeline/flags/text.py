"""A document's running text as sentences, each leading back to its page.

Page texts hold the printed lines outside tables. Lines are gathered into blocks — a
paragraph, a bullet item, a heading — and each block is split into sentences with
spaCy's rule-based sentencizer (no statistical model is needed or downloaded). A
sentence keeps the page of every character, so a figure it quotes is located on the
page it is printed on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language

from extractors.councils import Council, find_councils
from extractors.nlp import shared
from pipeline.flags.settings import SETTINGS
from schemas.records import DocumentExtraction, SectionKind

BULLETS = "•●▪◦‣○■□➢►-–—*"
_BULLET_LINE = re.compile(rf"^\s*[{re.escape(BULLETS)}](?:\s|$)")
_NUMBERED_LINE = re.compile(r"^\s*(?:\d+(?:\.\d+)+\.?|\d+[.)]|[a-z]\)|\([a-z0-9]+\))\s+\S")
_TERMINAL = ".:;!?"
_ORDINAL = re.compile(r"\b(\d{1,3})\s+(st|nd|rd|th)\b")
"""A day or rank whose superscript suffix the text layer prints apart: "4 th", "13 th January"."""


def normalise_ordinals(text: str) -> str:
    """Ordinals joined to their suffix ("30 th January" -> "30th January"), so they read as one word."""
    return _ORDINAL.sub(r"\1\2", text)


def nlp() -> Language:
    """A blank English pipeline with the rule-based sentencizer."""
    return shared("prose", _build_nlp)


def _build_nlp() -> Language:
    pipeline = spacy.blank("en")
    # "£0.068m." ends a sentence: the English exceptions would read "m." as one token.
    rules = {k: v for k, v in pipeline.tokenizer.rules.items() if not re.fullmatch(r"[A-Za-z]\.", k)}
    pipeline.tokenizer.rules = rules
    pipeline.add_pipe("sentencizer")
    return pipeline


@dataclass(frozen=True)
class Sentence:
    """One sentence of running text, with the page of each of its characters."""

    text: str
    index: int
    block: int
    bullet: bool
    """The first sentence of a bullet item."""
    heading: bool
    section: SectionKind | None
    breaks: tuple[tuple[int, int], ...]
    """(offset, pdf_page) where each page's part of the sentence starts."""

    @property
    def page(self) -> int:
        return self.breaks[0][1]

    def page_at(self, offset: int) -> int:
        """The page the character at ``offset`` is printed on."""
        page = self.breaks[0][1]
        for start, p in self.breaks:
            if start <= offset:
                page = p
        return page

    def snippet(self, start: int, end: int, words: int = 3) -> str:
        """The text from ``start`` to ``end`` with up to ``words`` words either side, on one page."""
        page = self.page_at(start)
        lo = max((s for s, p in self.breaks if p == page and s <= start), default=0)
        hi = min((s for s, _ in self.breaks if s > start), default=len(self.text))
        left = [m.start() for m in re.finditer(r"\S+", self.text[lo:start])][-words:] if words else []
        right = [m.end() for m in re.finditer(r"\S+", self.text[end:hi])][:words] if words else []
        a = lo + left[0] if left else start
        b = end + right[-1] if right else end
        return self.text[a:b].strip(" ,;:.•●▪◦‣○■□➢►")


@dataclass(frozen=True)
class DocText:
    """A document's sentences in reading order."""

    sentences: tuple[Sentence, ...]

    def blocks(self) -> list[list[Sentence]]:
        """Sentences grouped by the block (paragraph, bullet item, heading) they belong to."""
        out: list[list[Sentence]] = []
        for s in self.sentences:
            if out and out[-1][0].block == s.block:
                out[-1].append(s)
            else:
                out.append([s])
        return out

    def following_bullets(self, sentence: Sentence) -> list[Sentence]:
        """The bullet items printed straight after ``sentence`` (the items of a list it introduces).

        A line between two items that the item above leaves unfinished (no closing
        punctuation) is the rest of that item, wrapped.
        """
        items: list[Sentence] = []
        rest = self.sentences[sentence.index + 1 :]
        for i, s in enumerate(rest):
            if s.block == sentence.block:
                continue
            if not s.bullet:
                if items and s.block == items[-1].block:
                    continue
                after = next((n for n in rest[i + 1 :] if n.block != s.block), None)
                wrapped = items and items[-1].text.rstrip()[-1:] not in _TERMINAL
                if wrapped and after is not None and after.bullet and not self._ends_block(s, rest[i + 1 :]):
                    continue
                break
            items.append(s)
        return items

    @staticmethod
    def _ends_block(s: Sentence, rest: tuple[Sentence, ...]) -> bool:
        """Whether the block of ``s`` has more than one sentence (a paragraph, not a wrapped line)."""
        return any(n.block == s.block for n in rest)


@dataclass
class _Line:
    text: str
    page: int


def _is_heading(line: str, prev: str | None, nxt: str | None, after_heading: bool) -> bool:
    words = line.split()
    if not words or len(words) > 8 or line.rstrip()[-1] in _TERMINAL + ",":
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if prev is not None and prev.rstrip() and prev.rstrip()[-1] not in _TERMINAL and not after_heading:
        return False
    return nxt is None or not nxt.strip() or not nxt.lstrip()[0].islower()


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` carries on a bullet item: it starts mid-sentence, or the item broke mid-phrase."""
    first = line.lstrip()[:1]
    if first.islower() or first.isdigit() or first in "(£%&,;":
        return True
    last = prev.rstrip().split()[-1].lower() if prev.strip() else ""
    return (
        last in {"and", "or", "of", "the", "to", "for", "in", "on", "with", "by", "-", "–"}
        or prev.rstrip()[-1:] in ",-–"
    )


def _blocks(lines: Sequence[_Line]) -> list[tuple[list[_Line], bool, bool]]:
    """Lines grouped into blocks, each with (is a bullet item, is a heading)."""
    blocks: list[tuple[list[_Line], bool, bool]] = []
    prev: str | None = None
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            prev = None
            continue
        nxt = lines[i + 1].text if i + 1 < len(lines) else None
        bullet = bool(_BULLET_LINE.match(text))
        heading = not bullet and _is_heading(text, prev, nxt, bool(blocks) and blocks[-1][2])
        starts = (
            bullet
            or heading
            or not blocks
            or blocks[-1][2]
            or bool(_NUMBERED_LINE.match(text))
            or (prev is not None and prev.rstrip()[-1:] in tuple(_TERMINAL))
            or (blocks[-1][1] and not _continues(prev or "", text))
        )
        if starts:
            blocks.append(([line], bullet, heading))
        else:
            blocks[-1][0].append(line)
        prev = text
    return blocks


def _section_kinds(doc: DocumentExtraction) -> dict[int, SectionKind]:
    kinds: dict[int, SectionKind] = {}
    for section in doc.sections:
        for page in range(section.pdf_page_start, section.pdf_page_end + 1):
            kinds.setdefault(page, section.kind)
    return kinds


def _build(doc: DocumentExtraction) -> DocText:
    lines = [
        _Line(normalise_ordinals(text), page.pdf_page)
        for page in sorted(doc.pages, key=lambda p: p.pdf_page)
        for text in page.text.split("\n")
    ]
    kinds = _section_kinds(doc)
    sentences: list[Sentence] = []
    for b, (block, bullet, heading) in enumerate(_blocks(lines)):
        text = ""
        breaks: list[tuple[int, int]] = []
        for line in block:
            piece = line.text.strip()
            if text and not (text.endswith("-") and text[-2:-1].isalpha()):
                text += " "
            if not breaks or breaks[-1][1] != line.page:
                breaks.append((len(text), line.page))
            text += piece
        for n, span in enumerate(nlp()(text).sents):
            start, end = span.start_char, span.end_char
            own = [(max(s - start, 0), p) for s, p in breaks if s < end]
            own = [x for i, x in enumerate(own) if i == len(own) - 1 or own[i + 1][0] > 0]
            sentences.append(
                Sentence(
                    text=text[start:end],
                    index=len(sentences),
                    block=b,
                    bullet=bullet and n == 0,
                    heading=heading,
                    section=kinds.get(own[0][1]),
                    breaks=tuple(own),
                )
            )
    return DocText(tuple(sentences))


_CACHE: dict[tuple, object] = {}


def _once(what: str, doc: DocumentExtraction, build):
    """``build(doc)``, computed once for this content of the document while the rules run over it."""
    key = (
        what,
        doc.sha256,
        tuple((p.pdf_page, hash(p.text)) for p in doc.pages),
        tuple((s.kind, s.pdf_page_start, s.pdf_page_end) for s in doc.sections),
        tuple((t.id, len(t.rows)) for t in doc.tables),
        len(doc.kpis),
        len(doc.members),
    )
    if key not in _CACHE:
        if len(_CACHE) > SETTINGS.documents_read:
            _CACHE.clear()
        _CACHE[key] = build(doc)
    return _CACHE[key]


def doc_text(doc: DocumentExtraction) -> DocText:
    """The sentences of a document's running text."""
    return _once("text", doc, _build)


def doc_councils(doc: DocumentExtraction) -> list[Council]:
    """The councils a document names, with their abbreviations, and those its KPIs name."""
    return list(_once("councils", doc, _councils))


def _councils(doc: DocumentExtraction) -> tuple[Council, ...]:
    lines = [line for p in doc.pages for line in p.text.split("\n")]
    lines += [h for t in doc.tables for h in t.headings]
    lines += [c for t in doc.tables for c in (t.header[0] if t.header else [])]
    councils = find_councils(lines, [m.council for m in doc.members if m.council])
    known = {c.name.lower() for c in councils}
    for name in sorted({k.council for k in doc.kpis if k.council}):
        if name.lower() not in known:
            councils.append(Council(name))
            known.add(name.lower())
    return tuple(councils)


@dataclass(frozen=True)
class Named:
    """A council named in a text: where, and which."""

    start: int
    end: int
    council: str


@lru_cache(maxsize=SETTINGS.council_patterns)
def _council_patterns(council: Council) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """A council's name in any case, and its abbreviations as printed."""
    name = re.compile(rf"(?<![\w-]){re.escape(council.name)}(?![\w-])", re.I)
    short = tuple(re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])") for a in council.abbreviations)
    return name, short


def councils_named(text: str, councils: Sequence[Council]) -> list[Named]:
    """Every mention of a council in ``text`` by name or abbreviation, in order."""
    found: list[Named] = []
    for council in councils:
        pattern, abbreviations = _council_patterns(council)
        # A name in any case that starts with a capital ("Wigan", "WIGAN"); abbreviations as printed.
        names = [m for m in pattern.finditer(text) if m.group(0)[0].isupper()]
        short = [m for a in abbreviations for m in a.finditer(text)]
        found += [Named(m.start(), m.end(), council.name) for m in [*names, *short]]
    found.sort(key=lambda n: n.start)
    return [n for i, n in enumerate(found) if not i or n.start >= found[i - 1].end]


def asides(text: str) -> list[tuple[int, int]]:
    """The spans of a sentence's parenthesised asides.

    An aside closed in this sentence but opened in the one before runs from the start;
    one left open runs to the end.
    """
    spans, opened = [], []
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")":
            spans.append((opened.pop() if opened else 0, i + 1))
    return spans + [(i, len(text)) for i in opened]


def aside_of(start: int, end: int, spans: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The innermost aside the text from ``start`` to ``end`` is printed in (None: the sentence's own level).

    An aside holding nothing but that text ("(£0.125m)", "(+9.1%)") is its own brackets.
    """
    around = [g for g in spans if g[0] <= start and end <= g[1] and g[1] - g[0] > end - start + 2]
    return max(around, key=lambda g: g[0], default=None)
