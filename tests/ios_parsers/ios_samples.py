"""The shared iOS sample outputs (tests/fixtures/ios) and the variants tests derive from them."""

from __future__ import annotations

import json
from typing import Any
from fixture_files import IOS_FIXTURES



def sample(name: str) -> str:
    """One fixture file as text, its bytes kept."""
    return (IOS_FIXTURES / name).read_bytes().decode("utf-8")


def to_crlf(text: str) -> str:
    """The text with CRLF line ends."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def envelope(fragment_name: str, command_type: str) -> str:
    """A result-fragment fixture wrapped in a success envelope (the fragments carry only `result`)."""
    result = json.loads(sample(fragment_name))["result"]
    info = {"arguments": ["devicectl"], "commandType": command_type, "environment": {"TERM": "xterm-256color"},
            "jsonVersion": 2, "outcome": "success", "version": "355.18"}
    return json.dumps({"info": info, "result": result}, indent=2)


def parsed(text: str) -> Any:
    """A fwm._core JSON result as Python values."""
    return json.loads(text)
