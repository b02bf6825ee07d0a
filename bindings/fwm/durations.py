"""Durations as fwm spells them ("90s", "1h30m", "PT15M"), to and from datetime.timedelta."""

from __future__ import annotations

from datetime import timedelta

from . import _core
from .errors import ValidationError, Problem


def parse_duration(text: str) -> timedelta:
    """The timedelta of ``text`` (``500ms``, ``90s``, ``15m``, ``1h30m``, ``2d``, ISO 8601 ``PT15M``).
    Raises fwm.ValidationError for anything else, e.g. a number without a unit or more than 100 years."""
    ms = _core.parse_duration_ms(text)
    if ms is None:
        message = (f"'{text}' is not a duration: write a duration of at most 100 years like 500ms, 90s, 15m, "
                   "1h30m, 2d or ISO 8601 PT15M")
        raise ValidationError(message, [Problem("duration", message)])
    return timedelta(milliseconds=ms)


def format_duration(value: timedelta) -> str:
    """The canonical spelling of ``value`` (``timedelta(minutes=90)`` -> ``"1h30m"``), to the millisecond."""
    return str(_core.format_duration_ms(value // timedelta(milliseconds=1)))
