"""plugin_generation / parse_callback_handles: which workmanager release wrote a WorkSpec's Data, which one the
app stores its callback handle for (flutter-workmanager-plugin.md section 2.6; Data as the plugin wrote it)."""

from __future__ import annotations

import json

import pytest

import fwm._core as core

NEW = "dev.fluttercommunity.workmanager."
OLD = "be.tramckrijte.workmanager."


def generation(worker_class, data):
    return core.plugin_generation(worker_class, json.dumps(data))


@pytest.mark.parametrize(
    "worker_class, data, expected",
    [
        # <=0.5.1: BackgroundWorker.kt@29bb7f1:35-37
        (OLD + "BackgroundWorker", {OLD + "DART_TASK": "t", OLD + "INPUT_DATA": '{"a":1}', OLD + "IS_IN_DEBUG_MODE_KEY": False},
         "<=0.5.1"),
        # 0.5.2-0.7.0: the new worker class, the old keys (BackgroundWorker.kt@370df0c:1,35-37)
        (NEW + "BackgroundWorker", {OLD + "DART_TASK": "t", OLD + "INPUT_DATA": None, OLD + "IS_IN_DEBUG_MODE_KEY": False},
         "0.5.2-0.7.0"),
        # 0.8.0: BackgroundWorker.kt@b45313b:34-36, every list a String array
        (NEW + "BackgroundWorker", {NEW + "DART_TASK": "t", NEW + "IS_IN_DEBUG_MODE_KEY": False, "payload_l": ["a"]},
         "0.8.0"),
        # 0.9.0 - 0.9.0+4: no debug key (WorkManagerUtils.kt@7f4f870:205-238); a String array tells nothing more
        (NEW + "BackgroundWorker", {NEW + "DART_TASK": "t", "payload_n": 1, "payload_l": ["a"]}, ">=0.9.0"),
        # 0.9.1+: json_payload_ / typed arrays (InputDataUtils.kt@a86f2c9:9,19), later config and unique name
        (NEW + "BackgroundWorker", {NEW + "DART_TASK": "t", "json_payload_m": '{"a":1}'}, ">=0.9.1"),
        (NEW + "BackgroundWorker", {NEW + "DART_TASK": "t", "payload_ids": [1, 2]}, ">=0.9.1"),
        (NEW + "BackgroundWorker", {NEW + "DART_TASK": "t", NEW + "FOREGROUND_SERVICE_CONFIG": "{}"}, ">=0.9.1"),
        (NEW + "BackgroundWorker", {NEW + "DART_TASK": "t", NEW + "UNIQUE_NAME": "u"}, ">=0.9.1"),
    ],
)
def test_the_dart_task_key_and_its_neighbours_tell_the_generation(worker_class, data, expected):
    assert generation(worker_class, data) == expected


def test_data_without_a_task_name_key_has_no_generation():
    assert generation(NEW + "BackgroundWorker", {"payload_a": 1}) is None
    assert generation("com.example.Other", {"endpoint": "x"}) is None


PREFS = """<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map>
    <long name="be.tramckrijte.workmanager.CALLBACK_DISPATCHER_HANDLE_KEY" value="-1" />
    <long name="dev.fluttercommunity.workmanager.CALLBACK_DISPATCHER_HANDLE_KEY" value="7417896632467213351" />
</map>
"""


def test_callback_handles_of_both_prefixes():
    assert json.loads(core.parse_callback_handles(PREFS)) == {"current": 7417896632467213351, "legacy": -1}
    old_only = PREFS.replace('    <long name="dev.fluttercommunity.workmanager.CALLBACK_DISPATCHER_HANDLE_KEY" '
                             'value="7417896632467213351" />\n', "")
    assert json.loads(core.parse_callback_handles(old_only)) == {"legacy": -1}
    assert json.loads(core.parse_callback_handles("")) == {}


def test_callback_handles_survive_long_lines_and_odd_values():
    long_line = PREFS.replace("<map>", "<map>\n    <string name=\"blob\">" + "x" * 1_000_000 + "</string>")
    assert json.loads(core.parse_callback_handles(long_line)) == {"current": 7417896632467213351, "legacy": -1}
    too_big = PREFS.replace('value="7417896632467213351"', 'value="99999999999999999999999"')
    assert json.loads(core.parse_callback_handles(too_big)) == {"legacy": -1}
    as_string = PREFS.replace('<long name="be.', '<string name="be.')
    assert json.loads(core.parse_callback_handles(as_string)) == {"current": 7417896632467213351}
