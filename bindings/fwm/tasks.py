"""Task classes mirroring the plugin's register calls, checked by the same C++ rules as the CLI.

Example::

    from datetime import timedelta
    import fwm

    task = fwm.PeriodicTask("sync", "syncTask", frequency=timedelta(minutes=10))
    plan = task.normalize(platform="android", app="com.example.app")
    plan.effective.frequency      # timedelta(minutes=15): WorkManager's minimum
    [w.message for w in plan.warnings]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from datetime import timedelta
from enum import Enum
from typing import Any, ClassVar, Dict, Generic, List, Mapping, Optional, Type, TypeVar, Union

from . import _core
from .results import CliDocument

Duration = Union[timedelta, str]
"""A duration: a ``datetime.timedelta``, or a string such as ``"15m"``, ``"1h30m"``, ``"PT15M"``."""


class Platform(str, Enum):
    """The platforms fwm drives."""

    ANDROID = "android"
    IOS = "ios"


class NetworkType(str, Enum):
    """The plugin's NetworkType."""

    CONNECTED = "connected"
    METERED = "metered"
    NOT_REQUIRED = "notRequired"
    NOT_ROAMING = "notRoaming"
    UNMETERED = "unmetered"
    TEMPORARILY_UNMETERED = "temporarilyUnmetered"


class ExistingWorkPolicy(str, Enum):
    """The plugin's ExistingWorkPolicy; APPEND_OR_REPLACE appears only as an effective value."""

    APPEND = "append"
    KEEP = "keep"
    REPLACE = "replace"
    UPDATE = "update"
    APPEND_OR_REPLACE = "appendOrReplace"


class BackoffPolicy(str, Enum):
    """The plugin's BackoffPolicy."""

    EXPONENTIAL = "exponential"
    LINEAR = "linear"


class OutOfQuotaPolicy(str, Enum):
    """The plugin's OutOfQuotaPolicy (expedited one-off work on Android)."""

    RUN_AS_NON_EXPEDITED_WORK_REQUEST = "runAsNonExpeditedWorkRequest"
    DROP_WORK_REQUEST = "dropWorkRequest"


@dataclass
class Constraints:
    """The plugin's Constraints; ``None`` means not constrained."""

    network_type: Optional[Union[NetworkType, str]] = None
    requires_battery_not_low: Optional[bool] = None
    requires_charging: Optional[bool] = None
    requires_device_idle: Optional[bool] = None
    requires_storage_not_low: Optional[bool] = None


@dataclass(frozen=True)
class Warning:
    """A value the platform changes or ignores (``field`` uses the plugin's parameter names)."""

    field: str
    message: str


_CONSTRAINT_KEYS = {
    "network_type": "networkType",
    "requires_battery_not_low": "requiresBatteryNotLow",
    "requires_charging": "requiresCharging",
    "requires_device_idle": "requiresDeviceIdle",
    "requires_storage_not_low": "requiresStorageNotLow",
}

_TASK_KEYS = {
    "unique_name": "uniqueName",
    "task_name": "taskName",
    "tag": "tag",
    "input_data": "inputData",
    "initial_delay": "initialDelay",
    "frequency": "frequency",
    "flex_interval": "flexInterval",
    "existing_work_policy": "existingWorkPolicy",
    "backoff_policy": "backoffPolicy",
    "backoff_policy_delay": "backoffPolicyDelay",
    "expedited": "expedited",
    "out_of_quota_policy": "outOfQuotaPolicy",
}

_ENUMS: Dict[str, Type[Enum]] = {
    "existing_work_policy": ExistingWorkPolicy,
    "backoff_policy": BackoffPolicy,
    "out_of_quota_policy": OutOfQuotaPolicy,
}

_DURATIONS = ("initial_delay", "frequency", "flex_interval", "backoff_policy_delay")


def _duration_text(value: Duration) -> str:
    if isinstance(value, timedelta):
        return f"{value // timedelta(milliseconds=1)}ms"
    if isinstance(value, str):
        return value
    raise TypeError(f"a duration must be a datetime.timedelta or a string such as '15m', not {type(value).__name__}")


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


T = TypeVar("T", bound="Task")


