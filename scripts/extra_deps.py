"""Print the requirements of one optional-dependency group of pyproject.toml, one a line.

The Makefile installs the ``test`` group this way (``... | xargs pip install``) without building
polidex itself, so pyproject.toml stays the one list of dependencies.

    python scripts/extra_deps.py test
"""
import sys
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python < 3.11: pip's vendored copy of the same parser
    from pip._vendor import tomli as tomllib


def main(group: str) -> int:
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    extras = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    if group not in extras:
        print(f"no optional-dependency group {group!r} in {pyproject}; there are {', '.join(extras)}", file=sys.stderr)
        return 2
    print("\n".join(extras[group]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "test"))
