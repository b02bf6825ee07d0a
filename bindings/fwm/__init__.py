"""fwm: see, force and test the background tasks of Flutter apps that use the workmanager plugin.

The same C++ library as the ``fwm`` command, for Python::

    import datetime, fwm
    plan = fwm.OneOffTask("upload", "uploadTask", initial_delay=datetime.timedelta(seconds=90)).normalize(
        platform="android", app="com.example.app")
    print(plan.effective, plan.warnings)
"""

from . import _core
from .apps import App, CaptureResult, Check, DoctorReport, LogRecord, Outcome, Report, TaskInfo, TaskListing, inspect
from .bridge import BridgeInfo, CancelResult, RegisterResult
from .devices import Device, ShellResult, devices, devices_json, shell, use_xcrun, watch_devices
from .durations import format_duration, parse_duration
from .fan_out import FanOutResult, fan_out
from .errors import (
    BridgeUnavailable,
    DeviceNotFound,
    Error,
    HostToolMissing,
    OperationFailed,
    Problem,
    Timeout,
    Unsupported,
    ValidationError,
)
from .tasks import (
    BackoffPolicy,
    Constraints,
    ExistingWorkPolicy,
    NetworkType,
    OneOffTask,
    OutOfQuotaPolicy,
    PeriodicTask,
    Platform,
    ProcessingTask,
    RegisterPlan,
    Task,
    Warning,
)

__version__: str = _core.version()

__all__ = [
    "App",
    "CaptureResult",
    "Check",
    "DoctorReport",
    "LogRecord",
    "Outcome",
    "Report",
    "TaskInfo",
    "TaskListing",
    "inspect",
    "BridgeInfo",
    "CancelResult",
    "RegisterResult",
    "BackoffPolicy",
    "BridgeUnavailable",
    "Constraints",
    "Device",
    "DeviceNotFound",
    "Error",
    "ExistingWorkPolicy",
    "FanOutResult",
    "HostToolMissing",
    "NetworkType",
    "OneOffTask",
    "OperationFailed",
    "OutOfQuotaPolicy",
    "PeriodicTask",
    "Platform",
    "Problem",
    "ProcessingTask",
    "RegisterPlan",
    "ShellResult",
    "Task",
    "Timeout",
    "Unsupported",
    "ValidationError",
    "Warning",
    "__version__",
    "devices",
    "devices_json",
    "fan_out",
    "format_duration",
    "parse_duration",
    "shell",
    "use_xcrun",
    "watch_devices",
]
