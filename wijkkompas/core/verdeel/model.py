"""The verdeelmodel end to end: from project + settings to one ``VerdeelUitkomst``.

"Fit once, evaluate fast": the expensive parts (history from declaraties, the
calibration) depend only on the data and are cached in ``Basis``; a change of
method, weights or ingroeipad recomputes from it in milliseconds, which is what
lets the panel recompute at once while the user edits the weights table.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wijkkompas.core.formatting import euro, getal
from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.verdeel import historie, indicatoren, rekenen
from wijkkompas.core.verdeel.bottomup import Behoefte, bereken_behoefte
from wijkkompas.core.verdeel.instellingen import METHODEN, VerdeelInstellingen, VerdeelInvoerFout, gekozen_jaren, klein
from wijkkompas.core.verdeel.kalibratie import Kalibratie, kalibreer
from wijkkompas.core.verdeel.te_verdelen import TeVerdelen, bepaal_te_verdelen

HIST = "historisch"
HIST_LABEL = "Historisch gebruik"


@dataclass
class Basis:
    """What depends on the data only (computed once per project state)."""

    ind: pd.DataFrame
    ind_notes: list[str]
    uitgaven: pd.DataFrame          # wijk_code, jaar, bedrag
    clienten: pd.DataFrame          # wijk_code, jaar, clienten
    volledige_jaren: list[int]
    wijken_per_jaar: pd.DataFrame | None
    gemeente_code: str | None
    _kalibraties: dict[str, Kalibratie | None] = field(default_factory=dict)
    _uitgaven_pc: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def laatste_jaar(self) -> int | None:
        return self.volledige_jaren[-1] if self.volledige_jaren else (
            int(self.uitgaven["jaar"].max()) if not self.uitgaven.empty else None)


@dataclass
class VerdeelUitkomst:
    inst: VerdeelInstellingen
    te_verdelen: TeVerdelen
    wijken: pd.DataFrame               # index wijk_code; wijk_naam, budget, aandeel, huidig, verschil, ... laag, hoog
    bijdragen: pd.DataFrame            # index wijk_code; one column per component (whole €)
    labels: dict[str, str]             # component -> Dutch label
    gewichten: pd.DataFrame            # indicator, label, gewicht, eenheid, standaard
    behoefte: Behoefte
    ingroei: pd.DataFrame | None       # index wijk_code; columns jaar 1..N
    ingroei_volledig_na: int | None
    kalibratie: Kalibratie | None
    teams: pd.DataFrame | None
    huidig_bron: str
    aannames: list[str]
    waarschuwingen: list[str]

    @property
    def totaal(self) -> int:
        return self.te_verdelen.totaal


def basis(project: Any, progress: Voortgang | None = None) -> Basis:
    progress = ensure(progress)
    wijken = getattr(project, "tables", {}).get("wijken")
    if wijken is None or wijken.empty or "wijk_code" not in wijken:
        raise VerdeelInvoerFout("Er zijn geen wijkgegevens: importeer eerst een wijkbestand.")
    ind, notes = indicatoren.wijkindicatoren(wijken)
    if len(ind) < 2:
        raise VerdeelInvoerFout("Er is maar één wijk: een verdeling over wijken vraagt er minstens twee.")
    progress.step(0.3, "Uitgaven per wijk bepalen…")
    uitgaven = historie.uitgaven_per_wijk_jaar(project)
    progress.step(0.6, "Cliënten per wijk tellen…")
    clienten = historie.clienten_per_wijk_jaar(project)
    per_jaar = wijken if "jaar" in wijken.columns and pd.to_numeric(wijken["jaar"], errors="coerce").notna().any() else None
    progress.step(1.0, "Gereed")
    return Basis(ind, notes, uitgaven, clienten, historie.volledige_jaren(project), per_jaar,
                 getattr(project, "gemeente_code", None))


def _uitgaven_pc(project: Any, b: Basis, pcs: list[str]) -> pd.DataFrame:
    if not pcs:
        return b.uitgaven
    key = ",".join(pcs)
    if key not in b._uitgaven_pc:
        b._uitgaven_pc[key] = historie.uitgaven_per_wijk_jaar(project, pcs)
    return b._uitgaven_pc[key]


def _kalibratie(b: Basis, inst: VerdeelInstellingen, uitgaven: pd.DataFrame) -> Kalibratie | None:
    gekozen = gekozen_jaren(inst, b.volledige_jaren)
    key = f"{inst.kalibratie_doel}:{','.join(map(str, gekozen))}:{id(uitgaven)}"
    if key in b._kalibraties:
        return b._kalibraties[key]
    cols = indicatoren.beschikbaar(b.ind)
    if inst.kalibratie_doel == "uitgaven":
        target, column = uitgaven, "bedrag"
    else:
        target, column = b.clienten, "clienten"
    jaren = gekozen or (b.volledige_jaren if inst.kalibratie_doel == "uitgaven" and b.volledige_jaren
                                    else sorted(target["jaar"].unique()) if not target.empty else [])
    target = target[target["jaar"].isin(jaren)] if not target.empty else target
    result = None
    if not target.empty and cols:
        if b.wijken_per_jaar is not None:
            w = b.wijken_per_jaar.copy()
            w["jaar"] = pd.to_numeric(w["jaar"], errors="coerce")
            w["wijk_code"] = w["wijk_code"].astype("string").str.strip()
            for c in cols:
                w[c] = pd.to_numeric(w[c], errors="coerce") if c in w else np.nan
            data = target.merge(w[["wijk_code", "jaar"] + cols], on=["wijk_code", "jaar"], how="inner")
        else:
            data = target.merge(b.ind[cols], left_on="wijk_code", right_index=True, how="inner")
        try:
            result = kalibreer(data, cols, column, inst.kalibratie_doel)
        except ValueError:
            result = None
    b._kalibraties[key] = result
    return result


def _sleutel(b: Basis, inst: VerdeelInstellingen, methode: str, hist: pd.Series, kal: Kalibratie | None,
             notes: list[str]) -> indicatoren.Sleutel | None:
    """The indicator key of a method (None for the purely historic/bottom-up ones)."""
    if methode == "gemeentefonds":
        return indicatoren.gemeentefonds_sleutel(b.ind, b.gemeente_code)
    if methode == "inwoners":
        return indicatoren.inwoner_sleutel(b.ind)
    if methode == "75plus":
        return indicatoren.plus75_sleutel(b.ind)
    if methode == "eigen":
        if not inst.gewichten:
            raise VerdeelInvoerFout("Kies eigen gewichten: minstens één indicator met een gewicht groter dan 0.")
        return indicatoren.eigen_sleutel(b.ind, inst.gewichten)
    if methode == "gekalibreerd":
        if kal is None:
            notes.append("Kalibreren was niet mogelijk (te weinig eigen historie per wijk); verdeeld volgens het "
                         "gemeentefonds.")
            return indicatoren.gemeentefonds_sleutel(b.ind, b.gemeente_code)
        gew = {k: v for k, v in kal.gewichten.items() if v > 0}
        doel = "€" if kal.doel == "uitgaven" else "cliënten"
        return indicatoren.Sleutel(gew, b.ind[list(gew)].astype(float),
                                   {k: indicatoren.INDICATOREN[k][0] for k in gew},
                                   f"{doel} per eenheid",
                                   [f"Gewichten gekalibreerd (niet-negatieve kleinste kwadraten) op de eigen "
                                    f"{'uitgaven' if kal.doel == 'uitgaven' else 'cliëntaantallen'} per "
                                    f"wijk en jaar ({kal.n_waarnemingen} waarnemingen, {kal.n_wijken} wijken)."],
                                   list(kal.waarschuwingen))
    return None


def _pas_gewichten_aan(sleutel: indicatoren.Sleutel, b: Basis, gewichten: dict[str, float]) -> list[str]:
    """Apply the weights the user edited in the table on top of a preset."""
    changed = []
    for k, v in gewichten.items():
        if k not in indicatoren.INDICATOREN:
            raise VerdeelInvoerFout(f"Onbekende indicator '{k}' in de gewichten. Bekend zijn: "
                                    f"{', '.join(indicatoren.INDICATOREN)}.")
        if k not in sleutel.gewichten:
            if k not in b.ind.columns:
                continue
            sleutel.volumes[k] = b.ind[k].astype(float)
            sleutel.labels[k] = indicatoren.INDICATOREN[k][0]
        if sleutel.gewichten.get(k) != v:
            changed.append(f"{sleutel.labels[k]}: {getal(v, 2)}")
        sleutel.gewichten[k] = float(v)
    sleutel.gewichten = {k: v for k, v in sleutel.gewichten.items() if v > 0}
    if not sleutel.gewichten:
        raise VerdeelInvoerFout("Alle gewichten zijn 0: geef minstens één indicator een gewicht.")
    return [f"Gewichten aangepast door de gebruiker ({'; '.join(changed)})."] if changed else []


def bereken(project: Any, inst: VerdeelInstellingen | None = None, b: Basis | None = None,
            progress: Voortgang | None = None) -> VerdeelUitkomst:
    inst = (inst or VerdeelInstellingen()).gecontroleerd()
    progress = ensure(progress)
    b = b or basis(project, progress.sub(0.0, 0.7))
    codes = list(b.ind.index)
    aannames, warnings = list(b.ind_notes), []
    laatste = b.laatste_jaar
    terugval = None
    if laatste is not None and not b.uitgaven.empty:
        terugval = float(b.uitgaven.loc[b.uitgaven["jaar"] == laatste, "bedrag"].sum())
    tv = bepaal_te_verdelen(project, inst, terugval, laatste)
    totaal = tv.totaal
    uitgaven = _uitgaven_pc(project, b, tv.productcategorieen)
    hist, hist_jaren = historie.historische_aandelen(uitgaven, codes, gekozen_jaren(inst, b.volledige_jaren))
    laatste_uitg = historie.historische_aandelen(uitgaven, codes, [laatste] if laatste else [])[0]
    clienten_laatste = (b.clienten[b.clienten["jaar"] == laatste].set_index("wijk_code")["clienten"]
                        if laatste is not None and not b.clienten.empty else None)
    kal = _kalibratie(b, inst, uitgaven) if inst.methode == "gekalibreerd" else None
    progress.step(0.8, "Verdeling berekenen…")

    labels: dict[str, str] = {}
    gewichten_rows: list[dict[str, Any]] = []
    behoefte = bereken_behoefte(project, b.ind, inst.bottomup_preset, inst.kosten_per_fte, inst.caseload,
                                clienten_laatste, laatste_uitg, tv.jaar)
    methode = inst.methode
    if methode in ("historisch", "mix") and hist.sum() <= 0:
        warnings.append("Er zijn geen eigen uitgaven per wijk (declaraties gekoppeld aan toewijzingen): het historische "
                        "deel kan niet worden berekend; verdeeld volgens het gemeentefonds.")
        methode = "gemeentefonds"
    if methode == "historisch":
        matrix = hist.to_numpy(float)[:, None]
        comps = [HIST]
        labels[HIST] = HIST_LABEL
        aannames.append(f"Verdeeld naar het aandeel van elke wijk in de eigen uitgaven {_jaren(hist_jaren)}.")
    elif methode == "bottomup":
        need = behoefte.per_wijk["behoefte"].to_numpy(float)
        if need.sum() <= 0:
            raise VerdeelInvoerFout("De bottom-upbehoefte is overal nul; kies een andere variant of vul de formatie in.")
        matrix, comps = need[:, None], ["behoefte"]
        labels["behoefte"] = "Behoefte (bottom-up)"
        aannames.append(f"Verdeeld naar verhouding van de berekende behoefte: {behoefte.bron}.")
    else:
        basis_methode = inst.mix_basis if methode == "mix" else methode
        sleutel = _sleutel(b, inst, basis_methode, hist, kal, warnings)
        if inst.gewichten and basis_methode != "eigen":
            aannames += _pas_gewichten_aan(sleutel, b, inst.gewichten)
        aannames += sleutel.aannames
        warnings += sleutel.waarschuwingen
        comps = list(sleutel.gewichten)
        labels.update({c: sleutel.labels[c] for c in comps})
        matrix = sleutel.bijdragen()
        for c in comps:
            gewichten_rows.append({"indicator": c, "label": sleutel.labels[c], "gewicht": sleutel.gewichten[c],
                                   "eenheid": sleutel.eenheid_gewicht})
        if matrix.sum() <= 0:
            raise VerdeelInvoerFout("De verdeelsleutel is in alle wijken nul; controleer de wijkgegevens en gewichten.")
        if methode == "mix":
            a = inst.mix_objectief
            matrix = np.hstack([a * matrix / matrix.sum(), (1 - a) * (hist.to_numpy(float) / hist.sum())[:, None]])
            comps = comps + [HIST]
            labels[HIST] = HIST_LABEL
            aannames.append(f"Mix: {getal(a * 100)}% volgens {klein(METHODEN[basis_methode])}, {getal((1 - a) * 100)}% "
                            f"volgens de eigen uitgaven {_jaren(hist_jaren)}.")
    budget_f, per_comp = rekenen.verdeel(matrix, totaal)
    budget = rekenen.afronden_exact(budget_f, totaal)
    bijdragen = np.vstack([rekenen.afronden_exact(per_comp[i], int(budget[i])) if budget[i] > 0 else
                           np.zeros(len(comps), dtype=np.int64) for i in range(len(codes))])
    laag, hoog = rekenen.gevoeligheid(matrix, totaal)

    huidig, huidig_bron = _huidig(inst, codes, laatste_uitg, laatste, totaal, aannames)
    frame = pd.DataFrame({"wijk_naam": b.ind["wijk_naam"], "budget": budget, "aandeel": budget / totaal,
                          "per_inwoner": (budget / b.ind["inwoners"].replace(0, np.nan)) if "inwoners" in b.ind else np.nan,
                          "laag": np.round(laag), "hoog": np.round(hoog)}, index=codes)
    frame["huidig"] = huidig if huidig is not None else np.nan
    frame["verschil"] = frame["budget"] - frame["huidig"]
    frame["verschil_pct"] = frame["verschil"] / frame["huidig"].replace(0, np.nan)
    need = behoefte.per_wijk["behoefte"]
    frame["bottomup"] = need.round(0)
    frame["fte"] = behoefte.per_wijk["fte"]
    frame["team"] = _teams(project, behoefte, codes)
    if behoefte.totaal > totaal + 0.5:
        warnings.append(f"Het te verdelen bedrag dekt de bottom-upbehoefte niet: tekort {_eur(behoefte.totaal - totaal)} "
                        f"({behoefte.bron}).")

    ingroei, volledig = None, None
    if inst.ingroei_procent is not None and inst.ingroei_jaren > 0 and huidig is not None:
        start = rekenen.afronden_exact(np.asarray(huidig, float) * totaal / max(float(np.sum(huidig)), 1.0), totaal)
        pad = rekenen.ingroeipad(start, budget, inst.ingroei_procent, inst.ingroei_jaren)
        jaar0 = (tv.jaar or 0)
        ingroei = pd.DataFrame(pad.T, index=codes, columns=[f"jaar_{k + 1}" for k in range(pad.shape[0])])
        ingroei.attrs["jaren"] = [jaar0 + k for k in range(pad.shape[0])] if jaar0 else list(range(1, pad.shape[0] + 1))
        volledig = rekenen.jaren_tot_doel(start, budget, inst.ingroei_procent)
        aannames.append(f"Ingroeipad: per wijk per jaar hoogstens {getal(inst.ingroei_procent, 1)}% verandering ten "
                        "opzichte van het jaar ervoor; de groei van de wijken die erop vooruitgaan wordt naar verhouding "
                        "beperkt (zoals de suppletieregeling van het gemeentefonds).")
    aannames = tv.aannames + aannames + behoefte.aannames
    warnings += behoefte.waarschuwingen
    gew = pd.DataFrame(gewichten_rows, columns=["indicator", "label", "gewicht", "eenheid"])
    progress.step(1.0, "Gereed")
    return VerdeelUitkomst(inst, tv, frame, pd.DataFrame(bijdragen, index=codes, columns=comps), labels, gew, behoefte,
                           ingroei, volledig, kal, _team_tabel(frame), huidig_bron, _uniek(aannames), _uniek(warnings))


def _huidig(inst: VerdeelInstellingen, codes: list[str], laatste_uitg: pd.Series, laatste: int | None, totaal: int,
            aannames: list[str]) -> tuple[np.ndarray | None, str]:
    if inst.huidige_verdeling:
        unknown = [k for k in inst.huidige_verdeling if k not in codes]
        if unknown:
            raise VerdeelInvoerFout(f"Onbekende wijk(en) in de huidige verdeling: {', '.join(unknown)}. "
                                    f"Bekend zijn: {', '.join(codes)}.")
        values = np.array([inst.huidige_verdeling.get(c, 0.0) for c in codes], dtype=float)
        return np.round(values), "de ingevoerde huidige wijkbudgetten"
    if laatste_uitg.sum() > 0:
        aannames.append(f"Huidige verdeling: het aandeel van elke wijk in de eigen uitgaven {laatste}, toegepast op "
                        "hetzelfde totaal, zodat het verschil alleen over de verdeling gaat.")
        return rekenen.afronden_exact(laatste_uitg.to_numpy(float) * totaal / laatste_uitg.sum(), totaal), \
            f"het aandeel in de eigen uitgaven {laatste}"
    return None, ""


def _teams(project: Any, behoefte: Behoefte, codes: list[str]) -> pd.Series:
    team = behoefte.per_wijk["team"].reindex(codes).astype("string")
    toew = getattr(project, "tables", {}).get("toewijzingen")
    if team.isna().any() and toew is not None and {"toegang_team", "wijk_code"} <= set(toew.columns):
        t = toew[["wijk_code", "toegang_team"]].dropna()
        if not t.empty:
            most = t.groupby("wijk_code")["toegang_team"].agg(lambda s: s.value_counts().index[0])
            team = team.fillna(most.reindex(codes).astype("string"))
    return team


def _team_tabel(frame: pd.DataFrame) -> pd.DataFrame | None:
    if frame["team"].isna().all():
        return None
    agg = frame.assign(team=frame["team"].fillna("(geen team)")).groupby("team").agg(
        wijken=("wijk_naam", lambda s: ", ".join(s.astype(str))), budget=("budget", "sum"),
        huidig=("huidig", lambda s: s.sum(min_count=1)), bottomup=("bottomup", "sum"), fte=("fte", "sum"))
    agg["verschil"] = agg["budget"] - agg["huidig"]
    return agg.reset_index()


def _jaren(jaren: list[int]) -> str:
    if not jaren:
        return ""
    return str(jaren[0]) if len(jaren) == 1 else f"{jaren[0]}–{jaren[-1]}"


def _eur(value: float) -> str:
    return euro(value)


def _uniek(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
