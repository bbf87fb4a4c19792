"""The thresholds and tolerances of the extractors, in one place (the table engine keeps its own).

Each is a field of :class:`ExtractorSettings`, with the reason for its value beside it;
the extractors read the one instance :data:`SETTINGS`. Lengths and font sizes are in
points; a "share" is a fraction of a count; a "fraction" of a font size, page or column
is a multiple of it. An extractor's version is a hash of its code and of every project
module it imports (:func:`extractors.base.code_version`), this one included, so a change
here gives every extractor that reads it a new version.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractorSettings:
    # ---------------------------------------------------------------- words and lines
    # Glyphs whose tops differ by at most this (points) stand on one line of words, and a
    # glyph starting further than this right of the previous one's end starts a new word:
    # the tolerances of pdfplumber's word extraction, which the layout was built on.
    word_x_tolerance: float = 3.0
    word_y_tolerance: float = 3.0
    # Words whose bottoms differ by at most this fraction of the font size share a line:
    # less than half a line, so that a superscript stays on its line and the next line does not join.
    line_tolerance: float = 0.45
    # A word is matched against the last this many lines above it: a line interrupted by a
    # taller word of another line (a superscript, a heading beside it) still takes its rest.
    line_lookback: int = 3
    # Font sizes are compared to a tenth of a point (digits after the point): PDFs give
    # sizes like 10.98 and 11.0 for one size.
    size_digits: int = 1
    # A horizontal gap wider than this many font sizes separates two chunks of a line
    # (columns of a form, a label and its value): far wider than a justified space.
    chunk_gap: float = 1.6
    # A superscript is set at most this fraction of its base's size, raised by at least this
    # fraction of it, and starts within this fraction of it after the base ends: an ordinal
    # ending set small and high ("4th"), not the next word.
    superscript_size: float = 0.85
    superscript_rise: float = 0.1
    superscript_gap: float = 0.3

    # ---------------------------------------------------------------- sizes and weights
    # A line set at least this many points above another is set larger (a heading over
    # body text); lines closer in size than this are set at the body size. Half a point
    # is more than rounding in a PDF, less than any step between a template's sizes.
    larger: float = 0.5
    # Two lines whose sizes differ by less than this (points) are set in one size: one
    # heading wrapped over two lines, two labels of one style.
    same_size: float = 0.3
    # The font size assumed for a page without text: a usual body size.
    default_body_size: float = 10.0
    # A heading is at most this many characters and holds at least this many letters:
    # longer is a paragraph set large, fewer a number or a rule.
    heading_max_chars: int = 200
    heading_min_letters: int = 2
    # A line starting less than this many of its font sizes below the previous one, set
    # alike, continues it: a line's spacing, no paragraph gap (a wrapped heading or title).
    wrap_gap: float = 0.8
    # Four in five letters in capitals make a line set in capitals ("Item 4: BUDGET
    # 2025/26"), and a line needs this many letters to be judged so.
    capitals_share: float = 0.8
    capitals_min_letters: int = 2

    # ---------------------------------------------------------------- page geometry
    # Only lines in the top or bottom tenth of a page can be its printed page number, so
    # that a number in the body text is never taken for one.
    stamp_margin: float = 0.10
    # A line that starts past this fraction of the text column's width, off its centre by
    # more than this fraction, with nothing printed to its left, stands in a side column
    # (the sender's address of a letter).
    aside_start: float = 0.4
    aside_off_centre: float = 0.15
    # Lines whose left edges differ by less than this (points) stand at one indentation:
    # a glyph's side bearing, not a step of indentation.
    align_tolerance: float = 3.0

    # ---------------------------------------------------------------- documents of a PDF
    # A page's opening lines: at most this many, starting within this fraction of the
    # text's depth below its first line (a title and what stands under it, no more).
    opening_lines: int = 4
    opening_depth: float = 0.25
    # A page that says it is left blank holds fewer characters than this: a notice, no text.
    blank_max_chars: int = 120
    # An "Agenda Item" stamp stands in this top fraction of its page (the top margin).
    item_stamp_zone: float = 0.12
    # Printed page numbers are trusted when at least this many stamps agree on how they
    # are offset from the physical pages: one stray number in a margin is not a sequence.
    stamps_agreeing: int = 2
    # A document title is set at least this many points above the body text: a heading
    # inside a document is set only a little larger.
    title_above_body: float = 2.0
    # Minutes name themselves within their first this many lines.
    minutes_title_lines: int = 3
    # A slide is a landscape page whose title is set at least this many times the body
    # size and which holds at most this many characters.
    slide_title_ratio: float = 1.5
    slide_max_chars: int = 1200

    # ---------------------------------------------------------------- meeting details
    # The title naming the meeting's body is the largest type in this top fraction of the
    # first page: a masthead, not a heading further down.
    title_zone: float = 0.35
    # A paper states its meeting in its first this many lines; a sentence further on is
    # about another meeting.
    meeting_opening_lines: int = 15
    # A place named without a word that says so ("Shire Hall") is at most this many
    # capitalised words.
    place_words: int = 8
    # A heading naming a body is at most this many words; a longer bold passage is a sentence.
    body_heading_words: int = 16
    # A line wider than this share of the text column, in body type, is running text: the
    # heading above it has ended.
    paragraph_width: float = 0.6
    # Lines of a venue printed under the date follow within this many font sizes of it.
    venue_gap: float = 0.8

    # ---------------------------------------------------------------- agenda front sheets
    # An agenda names itself in its first this many lines, in this top fraction of its
    # first page; the committee's name stands in those lines too.
    agenda_title_lines: int = 6
    agenda_title_zone: float = 0.3
    # The committee is named in one of the largest this many type sizes atop the sheet,
    # a size below the first set at least this many points above the body text.
    committee_title_sizes: int = 3
    committee_above_body: float = 1.0
    # A committee's name in a title is at most this many words: more, and the lines are
    # the sheet's text.
    committee_title_words: int = 12
    # A title in body type is at most this many words: a longer numbered line is a sentence.
    plain_title_words: int = 15
    # A line that can be the meeting's place is at most this many words, with at least
    # this many letters: a name, not a sentence or a number.
    venue_words: int = 15
    venue_min_letters: int = 3
    # A paragraph's next line follows within this many font sizes: a paragraph's space is more.
    paragraph_gap: float = 0.5
    # A wrapped item title's next line follows within this many font sizes; a description
    # or the next item stands a paragraph's space below.
    title_wrap_gap: float = 0.6
    # Text starting this close (points) to a column's left edge stands in that column.
    column_align: float = 2.0
    # Item numbers run down one margin: their left edges within this many points, their
    # sizes within this many.
    item_run_align: float = 4.0
    item_run_size: float = 0.6
    # A heading naming the agenda stands within this many lines above its first item.
    agenda_heading_lines: int = 3
    # The last item's lines stand no further apart than this many times the items' own spacing.
    item_end_gap: float = 1.5

    # ---------------------------------------------------------------- minutes
    # Text within this many points of the body size is set in body type (a scan's sizes vary).
    body_type: float = 0.6
    # Gaps wider than this many body sizes part blocks, not lines: left out of the spacing.
    max_line_gap: float = 2.0
    # The spacing assumed between a paragraph's lines when no two lines show it, in body sizes.
    default_line_gap: float = 0.3
    # The right margin is where the longest lines end, past this many stray wider lines.
    stray_wide_lines: int = 2
    # A paragraph gap exceeds the line spacing (and a scan's jitter) by this many font sizes.
    paragraph_gap_margin: float = 0.2
    # The line spacing is read from the gap this far up the sorted gaps (one over this
    # number): a few gaps squeezed by a scan's jitter do not set it.
    spacing_quantile: int = 10
    # Gaps narrower than the low gap by this many body sizes are a paragraph's own lines,
    # where most paragraphs take one line; gaps within this many of the low gap are spacing.
    narrow_gap: float = 0.25
    spacing_band: float = 0.2
    # A running head stands in this top (or bottom) fraction of a page and recurs on at
    # least this many pages.
    running_margin: float = 0.08
    running_pages: int = 2
    # A line in capitals needs this many letters to be emphasis, not an abbreviation.
    emphasis_min_letters: int = 3
    # A number set apart from its title by a wide gap is the first chunk of its line, of at
    # most this many words ("B", "Item 4").
    number_chunk_words: int = 2
    # A number on a line of its own has its title on the next line, within this many font sizes.
    number_title_gap: float = 1.5
    # Headings whose left edges lie closer than this many body sizes start at one margin.
    margin_tolerance: float = 0.5
    # An unnumbered title is at most this many words; a longer bold line is emphasised text.
    minutes_title_words: int = 15
    # A title in body type is at most this many words; a numbered line ending in a full stop
    # is a sentence from this many words on.
    plain_heading_words: int = 12
    stopped_title_words: int = 6
    # A line starting this many font sizes left of a list's hanging text starts a paragraph;
    # so does one indented this many font sizes after a sentence that closed at the margin
    # (starting within this many of it).
    outdent: float = 0.5
    indent_step: float = 1.5
    at_margin: float = 0.5

    # ---------------------------------------------------------------- reports
    # A section number before a label or heading ("2.", "2.1") is at most this; a larger
    # figure opening a line is a year or an amount.
    max_section_number: int = 99
    # A label run into its value has at most this many words before its colon.
    run_in_label_words: int = 4
    # A gap between words wider than this (points), and than this many font sizes, breaks
    # a line into columns: a label and its value.
    column_gap: float = 6.0
    column_gap_size: float = 0.9
    # Words closer than this many font sizes are a space apart: one run of text.
    word_space: float = 0.6
    # A value column stands at least this far (points) right of the labels, and at least
    # this many lines start at it.
    label_column_width: float = 30.0
    value_column_rows: int = 2
    # Running headers and footers of the pages after a cover stand in this top and bottom
    # fraction of the page.
    header_margin: float = 0.05
    # A rule under a label column starts within this many points of its left edge and runs
    # to within this many of the value column; thinner than this it is a line, not a cell.
    rule_reach: float = 2.0
    rule_short: float = 15.0
    rule_thickness: float = 2.0
    # Lines further apart than this many font sizes stand in separate blocks: their gap is
    # no line spacing.
    block_gap: float = 1.5
    # A report's paragraph breaks: wider than the gap a quarter of the way up the sorted
    # gaps (one over this number) by this many body sizes.
    typical_gap_quantile: int = 4
    paragraph_break: float = 0.35
    # A line ending within this fraction of the column's width from its right edge runs to
    # the margin: its sentence goes on below.
    wrap_reach: float = 0.2
    # An introducing label ("Recommendations:") is at most this many words, and one not set
    # as a heading at most this many.
    intro_label_words: int = 8
    short_label_words: int = 3
    # A report title takes at most this many lines less one.
    title_max_lines: int = 4
    # A line a point or more off the size of the block above, on the next page, is a running header.
    running_head_step: float = 1.0
    # At most this many lines are read as one block of recommendations.
    max_block_lines: int = 120
    # Pages a report's cover sheet may take.
    cover_pages: int = 3
    # In a block of cover fields each label follows the one before within this many lines.
    field_lines: int = 5
    # A contact line holds a phone number or e-mail address and at most this many words;
    # the contact's name stands at most this many lines above it.
    contact_line_words: int = 8
    name_lines_above: int = 3

    # ---------------------------------------------------------------- tables' kinds and values
    # A heading word read as two run together splits into parts this many letters long or more.
    min_word_part: int = 3
    # Share of a column's cells that must read as references for it to be a reference column.
    reference_share: float = 0.8
    # Columns of figures hold at least this share of a financial table's cells beside its labels.
    figure_share: float = 0.3
    # A financial table's figures are amounts of money (or dashes for none) in at least this share.
    money_share: float = 0.6
    # A cell fill is a RAG colour when it is at least this saturated and this bright (HSV):
    # greys and dark rules are not statuses.
    rag_saturation: float = 0.35
    rag_value: float = 0.35

    # ---------------------------------------------------------------- names and dates
    # A one-word council name printed misspelt or run together matches a known council at
    # this similarity or more, and only when one council does.
    council_name_match: float = 0.85
    # Shorter than this, a month name printed in lower case before a number and no year
    # ("may 5") is more likely a word than a date.
    partial_month_letters: int = 4

    # ---------------------------------------------------------------- numbering
    # The largest plain number read as an item number: running minute numbers reach the
    # thousands, a year or an amount is larger.
    max_item_number: int = 9999


SETTINGS = ExtractorSettings()
"""The settings every extractor reads."""
