"""fwm.testing: an emulated Android device behind the real adb server, for tests without a phone."""

from .android_rig import AndroidRig, RigError
from .device_commands import CommandContext, ShellExit
from .device_profiles import ANDROID_6, ANDROID_8, ANDROID_11, ANDROID_14, ANDROID_15, PROFILES, DeviceProfile
from .emulated_device import EmulatedDevice

__all__ = [
    "ANDROID_6", "ANDROID_8", "ANDROID_11", "ANDROID_14", "ANDROID_15", "PROFILES",
    "AndroidRig", "CommandContext", "DeviceProfile", "EmulatedDevice", "RigError", "ShellExit",
]
