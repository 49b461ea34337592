"""Write the article notebooks from lists of cells, so they stay thin (parameters, calls, display).

The report notebook ships inside the package (analysis/notebooks/, what `workbook report` executes) and is
copied to notebooks/ for JupyterLab; the exploration notebook lives in notebooks/ only.
Run from the repository root: `python tools/make_notebook.py`.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
PARAMETERS = (
    "# Parameters: papermill injects its own values after this cell. All logic lives in `analysis`.\n"
    'article_path = "../seeds/2022-01_blinken-lavrov-geneve.txt"\n'
    'language = "nb"  # "nb" or "en"\n'
    "top_n = 20"
)
ANALYSE = (
    "from analysis.analysis import analyse_article\n"
    "from analysis.article import load_article\n\n"
    "article = load_article(article_path)\n"
    "analysis = analyse_article(article, top_n=top_n)  # every section below reads this one analysis"
)

REPORT = [
    new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
    new_code_cell(
        "from IPython.display import HTML, display\n\n"
        "from analysis.analysis import analyse_article\n"
        "from analysis.article import load_article\n"
        "from analysis.present import article_text, overview, speakers, summary, terms, tone\n"
        "from analysis.report import publish_summary\n\n" + ANALYSE[ANALYSE.index("article = ") :]
    ),
    new_code_cell("display(HTML(summary.summary_section(analysis, language)))"),
    new_code_cell("display(HTML(speakers.speakers_section(analysis, language)))"),
    new_code_cell("display(HTML(tone.tone_section(analysis, language)))"),
    new_code_cell("display(HTML(terms.terms_section(analysis, language, top_n=top_n)))"),
    new_code_cell("display(HTML(article_text.annotated_text_html(analysis, language)))"),
    new_code_cell("display(HTML(overview.zones_section(article, language)))"),
    new_code_cell("publish_summary(analysis)  # the facts a batch index shows; not part of the page"),
]

EXPLORE = [
    new_markdown_cell(
        "# Explore one article\n\n"
        "The tidy tables behind an article's report: quotes, speakers, entities, sentiment cues and terms. "
        "Change `article_path` (or run with papermill `-p article_path …`), run all cells, then filter and "
        "plot the tables as you like. Every row carries `start`/`end` offsets into `article.text`."
    ),
    new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
    new_code_cell(
        "import seaborn as sns\n\n" + ANALYSE + "\n"
        "print(article.title, '|', article.date, '|', article.words, 'words')"
    ),
    new_markdown_cell("## Who speaks, and how much"),
    new_code_cell("speakers = analysis.speakers_frame()\nspeakers"),
    new_code_cell(
        "voiced = speakers[speakers['direct_words'] > 0]\n"
        "if len(voiced):\n"
        "    sns.barplot(data=voiced, y='name', x='share', hue='gender', dodge=False)"
    ),
    new_markdown_cell("## Every quote, with the words that name its speaker"),
    new_code_cell("quotes = analysis.quotes_frame()\nquotes[['kind', 'zone', 'speaker', 'cue', 'text']]"),
    new_code_cell(
        "# Filtering: the indirect quotes of the most quoted speaker\n"
        "top = speakers['name'].iloc[0] if len(speakers) else None\n"
        "quotes[(quotes['speaker'] == top) & (quotes['kind'] == 'indirect')]"
    ),
    new_code_cell(
        "# The evidence of one quote: its offsets point into the article text\n"
        "if len(quotes):\n"
        "    first = quotes.iloc[0]\n"
        "    print(repr(article.text[first['start']:first['end']]))"
    ),
    new_markdown_cell("## People, organisations and places"),
    new_code_cell(
        "entities = analysis.entities_frame()\n"
        "entities.groupby(['type', 'text']).size().sort_values(ascending=False).head(15)"
    ),
    new_markdown_cell("## Tone: cue words by category, and by voice"),
    new_code_cell(
        "cues = analysis.cues_frame()\n"
        "if len(cues):\n"
        "    sns.countplot(data=cues, y='category', hue='negated')\n"
        "cues.head(10)"
    ),
    new_code_cell(
        "tone = analysis.tone_frame()\n"
        "tone[tone['scope'].isin(['speaker', 'reporter'])][['scope', 'name', 'words', 'cues', 'tone', 'label']]"
    ),
    new_markdown_cell("## Words that carry the article"),
    new_code_cell(
        "import pandas as pd\n\n"
        "lemmas = pd.DataFrame(analysis.terms['lemmas'])\n"
        "lemmas[~lemmas['is_stopword']].head(15)[['lemma', 'count', 'per_1000', 'forms']]"
    ),
    new_code_cell("pd.DataFrame(analysis.terms['keyness']).head(10)"),
]


def notebook(cells: list) -> nbformat.NotebookNode:
    nb = new_notebook(cells=cells)
    for number, cell in enumerate(nb.cells):  # stable ids: regenerating an unchanged notebook changes nothing
        cell.id = f"cell-{number}"
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write_notebooks(report_name: str, report_cells: list, explore_name: str, explore_cells: list) -> None:
    """A report notebook into the package and its copy into notebooks/; an exploration notebook beside it."""
    report = notebook(report_cells)
    nbformat.write(report, ROOT / "analysis" / "notebooks" / report_name)
    nbformat.write(report, ROOT / "notebooks" / report_name)
    nbformat.write(notebook(explore_cells), ROOT / "notebooks" / explore_name)


def main() -> None:
    write_notebooks("article_report.ipynb", REPORT, "explore_article.ipynb", EXPLORE)


if __name__ == "__main__":
    main()
