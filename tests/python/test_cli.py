"""The polidex command, end to end."""
import json
import subprocess


def run(python, *args, check=True):
    r = subprocess.run([python, "-m", "polidex", *map(str, args)], capture_output=True, text=True, timeout=300)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def test_extract_prints_json_lines(python, samples):
    r = run(python, "extract", samples / "de-shop.html", samples / "az.txt")
    lines = [json.loads(l) for l in r.stdout.splitlines()]
    assert [l["language"] for l in lines] == ["de", "az"]


def test_extract_reports_a_bad_file(python, tmp_path):
    bad = tmp_path / "x.html"
    bad.write_bytes(b"%PDF-1.7")
    r = run(python, "extract", bad, check=False)
    assert r.returncode == 1 and "PDF" in r.stderr


def test_index_search_processors(python, samples, tmp_path):
    idx = tmp_path / "idx"
    fails = tmp_path / "failures.jsonl"
    (tmp_path / "bad.html").write_bytes(b"\x89PNG\r\n")
    r = run(python, "index", samples, tmp_path / "bad.html", "--corpus", idx, "--workers", "2", "--failures", fails)
    assert "indexed 12, unchanged 0, failed 1" in r.stdout
    r = run(python, "index", samples, "--corpus", idx)
    assert "indexed 0, unchanged 12, failed 0" in r.stdout
    assert json.loads(fails.read_text().splitlines()[0])["path"].endswith("bad.html")
    r = run(python, "processors", idx, "--limit", "5")
    assert r.stdout.splitlines()[0].startswith("organization")
    assert "Google" in r.stdout
    r = run(python, "processors", idx, "--json", "--language", "zh")
    assert {row["organization"] for row in json.loads(r.stdout)} >= {"Tencent"}
    r = run(python, "search", idx, "payments", "--processor", "stripe")
    assert "Stripe" in r.stdout
    r = run(python, "search", idx, "--language", "hi", "--json")
    assert json.loads(r.stdout.splitlines()[0])["language"] == "hi"
    r = run(python, "search", idx, '"unterminated', check=False)
    assert r.returncode == 2 and "position" in r.stderr


def test_index_fails_only_when_nothing_indexed(python, tmp_path):
    (tmp_path / "a.html").write_bytes(b"%PDF-1.7")
    r = run(python, "index", tmp_path / "a.html", "--corpus", tmp_path / "idx", check=False)
    assert r.returncode == 1
