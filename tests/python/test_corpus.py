"""polidex.Corpus: add, add_many, search, filters, aggregation, errors."""
import pytest

import polidex


def page(title, body, lang="en"):
    return f"<html lang='{lang}'><head><title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"


@pytest.fixture
def corpus(tmp_path, samples):
    c = polidex.Corpus(tmp_path / "idx")
    report = c.add_many([samples])
    assert report.ok, report.failed
    return c


def test_add_many_indexes_the_samples(corpus, samples):
    n = len([x for x in samples.iterdir() if x.suffix in {".html", ".txt"}])
    assert len(corpus) == n
    assert "documents" in repr(corpus)


def test_search_filters_and_hits(corpus):
    hits = corpus.search(processor="stripe", limit=50)
    assert hits and all(any(p.organization == "Stripe" for p in h.policy.processors) for h in hits)
    hits = corpus.search(language="de")
    assert [h.policy.language for h in hits] == ["de"]
    h = hits[0]
    assert h.key.endswith("de-shop.html") and h.url is None
    assert isinstance(h.policy, polidex.Policy) and h.score > 0
    hits = corpus.search("Aufsichtsbehörde")
    assert hits and "Aufsichtsbehörde" in hits[0].snippet
    assert corpus.search(transfer_country="us", right="portability")
    assert corpus.search("个人信息")[0].policy.language == "zh"


def test_processors_aggregation(corpus):
    rows = corpus.processors()
    assert rows == sorted(rows, key=lambda r: (-r[1], r[0]))
    counts = dict(rows)
    assert counts["Google"] >= 3
    assert corpus.processors(language="ru")
    assert all(n == 1 for _, n in corpus.processors(language="ja"))
    assert len(corpus.processors(limit=2)) == 2


def test_bad_query_raises_with_position(corpus):
    with pytest.raises(polidex.QueryError) as e:
        corpus.search('privacy "unterminated')
    assert e.value.position == 8
    assert isinstance(e.value, polidex.PolidexError)


def test_add_replaces_by_url_and_pairs_stream(tmp_path):
    c = polidex.Corpus(tmp_path / "idx")
    pairs = ((f"https://site{i}.example/privacy", page(f"Privacy {i}", f"<p>We use Mailchimp for newsletters, page {i}.</p>")) for i in range(700))
    report = c.add_many(pairs, workers=2)
    assert report.added == 700 and report.ok
    c.add(page("Privacy 3", "<p>We now use Brevo for newsletters.</p>"), url="https://site3.example/privacy")
    c.commit()
    assert len(c) == 700
    hit = c.search("brevo")[0]
    assert hit.url == "https://site3.example/privacy"
    assert dict(c.processors())["Mailchimp"] == 699


def test_add_policy_and_context_manager(tmp_path):
    p = polidex.extract(page("Privacy", "<p>Payments are handled by PayPal.</p>"), url="https://shop.example/privacy")
    with polidex.Corpus(tmp_path / "idx") as c:
        c.add_policy(p)
    assert polidex.Corpus(tmp_path / "idx").search("paypal")[0].policy == p


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    d = tmp_path / "pages"
    d.mkdir()
    (d / "good.html").write_text(page("Privacy", "<p>We use Stripe.</p>"), encoding="utf-8")
    (d / "fake.html").write_bytes(b"%PDF-1.5 binary")
    c = polidex.Corpus(tmp_path / "idx")
    report = c.add_many([d, tmp_path / "missing.html"])
    assert report.added == 1
    reasons = dict(report.failed)
    assert "PDF" in reasons[str(d / "fake.html")]
    assert str(tmp_path / "missing.html") in reasons


def test_second_writer_is_refused(tmp_path):
    a = polidex.Corpus(tmp_path / "idx")
    a.add(page("Privacy", "<p>one</p>"), url="https://a.example")
    b = polidex.Corpus(tmp_path / "idx")
    with pytest.raises(polidex.CorpusLockedError, match="locked"):
        b.add(page("Privacy", "<p>two</p>"), url="https://b.example")
    a.commit()
    b.reload()
    assert len(b) == 1


def test_not_a_corpus(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(polidex.CorpusError):
        polidex.Corpus(f)
