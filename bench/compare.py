#!/usr/bin/env python3
"""polidex vs the Python pipeline researchers write today (../shared/bench/peer_pipeline.py:
trafilatura + lingua-py + regexes + tantivy-py), in one run, on the same pages.

    python bench/compare.py [--pages 300] [--copies 10] [--corpus ../shared/corpus/privacybot/html]

The peer indexes the first N pages (sorted by file name); polidex indexes a batch made of
`copies` copies of them under distinct names, so that process start-up is amortised as in a real
batch, once with default settings (all cores) and once with --workers 1. Prints pages/s, MB/s and
peak RSS of each run and the ratios. Needs the peer's packages: pip install trafilatura
lingua-language-detector tantivy (the peer runs under --peer-python, default: this interpreter).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def run(cmd):
    """Run a command; return (seconds, its peak RSS in MB from wait4, its last output line)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    out = p.stdout.read() if p.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{cmd[0]} failed:\n{out}")
    return dt, usage.ru_maxrss / 1024, out.strip().splitlines()[-1] if out.strip() else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "privacybot" / "html"))
    ap.add_argument("--peer", default=str(SHARED / "bench" / "peer_pipeline.py"))
    ap.add_argument("--peer-python", default=sys.executable)
    ap.add_argument("--polidex", default=shutil.which("polidex") or "polidex")
    args = ap.parse_args()

    files = sorted(Path(args.corpus).iterdir())[: args.pages]
    size = sum(f.stat().st_size for f in files)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        peer_in = tmp / "peer_in"
        peer_in.mkdir()
        for f in files:
            os.symlink(f, peer_in / f.name)
        batch = tmp / "batch"
        batch.mkdir()
        for k in range(args.copies):
            for f in files:
                os.symlink(f, batch / f"{k:02d}_{f.name}")
        results = {}
        dt, rss, line = run([args.peer_python, args.peer, str(tmp / "peer_idx"), *map(str, sorted(peer_in.iterdir()))])
        results["peer"] = (len(files), size, dt, rss)
        print(f"peer       {line}")
        for label, extra in [("polidex", []), ("polidex-1w", ["--workers", "1"])]:
            idx = tmp / f"idx_{label}"
            dt, rss, line = run([args.polidex, "index", str(batch), "--corpus", str(idx), "-q", *extra])
            results[label] = (len(files) * args.copies, size * args.copies, dt, rss)
            print(f"{label:<10} {line}")
    print()
    print(f"{'run':<12} {'pages':>6} {'seconds':>8} {'pages/s':>9} {'MB/s':>7} {'peak RSS MB':>12} {'ratio':>6}")
    peer_rate = results["peer"][0] / results["peer"][2]
    for label, (n, b, dt, rss) in results.items():
        rate = n / dt
        print(f"{label:<12} {n:>6} {dt:>8.2f} {rate:>9.1f} {b / dt / 1e6:>7.2f} {rss:>12.0f} {rate / peer_rate:>6.1f}x")


if __name__ == "__main__":
    main()
