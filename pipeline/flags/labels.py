"""Matching the names text uses with the labels tables print.

Tables print names squeezed into narrow columns ("Procur ement", "Facilities Mgmt.",
"H&S"), with units ("Wigan (£'m)") and prefixes ("HOUSING - Average time to relet
homes"). These helpers compare names by their letters, abbreviations
and content words instead of their exact spelling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.flags.settings import SETTINGS

_UNIT_NOTE = re.compile(
    r"\(\s*[£$€]\s*['’]?\s*(?:m|k|000s?|bn|millions?|thousands?)?\s*['’]?\s*\)"
    r"|\(\s*%\s*\)|[£$€]\s*['’]?\s*(?:m|k|000)?(?![a-z0-9])|%",
    re.I,
)
_STOP = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "within",
    "per",
    "i",
    "e",
    "etc",
}
TOTAL_LABEL = re.compile(r"\b(?:grand\s+)?(?:sub[\s-]?)?totals?\b|\bnet\s+(?:total|position)\b", re.I)
_TOTAL_QUALIFIERS = {"grand", "sub", "net", "overall", "running", "cumulative", "the"}


def clean_label(label: str) -> str:
    """A label without unit notes and footnote marks, whitespace collapsed: "Wigan (£'m)" -> "Wigan"."""
    text = _UNIT_NOTE.sub(" ", label).replace("*", " ")
    return re.sub(r"\s+", " ", text).strip(" .:-–")


def squash(text: str) -> str:
    """Letters and digits only, lower case: "Procur ement Servic e" -> "procurementservice"."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


@lru_cache(maxsize=SETTINGS.name_words)
def words(text: str) -> tuple[str, ...]:
    """Lower-case words of a text, "&" kept as a word."""
    return tuple(re.findall(r"[a-z0-9]+|&", text.lower()))


@lru_cache(maxsize=SETTINGS.name_words)
def content_words(text: str) -> frozenset[str]:
    """The words of a name that carry its meaning, plural "s" dropped."""
    return frozenset(
        w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words(text) if w not in _STOP and w != "&"
    )


def initials(text: str) -> str:
    """Initials of a name's content words: "Health and Safety" -> "hs"."""
    return "".join(w[0] for w in words(text) if w not in _STOP and w != "&")


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def name_score(name: str, label: str) -> int:
    """How well a name in text fits a table label.

    3: the same letters; 2: one starts the other ("Pensions", "Pension"), or the same
    words in another order; 1: an
    abbreviation — initials ("H&S" for "Health and Safety") or the letters of a
    shortened word in order ("Facilities Mgmt." for "Facilities Management"); 0: no fit.
    """
    name, label = clean_label(name), clean_label(label)
    a, b = squash(name), squash(label)
    if not a or not b:
        return 0
    if a == b:
        return 3
    short, long = sorted((a, b), key=len)
    if (
        long.startswith(short)
        and len(short) >= SETTINGS.name_prefix_letters
        and len(short) >= SETTINGS.name_prefix_share * len(long)
    ):
        return 2
    # The same words in another order: "Transactional Finance" for "Financ e Transactional".
    parts = [squash(w) for w in words(name) if w not in _STOP]
    if len(parts) >= 2 and all(p in b for p in parts) and sum(map(len, parts)) == len(b):
        return 2
    for abbreviation, full in ((label, name), (name, label)):
        letters = squash(abbreviation)
        if (
            ("&" in abbreviation or abbreviation.isupper())
            and SETTINGS.initials_letters[0] <= len(letters) <= SETTINGS.initials_letters[1]
            and letters == initials(full)
        ):
            return 1
    first_a, first_b = words(name)[0], words(label)[0]
    first = SETTINGS.shortened_first_letters
    if (
        len(short) >= SETTINGS.shortened_letters
        and first_a[:first] == first_b[:first]
        and _subsequence(short, long)
    ):
        return 1
    return 0


def best_label(name: str, labels: Sequence[str]) -> int | None:
    """The index of the one label that fits ``name`` best, or None when none or several fit equally."""
    scores = [name_score(name, label) for label in labels]
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


_RATE = re.compile(
    r"%|\b(?:rates?|ratios?|per(?:\s+[\d,]+|\s+(?:cent|capita|head|thousand|million))|percent(?:age)?"
    r"|proportions?|average|mean|median|index)\b",
    re.I,
)
"""Words that make a measure a rate or a ratio of something counted, not the count itself."""


def is_rate(name: str) -> bool:
    """Whether an indicator's name makes it a rate, share or average ("rate per 10,000 children")."""
    return bool(_RATE.search(name))


def same_indicator(a: str, b: str) -> bool:
    """Whether two indicator names name the same measure: one's content words all in the other's.

    "% of suppliers paid within 30 days of receipt" and "% of suppliers paid within 30
    days of receipt (of documentation by Transactional Team)" do; "Average total cost to
    obtain care orders" and "Average time to obtain care orders" do not, nor does a rate
    and a count of the same things ("Children in care" and "Children in care: rate per
    10,000 children").
    """
    if is_rate(a) != is_rate(b):
        return False
    wa, wb = content_words(a), content_words(b)
    if len(wa) < 2 or len(wb) < 2:
        return squash(a) == squash(b)
    small, large = sorted((wa, wb), key=len)
    return small <= large and len(small) >= SETTINGS.indicator_words_share * len(large)


def is_total_label(label: str) -> bool:
    """Whether a row or column label names a total ("Total", "Sub-total", "Grand total", "Net total").

    "Total" between two words of a name ("Global Total Return Fund") is part of the name.
    """
    label = clean_label(label)
    for m in TOTAL_LABEL.finditer(label):
        before, after = words(label[: m.start()]), words(label[m.end() :])
        named = before and after and before[-1].isalpha() and before[-1] not in _TOTAL_QUALIFIERS
        if not (named and after[0].isalpha()):
            return True
    return False
