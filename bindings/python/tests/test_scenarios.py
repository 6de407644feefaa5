"""Scenarios from Python: the Shangluo scenarios pass; a failing
expectation says what was found."""

import pytest

import mandate

from conftest import EXAMPLE


def test_the_shangluo_scenarios_pass():
    run = mandate.run_scenarios(EXAMPLE / "scenarios")
    files = sorted(str(p) for p in (EXAMPLE / "scenarios").glob("*.scenario"))
    assert [r.file for r in run.results] == files
    assert run.passed and run.failed == []
    assert str(run).rstrip().endswith("0 failed")
    checks = [c for r in run.results for c in r.results]
    assert checks and all(c.passed for c in checks)


def test_a_failing_expectation_says_what_was_found(tmp_path):
    original = (EXAMPLE / "scenarios" / "b3a-county-filing.scenario").read_text(encoding="utf-8")
    assert "洛南县 2018 late days 1" in original
    broken = tmp_path / "broken.scenario"
    broken.write_text(original.replace("洛南县 2018 late days 1", "洛南县 2018 late days 2")
                      .replace("plan ../shangluo.plan", f"plan {EXAMPLE / 'shangluo.plan'}"),
                      encoding="utf-8")
    run = mandate.run_scenarios(broken)
    assert not run.passed
    (result,) = run.failed
    failed = [c for c in result.results if not c.passed]
    assert len(failed) == 1
    assert (failed[0].expectation.subject, failed[0].expectation.days) == ("洛南县", 2)
    assert failed[0].difference == "expected late days 2, found late days 1"


def test_paths_are_checked(tmp_path):
    with pytest.raises(FileNotFoundError):
        mandate.run_scenarios(tmp_path / "missing")
    with pytest.raises(ValueError, match="no \\*.scenario file found"):
        mandate.run_scenarios(tmp_path)
