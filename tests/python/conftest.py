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
