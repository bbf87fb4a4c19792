"""Councils a document names, with the abbreviations it uses for them.

Names come from the document itself: long forms ("London Borough of Havering",
"Royal Borough of Greenwich", "Bristol City Council", "Bexley LBC"), the headings members
are listed under, and short forms such as "Havering and Bexley Councils" or "Newham
Council". Abbreviations are the initials of the long form ("LBH", "RBG", "BCC"); a
short form such as "LBB" whose long form is not printed is matched to the one council
whose name's initials it ends with after a council-type prefix ("LB", "RB"), or starts
with before a council-type suffix ("CC", "BC"). A short form the document defines in
brackets after a long form ("Royal Borough of Kingston upon Thames (RBK)") is that
council's, whatever its letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from extractors.dates import MONTHS
from extractors.settings import SETTINGS

_JOINERS = {"and", "upon", "on", "under", "in", "le", "the", "of"}
_NAME_WORD = r"[A-Z][A-Za-z'’-]+"
_NAME = rf"{_NAME_WORD}(?:\s+(?:and|upon|on|under|in|le)\s+{_NAME_WORD}|\s+{_NAME_WORD})*"
# Before a council type, "and" ends the name: "Greenwich and Bristol City Council" names Bristol.
_LAZY_NAME = rf"{_NAME_WORD}(?:\s+(?:upon|on|under|in|le)\s+{_NAME_WORD}|\s+{_NAME_WORD})*?"
_COUNCIL_TYPE = r"London\s+Borough|Royal\s+Borough|Metropolitan\s+Borough|Borough|City|County|District"
# "London Borough of Havering", "Royal Borough of Kingston upon Thames": type initials + name initials.
_TYPE_OF_NAME = re.compile(rf"(?<![\w'’-])(?P<kind>{_COUNCIL_TYPE})\s+of\s+(?P<name>{_NAME})")
# "Bristol City Council", "Wigan Metropolitan Borough Council": name initials + type initials + "C".
# Singular only: "three London Borough Councils" names no council.
_NAME_TYPE_COUNCIL = re.compile(
    rf"(?<![\w'’-])(?P<name>{_LAZY_NAME})\s+(?P<kind>{_COUNCIL_TYPE})\s+Council\b(?!s)"
)
# "Bexley LBC", "Havering and Newham LBCs": "LB" + name initials.
_NAME_LBC = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME})\s+LBC'?s?\b")
# "Havering and Bexley Councils", "Havering, Newham and Bexley councils", "Newham Council".
_SHORT_FORM = re.compile(
    rf"(?<![\w'’-])(?P<names>(?:{_NAME_WORD},?\s+)*(?:{_NAME_WORD}\s+and\s+)?{_NAME_WORD})\s+(?:Councils?|councils)\b"
    # "Council Tax", "Council Offices": the council's name is not the word before.
    r"(?![ \t]+[A-Z])"
)
_ABBREVIATION = re.compile(r"\b[A-Z]{2,6}\b")
# "Royal Borough of Kingston upon Thames (RBK)": the short form a document defines after a name,
# whatever letters it takes.
_DEFINED = re.compile(r"\s*\(\s*[\"“']?(?P<abbr>[A-Z][A-Za-z&]{0,6}[A-Z])[\"”']?\s*\)")
_TYPE_PREFIXES = ("LB", "RB", "MB")
_TYPE_SUFFIXES = ("CC", "BC", "DC", "MBC", "LBC", "C")


def _initials(words: str) -> str:
    return "".join(w[0].upper() for w in words.split() if w.lower() not in _JOINERS)


@dataclass(frozen=True)
class Council:
    """A council: its short name as the export gives it ("Havering") and its abbreviations."""

    name: str
    abbreviations: tuple[str, ...] = field(default_factory=tuple)

    @property
    def initials(self) -> str:
        """Initials of the name, joining words left out: "Kensington and Chelsea" -> "KC"."""
        return _initials(self.name)


def _tidy_name(name: str) -> str:
    """A name in the case the export uses: "HAVERING" -> "Havering", "UPON THAMES" -> "upon Thames"."""
    name = re.sub(r"\s+", " ", name).strip(" .,'’")
    if name.isupper():
        name = " ".join(w.lower() if w.lower() in _JOINERS else w.capitalize() for w in name.split())
    return name


def _upper_tolerant(lines: Sequence[str]) -> list[str]:
    """Lines with all-capital lines turned to title case, so long-form patterns read them too."""
    out = []
    for line in lines:
        letters = [c for c in line if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(letters) > 3:
            out.append(" ".join(w.lower() if w.lower() in _JOINERS else w.capitalize() for w in line.split()))
        else:
            out.append(line)
    return out


def _lower_case_words(lines: Sequence[str]) -> set[str]:
    """Words the document prints in lower case somewhere (addresses and e-mails left out)."""
    words: set[str] = set()
    for line in lines:
        for m in re.finditer(r"(?<![\w@./])([a-z][a-z'’-]+)(?![\w@]|\.[a-z])", line):
            words.add(m.group(1))
    return words


def find_councils(lines: Iterable[str], member_councils: Iterable[str] = ()) -> list[Council]:
    """Councils a document names, in order of first mention, with their abbreviations.

    Args:
        lines: the document's text lines.
        member_councils: headings committee members are listed under ("Havering",
            "London Borough of Havering"), when the members list was read.

    Returns:
        One :class:`Council` per name. A short form ("Newham Council", "Havering and
        Bexley Councils") counts only for a word the document never prints in lower case,
        so "Partner Councils" names no council.
    """
    lines = list(lines)
    if not lines:
        return []
    lower = _lower_case_words(lines)
    tidy = _upper_tolerant(lines)
    # A name and its "Council" may sit on two printed lines: short forms read each line with the next.
    pairs = [f"{line}\n{nxt}" for line, nxt in zip(tidy, [*tidy[1:], ""], strict=True)]
    names: dict[str, set[str]] = {}

    def proper(words: str, *, leading: bool) -> str:
        """The run of words the document never prints in lower case, from the front or the back."""
        parts = words.split()
        run: list[str] = []
        for word in parts if leading else reversed(parts):
            generic = word.lower() in lower and word.lower() not in _JOINERS
            if generic or (word.isupper() and len(word) <= 6) or word.lower().startswith("council"):
                break
            run.append(word)
        run = run if leading else run[::-1]
        while run and run[0].lower() in _JOINERS:
            run = run[1:]
        while run and run[-1].lower() in _JOINERS:
            run = run[:-1]
        return " ".join(run)

    def add(name: str, abbreviation: str | None = None) -> None:
        name = _tidy_name(name)
        if not name:
            return
        key = next((k for k in names if k.lower() == name.lower()), name)
        names.setdefault(key, set())
        if abbreviation:
            names[key].add(abbreviation)

    for line in [*_upper_tolerant(list(member_councils)), *tidy]:
        others = [m.start("name") for m in _NAME_TYPE_COUNCIL.finditer(line)]
        for m in _TYPE_OF_NAME.finditer(line):
            # "Royal Borough of Greenwich and Bristol City Council": the name stops before the next council.
            end = min((s for s in others if m.start("name") < s < m.end("name")), default=m.end("name"))
            name = proper(re.sub(r"\s+and\s*$", "", line[m.start("name") : end]), leading=True)
            if name:
                add(name, _initials(m.group("kind")) + _initials(name))
                if end == m.end("name") and (d := _DEFINED.match(line, end)):
                    add(name, d.group("abbr"))
        for m in _NAME_TYPE_COUNCIL.finditer(line):
            name = proper(m.group("name"), leading=False)
            if name:
                add(name, _initials(name) + _initials(m.group("kind")) + "C")
                if d := _DEFINED.match(line, m.end()):
                    add(name, d.group("abbr"))
        for m in _NAME_LBC.finditer(line):
            for part in re.split(r",\s*|\s+and\s+", m.group("name")):
                name = proper(part, leading=False)
                if name:
                    add(name, "LB" + _initials(name))
    for line in pairs:
        for m in _SHORT_FORM.finditer(line):
            for part in re.split(r",\s*|\s+and\s+", m.group("names")):
                name = proper(part, leading=False)
                if name and name.lower() not in MONTHS and not _NAME_TYPE_COUNCIL.search(name + " Council"):
                    add(name)
    for heading in member_councils:
        if not _TYPE_OF_NAME.search(heading) and not _NAME_TYPE_COUNCIL.search(heading):
            add(heading)

    councils = [Council(name, tuple(sorted(abbrs))) for name, abbrs in names.items()]
    # Abbreviations printed without their long form ("LBB" in a column heading).
    extra: dict[str, set[str]] = {c.name: set() for c in councils}
    for line in lines:
        for token in _ABBREVIATION.findall(line):
            council = _match_by_initials(token, councils)
            if council is not None and not any(token in c.abbreviations for c in councils):
                extra[council.name].add(token)
    return [Council(c.name, tuple(sorted({*c.abbreviations, *extra[c.name]}))) for c in councils]


def _match_by_initials(token: str, councils: Sequence[Council]) -> Council | None:
    """The one council an abbreviation fits by initials and a council-type prefix or suffix."""
    fits = []
    for council in councils:
        initials = council.initials
        if not initials or token == initials:
            continue
        if any(token == p + initials for p in _TYPE_PREFIXES) or any(
            token == initials + s for s in _TYPE_SUFFIXES
        ):
            fits.append(council)
    return fits[0] if len(fits) == 1 else None


def resolve_council(token: str, councils: Sequence[Council]) -> Council | None:
    """The council an abbreviation or name stands for ("LBH", "Havering", "Haivering"), if exactly one."""
    token = token.strip(" ().,;:")
    if not token:
        return None
    exact = [c for c in councils if token in c.abbreviations or token.lower() in _names_of(c)]
    if len(exact) == 1:
        return exact[0]
    if token.isupper() and len(token) <= 6:
        return _match_by_initials(token, councils)
    return _fuzzy_name(token, councils)


def _names_of(council: Council) -> set[str]:
    """A council's name in lower case, and the place alone when the name says where it stands
    ("kingston" of "Kingston upon Thames"): tables head columns with the short form."""
    name = council.name.lower()
    m = re.match(r"^([a-z'’-]+)\s+(?:upon|on|under|le)\s", name)
    return {name, m.group(1)} if m else {name}


def _fuzzy_name(word: str, councils: Sequence[Council]) -> Council | None:
    """A council whose name a word spells with a slip ("Haivering" for "Havering")."""
    if len(word) < 5 or not word[0].isupper():
        return None
    scored = [
        (SequenceMatcher(None, word.lower(), c.name.lower()).ratio(), c)
        for c in councils
        if " " not in c.name
    ]
    good = [c for ratio, c in scored if ratio >= SETTINGS.council_name_match]
    return good[0] if len(good) == 1 else None


def councils_in(text: str, councils: Sequence[Council]) -> list[Council]:
    """Councils a heading or label names, by name (spelling slips allowed) or abbreviation."""
    found: list[Council] = []
    for council in councils:
        if re.search(rf"(?<![\w]){re.escape(council.name)}(?![\w])", text, re.I):
            found.append(council)
    for token in re.findall(r"[A-Za-z][A-Za-z'’-]+", text):
        council = resolve_council(token, councils) if (token.isupper() or token[0].isupper()) else None
        if council is not None and council not in found:
            found.append(council)
    return found


def council_in_brackets(text: str, councils: Sequence[Council]) -> Council | None:
    """The council a bracketed note names ("(LBH)", "(LBH only)", "(Havering only)"), if exactly one."""
    named = []
    for m in re.finditer(r"\(([^()]*)\)", text):
        inner = re.sub(r"\bonly\b", " ", m.group(1), flags=re.I).strip()
        if not inner or re.search(r"[/&,]|\band\b", inner):
            continue
        council = resolve_council(inner, councils)
        if council is not None and council not in named:
            named.append(council)
    return named[0] if len(named) == 1 else None


def council_prefix(text: str, councils: Sequence[Council]) -> tuple[Council | None, str]:
    """A council abbreviation a label starts with ("LBH Council Tax collection rate"), and the rest."""
    m = re.match(r"\s*([A-Z]{2,6})\b\s*(.*)$", text, re.S)
    if m:
        council = resolve_council(m.group(1), councils)
        if council is not None:
            return council, m.group(2).strip()
    return None, text.strip()
