"""Results of the in-app bridge operations (``App.register``, ``App.cancel``), as the CLI prints them with --json.

Example::

    import fwm

    app = fwm.devices()[0].app("com.example.app")
    result = app.register(fwm.PeriodicTask("sync", "syncTask", frequency="1h", tag="nightly"))
    assert result.ok, result.message
    app.cancel(tag="nightly")
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from .apps import TaskInfo
from .results import CliDocument, ExitCoded


@dataclass(frozen=True)
class BridgeInfo:
    """What the app's bridge said in hello: protocol, bridge and plugin versions, platform."""

    protocol_version: str
    bridge_version: str
    plugin_version: Optional[str]
    platform: str

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> "BridgeInfo":
        return cls(d["protocolVersion"], d["bridgeVersion"], d.get("pluginVersion"), d["platform"])


@dataclass(frozen=True)
class RegisterResult(CliDocument, ExitCoded):
    """``fwm register`` on a device: ``task`` is the task read back, ``ok`` whether it carries the
    effective values (``mismatches`` says which it does not); ``exit_code`` what the CLI exits with."""

    app: str
    task: Optional[TaskInfo]
    effective: Dict[str, Any]
    warnings: List[Dict[str, str]]
    mismatches: List[str]
    bridge: BridgeInfo
    message: str
    exit_code: int
    _document: str = field(repr=False, default="")

    @classmethod
    def _from_json(cls, document: str, exit_code: int) -> "RegisterResult":
        d = json.loads(document)
        task = TaskInfo._from_json(d["task"]) if "task" in d else None
        return cls(d["app"], task, d["effective"], d["warnings"], d["mismatches"], BridgeInfo._from_json(d["bridge"]),
                   d["message"], exit_code, document)


@dataclass(frozen=True)
class CancelResult(CliDocument, ExitCoded):
    """``fwm cancel``: the tasks cancelled and those still pending afterwards."""

    app: str
    cancelled: List[TaskInfo]
    remaining: List[TaskInfo]
    bridge: BridgeInfo
    message: str
    exit_code: int
    _document: str = field(repr=False, default="")

    @classmethod
    def _from_json(cls, document: str, exit_code: int) -> "CancelResult":
        d = json.loads(document)
        return cls(d["app"], [TaskInfo._from_json(t) for t in d["cancelled"]],
                   [TaskInfo._from_json(t) for t in d["remaining"]], BridgeInfo._from_json(d["bridge"]), d["message"],
                   exit_code, document)
