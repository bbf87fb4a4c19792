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


def strip_title(name: str) -> str:
    """A name without "Councillor", "Cllr", "Mayor" and similar titles before it."""
    name = re.sub(r"\s+", " ", name).strip(" ,;.")
    previous = None
    while previous != name:
        previous = name
        name = HONORIFIC.sub("", name).strip(" ,;")
    return name


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
        and len(words) <= 6
        and len(lower) <= 1
        and not _GROUP.search(text)
    )


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
