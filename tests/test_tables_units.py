"""Pure parts of the table engine: rulings, figures, cell text and the cross-page join."""

from __future__ import annotations

import ast
import dataclasses
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.layout import Line, Word
from extractors.table_kinds import action_columns
from extractors.tables.header import header_rows
from extractors.tables.joining import continues, join
from extractors.tables.model import Cell, Fragment, drop_empty_lines
from extractors.tables.ruled import cluster
from extractors.tables.rulings import Segment, coverage, merge_segments
from extractors.tables.settings import SETTINGS
from extractors.tables.stream import is_numeric
from extractors.tables.text import cell_text, collapse, rotated_blocks, rotated_lines, split_chunks
from tests.conftest import REPO

# ---------------------------------------------------------------- rulings

positions = st.floats(min_value=0, max_value=800, allow_nan=False)


@st.composite
def segments(draw):
    pos = draw(st.floats(min_value=0, max_value=800, allow_nan=False))
    start = draw(positions)
    length = draw(st.floats(min_value=5, max_value=200, allow_nan=False))
    return Segment(draw(st.booleans()), pos, start, start + length)


@given(st.lists(segments(), max_size=30))
def test_merged_rulings_still_cover_every_stroke(segs):
    merged = merge_segments(segs)
    for s in segs:
        same = [
            m for m in merged if m.horizontal == s.horizontal and abs(m.pos - s.pos) <= 2.5 * len(segs) + 1
        ]
        assert coverage(same, s.start, s.end) > 0.999


@given(st.lists(segments(), max_size=30))
def test_merged_collinear_rulings_do_not_touch(segs):
    merged = merge_segments(segs)
    for a in merged:
        for b in merged:
            if a is not b and a.horizontal == b.horizontal and a.pos == b.pos:
                assert b.start - a.end > SETTINGS.join_gap or a.start - b.end > SETTINGS.join_gap


@given(st.lists(st.floats(min_value=-1e4, max_value=1e4, allow_nan=False), max_size=40))
def test_clustered_positions_are_sorted_and_apart(values):
    out = cluster(values, tol=2.0)
    assert out == sorted(out)
    assert all(b - a > 2.0 for a, b in pairwise(out))
    assert len(out) <= len(values)


def test_coverage_of_a_gap_and_of_overlaps():
    segs = [Segment(True, 10, 0, 40), Segment(True, 10, 30, 60), Segment(True, 10, 80, 100)]
    assert coverage(segs, 0, 100) == 0.8
    assert coverage(segs, 60, 80) == 0.0


# ---------------------------------------------------------------- figures and text


@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.sampled_from(["{:,.2f}", "{:.1f}%", "£{:,.0f}"]),
)
def test_formatted_figures_are_numeric(value, fmt):
    text = fmt.format(value)
    assert is_numeric(text)
    assert is_numeric(f"({text})")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=4).filter(lambda t: len(t.strip()) >= 4))
def test_words_are_not_numeric(text):
    assert not is_numeric(text)


@given(st.text())
def test_collapse_is_idempotent_and_single_spaced(text):
    once = collapse(text)
    assert collapse(once) == once
    assert "  " not in once and once == once.strip()


def _line(*words: tuple[str, float, float], top: float = 0.0, size: float = 10.0) -> Line:
    return Line(1, tuple(Word(t, x0, top, x1, top + size, size, False) for t, x0, x1 in words))


def test_chunks_split_at_wide_gaps_only():
    line = _line(("Carbon", 0, 30), ("dioxide", 33, 65), ("100", 120, 135), ("000", 138, 153))
    assert [c.text for c in split_chunks(line)] == ["Carbon dioxide", "100 000"]


def test_word_broken_at_the_cell_edge_is_rejoined():
    lines = [_line(("Asset", 0, 24)), _line(("Manageme", 0, 43), top=12), _line(("nt", 0, 9), top=24)]
    assert cell_text(lines, width=45) == "Asset Management"
    # A short line ending well before the edge was wrapped at a space.
    short = _line(("Asset", 0, 24))
    assert cell_text([short, _line(("management", 0, 52), top=12)], width=70) == "Asset management"


def test_word_wrapped_after_others_on_its_line_is_not_rejoined():
    # A word too long for the rest of a line moves down whole: a line of several words
    # ends at a space, however close to the edge its last word comes.
    full = _line(("report", 0, 25), ("performance", 28, 72))
    assert cell_text([full, _line(("against", 0, 30), top=12)], width=72) == "report performance against"


def _turned(text: str, top: float, advance: float = 5.4) -> list[dict]:
    """Glyphs of ``text`` turned to read bottom to top, in a fixed-pitch font at 9 pt."""
    bottom = top + advance * len(text)
    return [
        {
            "text": ch,
            "upright": False,
            "matrix": (0, 1, -1, 0, 0, 0),
            "x0": 100.0,
            "x1": 107.0,
            "top": bottom - (k + 1) * advance,
            "bottom": bottom - k * advance,
            "size": 9.0,
        }
        for k, ch in enumerate(text)
        if ch != " "
    ]


def test_turned_labels_down_one_column_split_beyond_a_word_space():
    # One label's words stand a glyph's advance apart; two labels, a little more.
    label = _turned("Key areas", 100)
    assert len(rotated_blocks(label)) == 1
    two = rotated_blocks([*_turned("Governance", 100), *_turned("Resources", 100 + 54 + 8)])
    assert sorted(rotated_lines(b)[0] for b in two) == ["Governance", "Resources"]


