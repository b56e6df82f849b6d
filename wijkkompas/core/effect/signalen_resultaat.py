"""Signals per aanbieder or team as a Resultaat, and the stored choice behind it (``choices["signalen"]``)."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from wijkkompas.core.effect.paneel import PRODUCTEN
from wijkkompas.core.effect.signalen import GROEPEN, TRECHTER_INDICATOREN, signalen, trechter
from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.resultaat import (Bevinding, Bron, Formaat, Grafiek, Kolom, Reeks, Resultaat, Tabel,
                                       gegevensbasis_van)

KEUZE_SLEUTEL = "signalen"
KEUZE_VERSIE = 1
INDICATOR_LABELS = {
    "kosten_per_client": ("Kosten per cliënt", "€ per cliënt per jaar"),
    "volume_per_client": ("Volume per cliënt", "uur per cliënt per jaar"),
    "aandeel_instroom": ("Aandeel nieuwe cliënten", "aandeel van de cliënten"),
    "aandeel_uitstroom": ("Aandeel beëindigd", "aandeel van de cliënten"),
}
KLASSE_LABELS = {"groen": "groen (betrouwbaar)", "geel": "geel (deels)", "rood": "rood (te weinig waarnemingen)"}


@dataclass
class SignaalKeuze:
    product: str = "begeleiding"
    groep: str = "aanbieder"
    tot: str = ""                      # last month of the 12-month period (jjjj-mm); empty: last month of the data
    indicator: str = "kosten_per_client"

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "versie": KEUZE_VERSIE}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> SignaalKeuze:
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        keuze = cls(**known)
        if keuze.groep not in GROEPEN:
            keuze.groep = "aanbieder"
        if keuze.indicator not in TRECHTER_INDICATOREN:
            keuze.indicator = "kosten_per_client"
        return keuze


def produceer(project, progress: Voortgang | None = None) -> Resultaat | None:
    keuze = SignaalKeuze.from_json(getattr(project, "choices", {}).get(KEUZE_SLEUTEL))
    if keuze.groep == "team" and "toegang_team" not in project.tables.get("toewijzingen", {}):
        return None
    return signalen_resultaat(project, keuze, progress)


def signalen_resultaat(project, keuze: SignaalKeuze, progress: Voortgang | None = None) -> Resultaat:
    progress = ensure(progress)
    progress.step(0.1, "Signalen berekenen…")
    rows = signalen(project, keuze.product, keuze.groep, keuze.tot)
    funnel = trechter(rows, keuze.indicator)
    buiten = {p["code"] for p in funnel["punten"] if p["buiten"]}
    rows["buiten"] = rows["code"].isin(buiten)
    start, end = rows.attrs["periode"]
    groep_label = GROEPEN[keuze.groep][1]
    product = PRODUCTEN[keuze.product][1] if keuze.product in PRODUCTEN else keuze.product
    ind_label, ind_eenheid = INDICATOR_LABELS[keuze.indicator]
    euro_of_getal = Formaat.EURO if keuze.indicator == "kosten_per_client" else Formaat.DECIMAAL
    bevindingen = []
    for p in funnel["punten"]:
        if p["buiten"]:
            richting = "boven" if p["waarde"] > funnel["gemiddelde"] else "onder"
            bevindingen.append(Bevinding(
                f"{groep_label} {p['naam']}: {ind_label.lower()} {richting} de controlegrens",
                f"{ind_label} {Kolom('w', '', euro_of_getal, decimalen=_dec(keuze.indicator)).opmaak(p['waarde'])} "
                f"bij {p['n']} cliënten, tegen gemiddeld "
                f"{Kolom('w', '', euro_of_getal, decimalen=_dec(keuze.indicator)).opmaak(funnel['gemiddelde'])}: "
                f"buiten de 99,8%-grens, dus niet door toeval te verklaren. Bespreek het (samenstelling van de "
                f"cliënten, werkwijze); het is een signaal, geen oordeel.",
                "beschrijvend", "aandachtspunt", "Eigen gegevens; trechterdiagram", [keuze.product]))
    if not bevindingen:
        bevindingen.append(Bevinding(
            f"Geen {groep_label.lower()} buiten de controlegrenzen",
            f"Verschillen in {ind_label.lower()} tussen de {len(rows)} {groep_label.lower()}s zijn met toeval te "
            f"verklaren (binnen de 99,8%-grenzen).", "beschrijvend", "informatie", "Eigen gegevens", [keuze.product]))
    is_rood = (rows["aandeel_uitstroom_klasse"] == "rood") | (rows["aandeel_instroom_klasse"] == "rood")
    rood = rows[is_rood]["naam"].tolist()
    waarschuwingen = []
    if rood:
        waarschuwingen.append(f"Te weinig cliënten voor een betrouwbaar aandeel bij: {', '.join(rood)} (klasse rood "
                              f"volgens de betrouwbaarheidstabel van het Kennisdocument sociale wijkteams). Lees hun "
                              f"percentages niet als verschil.")
    gegevens = {
        "groep": keuze.groep, "product": keuze.product, "periode": [start, end], "indicator": keuze.indicator,
        "gemiddelde": funnel["gemiddelde"], "uitschieters": sorted(buiten),
        "signalen": [{k: r[k] for k in ("code", "naam", "clienten", "clienten_vorig", "groei", "instroom",
                                        "uitstroom", "aandeel_instroom", "aandeel_instroom_klasse",
                                        "aandeel_uitstroom", "aandeel_uitstroom_klasse", "duur", "kosten_per_client",
                                        "volume_per_client", "trajectkosten", "buiten")}
                     for r in rows.to_dict(orient="records")],
    }
    return Resultaat(
        onderdeel="signalen",
        titel=f"Signalen per {groep_label.lower()}: {product}",
        ondertitel=f"{start} t/m {end}, vergeleken met dezelfde maanden een jaar eerder",
        samenvatting=[f"{len(rows)} {groep_label.lower()}s; {len(buiten)} buiten de 99,8%-controlegrenzen van "
                      f"{ind_label.lower()}."],
        tabellen=[_tabel(rows, groep_label)],
        grafieken=[_grafiek(funnel, ind_label, ind_eenheid, groep_label)],
        bevindingen=bevindingen,
        aannames=[
            "Cliënten: actief met een toewijzing in de periode; instroom = actief in een maand en de maand ervoor "
            "niet bij dezelfde aanbieder of hetzelfde team; uitstroom omgekeerd.",
            "Kosten en volume per cliënt: toegekende declaraties in de periode (creditregels verrekend), gedeeld door "
            "de cliënten met een declaratie; volume in uren (dagdeel = 4 uur).",
            "Trajectkosten: totaal gedeclareerd per toewijzing die in de periode eindigde en begon nadat de "
            "declaraties beginnen (een heel traject, geen deel ervan).",
            "Controlegrenzen: gemiddelde ± 1,96 en ± 3,09 standaardfouten (95% en 99,8%); de standaardfout krimpt met "
            "de wortel van het aantal cliënten, zodat kleine aanbieders niet door toeval opvallen.",
        ],
        bronnen=[Bron("CPB", "De wijkteambenadering nader bekeken, hoofdstuk 6 (teams en aanbieders vergelijken)",
                      2019),
                 Bron("Gemeente Wijchen", "Informatienota: trajectkosten per aanbieder in het contractmanagement",
                      "2020/21"),
                 Bron("Movisie e.a.", "Kennisdocument Sociale wijkteams in ontwikkeling, bijlage VI "
                      "(betrouwbaarheid van indicatoren)", 2013)],
        gegevensbasis=gegevensbasis_van(project, ["toewijzingen", "declaraties"]),
        waarschuwingen=waarschuwingen,
        gegevens=gegevens,
    )


def _dec(indicator: str) -> int:
    return 0 if indicator == "kosten_per_client" else (1 if indicator == "volume_per_client" else 3)


def _tabel(rows, groep_label: str) -> Tabel:
    frame = rows.copy()
    for share in ("aandeel_instroom", "aandeel_uitstroom"):
        frame[f"{share}_klasse"] = frame[f"{share}_klasse"].map(KLASSE_LABELS)
    return Tabel("signalen", f"Signalen per {groep_label.lower()}", frame, [
        Kolom("naam", groep_label), Kolom("clienten", "Cliënten", Formaat.GEHEEL),
        Kolom("groei", "Groei t.o.v. vorig jaar", Formaat.PROCENT, decimalen=0),
        Kolom("instroom", "Instroom", Formaat.GEHEEL), Kolom("uitstroom", "Uitstroom", Formaat.GEHEEL),
        Kolom("aandeel_instroom", "Aandeel nieuw", Formaat.PROCENT, decimalen=0),
        Kolom("aandeel_instroom_klasse", "Betrouwbaarheid aandeel nieuw"),
        Kolom("aandeel_uitstroom", "Aandeel beëindigd", Formaat.PROCENT, decimalen=0),
        Kolom("aandeel_uitstroom_klasse", "Betrouwbaarheid aandeel beëindigd"),
        Kolom("duur", "Duur beëindigde toewijzingen", Formaat.DECIMAAL, "maanden", 1),
        Kolom("kosten_per_client", "Kosten per cliënt", Formaat.EURO, "€ per jaar"),
        Kolom("volume_per_client", "Volume per cliënt", Formaat.DECIMAAL, "uur per jaar", 1),
        Kolom("trajectkosten", "Trajectkosten", Formaat.EURO, "€ per traject"),
        Kolom("buiten", "Buiten controlegrens", Formaat.JANEE),
    ])


def _grafiek(funnel: dict, label: str, eenheid: str, groep_label: str) -> Grafiek:
    pts = funnel["punten"]
    binnen = [p for p in pts if not p["buiten"]]
    buiten = [p for p in pts if p["buiten"]]
    n = funnel["n"]
    g = funnel["grenzen"]
    reeksen = [
        Reeks("gemiddelde", "Gemiddelde", [n[0], n[-1]], [funnel["gemiddelde"]] * 2, soort="lijn"),
        # Each pair of limits as one outline (upper left→right, lower right→left): one colour, one legend entry.
        Reeks("grens_95", "95%-grenzen", n + n[::-1], g["95_hoog"] + g["95_laag"][::-1], soort="lijn"),
        Reeks("grens_998", "99,8%-grenzen", n + n[::-1], g["998_hoog"] + g["998_laag"][::-1], soort="lijn"),
        Reeks("binnen", f"{groep_label} binnen de grenzen", [p["n"] for p in binnen], [p["waarde"] for p in binnen],
              soort="punt"),
        Reeks("buiten", f"{groep_label} buiten de 99,8%-grens", [p["n"] for p in buiten],
              [p["waarde"] for p in buiten], soort="punt"),
    ]
    return Grafiek("trechter", f"Trechterdiagram: {label.lower()} per {groep_label.lower()}", "punt",
                   "Aantal cliënten", label, reeksen, x_eenheid="cliënten", y_eenheid=eenheid,
                   toelichting="Punten buiten de buitenste lijnen wijken meer af dan toeval verklaart.")
