"""examples/polidex-tour.ipynb runs end to end (nbclient and a real kernel; without nbclient, its
code cells run in one fresh namespace) and shows what it says it shows."""
import os

import pytest

import polidex

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "polidex-tour.ipynb"

for module in ("nbformat", "pandas", "pyarrow", "matplotlib", "dask"):
    pytest.importorskip(module, reason=f"{module} is a test dependency (pip install polidex[test])")
import nbformat  # noqa: E402


def outputs_by_cell(nb):
    return [(cell.source, cell.get("outputs", [])) for cell in nb.cells if cell.cell_type == "code"]


def test_the_tour_runs_and_shows_cards_tables_and_a_chart():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), "commit the notebook without outputs"
    try:
        from nbclient import NotebookClient
    except ImportError:
        NotebookClient = None
    if NotebookClient is None:  # the code cells, in order, in one namespace
        namespace = {"__name__": "__main__"}
        cwd = os.getcwd()
        os.chdir(NOTEBOOK.parent)
        try:
            for source, _ in outputs_by_cell(nb):
                exec(compile(source, str(NOTEBOOK), "exec"), namespace)
        finally:
            os.chdir(cwd)
        assert namespace["report"].added == 12 and namespace["n"] == 12
        return

    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    cells = outputs_by_cell(nb)
    errors = [o for _, outs in cells for o in outs if o.output_type == "error"]
    assert not errors, errors

    def output(fragment):
        return next(outs for src, outs in cells if fragment in src)

    policy = polidex.extract((ROOT / "data" / "samples" / "de-shop.html").read_bytes())
    card = output("policy = polidex.extract")[0]["data"]["text/html"]
    assert card.startswith('<div class="polidex-policy"') and f"processors ({len(policy.processors)})" in card
    assert policy.processors and all(p.organization in card for p in policy.processors)
    assert output("report = corpus.add_many")[0]["data"]["text/plain"] == "(<BatchReport added=12 skipped=0 failed=0>, 12)"
    hits = output('corpus.search("google"')[0]["data"]["text/html"]
    assert hits.count('class="polidex-hit"') == 3
    table = output("df = corpus.to_frame()")[0]["data"]["text/html"]
    assert "controller_name" in table and table.count("<tr") == 1 + 12  # the header and a row per policy
    assert "Google" in output("corpus.processors_frame()")[0]["data"]["text/plain"]
    assert any("image/png" in o.get("data", {}) for o in output("plot_processors"))
    assert output("policies.parquet")[0]["data"]["text/plain"] == "(12, (12, 23))"  # rows written, the shape read back
    assert "quickwit index create" in output("quickwit")[0]["text"]
    assert "key" in output("pdd.extract_dataframe")[0]["data"]["text/plain"]
