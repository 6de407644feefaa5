"""Fixtures of the Python package's tests: the Shangluo plan and its
bundled 2018 facts (examples/shangluo-2018/)."""

import os
from pathlib import Path

import pytest

import mandate

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "shangluo-2018"
PLAN = EXAMPLE / "shangluo.plan"
FACTS = EXAMPLE / "facts"
AS_OF = "2019-03-31"


@pytest.fixture(scope="session")
def plan():
    return mandate.load_plan(PLAN)


@pytest.fixture
def facts(plan):
    """The bundled facts, in a store of their own (tests may add to it)."""
    loaded = mandate.Facts(plan)
    loaded.load(FACTS)
    return loaded


@pytest.fixture
def result(facts):
    return mandate.evaluate(facts, as_of=AS_OF, years=2018)


@pytest.fixture
def in_root(monkeypatch):
    """The repository as the working directory (the docstrings' examples use
    paths relative to it)."""
    monkeypatch.chdir(ROOT)
    return ROOT
