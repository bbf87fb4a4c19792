"""Exported file names: a document's own name when it fits, else bounded, and never two alike."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pipeline.db import make_engine
from pipeline.export import MAX_NAME_BYTES, export_all, export_name
from tests.records import load, minutes_doc

SHA = "ab" * 32


def test_a_name_that_fits_is_exported_as_it_is():
    assert export_name("Public reports pack 18102019 1000 Joint Committee", SHA) == (
        "Public reports pack 18102019 1000 Joint Committee.json"
    )


def test_a_second_document_of_the_same_name_gets_a_sha_prefix():
    assert export_name("Minutes", SHA, taken=True) == f"Minutes.{SHA[:12]}.json"


@given(st.text(min_size=1, max_size=400).filter(lambda s: "/" not in s and "\x00" not in s))
def test_an_exported_name_fits_a_file_system_and_starts_as_the_stem(stem):
    name = export_name(stem, SHA)
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert name.endswith(".json")
    kept = name.removesuffix(".json").removesuffix(f".{SHA[:12]}")
    assert stem.startswith(kept)


def test_documents_whose_names_are_255_bytes_long_export_under_two_names(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    long = "Minutes of the meeting of the committee " * 6
    first = "é" * 125 + ".pdf"  # 254 bytes: two bytes a letter
    second = long[:251] + ".pdf"
    for name, held in (
        (first, date(2024, 1, 1)),
        (second, date(2024, 2, 1)),
        (long[:240] + "x.pdf", date(2024, 3, 1)),
    ):
        load(engine, minutes_doc(name, "Audit Committee", held))

    written = export_all(engine, tmp_path / "out")

    names = sorted(p.name for p in written)
    assert len(names) == 3 and all(len(n.encode()) <= MAX_NAME_BYTES for n in names)
    assert all(p.is_file() for p in written)
