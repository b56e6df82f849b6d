"""Coherence rules: compare a municipality's combination of choices with the research.

Why rules and not scores: the research (RIVM/Cebeon 2025 §7.1.4) finds no
unambiguous relation between single choices and spending, only that *coherent*
choices for toegang and inkoop help. So each rule states a pattern from the
research, says how strong that evidence is in plain Dutch and cites evidence ids;
none turns a descriptive pattern into a cause or a verdict.

``evaluate`` also enforces one rule across rules: a product never gets both a
sterk punt and an aandachtspunt. Where a possible strength meets an aandachtspunt
on the same product, the strength becomes information that names the aandachtspunt
(``koppeling``), so the adviser sees why.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from wijkkompas.core.typology import vocabulary as voc
from wijkkompas.core.typology.findings import ERNST, Bevinding, Situatie, producten_tekst
from wijkkompas.core.typology.rules_inkoop import INKOOP_RULES
from wijkkompas.core.typology.rules_toegang import TOEGANG_RULES

__all__ = ["ERNST", "RULES", "Bevinding", "Situatie", "evaluate"]


def taakzwaarte_onbekend(s: Situatie) -> list[Bevinding]:
    if s.taakzwaarte_klasse is not None:
        return []
    return [Bevinding(
        "taakzwaarte-onbekend", "info", "Taakzwaarte niet bekend",
        "Er is geen gemeente gekozen, dus de taakzwaarte is onbekend. Regels die uw keuzes vergelijken met wat "
        "gebruikelijk is voor uw taakzwaarteklasse zijn daarom niet toegepast. Kies uw gemeente onder "
        "Gemeente & benchmark om ze mee te nemen.",
        "Taakzwaarte verklaart een deel van de uitgaven, maar is niet allesbepalend (beschrijvend).",
        "beschrijvend",
        ("rivm-taakzwaarte-definitie", "rivm-taakzwaarte-uitgaven"),
    )]


def antwoorden_onvolledig(s: Situatie) -> list[Bevinding]:
    missing = [p for p in voc.PRODUCTEN if p not in s.answers.inkoop]
    if not missing:
        return []
    return [Bevinding(
        "antwoorden-onvolledig", "info", "Vragenlijst gedeeltelijk ingevuld",
        f"De inkoop van {producten_tekst(missing)} is nog niet ingevuld. Bevindingen over inkoop gelden alleen voor "
        "de ingevulde producten; vul de rest aan voor een volledig beeld.",
        "Geen onderzoeksbevinding maar een controle van uw antwoorden; de indeling in inkoopprofielen volgt "
        "RIVM/Cebeon (2025), Tabel 3.1.",
        "kwalitatief",
        ("rivm-inkoopprofielen",),
        producten=tuple(missing),
    )]


def samenhang(s: Situatie) -> list[Bevinding]:
    return [Bevinding(
        "samenhang-toegang-inkoop", "info", "Samenhang telt, niet één keuze",
        "Het onderzoek vindt geen eenduidige relatie tussen afzonderlijke keuzes en uitgaven. Gemeenten waar de "
        "keuzes voor toegang en inkoop goed op elkaar aansluiten, kunnen beter sturen op de uitgaven aan "
        "maatwerkondersteuning. Ook binnen een taakzwaarteklasse verschillen de uitgaven sterk; dat duidt volgens de "
        "onderzoekers op ruimte voor eigen inrichtingskeuzes. Zij wijzen er ook op dat die verschillen kunnen "
        "betekenen dat de indicatoren van het gemeentefonds verschillen in behoefte missen (zoals dubbele vergrijzing "
        "of opeenstapeling van sociaaleconomische problemen). De taakzwaarte in Wijkkompas is juist op die "
        "indicatoren gebaseerd: een hoge of lage stand binnen uw klasse zegt dus niet alleen iets over uw keuzes.",
        "Kwalitatief en beschrijvend: conclusie van RIVM/Cebeon (2025) uit casestudies en landelijke gegevens.",
        "kwalitatief",
        ("rivm-samenhang-keuzes", "rivm-taakzwaarte-uitgaven"),
    )]


RULES: tuple[Callable[[Situatie], list[Bevinding]], ...] = (
    *TOEGANG_RULES,
    *INKOOP_RULES,
    taakzwaarte_onbekend,
    antwoorden_onvolledig,
    samenhang,
)


def _no_strength_against_aandachtspunt(findings: list[Bevinding]) -> list[Bevinding]:
    """A sterk punt on a product that also has an aandachtspunt becomes info, linked to that aandachtspunt."""
    zorgen: dict[str, list[Bevinding]] = {}
    for f in findings:
        if f.ernst == "aandachtspunt":
            for product in f.producten:
                zorgen.setdefault(product, []).append(f)
    out = []
    for f in findings:
        tegen = [z for p in f.producten for z in zorgen.get(p, [])] if f.ernst == "sterk punt" else []
        if tegen:
            titels = "', '".join(dict.fromkeys(z.titel for z in tegen))
            f = replace(
                f, ernst="info", koppeling=tuple(dict.fromkeys(z.id for z in tegen)),
                tekst=f.tekst + f" Omdat er voor {producten_tekst(f.producten)} ook een aandachtspunt is ('{titels}'), "
                                "telt Wijkkompas dit niet als sterk punt.")
        out.append(f)
    return out


def evaluate(situatie: Situatie) -> list[Bevinding]:
    """All findings, aandachtspunten first, then sterke punten, then info (stable within a group)."""
    findings = _no_strength_against_aandachtspunt([f for rule in RULES for f in rule(situatie)])
    return sorted(findings, key=lambda f: ERNST.index(f.ernst))
