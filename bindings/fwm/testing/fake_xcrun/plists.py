"""The property lists the fake writes: an app's Info.plist and the workmanager plugin's UserDefaults suite."""

from __future__ import annotations

import json
import plistlib
from typing import Any, Dict, Mapping, Optional, Sequence

CURRENT_PREFIX = "dev.fluttercommunity.workmanager"
LEGACY_PREFIX = "be.tramckrijte.workmanager"


def info_plist(bundle_id: str, name: str, executable: str, version: str, bundle_version: str,
               background_modes: Sequence[str], permitted_identifiers: Sequence[str]) -> bytes:
    """A binary Info.plist with the keys BGTaskScheduler and the plugin read."""
    info: Dict[str, Any] = {"CFBundleIdentifier": bundle_id, "CFBundleDisplayName": name, "CFBundleName": executable,
                            "CFBundleExecutable": executable, "CFBundleShortVersionString": version,
                            "CFBundleVersion": bundle_version, "CFBundlePackageType": "APPL"}
    if background_modes:
        info["UIBackgroundModes"] = list(background_modes)
    if permitted_identifiers:
        info["BGTaskSchedulerPermittedIdentifiers"] = list(permitted_identifiers)
    return plistlib.dumps(info, fmt=plistlib.FMT_BINARY)


def _swift_number(value: float) -> Any:
    """A Double as Swift's JSONEncoder writes it: 900.0 as 900."""
    return int(value) if float(value).is_integer() else float(value)


def swift_json(value: Mapping[str, Any]) -> bytes:
    """JSON as Swift's JSONEncoder (default options) writes it: compact, '/' escaped, nil optionals left out."""
    def clean(v: Any) -> Any:
        if isinstance(v, Mapping):
            return {k: clean(x) for k, x in v.items() if x is not None}
        if isinstance(v, float):
            return _swift_number(v)
        return v
    return json.dumps(clean(value), separators=(",", ":"), ensure_ascii=False).replace("/", "\\/").encode("utf-8")


def plugin_defaults(*, scheduled_tasks: Optional[Mapping[str, Mapping[str, Any]]] = None,
                    work_infos: Optional[Mapping[str, Mapping[str, Any]]] = None,
                    callback_handle: Optional[int] = None,
                    periodic_input_data: Optional[Mapping[str, Mapping[str, Any]]] = None,
                    legacy: bool = False, xml: bool = False, extra: Optional[Mapping[str, Any]] = None) -> bytes:
    """The suite's plist as UserDefaultsHelper.swift leaves it (binary unless `xml`): callbackHandle
    an integer, scheduledTasks and workInfos JSON Data, one periodicTaskInputData.<id> dictionary per
    identifier; `legacy` uses the be.tramckrijte prefix of plugin 0.7 and older; `extra` adds other keys."""
    prefix = LEGACY_PREFIX if legacy else CURRENT_PREFIX
    suite: Dict[str, Any] = dict(extra or {})
    if callback_handle is not None:
        suite[f"{prefix}.callbackHandle"] = int(callback_handle)
    if scheduled_tasks is not None:
        suite[f"{prefix}.scheduledTasks"] = swift_json(scheduled_tasks)
    if work_infos is not None:
        suite[f"{prefix}.workInfos"] = swift_json(work_infos)
    for identifier, data in (periodic_input_data or {}).items():
        suite[f"{prefix}.periodicTaskInputData.{identifier}"] = dict(data)
    return plistlib.dumps(suite, fmt=plistlib.FMT_XML if xml else plistlib.FMT_BINARY)
