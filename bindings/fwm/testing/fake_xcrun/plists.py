"""The property lists the fake writes: an app's Info.plist and the workmanager plugin's UserDefaults suite."""

from __future__ import annotations

import json
import os
import plistlib
from typing import Any, Dict, Mapping, Optional, Sequence

CURRENT_PREFIX = "dev.fluttercommunity.workmanager"
LEGACY_PREFIX = "be.tramckrijte.workmanager"
DEFAULTS_FILE = "Library/Preferences/{prefix}.userDefaults.plist"


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


class PluginSuite:
    """The current plugin's UserDefaults suite of one app (data container `data_path`), read from its
    plist; save() writes it back as a binary plist (as cfprefsd does) when something changed."""

    def __init__(self, data_path: str) -> None:
        self.path = os.path.join(data_path, DEFAULTS_FILE.format(prefix=CURRENT_PREFIX))
        self.values: Dict[str, Any] = {}
        self.changed = False
        if os.path.exists(self.path):
            with open(self.path, "rb") as f:
                self.values = dict(plistlib.load(f))

    @property
    def callback_handle(self) -> Optional[int]:
        """The stored callback handle (None before Workmanager().initialize ran)."""
        handle = self.values.get(f"{CURRENT_PREFIX}.callbackHandle")
        return None if handle is None else int(handle)

    def _json(self, name: str) -> Dict[str, Dict[str, Any]]:
        blob = self.values.get(f"{CURRENT_PREFIX}.{name}")
        return dict(json.loads(blob)) if blob else {}

    def _set_json(self, name: str, value: Optional[Mapping[str, Mapping[str, Any]]]) -> None:
        key = f"{CURRENT_PREFIX}.{name}"
        if value is None:
            self.values.pop(key, None)
        else:
            self.values[key] = swift_json(value)
        self.changed = True

    def scheduled_tasks(self) -> Dict[str, Dict[str, Any]]:
        """scheduledTasks: identifier -> {"kind", "earliestBeginInSeconds"}."""
        return self._json("scheduledTasks")

    def set_scheduled_tasks(self, tasks: Optional[Mapping[str, Mapping[str, Any]]]) -> None:
        """Replaces scheduledTasks (None removes the key, as removeAllScheduledTasks does)."""
        self._set_json("scheduledTasks", tasks)

    def work_infos(self) -> Dict[str, Dict[str, Any]]:
        """workInfos: unique name -> {"state", "isPeriodic", "taskName", "lastFinishedAt", "updatedAt"}."""
        return self._json("workInfos")

    def set_work_infos(self, infos: Mapping[str, Mapping[str, Any]]) -> None:
        """Replaces workInfos."""
        self._set_json("workInfos", infos)

    def input_data(self, identifier: str) -> Optional[Dict[str, Any]]:
        """periodicTaskInputData.<identifier>, None when absent."""
        data = self.values.get(f"{CURRENT_PREFIX}.periodicTaskInputData.{identifier}")
        return None if data is None else dict(data)

    def set_input_data(self, identifier: str, data: Optional[Mapping[str, Any]]) -> None:
        """Stores periodicTaskInputData.<identifier>; None removes it (storePeriodicTaskInputData)."""
        key = f"{CURRENT_PREFIX}.periodicTaskInputData.{identifier}"
        if data is None:
            self.values.pop(key, None)
        else:
            self.values[key] = dict(data)
        self.changed = True

    def save(self) -> None:
        """Writes the suite back when something changed."""
        if self.changed:
            with open(self.path, "wb") as f:
                plistlib.dump(self.values, f, fmt=plistlib.FMT_BINARY)
            self.changed = False
