"""Corpus.export(format="quickwit"): documents and an index config that maps every field."""
import datetime
import json

import pytest

from polidex import _quickwit


@pytest.fixture(scope="module")
def exported(sample_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("qw") / "quickwit"
    n = sample_corpus.export(out, format="quickwit", index_id="privacy-policies")
    return n, out


def config_of(text):
    """The config parsed with PyYAML where it is installed; else the structure polidex printed,
    after checking that the file is exactly that structure under its comment."""
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    assert body == _quickwit.to_yaml(_quickwit.index_config("privacy-policies"))
    try:
        import yaml
    except ImportError:
        return _quickwit.index_config("privacy-policies")
    return yaml.safe_load(text)


def mapped_fields(mappings, prefix=""):
    """{dotted path: field mapping} of the leaves of a doc mapping."""
    out = {}
    for m in mappings:
        path = prefix + m["name"]
        if m["type"] == "object":
            out.update(mapped_fields(m["field_mappings"], path + "."))
        else:
            out[path] = m
    return out


def doc_fields(doc, prefix=""):
    out = {}
    for k, v in doc.items():
        if isinstance(v, dict):
            out.update(doc_fields(v, prefix + k + "."))
        else:
            out[prefix + k] = v
    return out


def test_files_and_documents(exported, sample_corpus):
    n, out = exported
    assert sorted(p.name for p in out.iterdir()) == ["index-config.yaml", "records.ndjson"]
    docs = [json.loads(line) for line in (out / "records.ndjson").read_text(encoding="utf-8").splitlines()]
    assert n == len(docs) == len(sample_corpus)
    stored = [(key, json.loads(rec)) for batch in sample_corpus._scan("", *[None] * 5) for key, _s, rec in batch]
    for doc, (key, rec) in zip(docs, stored):
        assert doc["id"] == key and doc["title"] == rec["title"] and doc["text"] == rec["text"]
        assert doc["language"] == rec["language"] and doc["languages"] == [x["code"] for x in rec["languages"]]
        assert doc["processors"]["organization"] == [p["organization"] for p in rec["processors"]]
        assert doc["processors"]["mentions"] == [m for p in rec["processors"] for m in p["mentions"]]
        assert doc["rights"] == rec["rights"]
        assert doc["transfers"]["countries"] == rec["transfers"]["countries"]
        assert doc["transfers"]["mentioned"] is rec["transfers"]["mentioned"]
        assert doc["contacts"]["emails"] == rec["contacts"]["emails"]
        assert doc.get("controller", {}).get("country") == (rec["controller"] or {}).get("country")
        assert doc["sections"]["topic"] == [s["topic"] for s in rec["sections"]]
        date = datetime.datetime.strptime(doc["effective_date"], "%Y-%m-%dT%H:%M:%SZ").date()
        assert date.isoformat() == rec["effective_date"]
        assert None not in doc_fields(doc).values()


def test_config_maps_every_document_field(exported):
    _, out = exported
    text = (out / "index-config.yaml").read_text(encoding="utf-8")
    assert "quickwit index create --index-config index-config.yaml" in text
    assert "quickwit tool local-ingest --index privacy-policies --input-path records.ndjson" in text
    assert "quickwit index ingest --index privacy-policies --input-path records.ndjson" in text
    config = config_of(text)
    assert config["index_id"] == "privacy-policies" and str(config["version"]) == "0.8"
    assert config["doc_mapping"]["mode"] == "strict"
    fields = mapped_fields(config["doc_mapping"]["field_mappings"])
    for name in config["search_settings"]["default_search_fields"]:
        assert fields[name]["type"] in ("text", "array<text>") and fields[name]["tokenizer"] != "raw", name
    for name in ("language", "languages", "rights", "processors.organization", "transfers.countries",
                 "controller.country", "processors.category"):
        assert fields[name]["tokenizer"] == "raw" and fields[name]["fast"] is True, name
    assert fields["effective_date"]["type"] == "datetime" and fields["effective_date"]["input_formats"] == ["rfc3339"]
    assert fields["text"]["record"] == "position"
    seen = set()
    for line in (out / "records.ndjson").read_text(encoding="utf-8").splitlines():
        for path, value in doc_fields(json.loads(line)).items():
            assert path in fields, f"{path} is not in the index config (strict mode would refuse it)"
            kind = fields[path]["type"]
            if isinstance(value, list):
                assert kind.startswith("array<"), path
                inner = kind[6:-1]
            else:
                inner = kind
            sample = value[0] if isinstance(value, list) and value else value
            if isinstance(sample, bool):
                assert inner == "bool", path
            elif isinstance(sample, int):
                assert inner == "u64", path
            elif isinstance(sample, str):
                assert inner in ("text", "datetime"), path
            seen.add(path)
    assert {"id", "title", "text", "processors.organization", "transfers.countries", "controller.name"} <= seen


def test_yaml_writer_quotes_what_needs_quoting():
    text = _quickwit.to_yaml({"a": "yes", "b": "0.8", "c": "x: y", "d": ["plain", "no"], "e": [{"name": "id", "k": True}]}, "hi\nthere")
    assert text.splitlines()[:2] == ["# hi", "# there"]
    assert 'a: "yes"' in text and 'b: "0.8"' in text and 'c: "x: y"' in text and 'd: [plain, "no"]' in text
    assert "e:\n  - name: id\n    k: true\n" in text
    yaml = pytest.importorskip("yaml")
    assert yaml.safe_load(text) == {"a": "yes", "b": "0.8", "c": "x: y", "d": ["plain", "no"], "e": [{"name": "id", "k": True}]}


def test_bad_index_id(sample_corpus, tmp_path):
    with pytest.raises(ValueError, match="not a Quickwit index id"):
        sample_corpus.export(tmp_path / "qw", format="quickwit", index_id="9 lives")
