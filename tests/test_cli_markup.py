"""Text from a PDF, a file name or an error is printed as it is, never read as console markup."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

# Prefect's log handler keeps the stderr it sees when first imported (see test_cli).
import flows.batch  # noqa: F401
from councilpdf import cli, cli_audit, cli_sources
from councilpdf.cli import app
from pipeline.db import make_engine
from pipeline.load import replace_flags
from pipeline.query.meetings import link_meetings
from schemas import sql
from schemas.records import ExtractionError, FlagLocation, Inconsistency
from tests.records import load, pack_doc, prov

runner = CliRunner()

OBJECT_TEXT = "[/'Filter', /'FlateDecode', /'ASCII85Decode']"
"""What PDF object text looks like in an error: a closing tag to console markup."""
PLANTED = f"{OBJECT_TEXT} [bold]not bold[/bold] [link=x]y[/link] ends \\"


def _shown(output: str) -> str:
    """What a command printed, without the spaces and rules a table folds long text with."""
    return re.sub(r"[\s│┃]", "", output)


def _plant(db: str) -> None:
    engine = make_engine(db)
    doc = pack_doc(f"{OBJECT_TEXT}.pdf", f"[red]Audit[/red] {OBJECT_TEXT}", date(2024, 5, 1))
    sha = load(engine, doc)
    flag = Inconsistency(
        kind="total_mismatch",
        description=PLANTED,
        expected="[b]1[/b]",
        found="[/]2",
        locations=[FlagLocation(pdf_page=1, text=PLANTED)],
        rule="planted",
        rule_version="1",
        prov=prov(sha),
    )
    error = ExtractionError(
        stage="validate",
        extractor="planted",
        extractor_version="1",
        element=f"rule {OBJECT_TEXT}",
        error=f"ValueError: {PLANTED}",
        traceback="",
    )
    replace_flags(engine, sha, [flag], [error])
    link_meetings(engine, [sha])
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        session.get(sql.SourceFile, sha).status = "partial"
        session.add(
            sql.SourceFile(
                sha256="f" * 64,
                file_name=f"{OBJECT_TEXT}.pdf",
                size=1,
                first_seen=now,
                last_seen=now,
                status="quarantined",
                reason=f"extract failed: {PLANTED}",
            )
        )


def test_status_and_flags_print_planted_markup_as_text(tmp_path, monkeypatch):
    # A terminal wide enough that no table folds or cuts a cell.
    for module in (cli, cli_audit, cli_sources):
        monkeypatch.setattr(module.console, "width", 1000)
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    _plant(db)

    for command in (["status"], ["flags"], ["flags", "--format", "json"], ["meetings"]):
        result = runner.invoke(app, [*command, "--db", db])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert _shown(OBJECT_TEXT) in _shown(result.output), command
    status = _shown(runner.invoke(app, ["status", "--db", db]).output)
    assert _shown(f"extract failed: {OBJECT_TEXT} [bold]not bold[/bold]") in status
    flags = _shown(runner.invoke(app, ["flags", "--db", db]).output)
    assert _shown("[bold]not bold[/bold]") in flags and _shown("expected [b]1[/b], found [/]2") in flags


@pytest.mark.xdist_group("prefect")
def test_run_prints_a_file_named_like_markup_as_text(prefect_harness, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # A file name holds no "/", so no closing tag: an opening one would be swallowed.
    name = "[bold]Minutes [red]of [link=mailto:clerk]May.pdf"
    (folder / name).write_bytes(b"%PDF-1.4\n[bold]")
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"

    result = runner.invoke(app, ["run", str(folder), "--db", db, "--store", str(tmp_path / "s")])

    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert f"quarantined {name}" in result.output
    assert "1 of 1 failed" in result.output