def test_heading_words_run_together_still_name_their_action_field():
    labels = ["Actionref", "Responsibleofficer", "Key actions", "Targetdate", "Status", "Progress to date"]
    assert action_columns(labels) == {
        "ref": 0,
        "partner": 1,
        "delivery": 2,
        "target_date": 3,
        "status": 4,
        "progress": 5,
    }


# ---------------------------------------------------------------- fragments and joining


def _fragment(
    page: int, grid: list[list[str]], spans: dict | None = None, header: int = 1, top: float = 0
) -> Fragment:
    spans = spans or {}
    covered = {
        (r + i, c + k) for (r, c), (rs, cs) in spans.items() for i in range(rs) for k in range(cs) if i or k
    }
    cells = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            box = (c * 100.0, top + r * 20.0, (c + cs) * 100.0, top + (r + rs) * 20.0)
            cells.append(Cell(r, c, text, box, rs, cs))
    edges = [c * 100.0 for c in range(len(grid[0]) + 1)]
    frag = Fragment(page, (0, top, edges[-1], top + 20.0 * len(grid)), cells, True, header, edges)
    return frag


def test_repeated_header_is_dropped_and_rows_carry_their_page():
    a = _fragment(1, [["Ref", "Action"], ["A1", "Plan"], ["A2", "Review"]])
    b = _fragment(2, [["Ref", "Action"], ["A3", "Close"]])
    assert continues(a, a, b, breaks=())
    joined = join([a, b])
    assert joined.grid() == [["Ref", "Action"], ["A1", "Plan"], ["A2", "Review"], ["A3", "Close"]]
    assert joined.row_pages == [1, 1, 1, 2]


def test_no_continuation_onto_a_break_or_a_page_further_on():
    a = _fragment(1, [["Ref", "Action"], ["A1", "Plan"]])
    b = _fragment(2, [["Ref", "Action"], ["A3", "Close"]])
    assert not continues(a, a, b, breaks={2})
    c = _fragment(3, [["Ref", "Action"], ["A3", "Close"]])
    assert not continues(a, a, c, breaks=())


def test_other_columns_and_own_header_start_a_new_table():
    a = _fragment(1, [["Ref", "Action"], ["A1", "Plan"]])
    other = _fragment(2, [["Name", "Role", "Team"], ["Ann", "Chair", "A"]])
    assert not continues(a, a, other, breaks=())
    headed = _fragment(2, [["Month", "Value"], ["Apr", "3"]])
    assert not continues(a, a, headed, breaks=())
    plain = _fragment(2, [["A2", "Review"], ["A3", "Close"]], header=0)
    assert continues(a, a, plain, breaks=())


def test_merged_cell_cut_by_the_page_break_grows_across_it():
    a = _fragment(1, [["Dir", "Service"], ["Finance", "Payroll"], ["", "Audit"]], spans={(1, 0): (2, 1)})
    b = _fragment(2, [["Dir", "Service"], ["", "Pensions"], ["Legal", "Claims"]])
    joined = join([a, b])
    cell = next(c for c in joined.cells if c.text == "Finance")
    assert (cell.row, cell.rowspan) == (1, 3)
    assert joined.grid()[3] == ["", "Pensions"]


def test_row_cut_by_the_page_break_is_folded_into_the_row_above():
    a = _fragment(1, [["Ref", "Progress"], ["P1", "Done"], ["P2", "Work started in"]])
    b = _fragment(2, [["", "April."], ["P3", "Planned"]], header=0)
    joined = join([a, b])
    assert joined.grid() == [
        ["Ref", "Progress"],
        ["P1", "Done"],
        ["P2", "Work started in April."],
        ["P3", "Planned"],
    ]
    assert joined.row_pages == [1, 1, 1, 2]


def test_row_opening_with_its_own_label_after_the_break_is_a_row_of_its_own():
    header = ["", "2023/24", "Q1", "Q2"]
    a = _fragment(1, [header, ["Outturn", "16", "19", "43"], ["Target", "31", "29", "49"]])
    b = _fragment(2, [header, ["RAG", "", "G", ""], ["DoT", "", "→", "↑"]])
    joined = join([a, b])
    assert [row[0] for row in joined.grid()] == ["", "Outturn", "Target", "RAG", "DoT"]
    assert joined.grid()[3] == ["RAG", "", "G", ""]


def test_empty_rows_and_columns_are_dropped_and_spans_shrink():
    frag = _fragment(1, [["A", "", "B"], ["", "", ""], ["C", "", "D"]], spans={(0, 0): (2, 1)})
    out = drop_empty_lines(frag)
    assert out.grid() == [["A", "B"], ["C", "D"]]
    assert next(c for c in out.cells if c.text == "A").rowspan == 1


def test_header_rows_told_by_shading_not_bold_body_labels():
    frag = _fragment(1, [["Status", "Meaning"], ["R", "Behind"], ["G", "On track"]], header=0)
    frag.cells = [Cell(c.row, c.col, c.text, c.bbox, bold=c.col == 0) for c in frag.cells]
    assert header_rows(frag) == 0
    frag.cells = [Cell(c.row, c.col, c.text, c.bbox, shaded=c.row == 0, bold=True) for c in frag.cells]
    assert header_rows(frag) == 1


# ---------------------------------------------------------------- settings


def test_every_number_the_table_engine_judges_by_is_a_field_of_its_settings():
    modules = [p for p in (REPO / "extractors" / "tables").glob("*.py") if p.name != "settings.py"]
    constants = []
    for path in modules:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, int | float):
                constants.append(f"{path.name}:{node.lineno}")
    assert constants == []


def test_the_table_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SETTINGS.min_rows = 2  # type: ignore[misc]
