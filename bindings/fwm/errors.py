"""The fwm exception hierarchy: one class per CLI exit code, all under fwm.Error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple, Type


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of a request (``field`` uses the plugin's parameter names)."""

    field: str
    message: str


class Error(Exception):
    """Base of every fwm error. ``exit_code`` is what the ``fwm`` command exits with for it;
    ``device`` and ``step`` name the device and the step it concerns ("" when none)."""

    kind = "failed"
    exit_code = 1

    def __init__(self, message: str, device: str = "", step: str = "") -> None:
        super().__init__(message)
        self.device = device
        self.step = step


class OperationFailed(Error):
    """The operation ran but failed: the task failed, nothing matched, the device refused (exit 1)."""


class ValidationError(Error):
    """A request breaks the plugin's or the platform's rules; nothing was sent (exit 2).
    ``problems`` lists every field at fault."""

    kind = "validation"
    exit_code = 2

    def __init__(self, message: str, problems: Sequence[Problem] = (), device: str = "", step: str = "") -> None:
        super().__init__(message, device, step)
        self.problems: List[Problem] = list(problems)


class DeviceNotFound(Error):
    """Device not found, offline or unauthorized, or several attached and none chosen (exit 3)."""

    kind = "device"
    exit_code = 3


class Timeout(Error):
    """A deadline passed; the message names the device and the step (exit 4)."""

    kind = "timeout"
    exit_code = 4


class Unsupported(Error):
    """Not possible on this platform, OS version or build; the message says what would make it
    possible (exit 5)."""

    kind = "unsupported"
    exit_code = 5


class BridgeUnavailable(Error):
    """The in-app bridge is needed and not reachable; the message says how to enable it (exit 6)."""

    kind = "bridge-unavailable"
    exit_code = 6


class HostToolMissing(Error):
    """A host tool (adb server, xcrun, lldb) is missing or broken (exit 7)."""

    kind = "host-tool"
    exit_code = 7


_BY_KIND: Dict[str, Type[Error]] = {
    cls.kind: cls
    for cls in (OperationFailed, ValidationError, DeviceNotFound, Timeout, Unsupported, BridgeUnavailable, HostToolMissing)
}


def error_for_kind(kind: str, message: str, problems: Sequence[Tuple[str, str]], device: str, step: str) -> Error:
    """The exception for an error kind raised by the native library (used by fwm._core)."""
    cls = _BY_KIND.get(kind, OperationFailed)
    if cls is ValidationError:
        return ValidationError(message, [Problem(f, m) for f, m in problems], device, step)
    return cls(message, device, step)
