"""`councilpdf browse`: Datasette on a loaded database, driven in a real headless Chromium.

The browser test starts the command as a user would, opens a flag, follows its page
link and finds the flag's box drawn on the page image. Its screenshots are kept in
``test-artifacts/browse/`` (ignored by git) for a person to look at.
"""

from __future__ import annotations

import asyncio
import io
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from PIL import Image
from sqlalchemy import inspect, select, text
from typer.testing import CliRunner

from councilpdf.cli import app
from pipeline.db import make_engine
from pipeline.extract import extract_pdf, segment_pdf
from pipeline.ingest import ingest_file, mark_loaded
from pipeline.load import load_document
from pipeline.query.audit import BOX_COLOUR, SCALE
from pipeline.query.browse import QUERIES, datasette_app, metadata, snapshot
from pipeline.query.catalog import describe_column, describe_table, is_search_storage
from pipeline.validate import validate_document
from schemas import sql
from tests.records import item, load, minutes_doc
from tests.test_flags_pdfs import finance_paper

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts" / "browse"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
STARTUP_SECONDS = 90
"""How long the command may take to start serving (imports and migration on a loaded two-core machine)."""

runner = CliRunner()


def _load_pdf(engine, path: Path, store: Path) -> str:
    ingested = ingest_file(path, engine, store)
    seg = segment_pdf(ingested.stored_path, ingested.sha256).model_copy(update={"file": path.name})
    load_document(engine, extract_pdf(ingested.stored_path, seg))
    mark_loaded(engine, ingested.sha256)
    validate_document(engine, ingested.sha256)
    return ingested.sha256


