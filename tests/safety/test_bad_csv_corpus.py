"""The bad-CSV corpus in tests/data/csv: each file refused as expected.json says, adding nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimtracker.csvio import CsvImportOptions, import_csv
from claimtracker.errors import CsvImportError
from claimtracker.sample import build_sample
from claimtracker.store import Store
from tests.safety.hostile import table_counts

CORPUS = Path(__file__).parent.parent / "data" / "csv"
EXPECTED: dict[str, Any] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(name for name in EXPECTED if not name.startswith("_"))


def test_the_corpus_is_complete() -> None:
    files = {path.name for path in CORPUS.iterdir() if path.suffix == ".csv"}
    assert len(files) >= 30
    assert files == set(CASES), "every bad file needs an expected outcome, and vice versa"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("corpus") / "claims.db")
    build_sample(store)  # a database with work in it, which a bad file must leave alone
    yield store
    store.close()


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_a_bad_file_is_refused_where_it_is_wrong(
    sample_store: Store, name: str, dry_run: bool
) -> None:
    expected = EXPECTED[name]
    path = CORPUS / name
    given = expected.get("options", {})
    options = CsvImportOptions(
        encoding=given.get("encoding"),
        delimiter=given.get("delimiter"),
        mapping=tuple(given.get("mapping", ())),
    )
    before = table_counts(sample_store)
    with pytest.raises(CsvImportError) as caught:
        import_csv(sample_store, path, options, dry_run=dry_run)
    error = caught.value
    assert expected["error"] in str(error)
    assert (error.path, error.line, error.column) == (
        str(path),
        expected["line"],
        expected["column"],
    )
    assert str(error).startswith(str(path))
    assert table_counts(sample_store) == before
