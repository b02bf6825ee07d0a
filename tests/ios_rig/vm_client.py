"""Calls a fake app's Dart VM service over HTTP as fwm does (`GET /AUTH/METHOD?isolateId=...`): the JSON-RPC answer."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any, Dict

from fwm.testing.vm_service import FakeVmService


def call(service: FakeVmService, method: str, **params: Any) -> Dict[str, Any]:
    """The JSON-RPC answer of `method` on the service's isolate; dict and list values are sent as JSON."""
    query = {"isolateId": service.isolate_id}
    query.update({k: json.dumps(v) if isinstance(v, (dict, list)) else str(v) for k, v in params.items()})
    url = service.uri() + method + "?" + urllib.parse.urlencode(query)
    with urllib.request.urlopen(url, timeout=10) as reply:
        answer: Dict[str, Any] = json.loads(reply.read())
    return answer


def result(service: FakeVmService, method: str, **params: Any) -> Dict[str, Any]:
    """The `result` of a call that must succeed."""
    answer = call(service, method, **params)
    assert "result" in answer, answer
    found: Dict[str, Any] = answer["result"]
    return found
