"""The rig's plugin generation table against section 2.6 of flutter-workmanager-plugin.md: the strings each
release writes, and what it does with nulls, maps and lists."""

from __future__ import annotations

import pytest

from fwm.testing.android_apps import plugin_generation, plugin_input_data
from fwm.testing.work_data import JavaArray

NEW = "dev.fluttercommunity.workmanager."
OLD = "be.tramckrijte.workmanager."


@pytest.mark.parametrize(
    "version, name, worker, prefix, callback_prefix",
    [("0.5.0", "<=0.5.1", OLD, OLD, OLD), ("0.5.1", "<=0.5.1", OLD, OLD, OLD),
     ("0.5.2", "0.5.2-0.7.0", NEW, OLD, OLD), ("0.6.0", "0.5.2-0.7.0", NEW, OLD, OLD),
     ("0.7.0", "0.5.2-0.7.0", NEW, OLD, OLD), ("0.8.0", "0.8.0", NEW, NEW, NEW),
     ("0.9.0", "0.9.0", NEW, NEW, NEW), ("0.9.0+4", "0.9.0", NEW, NEW, NEW), ("0.9.1", "0.9.1", NEW, NEW, NEW),
     ("0.10.4", "0.9.1", NEW, NEW, NEW), ("0.10.5", "0.10.5", NEW, NEW, NEW), ("0.10.10", "0.10.5", NEW, NEW, NEW)],
)
def test_each_release_maps_to_its_column(version, name, worker, prefix, callback_prefix):
    g = plugin_generation(version)
    assert g.name == name
    assert g.worker_class == worker + "BackgroundWorker"
    assert g.dart_task_key == prefix + "DART_TASK"
    assert g.callback_key == callback_prefix + "CALLBACK_DISPATCHER_HANDLE_KEY"


def test_up_to_0_7_0_the_payload_is_one_json_string_with_the_debug_flag():
    for version in ("0.5.1", "0.7.0"):
        data = plugin_input_data(plugin_generation(version), "t", {"a": 1, "l": ["x", "y"]})
        assert data == {OLD + "DART_TASK": "t", OLD + "INPUT_DATA": '{"a":1,"l":["x","y"]}',
                        OLD + "IS_IN_DEBUG_MODE_KEY": False}
        for bad in ({"n": None}, {"m": {"k": 1}}, {"l": [1, "x"]}):
            with pytest.raises(TypeError, match="has wrong type"):
                plugin_input_data(plugin_generation(version), "t", bad)


def test_0_8_0_keeps_the_strings_of_lists_writes_the_debug_key_and_throws_on_null_and_maps():
    data = plugin_input_data(plugin_generation("0.8.0"), "t", {"a": 1, "l": [1, "x"]})
    assert data == {NEW + "DART_TASK": "t", NEW + "IS_IN_DEBUG_MODE_KEY": False, "payload_a": 1,
                    "payload_l": JavaArray("String", ["x"])}
    for bad in ({"n": None}, {"m": {"k": 1}}):
        with pytest.raises(TypeError, match="Unsupported payload type"):
            plugin_input_data(plugin_generation("0.8.0"), "t", bad)


def test_0_9_0_drops_nulls_and_the_debug_key():
    data = plugin_input_data(plugin_generation("0.9.0+3"), "t", {"n": None, "l": [1, 2]})
    assert data == {NEW + "DART_TASK": "t", "payload_l": JavaArray("String", [])}
    with pytest.raises(TypeError):
        plugin_input_data(plugin_generation("0.9.0+3"), "t", {"m": {"k": 1}})


def test_0_9_1_json_payloads_typed_arrays_and_later_the_unique_name():
    data = plugin_input_data(plugin_generation("0.9.1"), "t", {"n": None, "m": {"k": None}, "ids": [1, 2]}, "u")
    assert data == {NEW + "DART_TASK": "t", "json_payload_m": '{"k":null}', "payload_ids": JavaArray("int", [1, 2])}
    data = plugin_input_data(plugin_generation("0.10.7"), "t", {}, "u")
    assert data == {NEW + "DART_TASK": "t", NEW + "UNIQUE_NAME": "u"}
