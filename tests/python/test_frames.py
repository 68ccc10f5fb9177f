"""Tables and exports: Corpus.to_frame, processors_frame, to_arrow, arrow_batches, export."""
import json
import subprocess
import sys

import pytest

import polidex

pd = pytest.importorskip("pandas", reason="pandas is a test dependency (pip install polidex[test])")
pa = pytest.importorskip("pyarrow", reason="pyarrow is a test dependency (pip install polidex[test])")
import pyarrow.parquet as pq  # noqa: E402

from conftest import plain_rows  # noqa: E402

TEXT = ["key", "url", "title", "language", "effective_date", "controller_name", "controller_address",
        "controller_country", "dpo_name", "dpo_email", "content_sha256"]
LISTS = ["languages", "emails", "phones", "contact_urls", "processors", "processor_categories",
         "processor_countries", "rights", "transfer_countries", "transfer_mechanisms"]
COLUMNS = [
    "key", "url", "title", "language", "languages", "effective_date", "controller_name", "controller_address",
    "controller_country", "emails", "phones", "contact_urls", "dpo_name", "dpo_email", "processors",
    "processor_categories", "processor_countries", "rights", "transfers_mentioned", "transfer_countries",
    "transfer_mechanisms", "content_sha256", "n_sections",
]


@pytest.fixture(scope="module")
def corpus(sample_corpus):
    return sample_corpus


@pytest.fixture(scope="module")
def records(corpus):
    """(key, record dict) in index order, read without the table code."""
    return [(key, json.loads(rec)) for batch in corpus._scan("", *[None] * 5) for key, _src, rec in batch]


def test_frame_columns_dtypes_and_rows(corpus, records):
    df = corpus.to_frame()
    assert list(df.columns) == COLUMNS
    assert len(df) == len(corpus) == len(records) == 12
    for c in TEXT:
        assert df[c].dtype == "string", c
    for c in LISTS:
        assert df[c].dtype == object and all(isinstance(v, list) for v in df[c]), c
    assert df["transfers_mentioned"].dtype == bool
    assert df["n_sections"].dtype == "int64"
    assert df["key"].tolist() == [k for k, _ in records]


def test_frame_values_are_the_records(corpus, records):
    df = corpus.to_frame()
    for row, (key, rec) in zip(plain_rows(df), records):
        assert row["key"] == key and row["url"] == rec["url"] and row["title"] == rec["title"]
        assert row["language"] == rec["language"]
        assert row["languages"] == [x["code"] for x in rec["languages"]]
        assert row["effective_date"] == rec["effective_date"]
        ctrl = rec["controller"] or {}
        assert row["controller_name"] == ctrl.get("name") and row["controller_country"] == ctrl.get("country")
        assert row["emails"] == rec["contacts"]["emails"] and row["phones"] == rec["contacts"]["phones"]
        assert row["dpo_email"] == ((rec["contacts"]["dpo"] or {}).get("email"))
        assert row["processors"] == [p["organization"] for p in rec["processors"]]
        assert row["processor_categories"] == [p["category"] for p in rec["processors"]]
        assert row["processor_countries"] == [p["country"] for p in rec["processors"]]
        assert row["rights"] == rec["rights"]
        assert row["transfer_countries"] == rec["transfers"]["countries"]
        assert row["transfer_mechanisms"] == rec["transfers"]["mechanisms"]
        assert row["transfers_mentioned"] is rec["transfers"]["mentioned"]
        assert row["content_sha256"] == rec["content_sha256"] and row["n_sections"] == len(rec["sections"])
    assert df["processors"].map(len).sum() > 20 and df["rights"].map(len).min() > 0


def test_frame_query_and_filters(corpus):
    de = corpus.to_frame(language="de")
    assert de["language"].tolist() == ["de"]
    us = corpus.to_frame(transfer_country="US")
    assert 0 < len(us) < len(corpus)
    assert all("US" in c for c in us["transfer_countries"])
    hits = corpus.search("Aufsichtsbehörde", limit=50)
    assert set(corpus.to_frame("Aufsichtsbehörde")["key"]) == {h.key for h in hits}
    assert len(corpus.to_frame(processor="stripe")) == len(corpus.search(processor="stripe", limit=50))
    empty = corpus.to_frame(language="xx")
    assert len(empty) == 0 and list(empty.columns) == COLUMNS and empty["n_sections"].dtype == "int64"
    with pytest.raises(TypeError, match="unknown filter lang"):
        corpus.to_frame(lang="de")


