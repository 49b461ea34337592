"""Write the corpus notebooks from lists of cells, so they stay thin (parameters, calls, display).

The report notebook ships inside the package (analysis/notebooks/corpus_report.ipynb, what
`workbook corpus report` executes) and is copied to notebooks/ for JupyterLab; the exploration notebook
lives in notebooks/ only. Run from the repository root: `python tools/make_corpus_notebooks.py`.
"""

from make_notebook import write_notebooks  # the article notebooks' writer (tools/ is on the path when run)
from nbformat.v4 import new_code_cell, new_markdown_cell

PARAMETERS = (
    "# Parameters: papermill injects its own values after this cell. All logic lives in `analysis`.\n"
    'dataset = "../.cache/corpus/dataset"  # made by `workbook corpus build DIR --out DATASET`\n'
    'date_from = ""  # YYYY, YYYY-MM or YYYY-MM-DD; empty: no limit\n'
    'date_to = ""\n'
    'outlets = ""  # comma-separated outlet names; empty: all\n'
    'language = "nb"  # "nb" or "en"\n'
    "top_n = 15\n"
    'period_from = ""  # the period whose distinctive words are shown; empty: the latest year\n'
    'period_to = ""\n'
    'batch = ""  # a `workbook batch` output folder: rows link to its article reports\n'
    "quote_chars = 110  # characters of each example quote shown; 0: only the article id and quote number\n"
    'page_dir = ""  # where the page is written (links are relative to it)'
)

REPORT = [
    new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
    new_code_cell(
        "from IPython.display import HTML, display\n\n"
        "from analysis.corpus.query import load_dataset\n"
        "from analysis.present import corpus_report as report\n\n"
        "data = load_dataset(dataset, date_from or None, date_to or None, outlets or None)\n"
        "links = report.report_links(batch, page_dir, data)"
    ),
    new_code_cell(
        "display(HTML(report.header(data, language, {'from': date_from, 'to': date_to, 'outlets': outlets})))"
    ),
    new_code_cell(
        "display(HTML(report.voices_section(data, 'person', language, links, top_n, quote_chars)))"
    ),
    new_code_cell(
        "display(HTML(report.voices_section(data, 'organisation', language, links, top_n, quote_chars)))"
    ),
    new_code_cell("display(HTML(report.gender_section(data, language)))"),
    new_code_cell("display(HTML(report.officials_section(data, language)))"),
    new_code_cell("display(HTML(report.kinds_section(data, language)))"),
    new_code_cell("display(HTML(report.tone_section(data, language)))"),
    new_code_cell(
        "display(HTML(report.terms_section(data, language, period_from or None, period_to or None, top_n)))"
    ),
    new_code_cell("display(HTML(report.failures_section(data, language)))"),
]

EXPLORE = [
    new_markdown_cell(
        "# Explore a corpus\n\n"
        "The tables `workbook corpus build` writes: one row per article, quote, speaker, entity, tone cue and "
        "lemma, joined by `article_id`. Set `dataset`, run all cells, then pivot, filter and plot as you "
        "like — with pandas or with DuckDB's SQL straight on the Parquet files."
    ),
    new_code_cell(
        "# Parameters\n"
        'dataset = "../.cache/corpus/dataset"  # made by `workbook corpus build DIR --out DATASET`',
        metadata={"tags": ["parameters"]},
    ),
    new_code_cell(
        "import duckdb\nimport pandas as pd\nimport seaborn as sns\n\n"
        "from analysis.corpus import query\n\n"
        "articles = pd.read_parquet(f'{dataset}/articles')\n"
        "speakers = pd.read_parquet(f'{dataset}/speakers')\n"
        "quotes = pd.read_parquet(f'{dataset}/quotes')\n"
        "print(len(articles), 'articles,', len(quotes), 'quotes,', len(speakers), 'speaker rows')\n"
        "articles.head()"
    ),
    new_markdown_cell("## Who gets the say? The most quoted people, by words quoted"),
    new_code_cell(
        "data = query.load_dataset(dataset)\n"
        "query.top_voices(data, 'person', 10)[['name', 'articles', 'quotes', 'words', 'share', 'title']]"
    ),
    new_markdown_cell("## How many of our sources are women, per outlet? (unknowns beside)"),
    new_code_cell(
        "balance = query.gender_balance(data, 'outlet')\n"
        "sns.barplot(data=balance, y='outlet', x='women_share')\n"
        "balance"
    ),
    new_markdown_cell("## Does one outlet quote officials more than another?"),
    new_code_cell(
        "officials = query.officials(data)\n"
        "officials.pivot_table(index='outlet', columns='class', values='words_share', fill_value=0)"
    ),
    new_markdown_cell("## The same questions in SQL: DuckDB reads the Parquet folders directly"),
    new_code_cell(
        "duckdb.sql(f'''\n"
        "    SELECT a.outlet, s.gender, count(*) AS people, sum(s.words) AS words\n"
        "    FROM '{dataset}/speakers/*.parquet' s JOIN '{dataset}/articles/*.parquet' a USING (article_id)\n"
        "    WHERE s.kind = 'person' AND s.name <> 'JOURNALIST'\n"
        "    GROUP BY ALL ORDER BY a.outlet, people DESC\n"
        "''').df()"
    ),
    new_markdown_cell("## Which words rose? Monthly frequency of the most frequent lemmas"),
    new_code_cell(
        "trends = query.term_trends(data, limit=5)\n"
        "if trends['month'].nunique() > 1:\n"
        "    sns.lineplot(data=trends, x='month', y='per_1000', hue='lemma')\n"
        "trends.pivot(index='month', columns='lemma', values='per_1000').tail(12)"
    ),
    new_markdown_cell("## The evidence behind a figure: every quote of one person, with its article"),
    new_code_cell(
        "top = query.top_voices(data, 'person', 1)\n"
        "name = top['name'].iloc[0] if len(top) else None\n"
        "quotes[quotes['speaker'] == name].merge(articles[['article_id', 'title', 'outlet', 'date']])"
        "[['title', 'outlet', 'date', 'kind', 'text']]"
    ),
]


def main() -> None:
    write_notebooks("corpus_report.ipynb", REPORT, "explore_corpus.ipynb", EXPLORE)


if __name__ == "__main__":
    main()
