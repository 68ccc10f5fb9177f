"""Limits set from Python, panics that never cross into Python, and concurrent use from threads."""
from concurrent.futures import ThreadPoolExecutor

import pytest

import polidex
from polidex import _polidex

PAGE = (
    "<html lang='en'><head><title>Privacy Policy</title></head><body><main>"
    "<h2>Who we are</h2><p>Example Shop Ltd, 1 High Street, Leeds LS1 1AA, United Kingdom, is the controller.</p>"
    "<h2>Processors</h2><p>Payments are handled by Stripe; newsletters are sent with Mailchimp.</p>"
    "<h2>Your rights</h2><p>You have the right of access, to rectification and to erasure.</p>"
    "</main></body></html>"
)


def test_a_panic_in_rust_is_an_internal_error_not_a_crash():
    with pytest.raises(polidex.InternalError, match="deliberate panic"):
        _polidex._panic_probe()
    # the interpreter and the module go on working
    assert polidex.extract(PAGE).processors


def test_max_bytes_from_python_raises_input_error_naming_the_limit():
    with pytest.raises(polidex.InputError, match="limit of 100 bytes"):
        polidex.extract(PAGE, max_bytes=100)
    assert polidex.extract(PAGE, max_bytes=len(PAGE.encode())).title == "Privacy Policy"


def test_max_depth_from_python_flattens_but_keeps_the_text():
    deep = "<div>" * 300 + "We use Stripe for payments." + "</div>" * 300
    p = polidex.extract(f"<html><body>{deep}</body></html>", max_depth=50)
    assert "We use Stripe for payments." in p.text
    assert [x.organization for x in p.processors] == ["Stripe"]


def test_add_many_reports_pages_over_the_limit_and_goes_on(tmp_path):
    c = polidex.Corpus(tmp_path / "c")
    big = PAGE.replace("Leeds", "Leeds " + "x" * 5000)
    r = c.add_many([("https://a.example/p", PAGE), ("https://b.example/p", big)], max_bytes=4000)
    assert r.added == 1
    assert [u for u, _ in r.failed] == ["https://b.example/p"]
    assert "limit" in r.failed[0][1]


def test_threads_extract_concurrently_with_the_same_results():
    pages = [PAGE.replace("Example Shop", f"Shop {i}") for i in range(24)]
    sequential = [polidex.extract(p).to_dict() for p in pages]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda p: polidex.extract(p).to_dict(), pages))
    assert threaded == sequential


def test_readers_search_while_a_writer_adds(tmp_path):
    path = tmp_path / "c"
    writer = polidex.Corpus(path)
    writer.add(PAGE, url="https://first.example/privacy")
    writer.commit()
    reader = polidex.Corpus(path)

    def search(_):
        return [h.url for h in reader.search("stripe")]

    def write():
        for i in range(10):
            writer.add(PAGE, url=f"https://w{i}.example/privacy")
        writer.commit()

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(search, i) for i in range(20)]
        w = pool.submit(write)
        results = [f.result() for f in futures]
        w.result()
    # every search saw a committed state: the first document at least, never an error
    assert all("https://first.example/privacy" in r for r in results)
    reader.reload()
    assert len(reader) == 11
