"""ios_parse_openstep_plist and ios_parse_simctl_listapps: the listapps fixture and old-style plist syntax."""

from __future__ import annotations

import pytest

import fwm._core as core
from ios_samples import parsed, sample, to_crlf

DEVICE = "/Users/dev/Library/Developer/CoreSimulator/Devices/CCB1E793-CED4-4FCD-BF73-321AAEA77AB9/data/Containers"


def plist(text: str):
    return parsed(core.ios_parse_openstep_plist(text))


def test_listapps_fixture_every_value():
    expected = [
        {"bundleId": "com.apple.Maps", "name": "", "applicationType": "System"},
        {"bundleId": "dev.fluttercommunity.workmanagerExample", "name": "Workmanager Example",
         "applicationType": "User", "bundleVersion": "1",
         "path": f"{DEVICE}/Bundle/Application/B11C7D65-0661-40C2-B0E4-D50553000AB1/Runner.app",
         "dataContainer": f"{DEVICE}/Data/Application/D4ED6A96-568B-4D13-AD26-100D195BA4EA"},
    ]
    assert parsed(core.ios_parse_simctl_listapps(sample("simctl-listapps.txt"))) == expected
    assert parsed(core.ios_parse_simctl_listapps(to_crlf(sample("simctl-listapps.txt")))) == expected


def test_listapps_fixture_as_plist():
    doc = plist(sample("simctl-listapps.txt"))
    app = doc["dev.fluttercommunity.workmanagerExample"]
    assert app["GroupContainers"] == {}
    assert app["CFBundleExecutable"] == "Runner"
    assert app["Bundle"] == f"file://{DEVICE}/Bundle/Application/B11C7D65-0661-40C2-B0E4-D50553000AB1/Runner.app/"
    assert doc["com.apple.Maps"] == {"ApplicationType": "System", "CFBundleIdentifier": "com.apple.Maps"}


def test_strings_escapes_comments_arrays_data():
    text = r"""// a comment
    { /* block
    comment */
      plain = abc_1.2-3/x:y$+;
      "quoted;with=specials" = "semi;colon \"q\" back\\slash tab\t nl\n";
      single = 'it''s';
      octal = "caf\351";
      unicode = "\U00e9\U263A";
      pair = "\UD83D\UDE00";
      list = ( one, "two", ( nested ), {}, );
      empty = ();
      bytes = <0fA1 ff 00>;
      last = x
    }"""
    doc = plist(text.replace("'it''s'", "'it\\'s'"))
    assert doc["plain"] == "abc_1.2-3/x:y$+"
    assert doc["quoted;with=specials"] == 'semi;colon "q" back\\slash tab\t nl\n'
    assert doc["single"] == "it's"
    assert doc["octal"] == "café"
    assert doc["unicode"] == "é☺"
    assert doc["pair"] == "😀"
    assert doc["list"] == ["one", "two", ["nested"], {}]
    assert doc["empty"] == []
    assert doc["bytes"] == {"bytes": [0x0F, 0xA1, 0xFF, 0x00], "subtype": None}
    assert doc["last"] == "x"


def test_data_container_url_is_decoded():
    text = '{ "a.b" = { ApplicationType = User; DataContainer = "file:///Users/My%20Name/data/"; }; }'
    assert parsed(core.ios_parse_simctl_listapps(text))[0]["dataContainer"] == "/Users/My Name/data"


def test_missing_optional_keys():
    assert parsed(core.ios_parse_simctl_listapps('{ "x.y" = { }; }')) == [
        {"bundleId": "x.y", "name": "", "applicationType": ""}]


@pytest.mark.parametrize("text, where", [
    ("{ a = b; ", "line 1"),
    ("{ a = b; }\n extra", "text after the end"),
    ('{ a = "unterminated; }', "unterminated string"),
    ("{ a = <0g>; }", "hex digit"),
    ("{ a = <0>; }", "odd number"),
    ("{ a b; }", "expected '='"),
    ("/* never closed", "unterminated comment"),
    ("( a b )", "expected ','"),
])
def test_errors_name_the_place(text, where):
    with pytest.raises(ValueError, match=where):
        core.ios_parse_openstep_plist(text)


def test_listapps_rejects_non_dictionaries():
    with pytest.raises(ValueError):
        core.ios_parse_simctl_listapps("( a, b )")
    with pytest.raises(ValueError):
        core.ios_parse_simctl_listapps("{ a = b; }")
