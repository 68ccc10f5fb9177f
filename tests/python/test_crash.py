"""A batch killed with SIGKILL loses nothing that was committed, leaves a corpus that opens and
takes new documents, and a re-run indexes every page exactly once."""
import os
import signal
import subprocess
import sys
import time

import polidex

N = 1200


def write_pages(d):
    d.mkdir()
    for i in range(N):
        (d / f"p{i:05d}.html").write_text(
            f"<html><head><title>Privacy {i}</title></head><body><main><h1>Privacy Policy</h1>"
            f"<p>Site number marker{i} uses Stripe for payments and Mailchimp for newsletters.</p>"
            f"<p>You have the right to access and erase your data.</p></main></body></html>",
            encoding="utf-8",
        )


def test_kill_mid_batch_then_resume(tmp_path):
    pages = tmp_path / "pages"
    write_pages(pages)
    idx = tmp_path / "idx"
    cmd = [sys.executable, "-m", "polidex", "index", str(pages), "--corpus", str(idx), "--workers", "1", "--commit-every", "50", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader = None
    deadline = time.time() + 300
    committed = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if reader is None and (idx / "meta.json").exists():
            reader = polidex.Corpus(idx)
        if reader is not None:
            reader.reload()
            committed = len(reader)
            if committed >= 100:
                break
    assert proc.poll() is None, "the batch finished before it could be killed; make it longer"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert committed >= 100

    after = polidex.Corpus(idx)
    n = len(after)
    assert committed <= n < N, (committed, n)
    hit = after.search("marker7")
    assert [h.policy.title for h in hit] == ["Privacy 7"]

    r = subprocess.run(cmd[:-1], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert f"unchanged {n}," in r.stdout, r.stdout
    final = polidex.Corpus(idx)
    assert len(final) == N
    for k in (0, 7, N // 2, N - 1):
        assert len(final.search(f"marker{k}")) == 1
    assert dict(final.processors())["Stripe"] == N
    # and it still takes new documents
    final.add("<p>one more page about Brevo newsletters</p>", url="https://new.example/privacy")
    final.commit()
    assert len(final) == N + 1
