"""Contact details in a report's contact block: the person's name, e-mail and phone.

"Jo Green, Business Improvement & Analysis Officer, Tel: 0203 373 3848,
jo.green@example.gov.uk" gives the name, the address and the number as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.numbering import parse_numbering

_EMAIL = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_NUMBER = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(0|0)[\d)]*(?:[ \-][\d)]+)*")
_EXTENSION = r"(?:ext(?:ension|n)?\.?|x)\s*:?\s*\d{2,6}"
_TRAILING_EXTENSION = re.compile(rf"^\s*,?\s*{_EXTENSION}(?!\w)", re.I)
_EXTENSION_ONLY = re.compile(r"(?<!\w)(?:[Xx]\s?\d{4,6}|ext(?:ension|n)?\.?\s*:?\s*\d{3,6})(?!\w)", re.I)
_WRAPPED_DIGITS = re.compile(r"(?<=\d)[ \t]*\n[ \t]*(?=\d)")
_LABELLED_SHORT_NUMBER = re.compile(r"\b(?:tel(?:ephone)?|phone)\s*(?:no\.?)?\s*[:.]?\s*(\d{4,6})\b", re.I)

_NAME_SEPARATORS = re.compile(r"\s*(?:[,;|/()\[\]:]|\s[-–—]\s|\s[-–—]$|^[-–—]\s)\s*")
_PARTICLE_TEXT = "de da di del della van von der den du la le bin al el"
_NAME_PARTICLES = frozenset(_PARTICLE_TEXT.split())
# Words of job titles and organisations: a name ends before them.
_ROLE_TEXT = """
    head director manager officer chief executive assistant deputy interim acting senior lead principal
    strategic corporate service services programme project team leader analyst accountant solicitor lawyer
    adviser advisor consultant coordinator co-ordinator commissioner specialist partner business finance
    financial group general policy performance democratic committee governance clerk secretary treasurer
    controller auditor engineer planner surveyor administrator support development improvement analysis
    information technology digital customer people communications transformation strategy operations
    resources housing planning audit risk revenue revenues benefits legal monitoring council borough london
    city county district department directorate division unit office section ltd limited cabinet member
    portfolio ceo cfo coo hr ict it tel telephone email e-mail phone ext mobile
"""
_ROLE_WORDS = frozenset(_ROLE_TEXT.split())


def find_email(text: str) -> str | None:
    """The first e-mail address in ``text``."""
    m = _EMAIL.search(text)
    return m.group(0) if m else None


def find_phone(text: str) -> str | None:
    """The first telephone number in ``text``, as printed.

    A UK number ("0203 555 0148", "01632960471", "+44 (0)20 7946 0000", "(020) 8356
    1234"), with an extension that follows it; else an extension on its own
    ("X37551", "Ext. 2345"); else a short internal number after "Tel:". A number broken
    over two lines ("Tel: 0113" / "496 9009") is read whole.
    """
    text = _WRAPPED_DIGITS.sub(" ", text)
    for m in _PHONE_NUMBER.finditer(text):
        number = _trim_number(m.group(0))
        if number is None:
            continue
        end = m.start() + len(number)
        ext = _TRAILING_EXTENSION.match(text[end:])
        return number + ext.group(0).rstrip() if ext else number
    m = _EXTENSION_ONLY.search(text)
    if m:
        return m.group(0)
    m = _LABELLED_SHORT_NUMBER.search(text)
    return m.group(1) if m else None


def _trim_number(candidate: str) -> str | None:
    """The leading groups of ``candidate`` that make a 10- or 11-digit UK number."""
    candidate = candidate.rstrip(" -")
    if candidate.endswith(")") and candidate.count(")") > candidate.count("("):
        # "(jane@x.gov.uk; 01632 960 111)": the bracket closes the contact details.
        candidate = candidate[:-1]
    elif candidate.startswith("(") and candidate.endswith(")") and candidate.count(")") == 1:
        # "Jane Smith (01632 960 111)": brackets round the whole number set it apart from the name.
        candidate = candidate[1:-1]
    groups = re.split(r"(?<=[\d)])(?=[ \-])", candidate)
    while groups:
        text = "".join(groups)
        national = re.sub(r"^\+44\s?(?:\(0\)\s?)?", "0", text)
        digits = sum(ch.isdigit() for ch in national)
        if digits in (10, 11) and national.lstrip("(").startswith("0"):
            return text
        if digits < 10:
            return None
        groups.pop()
    return None


def contact_entry(lines: Sequence[str]) -> tuple[str | None, str | None, str | None]:
    """The first person named in a contact block, with the e-mail address and phone number of their entry.

    A block may list several people, each with lines of their own ("Jo Green, Analyst" /
    "01632 960 111" / "jo.green@example.gov.uk" / "Sam Patel, Manager" / ...): the first
    entry ends where a line names someone else after its number or address, so it never
    takes the next person's. List bullets are not part of the text.
    """
    texts = [_unbulleted(line) for line in lines]
    name = None
    for end, text in enumerate(texts):
        found = person_name(text)
        if found and name is None:
            name = found
        elif found and found != name and _details("\n".join(texts[:end])):
            texts = texts[:end]
            break
    entry = "\n".join(texts)
    return name, find_email(entry), find_phone(entry)


def _details(text: str) -> bool:
    return find_email(text) is not None or find_phone(text) is not None


def _unbulleted(line: str) -> str:
    n = parse_numbering(line)
    return n.rest if n is not None and n.style == "bullet" else line


def person_name(text: str) -> str | None:
    """The person's name in a contact block, without job title or contact details.

    "Jo Green, Business Improvement & Analysis Officer" gives "Jo Green",
    "Sam Patel (Head of Business Development)" gives "Sam Patel". The block is
    read line by line and split at commas, brackets and dashes; the first part that
    starts with two to five capitalised words, none a job-title word, is the name.
    """
    for line in text.splitlines():
        line = _EMAIL.sub(" ", line)
        phone = find_phone(line)
        if phone:
            line = line.replace(phone, " ")
        for part in _NAME_SEPARATORS.split(line):
            name = _leading_name(part)
            if name:
                return name
    return None


def _leading_name(part: str) -> str | None:
    words: list[str] = []
    for token in part.split():
        bare = token.strip(".,'’")
        if bare.lower() in _ROLE_WORDS:
            break
        if bare.lower() in _NAME_PARTICLES and words:
            words.append(token)
            continue
        if not (bare[:1].isupper() and all(ch.isalpha() or ch in "'’-." for ch in bare)):
            break
        words.append(token)
    while words and words[-1].lower() in _NAME_PARTICLES:
        words.pop()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return " ".join(words).rstrip(",") if 2 <= capitalised <= 5 else None
