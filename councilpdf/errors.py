"""Errors a user can act on: one line saying what to do, and a non-zero exit, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console
from rich.markup import escape

T = TypeVar("T")

console = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` as an error line; the exit to raise."""
    console.print(f"[red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def run_flow(call: Callable[[], T]) -> T:
    """Run a flow on the configured workflow API, else the local one (started once, then reused);
    a workflow engine that cannot be reached is a one-line error, not a traceback."""
    from flows import api_unreachable
    from flows.api import workflow_api

    try:
        with workflow_api():
            return call()
    except RuntimeError as exc:
        if (advice := api_unreachable(exc)) is None:
            raise
        raise fail(advice) from exc
