"""The thresholds and tolerances of the inconsistency rules, in one place.

Every number a rule decides by — how near two figures must be, how many rows or items
make a pattern, how many words may stand between a figure and its label — is a field
of :class:`FlagSettings`, with the reason for its value beside it. The rules read the
one :data:`SETTINGS`; a caller wanting other values builds its own with
:func:`dataclasses.replace` and passes its fields where a rule's helpers take them.
Definitions (100% is a whole, a year is 1900-2100) are not settings and stay with
the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class FlagSettings:
    """Thresholds and tolerances of the rules of :mod:`pipeline.flags`."""

    # --- tables: which rows are totals, entries, numbering ---
    total_label_words: int = 6
    """Words (punctuation and "&" not counted) a total row's label may have: "Total
    demand & cost drivers - demand" is a total, a sentence that mentions a total is not."""
    total_row_columns: int = 3
    """Columns in which a total row failing everywhere is no sum but a row of another
    kind (a memorandum line, a different measure): two could be two misprints."""
    numbering_run: int = 3
    """Consecutive whole numbers needed to read a column as numbering (two in a row are chance)."""
    entry_cells: int = 3
    """Cells a row of words alone must print to be an entry rather than a heading's fragments."""
    change_rows: int = 3
    """Rows a reading of a change column needs before one that disagrees can be told from a wrong reading."""
    change_agreeing: Decimal = Decimal(2) / 3
    """Share of a table's rows that must agree with a reading of its change column for it
    to be the table's."""

    # --- names: matching what text says with what tables print ---
    label_letters: int = 3
    """Letters a row or column label needs to be looked for in text: shorter ones ("A",
    "No") are found inside any sentence."""
    noun_words: int = 2
    """Words that may stand between a figure and the label it is of ("-£0.8m internal base adjustment")."""
    counted_noun_words: int = 4
    """Words of the noun phrase a stated count names ("42 operational performance
    indicators"): longer runs are the sentence going on, not the things counted."""
    name_prefix_letters: int = 4
    """Letters a name must have to fit a label it starts ("Pension" for "Pensions"):
    shorter prefixes ("Co") start too many words."""
    name_prefix_share: float = 0.6
    """Share of the longer name a prefix must cover: "Finance" is not "Financial Services"."""
    initials_letters: tuple[int, int] = (2, 5)
    """Lengths of an abbreviation read as initials ("HR", "H&S", "ASCH"): one letter
    is no abbreviation, six are a word."""
    shortened_letters: int = 6
    """Letters a shortened name ("Facilities Mgmt.") must keep to be matched letter by letter."""
    shortened_first_letters: int = 4
    """Letters of the first word a shortened name shares with the full one: the
    abbreviation keeps the start of the name."""
    indicator_words_share: float = 0.5
    """Share of the longer indicator name's content words the shorter must hold: a
    qualifier may be added ("... by Transactional Team"), not a different measure."""
    list_items: int = 3
    """Items a "Name (NN%)" list, and figures a table line, need before the list is read
    as quoting that line: two agreeing figures are chance."""
    list_agreeing: Fraction = Fraction(2, 3)
    """Share of a list's items found in the line that must quote it exactly for the list to be about it."""

    # --- tolerances of figures ---
    approximate_points: Decimal = Decimal(1)
    """Extra tolerance, in percentage points, for a percentage the text calls approximate."""
    shares_near_whole: Decimal = Decimal(3)
    """How close to 100% the shares must come to be read as a split of a whole (percentage points)."""
    targets_apart: Decimal = Decimal("1.5")
    """Targets this many times apart are different targets (annual and year-to-date), not one misprinted."""
    amber_band: Decimal = Decimal("0.05")
    """Shortfall against target (a share of the target) within which amber is the
    right status; beyond it, red."""
    part_year_shortfall: Decimal = Decimal("0.5")
    """Shortfall (a share of the target) beyond which an in-year figure is read as
    progress towards an annual target, not a miss."""
    scale_outlier: Decimal = Decimal(100)
    """How many times the largest other amount of its paragraph an amount must be to
    look like a slipped multiplier: budgets differ by tens, not hundreds."""
    scale_slip: Decimal = Decimal(1000)
    """The factor a slipped multiplier makes ("m" for "k")."""
    scale_neighbourhood: Decimal = Decimal(10)
    """Factor within which the amount, read in thousands, must sit among the others."""

    # --- restated statements ---
    restated_amounts: int = 3
    """Amounts a sentence must state to be told from another by its figures (two agree, one differs)."""
    restated_similar: Decimal = Decimal("0.6")
    """Share of their words two sentences must have in common to state the same fact."""
    restated_version: Decimal = Decimal("0.5")
    """Share of the shorter paper's sentences found word for word in the other that makes
    them two versions."""
    restated_shared: int = 2
    """Amounts two documents must both print before their sentences are compared: a
    restatement's two alike."""

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
    name_words: int = 8192
    """Names whose words are kept once split: the labels and indicators of a batch."""
    documents_read: int = 16
    """Documents whose sentences are kept while the rules run: the one validated and its partners."""
    printed_amounts: int = 4096
    """Documents whose printed amounts are kept: a batch checked again looks at every pair of documents."""


SETTINGS = FlagSettings()
"""The settings the rules run with."""
