"""The fake's writers reproduce the fixtures byte for byte where the fixture fixes every value."""

from __future__ import annotations

import json
from collections import OrderedDict

import fwm._core as core
from fwm.testing.fake_xcrun import apple_formats as fmt
from ios_world import sample


def test_simctl_json_layout_is_the_fixture():
    text = sample("simctl-list-devices.json")
    assert fmt.apple_json(json.loads(text, object_pairs_hook=OrderedDict)) + "\n" == text


def test_listapps_layout_is_the_fixture():
    text = sample("simctl-listapps.txt")
    doc = json.loads(core.ios_parse_openstep_plist(text))
    ordered = {k: doc[k] for k in ("dev.fluttercommunity.workmanagerExample", "com.apple.Maps")}
    assert fmt.openstep(ordered) + "\n" == text


def test_launchctl_layout_is_the_fixture():
    rows = [(None, 0, "com.apple.itunesstored"),
            (48213, 0, "UIKitApplication:dev.fluttercommunity.workmanagerExample[a3f1][rb-legacy]")]
    assert fmt.launchctl_table(rows) == sample("simctl-spawn-launchctl-list.txt")


def test_devicectl_human_table_is_the_fixture():
    device = {"name": "iPhone 12 mini", "udid": "00008101-000569C93E90001E",
              "identifier": "C85D41ED-3647-48D1-974E-30A53F3E629A", "reachable": True, "model": "iPhone 12 mini",
              "product_type": "iPhone13,1"}
    assert fmt.devicectl_human_devices([device]) == sample("devicectl-list-devices.human.txt")


def test_log_record_round_trips_in_both_styles():
    record = json.loads(sample("log-stream-record.json"), object_pairs_hook=OrderedDict)
    assert list(record) == fmt.LOG_KEYS
    for text in (fmt.log_json_array([record, record]), fmt.log_ndjson([record, record])):
        assert [json.loads(json.dumps(r)) for r in json.loads(core.ios_parse_unified_log(text))] == \
            2 * json.loads(core.ios_parse_unified_log(sample("log-stream-record.json")))
    assert json.loads(fmt.log_json_array([record]).replace("\n", "")) == [json.loads(sample("log-stream-record.json"))]
