"""Sentence splitting of minutes text and the typing of decision sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.decisions import decision_kind, find_decisions, split_sentences


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Joint Committee noted the report.", "noted"),
        ("The Sub-Committee unanimously noted the contents of the briefing paper.", "noted"),
        ("The report was noted.", "noted"),
        ("NOTED: the update on recruitment.", "noted"),
        ("It was agreed that a further report be brought to the next meeting.", "agreed"),
        ("It was unanimously agreed that the Chairman would be Councillor Ann Lee.", "agreed"),
        ("In addition, it was further agreed that officers would circulate the figures.", "agreed"),
        ("The minutes of the meeting held on 5 April 2019 were agreed as a correct record.", "agreed"),
        (
            "The protocol, as shown in appendix 1, was agreed subject to its inclusion in the review.",
            "agreed",
        ),
        ("AGREED – that the item be considered in private.", "agreed"),
        ("RESOLVED: That the report be noted.", "resolved"),
        ("Resolved that the budget be referred to Council.", "resolved"),
        ("The Board RESOLVED to approve the strategy.", "resolved"),
        ("Members approved the revised terms of reference.", "approved"),
        ("The minutes were confirmed as a correct record and signed by the Chair.", "approved"),
        ("Councillor Ann Lee was elected Chair for the municipal year.", "elected"),
        ("Councillor Bob Kay was appointed as Vice-Chairman.", "elected"),
        ("Consideration of the item was deferred to the next meeting.", "deferred"),
        ("The application be deferred until the site visit has taken place.", "deferred"),
        ("It was decided that no further action was needed.", "other"),
        ("The motion was carried.", "other"),
        (
            "It was moved by Councillor Ann Lee, seconded by Councillor Bob Kay and carried that the "
            "recommendations be approved.",
            "other",
        ),
        ("DECIDED: That the proposals be referred to the Cabinet.", "other"),
        ("The Committee NOTED the contents of the report.", "noted"),
        ("Decision: That the report be noted.", "other"),
        ("Councillors agreed to defer the item.", "agreed"),
        ("That planning permission be GRANTED subject to the conditions in the report.", "approved"),
        ("The application was REFUSED.", "other"),
        ("That the application be refused for the reasons set out in the report.", "other"),
        ("2. That the Director be authorised to sign the contract.", "other"),
        ("Members voted in favour of the recommendations set out in the report.", "agreed"),
        ("The Committee voted unanimously in favour of the motion.", "agreed"),
        ("Members voted against the proposal to close the library.", "other"),
        ("The recommendation was carried.", "other"),
        ("The recommendations were carried unanimously.", "other"),
        ("On being put to the vote the proposal was carried.", "other"),
        ("On a show of hands the recommendation was approved.", "approved"),
        # A consultee's view on an application, and the agreement of those present.
        ("TCC had no objections and recommended approval.", "approved"),
        ("Approval recommended subject to conditions.", "approved"),
        ("All Councillors present were in agreement.", "agreed"),
        ("Approved & signed as correct.", "approved"),
    ],
)
def test_decision_sentences_are_typed(sentence, kind):
    assert decision_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "It was noted that the legal agreement required a review.",
        "It was also noted that two audits had been delayed.",
        "It was accepted that there remained a commitment to shared services.",
        "A report before the Committee confirmed that savings had been achieved.",
        "A report to the Joint Committee noted that the budget was under pressure.",
        "The net expenditure is funded on set percentages agreed on a service by service basis.",
        "This takes into consideration agreed growth and savings for 2018/2019.",
        "The plans were presented to the Joint Committee for approval.",
        "Sean Harriss had been appointed as the new Interim Chief Executive.",
        "Members asked for details of how long a review would take.",
        "The report was considered as an urgent item following agreement by the Chairman.",
        "It was suggested that the item could be deferred.",
        "The budget, which was agreed by Cabinet in February, is under pressure.",
        "Councillor Ann Lee moved an amendment, which was seconded by Councillor Bob Kay.",
        "Officers moved the depot and carried out a review of the fleet.",
        "On being put to the vote the amendment was lost.",
        "A decision was taken by the Group in 2019.",
        "Members were told the licence was granted in 2019.",
        "Refused permission had been appealed.",
        "Three members voted in favour and four voted against.",
        "Councillor Ann Lee voted in favour of the motion.",
        # An observation noted, and a decision word as an adjective.
        "Members noted that the scheme included a contribution to affordable housing.",
        "Kent was noted for its work with partners.",
        "Elected Members were welcome to sit on adoption panels.",
    ],
)
def test_discussion_sentences_are_not_decisions(sentence):
    assert decision_kind(sentence) is None


def test_the_first_decision_wording_sets_the_kind():
    sentence = "The Joint Committee noted the changes and agreed to include the same within the scheme."
    assert decision_kind(sentence) == "noted"


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "There had been an overall underspend of £0.727m. The underspend was due to growth.",
            ["There had been an overall underspend of £0.727m.", "The underspend was due to growth."],
        ),
        (
            "Any variation shown in e.g. target collection rates was due to the targets. It was agreed.",
            ["Any variation shown in e.g. target collection rates was due to the targets.", "It was agreed."],
        ),
        (
            "Cllr. Smith asked about No. 5 Church Road, i.e. the old depot. Officers replied.",
            ["Cllr. Smith asked about No. 5 Church Road, i.e. the old depot.", "Officers replied."],
        ),
        (
            "RESOLVED: 1. That the report be noted. 2. That the plan be approved.",
            ["RESOLVED: 1. That the report be noted.", "2. That the plan be approved."],
        ),
        (
            "Councillor J. Smith was elected. See Appendix A. (2) That the plan be approved.",
            ["Councillor J. Smith was elected.", "See Appendix A.", "(2) That the plan be approved."],
        ),
        (
            "The meeting closed at 9 p.m. The Chair thanked everyone.",
            ["The meeting closed at 9 p.m.", "The Chair thanked everyone."],
        ),
        (
            "First paragraph ends here\nSecond one starts here.",
            ["First paragraph ends here", "Second one starts here."],
        ),
    ],
)
def test_split_sentences_respects_abbreviations_amounts_and_numbering(text, sentences):
    assert split_sentences(text) == sentences


# Abbreviations ("co.", "ref.") never end a sentence, so generated words avoid them.
_ABBREVIATED = {"co", "vs", "para", "paras", "ref", "cf", "incl", "viz", "approx", "sec", "cl", "fig", "vol"}
_ABBREVIATED |= {"tel", "dept", "cttee", "cllr", "cllrs", "nos", "no", "mt", "st"}
_WORD = st.from_regex(r"[a-z]{2,9}", fullmatch=True).filter(lambda w: w not in _ABBREVIATED)
_WORDS = st.lists(_WORD, min_size=2, max_size=10)
_INSERTS = st.sampled_from(
    ["", " e.g. the plan", " (i.e. the budget)", " with Cllr. Jones", " under para. 4"]
)
_ENDINGS = st.sampled_from([".", " £1.5m.", " of 12.5%.", " at 7 p.m.", "?"])


@st.composite
def _sentence(draw) -> str:
    words = draw(_WORDS)
    return words[0].capitalize() + " " + " ".join(words[1:]) + draw(_INSERTS) + draw(_ENDINGS)


# spaCy's first use may load modules that reseed the global random module; use it
# before hypothesis draws, which must see that state unchanged.
split_sentences("Warm up.")


@given(st.lists(_sentence(), min_size=1, max_size=6))
def test_split_sentences_round_trips_joined_sentences(sentences):
    assert split_sentences(" ".join(sentences)) == sentences


def test_a_lead_in_and_the_numbered_resolutions_below_it_are_one_decision():
    text = "\n".join(
        [
            "The Committee considered the report. It was noted that the deadline had passed.",
            "RESOLVED:",
            "(1) That the report be noted.",
            "(2) That officers be asked to report back in six months.",
            "The Chair thanked officers.",
        ]
    )
    found = find_decisions(text)
    assert [(d.text, d.kind) for d in found] == [
        (
            "RESOLVED:\n(1) That the report be noted.\n"
            "(2) That officers be asked to report back in six months.",
            "resolved",
        ),
    ]
    assert all(text[d.start : d.end] == d.text for d in found)


@pytest.mark.parametrize(
    "lead_in",
    [
        "RESOLVED that the Committee:",
        "RESOLVED (unanimously):",
        "AGREED – That the Panel:",
        "It was RESOLVED that:",
    ],
)
def test_any_decision_wording_ending_in_a_colon_leads_in_the_resolutions_below(lead_in):
    found = find_decisions(f"{lead_in}\n(a) notes the report;\n(b) agrees the revised timetable.")
    assert [d.text for d in found] == [f"{lead_in}\n(a) notes the report;\n(b) agrees the revised timetable."]


def test_a_colon_after_discussion_leads_in_no_resolutions():
    assert find_decisions("It was noted that:\n(a) sickness had risen;\n(b) vacancies remained.") == []
    assert find_decisions("The Chair explained the following:\n(a) the timetable;\n(b) the costs.") == []


def test_find_decisions_gives_offsets_of_sentences_inside_paragraphs():
    text = "A report was presented.\nMembers discussed it. The Board agreed to defer a decision. Next steps."
    (found,) = find_decisions(text)
    assert found.text == "The Board agreed to defer a decision."
    assert text[found.start : found.end] == found.text
    assert found.kind == "agreed"


def test_a_list_after_it_was_noted_is_discussion_but_after_resolved_is_resolutions():
    assert find_decisions("It was noted that:\nthe figures were late;\nstaff were busy.") == []
    found = find_decisions(
        "RESOLVED:\nthe figures be noted;\nstaff be thanked.\nThe Chair closed the meeting."
    )
    assert [(d.text, d.kind) for d in found] == [
        ("RESOLVED:\nthe figures be noted;\nstaff be thanked.", "resolved")
    ]


def test_a_numbered_resolution_keeps_its_points_up_to_the_next_paragraph_number():
    text = "\n".join(
        [
            "25) The Chairman put the substantive motion to the vote.",
            "Substantive Motion carried.",
            "26) RESOLVED that the County Council:",
            "(1) Endorses the joint work with the district councils",
            "2025-35 Capital Programme",
            "(2) Notes the timetable.",
            "27) The Chairman thanked Members.",
        ]
    )
    (found,) = find_decisions(text)
    assert found.text == (
        "RESOLVED that the County Council:\n(1) Endorses the joint work with the district councils\n"
        "2025-35 Capital Programme\n(2) Notes the timetable."
    )
    assert (found.kind, text[found.start : found.end]) == ("resolved", found.text)


def test_a_resolution_paragraph_is_one_decision_whole_without_its_number():
    text = (
        "5) RESOLVED that the Council makes comments. In particular, the Council urges the Executive to act."
    )
    assert [d.text for d in find_decisions(text)] == [text[3:]]
    # A figure opening a sentence is no paragraph number.
    assert [d.text for d in find_decisions("2025 targets were agreed by the Board.")] == [
        "2025 targets were agreed by the Board."
    ]


def test_a_motion_agreed_without_a_resolution_is_the_motion_and_its_outcome():
    text = (
        "9) Tributes were paid by Members.\n"
        "10) Mr A proposed, and Mr B seconded, that the Council formally record its sense of loss.\n"
        "Agreed unanimously.\n"
        "11) The Chairman held a one-minute silence."
    )
    (found,) = find_decisions(text)
    assert found.text == (
        "Mr A proposed, and Mr B seconded, that the Council formally record its sense of loss.\n"
        "Agreed unanimously."
    )
    assert found.kind == "agreed"


def test_procedural_motions_intermediate_votes_and_lone_outcomes_are_no_decisions():
    text = (
        "1) Mr A proposed, and Mr B seconded the motion that the plan be adopted.\n"
        "2) Mr C proposed and Ms D seconded that the motion be put to the vote.\n"
        "Agreed.\n"
        "3) Following the debate, the Chairman put the amendment to the vote and it was agreed.\n"
        "4) The Chairman proposed that Council resolve to extend the meeting and it was agreed unanimously.\n"
        "For (30)\n"
        "Abstain (0)\n"
        "Agreed.\n"
        "Motion carried."
    )
    assert find_decisions(text) == []


def test_where_a_minute_resolves_its_other_sentences_are_discussion():
    text = (
        "It was agreed that children should be placed as close to home as possible.\n"
        "The Chair agreed to write to group leaders.\n"
        "RESOLVED that the Panel note the report."
    )
    assert [d.text for d in find_decisions(text)] == ["RESOLVED that the Panel note the report."]


def test_an_outcome_alone_closes_the_sentence_before_it():
    text = "DM/19/0603 – Rear extension, Mill Cottage, Trellech Road. Approved. DM/19/0700 – Log store."
    assert [d.text for d in find_decisions(text)] == [
        "DM/19/0603 – Rear extension, Mill Cottage, Trellech Road. Approved."
    ]
