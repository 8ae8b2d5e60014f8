"""Shared fixtures: the parsing pipeline, the ../shared corpus, and a text analyser."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.analysis.nlp import load_pipeline
from dateline.analysis.pipeline import analyze
from dateline.calendar import parse_datetime
from dateline.ingest.scraped import read_scraped_text

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared corpus is missing: expected it at {SHARED} (../shared/corpus beside the repo)")
    return SHARED


@pytest.fixture(scope="session")
def run(nlp):
    """Analyse a text the test wrote itself; returns the JSON-ready record."""

    def _run(text: str, published: str | None = "2023-06-21T12:00"):
        article = read_scraped_text(text, source="test", published=parse_datetime(published) if published else None)
        return analyze(article, nlp).to_json_dict()

    return _run


def actor_named(result: dict, name: str) -> dict:
    matches = [a for a in result["actors"] if a["name"] == name]
    assert matches, f"no actor {name!r} among {[a['name'] for a in result['actors']]}"
    return matches[0]


def speaker_name(result: dict, statement: dict) -> str | None:
    names = {a["id"]: a["name"] for a in result["actors"]}
    return names.get(statement["speaker"])
