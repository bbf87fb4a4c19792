"""The source configuration file: which sites and committees to follow, which folders to watch.

A TOML file (``sources.toml``; ``sources.example.toml`` at the top of the repository
is a commented template)::

    [schedule]
    cron = "0 7 * * 1-5"          # when `councilpdf serve` polls (cron syntax, server time zone)
    timezone = "Europe/London"    # optional

    [storage]                     # optional; command-line options win over these
    db = "postgresql+psycopg://councilpdf@dbhost/councilpdf"
    store = "data/store"          # content-addressed copies of every PDF
    downloads = "data/downloads"  # where files wait between download and ingest

    [[moderngov]]
    name = "example"                          # a short label, used in logs and reports
    council = "Example Borough Council"       # optional: the council label meetings carry
    base_url = "https://democracy.example.gov.uk"
    committees = [123, "Cabinet"]             # committee ids or titles; omit to follow all
    days_back = 90                            # meetings from this many days ago...
    days_ahead = 30                           # ...to this many days ahead
    documents = "packs"                       # "packs" or "all" (see below)
    timeout = 30                              # seconds per request
    retries = 3                               # retries of a request after an I/O error
    user_agent = "councilpdf (data team, data@example.gov.uk)"

    [[folder]]
    name = "scans-inbox"
    path = "/srv/committee-papers/incoming"
    pattern = "**/*.pdf"                      # glob, relative to path

``[[moderngov]]`` and ``[[folder]]`` may each appear any number of times (or not at
all). Committee titles are matched ignoring case; ids are the ``committeeid`` the
site's ``GetCommittees`` lists. ``documents = "packs"`` downloads a meeting's own
documents (the agenda pack, printed minutes) when the site links any, and otherwise
every document of its agenda items; ``"all"`` downloads every linked document.
Relative paths are relative to the configuration file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DocumentChoice = Literal["packs", "all"]


class ConfigError(ValueError):
    """The configuration file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class ModernGovSite:
    """A ModernGov site and the committees to follow on it."""

    name: str
    base_url: str
    council: str | None = None
    committees: tuple[int | str, ...] = ()
    days_back: int = 90
    days_ahead: int = 30
    documents: DocumentChoice = "packs"
    timeout: float = 30.0
    retries: int = 3
    user_agent: str | None = None

    def follows(self, committee_id: int, title: str) -> bool:
        """Whether the committee with this id and title is one to follow."""
        return not self.committees or any(names_committee(c, committee_id, title) for c in self.committees)


def names_committee(wanted: int | str, committee_id: int, title: str) -> bool:
    """Whether ``wanted`` (an id, or a title in any case) is the committee with this id and title."""
    if isinstance(wanted, int):
        return wanted == committee_id
    return wanted.casefold().strip() == title.casefold().strip()


@dataclass(frozen=True)
class FolderSource:
    """A folder to watch for new or changed PDFs."""

    name: str
    path: Path
    pattern: str = "**/*.pdf"


@dataclass(frozen=True)
class SourcesConfig:
    """Everything the configuration file says."""

    sites: tuple[ModernGovSite, ...] = ()
    folders: tuple[FolderSource, ...] = ()
    cron: str | None = None
    timezone: str | None = None
    db: str | None = None
    store: str | None = None
    downloads: str | None = None


