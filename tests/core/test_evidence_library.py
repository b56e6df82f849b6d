"""The evidence file is valid: ids exist, every source names a seed file, section and line range."""
from __future__ import annotations

import copy
import inspect
import json
import re
from pathlib import Path

import pytest

from wijkkompas.core.errors import ReferenceDataError
from wijkkompas.core.typology import RULES, STERKTES, library_from_json, load_library, validate_library
from wijkkompas.core.typology.evidence import evidence_path

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(evidence_path().read_text(encoding="utf-8"))


def test_bundled_evidence_file_is_valid(raw):
    assert validate_library(raw) == []
    library = load_library()
    assert len(library.items) >= 25
    assert {e.sterkte for e in library.items.values()} == set(STERKTES)


def test_every_item_names_seed_file_section_year_and_sample(raw):
    for item in raw["bewijs"]:
        bron = item["bron"]
        assert bron["bestand"] in raw["documenten"], item["id"]
        assert bron["sectie"].strip(), item["id"]
        assert bron["regels"][0] <= bron["regels"][1]
        assert item["jaar"] == raw["documenten"][bron["bestand"]]["jaar"]
        assert item["steekproef"]["omschrijving"]


def test_cpb_tabel_a1_numbers_with_standard_errors_and_stars():
    cijfers = load_library().get("cpb-wijkteam-effect").cijfers
    first = cijfers["rijen"][0]
    assert (first["model"], first["bron"]) == ("1", "GMSD")
    assert first["coef"] == [1.48, 2.07, 1.63, 1.61]
    assert first["se"] == [0.84, 0.95, 0.69, 0.60]
    assert first["sterren"] == ["*", "**", "**", "***"]
    assert first["n"] == [244, 244, 180, 180]
    assert len(cijfers["rijen"]) == 4


def test_national_profile_shares_are_ranges_from_the_text():
    waarden = load_library().get("rivm-landelijk-profielen-2023").cijfers["waarden"]
    ab = next(w for w in waarden if w["groep"] == "A/B")
    assert (ab["min"], ab["max"]) == (0.55, 0.60)
    covered = {p for w in waarden for p in w["profielen"]}
    assert covered == set("ABCDEFGH")


def test_movisie_positionering_2014_2017():
    waarden = load_library().get("movisie-positionering").cijfers["waarden"]
    assert [(w["2014"], w["2017"]) for w in waarden] == [(0.47, 0.46), (0.24, 0.34), (0.04, 0.05), (0.03, 0.07), (0.22, 0.09)]


def test_every_evidence_id_a_rule_can_cite_exists():
    """Scan the rules' source for cited ids so a typo fails here, not at a user's desk."""
    from wijkkompas.core.typology import rules, rules_inkoop, rules_toegang

    library = load_library()
    source = "".join(inspect.getsource(m) for m in (rules, rules_inkoop, rules_toegang))
    cited = set(re.findall(r'"((?:rivm|cpb|movisie|wijchen)-[a-z0-9.-]+)"', source))
    assert cited, "no ids found"
    missing = sorted(i for i in cited if i not in library)
    assert missing == []
    assert len(RULES) >= 10


@pytest.mark.parametrize("mutate,expected", [
    (lambda d: d["bewijs"][0].update(sterkte="sterk"), "sterkte"),
    (lambda d: d["bewijs"][0]["bron"].update(bestand="rapport.pdf"), "bronbestand"),
    (lambda d: d["bewijs"][0]["bron"].update(sectie=" "), "bron.sectie"),
    (lambda d: d["bewijs"][0]["bron"].update(regels=[20, 10]), "bron.regels"),
    (lambda d: d["bewijs"][1].update(id=d["bewijs"][0]["id"]), "dubbel"),
    (lambda d: d["bewijs"][0].pop("steekproef"), "mist"),
    (lambda d: d["bewijs"][0].update(jaar=1999), "jaar"),
    (lambda d: d["bewijs"][0]["bron"].update(bestand="005_0123456789abcdef.txt"), "documenten"),
])
def test_validator_rejects_broken_files(raw, mutate, expected):
    broken = copy.deepcopy(raw)
    mutate(broken)
    problems = validate_library(broken)
    assert any(expected in p for p in problems), problems
    with pytest.raises(ReferenceDataError):
        library_from_json(broken)


