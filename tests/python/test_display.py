"""Notebook display: HTML cards for Policy, Hit and search results (escaped), and the chart."""
import copy
import html

import pytest

import polidex

HOSTILE = "<script>alert('x')</script>"
PAGE = (
    "<html><head><title>Privacy &lt;script&gt;alert(1)&lt;/script&gt;</title></head><body><main>"
    "<h1>Privacy Policy</h1><p>Payments are handled by Stripe &lt;script&gt;steal()&lt;/script&gt; for our shop.</p>"
    "<p>Write to <a href='mailto:privacy@shop.example'>privacy@shop.example</a>.</p></main></body></html>"
)


def test_policy_card_shows_the_record(sample_files):
    p = polidex.extract(next(f for f in sample_files if f.name == "en-saas.html").read_bytes(), url="https://tallyfold.example/privacy")
    card = p._repr_html_()
    assert card.startswith('<div class="polidex-policy"')
    assert html.escape(p.title) in card
    assert '<a href="https://tallyfold.example/privacy"' in card
    assert p.effective_date in card and p.controller.name in card
    for x in p.processors:
        assert html.escape(x.organization) in card and x.category in card
    for right in p.rights:
        assert right in card
    for email in p.contacts.emails:
        assert email in card
    for country in p.transfers.countries:
        assert f">{country}</span>" in card
    assert f"processors ({len(p.processors)})" in card


def test_text_from_the_page_is_escaped():
    p = polidex.extract(PAGE, url="javascript:alert(1)")
    assert "<script>" in p.title and any("<script>" in x.evidence for x in p.processors)
    card = p._repr_html_()
    assert "<script" not in card.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card and "&lt;script&gt;steal()&lt;/script&gt;" in card
    assert 'href="javascript' not in card and "javascript:alert(1)" in card


def test_every_field_is_escaped(sample_files):
    record = polidex.extract(next(f for f in sample_files if f.name == "de-shop.html").read_bytes()).to_dict()
    markers = iter(range(1000))

    def bad() -> str:
        return f"<script>alert({next(markers)})</script>"

    r = copy.deepcopy(record)
    r["url"] = "https://x.example/?q=" + bad()
    r["title"] = bad()
    r["effective_date"] = bad()
    r["languages"][0]["code"] = bad()
    r["controller"].update(name=bad(), address=bad(), country=bad(), evidence=bad())
    r["contacts"].update(emails=[bad()], phones=[bad()], urls=["https://" + bad()], dpo={"name": bad(), "email": bad()})
    for proc in r["processors"]:
        proc.update(organization=bad(), category=bad(), country=bad(), evidence=bad(), mentions=[bad()])
    r["rights"] = [bad()]
    r["transfers"].update(countries=[bad()], mechanisms=[bad()], evidence=[bad()])
    n = next(markers)
    assert n == 17 + 5 * len(r["processors"]) and r["processors"]
    card = polidex.Policy.from_dict(r)._repr_html_()
    assert "<script" not in card.lower()
    for i in range(n):
        assert f"&lt;script&gt;alert({i})&lt;/script&gt;" in card, f"marker {i} is not shown escaped"


def test_hits_and_results_render_and_stay_lists(sample_corpus):
    results = sample_corpus.search("google", limit=3)
    assert isinstance(results, list) and isinstance(results, polidex.SearchResults)
    assert results == list(results) and len(results) == 3 and results.query == "google"
    page = results._repr_html_()
    assert page.count('class="polidex-hit"') == 3 and "3 results for &#x27;google&#x27;" in page
    for h in results:
        assert html.escape(h.title) in page and html.escape(h.key) in page
        assert h._repr_html_().count('class="polidex-policy"') == 1
    assert isinstance(sample_corpus.search(language="xx"), polidex.SearchResults)
    assert polidex.SearchResults([], query=HOSTILE)._repr_html_().count("<script") == 0


def test_search_many_merges_by_score(sample_corpus, tmp_path, sample_files):
    a, b = polidex.Corpus(tmp_path / "a"), polidex.Corpus(tmp_path / "b")
    a.add_many(sample_files[::2])
    b.add_many(sample_files[1::2])
    hits = polidex.search_many([a, tmp_path / "b"], "google", limit=20)
    assert isinstance(hits, polidex.SearchResults) and len(hits) == 6
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert {h.key for h in hits} == {h.key for h in sample_corpus.search("google", limit=20)}
    assert {h.key for h in hits} & {h.key for h in a.search("google")} and {h.key for h in hits} & {h.key for h in b.search("google")}
    top = polidex.search_many([a, b, a], "google", limit=3)
    assert len(top) == 3 and len({h.key for h in top}) == 3 and [h.key for h in top] == [h.key for h in hits[:3]]
    de = polidex.search_many([a, b], language="de")
    assert [h.policy.language for h in de] == ["de"]


def test_plot_processors_counts(sample_corpus):
    matplotlib = pytest.importorskip("matplotlib", reason="matplotlib is a test dependency")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    counts = dict(sample_corpus.processors())
    top = [org for org, _ in sample_corpus.processors(limit=5)]
    try:
        ax = sample_corpus.plot_processors(top=5)
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels == top
        widths = {}
        for patch in ax.patches:
            y = round(patch.get_y() + patch.get_height() / 2)
            widths[y] = widths.get(y, 0) + patch.get_width()
        assert [widths[ax.get_yticks()[i]] for i in range(len(top))] == [counts[o] for o in top]
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        languages = set(sample_corpus.to_frame()["language"])
        assert legend and set(legend) <= languages

        ax = sample_corpus.plot_processors(top=3, by=None)
        assert [p.get_width() for p in ax.patches] == [counts[o] for o in top[:3]]
        ax = sample_corpus.plot_processors(top=4, by="category")
        cats = {t.get_text() for t in ax.get_legend().get_texts()}
        assert cats and cats <= {c for cs in sample_corpus.to_frame()["processor_categories"] for c in cs}
        with pytest.raises(ValueError, match="by must be one of"):
            sample_corpus.plot_processors(by="country")
    finally:
        plt.close("all")
