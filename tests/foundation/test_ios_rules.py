"""The iOS register rules, each through the CLI and Python (they must agree)."""

from __future__ import annotations

from datetime import timedelta

import pytest

import fwm
from faces import problem_fields, register_both, warning_fields

IOS = {"platform": "ios", "app": "com.example.app"}


def test_periodic_frequency_and_flex_are_ignored_with_warnings(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "periodic", unique="com.example.refresh", task="com.example.refresh",
                                 frequency=timedelta(hours=1), flex_interval=timedelta(minutes=10), **IOS)
    assert code == 0
    assert "frequency" not in doc["task"]
    assert "flexInterval" not in doc["task"]
    assert warning_fields(doc) == ["frequency", "flexInterval"]
    assert "iOS ignores frequency" in doc["warnings"][0]["message"]


def test_periodic_initial_delay_is_kept(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "periodic", unique="r", task="r", initial_delay=timedelta(minutes=20), **IOS)
    assert code == 0
    assert doc["task"]["initialDelay"] == 1200
    assert doc["warnings"] == []


def test_bg_task_callbacks_see_the_unique_name(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "periodic", unique="com.example.refresh", task="refresh", **IOS)
    assert code == 0
    assert warning_fields(doc) == ["taskName"]
    assert "'com.example.refresh'" in doc["warnings"][0]["message"]


def test_processing_input_data_is_not_delivered(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "processing", unique="p", task="p", input_data={"a": 1}, **IOS)
    assert code == 0
    assert warning_fields(doc) == ["inputData"]


@pytest.mark.parametrize("network,effective,warned", [
    ("connected", "connected", False),
    ("metered", "connected", False),
    ("notRequired", "notRequired", False),
    ("unmetered", "notRequired", True),
    ("notRoaming", "notRequired", True),
    ("temporarilyUnmetered", "notRequired", True),
])
def test_processing_network_becomes_requires_network_connectivity(fwm_exe, network, effective, warned):
    code, doc, _ = register_both(fwm_exe, "processing", unique="p", task="p",
                                 constraints=fwm.Constraints(network_type=network), **IOS)
    assert code == 0
    assert doc["task"]["constraints"]["networkType"] == effective
    assert ("constraints.networkType" in warning_fields(doc)) == warned


def test_processing_keeps_charging_and_drops_other_constraints(fwm_exe):
    constraints = fwm.Constraints(requires_charging=True, requires_battery_not_low=True,
                                  requires_device_idle=True, requires_storage_not_low=True)
    code, doc, _ = register_both(fwm_exe, "processing", unique="p", task="p", constraints=constraints, **IOS)
    assert code == 0
    assert doc["task"]["constraints"] == {"networkType": "notRequired", "requiresCharging": True}
    assert warning_fields(doc) == ["constraints.requiresBatteryNotLow", "constraints.requiresDeviceIdle",
                                   "constraints.requiresStorageNotLow"]


def test_periodic_constraints_are_ignored(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "periodic", unique="r", task="r",
                                 constraints=fwm.Constraints(requires_charging=True), **IOS)
    assert code == 0
    assert doc["task"]["constraints"] == {}
    assert warning_fields(doc) == ["constraints"]


def test_one_off_is_an_in_process_timer(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", unique="u", task="uploadTask", initial_delay=timedelta(seconds=5),
                                 **IOS)
    assert code == 0
    assert doc["task"]["initialDelay"] == 5
    assert warning_fields(doc) == ["kind"]
    assert "cannot be listed, triggered or cancelled" in doc["warnings"][0]["message"]


def test_android_only_parameters_are_dropped_with_warnings(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", unique="u", task="u", tag="t", existing_work_policy="replace",
                                 backoff_policy="linear", backoff_policy_delay=timedelta(seconds=30),
                                 expedited=True, out_of_quota_policy="drop", **IOS)
    assert code == 0
    task = doc["task"]
    assert task["tags"] == [] and task["expedited"] is False
    for absent in ("existingWorkPolicy", "backoff", "outOfQuotaPolicy"):
        assert absent not in task
    assert warning_fields(doc) == ["tag", "existingWorkPolicy", "backoffPolicy", "expedited", "outOfQuotaPolicy", "kind"]


def test_processing_tasks_take_only_delay_data_and_constraints(fwm_exe):
    proc = register_both(fwm_exe, "processing", unique="p", task="p", initial_delay=timedelta(minutes=1), **IOS)
    assert proc[0] == 0
    assert proc[1]["task"]["initialDelay"] == 60


@pytest.mark.parametrize("app", ["com.example.app", "com.example-app.Runner", "Runner"])
def test_bundle_identifiers(fwm_exe, app):
    code, _, _ = register_both(fwm_exe, "one-off", unique="u", task="u", platform="ios", app=app)
    assert code == 0


@pytest.mark.parametrize("app", ["", "com.example app", "com.example_app", "com.example.app'", "a..b"])
def test_bad_bundle_identifiers(fwm_exe, app):
    code, doc, _ = register_both(fwm_exe, "one-off", unique="u", task="u", platform="ios", app=app)
    assert code == 2
    assert problem_fields(doc) == ["app"]
