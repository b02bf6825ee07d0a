"""What every fwm result shares: the CLI's exact JSON line, and an exit code with `ok`."""

from __future__ import annotations


class CliDocument:
    """A result that keeps the JSON line the CLI prints for it in ``_document``."""

    _document: str

    def to_json(self) -> str:
        """The exact line the CLI prints for this result."""
        return self._document


class ExitCoded:
    """A result with the CLI's exit code for it."""

    exit_code: int

    @property
    def ok(self) -> bool:
        """True when the CLI would exit 0."""
        return self.exit_code == 0
