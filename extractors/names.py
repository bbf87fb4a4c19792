"""People's names as committee papers print them: titles, roles, lists and apologies.

"Councillors Roger Ramsey (Chairman) Robert Benham, Mayor Jo Bloggs and Ann Lee."
"""

from __future__ import annotations

import re

HONORIFIC = re.compile(
    r"^(?:councillors?|cllrs?\.?|deputy\s+mayor|the\s+mayor|mayor|aldermen|alderman|mr|mrs|ms|miss|dr|sir|dame)"
    r"\.?:?(?:\s+|$)",
    re.I,
)
# A party group's name printed beside its members: "Conservative Group".
_GROUP = re.compile(r"\b(?:group|party|association|alliance|independents?)$", re.I)
# A member's role printed on its own: "Chairman", "Vice-Chair", "Deputy Leader".
_ROLE_WORD = re.compile(
    r"^(?:(?:vice|deputy)[\s-]*)?(?:chair(?:man|person|woman)?|leader|mayor|convenor)$", re.I
)
# What follows "Apologies ..." up to the names.
_APOLOGY_NAMES = re.compile(
    r"apolog(?:y|ies)\b(?!\s+for\s+lateness)(?:\s+for\s+(?:the\s+)?absence)?"
    r"(?:\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:received|given|tendered|submitted|noted|reported))?"
    r"(?:\s*[:–—-]\s*|\s+)(?:for\s+the\s+absence\s+of|on\s+behalf\s+of|from|of)?\s*(?P<names>.*)",
    re.I | re.S,
)
_NO_APOLOGIES = re.compile(r"^(?:none|nil|no\s+apologies)\b", re.I)
# A full stop that ends a sentence (not an initial or "Cllr.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!Cllr)(?<!Cllrs)(?<!\bMr)(?<!Mrs)(?<!\bMs)(?<!\bDr)\.(?=\s|$)")
# A clause naming who stood in for an absent member: "Cllr B attended as substitute",
# "Cllr B substituted", "Cllr B deputised", "Cllr B was present in place of Cllr A".
_SUBSTITUTE = re.compile(
    r"\bsubstitut|\bdeputi[sz]|\bin\s+(?:place|lieu)\s+of\b|\bstood\s+in\b|\breplac", re.I
)
IN_THE_CHAIR = re.compile(r"\s*\bin\s+the\s+chair\b\s*", re.I)
# Honours and letters printed after a name: "Mr R C Love, OBE", "Sir Paul Carter CBE".
_POST_NOMINALS = re.compile(
    r"(?:[\s,]+\b(?:[GKD]?CBE|OBE|MBE|KBE|DBE|GBE|BEM|CB|KCB|QPM|DL|JP|KC|QC|MP|MEP|FRS|MBA|PhD)\b\.?)+\s*$"
)
# A councillor of another council, named by the tier ("County Cllr Webb") in a parish's list.
_OTHER_COUNCIL = re.compile(
    r"^(?:county|district|borough|city|town|parish|community|unitary)\s+(?:councillors?|cllrs?\.?)(?:\s+|$)",
    re.I,
)
# Words that open a role or a clause, never a name: "the Clerk", "a member of the public".
_NOT_NAME_START = frozenset({"the", "a", "an", "his", "her", "their", "our", "one", "two", "three"})


def strip_title(name: str) -> str:
    """A name without "Councillor", "Cllr", "Mayor" and similar titles before it, nor
    honours after it ("Sir Paul Carter, CBE" is "Paul Carter")."""
    name = re.sub(r"\s+", " ", name).strip(" ,;.")
    previous = None
    while previous != name:
        previous = name
        name = HONORIFIC.sub("", name).strip(" ,;")
        name = _POST_NOMINALS.sub("", name).strip(" ,;")
    return name


def honours_only(text: str) -> bool:
    """Whether ``text`` holds honours alone ("OBE", "CBE"), printed after a name and a comma."""
    return bool(text.strip()) and _POST_NOMINALS.fullmatch(" " + text.strip(" .")) is not None


