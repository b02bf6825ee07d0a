"""What the plugin's iOS store records, shown as it is: run-now copies, callbacks returning false, ambiguous and AppDelegate-only records, older stores."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from typing import Any, Dict

import fwm._core as core
from ios_commands_world import BUNDLE, DEVICE_UDID, ONE_OFF, PROCESSING, REFRESH, SIM_UDID, IosWorld


def work_infos(ios: IosWorld) -> Dict[str, Dict[str, Any]]:
    """The workInfos the simulator app's plugin holds now, by unique name (read from its suite file)."""
    data = subprocess.run([ios.fake.path, "simctl", "get_app_container", SIM_UDID, BUNDLE, "data"],
                          capture_output=True, text=True, env=ios.env, check=True).stdout.strip()
    with open(data + "/Library/Preferences/dev.fluttercommunity.workmanager.userDefaults.plist", "rb") as f:
        return {w["uniqueName"]: w for w in json.loads(core.ios_parse_plugin_defaults(f.read()))["workInfos"]}


def listing(ios: IosWorld, target: str = SIM_UDID) -> Dict[str, Any]:
    result = ios.fwm("list", "-s", target, "-a", BUNDLE, "--json")
    assert result.code == 0, result
    return result.json()


def test_run_now_leaves_the_listing_exactly_as_it_was(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    before = listing(ios)
    result = ios.fwm("trigger", "-s", SIM_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--run-now", "--wait",
                     "--json")
    assert result.code == 0, result
    assert "changed" not in result.json()["results"][0]["message"]
    assert listing(ios) == before
    copies = [name for name in work_infos(ios) if ".fwm-run-now." in name]
    assert len(copies) == 1 and work_infos(ios)[copies[0]]["state"] == "succeeded"
    assert work_infos(ios)[REFRESH] == {**work_infos(ios)[REFRESH], "state": "scheduled", "isPeriodic": True}
    runs = ios.fake.dart_runs(ios.sim, BUNDLE)
    assert [(r["uniqueName"], r["taskName"]) for r in runs] == [(copies[0], "refreshTask")]


def test_run_now_without_wait_reports_the_started_copy_and_hides_it(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    before = listing(ios)
    result = ios.fwm("trigger", "-s", SIM_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--run-now", "--json")
    assert result.code == 0, result
    assert result.json()["results"][0]["outcome"] == "simulated"
    assert len(ios.fake.dart_runs(ios.sim, BUNDLE)) == 1
    assert listing(ios) == before


def test_a_copy_the_plugin_ran_without_delay_marks_the_original_and_fwm_says_so(ios: IosWorld) -> None:
    # What a delay-0 copy does in the plugin (S/WorkInfoStore.swift@af5d75a:138-149): its `started`
    # lands on the original. fwm's own run-now avoids it; an app that registers such a copy is shown as it is.
    ios.fake.launch_app(ios.sim, BUNDLE)
    service = ios.fake.start_bridge(ios.sim, BUNDLE)
    query = urllib.parse.urlencode({"isolateId": service.isolate_id,
                                    "task": json.dumps({"uniqueName": "mine", "taskName": "refreshTask"})})
    with urllib.request.urlopen(service.uri() + "ext.fwm.registerOneOffTask?" + query, timeout=10) as reply:
        assert "result" in json.loads(reply.read())
    tasks = {t["uniqueName"]: t for t in listing(ios)["tasks"]}
    assert tasks[REFRESH]["state"] == "running" and tasks["mine"]["state"] == "succeeded"


def test_a_bgtask_callback_returning_false_is_scheduled_with_its_finish_time(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    ios.fake.launch_app(ios.device, BUNDLE)
    ios.fake.set_dart_outcome(ios.device, BUNDLE, REFRESH, False)
    exe = shutil.which("fwm")
    assert exe
    waiting = subprocess.Popen([exe, "wait", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH,
                                "--until", "succeeded", "--timeout", "30s", "--json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ios.env)
    time.sleep(2)
    trigger = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--json")
    assert trigger.code == 0, trigger
    out, err = waiting.communicate(timeout=40)
    assert waiting.returncode == 1, (out, err)
    [outcome] = json.loads(out)["results"]
    assert outcome["outcome"] == "scheduled" and "returning false" in outcome["message"]
    task = {t["uniqueName"]: t for t in listing(ios, DEVICE_UDID)["tasks"]}[REFRESH]
    assert task["state"] == "scheduled" and task["lastFinishedAt"].endswith("Z")
    assert "failed" not in json.dumps(task)


def test_a_processing_task_whose_submit_failed_is_not_called_one_off(ios: IosWorld) -> None:
    ios.store(ios.sim, scheduled_tasks={REFRESH: {"kind": "refresh", "earliestBeginInSeconds": 900}})
    tasks = {t["uniqueName"]: t for t in listing(ios)["tasks"]}
    assert "kind" not in tasks[PROCESSING]
    assert any("processing (or health-research) task whose submit failed" in n for n in tasks[PROCESSING]["notes"])
    assert tasks[ONE_OFF]["kind"] == "one-off"


def test_register_of_a_processing_task_on_the_simulator_keeps_its_kind(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    result = ios.fwm("register", "processing", "dev.fluttercommunity.workmanagerExample.crunch", "crunch", "-a",
                     BUNDLE, "-s", SIM_UDID, "--json")
    assert result.code == 5, result
    doc = result.json()
    assert doc["task"]["kind"] == "processing" and "Simulator" in doc["message"]


def test_identifiers_only_the_app_delegate_registered_are_flagged(ios: IosWorld) -> None:
    extra = "dev.fluttercommunity.workmanagerExample.taskId"
    ios.store(ios.sim, scheduled_tasks={REFRESH: {"kind": "refresh", "earliestBeginInSeconds": 900},
                                        PROCESSING: {"kind": "processing"}, extra: {"kind": "processing"}})
    tasks = {t["uniqueName"]: t for t in listing(ios)["tasks"]}
    assert tasks[extra]["flags"] == ["appDelegateOnly"] and tasks[extra]["kind"] == "processing"
    assert "state" not in tasks[extra] and any("AppDelegate" in n for n in tasks[extra]["notes"])
    assert "flags" not in tasks[REFRESH]


def test_a_store_without_work_infos_says_why_there_is_less_to_show(ios: IosWorld) -> None:
    ios.store(ios.sim, work_infos=None)
    doc = listing(ios)
    assert sorted(t["uniqueName"] for t in doc["tasks"]) == sorted([REFRESH, PROCESSING])
    assert all("state" not in t and "flags" not in t for t in doc["tasks"])
    assert any("no workInfos key" in p and "0.10.3" in p for p in doc["problems"])
    ios.store(ios.sim, work_infos=None, scheduled_tasks=None)
    human = ios.fwm("list", "-s", SIM_UDID, "-a", BUNDLE)
    assert human.code == 0, human
    assert "No tasks" in human.out and "0.9.1+1" in human.out and "0.10.3" in human.out


def test_logs_catch_the_plugins_ios_lines(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    ios.fake.set_dart_outcome(ios.sim, BUNDLE, "refreshTask", "throw")
    assert ios.fwm("register", "processing", "not.permitted", "crunch", "-a", BUNDLE, "-s", SIM_UDID).code == 5
    assert ios.fwm("trigger", "-s", SIM_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--run-now", "--wait").code == 1
    ios.fake.add_log(ios.sim, "unrelated UIKit chatter", bundle_id=BUNDLE)
    result = ios.fwm("logs", "-s", SIM_UDID, "-a", BUNDLE, "--json")
    assert result.code == 0, result
    messages = [json.loads(line)["message"] for line in result.out.splitlines() if line.strip()]
    expected = ["Could not schedule BGProcessingTask identifier:not.permitted error:",
                "Possible issues can be: running on a simulator",
                "Task scheduled: refreshTask", "Task started: refreshTask, callbackHandle: 7741",
                "refreshTask was executed", "[WorkmanagerPlugin] one-off task refreshTask -> .failed (finished in ",
                "Task failed: refreshTask, error: "]
    for start in expected:
        assert any(m.startswith(start) for m in messages), (start, messages)
    assert not any("UIKit" in m or m.startswith("[workmanager] ") for m in messages)


def test_logs_catch_the_background_worker_lines_on_a_device(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    ios.fake.launch_app(ios.device, BUNDLE)
    ios.fake.set_dart_outcome(ios.device, BUNDLE, REFRESH, False)
    assert ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH).code == 0
    result = ios.fwm("logs", "-s", DEVICE_UDID, "-a", BUNDLE, "--json")
    assert result.code == 0, result
    messages = [json.loads(line)["message"] for line in result.out.splitlines() if line.strip()]
    assert any(m.startswith("[workmanager_apple.BackgroundWorker] performBackgroundRequest(_:) -> "
                            "performBackgroundRequest.failed (finished in ") for m in messages), messages
    assert f"Task retrying: {REFRESH}" in messages


def test_a_private_identifier_in_the_debug_line_still_shows_the_handler_ran(ios: IosWorld) -> None:
    ios.fake.configure(private_values=True)
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    ios.fake.launch_app(ios.device, BUNDLE)
    result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--json")
    assert result.code == 0, result
    assert "the plugin logged 'Task started" in result.json()["results"][0]["message"]
    assert any(r["eventMessage"].startswith("Task started: <private>, callbackHandle: 7741")
               for r in ios.fake.logs(ios.device))


def test_doctor_only_warns_about_a_record_that_may_be_a_one_off(ios: IosWorld) -> None:
    crunch = "dev.fluttercommunity.workmanagerExample.crunch"
    ios.store(ios.sim, work_infos={crunch: {"state": "scheduled", "isPeriodic": False, "taskName": "crunch"}},
              scheduled_tasks=None)
    result = ios.fwm("doctor", "-s", SIM_UDID, "-a", BUNDLE, "--json")
    assert result.code == 0, result
    permitted = next(c for c in result.json()["checks"] if "BGTaskSchedulerPermittedIdentifiers" in c["name"])
    assert permitted["status"] == "warn" and crunch in permitted["detail"] and "one-off" in permitted["detail"]
