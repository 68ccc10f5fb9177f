import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"real pages and gold files are read from {SHARED}, which is absent here")
    return SHARED


@pytest.fixture
def python() -> str:
    return sys.executable


@pytest.fixture(scope="session")
def sample_files() -> list:
    return sorted(x for x in SAMPLES.iterdir() if x.suffix in {".html", ".txt"})


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory, sample_files):
    """A corpus of data/samples, built once; tests must not add to it."""
    import polidex

    corpus = polidex.Corpus(tmp_path_factory.mktemp("samples") / "idx")
    report = corpus.add_many(sample_files)
    assert report.ok and report.added == len(sample_files), report.failed
    return corpus


def plain_rows(df) -> list:
    """A DataFrame's rows as plain Python: missing values None, list-like cells lists, so frames
    read back from Parquet (numpy arrays, other string dtypes) compare with ``to_frame()``."""
    import math

    out = []
    for rec in df.to_dict("records"):
        row = {}
        for k, v in rec.items():
            if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
                v = v.tolist()
            if v is None or type(v).__name__ == "NAType" or (isinstance(v, float) and math.isnan(v)):
                v = None
            row[k] = v
        out.append(row)
    return out