def test_begrippen_have_definitions_and_sources():
    library = load_library()
    for term in ("toegang", "inspanningsgerichte bekostiging", "outputgerichte bekostiging",
                 "taakgerichte bekostiging", "taakzwaarte", "budgetplafond", "tussentijdse toetreding"):
        assert len(library.begrippen[term]) > 20


def test_cited_line_ranges_exist_in_the_seed_files(raw):
    """Only where ../shared/seeds is present (CI has it beside the clone)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is niet aanwezig")
    entries = [(i["id"], i["bron"]) for i in raw["bewijs"]] + [(t["term"], t["bron"]) for t in raw["begrippen"]]
    for label, bron in entries:
        path = SEEDS / bron["bestand"]
        assert path.is_file(), label
        lines = path.read_text(encoding="utf-8").splitlines()
        assert bron["regels"][1] <= len(lines), label
        section = bron["sectie"]
        # Where the section names a table, figure or box, that caption must appear in the file.
        refs = [f"{kind} {number}" for kind, number in re.findall(r"(Tabel|Figuur|Box) ([A-Z]?\d+(?:\.\d+)?)", section)]
        for ref in refs:
            assert ref in "\n".join(lines), (label, ref)
        # ... and the cited lines contain at least one of them, so the range points at the right place.
        cited = " ".join(" ".join(lines[bron["regels"][0] - 1:bron["regels"][1]]).split())
        assert not refs or any(ref in cited for ref in refs), (label, refs, bron["regels"])


# --- fidelity to the research -------------------------------------------------------------------
CAUSAL_PHRASES = ("leidt tot", "leidde tot", "leidden tot", "zorgt voor", "zorgde voor", "veroorzaakt",
                  "daardoor", "als gevolg van", "het gevolg van")


def test_descriptive_and_qualitative_items_do_not_claim_a_cause(raw):
    """Only CPB's difference-in-differences is causal; every other item may state a pattern, not a cause."""
    for item in raw["bewijs"]:
        if item["sterkte"].startswith("causaal"):
            continue
        text = item["tekst"].lower()
        for phrase in CAUSAL_PHRASES:
            assert phrase not in text, (item["id"], phrase)
    # The report's own interpretation of a descriptive pattern must be attributed to the researchers.
    assert "duiden" in load_library().get("rivm-breedte-taakzwaarte").tekst


def test_only_cpb_difference_in_differences_is_causal(raw):
    causal = {i["id"]: i["sterkte"] for i in raw["bewijs"] if i["sterkte"].startswith("causaal")}
    assert causal == {"cpb-wijkteam-effect": "causaal-significant",
                      "cpb-wijkteam-effect-niveaus": "causaal-significant",  # the same estimate in levels (§5.1)
                      "cpb-wijkteam-effect-gematcht": "causaal-niet-significant"}
    assert load_library().get("cpb-groei-per-type").sterkte == "beschrijvend"  # Tabel 5.2: no regression for B/C


def test_cpb_tabel_a1_all_rows_as_printed():
    """Written out independently of the JSON (CPB 2019, Bijlage A, Tabel A.1)."""
    rows = {(r["model"], r["bron"]): r for r in load_library().get("cpb-wijkteam-effect").cijfers["rijen"]}
    assert rows[("1", "CAK")]["coef"] == [0.35, 1.67, 0.50, 1.57]
    assert rows[("1", "CAK")]["se"] == [0.42, 0.65, 0.49, 0.71]
    assert rows[("1", "CAK")]["sterren"] == ["", "**", "", "**"]
    assert rows[("1", "CAK")]["n"] == [310, 310, 240, 240]
    assert rows[("2", "GMSD")]["coef"] == [0.04, 0.06, 0.05, 0.05]
    assert rows[("2", "GMSD")]["se"] == [0.02, 0.03, 0.02, 0.02]
    assert rows[("2", "GMSD")]["sterren"] == ["", "**", "**", "***"]
    assert rows[("2", "GMSD")]["n"] == [4392, 4392, 3240, 3240]
    assert rows[("2", "CAK")]["coef"] == [0.02, 0.07, 0.02, 0.07]
    assert rows[("2", "CAK")]["se"] == [0.01, 0.02, 0.01, 0.02]
    assert rows[("2", "CAK")]["sterren"] == ["*", "***", "*", "***"]
    assert rows[("2", "CAK")]["n"] == [6045, 6045, 4680, 4680]


