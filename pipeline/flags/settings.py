"""The thresholds and tolerances of the inconsistency rules, in one place.

Every number a rule decides by — how near two figures must be, how many rows or items
make a pattern, how many words may stand between a figure and its label — is a field
of :class:`FlagSettings`, with the reason for its value beside it. The rules read the
one :data:`SETTINGS`; a test or a caller wanting other values builds its own with
:func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FlagSettings:
    """Thresholds and tolerances of the rules of :mod:`pipeline.flags`."""

    # --- tables ---
    total_label_words: int = 6
    """Words (punctuation and "&" not counted) a total row's label may have: "Total
    demand & cost drivers - demand" is a total, a sentence that mentions a total is not."""

    # --- indexes and caches (how rules find candidates; they change no flag) ---
    label_index_letters: int = 3
    """Letters of a label's first word that key it in a label index: enough to spread
    labels over many keys, few enough that a one- or two-letter word ("A", "UK") is a key."""
    label_patterns: int = 8192
    """Compiled label patterns kept: the labels of the tables of a large document."""
    label_readings: int = 4096
    """Sentences read against one set of table labels that are kept: the tables of one
    document often share their labels, and a sentence read against each is read once."""
    council_patterns: int = 1024
    """Councils whose compiled name patterns are kept: every council a batch of papers names."""


SETTINGS = FlagSettings()
"""The settings the rules run with."""