def test_module_to_frame_takes_policies_hits_and_dicts(corpus):
    policies = list(corpus.records())
    by_corpus = corpus.to_frame()
    df = polidex.to_frame(policies)
    assert list(df.columns) == COLUMNS
    # a Policy has no corpus key: its URL, else its content hash
    assert df["key"].tolist() == [p.url or p.content_sha256 for p in policies]
    assert plain_rows(df.drop(columns="key")) == plain_rows(by_corpus.drop(columns="key"))
    assert plain_rows(polidex.to_frame([p.to_dict() for p in policies])) == plain_rows(df)
    hits = corpus.search(processor="google", limit=50)
    assert polidex.to_frame(hits)["key"].tolist() == [h.key for h in hits]
    with pytest.raises(TypeError, match="Policy, Hit or record dicts"):
        polidex.to_frame(["not a policy"])


def test_processors_frame_counts_match_the_aggregation(corpus, records):
    pf = corpus.processors_frame()
    assert list(pf.columns) == ["organization", "category", "country", "policies"]
    assert pf["policies"].dtype == "int64" and pf["organization"].dtype == "string"
    assert list(zip(pf["organization"], pf["policies"])) == corpus.processors()
    for org, category, country in zip(pf["organization"], pf["category"], pf["country"]):
        entries = [p for _, r in records for p in r["processors"] if p["organization"] == org]
        assert category in {p["category"] for p in entries}
        assert country is pd.NA or country in {p["country"] for p in entries}
    ru = corpus.processors_frame(language="ru")
    assert list(zip(ru["organization"], ru["policies"])) == corpus.processors(language="ru")


def test_arrow_table_schema_and_rows(corpus):
    table = corpus.to_arrow()
    assert table.schema.names == COLUMNS
    assert table.num_rows == len(corpus)
    for c in LISTS:
        assert table.schema.field(c).type == pa.list_(pa.string()), c
    assert table.schema.field("transfers_mentioned").type == pa.bool_()
    assert table.schema.field("n_sections").type == pa.int64()
    assert not table.schema.field("key").nullable and table.schema.field("url").nullable
    assert table.to_pylist() == plain_rows(corpus.to_frame())


def test_arrow_batches_stream_in_batch_size(corpus):
    batches = list(corpus.arrow_batches(batch_size=5))
    assert [b.num_rows for b in batches] == [5, 5, 2]
    assert pa.Table.from_batches(batches).equals(corpus.to_arrow())
    assert list(corpus.arrow_batches(language="xx")) == []


def test_parquet_round_trip_equals_to_frame(corpus, tmp_path):
    path = tmp_path / "policies.parquet"
    assert corpus.export(path) == len(corpus)
    assert pq.read_schema(path).remove_metadata().equals(corpus.to_arrow().schema.remove_metadata())
    back = pd.read_parquet(path)
    df = corpus.to_frame()
    assert list(back.columns) == list(df.columns) and len(back) == len(df)
    assert plain_rows(back) == plain_rows(df)
    empty = tmp_path / "none.parquet"
    assert corpus.export(empty, "parquet", language="xx") == 0
    assert pq.read_table(empty).num_rows == 0 and pq.read_schema(empty).names == COLUMNS


def test_jsonl_round_trip_equals_records(corpus, tmp_path):
    path = tmp_path / "policies.jsonl"
    assert corpus.export(path, format="jsonl") == len(corpus)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [p.to_dict() for p in corpus.records()]
    assert [polidex.Policy.from_json(line) for line in lines] == list(corpus.records())
    assert corpus.export(tmp_path / "hi.jsonl", "jsonl", language="hi") == 1


def test_export_rejects_unknown_formats(corpus, tmp_path):
    with pytest.raises(ValueError, match="parquet, jsonl, quickwit"):
        corpus.export(tmp_path / "x.csv", format="csv")


def test_missing_pandas_names_the_extra(corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install polidex\[pandas\]"):
        corpus.to_frame()
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"pip install polidex\[arrow\]"):
        corpus.to_arrow()


def test_import_polidex_imports_no_optional_dependency(python):
    code = (
        "import sys, polidex, polidex.dask; "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'matplotlib', 'dask', 'numpy') if m in sys.modules))"
    )
    r = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
