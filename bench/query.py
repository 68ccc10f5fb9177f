#!/usr/bin/env python3
"""Query latency on a large corpus: p50/p99 of searches with and without filters and of the
processor aggregation.

    python bench/query.py [--docs 100000] [--corpus ../shared/corpus/privacybot/html] [--index DIR]

Builds (once; reused when --index exists) a corpus of --docs policies from the privacybot pages:
each page is extracted once and its record added under many distinct URLs (so building costs
indexing, not extraction). Then times every query individually and reports p50/p99 per kind.
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


def build(c: "polidex.Corpus", src: Path, n: int) -> None:
    records = []
    for f in sorted(p for p in src.iterdir() if p.suffix in {".html", ".htm"}):
        try:
            records.append((f.name, polidex.extract(f.read_bytes())))
        except polidex.PolidexError:
            pass  # PDFs saved as .html
    for i, (name, policy) in zip(range(n), itertools.cycle(records)):
        c.add_policy(policy, key=f"https://copy{i // len(records)}.example/{name}")
        if i % 20_000 == 19_999:
            c.commit()
    c.commit()


def timed(calls, repeat):
    """p50 and p99 in ms over every single call, `repeat` rounds of all of them."""
    out = []
    for _ in range(repeat):
        for fn in calls:
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
        build(c, Path(a.corpus), a.docs)
        print(f"built {len(c)} documents in {time.perf_counter() - t0:.0f} s")
    print(f"corpus: {len(c)} documents")
    kinds = [
        ("search, no filter", [lambda q=q: c.search(q, limit=10) for q in QUERIES]),
        ("search + filters", [lambda q=q, f=f: c.search(q, limit=10, **f) for q, f in zip(QUERIES, itertools.cycle(FILTERS))]),
        ("filters only", [lambda f=f: c.search("", limit=10, **f) for f in FILTERS]),
        ("processors()", [lambda: c.processors()]),
        ("processors(language='de')", [lambda: c.processors(language="de")]),
    ]
    print(f"{'kind':<26} {'p50 ms':>8} {'p99 ms':>8}   (each call: 10 hits, snippets, Hit objects)")
    for kind, calls in kinds:
        p50, p99 = timed(calls, a.repeat)
        print(f"{kind:<26} {p50:>8.2f} {p99:>8.2f}")


if __name__ == "__main__":
    main()
