"""polidex.dask: partition functions, and the same work on a two-process Dask cluster giving the
records of the single-process path."""
import json
import time

import pytest

import polidex

pd = pytest.importorskip("pandas", reason="pandas is a test dependency (pip install polidex[test])")
pytest.importorskip("dask.dataframe", reason="dask is a test dependency (pip install polidex[test])")
distributed = pytest.importorskip("dask.distributed", reason="dask.distributed is a test dependency")
import polidex.dask as pdd  # noqa: E402

from conftest import plain_rows  # noqa: E402

#: real pages read by the cluster test: the first N privacybot files by name
N_REAL = 200
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, memory_limit="4GiB"
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def single(path):
    """The single-process path: polidex.extract on the file's bytes; None where it refuses."""
    try:
        return polidex.extract(path.read_bytes()).to_dict()
    except polidex.PolidexError:
        return None


def test_extract_partition_columns_keys_and_errors(sample_files):
    de = next(f for f in sample_files if f.name == "de-shop.html")
    az = next(f for f in sample_files if f.name == "az.txt")
    pages = pd.DataFrame(
        {
            "url": ["https://shop.example/datenschutz", None, None],
            "key": [None, "my-key", None],
            "html": [de.read_bytes(), az.read_text(encoding="utf-8"), None],
            "path": [None, None, str(az)],
        }
    )
    df = pdd.extract_partition(pages, include_record=True)
    assert list(df.columns) == list(polidex.to_frame([]).columns) + ["record"]
    assert df["key"].tolist() == ["https://shop.example/datenschutz", "my-key", str(az)]
    assert [json.loads(r) for r in df["record"]] == [
        polidex.extract(de.read_bytes(), url="https://shop.example/datenschutz").to_dict(),
        polidex.extract(az.read_bytes()).to_dict(),
        polidex.extract(az.read_bytes()).to_dict(),
    ]
    assert plain_rows(df.drop(columns=["record"])) == plain_rows(
        polidex.to_frame([json.loads(r) for r in df["record"]]).assign(key=df["key"].tolist())
    )
    bad = pd.DataFrame({"data": [PDF, de.read_bytes()]})
    with pytest.raises(polidex.InputError):
        pdd.extract_partition(bad)
    kept = pdd.extract_partition(bad, errors="skip")
    assert kept["language"].tolist() == ["de"] and kept["key"].tolist() == [polidex.extract(de.read_bytes()).content_sha256]
    with pytest.raises(ValueError, match="a path column"):
        pdd.extract_partition(pd.DataFrame({"url": ["x"]}))
    assert len(pdd.extract_partition(pd.DataFrame({"path": pd.Series([], dtype=object)}))) == 0


def test_records_from_paths(sample_files, tmp_path):
    assert pdd.records_from_paths(sample_files[:3]) == [single(f) for f in sample_files[:3]]
    missing = tmp_path / "missing.html"
    with pytest.raises(OSError):
        pdd.records_from_paths([missing])
    assert pdd.records_from_paths([missing, sample_files[0]], errors="skip") == [single(sample_files[0])]


def test_real_pages_on_a_cluster_equal_the_single_process_path(client, shared):
    pages = shared / "corpus" / "privacybot" / "html"
    if not pages.is_dir():
        pytest.skip(f"the privacybot pages are read from {pages}, which is absent here")
    files = sorted(pages.iterdir(), key=lambda p: p.name)[:N_REAL]
    assert len(files) == N_REAL
    expected = {str(f): single(f) for f in files}
    refused = {k for k, v in expected.items() if v is None}

    start = time.perf_counter()
    ddf = pdd.extract_dataframe(pdd.pages_from_paths(files, npartitions=8), include_record=True, errors="skip")
    assert ddf.npartitions == 8
    df = ddf.compute()
    took = time.perf_counter() - start
    print(f"\n{N_REAL} pages on 2 worker processes in {took:.1f} s ({len(refused)} refused)")

    assert df["key"].tolist() == [k for k in expected if k not in refused]
    for key, record in zip(df["key"], df["record"]):
        got, want = json.loads(record), expected[key]
        assert got == want, key
        assert got["content_sha256"] == want["content_sha256"] and got["language"] == want["language"]
    # the table columns are those of the single-process frame
    single_frame = polidex.to_frame([expected[k] for k in df["key"]]).assign(key=df["key"].tolist())
    assert plain_rows(df.drop(columns=["record"]).reset_index(drop=True)) == plain_rows(single_frame)
    assert len({tuple(x) for x in df["processors"]}) > 20 and df["language"].nunique() > 1


