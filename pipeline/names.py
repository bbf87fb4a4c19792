"""File names from elsewhere, made safe to store, show and write again.

A name comes from a council's website or a user's folder: it may be 255 bytes long
(the most a file system allows, so nothing can be added to it), end in an "extension"
of hundreds of characters, or hold bytes that are not UTF-8. Names the pipeline writes
are bounded and keep a prefix of the file's SHA-256, so two files never share one.
"""

from __future__ import annotations

import os
import re

from extractors.base import storable

MAX_NAME_BYTES = 200
"""Bytes of a name the pipeline writes: under the 255 of common file systems, with room
for a suffix a tool adds (".part", ".reason.txt", ".audit.html")."""
SHA_PREFIX = 12
"""Hex digits of the SHA-256 that keep two files' shortened names apart."""
MAX_SUFFIX_CHARS = 10
"""Longer "extensions" are part of the name, not a kind of file: ".pdf", ".docx", ".json"."""

_SUFFIX = re.compile(rf"\.[A-Za-z0-9]{{1,{MAX_SUFFIX_CHARS - 1}}}")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\ufffd]+')


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


def bounded_name(name: str, sha256: str, suffix: str) -> str:
    """A name to write for the file ``name`` whose bytes hash to ``sha256``, ending in ``suffix``.

    The name's stem, readable and without characters a file system or shell refuses, is
    kept whole when it fits in :data:`MAX_NAME_BYTES` with the suffix; otherwise it is cut
    (on a character) and a SHA-256 prefix is added, so two long names that share their
    start stay two names.
    """
    stem = readable(name)
    stem = stem[: len(stem) - len(kind_suffix(stem, ""))]
    stem = _UNSAFE.sub("_", stem).strip(" ._") or sha256[:SHA_PREFIX]
    if len(f"{stem}{suffix}".encode()) <= MAX_NAME_BYTES:
        return f"{stem}{suffix}"
    tail = f".{sha256[:SHA_PREFIX]}{suffix}"
    room = MAX_NAME_BYTES - len(tail.encode())
    cut = stem.encode()[:room].decode("utf-8", "ignore").rstrip(" ._")
    return f"{cut}{tail}"
