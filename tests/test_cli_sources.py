"""The commands for sources, scheduling, Dask and following meetings: help, errors and real runs."""

from __future__ import annotations

import socket
from datetime import date

import pytest
import typer
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from councilpdf.cli_sources import register
from flows.poll import poll_flow
from flows.serve import DEFAULT_CRON, serve_options
from pipeline.db import make_engine
from pipeline.query.meetings import link_meetings
from schemas.records import Kpi
from tests.moderngov_standin import ModernGovStandIn, StandInDocument, StandInMeeting
from tests.records import item, load, minutes_doc, pack_doc
from tests.test_search import _kpi_doc

runner = CliRunner()
COMMANDS = ["fetch", "serve", "run-dask", "meetings", "decisions", "kpi-history"]


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'db.sqlite'}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(app, command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_fetch_and_serve_need_a_valid_configuration(app, tmp_path):
    for command in ("fetch", "serve"):
        result = runner.invoke(app, [command, "--config", str(tmp_path / "none.toml")])
        assert result.exit_code == 2 and "no source configuration" in result.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[[moderngov]]\nname = "x"\n')
    result = runner.invoke(app, ["fetch", "--config", str(bad)])
    assert result.exit_code == 2 and "base_url is required" in result.output


def test_serve_explains_that_schedules_need_a_prefect_server(app, tmp_path):
    config = tmp_path / "sources.toml"
    config.write_text("")
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = runner.invoke(app, ["serve", "--config", str(config)])
    assert result.exit_code == 2 and "prefect server start" in result.output
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with temporary_settings(updates={PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}):
        result = runner.invoke(app, ["serve", "--config", str(config)])
    assert result.exit_code == 2 and "no Prefect server answers" in result.output


def test_the_served_deployment_polls_on_the_cron_with_the_configuration(tmp_path):
    config = tmp_path / "sources.toml"
    config.write_text('[schedule]\ncron = "30 6 * * 1-5"\ntimezone = "Europe/London"\n')
    deployment = poll_flow.to_deployment(**serve_options(config, db="sqlite:///x.db", workers=2))
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 6 * * 1-5", "Europe/London")
    assert deployment.parameters == {"config": str(config.resolve()), "db": "sqlite:///x.db", "workers": 2}
    config.write_text("")
    assert serve_options(config)["schedule"].cron == DEFAULT_CRON
    assert serve_options(config, cron="0 * * * *")["schedule"].cron == "0 * * * *"


def test_run_dask_reports_bad_arguments(app, tmp_path, db):
    result = runner.invoke(app, ["run-dask", str(tmp_path / "missing"), "--db", db])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(app, ["run-dask", str(tmp_path), "--db", db, "--scheduler", "tcp://10.0.0.1:8786"])
    assert result.exit_code == 2 and "PostgreSQL" in result.output


def _seed(db: str) -> None:
    engine = make_engine(db)
    held = date(2023, 3, 2)
    items = [
        item(
            "4",
            "ERP REPLACEMENT",
            "The Oracle system upgrade was discussed.",
            [("agreed", "It was agreed to proceed.")],
        ),
        item("5", "BUDGET", "The budget was noted.", [("noted", "The Committee noted the budget.")]),
    ]
    for doc in (
        minutes_doc("march.pdf", "Resources Committee", held, items),
        pack_doc(
            "june-pack.pdf", "RESOURCES COMMITTEE", date(2023, 6, 1), minutes_of=held, minute_items=items
        ),
    ):
        load(engine, doc)
    load(
        engine,
        _kpi_doc(
            "kpi.pdf",
            date(2023, 6, 1),
            [
                Kpi(
                    indicator="Days to pay invoices",
                    council="Westshire",
                    period="2022/23 Q4",
                    target="20",
                    actual="18",
                    prov=item("1", "", "").prov,
                )
            ],
        ),
    )
    link_meetings(engine)


def test_decisions_lists_a_topic_per_committee(app, db):
    _seed(db)
    result = runner.invoke(app, ["decisions", "--topic", "Oracle", "--db", db])
    assert result.exit_code == 0, result.output
    assert "It was agreed to proceed." in result.output and "noted the budget" not in result.output
    assert "1 decision(s) about 'Oracle'" in result.output
    assert "march.pdf" in result.output and "june-pack.pdf" in result.output
    result = runner.invoke(app, ["decisions", "--committee", "planning", "--db", db])
    assert result.exit_code == 0 and "0 decision(s)" in result.output
    result = runner.invoke(app, ["decisions", "--since", "March 2023", "--db", db])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_kpi_history_and_meetings(app, db):
    _seed(db)
    result = runner.invoke(app, ["kpi-history", "days to pay", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Westshire" in result.output and "2022/23 Q4" in result.output
    result = runner.invoke(app, ["kpi-history", "no such indicator", "--db", db])
    assert result.exit_code == 1 and "no indicator matches" in result.output
    result = runner.invoke(app, ["meetings", "--committee", "resources", "--db", db])
    assert result.exit_code == 0 and "2023-03-02" in result.output and "2 meeting(s)" in result.output


@pytest.mark.xdist_group("prefect")
def test_fetch_polls_once_and_a_second_fetch_finds_nothing_new(prefect_harness, app, tmp_path, raw_pdfs, db):
    doc = StandInDocument(1, "Printed minutes", raw_pdfs / "oneSource-2019-07-12-minutes.pdf")
    with ModernGovStandIn(
        {3: "A Committee"}, [StandInMeeting(1, 3, date(2019, 7, 12), documents=[doc])]
    ) as site:
        config = tmp_path / "sources.toml"
        config.write_text(
            f'[storage]\nstore = "store"\n[[moderngov]]\nname = "stand-in"\nbase_url = "{site.base_url}"\n'
            "days_back = 20000\n"
        )
        first = runner.invoke(app, ["fetch", "--config", str(config), "--db", db])
        second = runner.invoke(app, ["fetch", "--config", str(config), "--db", db])
    assert first.exit_code == 0, first.output
    assert (
        "1 downloaded" in first.output and "0 of 1 failed (1 loaded, 0 partial, 0 unchanged)" in first.output
    )
    assert second.exit_code == 0, second.output
    assert "0 downloaded, 1 unchanged" in second.output and "nothing new to process" in second.output
