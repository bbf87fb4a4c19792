"""SQLite FTS5 indexes kept in step with their table by triggers, as migrations create them.

An external-content FTS5 table indexes columns of an ordinary table (by its rowid)
without a copy of their text; three triggers keep it in step with inserts, deletes
and updates, and ``rebuild`` indexes the rows already there.
"""

from __future__ import annotations


def fts5_up(fts: str, table: str, columns: list[str]) -> list[str]:
    """The statements creating ``fts`` over ``columns`` of ``table`` (porter stemming), filled."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    remove = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rowid, {old});"
    add = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rowid, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', tokenize='porter unicode61')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN {remove} {add} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def fts5_down(fts: str) -> list[str]:
    """The statements dropping ``fts`` and its triggers."""
    return [f"DROP TRIGGER IF EXISTS {fts}_{t}" for t in ("au", "ad", "ai")] + [f"DROP TABLE IF EXISTS {fts}"]
