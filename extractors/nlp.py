"""spaCy pipelines and matchers, each built once per process under one lock.

A spaCy ``Matcher`` is tied to the vocabulary of the pipeline it was built for. Built
lazily from several threads at once, two copies of a pipeline could appear and a
matcher meet the other's documents ("[E018] Can't retrieve string for hash"). Every
NLP object the extractors and the rules use is therefore made here: once, under a
re-entrant lock (a matcher's builder asks for its pipeline while holding it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.RLock()
_built: dict[str, Any] = {}


def shared(name: str, build: Callable[[], T]) -> T:
    """The process's one ``name`` object, made by ``build`` on first use."""
    found = _built.get(name)
    if found is not None:
        return found
    with _lock:
        if name not in _built:
            _built[name] = build()
        return _built[name]
