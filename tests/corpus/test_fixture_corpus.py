"""Every parser on every fixture of its kind, checked against what tests/fixtures/manifest.json says the
file holds: a parser that returns nothing (or less) on a file that holds data fails here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

import fwm._core as core
from fixture_files import FIXTURES

MANIFEST: Dict[str, Dict[str, Any]] = json.loads((FIXTURES / "manifest.json").read_text())
REPOSITORY = FIXTURES.parents[1]


def _envelope(text: str, command_type: str) -> str:
    """A result-fragment fixture wrapped in a success envelope (the fragments carry only `result`)."""
    info = {"arguments": ["devicectl"], "commandType": command_type, "jsonVersion": 2, "outcome": "success"}
    return json.dumps({"info": info, "result": json.loads(text)["result"]})


PARSERS: Dict[str, Callable[..., Any]] = {
    "am_broadcast": lambda text: json.loads(core.parse_am_broadcast(text)),
    "jobscheduler_help": lambda text: json.loads(core.parse_jobscheduler_help(text)),
    "dumpsys_jobscheduler": lambda text, package: json.loads(core.parse_dumpsys_jobscheduler(text, package)),
    "diagnostics_report": lambda text: json.loads(core.parse_diagnostics_report(text)),
    "devicectl_envelope": lambda text: json.loads(core.ios_parse_devicectl_envelope(text)),
    "devicectl_devices": lambda text: json.loads(core.ios_parse_devicectl_devices(text)),
    "devicectl_apps": lambda text: json.loads(
        core.ios_parse_devicectl_apps(_envelope(text, "devicectl.device.info.apps"))),
    "devicectl_processes": lambda text: json.loads(
        core.ios_parse_devicectl_processes(_envelope(text, "devicectl.device.info.processes"))),
    "devicectl_launch": lambda text: json.loads(
        core.ios_parse_devicectl_launch(_envelope(text, "devicectl.device.process.launch")) or "null"),
    "simulated_launch": lambda text, identifier: json.loads(core.ios_parse_simulated_launch(text, identifier)),
    "unified_log": lambda text: json.loads(core.ios_parse_unified_log(text)),
    "simctl_devices": lambda text: json.loads(core.ios_parse_simctl_devices(text)),
    "simctl_listapps": lambda text: json.loads(core.ios_parse_simctl_listapps(text)),
    "launchctl_list": lambda text: json.loads(core.ios_parse_launchctl_list(text)),
}


def _at(value: Any, path: str) -> Any:
    """The member at a dotted path ("rows.0.jobId"); list indices are numbers."""
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def _fixture_files() -> List[str]:
    return sorted(str(p.relative_to(FIXTURES)) for p in FIXTURES.rglob("*")
                  if p.is_file() and p.parent != FIXTURES and "crashers" not in p.parts)


def test_every_fixture_has_a_manifest_entry() -> None:
    assert sorted(MANIFEST) == _fixture_files()


def test_every_fixture_has_a_provenance_row() -> None:
    readme = (FIXTURES / "README.md").read_text()
    missing = [name for name in MANIFEST if f"`{Path(name).name}`" not in readme]
    assert not missing, f"tests/fixtures/README.md lacks a provenance row for {missing}"


@pytest.mark.parametrize("name", sorted(n for n, e in MANIFEST.items() if e["parser"] is None))
def test_unparsed_fixture_is_checked_elsewhere(name: str) -> None:
    entry = MANIFEST[name]
    checker = REPOSITORY / entry["checkedBy"]
    assert Path(name).name in checker.read_text(), f"{entry['checkedBy']} does not use {name}"


def _runs(entry: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The parser calls an entry asks for: its own, then each of `more` (other arguments, other findings)."""
    return [entry, *entry.get("more", [])]


@pytest.mark.parametrize("name", sorted(n for n, e in MANIFEST.items() if e["parser"] is not None))
def test_parser_finds_what_the_fixture_holds(name: str) -> None:
    entry = MANIFEST[name]
    text = (FIXTURES / name).read_bytes().decode("utf-8")
    for run in _runs(entry):
        found = PARSERS[entry["parser"]](text, **run.get("args", {}))
        assert found is not None, f"{entry['parser']} found nothing in {name}"
        if "count" in run:
            counted = _at(found, run["countOf"]) if "countOf" in run else found
            assert len(counted) == run["count"], json.dumps(found)[:2000]
        for path, expected in run.get("expect", {}).items():
            assert _at(found, path) == expected, f"{name}: {path}"
