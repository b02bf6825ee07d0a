"""Durations: what parses, what does not, and the canonical spelling printed back."""

from __future__ import annotations

from datetime import timedelta

import pytest

import fwm


@pytest.mark.parametrize("text,expected", [
    ("500ms", timedelta(milliseconds=500)),
    ("90s", timedelta(seconds=90)),
    ("15m", timedelta(minutes=15)),
    ("1h30m", timedelta(hours=1, minutes=30)),
    ("2d", timedelta(days=2)),
    ("1d2h3m4s5ms", timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=5)),
    ("0s", timedelta(0)),
    ("PT15M", timedelta(minutes=15)),
    ("pt15m", timedelta(minutes=15)),
    ("PT1H30M", timedelta(hours=1, minutes=30)),
    ("P1D", timedelta(days=1)),
    ("P1DT2H", timedelta(days=1, hours=2)),
    ("PT0.5S", timedelta(milliseconds=500)),
    ("PT1,25S", timedelta(milliseconds=1250)),
    ("P2W", timedelta(weeks=2)),
])
def test_parses(text, expected):
    assert fwm.parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "10", "5x", "m", "1.5h", "-5s", "1m1h", "1h1h", "PT", "P", "P1Y", "P1M",
                                  "PT1.5M", "P1H", "T1H", "1 h", " 1h", "999999999999999h", "PT1HT2M"])
def test_rejects(text):
    with pytest.raises(fwm.ValidationError) as info:
        fwm.parse_duration(text)
    assert "500ms, 90s, 15m, 1h30m, 2d" in str(info.value)
    assert info.value.exit_code == 2


@pytest.mark.parametrize("value,text", [
    (timedelta(0), "0s"),
    (timedelta(milliseconds=500), "500ms"),
    (timedelta(seconds=90), "1m30s"),
    (timedelta(minutes=90), "1h30m"),
    (timedelta(days=2), "2d"),
    (timedelta(days=1, milliseconds=1), "1d1ms"),
])
def test_canonical_spelling(value, text):
    assert fwm.format_duration(value) == text
    assert fwm.parse_duration(text) == value


@pytest.mark.parametrize("typed,printed", [("PT90M", "1h30m"), ("5400s", "1h30m"), ("P1DT0H", "1d"),
                                           ("1500ms", "1s")])
def test_the_cli_prints_durations_back_canonically(run_fwm, typed, printed):
    r = run_fwm("register", "one-off", "s", "t", "-a", "com.example.app", "--platform", "android", "--dry-run",
                "--initial-delay", typed)
    assert r.code == 0
    line = next(line for line in r.out.splitlines() if "initialDelay" in line)
    assert line.split()[1] == printed