def test_bag_and_parquet_shards(client, sample_files, tmp_path):
    bag = pdd.extract_bag(sample_files, npartitions=3)
    assert bag.npartitions == 3
    assert bag.compute() == [single(f) for f in sample_files]
    assert sorted(bag.pluck("language").compute()) == sorted(single(f)["language"] for f in sample_files)

    out = tmp_path / "shards"
    n = pdd.write_parquet_shards(pdd.pages_from_paths(sample_files, npartitions=4), out)
    assert n == len(sample_files)
    assert sorted(p.name for p in out.iterdir()) == [f"part-{i:05d}.parquet" for i in range(4)]
    back = pd.read_parquet(out).sort_values("key").reset_index(drop=True)
    want = pdd.extract_partition(pd.DataFrame({"path": [str(f) for f in sample_files]}))
    assert plain_rows(back) == plain_rows(want.sort_values("key").reset_index(drop=True))


def test_shards_built_on_workers_merge_into_one_corpus(client, sample_files, sample_corpus, tmp_path):
    db = pytest.importorskip("dask.bag")
    paths = [str(f) for f in sample_files]
    reference = polidex.Corpus(tmp_path / "reference")
    reference.add_many(paths)

    merged, report = pdd.build_corpora(db.from_sequence(paths, npartitions=3), tmp_path / "build")
    assert report.added == len(paths) and report.ok
    shards = sorted((tmp_path / "build").glob("shard-*"))
    assert [p.name for p in shards] == ["shard-00000", "shard-00001", "shard-00002"]
    assert sum(len(polidex.Corpus(s)) for s in shards) == len(merged) == len(paths)
    records = {key: rec for batch in merged._scan("", *[None] * 5) for key, _s, rec in batch}
    expected = {key: rec for batch in reference._scan("", *[None] * 5) for key, _s, rec in batch}
    assert {k: json.loads(v) for k, v in records.items()} == {k: json.loads(v) for k, v in expected.items()}
    assert merged.processors() == reference.processors()
    assert {h.key for h in merged.search("google", limit=50)} == {h.key for h in polidex.search_many(shards, "google", limit=50)}

    del merged  # releases its writer lock: the rerun merges into the same directory
    again, report = pdd.build_corpora(db.from_sequence(paths, npartitions=3), tmp_path / "build")
    assert report.added == 0 and report.skipped == len(paths) and len(again) == len(paths)


def test_shards_from_a_frame_of_pages_and_from_lists(client, sample_files, tmp_path):
    dd = pytest.importorskip("dask.dataframe")
    pages = pd.DataFrame(
        {"url": [f"https://site{i}.example/privacy" for i in range(len(sample_files))], "html": [f.read_bytes() for f in sample_files]}
    )
    import dask

    # Dask turns object columns into strings unless told not to: pages as bytes need this
    with dask.config.set({"dataframe.convert-string": False}):
        merged, report = pdd.build_corpora(dd.from_pandas(pages, npartitions=2), tmp_path / "frame")
    assert report.added == len(sample_files)
    assert sorted(h.url for h in merged.search(limit=50)) == sorted(pages["url"])
    bad = tmp_path / "fake.html"
    bad.write_bytes(PDF)
    merged, report = pdd.build_corpora([[str(sample_files[0])], [str(sample_files[1]), str(bad)]], tmp_path / "lists", into=tmp_path / "one")
    assert len(merged) == 2 and merged.path == str(tmp_path / "one")
    assert [name for name, _ in report.failed] == [str(bad)]
