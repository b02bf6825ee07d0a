"""A fake Dart VM service: the HTTP (non-WebSocket) face of the real one, with isolates and service extensions.

Fidelity source (dart-lang/sdk): `sdk/lib/_internal/vm/bin/vmservice_server.dart` (auth code as the
first path segment, a wrong or missing one -> HTTP 403 `missing or invalid authentication code`;
`application/json; charset=utf-8`), `sdk/lib/vmservice/message.dart` (an HTTP request is method =
first path segment, params = query, id `""`), `running_isolates.dart` (an `isolateId` that is not
`isolates/N` -> -32602 `Invalid params`; an unknown isolate -> a `Sentinel` of kind `Collected`),
`vmservice.dart` (`encodeRpcError`: {code, message, data: {details}}), `sdk/lib/developer/extension.dart`
(extension answers: the handler's JSON as `result`, or {code, message "Server error" | "Invalid
params", data: {details}}; all parameters arrive as strings), `runtime/vm/service/service.md` (getVM,
getIsolate and `extensionRPCs`; -32601 `Method not found`)."""

from __future__ import annotations

import base64
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

INVALID_PARAMS = -32602
METHOD_NOT_FOUND = -32601
EXTENSION_ERROR = -32000

Handler = Callable[[Mapping[str, str]], Dict[str, Any]]


class ExtensionError(Exception):
    """Raised by an extension handler: ServiceExtensionResponse.error(code, detail)."""

    def __init__(self, code: int, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def make_auth_code() -> str:
    """An auth code as the VM makes one: base64url of 8 random bytes (e.g. `9RXbNwUxzQo=`)."""
    return base64.urlsafe_b64encode(os.urandom(8)).decode()


class FakeVmService:
    """A VM service listening on 127.0.0.1 (port 0 picks one) with one isolate `main` whose service
    extensions are `extensions` (name -> handler(params) -> result dict); getVM reports `pid` and
    `operating_system`. Serves requests on a background thread from construction until stop().
    `requests` records every (method, params)."""

    def __init__(self, extensions: Optional[Dict[str, Handler]] = None, *, pid: int = 0, port: int = 0,
                 auth_code: Optional[str] = None, operating_system: str = "android") -> None:
        self.extensions: Dict[str, Handler] = dict(extensions or {})
        self.operating_system = operating_system
        self.auth_code = auth_code if auth_code is not None else make_auth_code()
        self.pid = pid
        self.device_port: Optional[int] = None  # the device port mapped to it, when an emulated app runs it
        self.isolate_number = str(1000 + int.from_bytes(os.urandom(3), "big"))
        self.requests: List[Tuple[str, Dict[str, str]]] = []
        self._lock = threading.Lock()
        service = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                service._serve(self)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"vm-service-{self.port}", daemon=True)
        self._thread.start()

    @property
    def isolate_id(self) -> str:
        return f"isolates/{self.isolate_number}"

    def uri(self, port: Optional[int] = None) -> str:
        """The address as the engine prints it: http://127.0.0.1:PORT/AUTH/ (`port` for another side)."""
        return f"http://127.0.0.1:{self.port if port is None else port}/{self.auth_code}/"

    def stop(self) -> None:
        """Stop listening; later connections are refused. Idempotent."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)

    # --- the protocol ------------------------------------------------------------------------------------

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        url = urlsplit(request.path)
        segments = url.path.lstrip("/").split("/")
        if not segments or segments[0] != self.auth_code:
            self._reply(request, 403, b"missing or invalid authentication code", "text/plain; charset=utf-8")
            return
        method = segments[1] if len(segments) > 1 else ""
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        with self._lock:
            self.requests.append((method, params))
        body = json.dumps(self._answer(method, params))
        self._reply(request, 200, body.encode(), "application/json; charset=utf-8")

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Access-Control-Allow-Origin", "*")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    def _answer(self, method: str, params: Dict[str, str]) -> Dict[str, Any]:
        if method == "getVM":
            return _result(self._vm())
        if method == "getVersion":
            return _result({"type": "Version", "major": 4, "minor": 16})
        if method == "getIsolate" or method.startswith("ext."):
            isolate_id = params.get("isolateId")
            if isolate_id is None:
                return _error(INVALID_PARAMS, f"{method} expects the 'isolateId' parameter")
            if not isolate_id.startswith("isolates/") or not isolate_id[len("isolates/"):].isdigit():
                return _error(INVALID_PARAMS, f"{method}: invalid 'isolateId' parameter: {isolate_id}")
            if isolate_id != self.isolate_id:
                return _result({"type": "Sentinel", "kind": "Collected", "valueAsString": "<collected>"})
            if method == "getIsolate":
                return _result(self._isolate())
            handler = self.extensions.get(method)
            if handler is None:
                return {"jsonrpc": "2.0", "error": {"code": METHOD_NOT_FOUND, "message": "Method not found",
                                                    "data": {"request": {"method": method, "params": params}}},
                        "id": ""}
            try:
                return _result(handler({k: v for k, v in params.items() if k != "isolateId"}))
            except ExtensionError as e:
                return {"jsonrpc": "2.0", "error": {
                    "code": e.code, "message": "Invalid params" if e.code == INVALID_PARAMS else "Server error",
                    "data": {"details": e.detail}}, "id": ""}
        return {"jsonrpc": "2.0", "error": {"code": METHOD_NOT_FOUND, "message": "Method not found",
                                            "data": {"request": {"method": method, "params": params}}}, "id": ""}

    def _isolate_ref(self) -> Dict[str, Any]:
        return {"type": "@Isolate", "id": self.isolate_id, "number": self.isolate_number, "name": "main",
                "isSystemIsolate": False, "isolateGroupId": f"isolateGroups/{self.isolate_number}1"}

    def _vm(self) -> Dict[str, Any]:
        return {"type": "VM", "name": "vm", "architectureBits": 64, "hostCPU": "ARM64",
                "operatingSystem": self.operating_system, "targetCPU": "arm64",
                "version": f"3.5.0 (stable) on \"{self.operating_system}_arm64\"", "pid": self.pid,
                "startTime": 0, "isolates": [self._isolate_ref()], "isolateGroups": [], "systemIsolates": [],
                "systemIsolateGroups": []}

    def _isolate(self) -> Dict[str, Any]:
        ref = self._isolate_ref()
        ref.update({"type": "Isolate", "runnable": True, "livePorts": 3, "pauseOnExit": False,
                    "pauseEvent": {"type": "Event", "kind": "Resume", "timestamp": 0},
                    "libraries": [], "breakpoints": [], "exceptionPauseMode": "Unhandled",
                    "extensionRPCs": sorted(self.extensions)})
        return ref


def _result(result: Dict[str, Any]) -> Dict[str, Any]:
    return {"jsonrpc": "2.0", "result": result, "id": ""}


def _error(code: int, details: str) -> Dict[str, Any]:
    return {"jsonrpc": "2.0", "error": {"code": code, "message": "Invalid params", "data": {"details": details}},
            "id": ""}
