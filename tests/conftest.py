from __future__ import annotations

from pathlib import Path

import pytest

from analysis.article import Article, load_article
from analysis.devset import rebuild_dev_set, shared_dir

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2022-01_blinken-lavrov-geneve.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed() -> Article:
    return load_article(SEED)


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared is not beside the project")
    return path


@pytest.fixture(scope="session")
def dev_set(shared):
    """The ten NDT dev articles, rebuilt locally under .cache/ (never committed)."""
    return rebuild_dev_set()
