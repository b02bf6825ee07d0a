"""The shared Android sample outputs (tests/fixtures/android) and the variants tests derive from them."""

from __future__ import annotations

from fixture_files import ANDROID_FIXTURES



def sample(name: str) -> str:
    """One fixture file as text, its bytes kept (TABs and all)."""
    return (ANDROID_FIXTURES / name).read_bytes().decode("utf-8")


def strip_indentation(text: str) -> str:
    """The text with every line's leading and trailing blanks removed, as some published copies show it."""
    return "\n".join(line.strip() for line in text.splitlines()) + "\n"


def to_crlf(text: str) -> str:
    """The text with CRLF line ends, as a PTY or a Windows host returns it."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")