def split_names(text: str) -> list[tuple[str, str | None]]:
    """Names of a printed list with the role each carries.

    "Councillors Roger Ramsey (Chairman) Robert Benham, Mayor Jo Bloggs and Ann Lee."
    gives [("Roger Ramsey", "Chairman"), ("Robert Benham", None), ("Jo Bloggs", None),
    ("Ann Lee", None)]. A name is separated by commas, semicolons, "and", "&" or a line
    break; titles are removed and the text in brackets after a name is its role.

    Args:
        text: the list as printed, lines separated by "\\n".

    Returns:
        (name, role) pairs in printed order; role None when no bracket follows.
    """
    text = re.sub(r"\)\s+(?=[A-Z])", "), ", text)
    parts, depth, current = [], 0, ""
    tokens = re.split(r"(\(|\)|,|;|&|\n|\band\b)", text)
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        if depth == 0 and token in {",", ";", "&", "\n", "and"}:
            parts.append(current)
            current = ""
        else:
            current += token
    parts.append(current)
    names: list[tuple[str, str | None]] = []
    for part in parts:
        roles = [r.strip() for r in re.findall(r"\(([^)]*)\)", part)]
        part = re.sub(r"\([^)]*\)?", " ", part)
        if IN_THE_CHAIR.search(part):
            roles.append("in the Chair")
            part = IN_THE_CHAIR.sub(" ", part)
        # "Councillor A - Chair": the role after a dash.
        dashed = re.match(r"^(?P<name>.+?)\s+[-–—]\s+(?P<role>.+)$", part.strip())
        if dashed and _ROLE_WORD.match(dashed.group("role").strip(" .")):
            roles.append(dashed.group("role").strip(" ."))
            part = dashed.group("name")
        if honours_only(part) and names:
            # "Mr R C Love, OBE": the honours set off by a comma belong to the name before.
            continue
        if _OTHER_COUNCIL.match(part.strip()):
            # The list's own title ("County Councillors A, B") or, after its first name,
            # a guest from another council ("Cllrs A, B, County Cllr C").
            if names:
                continue
            part = _OTHER_COUNCIL.sub("", part.strip())
        if _ROLE_WORD.match(part.strip(" .;")) and names:
            # "Councillor A, Chairman": the role set off by a comma belongs to the name before it.
            name, role = names[-1]
            names[-1] = (name, "; ".join(r for r in (role, part.strip(" .;")) if r))
            continue
        # "North Ward: Councillor A" names a group before the name.
        part = re.sub(r"^[^:]*:", "", part) if re.match(r"^[^:]*[a-z][^:]*:", part) else part
        part = re.sub(r"^\s*(?:from|of)\s+", "", part, flags=re.I)
        name = strip_title(part)
        if looks_like_name(name):
            names.append((name, "; ".join(roles) or None))
    return names


def looks_like_name(text: str) -> bool:
    """A person's name: a few words, capitalised but for a particle ("de", "van")."""
    words = text.split()
    lower = [w for w in words if w[:1].islower()]
    return (
        sum(ch.isalpha() for ch in text) >= 2
        and words[0] not in _NOT_NAME_START
        and len(words) <= 6
        and len(lower) <= 1
        and not _GROUP.search(text)
    )


# A name with its title, as a sentence names a member: "Mr Cooke", "Councillor Ann Lee".
TITLED_NAME = (
    r"(?i:mr|mrs|ms|miss|dr|sir|dame|councillor|cllr)\.?\s+(?:[A-Z][\w'’-]*\.?\s+){0,3}?[A-Z][\w'’-]*"
)
# "Ms Grehan had given her formal apologies ...": the member as the subject of the sentence.
_APOLOGISING = re.compile(
    rf"^\s*(?P<name>{TITLED_NAME})"
    r"(?:\s*,\s*[A-Z]{2,4})?\s+(?:had|has|have|was|were|sent|gave|tendered|offered|submitted)\b[^.]*\bapolog",
)


def apologies_in(text: str, listed: bool = False) -> list[str]:
    """The names a minute's text gives apologies for, sentence by sentence.

    "Apologies were received from Mr A and Mr B." and "Ms C had given her formal
    apologies but attended virtually." give ["A", "B", "C"]. With ``listed`` (the text
    of a minute headed "Apologies"), a text that never words them ("Cllr A, B, C.") is
    read as the list of names itself.
    """
    names: list[str] = []
    for paragraph in text.split("\n"):
        for sentence in _SENTENCE_END.split(paragraph):
            if not re.search(r"apolog", sentence, re.I):
                continue
            found = apology_names(sentence)
            subject = _APOLOGISING.match(sentence) if not found else None
            names += found or ([strip_title(subject.group("name"))] if subject else [])
    if not names and listed and not re.search(r"apolog", text, re.I):
        first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
        names = apology_names(f"Apologies: {first}")
    return names


def apology_names(text: str) -> list[str]:
    """The names in an apologies line or sentence, up to its end and before any substitutes.

    "Apologies for absence were received from Councillors A and B, who was substituted by
    C." and "Apologies were received from Councillors A and B; Councillor C attended as
    substitute." give ["A", "B"]; "Apologies: none" gives [].
    """
    m = _APOLOGY_NAMES.search(text)
    if not m:
        return []
    names = m.group("names").strip()
    end = _SENTENCE_END.search(names)
    names = names[: end.start()] if end else names
    # "Cllr A; Cllr B attended as substitute": the clause after the semicolon names the
    # substitute, while "Cllr A; Cllr C" lists two apologies.
    first, *rest = re.split(r"\s*;\s*", names)
    names = "; ".join([first, *(clause for clause in rest if not _SUBSTITUTE.search(clause))])
    names = re.split(r",?\s+who\b|,?\s+substituted\b", names, flags=re.I)[0]
    if _NO_APOLOGIES.match(names):
        return []
    # "Cllr A, Cllr B substituting": a name run into its substitution is none of the apologies.
    return [name for name, _ in split_names(names) if not _SUBSTITUTE.search(name)]
