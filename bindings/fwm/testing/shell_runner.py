"""Runs a device shell command line (`sh -c SCRIPT`) against a command table, like mksh would."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

from .adbd_transport import StreamClosed
from .device_commands import SHELL_PATH, CommandContext, CommandHandler, CommandResult, ShellExit, encode
from .device_shell import ShellError, SimpleCommand, parse_lines

Reader = Callable[[], bytes]
Writer = Callable[[bytes], None]


@dataclass
class ShellEnvironment:
    """What the emulated shell runs against. `record_argv` sees every argv that runs, expanded."""

    commands: Dict[str, CommandHandler]
    files: Dict[str, bytes]
    properties: Dict[str, str]
    sleep: Callable[[float], Optional[bool]]
    record_argv: Callable[[List[str]], None]

    def run(self, script: str, read_stdin: Reader, write_stdout: Writer, write_stderr: Writer) -> int:
        """Run `script` as `/system/bin/sh -c script`: line by line as mksh reads it (a syntax error
        stops the script where it is), `;`, `&&`, `||` and `|` as sh does (a pipeline runs its commands
        one after the other, each fed the previous one's output); each command's output is written when
        it finishes. Return the exit status (0-255)."""
        status = 0
        skip = False
        pipeline: List[SimpleCommand] = []
        try:
            for line in parse_lines(script):
                for command in line:
                    pipeline.append(command)
                    if command.operator == "|":
                        continue
                    if not skip:
                        status = self._pipeline(pipeline, status, read_stdin, write_stdout, write_stderr)
                    pipeline = []
                    skip = (command.operator == "&&" and status != 0) or (command.operator == "||" and status == 0)
        except ShellExit as done:
            write_stderr(done.stderr)
            return done.status
        except ShellError as error:
            write_stderr(encode(f"{SHELL_PATH}: {error.message}\n"))
            return error.exit_status
        return status

    def run_captured(self, script: str, stdin: bytes) -> CommandResult:
        """Run `script` with `stdin` as its input; return (stdout, stderr, exit status)."""
        out, err = bytearray(), bytearray()
        status = self.run(script, lambda: stdin, out.extend, err.extend)
        return bytes(out), bytes(err), status

    def _pipeline(self, pipeline: List[SimpleCommand], status: int, read_stdin: Reader,
                  write_stdout: Writer, write_stderr: Writer) -> int:
        reader = read_stdin
        for index, command in enumerate(pipeline):
            argv = command.argv(status, self.files.keys())
            last = index == len(pipeline) - 1
            try:
                out, err, status = self._simple(argv, reader, status, write_stdout if last else None)
            except ShellExit as done:
                if len(pipeline) == 1:
                    raise
                out, err, status = b"", done.stderr, done.status
            write_stderr(err)
            if index == len(pipeline) - 1:
                write_stdout(out)
            else:
                reader = (lambda data: lambda: data)(out)
        return status

    def _simple(self, argv: List[str], read_stdin: Reader, status: int,
                write_stdout: Optional[Writer] = None) -> CommandResult:
        self.record_argv(argv)
        handler = self.commands.get(argv[0])
        if handler is None:
            return b"", encode(f"{SHELL_PATH}: {argv[0]}: inaccessible or not found\n"), 127
        context = CommandContext(self.files, self.properties, read_stdin, self.sleep, self.run_captured, status,
                                 write_stdout)
        try:
            out, err, code = handler(argv, context)
        except (ShellExit, StreamClosed):
            raise
        except Exception:  # a broken handler must show up in the test, not kill the stream thread
            return b"", encode(f"{SHELL_PATH}: {argv[0]}: emulated command failed:\n{traceback.format_exc()}"), 255
        return out, err, code & 0xFF
