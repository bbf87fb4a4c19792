"""The first look at a file, in a child process the operating system holds to its budget.

A check made from the file's bytes (:mod:`pipeline.pdf.streams`) stops the bombs it
knows; a file that defeats it (a native abort in PDFium, memory that grows page by
page) must still cost one file, not the batch. So :func:`pipeline.pdf.pdfpages.inspect_pdf`
runs in a child forked from a server that has the PDF readers loaded already (a few
milliseconds a file), under OS limits on its address space and CPU time, and a wall
clock the parent keeps; whatever ends the child becomes the file's reason.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import resource
import signal
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path

from pipeline.pdf import limits
from pipeline.pdf.pdfpages import PdfError, PdfInfo, inspect_pdf

# The child ends when the parent's wall clock runs out; this long again is left for it to go.
_REAP_SECONDS = 5
# Memory a Python process with the PDF readers loaded maps before it reads a file.
_BASE_MIB = 512

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["pipeline.pdf.pdfpages"])


def inspect_bounded(path: Path, *, ocr: bool = True) -> PdfInfo:
    """:func:`~pipeline.pdf.pdfpages.inspect_pdf` in a child process held to the current limits.

    Raises:
        PdfError: what ``inspect_pdf`` raises, or the limit the child broke (memory, CPU
            time, wall time), or how it ended.
    """
    budget = limits.Limits.current()
    receive, send = _context.Pipe(duplex=False)
    # The server forked once, with the environment of then: the child takes this one's
    # (the OCR cache, Tesseract's settings, the limits).
    env = dict(os.environ)
    child = _context.Process(target=_inspect, args=(str(path), ocr, budget, env, send), daemon=True)
    child.start()
    send.close()
    # A first look reads every page: the budget of the pages the file says it has.
    wait = limits.Deadline.start(min(_pages_named(path), budget.pages), budget).seconds
    answered = receive.poll(wait)
    answer = None
    if answered:
        # A child that ended without answering closes the pipe: that too ends the wait.
        with suppress(EOFError):
            answer = receive.recv()
    receive.close()
    if not answered:
        child.kill()
        child.join(_REAP_SECONDS)
        what = f"a first look took longer than {wait:g} s"
        raise PdfError(limits.over(what, budget, "seconds", "seconds_per_page"))
    child.join(_REAP_SECONDS)
    if answer is None:
        raise PdfError(_ended(child.exitcode, budget))
    kind, value = answer
    if kind == "error":
        raise PdfError(value)
    return value


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def _pages_named(path: Path) -> int:
    """How many page objects the file's bytes name (more than it has, if it lies: a bound)."""
    with open(path, "rb") as fh:
        return len(_PAGE.findall(fh.read()))


def _ended(code: int | None, budget: limits.Limits) -> str:
    """Why a child that sent no answer ended."""
    if code is not None and code < 0:
        sig = signal.Signals(-code)
        if sig == signal.SIGXCPU:
            return limits.over(f"reading used more than {budget.seconds:g} s of CPU", budget, "seconds")
        what = f"the PDF reader stopped on the file ({sig.name}), most likely out of memory"
        return limits.over(what, budget, "memory_mib")
    return f"corrupt: the PDF reader stopped on the file (exit status {code})"


def _inspect(path: str, ocr: bool, budget: limits.Limits, env: dict[str, str], send: Connection) -> None:
    os.environ.clear()
    os.environ.update(env)
    limits.use(budget)
    memory = (budget.memory_mib + _BASE_MIB) * limits.MIB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(budget.seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + _REAP_SECONDS))
    try:
        answer: tuple[str, object] = ("info", inspect_pdf(Path(path), ocr=ocr))
    except PdfError as exc:
        answer = ("error", exc.reason)
    except MemoryError:
        answer = ("error", limits.over("reading the file needs more memory", budget, "memory_mib"))
    except Exception as exc:
        # A reader's own failure on a damaged file: what it says is kept, after what it means.
        answer = ("error", f"corrupt: the file cannot be read ({type(exc).__name__}: {exc})")
    send.send(answer)
    send.close()
