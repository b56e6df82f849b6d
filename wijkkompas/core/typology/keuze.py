"""The Positie section's stored state: the questionnaire answers as a typed, versioned choice.

Why the stored JSON keeps the CLI's input shape (``toegang``, ``inkoop``, ``organisatiemodel``,
``regionale_inkoop_gemeenten``) with ``versie`` as one extra key instead of nesting the answers:
``wijkkompas positie --antwoorden FILE`` must read what a project stores, and the other readers of the
section (overview, sturing, inkoop) look up ``inkoop`` directly. ``parse_answers`` accepts the extra key.

Two ways in, on purpose:

- ``PositieKeuze.parse`` is strict (the CLI, a file the user wrote): a typo raises ``AnswerError`` with
  a Dutch message naming the field, exit code 2, never a silently different position.
- ``PositieKeuze.from_json`` is lenient (a project being opened or shown): a damaged value gives the
  unanswered keuze plus a Dutch ``waarschuwing``, never an exception, because a project must always open.

Lives in ``core.typology``, not ``core.sections``: it needs the vocabulary and the validation, and
``core.sections`` must stay light enough for every panel and the project to import.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wijkkompas.core.errors import AnswerError
from wijkkompas.core.sections import Sectie
from wijkkompas.core.typology.classification import (
    DEFAULT_ANSWERS,
    POSITIE_VERSIE,
    VERSIE_KEY,
    Answers,
    parse_answers,
)

# A questionnaire can be answered in part: the toegang questions always have a value (the form shows its
# first options), the products and the two optional questions may stay open. What cannot be partial is a
# toegang with missing fields: such a value did not come from the form and is treated as damaged.


@dataclass(frozen=True)
class PositieKeuze:
    """The stored Positie answers; ``antwoorden`` None means not answered yet (the form shows defaults).

    ``waarschuwing`` is what went wrong reading a damaged stored value (Dutch, for the panel); it is not
    stored and not compared, so a keuze read with a warning equals the unanswered keuze.
    """

    antwoorden: Answers | None = None
    versie: int = POSITIE_VERSIE
    waarschuwing: str = field(default="", compare=False)

    @property
    def ingevuld(self) -> bool:
        """Whether the user has answered; ``assess(..., ingevuld=False)`` gives no findings from defaults."""
        return self.antwoorden is not None

    @property
    def getoond(self) -> Answers:
        """What the questionnaire shows: the answers, or the defaults before anything is answered."""
        return self.antwoorden if self.antwoorden is not None else DEFAULT_ANSWERS

    def to_json(self) -> dict[str, Any]:
        """The CLI input shape plus ``versie``; an unanswered keuze is ``{"versie": 1}`` only."""
        data: dict[str, Any] = {VERSIE_KEY: self.versie}
        if self.antwoorden is not None:
            data.update(self.antwoorden.to_json())
        return data

    @classmethod
    def parse(cls, data: Any) -> PositieKeuze:
        """Strict: the answers of a version 0 (no ``versie``) or version 1 dict, or ``AnswerError``.

        Version 0 -> 1 is the migration: the unversioned dict stored before issue 9 has the same fields,
        so reading it is validating it; writing it back adds ``versie``.
        """
        return cls(antwoorden=parse_answers(data))

    @classmethod
    def from_json(cls, data: Any) -> PositieKeuze:
        """Lenient: never raises. Accepts version 0 (the old unversioned dict, migrated here) and version 1.

        Nothing stored (None, ``{}`` or only ``versie``) is the unanswered keuze without a warning. A damaged
        value — not an object, wrong types, unknown options or fields, a newer version — is the unanswered
        keuze with a Dutch ``waarschuwing`` that names the problem, so the panel can say why it shows defaults.
        """
        if data is None or (isinstance(data, dict) and not set(data) - {VERSIE_KEY}):
            return cls()
        try:
            return cls.parse(data)
        except AnswerError as exc:
            melding = exc.melding
        except (TypeError, ValueError) as exc:  # e.g. an unhashable value where an option code belongs
            melding = f"onleesbare waarde ({type(exc).__name__})"
        return cls(waarschuwing="De opgeslagen antwoorden van de vragenlijst zijn beschadigd en niet gebruikt; "
                                f"de vragenlijst toont de beginwaarden. Reden: {melding}")


def opgeslagen(project: Any) -> PositieKeuze:
    """The project's Positie keuze (lenient, see ``from_json``); works for any object with ``choices``."""
    choices = getattr(project, "choices", None)
    return PositieKeuze.from_json(choices.get(Sectie.POSITIE.value) if isinstance(choices, dict) else None)