def test_cpb_means_per_type_and_movisie_organisatiemodel():
    groei = {w["groep"]: w for w in load_library().get("cpb-groei-per-type").cijfers["waarden"]}
    assert [(groei[g]["jan_2015"], groei[g]["dec_2017"], groei[g]["n"]) for g in "ABC"] == [
        (8.0, 10.1, 35), (9.1, 11.7, 58), (9.3, 14.8, 29)]
    for w in groei.values():  # the stated growth is the growth of the stated means, rounded
        assert round(w["dec_2017"] / w["jan_2015"] - 1, 2) == w["groei"]
    model = load_library().get("movisie-organisatiemodel").cijfers["waarden"]
    assert [(w["groep"], w["2015"], w["2017"]) for w in model] == [
        ("A1", 0.46, 0.40), ("A2", 0.23, 0.18), ("B", 0.14, 0.23), ("C", 0.09, 0.14), ("anders", None, 0.06)]


def _dutch(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def test_cpb_numbers_stand_in_the_cited_lines_of_the_seed(raw):
    """Every CPB number in 'cijfers' occurs, Dutch-formatted, inside the item's own line range."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is niet aanwezig")
    items = {i["id"]: i for i in raw["bewijs"]}

    def cited_text(evidence_id: str) -> str:
        bron = items[evidence_id]["bron"]
        lines = (SEEDS / bron["bestand"]).read_text(encoding="utf-8").splitlines()
        return " ".join(" ".join(lines[bron["regels"][0] - 1:bron["regels"][1]]).split())

    text = cited_text("cpb-wijkteam-effect")
    for row in items["cpb-wijkteam-effect"]["cijfers"]["rijen"]:
        printed = " ".join(f"{_dutch(c, 2)}{s}" for c, s in zip(row["coef"], row["sterren"]))
        assert f"Effect van wijkteams {printed}" in text, (row["model"], row["bron"])
        assert "(sd) " + " ".join(f"({_dutch(se, 2)})" for se in row["se"]) in text, (row["model"], row["bron"])
        assert "N " + " ".join(str(n) for n in row["n"]) in text, (row["model"], row["bron"])
    text = cited_text("cpb-groei-per-type")
    groei = {w["groep"]: w for w in items["cpb-groei-per-type"]["cijfers"]["waarden"]}
    for moment, key in (("januari 2015", "jan_2015"), ("december 2017", "dec_2017")):
        a, b, c = (_dutch(groei[g][key], 1) for g in "ABC")
        assert f"1000 inwoners: {moment} {a} " in text, moment  # Tabel 4.2, column 'Alleen Wmo-loket'
        assert f"1000 inwoners: {moment} {b} {c} " in text, moment  # Tabel 5.2, zonder / met zorgaanbieders
    for w in groei.values():
        assert f"{round(w['groei'] * 100)}%" in text, w["groep"]
    text = cited_text("cpb-typologie")
    for w in items["cpb-typologie"]["cijfers"]["waarden"]:
        assert f"{w['aantal']} gemeenten van het type {w['groep']} ({round(w['aandeel'] * 100)}%)" in text


# --- issue 16: caveats that were dropped, and where they stand in the seeds ---------------------
def _cited_lines(raw: dict, evidence_id: str) -> str:
    bron = next(i for i in raw["bewijs"] if i["id"] == evidence_id)["bron"]
    lines = (SEEDS / bron["bestand"]).read_text(encoding="utf-8").splitlines()
    return " ".join(" ".join(lines[bron["regels"][0] - 1:bron["regels"][1]]).split())


@pytest.mark.parametrize("evidence_id, in_item, in_seed", [
    # 004 L1660-1661, footnote 17: maybe not all vulnerable inhabitants are reached.
    ("rivm-breedte-uitgaven", "niet alle kwetsbare inwoners", "niet alle kwetsbare inwoners tijdig"),
    # 004 L974-976: the exception for a brede taakopdracht.
    ("rivm-breedte-uitgaven-toegang", "afwijkend beeld voor een brede taakopdracht", "afwijkend beeld voor een brede"),
    # 004 footnote 18: cherry picking, upcoding.
    ("rivm-outputgericht-hoogste-uitgaven", "cherry picking", "cherry picking"),
    # 004 L1480-1482 'duidt op ruimte' (not 'er is ruimte'); L1490-1493 indicators may miss need.
    ("rivm-taakzwaarte-uitgaven", "duidt op ruimte", "Dit duidt op ruimte"),
    ("rivm-taakzwaarte-uitgaven", "indicatoren in het gemeentefonds", "indicatoren in het gemeentefonds"),
    # 000 L648-651: 'naar verwachting'.
    ("cpb-invloed-aanbieders", "naar verwachting", "naar verwachting het grootst"),
    # 000 L2133-2139: the options concern costs, not benefits.
    ("cpb-beleidsopties", "kostenkant", "richten op de kostenkant"),
    # 003 L469-473: the question wording changed in 2017.
    ("movisie-organisatiemodel", "vraag veranderde", "vraagstelling in 2017 iets is veranderd"),
    # 000 L1545-1548: 13% against the own counterfactual.
    ("cpb-wijkteam-effect-niveaus", "11,2", "100*(12,7-11,2)/11,2"),
    # 000 L1391-1395: no populatiebekostiging in the sample.
    ("cpb-steekproef-bekostiging", "populatiebekostiging", "populatiebekostiging toepassen, maken dus geen onderdeel"),
    ("cpb-zware-hulp-uitgesloten", "verwijderd", "verwijderen we deze gemeenten"),
    ("cpb-effect-vooral-type-c", "grotendeels gedreven", "grotendeels wordt gedreven door gemeenten met aanbieders"),
    ("cpb-advies-formaliteit", "formaliteit", "vooral een formaliteit"),
    ("wijchen-kostprijs-indicatie", "kostprijs van de indicatie", "de kostprijs van de indicatie"),
    ("wijchen-trajectkosten-aanbieders", "trajectkosten", "trajectkosten tussen aanbieders"),
    ("wijchen-terug-naar-pxq", "p*q", "terug bij een p*q-bekostiging"),
    ("wijchen-advies-bureaucratie", "bureaucratie", "extra bureaucratie"),
])
def test_caveat_in_the_item_and_in_its_cited_seed_lines(raw, evidence_id, in_item, in_seed):
    assert in_item in load_library().get(evidence_id).tekst
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is niet aanwezig")
    assert in_seed in _cited_lines(raw, evidence_id)


def test_taakzwaarte_uitgaven_does_not_claim_all_gemeenten():
    """004 L1353-1359: the kernbevinding speaks of 'deelnemende gemeenten'."""
    item = load_library().get("rivm-taakzwaarte-uitgaven")
    assert "alle gemeenten" not in item.steekproef and "deelnemende gemeenten" in item.steekproef


def test_tabel_b12_counts_as_printed_in_the_seed(raw):
    """004 L2692-2703: interviews 4/3/5/0/4 (= 16, not 18) and 9/5/4; uitgaven 5/4/5/3/6 and 12/6/5."""
    cijfers = load_library().get("rivm-casestudies-kenmerken").cijfers
    assert [v[0] for v in cijfers["taakzwaarte"].values()] == [4, 3, 5, 0, 4]
    assert sum(v[0] for v in cijfers["taakzwaarte"].values()) == 16
    assert [v for v in cijfers["bekostiging"].values()] == [[9, 12], [5, 6], [4, 5]]
    assert sum(v[1] for v in cijfers["taakzwaarte"].values()) == 23
    assert "4 taakgericht" in load_library().get("rivm-casestudies-bekostiging").tekst  # vs 'een op de zes'
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is niet aanwezig")
    text = _cited_lines(raw, "rivm-casestudies-kenmerken")
    for klasse, (a, b) in cijfers["taakzwaarte"].items():
        assert f"{klasse} {a} {b}" in text, klasse
    for vorm, (a, b) in cijfers["bekostiging"].items():
        assert f"{vorm} {a} {b}" in text, vorm


def test_every_seed_document_is_cited_or_says_why_not(raw):
    """Point 15: 001 (Wijchen) is cited now; 002 states why no finding cites it yet."""
    cited = {i["bron"]["bestand"] for i in raw["bewijs"]}
    for name, doc in raw["documenten"].items():
        assert name in cited or doc.get("gebruik"), name
    assert "001_35b9affa733d1c45.txt" in cited
