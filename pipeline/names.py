"""File names from elsewhere, made safe to store, show and write again.

A name comes from a council's website or a user's folder: it may be 255 bytes long
(the most a file system allows, so nothing can be added to it), end in an "extension"
of hundreds of characters, or hold bytes that are not UTF-8. The pipeline keeps such a
name as text, and writes files under their SHA-256 with a suffix that is a kind of file.
"""

from __future__ import annotations

import os
import re

from extractors.base import storable

MAX_SUFFIX_CHARS = 10
"""Longer "extensions" are part of the name, not a kind of file: ".pdf", ".docx", ".json"."""

_SUFFIX = re.compile(rf"\.[A-Za-z0-9]{{1,{MAX_SUFFIX_CHARS - 1}}}")


def readable(name: str) -> str:
    """A file name or path as text a database keeps and a person reads.

    A file system hands back a name that is not UTF-8 with its bytes escaped as lone
    surrogates, which no database encodes: each such byte becomes U+FFFD, as does a
    control character.
    """
    return storable(os.fsencode(name).decode("utf-8", "replace"))


_BYTES = "fs-bytes:"


def portable(path: str) -> str:
    """A path as text any JSON carries (a workflow's parameters): unchanged if it is UTF-8,
    else its bytes in hex after a prefix, which :func:`local` turns back into the path."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return _BYTES + os.fsencode(path).hex()
    return path


def local(text: str) -> str:
    """The path :func:`portable` carried."""
    return os.fsdecode(bytes.fromhex(text.removeprefix(_BYTES))) if text.startswith(_BYTES) else text


def kind_suffix(name: str, default: str = ".bin") -> str:
    """The name's extension, lower case, if it is one (short, letters and digits); else ``default``."""
    _, dot, ext = name.rpartition(".")
    suffix = f".{ext}".lower() if dot else ""
    return suffix if _SUFFIX.fullmatch(suffix) else default
