"""The Android register rules, each through the CLI and Python (they must agree)."""

from __future__ import annotations

from datetime import timedelta

import pytest

import fwm
from faces import problem_fields, register_both, warning_fields


def test_periodic_frequency_below_15_minutes_is_clamped_with_a_warning(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "periodic", frequency=timedelta(minutes=10))
    assert code == 0
    assert doc["schema"] == "fwm/1"
    assert doc["dryRun"] is True
    assert doc["task"]["frequency"] == 900
    assert doc["requested"]["frequency"] == 600
    assert warning_fields(doc) == ["frequency"]
    assert "15-minute minimum" in doc["warnings"][0]["message"]


def test_periodic_defaults(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "periodic")
    assert code == 0
    task = doc["task"]
    assert task["frequency"] == 900
    assert task["flexInterval"] == 900
    assert task["initialDelay"] == 0
    assert task["existingWorkPolicy"] == "update"
    assert task["backoff"] == {"policy": "exponential", "delay": 30}
    assert task["constraints"] == {
        "networkType": "notRequired", "requiresBatteryNotLow": False, "requiresCharging": False,
        "requiresDeviceIdle": False, "requiresStorageNotLow": False,
    }
    assert doc["warnings"] == []


def test_one_off_defaults(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off")
    assert code == 0
    assert doc["task"]["existingWorkPolicy"] == "keep"
    assert "frequency" not in doc["task"]
    assert doc["task"]["expedited"] is False
    assert "outOfQuotaPolicy" not in doc["task"]


@pytest.mark.parametrize("flex,effective,warned", [
    (timedelta(minutes=1), 300, True),
    (timedelta(minutes=5), 300, False),
    (timedelta(minutes=20), 1200, False),
    (timedelta(hours=2), 3600, True),
])
def test_flex_is_clamped_between_5_minutes_and_the_interval(fwm_exe, flex, effective, warned):
    code, doc, _ = register_both(fwm_exe, "periodic", frequency=timedelta(hours=1), flex_interval=flex)
    assert code == 0
    assert doc["task"]["flexInterval"] == effective
    assert ("flexInterval" in warning_fields(doc)) == warned


def test_processing_is_refused_on_android(fwm_exe):
    code, doc, error = register_both(fwm_exe, "processing", unique="p", task="t")
    assert code == 2
    assert isinstance(error, fwm.ValidationError)
    assert problem_fields(doc) == ["kind"]
    assert "iOS-only" in doc["error"]["problems"][0]["message"]


def test_append_policy_on_a_periodic_task_is_an_error(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "periodic", existing_work_policy=fwm.ExistingWorkPolicy.APPEND)
    assert code == 2
    assert problem_fields(doc) == ["existingWorkPolicy"]
    assert doc["error"]["problems"][0]["flag"] == "--policy"


@pytest.mark.parametrize("policy,effective,warned", [
    ("append", "appendOrReplace", False),
    ("update", "appendOrReplace", True),
    ("keep", "keep", False),
    ("replace", "replace", False),
])
def test_one_off_policies_as_the_android_plugin_maps_them(fwm_exe, policy, effective, warned):
    code, doc, _ = register_both(fwm_exe, "one-off", existing_work_policy=policy)
    assert code == 0
    assert doc["task"]["existingWorkPolicy"] == effective
    assert ("existingWorkPolicy" in warning_fields(doc)) == warned


@pytest.mark.parametrize("policy", ["keep", "replace", "update"])
def test_periodic_policies_are_kept(fwm_exe, policy):
    code, doc, _ = register_both(fwm_exe, "periodic", existing_work_policy=policy)
    assert code == 0
    assert doc["task"]["existingWorkPolicy"] == policy


def test_backoff_without_a_delay_is_an_error(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", backoff_policy="linear")
    assert code == 2
    assert problem_fields(doc) == ["backoffPolicy"]
    assert "--backoff-delay" in doc["error"]["problems"][0]["message"]


def test_backoff_delay_without_a_policy_is_an_error(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", backoff_policy_delay=timedelta(seconds=40))
    assert code == 2
    assert problem_fields(doc) == ["backoffPolicyDelay"]


@pytest.mark.parametrize("delay,effective,warned", [
    (timedelta(seconds=5), 10, True),
    (timedelta(seconds=10), 10, False),
    (timedelta(seconds=10, milliseconds=500), 10.5, False),
    (timedelta(hours=6), 18000, True),
])
def test_backoff_delay_is_clamped_to_workmanager_limits(fwm_exe, delay, effective, warned):
    code, doc, _ = register_both(fwm_exe, "one-off", backoff_policy=fwm.BackoffPolicy.LINEAR,
                                 backoff_policy_delay=delay)
    assert code == 0
    assert doc["task"]["backoff"] == {"policy": "linear", "delay": effective}
    assert ("backoffPolicyDelay" in warning_fields(doc)) == warned


def test_backoff_with_device_idle_warns_that_jobscheduler_drops_it(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", backoff_policy="exponential",
                                 backoff_policy_delay=timedelta(minutes=1),
                                 constraints=fwm.Constraints(requires_device_idle=True))
    assert code == 0
    assert warning_fields(doc) == ["backoffPolicy"]


def test_expedited_defaults_to_run_as_non_expedited(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", expedited=True)
    assert code == 0
    assert doc["task"]["expedited"] is True
    assert doc["task"]["outOfQuotaPolicy"] == "runAsNonExpeditedWorkRequest"


def test_expedited_with_drop(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", expedited=True, out_of_quota_policy="drop")
    assert code == 0
    assert doc["task"]["outOfQuotaPolicy"] == "dropWorkRequest"


def test_expedited_work_cannot_be_delayed(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", expedited=True, initial_delay=timedelta(seconds=5))
    assert code == 2
    assert problem_fields(doc) == ["initialDelay"]


@pytest.mark.parametrize("constraint", ["requires_charging", "requires_battery_not_low", "requires_device_idle"])
def test_expedited_work_refuses_power_and_idle_constraints(fwm_exe, constraint):
    code, doc, _ = register_both(fwm_exe, "one-off", expedited=True,
                                 constraints=fwm.Constraints(**{constraint: True}))
    assert code == 2
    assert problem_fields(doc) == ["constraints"]


def test_expedited_work_takes_network_and_storage_constraints(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", expedited=True,
                                 constraints=fwm.Constraints(network_type="connected", requires_storage_not_low=True))
    assert code == 0
    assert doc["task"]["constraints"]["networkType"] == "connected"
    assert doc["task"]["constraints"]["requiresStorageNotLow"] is True


def test_out_of_quota_without_expedited_is_an_error(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", out_of_quota_policy="drop")
    assert code == 2
    assert problem_fields(doc) == ["outOfQuotaPolicy"]


@pytest.mark.parametrize("network", [n.value for n in fwm.NetworkType])
def test_every_network_type(fwm_exe, network):
    code, doc, _ = register_both(fwm_exe, "one-off", constraints=fwm.Constraints(network_type=network))
    assert code == 0
    assert doc["task"]["constraints"]["networkType"] == network
    assert ("constraints.networkType" in warning_fields(doc)) == (network == "temporarilyUnmetered")


def test_every_boolean_constraint(fwm_exe):
    constraints = fwm.Constraints(requires_charging=True, requires_battery_not_low=True,
                                  requires_device_idle=True, requires_storage_not_low=True)
    code, doc, _ = register_both(fwm_exe, "periodic", constraints=constraints)
    assert code == 0
    c = doc["task"]["constraints"]
    assert c["requiresCharging"] and c["requiresBatteryNotLow"] and c["requiresDeviceIdle"] and c["requiresStorageNotLow"]


def test_input_data_of_native_types_gives_no_warning(fwm_exe):
    data = {"int": 1, "bool": True, "double": 1.5, "string": "x", "ints": [1, 2], "strings": ["a", "b"]}
    code, doc, _ = register_both(fwm_exe, "one-off", input_data=data)
    assert code == 0
    assert doc["task"]["inputData"] == data
    assert doc["warnings"] == []


def test_a_top_level_null_is_dropped_by_the_plugin(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", input_data={"k": None, "m": {"inner": None}})
    assert code == 0
    assert warning_fields(doc) == ["inputData.k", "inputData.m"]
    message = doc["warnings"][0]["message"]
    assert "drops top-level nulls" in message and "no key is stored" in message
    assert "does not get \"k\" back" in message and "nested inside maps or lists survive" in message
    assert "0.9.1" in doc["warnings"][1]["message"]


@pytest.mark.parametrize("value", [{"nested": 1}, [1, "x"], [[1], [2]], [1, 2.5], [None, 1]])
def test_input_data_that_travels_as_json_warns_about_older_plugins(fwm_exe, value):
    code, doc, _ = register_both(fwm_exe, "one-off", input_data={"k": value})
    assert code == 0
    assert warning_fields(doc) == ["inputData.k"]
    assert "0.9.1" in doc["warnings"][0]["message"]
    assert doc["task"]["inputData"] == {"k": value}


def test_input_data_over_10_kb_is_an_error(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", input_data={"blob": "x" * 11000})
    assert code == 2
    assert problem_fields(doc) == ["inputData"]
    assert "10240" in doc["error"]["problems"][0]["message"]


def test_input_data_just_under_10_kb_passes(fwm_exe):
    code, _, _ = register_both(fwm_exe, "one-off", input_data={"blob": "x" * 9000})
    assert code == 0


def test_sub_second_durations_are_truncated_with_a_warning(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", initial_delay=timedelta(milliseconds=1500))
    assert code == 0
    assert doc["task"]["initialDelay"] == 1
    assert doc["requested"]["initialDelay"] == 1.5
    assert warning_fields(doc) == ["initialDelay"]
    assert "whole seconds" in doc["warnings"][0]["message"]


def test_a_sub_second_delay_becomes_zero(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", initial_delay=timedelta(milliseconds=500))
    assert code == 0
    assert doc["task"]["initialDelay"] == 0


def test_the_tag_is_carried_as_tags(fwm_exe):
    proc_code, doc, _ = register_both(fwm_exe, "periodic", tag="nightly")
    assert proc_code == 0
    assert doc["task"]["tags"] == ["nightly"]


@pytest.mark.parametrize("field,value", [("unique", ""), ("task", ""), ("unique", "n" * 256), ("task", "t" * 300)])
def test_empty_or_over_long_names_are_errors(fwm_exe, field, value):
    names = {"unique": "sync", "task": "syncTask", field: value}
    code, doc, _ = register_both(fwm_exe, "one-off", unique=names["unique"], task=names["task"])
    assert code == 2
    assert problem_fields(doc) == [{"unique": "uniqueName", "task": "taskName"}[field]]


def test_a_255_byte_name_is_accepted(fwm_exe):
    code, _, _ = register_both(fwm_exe, "one-off", unique="é" * 127 + "x")
    assert code == 0


def test_empty_tag_is_an_error(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", tag="")
    assert code == 2
    assert problem_fields(doc) == ["tag"]


@pytest.mark.parametrize("name", ["it's", 'say "hi"', "$(reboot)", "a;b", "new\nline", "ünïcødé ✓", "-leading"])
def test_hostile_names_are_carried_verbatim(fwm_exe, name):
    code, doc, _ = register_both(fwm_exe, "one-off", unique=name, task=name, tag=name)
    assert code == 0
    assert doc["task"]["uniqueName"] == name
    assert doc["task"]["taskName"] == name
    assert doc["task"]["tags"] == [name]


@pytest.mark.parametrize("app", ["", "nodots", "1com.example", "com.example.app; reboot", "com..example", "com.ex-ample"])
def test_bad_android_package_names_are_errors(fwm_exe, app):
    code, doc, _ = register_both(fwm_exe, "one-off", app=app)
    assert code == 2
    assert problem_fields(doc) == ["app"]


def test_every_problem_is_reported_at_once(fwm_exe):
    code, doc, _ = register_both(fwm_exe, "one-off", unique="", backoff_policy="linear", out_of_quota_policy="drop")
    assert code == 2
    assert problem_fields(doc) == ["uniqueName", "backoffPolicy", "outOfQuotaPolicy"]
