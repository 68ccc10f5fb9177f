"""Hostile input: every case runs in its own interpreter with a timeout, and must end with a
record or a clear PolidexError — never a crash, a hang or an abort."""
import subprocess
import sys
import textwrap

import pytest

RUNNER = textwrap.dedent("""
    import sys, polidex
    data = open(sys.argv[1], "rb").read()
    try:
        p = polidex.extract(data)
    except polidex.PolidexError as e:
        print("ERROR", type(e).__name__, e)
    else:
        print("OK", len(p.text), len(p.processors), p.language)
""")


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}<title>T</title></head><body>{body}</body></html>".encode()


def encoded(charset: str, text: str) -> bytes:
    html = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>x</title></head><body><p>{text}</p></body></html>'
    return html.encode(charset)


CASES = {
    "deep-nesting-200k": page("<div>" * 200_000 + "deep" + "</div>" * 200_000),
    "deep-inline-nesting": page("<b><i><span>" * 50_000 + "x"),
    "single-8mb-word": page("<p>" + "a" * (8 << 20) + "</p>"),
    "million-tiny-elements": page("<i>x</i>" * 1_000_000),
    "20mb-page": page("<p>We use Stripe and Google Analytics to process payments and statistics.</p>\n" * 260_000),
    "nul-bytes": page("<p>Privacy\x00Policy</p>\x00<p>We use Stripe.</p>"),
    "invalid-utf8": b"<html><body><p>Datenschutz \xff\xfe\xc3\x28 Erkl\xe4rung</p></body></html>",
    "random-bytes": bytes((i * 7919 + 13) % 256 for i in range(200_000)),
    "empty": b"",
    "pdf-named-html": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj",
    "png-named-html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "unclosed-markup": b"<html><body><div><p><table><tr><td>Privacy <a href='mailto:x@y.example'>mail",
    "windows-1251": encoded("windows-1251", "Политика конфиденциальности: мы используем Яндекс.Метрику."),
    "shift-jis": encoded("shift_jis", "個人情報保護方針。当社はGoogleアナリティクスを利用します。"),
    "gb18030": encoded("gb18030", "隐私政策：我们使用腾讯云存储您的个人信息。"),
    "iso-8859-2": encoded("iso-8859-2", "Zásady ochrany osobních údajů. Správce: Příklad s.r.o."),
    "entity-bomb": b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><html><body><p>&b;&b;&b; file:///etc/passwd <img src="file:///etc/passwd"></p></body></html>',
    "huge-attribute": page('<p title="' + "x" * (4 << 20) + '">t</p>'),
    "many-links": page("".join(f'<a href="https://t{i}.example/">l{i}</a> ' for i in range(200_000))),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input(name, tmp_path):
    f = tmp_path / "input.html"
    f.write_bytes(CASES[name])
    r = subprocess.run([sys.executable, "-c", RUNNER, str(f)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"{name}: exit {r.returncode}\n{r.stderr[-2000:]}"
    out = r.stdout.strip()
    assert out.startswith(("OK", "ERROR")), out
    if name in ("pdf-named-html", "png-named-html", "random-bytes"):
        assert out.startswith("ERROR InputError"), out
    if name == "windows-1251":
        assert out.startswith("OK") and out.endswith("ru"), out
    if name == "entity-bomb":
        assert "root:" not in out
