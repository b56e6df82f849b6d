"""Typed domain errors with a Dutch message for the user.

Why typed: the GUI shows a ``WijkkompasError`` inline (short Dutch text), the CLI
prints it to stderr with a chosen exit code, and only *unexpected* exceptions
reach the global excepthook. ``melding`` is what the user reads; ``details``
is optional technical context for the log and the "Details" part of a dialog.
"""
from __future__ import annotations


class WijkkompasError(Exception):
    """Base for every expected failure. ``melding`` is Dutch and user-facing."""

    exit_code = 2

    def __init__(self, melding: str, details: str | None = None) -> None:
        # Messages quote file names, sheet names and cell values: never a BSN (core.bsn).
        from wijkkompas.core.bsn import scrub

        melding = scrub(str(melding))
        super().__init__(melding)
        self.melding = melding
        self.details = scrub(details) if isinstance(details, str) else details

    def __str__(self) -> str:
        return self.melding


class ProjectError(WijkkompasError):
    """A project file cannot be read or written."""


class ProjectVersionError(ProjectError):
    """The project file was written by a newer Wijkkompas (unknown format_version)."""


class ReferenceDataError(WijkkompasError):
    """Bundled reference data missing or inconsistent."""


class UnknownGemeenteError(WijkkompasError):
    """A gemeente name or code that is not among the 342; carries suggestions."""

    def __init__(self, query: str, suggestions: list[str] | None = None) -> None:
        self.query = query
        self.suggestions = list(suggestions or [])
        melding = f"Gemeente '{query}' is niet gevonden."
        if self.suggestions:
            melding += " Bedoelt u: " + ", ".join(self.suggestions) + "?"
        super().__init__(melding)


class ImportFileError(WijkkompasError):
    """A whole file cannot be read or recognised (as opposed to single bad rows)."""


class AnswerError(WijkkompasError):
    """Invalid typology answers: names the field and the allowed values."""


class TaskCancelled(WijkkompasError):
    """A long computation was cancelled by the user."""

    def __init__(self, melding: str = "De bewerking is afgebroken.") -> None:
        super().__init__(melding)
