"""A built wheel works on its own: installed in a fresh virtual environment, it opens a
database (the migrations ship inside the package) and runs the main job on a sample."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("prefect")]


def _uv() -> str:
    found = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    if not Path(found).exists():
        pytest.skip("uv is not installed (make installs it)")
    return found


def test_the_wheel_installed_in_a_fresh_environment_runs_the_main_job(tmp_path, raw_pdfs):
    uv = _uv()
    dist = tmp_path / "dist"
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(dist), str(REPO)], check=True, capture_output=True
    )
    (wheel,) = dist.glob("councilpdf-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([uv, "venv", "--quiet", "--python", "3.11", str(venv)], check=True)
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), str(wheel)], check=True
    )

    work = tmp_path / "elsewhere"  # nothing of the checkout beside it
    work.mkdir()
    sample = shutil.copy(raw_pdfs / "oneSource-2020-02-07-kpi-q2-cover.pdf", work)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONPATH", "VIRTUAL_ENV"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    done = subprocess.run(
        [str(venv / "bin" / "councilpdf"), "run", str(sample), "--db", f"sqlite:///{work / 'db.sqlite'}"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 of 1 failed (1 loaded" in done.stdout