def _sample(folder: Path, url: str) -> None:
    """A budget paper with planted errors (flags with boxes) and minutes recording a decision."""
    engine = make_engine(url)
    _load_pdf(engine, finance_paper(folder / "budget.pdf", "Helvetica", planted=True), folder / "store")
    items = [
        item(
            "4",
            "ERP REPLACEMENT",
            "The Oracle system upgrade was discussed at length.",
            [
                ("agreed", "It was agreed to proceed with the Oracle upgrade."),
                ("noted", "The report was noted."),
            ],
        )
    ]
    load(engine, minutes_doc("minutes.pdf", "Resources Committee", date(2023, 3, 2), items))


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browse")
    path = folder / "councilpdf.db"
    _sample(folder, f"sqlite:///{path}")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(sample_db, tmp_path_factory) -> Iterator[str]:
    """``councilpdf browse`` serving the sample database; yields its address."""
    tmp_path = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    log = (tmp_path / "browse.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "councilpdf", "browse", "--db", str(sample_db), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=5).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"browse did not start: {(tmp_path / 'browse.log').read_text()}")
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Debian's Chromium, headless, through its chromedriver (nothing is downloaded)."""
    tmp_path = tmp_path_factory.mktemp("browser")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("chromium and chromium-driver are not installed: run scripts/install-system-packages.sh")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium'}",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def _red(pixel: tuple[int, ...]) -> bool:
    r, g, b = pixel[:3]
    return abs(r - BOX_COLOUR[0]) < 40 and g < 90 and b < 90


@pytest.mark.xdist_group("browse")
def test_a_flag_leads_to_its_page_with_its_box_drawn_in_a_real_browser(served, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/councilpdf/inconsistencies?kind=total_mismatch")
    _screenshot(browser, "1-flags")
    assert "total_mismatch" in browser.page_source
    # Open the first flag: its id links to its row.
    browser.find_element(By.CSS_SELECTOR, "td.col-id a").click()
    _screenshot(browser, "2-flag")
    assert "/councilpdf/inconsistencies/" in browser.current_url
    link = browser.find_element(By.CSS_SELECTOR, "td.col-pdf_page a.evidence")
    pdf = browser.find_element(By.CSS_SELECTOR, "td.col-pdf_page a.pdf").get_attribute("href")
    link.click()
    shot = _screenshot(browser, "3-page-with-box")
    assert browser.current_url.split("?")[0].endswith(".png")
    assert browser.execute_script("return document.images[0].naturalWidth") > 0

    # The box the link names is drawn on the page image, where the link says it is.
    box = [float(v) for v in parse_qs(urlparse(browser.current_url).query)["box"][0].split(",")]
    image = Image.open(io.BytesIO(urllib.request.urlopen(browser.current_url).read())).convert("RGB")
    x0, top, x1, _ = (v * SCALE for v in box)
    edge = [(round(x), round(top - 2 * SCALE)) for x in (x0, (x0 + x1) / 2, x1)]
    assert all(_red(image.getpixel(p)) for p in edge), [image.getpixel(p) for p in edge]
    # ...and on the screen.
    assert sum(_red(p) for p in Image.open(shot).convert("RGB").getdata()) > 50

    # The PDF itself is served at the page's link.
    assert pdf.endswith(f"#page={urlparse(browser.current_url).path.split('/')[-1][:-4]}")
    with urllib.request.urlopen(pdf.split("#")[0]) as answer:
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.read(5) == b"%PDF-"


@pytest.mark.xdist_group("browse")
def test_the_views_queries_and_search_answer_in_a_real_browser(served, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/councilpdf")
    _screenshot(browser, "4-database")
    for view in ("flag_evidence", "kpi_values", "financial_values", "decision_timeline"):
        assert browser.find_elements(By.LINK_TEXT, view), view
    browser.get(f"{served}/councilpdf/decisions_on_topic?topic=oracle")
    _screenshot(browser, "5-decisions-on-a-topic")
    marked = browser.find_elements(By.CSS_SELECTOR, "td.col-snippet mark")
    assert [m.text for m in marked] == ["Oracle"]
    browser.get(f"{served}/councilpdf/decisions?_search=upgrade")
    assert "It was agreed to proceed with the Oracle upgrade." in browser.page_source
    assert "The report was noted." not in browser.page_source
    browser.get(f"{served}/councilpdf/financial_values?unit=%C2%A3m")
    _screenshot(browser, "6-financial-values")
    assert browser.find_elements(By.CSS_SELECTOR, "td.col-value_pounds")


def test_every_table_view_and_column_is_described(db_url):
    engine = make_engine(db_url)
    inspector = inspect(engine)
    missing = [
        f"{name}.{column['name']}" if column else name
        for name in [*inspector.get_table_names(), *inspector.get_view_names()]
        if not is_search_storage(name)
        for column in [None, *inspector.get_columns(name)]
        if not (describe_column(name, column["name"]) if column else describe_table(name))
    ]
    assert missing == []


def test_every_canned_query_runs(sample_db):
    engine = make_engine(f"sqlite:///{sample_db}")
    described = metadata(engine, "councilpdf")["databases"]["councilpdf"]
    assert described["queries"] == QUERIES
    assert all(t.get("hidden") or t["description"] for t in described["tables"].values())
    site = datasette_app(engine, sample_db)
    params = {"kind": "", "severity": "high", "indicator": "", "service": "", "topic": "oracle -noted"}

    async def answers() -> dict[str, int]:
        found = {}
        for name in QUERIES:
            response = await site.client.get(f"/councilpdf/{name}.json", params={**params, "_shape": "array"})
            assert response.status_code == 200, (name, response.text)
            found[name] = len(response.json())
        return found

    found = asyncio.run(answers())
    assert found["flags_by_kind_and_severity"] > 0 and found["decisions_on_topic"] == 1
    assert found["items_on_topic"] == 1 and found["documents_with_problems"] == 0


def test_an_empty_topic_matches_nothing_rather_than_failing(sample_db):
    site = datasette_app(make_engine(f"sqlite:///{sample_db}"), sample_db)
    response = asyncio.run(site.client.get("/councilpdf/decisions_on_topic.json?topic=&_shape=array"))
    assert response.status_code == 200 and response.json() == []


def test_browse_serves_only_what_the_database_stores(sample_db):
    site = datasette_app(make_engine(f"sqlite:///{sample_db}"), sample_db)
    unknown = "0" * 64

    async def ask(path: str) -> int:
        return (await site.client.get(path)).status_code

    assert asyncio.run(ask(f"/-/councilpdf/pdf/{unknown}.pdf")) == 404
    assert asyncio.run(ask("/-/councilpdf/pdf/..%2F..%2Fetc%2Fpasswd.pdf")) != 200
    with make_engine(f"sqlite:///{sample_db}").connect() as conn:
        sha = conn.scalar(select(sql.SourceFile.sha256).where(sql.SourceFile.stored_path.is_not(None)))
    assert asyncio.run(ask(f"/-/councilpdf/page/{sha}/999.png")) == 404
    assert asyncio.run(ask(f"/-/councilpdf/page/{sha}/1.png?box=1,2")) == 400
    assert asyncio.run(ask(f"/-/councilpdf/page/{sha}/1.png?text=Revenue")) == 200


def test_browse_reads_sqlite_and_never_writes(sample_db, tmp_path):
    copy = tmp_path / "copy.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    site = datasette_app(make_engine(f"sqlite:///{copy}"), copy)
    response = asyncio.run(site.client.get("/copy.json", params={"sql": "delete from documents"}))
    assert response.status_code == 400
    with make_engine(f"sqlite:///{copy}").connect() as conn:
        assert conn.scalar(text("select count(*) from documents")) == 2


def test_browse_without_a_database_is_a_one_line_error_and_creates_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COUNCILPDF_DB", raising=False)
    result = runner.invoke(app, ["browse"])
    assert result.exit_code == 1
    assert "error: no database at" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "data").exists()


def test_browse_refuses_a_port_in_use(sample_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = runner.invoke(app, ["browse", "--db", str(sample_db), "--port", str(port)])
    assert result.exit_code == 2 and f"port {port}" in result.output


@pytest.mark.postgres
def test_a_postgresql_database_is_browsed_through_a_sqlite_snapshot(postgres_url, tmp_path):
    _sample(tmp_path, postgres_url)
    source = make_engine(postgres_url)
    copy = snapshot(source, tmp_path / "snapshot.db")
    for table in ("documents", "inconsistencies", "flag_locations", "decisions", "table_cells"):
        with source.connect() as a, copy.connect() as b:
            count = text(f"select count(*) from {table}")
            assert a.scalar(count) == b.scalar(count) > 0, table
    with copy.connect() as conn:
        assert conn.scalar(text("select count(*) from decisions_fts where decisions_fts match 'oracle'")) == 1
