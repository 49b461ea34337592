"""The corpus view: many articles' analyses as tidy tables (Parquet), and the figures a corpus report shows.

- `build_corpus(BuildOptions(inputs, dataset, jobs, scheduler, outlet, force, wait)) -> BuildSummary`
  (analysis.corpus.build): incremental, atomic, locked; see docs/corpus.md;
- `TABLE_SCHEMAS`, `TABLES` (analysis.corpus.tables): the tables and their columns;
- `load_dataset(path)` (analysis.corpus.query): the tables as pandas frames for notebooks and the report.
"""

from .tables import TABLE_SCHEMAS, TABLES

__all__ = ["TABLES", "TABLE_SCHEMAS"]
