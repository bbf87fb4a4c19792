"""Every threshold and tolerance of the table engine, in one place.

Like pdfplumber's ``TableSettings``, one frozen object holds the numbers that decide
what a table is and where its cells lie; each module of the engine reads them from
:data:`SETTINGS`. Distances are in PDF points unless a field says they are in font
sizes or line heights (so they scale with the type), shares are fractions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSettings:
    """The table engine's thresholds and tolerances, each with the reason for its value."""

    # ------------------------------------------------------------------ page geometry
    # Coordinates this close (points) are one place: PDF producers round positions, and
    # a glyph or stroke on a boundary may land either side of it by that much.
    hairline: float = 0.5
    # Text or a rule this close (points) to an edge still stands at it: a line's box and
    # the rule under it, or a table's edge and the text beside it, are a point apart.
    edge_slack: float = 1.0
    # Text starting or ending this close (points) to another's start or end lines up with it.
    align: float = 1.0
    # Of the cells, rows or lines counted, more than this share is "most".
    majority: float = 0.5

    # ------------------------------------------------------------------ rulings
    # A rectangle thinner than this (points) is drawn as a line.
    thin: float = 2.5
    # Parallel strokes closer than this (points) are one ruling (double rules included).
    merge_gap: float = 2.0
    # Collinear strokes with a gap up to this (points) are one ruling.
    join_gap: float = 3.0
    # A ruling ending this close (points) to another still meets it.
    touch: float = 3.0
    # Shorter strokes (points) are glyph parts, underlines of single letters or tick marks.
    min_length: float = 4.0
    # A filled rectangle this close to white is invisible on the page.
    white: float = 0.97
    # A filled box covering more than this share of the page is its background or frame.
    page_background: float = 0.6
    # A coloured fill covering this share of the page or more is no cell's background.
    max_fill_share: float = 0.5
    # A coloured fill narrower or lower than this (points) is a mark, not a cell's background.
    min_fill_side: float = 3.0
    # Fill colours equal to this many decimals are one colour (producers round differently).
    colour_digits: int = 2
    # Where along a filled box's edge (shares of its length) the far side is looked at ...
    edge_probes: tuple[float, ...] = (0.25, 0.5, 0.75)
    # ... and how far (points) beyond the edge: just past a hairline.
    probe_offset: float = 0.6

    # ------------------------------------------------------------------ ruled grids
    # A boundary counts as drawn when rulings cover this share of it: over half, so a rule
    # that stops short or is broken still divides two cells, one that only grazes it does not.
    drawn: float = 0.6
    # Cell text sits this far (points) inside the rulings, so a word broken over two lines
    # is judged against the cell's inner width.
    padding: float = 2.0
    # Text inside a column keeps this far (points) from its rules; text closer runs across.
    clear_of_rule: float = 0.5
    # Text starting this close (points) to a column's rule is set against it, not centred:
    # the padding on both sides and a point more.
    set_against: float = 5.0
    # A cell whose lines break at gaps this wide (font sizes) holds columns of its own ...
    inner_gap: float = 1.5
    # ... when this many of its lines break so.
    gapped_lines: int = 2
    # A grid with this share of such cells lacks rulings its columns need.
    gapped_share: float = 0.1
    # A region crossed by this many slanted strokes is a chart.
    chart_strokes: int = 12
    # Share of the grid positions that must hold text: less is a chart's gridlines.
    min_fill: float = 0.15
    # A grid needs this many cells with text to hold data rather than frame a layout.
    min_filled_cells: int = 3
    # A grid holds data in at least this many rows (a header and a row); one row of boxes
    # is a layout.
    min_grid_rows: int = 2
    # A grid whose every cell holds this many words or more frames running text.
    prose_cell_words: int = 20
    # A ruling set covering this share of a given region is that region's grid.
    region_cover: float = 0.8

    # ------------------------------------------------------------------ regions given
    # Text of a given region is read this far (points) outside its box.
    region_text_margin: float = 2.0
    # Rulings of a given region are looked for this far (points) outside its box: a
    # table's frame often lies just outside the box around its text.
    region_ruling_margin: float = 12.0

    # ------------------------------------------------------------------ glyphs and lines
    # Two glyphs further apart than this fraction of the font size are two words.
    word_gap: float = 0.18
    # Two words further apart than this fraction of the font size are two chunks: wider
    # than a (justified) space, narrower than any column gap worth the name.
    chunk_gap: float = 0.75
    # Glyphs whose vertical extents overlap by this fraction of the smaller one share a line.
    line_overlap: float = 0.5
    # A glyph joins one of this many latest lines: a line's superscript or a glyph printed
    # out of order belongs to a line just above, never to one far up the page.
    band_lookback: int = 4
    # Glyphs reported with no height or width (some producers write them so) count as this
    # tall or wide (points), so that they still overlap the line they stand in.
    min_glyph_extent: float = 0.1
    # Rotated glyphs further apart along the baseline than this many advances are two labels.
    word_space: float = 1.25
    # A word broken over two lines fills more than this share of its cell's width ...
    broken_fill: float = 0.98
    # ... and would overflow it with this many font sizes of its second part (a space and
    # a letter or so).
    broken_overflow: float = 1.2

    # ------------------------------------------------------------------ columns from alignment
    # A line shows columns when a gap this wide (font sizes) splits it.
    column_gap: float = 1.0
    # Lines whose chunks cross a column gap, as a share of the lines that show columns,
    # that the gap tolerates (spanning headers, an overflowing label).
    gap_crossing: float = 0.12
    # A column gap is at least this wide, in font sizes.
    min_gap: float = 0.4
    # A vertical ruling separates columns when it runs this share of the table's height.
    vertical_share: float = 0.4
    # A horizontal ruling separates rows when it runs this share of the table's width.
    horizontal_share: float = 0.5
    # This many figures of other lines ending where a figure ends make that a column's
    # right edge, so two figures a space apart there are two cells.
    aligned_figures: int = 2
    # A heading centred over a group of columns stands this share of the group's width
    # from its centre.
    centred: float = 0.1
    # Rows above the first row of figures that may be headings.
    max_heading_rows: int = 4

    # ------------------------------------------------------------------ rows from lines
    # Lines further apart than this many line heights are never one row: a cell's lines
    # are set at most about one and a half line heights apart, baseline to baseline.
    row_gap: float = 0.75
    # A gap between lines this many times the usual gap between a cell's lines ends a row.
    row_spacing: float = 1.5
    # Rows set apart by space: the gaps between them exceed those between a cell's lines by
    # this many line heights.
    row_space: float = 0.3
    # The usual gap between a cell's lines is the lowest of this many quantiles of the
    # gaps (the lower quartile); a table with fewer gaps shows none.
    leading_quantiles: int = 4
    # A line reaching up into the row above by this many line heights is level with it.
    overlap: float = 0.2
    # Lines whose font sizes differ by more than this (points) are different cells.
    size_change: float = 0.5
    # An ordinary space, in font sizes: what a line wrapped at its column's edge lacked
    # room for, with the next word.
    space: float = 0.3
    # A cell line wrapped at the column's edge fills at least this share of the column.
    full_line: float = 0.75
    # Rulings mark out rows only over this many bands of lines (fewer can be a frame).
    ruled_bands: int = 3
    # A rule under one of the first rows of a table without a grid marks its header.
    max_ruled_header: int = 3
    # Line height assumed for a table with no lines to measure.
    default_line_height: float = 10.0

    # ------------------------------------------------------------------ tables of aligned text
    # Lines further apart than this many line heights belong to different blocks.
    block_gap: float = 1.6
    # A table has at least this many rows with two or more cells ...
    min_rows: int = 3
    # ... or this many, a header row its type or a rule sets apart among them: under such
    # a header one row is a table (its block had lines enough, its cells wrapping over them).
    min_rows_under_header: int = 2
    # A table has at least this many columns: one is a list.
    min_cols: int = 2
    # A section line within a block stands at most this many line heights from the lines
    # around it ...
    section_gap: float = 3.0
    # ... and starts within this many font sizes of where the block's lines start.
    section_indent: float = 1.0
    # Lines without columns (wrapped labels, section lines) a block may hold in a row.
    max_inner_lines: int = 2
    # Column-header lines looked for above a block.
    max_header_lines: int = 3
    # Cells of this many words or more are running text.
    prose_words: int = 7
    # Header lines are set no larger than this many times the table's text.
    header_size: float = 1.25
    # Lines of a table (its header, rows stranded by a page break) lie within its width,
    # give or take this many font sizes.
    width_slack: float = 2.0
    # Rulings this close (points) above or below a block's text belong to it.
    near_rulings: float = 3.0
    # Rotated labels of a block stand at most this many font sizes beside it ...
    label_reach: float = 4.0
    # ... and this many above or below it.
    label_level: float = 1.0
    # Rules framing one table end this close (points) to one another.
    frame_ends: float = 2.0
    # Rows a block needs, its header included, to stand as a table of its own beside another.
    min_block_rows: int = 3

    # ------------------------------------------------------------------ headers
    # Headers stack at most this many rows deep.
    max_stacked: int = 4
    # A heading is a few words; a cell of more is body text.
    heading_words: int = 6

    # ------------------------------------------------------------------ tables over pages
    # Column boundaries of two fragments of one table agree within this share of its width ...
    edge_tolerance: float = 0.02
    # ... and never need to agree closer than this (points) ...
    min_edge_tolerance: float = 3.0
    # ... times this where either fragment's columns come from text alignment, whose
    # edges are looser than drawn ones.
    text_edge_factor: float = 3.0
    # A key column (filled in every other row) needs this many rows to show itself.
    key_column_rows: int = 3

    # ------------------------------------------------------------------ context
    # Running heads and feet: lines at the same place on this many pages or more.
    running_min_pages: int = 3
    # Running lines are at the same place when their tops fall in one band this tall (points).
    running_band: float = 4.0
    # Page furniture lives in this top and bottom share of the page.
    margin_share: float = 0.12
    # A document needs this much text outside its tables to show its own body size.
    min_body_chars: int = 300
    # Headings this close in size (points) are of one level.
    level_tolerance: float = 0.3


SETTINGS = TableSettings()
"""The settings the table engine runs with."""
