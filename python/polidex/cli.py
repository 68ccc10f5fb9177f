"""The ``polidex`` command: extract, index, search and count processors from the shell."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from . import Corpus, PolidexError, __version__, extract


def _cmd_extract(a: argparse.Namespace) -> int:
    failed = 0
    for f in a.files:
        try:
            policy = extract(Path(f).read_bytes(), url=a.url)
        except (OSError, PolidexError) as e:
            print(f"polidex: {f}: {e}", file=sys.stderr)
            failed += 1
            continue
        print(policy.to_json())
    return 1 if failed else 0


def _cmd_index(a: argparse.Namespace) -> int:
    corpus = Corpus(a.corpus)
    before = len(corpus)
    report = corpus.add_many(
        a.paths,
        workers=a.workers,
        progress=sys.stderr.isatty() and not a.quiet,
        commit_every=a.commit_every,
        skip_unchanged=not a.reindex,
    )
    corpus.reload()
    print(
        f"indexed {report.added}, unchanged {report.skipped}, failed {len(report.failed)}; "
        f"corpus {a.corpus} holds {len(corpus)} documents (was {before})"
    )
    for name, reason in report.failed[:20]:
        print(f"  failed: {name}: {reason}")
    if len(report.failed) > 20:
        print(f"  ... and {len(report.failed) - 20} more")
    if a.failures and report.failed:
        with open(a.failures, "w", encoding="utf-8") as fh:
            for name, reason in report.failed:
                fh.write(json.dumps({"path": name, "reason": reason}, ensure_ascii=False) + "\n")
        print(f"failures written to {a.failures}")
    return 0 if report.added or report.skipped or not report.failed else 1


def _cmd_search(a: argparse.Namespace) -> int:
    corpus = Corpus(a.corpus)
    hits = corpus.search(
        a.query or "",
        processor=a.processor,
        language=a.language,
        right=a.right,
        transfer_country=a.country,
        controller_country=a.controller_country,
        limit=a.limit,
    )
    if a.json:
        for h in hits:
            print(json.dumps({"key": h.key, "url": h.url, "title": h.title, "score": h.score, "snippet": h.snippet,
                              "language": h.policy.language}, ensure_ascii=False))
        return 0
    if not hits:
        print("no matches")
    for i, h in enumerate(hits, 1):
        orgs = ", ".join(p.organization for p in h.policy.processors[:6])
        print(f"{i:>3}. {h.title or '(no title)'}  [{h.policy.language}]  score {h.score:.2f}")
        print(f"     {h.url or h.key}")
        if orgs:
            print(f"     processors: {orgs}")
        if h.snippet:
            print(f"     {h.snippet[:160]}")
    return 0


def _cmd_processors(a: argparse.Namespace) -> int:
    rows = Corpus(a.corpus).processors(language=a.language, limit=a.limit)
    if a.json:
        print(json.dumps([{"organization": o, "policies": n} for o, n in rows], ensure_ascii=False))
        return 0
    width = max([len(o) for o, _ in rows] + [12])
    print(f"{'organization':<{width}}  policies")
    for org, n in rows:
        print(f"{org:<{width}}  {n:>8}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="polidex", description="Privacy policies in any language -> structured, searchable records.")
    p.add_argument("--version", action="version", version=f"polidex {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="print the record of each file as one JSON line")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--url", help="the URL the page was served from")
    e.set_defaults(func=_cmd_extract)

    i = sub.add_parser("index", help="extract and index files and folders into a corpus")
    i.add_argument("paths", nargs="+", metavar="PATH",
                   help="pages, .jsonl or .warc files (gzip too), or folders walked for them")
    i.add_argument("--corpus", required=True, metavar="DIR", help="the corpus directory (created if missing)")
    i.add_argument("--workers", type=int, default=None, help="worker threads (default: all cores)")
    i.add_argument("--failures", metavar="FILE", help="write failures as JSON lines to FILE")
    i.add_argument("--commit-every", type=int, default=10_000, metavar="N", help="commit every N documents (default 10000)")
    i.add_argument("--reindex", action="store_true", help="re-extract pages already in the corpus unchanged")
    i.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    i.set_defaults(func=_cmd_index)

    s = sub.add_parser("search", help="full-text search with filters")
    s.add_argument("corpus", metavar="DIR")
    s.add_argument("query", nargs="?", default="", metavar="QUERY")
    s.add_argument("--processor", help="organisation or service name, e.g. OpenAI")
    s.add_argument("--language", help="ISO 639-1 code, e.g. hi")
    s.add_argument("--right", help="e.g. portability")
    s.add_argument("--country", help="transfer destination, ISO alpha-2, e.g. US")
    s.add_argument("--controller-country", help="controller's country, ISO alpha-2")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--json", action="store_true", help="one JSON object per hit")
    s.set_defaults(func=_cmd_search)

    c = sub.add_parser("processors", help="processor organisations counted across the corpus")
    c.add_argument("corpus", metavar="DIR")
    c.add_argument("--language")
    c.add_argument("--limit", type=int, default=None)
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=_cmd_processors)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except PolidexError as e:
        print(f"polidex: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
