"""An example over the time budget is rejected, not left to backtrack (regex_budget)."""
import re

import pytest
import regex_budget
from hypothesis import errors, given, settings
from hypothesis import strategies as st
from regex_budget import within_budget


@settings(max_examples=5, deadline=None, database=None)
@given(st.integers(30, 40))
@within_budget
def _nested_repeats_on_spaces(length: int) -> None:
    re.search(r"(?:(?:\s+)+)+x", " " * length)  # 2**length steps: years, unless interrupted


def test_an_example_that_backtracks_past_the_budget_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_budget, "SECONDS", 0.02)
    with pytest.raises(errors.Unsatisfiable):
        _nested_repeats_on_spaces()


@settings(max_examples=20, deadline=None, database=None)
@given(st.text(alphabet="ab ", max_size=20))
@within_budget
def test_examples_within_the_budget_run_as_written(text: str) -> None:
    assert (re.search(r"a\s+b", text) is None) == ("a b" not in re.sub(r"\s+", " ", text))
