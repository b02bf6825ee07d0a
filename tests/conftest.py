"""Shared fixtures: running the installed `fwm` executable with argv (never through a shell)."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any, Dict, List, Optional

import pytest


class FwmResult:
    """The outcome of one `fwm` run: exit code, stdout, stderr, and stdout parsed as JSON lines."""

    def __init__(self, proc: "subprocess.CompletedProcess[str]") -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self) -> Dict[str, Any]:
        """The single JSON document on stdout."""
        lines = [line for line in self.out.splitlines() if line.strip()]
        assert len(lines) == 1, self.out
        result: Dict[str, Any] = json.loads(lines[0])
        return result

    def __repr__(self) -> str:
        return f"FwmResult(code={self.code}, out={self.out!r}, err={self.err!r})"


@pytest.fixture(scope="session")
def fwm_exe() -> str:
    path = shutil.which("fwm")
    assert path, "the fwm executable is not on PATH: run scripts/test, which installs it"
    return path


@pytest.fixture
def run_fwm(fwm_exe: str):
    """Runs `fwm ARGS...` and returns an FwmResult."""

    def run(*args: str, env: Optional[Dict[str, str]] = None, timeout: float = 60) -> FwmResult:
        argv: List[str] = [fwm_exe, *args]
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)
        return FwmResult(proc)

    return run
