"""A time budget for property tests that run randomly generated patterns.

A random pattern can nest repeats ("(?:(?:\\s+)+)+") that backtrack for minutes on a short text; such an example
says nothing about the property under test, so it is rejected (hypothesis draws another) instead of stalling the
suite. `re` checks for signals while it backtracks, so a timer interrupts it.
"""
from __future__ import annotations

import functools
import signal
from collections.abc import Callable
from typing import TypeVar

from hypothesis import reject

SECONDS = 1.0
Test = TypeVar("Test", bound=Callable)


class _OverBudget(Exception):
    """Raised in the test by the timer's signal."""


def _interrupt(signum, frame) -> None:
    raise _OverBudget


def within_budget(test: Test) -> Test:
    """Runs each example of a hypothesis test under a timer of SECONDS; an example over it is rejected. Put it
    under @given."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        previous = signal.signal(signal.SIGALRM, _interrupt)
        signal.setitimer(signal.ITIMER_REAL, SECONDS)
        try:
            return test(*args, **kwargs)
        except _OverBudget:
            reject()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return run  # type: ignore[return-value]
