"""fwm.testing: an emulated Android device behind the real adb server and a fake xcrun, for tests without a phone."""

from .android_apps import AndroidApp, Outcome, PluginGeneration, plugin_generation
from .android_rig import AndroidRig, RigError
from .device_commands import CommandContext, ShellExit
from .device_profiles import (ANDROID_6, ANDROID_8, ANDROID_11, ANDROID_14, ANDROID_15, ANDROID_16, PROFILES,
                              DeviceProfile)
from .emulated_device import EmulatedDevice
from .fake_xcrun import FakeXcrun
from .jobscheduler import DeviceState, OtherJob
from .logcat import LogEntry
from .sample_apps import SAMPLE_PACKAGE, SAMPLE_TASKS, install_sample_work, sample_app
from .work_data import (JavaArray, JavaByte, JavaDouble, JavaFloat, JavaInt, JavaLong, decode_data, encode_data,
                        encode_v0, encode_v1)
from .workmanager_db import Constraints, WorkDatabase, WorkSpec

__all__ = [
    "ANDROID_6", "ANDROID_8", "ANDROID_11", "ANDROID_14", "ANDROID_15", "ANDROID_16", "PROFILES", "SAMPLE_PACKAGE",
    "SAMPLE_TASKS",
    "AndroidApp", "AndroidRig", "CommandContext", "Constraints", "DeviceProfile", "DeviceState", "EmulatedDevice", "FakeXcrun",
    "JavaArray", "JavaByte", "JavaDouble", "JavaFloat", "JavaInt", "JavaLong", "LogEntry", "OtherJob", "Outcome",
    "PluginGeneration", "RigError", "ShellExit", "WorkDatabase", "WorkSpec", "decode_data", "encode_data",
    "encode_v0", "encode_v1", "install_sample_work", "plugin_generation", "sample_app",
]