def load_config(path: str | Path) -> SourcesConfig:
    """Read and check a source configuration file.

    Raises:
        ConfigError: the file is missing, is not TOML, or a value is missing or wrong.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return parse_config(data, base=path.parent, origin=str(path))


def parse_config(
    data: dict[str, Any], base: Path = Path("."), origin: str = "configuration"
) -> SourcesConfig:
    """Check parsed TOML and turn it into a :class:`SourcesConfig`."""
    known = {"schedule", "storage", "moderngov", "folder"}
    _no_unknown(data, known, origin)
    schedule = _table(data, "schedule", origin)
    storage = _table(data, "storage", origin)
    _no_unknown(schedule, {"cron", "timezone"}, f"{origin} [schedule]")
    _no_unknown(storage, {"db", "store", "downloads"}, f"{origin} [storage]")
    sites = tuple(
        _site(entry, f"{origin} [[moderngov]] #{i + 1}")
        for i, entry in enumerate(_array(data, "moderngov", origin))
    )
    folders = tuple(
        _folder(entry, base, f"{origin} [[folder]] #{i + 1}")
        for i, entry in enumerate(_array(data, "folder", origin))
    )
    for kind, names in (("moderngov", [s.name for s in sites]), ("folder", [f.name for f in folders])):
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ConfigError(f"{origin}: [[{kind}]] names must be unique: {', '.join(duplicates)}")
    store = _optional_str(storage, "store", origin)
    downloads = _optional_str(storage, "downloads", origin)
    check_schedule(
        _optional_str(schedule, "cron", origin),
        _optional_str(schedule, "timezone", origin),
        f"{origin} [schedule]",
    )
    return SourcesConfig(
        sites=sites,
        folders=folders,
        cron=_optional_str(schedule, "cron", origin),
        timezone=_optional_str(schedule, "timezone", origin),
        db=_optional_str(storage, "db", origin),
        store=str(base / store) if store else None,
        downloads=str(base / downloads) if downloads else None,
    )


def check_schedule(cron: str | None, timezone: str | None, where: str = "schedule") -> None:
    """Raise :class:`ConfigError` unless ``cron`` is a cron expression and ``timezone`` a time zone name."""
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(
                f"{where}: timezone {timezone!r} is not a time zone name (IANA names, e.g. Europe/London)"
            ) from exc
    if cron is not None:
        from prefect.client.schemas.schedules import CronSchedule
        from pydantic import ValidationError

        try:
            CronSchedule(cron=cron)
        except ValidationError as exc:
            raise ConfigError(
                f"{where}: cron {cron!r} is not a cron schedule: five fields, minute hour day-of-month "
                'month day-of-week, e.g. "0 7 * * 1-5" for 07:00 on weekdays'
            ) from exc


def _site(entry: Any, where: str) -> ModernGovSite:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a table")
    _no_unknown(
        entry,
        {
            "name",
            "base_url",
            "council",
            "committees",
            "days_back",
            "days_ahead",
            "documents",
            "timeout",
            "retries",
            "user_agent",
        },
        where,
    )
    base_url = _required_str(entry, "base_url", where).rstrip("/")
    parsed = urlparse(base_url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(
            f"{where}: base_url must start with http:// or https:// and name a host, got {base_url!r}"
        )
    if base_url.casefold().endswith("/mgwebservice.asmx"):
        base_url = base_url[: -len("/mgWebService.asmx")]
    committees = entry.get("committees", [])
    if not isinstance(committees, list) or not all(
        isinstance(c, str) or (isinstance(c, int) and not isinstance(c, bool)) for c in committees
    ):
        raise ConfigError(f"{where}: committees must be a list of committee ids or titles")
    documents = entry.get("documents", "packs")
    if documents not in ("packs", "all"):
        raise ConfigError(f'{where}: documents must be "packs" or "all", got {documents!r}')
    return ModernGovSite(
        name=_required_str(entry, "name", where),
        base_url=base_url,
        council=_optional_str(entry, "council", where),
        committees=tuple(committees),
        days_back=_number(entry, "days_back", 90, where, int),
        days_ahead=_number(entry, "days_ahead", 30, where, int),
        documents=documents,
        timeout=float(_number(entry, "timeout", 30.0, where, (int, float))),
        retries=_number(entry, "retries", 3, where, int),
        user_agent=_optional_str(entry, "user_agent", where),
    )


def _folder(entry: Any, base: Path, where: str) -> FolderSource:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a table")
    _no_unknown(entry, {"name", "path", "pattern"}, where)
    return FolderSource(
        name=_required_str(entry, "name", where),
        path=base / _required_str(entry, "path", where),
        pattern=_optional_str(entry, "pattern", where) or "**/*.pdf",
    )


def _no_unknown(table: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)} (expected some of {', '.join(sorted(known))})"
        )


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{key}] must be a table")
    return value


def _array(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ConfigError(f"{where}: {key} must be written [[{key}]] (an array of tables)")
    return value


def _required_str(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: {key} is required (a non-empty string)")
    return value.strip()


def _optional_str(table: dict[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {key} must be a string")
    return value.strip() or None


def _number(table: dict[str, Any], key: str, default: Any, where: str, kind: type | tuple[type, ...]) -> Any:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, kind) or value < 0:
        raise ConfigError(f"{where}: {key} must be a non-negative number, got {value!r}")
    return value
