#!/usr/bin/env python3
"""Query latency on a large corpus: p50/p99 of searches with and without filters and of the
processor aggregation.

    python bench/query.py [--docs 100000] [--corpus ../shared/corpus/privacybot/html] [--index DIR]

Builds (once; reused when --index exists) a corpus of --docs policies from the privacybot pages,
each page added under many distinct URLs, then times each query kind.
"""
import argparse
import itertools
import statistics
import time
from pathlib import Path

import polidex

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["datenschutz", "google analytics", "\"personenbezogene daten\"", "cookies", "stripe", "newsletter",
           "recht auf auskunft", "privacy policy", "youtube", "server"]
FILTERS = [{"language": "de"}, {"processor": "google"}, {"right": "erasure"}, {"transfer_country": "US"},
           {"language": "en", "processor": "stripe"}]


def pages(src: Path, n: int):
    files = sorted(p for p in src.iterdir() if p.suffix in {".html", ".htm"})
    data = [(f.name, f.read_bytes()) for f in files]
    for i, (name, body) in zip(range(n), itertools.cycle(data)):
        yield f"https://copy{i // len(data)}.example/{name}", body


def timed(fn, repeat):
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    out.sort()
    return statistics.median(out), out[min(len(out) - 1, int(len(out) * 0.99))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "privacybot" / "html"))
    ap.add_argument("--index", default="/tmp/polidex-query-bench")
    ap.add_argument("--repeat", type=int, default=30)
    a = ap.parse_args()
    c = polidex.Corpus(a.index)
    if len(c) < a.docs:
        t0 = time.perf_counter()
        r = c.add_many(pages(Path(a.corpus), a.docs), commit_every=20_000)
        print(f"built {len(c)} documents in {time.perf_counter() - t0:.0f} s ({r.added} added, {len(r.failed)} failed)")
    print(f"corpus: {len(c)} documents")
    rows = []
    rows.append(("search, no filter", *timed(lambda: [c.search(q, limit=10) for q in QUERIES], a.repeat)))
    rows.append(("search + filters", *timed(lambda: [c.search(q, limit=10, **f) for q, f in zip(QUERIES, itertools.cycle(FILTERS))], a.repeat)))
    rows.append(("filters only", *timed(lambda: [c.search("", limit=10, **f) for f in FILTERS], a.repeat)))
    n = {"search, no filter": len(QUERIES), "search + filters": len(QUERIES), "filters only": len(FILTERS)}
    print(f"{'kind':<26} {'p50 ms':>8} {'p99 ms':>8}   (per query)")
    for kind, p50, p99 in rows:
        print(f"{kind:<26} {p50 / n[kind]:>8.2f} {p99 / n[kind]:>8.2f}")
    for kind, fn in [("processors()", lambda: c.processors()), ("processors(language='de')", lambda: c.processors(language="de"))]:
        p50, p99 = timed(fn, a.repeat)
        print(f"{kind:<26} {p50:>8.2f} {p99:>8.2f}")


if __name__ == "__main__":
    main()
