"""What an emulated Android device says it is: model, release, SDK level and system properties."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

DEFAULT_FEATURES: Tuple[str, ...] = (
    "shell_v2", "cmd", "stat_v2", "ls_v2", "fixed_push_mkdir", "apex", "abb", "fixed_push_symlink_timestamp",
    "abb_exec", "remount_shell", "track_app", "sendrecv_v2",
)


@dataclass(frozen=True)
class DeviceProfile:
    """Serial-independent identity of an emulated device. `properties` adds or overrides system
    properties on top of the ones derived from the other fields (see system_properties())."""

    model: str
    product: str
    device: str
    release: str
    sdk: str
    manufacturer: str
    properties: Dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    features: Tuple[str, ...] = DEFAULT_FEATURES

    def system_properties(self) -> Dict[str, str]:
        """Return every system property `getprop` shows, as a new dict."""
        derived = {
            "ro.product.model": self.model,
            "ro.product.name": self.product,
            "ro.product.device": self.device,
            "ro.product.manufacturer": self.manufacturer,
            "ro.product.brand": self.manufacturer.lower(),
            "ro.build.version.release": self.release,
            "ro.build.version.sdk": self.sdk,
            "ro.build.type": "userdebug",
            "ro.debuggable": "1",
            "sys.boot_completed": "1",
            "persist.sys.timezone": "UTC",
        }
        derived.update(self.properties)
        return derived

    def banner_properties(self) -> List[Tuple[str, str]]:
        """Return the properties adbd puts in its CNXN banner, in adbd's order."""
        return [
            ("ro.product.name", self.product),
            ("ro.product.model", self.model),
            ("ro.product.device", self.device),
        ]


ANDROID_6 = DeviceProfile(
    model="Android SDK built for x86", product="sdk_google_phone_x86", device="generic_x86",
    release="6.0", sdk="23", manufacturer="unknown", features=(),
)
ANDROID_8 = DeviceProfile(
    model="Android SDK built for x86", product="sdk_gphone_x86", device="generic_x86",
    release="8.0.0", sdk="26", manufacturer="Google",
)
ANDROID_11 = DeviceProfile(
    model="sdk_gphone_x86", product="sdk_gphone_x86", device="generic_x86_arm",
    release="11", sdk="30", manufacturer="Google",
)
ANDROID_14 = DeviceProfile(
    model="sdk_gphone64_x86_64", product="sdk_gphone64_x86_64", device="emu64xa",
    release="14", sdk="34", manufacturer="Google",
)
ANDROID_15 = DeviceProfile(
    model="Pixel 8 Pro", product="husky", device="husky",
    release="15", sdk="35", manufacturer="Google",
)
ANDROID_16 = DeviceProfile(
    model="sdk_gphone64_x86_64", product="sdk_gphone64_x86_64", device="emu64xa",
    release="16", sdk="36", manufacturer="Google",
)
PROFILES = {"android6": ANDROID_6, "android8": ANDROID_8, "android11": ANDROID_11, "android14": ANDROID_14,
            "android15": ANDROID_15, "android16": ANDROID_16}
