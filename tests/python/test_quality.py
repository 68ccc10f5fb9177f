"""Quality on real pages (../shared): the figures the project promises, checked with the
project's scorer. Skipped where ../shared is absent."""
import json
import subprocess


def score(python, shared, gold):
    r = subprocess.run([python, str(shared / "eval" / "score.py"), "--gold", str(shared / gold), "--json"],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_seeds(python, shared):
    s = score(python, shared, "seeds/gold.jsonl")
    assert not s["errors"]
    assert s["overall"] >= 0.85, s
    for field, v in s["fields"].items():
        assert v.get("f1", v.get("accuracy")) >= 0.6, (field, v)


def test_devset(python, shared):
    s = score(python, shared, "devset/gold.jsonl")
    assert not s["errors"]
    assert s["overall"] >= 0.80, s
    assert s["fields"]["language"]["accuracy"] >= 0.95
