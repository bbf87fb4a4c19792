"""What every extractor shares: its identity, the version of its code, and the source it reads from."""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import logging
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol, TypeVar

from schemas.records import BBox, ExtractionError, ExtractionStage, Provenance

log = logging.getLogger(__name__)

T = TypeVar("T")

PROJECT_PACKAGES = frozenset({"extractors", "schemas", "pipeline"})
"""Packages whose code can change what an extractor or rule outputs."""

VERSION_LENGTH = 12
"""Hex digits of the code hash kept as a version: short enough to read, long enough never to collide."""

_versions_lock = threading.Lock()


@cache
def _module_source(name: str) -> str | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    with open(spec.origin, encoding="utf-8") as handle:
        return handle.read()


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


@cache
def _project_imports(name: str, source: str) -> frozenset[str]:
    """The project modules ``name``'s source imports (a package's submodules named in ``from``)."""
    spec = importlib.util.find_spec(name)
    package = name if spec is not None and spec.submodule_search_locations else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
            found.update(t for t in targets if t.split(".")[0] in PROJECT_PACKAGES)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.split(".")[0] not in PROJECT_PACKAGES:
                continue
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names if _is_module(f"{target}.{a.name}"))
    return frozenset(found)


@cache
def _code_version(name: str) -> str:
    digest = hashlib.sha256()
    seen: set[str] = set()
    todo = [name]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        source = _module_source(module)
        if source is None:
            continue
        todo.extend(_project_imports(module, source) - seen)
    for module in sorted(seen):
        digest.update(module.encode())
        digest.update((_module_source(module) or "").encode())
    return digest.hexdigest()[:VERSION_LENGTH]


def code_version(module: str) -> str:
    """A version of ``module``'s code: a hash of its source and of every project module it imports.

    It changes whenever anything that can alter the module's output changes, so rows
    made by other code are told apart without anyone keeping a version string.
    """
    with _versions_lock:
        return _code_version(module)


@dataclass(frozen=True)
class Extractor:
    """An extractor's name and the module whose code makes its records.

    Its version is derived from that code (:func:`code_version`), so rows in the
    database always trace to the logic that produced them.
    """

    name: str
    module: str

    @property
    def version(self) -> str:
        return code_version(self.module)


@dataclass(frozen=True)
class Source:
    """The PDF an extraction reads: its sha256 and printed page numbers."""

    sha256: str
    printed_pages: Mapping[int, int] = field(default_factory=dict)

    def prov(self, extractor: Extractor, page: int | None = None, bbox: BBox | None = None) -> Provenance:
        """Provenance for a record found on physical page ``page`` (1-based)."""
        return Provenance(
            sha256=self.sha256,
            pdf_page=page,
            printed_page=self.printed_pages.get(page) if page is not None else None,
            bbox=tuple(round(v, 2) for v in bbox) if bbox else None,
            extractor=extractor.name,
            extractor_version=extractor.version,
        )


class Versioned(Protocol):
    """What a guard names a fault by: an extractor or a rule."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...


TRACEBACK_FRAMES = 6
"""Innermost frames kept of a fault's traceback: where it raised, and what called that."""

_KEPT_CONTROLS = "\t\n\r"
_UNSTORABLE = {
    code: "\ufffd"
    for code in (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0xD800, 0xE000),
        *range(0xFDD0, 0xFDF0),
        *(plane + end for plane in range(0, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF)),
    )
    if chr(code) not in _KEPT_CONTROLS
}


def storable(text: str) -> str:
    """``text`` as a database can keep it and a person can read it.

    Control characters (but tab and line breaks), lone surrogates and non-characters
    become U+FFFD, the character for one that cannot be shown: PostgreSQL refuses NUL
    in text, no database encodes a lone surrogate, and a glyph a PDF maps to either is
    still a glyph on the page.
    """
    if text.isprintable():
        return text
    return text.translate(_UNSTORABLE)


class Abandon(Exception):
    """A fault that ends the reading of a whole document, not one element: guards pass it on.

    A broken limit on the document (its time, its size) would break again on the next
    element, so going on gains nothing; the reason is the document's.
    """


class Faults:
    """The guard every extractor, table region and rule runs in.

    An exception loses the one element being read (a section, a table region, a typer's
    records, a rule's flags); it is kept as an :class:`ExtractionError` so that the
    document is recorded as partial with its errors, never silently loaded.
    """

    def __init__(self, stage: ExtractionStage = "extract", check: Callable[[], None] | None = None):
        """``check`` runs before each element and raises :class:`Abandon` to stop the document."""
        self.stage: ExtractionStage = stage
        self.errors: list[ExtractionError] = []
        self.check: Callable[[], None] = check or _no_check
        self._lock = threading.Lock()

    def run(
        self,
        extractor: Versioned,
        element: str,
        fn: Callable[..., T],
        *args,
        page: int | None = None,
        default: T = None,
        **kwargs,
    ) -> T:
        """``fn(*args, **kwargs)``, or ``default`` (and a recorded error) if it raises."""
        self.check()
        try:
            return fn(*args, **kwargs)
        except Abandon:
            raise
        except Exception as exc:
            self.record(extractor, element, exc, page=page)
            return default

    def record(self, extractor: Versioned, element: str, exc: Exception, *, page: int | None = None) -> None:
        """Keep ``exc`` as the reason ``element`` was lost."""
        frames = traceback.format_exception(exc, limit=-TRACEBACK_FRAMES)
        error = ExtractionError(
            stage=self.stage,
            extractor=extractor.name,
            extractor_version=extractor.version,
            pdf_page=page,
            element=storable(element),
            error=storable(f"{type(exc).__name__}: {exc}"),
            traceback=storable("".join(frames).strip()),
        )
        log.warning("%s lost %s: %s", extractor.name, element, error.error)
        with self._lock:
            self.errors.append(error)

    @contextmanager
    def active(self) -> Iterator[Faults]:
        """Make this the guard of :func:`guarded` elements read in this context (thread)."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)


def _no_check() -> None:
    return None


_ACTIVE: ContextVar[Faults | None] = ContextVar("councilpdf_faults", default=None)


def guarded(
    extractor: Versioned,
    element: str,
    *,
    page: Callable[..., int | None] | None = None,
    default: Callable[[], T] | None = None,
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Make a function read one element inside the active guard (:meth:`Faults.active`).

    Inside an extraction, an exception loses that element only (the function returns
    ``default()``) and is recorded; outside one (a unit test, a benchmark) it propagates.

    Args:
        extractor: the extractor the element belongs to.
        element: what the function reads, e.g. "table region".
        page: gives the element's page from the function's arguments.
        default: makes the value that stands for the lost element.
    """

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def run(*args, **kwargs) -> T:
            faults = _ACTIVE.get()
            if faults is None:
                return fn(*args, **kwargs)
            faults.check()
            try:
                return fn(*args, **kwargs)
            except Abandon:
                raise
            except Exception as exc:
                at = page(*args, **kwargs) if page else None
                faults.record(extractor, f"{element} on page {at}" if at else element, exc, page=at)
                return default() if default else None

        return run

    return decorate
