"""Write notebooks/article_report.ipynb from a list of cells (kept here so the notebook stays thin)."""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_code_cell('# Parameters: papermill injects its own values after this cell. All logic lives in `analysis`.\narticle_path = "../seeds/2022-01_blinken-lavrov-geneve.txt"\nlanguage = "nb"  # "nb" or "en"\ntop_n = 20',
                  metadata={"tags": ["parameters"]}),
    new_code_cell(
        "from IPython.display import HTML, display\n\n"
        "from analysis.article import load_article\n"
        "from analysis.present import article_text, overview, speakers, summary, terms, tone\n\n"
        "article = load_article(article_path)\n"
        "inputs = summary.gather_inputs(article)  # quotes, speakers, cues and tone, computed once"
    ),
    new_code_cell("display(HTML(summary.summary_for(article, inputs, language)))"),
    new_code_cell("display(HTML(speakers.speakers_section(article, language, quotes=inputs.quotes)))"),
    new_code_cell("display(HTML(tone.tone_section(article, quotes=inputs.quotes, language=language)))"),
    new_code_cell("display(HTML(terms.terms_section(article, language, top_n=top_n)))"),
    new_code_cell("display(HTML(article_text.annotated_text_html(article, inputs.quotes, inputs.cues, language)))"),
    new_code_cell("display(HTML(overview.zones_section(article, language)))"),
]
nb = new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
nbformat.write(nb, "notebooks/article_report.ipynb")
