"""Pure number parsing: digits, number words, scales, fractions and vague multitudes."""
from __future__ import annotations

import math

import pytest

from extractors.numbers import (
    parse_digits,
    parse_fraction,
    parse_multitude,
    parse_number,
    parse_number_words,
    parse_scale_fraction,
    scale_factor,
    scaled,
)


@pytest.mark.parametrize(("text", "value"), [
    ("87", 87), ("1,136", 1136), ("143,302", 143302), ("1,234,567.25", 1234567.25), ("1,05,600", 105600),
    ("12,34,56,789", 123456789), ("115,3", 115.3), ("57,3", 57.3), ("0.25", 0.25), (".001", 0.001), ("19.1", 19.1),
    ("1.234,5", 1234.5),
])
def test_parse_digits(text: str, value: float) -> None:
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1,2345", "12,3456", "1,,2", "abc", "", "1.2.3"])
def test_parse_digits_rejects_malformed(text: str) -> None:
    assert parse_digits(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("two", 2), ("Eight", 8), ("twenty-one", 21), ("ninety nine", 99), ("one hundred and six", 106), ("a hundred and two", 102),
    ("two hundred and two thousand", 202000), ("a dozen", 12), ("three dozen", 36), ("fifty   two", 52), ("eleven", 11),
])
def test_parse_number_words(text: str, value: float) -> None:
    assert parse_number_words(text) == value


@pytest.mark.parametrize("text", ["hundred", "two three", "twenty eleven", "a", "dozen two", "one of", ""])
def test_parse_number_words_rejects_non_numbers(text: str) -> None:
    assert parse_number_words(text) is None


@pytest.mark.parametrize(("text", "value"), [("4", 4), ("1,200", 1200), ("seven", 7), (" 12 ", 12)])
def test_parse_number_reads_digits_or_words(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "factor"), [
    ("million", 1e6), ("billion", 1e9), ("trillion", 1e12), ("bn", 1e9), ("mn", 1e6), ("m", 1e6), ("k", 1e3), ("tn", 1e12),
    ("B", 1e9), ("crore", 1e7), ("lakh", 1e5), ("lakh crore", 1e12), ("Billion", 1e9),
])
def test_scale_factor(text: str, factor: float) -> None:
    assert scale_factor(text) == factor


@pytest.mark.parametrize("text", ["gigawatt", "", "percent", "G"])
def test_scale_factor_rejects_non_scales(text: str) -> None:
    assert scale_factor(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("half", 0.5), ("a half", 0.5), ("a third", 1 / 3), ("two-fifths", 0.4), ("three quarters", 0.75), ("two thirds", 2 / 3),
    ("one eighth", 0.125), ("a quarter", 0.25),
])
def test_parse_fraction(text: str, value: float) -> None:
    assert math.isclose(parse_fraction(text), value)


@pytest.mark.parametrize("text", ["third", "quarter", "fifths", "two", "zero fifths", ""])
def test_parse_fraction_rejects_ordinals_and_numbers(text: str) -> None:
    assert parse_fraction(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("hundreds", 200), ("thousands", 2000), ("dozens", 24), ("tens of thousands", 20000), ("hundreds of millions", 2e8),
])
def test_parse_multitude(text: str, value: float) -> None:
    assert parse_multitude(text) == value


def test_parse_multitude_rejects_numbers() -> None:
    assert parse_multitude("two hundred") is None


@pytest.mark.parametrize(("value", "factor", "expected"), [(1.2, 1e9, 1_200_000_000), (52.7, 1e9, 52_700_000_000), (0.1, 1e6, 100_000),
                                                            (3.0, None, 3.0)])
def test_scaled_sheds_binary_noise(value: float, factor: float | None, expected: float) -> None:
    assert scaled(value, factor) == expected


@pytest.mark.parametrize(("text", "value"), [("quarter", 0.25), ("half a", 0.5), ("three quarters", 0.75), ("a third", 1 / 3)])
def test_parse_scale_fraction(text: str, value: float) -> None:
    assert math.isclose(parse_scale_fraction(text), value)


@pytest.mark.parametrize("text", ["two", "first", "five halves", ""])
def test_parse_scale_fraction_rejects_non_fractions(text: str) -> None:
    assert parse_scale_fraction(text) is None
