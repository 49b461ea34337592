"""Write notebooks/article_report.ipynb from a list of cells (kept here so the notebook stays thin)."""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_code_cell('# Parameters: papermill injects its own values after this cell. All logic lives in `analysis`.\narticle_path = "../seeds/2022-01_blinken-lavrov-geneve.txt"\nlanguage = "nb"  # "nb" or "en"\ntop_n = 20',
                  metadata={"tags": ["parameters"]}),
    new_code_cell("from IPython.display import HTML, display\n\nfrom analysis.article import load_article\n"
                  "from analysis.present import overview\n\narticle = load_article(article_path)"),
    new_code_cell("display(HTML(overview.header_html(article, language)))"),
    new_code_cell("display(HTML(overview.zones_section(article, language)))"),
]
nb = new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbformat.write(nb, "notebooks/article_report.ipynb")
