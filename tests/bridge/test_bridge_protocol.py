"""The emulated bridge against docs/bridge-protocol.md and the VM service's HTTP format, called directly."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Dict

import pytest

from fwm.testing.workmanager_db import Constraints


def get(service, method: str, **params: str) -> Dict[str, Any]:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{service.uri()}{method}?{query}", timeout=10) as reply:
        assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
        answer: Dict[str, Any] = json.loads(reply.read())
    assert answer["jsonrpc"] == "2.0" and answer["id"] == ""
    return answer


def ext(service, name: str, **params: str) -> Dict[str, Any]:
    return get(service, f"ext.fwm.{name}", isolateId=service.isolate_id, **params)


def error_code(answer: Dict[str, Any]) -> int:
    return int(answer["error"]["code"])


def test_vm_and_isolate_list_the_extensions(bridge_app):
    rig, app = bridge_app
    service = app.vm_service
    vm = get(service, "getVM")["result"]
    assert vm["type"] == "VM" and [i["id"] for i in vm["isolates"]] == [service.isolate_id]
    isolate = get(service, "getIsolate", isolateId=service.isolate_id)["result"]
    assert {"ext.fwm.hello", "ext.fwm.runNow", "ext.fwm.getWorkInfo"} <= set(isolate["extensionRPCs"])
    assert len(isolate["extensionRPCs"]) == 11
    assert get(service, "getIsolate", isolateId="isolates/1")["result"]["kind"] == "Collected"
    bad = get(service, "getIsolate", isolateId="main")
    assert error_code(bad) == -32602 and "invalid 'isolateId'" in bad["error"]["data"]["details"]
    assert error_code(get(service, "ext.fwm.nope", isolateId=service.isolate_id)) == -32601
    assert error_code(get(service, "getNothing")) == -32601


def test_wrong_auth_code_is_403(bridge_app):
    rig, app = bridge_app
    port = app.vm_service.port
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/AAAAAAAAAAA=/getVM", timeout=10)
    assert info.value.code == 403 and info.value.read() == b"missing or invalid authentication code"


def test_hello(bridge_app):
    rig, app = bridge_app
    hello = ext(app.vm_service, "hello")["result"]
    assert hello == {"type": "FwmHello", "protocolVersion": "1.0", "bridgeVersion": "0.1.0", "pluginVersion": "0.10.7",
                     "platform": "android"}


def test_register_one_off_with_every_parameter(bridge_app):
    rig, app = bridge_app
    task = {"uniqueName": "u", "taskName": "t", "tag": "g", "inputData": {"a": 1, "m": {"x": None}},
            "initialDelay": 0, "constraints": {"networkType": "notRoaming", "requiresBatteryNotLow": False,
                                               "requiresCharging": False, "requiresDeviceIdle": False,
                                               "requiresStorageNotLow": True},
            "existingWorkPolicy": "replace", "backoffPolicy": "linear", "backoffPolicyDelay": 45000,
            "expedited": True, "outOfQuotaPolicy": "dropWorkRequest"}
    assert ext(app.vm_service, "registerOneOffTask", task=json.dumps(task))["result"]["uniqueName"] == "u"
    spec = app.work_spec("u")
    assert spec.tags == ["g"] or "g" in spec.tags
    assert spec.constraints == Constraints(network="not_roaming", storage_not_low=True)
    assert (spec.backoff_policy, spec.backoff_delay_duration, spec.expedited) == ("linear", 45000, True)
    assert spec.out_of_quota_policy == 1


def test_register_periodic_with_every_parameter_and_the_policies(bridge_app):
    rig, app = bridge_app
    task = {"uniqueName": "p", "taskName": "t", "tag": "g", "inputData": {}, "initialDelay": 60, "frequency": 3600,
            "flexInterval": 600, "constraints": {"networkType": "metered", "requiresCharging": True},
            "existingWorkPolicy": "keep", "backoffPolicy": "exponential", "backoffPolicyDelay": 20000}
    ext(app.vm_service, "registerPeriodicTask", task=json.dumps(task))
    spec = app.work_spec("p")
    assert (spec.interval_duration, spec.flex_duration, spec.initial_delay) == (3_600_000, 600_000, 60_000)
    ext(app.vm_service, "registerPeriodicTask", task=json.dumps({**task, "frequency": 7200}))
    assert app.work_spec("p").interval_duration == 3_600_000          # keep
    ext(app.vm_service, "registerPeriodicTask", task=json.dumps({**task, "frequency": 7200, "existingWorkPolicy": "replace"}))
    assert [s.interval_duration for s in app.work_specs() if "p" in s.names and s.state == "ENQUEUED"] == [7_200_000]


@pytest.mark.parametrize("task, detail", [
    ("{", "not JSON"),
    ("[]", "JSON object"),
    (json.dumps({"uniqueName": "u"}), "required"),
    (json.dumps({"uniqueName": "u", "taskName": "t", "initialDelay": "10s"}), "'initialDelay' must be int"),
    (json.dumps({"uniqueName": "u", "taskName": "t", "constraints": {"networkType": "wifi"}}), "networkType"),
    (json.dumps({"uniqueName": "u", "taskName": "t", "existingWorkPolicy": "append"}), "existingWorkPolicy"),
])
def test_bad_register_parameters_are_invalid_params(bridge_app, task, detail):
    rig, app = bridge_app
    answer = ext(app.vm_service, "registerPeriodicTask", task=task)
    assert error_code(answer) == -32602 and answer["error"]["message"] == "Invalid params"
    assert detail in answer["error"]["data"]["details"]
    assert error_code(ext(app.vm_service, "registerOneOffTask")) == -32602


def test_keys_the_plugin_does_not_read_are_ignored(bridge_app):
    rig, app = bridge_app
    task = json.dumps({"uniqueName": "u", "taskName": "t", "color": "red", "constraints": {"wifiOnly": True}})
    answer = ext(app.vm_service, "registerPeriodicTask", task=task)
    assert answer["result"] == {"type": "FwmRegistered", "uniqueName": "u"}


def test_cancel_is_scheduled_and_get_work_info(bridge_app):
    rig, app = bridge_app
    service = app.vm_service
    assert ext(service, "isScheduledByUniqueName", uniqueName="upload")["result"]["scheduled"] is True
    info = ext(service, "getWorkInfo", uniqueName="periodic-refresh")["result"]["workInfo"]
    assert info["state"] == "scheduled" and info["isPeriodic"] is True and "refresh" in info["tags"]
    assert ext(service, "getWorkInfo", uniqueName="none")["result"]["workInfo"] is None
    assert ext(service, "cancelByUniqueName", uniqueName="upload")["result"] == {"type": "Success"}
    assert ext(service, "isScheduledByUniqueName", uniqueName="upload")["result"]["scheduled"] is False
    assert ext(service, "getWorkInfo", uniqueName="upload")["result"]["workInfo"]["state"] == "cancelled"
    ext(service, "cancelByTag", tag="refresh")
    assert app.work_spec("periodic-refresh").state == "CANCELLED"
    ext(service, "cancelAll")
    assert {s.state for s in app.work_specs()} <= {"CANCELLED", "SUCCEEDED"}
    for name in ("cancelByUniqueName", "cancelByTag", "isScheduledByUniqueName", "getWorkInfo"):
        assert error_code(ext(service, name)) == -32602


def test_android_only_and_ios_only_methods(bridge_app):
    rig, app = bridge_app
    assert error_code(ext(app.vm_service, "printScheduledTasks")) == -32001
    task = json.dumps({"uniqueName": "u", "taskName": "t"})
    assert error_code(ext(app.vm_service, "registerProcessingTask", task=task)) == -32001


def test_run_now_makes_a_one_off_copy_that_runs(bridge_app):
    rig, app = bridge_app
    result = ext(app.vm_service, "runNow", uniqueName="periodic-refresh", taskName="refreshFeed",
                 inputData=json.dumps({"k": [1, 2]}), runUniqueName="copy-1")["result"]
    assert result == {"type": "FwmRunNow", "uniqueName": "copy-1", "taskName": "refreshFeed"}
    rig.devices[0].wait_until_idle()
    spec = app.work_spec("copy-1")
    assert spec.state == "SUCCEEDED" and "fwm-run-now" in spec.tags and not spec.is_periodic
    assert error_code(ext(app.vm_service, "runNow", uniqueName="x", taskName="t", inputData="[1]",
                          runUniqueName="c")) == -32602
    assert error_code(ext(app.vm_service, "runNow", uniqueName="x")) == -32602


def test_an_app_that_never_initialized_the_plugin_gets_plugin_errors(bridge_app):
    rig, app = bridge_app
    app.set_callback_handle(None)
    answer = ext(app.vm_service, "cancelAll")
    assert error_code(answer) == -32000 and answer["error"]["message"] == "Server error"
    assert "initialize" in answer["error"]["data"]["details"]
