"""The source configuration file: what it accepts, and the mistakes it reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.sources.config import ConfigError, ModernGovSite, load_config, parse_config

REPO = Path(__file__).resolve().parents[1]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_file_in_the_repository_is_valid():
    cfg = load_config(REPO / "sources.example.toml")
    assert cfg.cron and cfg.timezone
    [site] = cfg.sites
    assert site.base_url.startswith("https://") and site.documents == "packs"
    assert [f.name for f in cfg.folders] == ["inbox"]
    assert cfg.store == str(REPO / "data/store")


def test_a_minimal_file_gets_defaults_and_paths_relative_to_it(tmp_path):
    path = _write(
        tmp_path,
        '[[moderngov]]\nname = "a"\nbase_url = "https://democracy.a.test/mgWebService.asmx"\n'
        '[[folder]]\nname = "in"\npath = "incoming"\n',
    )
    cfg = load_config(path)
    assert cfg.sites == (ModernGovSite(name="a", base_url="https://democracy.a.test"),)
    assert cfg.folders[0].path == tmp_path / "incoming" and cfg.folders[0].pattern == "**/*.pdf"
    assert (cfg.cron, cfg.db, cfg.store) == (None, None, None)


def test_committees_are_followed_by_id_or_title_ignoring_case():
    site = ModernGovSite("a", "https://a.test", committees=(12, "Audit Committee"))
    assert site.follows(12, "Anything")
    assert site.follows(3, "AUDIT COMMITTEE ")
    assert not site.follows(3, "Cabinet")
    assert ModernGovSite("b", "https://b.test").follows(99, "Anything")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[moderngov]]\nname = "a"\n', "base_url is required"),
        ('[[moderngov]]\nname = "a"\nbase_url = "democracy.a.test"\n', "must start with http"),
        ('[[moderngov]]\nname = "a"\nbase_url = "https://a.test"\ndocuments = "some"\n', "documents must be"),
        (
            '[[moderngov]]\nname = "a"\nbase_url = "https://a.test"\ncommittees = [1.5]\n',
            "committees must be",
        ),
        ('[[moderngov]]\nname = "a"\nbase_url = "https://a.test"\ndays_back = -1\n', "non-negative"),
        (
            '[[moderngov]]\nname = "a"\nbase_url = "https://a.test"\nbase_ulr = "x"\n',
            "unknown key(s) base_ulr",
        ),
        ('[moderngov]\nname = "a"\n', "must be written [[moderngov]]"),
        (
            '[[folder]]\nname = "f"\npath = "a"\n[[folder]]\nname = "f"\npath = "b"\n',
            "names must be unique: f",
        ),
        ("[schedule]\ncron = 7\n", "cron must be a string"),
        ("[[moderngov]\n", "not valid TOML"),
    ],
)
def test_mistakes_are_reported_with_where_and_why(tmp_path, text, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(_write(tmp_path, text))


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "nope.toml")


def test_an_empty_configuration_follows_nothing():
    cfg = parse_config({})
    assert cfg.sites == () and cfg.folders == ()