@dataclass
class Task:
    """Fields every register call shares. Use OneOffTask, PeriodicTask or ProcessingTask."""

    kind: ClassVar[str] = ""
    unique_name: str
    task_name: str
    input_data: Mapping[str, Any] = field(default_factory=dict)
    initial_delay: Optional[Duration] = None
    constraints: Constraints = field(default_factory=Constraints)

    def to_request(self) -> Dict[str, Any]:
        """The request in the JSON form the C++ library reads (the plugin's parameter names)."""
        request: Dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            if f.name == "constraints":
                continue
            value = getattr(self, f.name)
            if value is None or (f.name == "expedited" and value is False):
                continue
            if f.name in _DURATIONS:
                value = _duration_text(value)
            elif f.name == "input_data":
                value = dict(value)
            request[_TASK_KEYS[f.name]] = _plain(value)
        request["constraints"] = {
            key: _plain(getattr(self.constraints, name))
            for name, key in _CONSTRAINT_KEYS.items()
            if getattr(self.constraints, name) is not None
        }
        return request

    def normalize(self: T, platform: Union[Platform, str], app: str) -> "RegisterPlan[T]":
        """Checks this task for ``app`` against ``platform``'s rules without sending anything.

        Returns the effective task (defaults filled in, clamped values clamped, ignored values
        removed) and a warning for each change. Raises fwm.ValidationError naming every bad field.
        """
        document = _core.plan_register(json.dumps(self.to_request()), app, str(_plain(platform)))
        return RegisterPlan._from_json(type(self), document)


@dataclass
class OneOffTask(Task):
    """registerOneOffTask: runs once, after ``initial_delay``, when ``constraints`` allow."""

    kind: ClassVar[str] = "one-off"
    tag: Optional[str] = None
    existing_work_policy: Optional[Union[ExistingWorkPolicy, str]] = None
    backoff_policy: Optional[Union[BackoffPolicy, str]] = None
    backoff_policy_delay: Optional[Duration] = None
    expedited: bool = False
    out_of_quota_policy: Optional[Union[OutOfQuotaPolicy, str]] = None


@dataclass
class PeriodicTask(Task):
    """registerPeriodicTask: runs every ``frequency`` (default 15 minutes; iOS decides itself)."""

    kind: ClassVar[str] = "periodic"
    frequency: Optional[Duration] = None
    flex_interval: Optional[Duration] = None
    tag: Optional[str] = None
    existing_work_policy: Optional[Union[ExistingWorkPolicy, str]] = None
    backoff_policy: Optional[Union[BackoffPolicy, str]] = None
    backoff_policy_delay: Optional[Duration] = None


@dataclass
class ProcessingTask(Task):
    """registerProcessingTask (iOS only): a BGProcessingTask; only network and charging constraints apply."""

    kind: ClassVar[str] = "processing"


def _task_from_json(cls: Type[T], data: Mapping[str, Any]) -> T:
    names = {f.name for f in fields(cls)}
    values: Dict[str, Any] = {}
    for name, key in _TASK_KEYS.items():
        if name not in names or key not in data:
            continue
        value = data[key]
        if name in _DURATIONS:
            value = timedelta(seconds=value)
        elif name in _ENUMS:
            value = _ENUMS[name](value)
        values[name] = value
    if "tag" in names:
        tags: List[str] = list(data.get("tags", []))
        values["tag"] = tags[0] if tags else None
    backoff = data.get("backoff", {})
    if "backoff_policy" in names and backoff:
        values["backoff_policy"] = BackoffPolicy(backoff["policy"])
        values["backoff_policy_delay"] = timedelta(seconds=backoff["delay"])
    raw = data.get("constraints", {})
    constraints = Constraints(**{name: raw[key] for name, key in _CONSTRAINT_KEYS.items() if key in raw})
    if constraints.network_type is not None:
        constraints = replace(constraints, network_type=NetworkType(constraints.network_type))
    return cls(constraints=constraints, **values)


@dataclass
class RegisterPlan(CliDocument, Generic[T]):
    """What registering a task would do on a platform: ``effective`` is the task as the platform
    would carry it out, ``requested`` as given, ``warnings`` every change. ``to_json()`` is the
    exact line ``fwm register ... --dry-run --json`` prints."""

    platform: Platform
    app: str
    effective: T
    requested: T
    warnings: List[Warning]
    _document: str = field(repr=False, default="")

    @classmethod
    def _from_json(cls, task_type: Type[T], document: str) -> "RegisterPlan[T]":
        data = json.loads(document)
        return cls(
            platform=Platform(data["platform"]),
            app=data["app"],
            effective=_task_from_json(task_type, data["task"]),
            requested=_task_from_json(task_type, data["requested"]),
            warnings=[Warning(w["field"], w["message"]) for w in data["warnings"]],
            _document=document,
        )

    def to_dict(self) -> Dict[str, Any]:
        """The dry-run document as a dict (schema fwm/1)."""
        result: Dict[str, Any] = json.loads(self._document)
        return result
