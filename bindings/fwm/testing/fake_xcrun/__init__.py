"""fwm.testing.fake_xcrun: a fake `xcrun` (simctl, devicectl, lldb) over a simulated world of simulators and devices."""

from .fake import RUNTIME_IOS_17_4, FakeXcrun
from .plists import info_plist, plugin_defaults

__all__ = ["RUNTIME_IOS_17_4", "FakeXcrun", "info_plist", "plugin_defaults"]
