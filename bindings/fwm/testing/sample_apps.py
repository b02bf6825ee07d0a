"""Ready-made apps for tests and demos: the five plugin tasks of the issue (one-off, delayed one-off,
periodic with flex, constrained, tagged) plus one work request of another worker class."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from .android_apps import AndroidApp
from .work_data import JavaArray
from .workmanager_db import Constraints

if TYPE_CHECKING:
    from .emulated_device import EmulatedDevice

SAMPLE_PACKAGE = "com.example.app"
OTHER_WORKER = "com.example.app.LogUploadWorker"
MINUTE = 60_000
HOUR = 60 * MINUTE


@dataclass(frozen=True)
class SampleTask:
    """One plugin task of the sample app, with the add_task() options that register it."""

    unique_name: str
    task_name: str
    options: Dict[str, Any] = field(default_factory=dict)
    older_payload: Optional[Dict[str, Any]] = None  # what plugins before 0.9.1 can store, when the payload differs


SAMPLE_TASKS: List[SampleTask] = [
    SampleTask("sync-once", "syncOnce", {"payload": {"userId": 42, "force": True}, "expedited": True}),
    SampleTask("reminder", "sendReminder", {"initial_delay_ms": 2 * HOUR,
                                            "payload": {"message": "Stand up", "ratio": 0.5}}),
    SampleTask("periodic-refresh", "refreshFeed", {"periodic": True, "frequency_ms": HOUR, "flex_ms": 15 * MINUTE,
                                                   "tag": "refresh"}),
    SampleTask("upload", "uploadPhotos", {
        "payload": {"ids": [1, 2, 3], "album": "Trip"},
        "constraints": Constraints(network="unmetered", charging=True, battery_not_low=True),
        "backoff_policy": "linear", "backoff_delay_ms": MINUTE}),
    SampleTask("cleanup", "cleanupCache", {"tag": "maintenance",
                                           "payload": {"maxAgeDays": 7, "meta": {"reason": "manual"},
                                                       "paths": ["a", None]}},
               older_payload={"maxAgeDays": 7, "paths": ["a", "b"]}),
]


def sample_app(package: str = SAMPLE_PACKAGE, *, schema: int = 24, debuggable: bool = True,
               device: Optional["EmulatedDevice"] = None, enqueued_ago_ms: int = 2 * MINUTE,
               **app_options: Any) -> AndroidApp:
    """An app with the sample tasks. schema 24: WorkManager 2.10.2, plugin 0.10.7, V1 blobs; schema 12:
    WorkManager 2.7.1 with the plugin generation of that time (0.5.1: be.tramckrijte keys, the payload as
    one JSON string, so the cleanup task carries only what 0.5.1 accepts) and V0 blobs. Override any AndroidApp option (e.g. plugin_version, data_format,
    debug_handler, wm_log_level). With `device` the app is installed and its work enqueued
    `enqueued_ago_ms` ago (job ids 0..5); without, call install_sample_work(app) after installing it."""
    defaults: Dict[str, Any] = {"debug_handler": "logging"}
    if schema == 12:
        defaults.update(workmanager_version="2.7.1", plugin_version="0.5.1", target_sdk=31)
    elif schema != 24:
        raise ValueError("schema must be 24 or 12")
    defaults.update(app_options)
    app = AndroidApp(package, debuggable=debuggable, schema=schema, **defaults)
    if device is not None:
        device.install_app(app)
        install_sample_work(app, enqueued_ago_ms=enqueued_ago_ms)
    return app


def install_sample_work(app: AndroidApp, *, enqueued_ago_ms: int = 2 * MINUTE) -> None:
    """Enqueue the sample tasks and the non-plugin work in an installed app, in that order."""
    enqueued = app.now_ms() - enqueued_ago_ms
    for task in SAMPLE_TASKS:
        options = dict(task.options)
        if task.older_payload is not None and not app.plugin.json_payloads:
            options["payload"] = task.older_payload  # maps, mixed lists and nulls need 0.9.1+ (section 2.6)
        app.add_task(task.unique_name, task.task_name, enqueued_at_ms=enqueued, **options)
    app.add_work(OTHER_WORKER, tags=("logs",), input_data={"endpoint": "https://logs.example.com",
                                                          "levels": JavaArray("String", ["W", "E"])},
                 constraints=Constraints(network="connected"), enqueued_at_ms=enqueued)
