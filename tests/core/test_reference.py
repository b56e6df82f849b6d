"""Lookups, taakzwaarte and spending on the real bundled reference data."""
from __future__ import annotations

import pandas as pd
import pytest

from wijkkompas.core import reference
from wijkkompas.core.errors import UnknownGemeenteError
from wijkkompas.core.reference import (
    TAAKZWAARTE_KLASSEN,
    find_gemeente,
    gemeenten,
    manifest,
    nationale_aggregaten,
    taakzwaarte_componenten,
    uitgaven,
)


def test_342_unique_gemeenten_with_complete_structure():
    table = gemeenten()
    assert len(table) == 342
    assert table["code"].str.fullmatch(r"GM\d{4}").all() and table["code"].is_unique
    for column in ("provincie", "gemeentegrootte", "stedelijkheid", "centrumfunctie", "sociale_structuur"):
        assert table[column].notna().all(), column
    assert (table["volwassenen"] == table["inwoners"] - table["jongeren"]).all()
    assert 17_500_000 < table["inwoners"].sum() < 18_500_000
    assert table["provincie"].nunique() == 12


@pytest.mark.parametrize(
    "query, code",
    [
        ("Utrecht", "GM0344"), ("utrecht", "GM0344"), ("GM0150", "GM0150"), ("gm150", "GM0150"), ("0150", "GM0150"),
        ("Den Haag", "GM0518"), ("'s-Gravenhage", "GM0518"), ("S GRAVENHAGE", "GM0518"),
        ("Den Bosch", "GM0796"), ("'s-Hertogenbosch", "GM0796"), ("Sudwest Fryslan", "GM1900"),
        ("Súdwest-Fryslân", "GM1900"), ("Gemeente Deventer", "GM0150"), ("Bergen (NH.)", "GM0373"),
        ("bergen l", "GM0893"), ("Nuenen", "GM0820"), ("Utrecht (gemeente)", "GM0344"),
        ("Hengelo (O.)", "GM0164"), ("Laren (NH.)", "GM0417"), ("Rijswijk (ZH.)", "GM0603"),
        ("Middelburg (Z.)", "GM0687"), ("Nuenen c.a.", "GM0820"), ("\u2019s-Hertogenbosch", "GM0796"),
    ],
)
def test_find_gemeente_by_code_name_and_alias(query, code):
    assert find_gemeente(query).code == code


def test_display_name_and_iv3_name_kept():
    haag = find_gemeente("GM0518")
    assert (haag.naam, haag.naam_iv3) == ("Den Haag", "'s-Gravenhage")
    assert find_gemeente("Nuenen").naam == "Nuenen, Gerwen en Nederwetten"


def test_unknown_gemeente_suggests_closest_names():
    with pytest.raises(UnknownGemeenteError) as info:
        find_gemeente("Amsterdm")
    assert info.value.suggestions[0] == "Amsterdam"
    assert "niet gevonden" in info.value.melding
    with pytest.raises(UnknownGemeenteError) as info:
        find_gemeente("Bergen")
    assert {"Bergen (L.)", "Bergen (NH.)"} <= set(info.value.suggestions)
    with pytest.raises(UnknownGemeenteError):
        find_gemeente("GM9999")


@pytest.mark.parametrize("former, current", [
    ("Weesp", ["Amsterdam"]), ("Brielle", ["Voorne aan Zee"]), ("Uden", ["Maashorst"]),
    ("Heerhugowaard", ["Dijk en Waard"]), ("Haaren", ["Boxtel", "Oisterwijk", "Tilburg", "Vught"]),
])
def test_former_gemeente_is_not_resolved_but_its_successor_is_suggested_first(former, current):
    with pytest.raises(UnknownGemeenteError) as info:
        find_gemeente(former)
    assert info.value.suggestions[:len(current)] == current


def test_taakzwaarte_index_is_wmo_cluster_per_inwoner_and_components_add_up():
    deventer = find_gemeente("Deventer")
    comp = taakzwaarte_componenten("GM0150")
    assert set(comp) == {"ephh", "lidr_w_nw", "inw75+dr", "kernen", "LOdr", "cf.regionaal"}
    assert sum(comp.values()) == pytest.approx(deventer.wmo_cluster_eur, abs=1)
    assert deventer.taakzwaarte_index == pytest.approx(deventer.wmo_cluster_eur / deventer.inwoners, abs=0.01)
    # Recompute one component from the weights: kernen × € 24.080,77 × uitkeringsfactor 1,457.
    volumes = reference.tables.componenten_table().set_index("code").loc["GM0150"]
    assert comp["kernen"] == pytest.approx(volumes["volume_kernen"] * 24080.77 * 1.457, abs=1)


def test_taakzwaarte_classes_are_quintiles_and_rank_is_descending():
    table = gemeenten()
    counts = table["taakzwaarte_klasse"].value_counts()
    assert set(counts.index) == set(TAAKZWAARTE_KLASSEN)
    assert counts.min() >= 68 and counts.max() <= 69
    order = table.groupby("taakzwaarte_klasse")["taakzwaarte_index"].agg(["min", "max"]).loc[list(TAAKZWAARTE_KLASSEN)]
    assert (order["max"].to_numpy()[:-1] < order["min"].to_numpy()[1:]).all()
    top = table.sort_values("taakzwaarte_index", ascending=False).iloc[0]
    assert top["taakzwaarte_rang"] == 1 and top["taakzwaarte_klasse"] == "zeer zwaar"
    assert find_gemeente("Deventer").klasse_nummer == TAAKZWAARTE_KLASSEN.index(find_gemeente("Deventer").taakzwaarte_klasse) + 1


def test_national_totals_jaarrekening_2023_match_research():
    """RIVM/Cebeon 2025 (004): toegang ruim € 1,6 mld, maatwerk ruim € 4,3 mld, ruim 80% diensten."""
    totals = nationale_aggregaten()["jaren"]["2023"]
    # Vijfheerenlanden delivered no jaarrekening 2023: 341 gemeenten, not 342 with one at € 0.
    assert totals["soort"] == "jaarrekening" and totals["aantal_gemeenten"] == 341
    assert totals["zonder_gegevens"] == [{"code": "GM1961", "naam": "Vijfheerenlanden"}]
    netto = totals["netto_lasten"]
    assert 1.5e9 <= netto["6.2"] <= 1.9e9
    maatwerk = netto["6.6"] + sum(netto[t] for t in ("6.71", "6.71a", "6.71b", "6.71c", "6.71d"))
    assert 4.2e9 <= maatwerk <= 4.7e9
    assert maatwerk == pytest.approx(netto["maatwerk"])
    assert 0.78 <= netto["diensten"] / netto["maatwerk"] <= 0.84


def test_national_totals_state_their_difference_with_the_report():
    """Point 13: € 1,718 mld vs 'ruim 1,6 mld' (004 L930) and € 4,458 mld vs 'ruim 4,3 mld' (L1373): not equal."""
    vergelijking = {c["maat"]: c for c in nationale_aggregaten()["vergelijking_onderzoek_2023"]}
    assert vergelijking["6.2"]["rapport"] == 1.6e9 and vergelijking["maatwerk"]["rapport"] == 4.3e9
    assert vergelijking["6.2"]["eigen"] == pytest.approx(1.718e9, rel=1e-3)
    assert vergelijking["maatwerk"]["eigen"] == pytest.approx(4.458e9, rel=1e-3)
    assert vergelijking["6.2"]["verschil"] == pytest.approx(1.718 / 1.6 - 1, abs=0.002)  # +7,4%
    assert vergelijking["maatwerk"]["verschil"] == pytest.approx(4.458 / 4.3 - 1, abs=0.002)  # +3,7%
    assert all("Iv3-gegevens" in c["toelichting"] for c in vergelijking.values())


@pytest.mark.parametrize("code, jaren", [
    ("GM1961", {"2023", "2024", "2025"}),  # Vijfheerenlanden: zeros on every taakveld in the source
    ("GM0310", {"2025"}), ("GM0415", {"2025"}), ("GM1731", {"2025"}),  # De Bilt, Landsmeer, Midden-Drenthe
])
def test_missing_iv3_is_missing_not_zero(code, jaren):
    data = uitgaven(code)
    for jaar in ("2023", "2024", "2025"):
        values = data[jaar]
        if jaar in jaren:
            assert all(v["netto"] is None and v["per_volwassene"] is None for v in values.values()), jaar
            assert {v["status"] for v in values.values()} == {"geen gegevens"}
            assert not reference.heeft_iv3(code, jaar)
        else:
            assert values["maatwerk"]["netto"] > 0 and values["maatwerk"]["status"] == "ok"
            assert reference.heeft_iv3(code, jaar)
    listed = {(i["code"], i["jaar"]) for i in reference.ontbrekende_iv3()}
    assert {(code, j) for j in jaren} <= listed
    # ... and no other gemeente is all-empty: a real € 0 on one taakveld stays € 0.
    assert len(listed) == 6


def test_missing_years_are_left_out_of_the_national_totals():
    y2025 = nationale_aggregaten()["jaren"]["2025"]
    assert y2025["aantal_gemeenten"] == 338
    assert {g["naam"] for g in y2025["zonder_gegevens"]} == {"De Bilt", "Landsmeer", "Midden-Drenthe",
                                                              "Vijfheerenlanden"}


def test_inwoners_are_the_gemeentefonds_volume_and_the_cbs_count_is_beside_it():
    """Point 14: Heerlen 88.682 in the gemeentefonds volumina vs CBS 87.122 (Iv3 2023)."""
    heerlen = find_gemeente("Heerlen")
    assert heerlen.inwoners == 88_682 and heerlen.inwoners_cbs_2023 == 87_122
    assert "gemeentefonds" in manifest()["inwoners"] and "CBS" in manifest()["inwoners"]


def test_nederland_row_not_counted():
    """If the national row had slipped in, every 2023 total would roughly double."""
    netto = nationale_aggregaten()["jaren"]["2023"]["netto_lasten"]
    assert netto["6.71a"] < 1.6e9


def test_uitgaven_per_volwassene_for_all_three_years():
    data = uitgaven("GM0150")
    assert set(data) == {"2023", "2024", "2025"}
    deventer = find_gemeente("GM0150")
    # Jaarrekening 2023 Deventer: 6.2 lasten 5.570 − baten 44 (× € 1.000).
    assert data["2023"]["6.2"]["netto"] == 5_526_000
    assert data["2023"]["6.2"]["per_volwassene"] == pytest.approx(5_526_000 / deventer.volwassenen, abs=0.01)
    m = data["2025"]
    assert m["maatwerk"]["netto"] == pytest.approx(m["6.6"]["netto"] + m["diensten"]["netto"])


def test_hbh_2019_flags_vintage_and_merged_gemeenten():
    table = gemeenten().set_index("code")
    assert table["hbh_2019_opmerking"].str.len().gt(0).all()
    assert table.at["GM0150", "hbh_2019_opmerking"].startswith("indeling 2019")
    # Dijk en Waard (2022) = Heerhugowaard + Langedijk: computed from both parts.
    assert "GM0398" in table.at["GM1980", "hbh_2019_opmerking"] and pd.notna(table.at["GM1980", "hbh_per_1000_2019"])
    # Eemsdelta: Appingedam/Delfzijl have no 2019 figure -> left empty.
    assert pd.isna(table.at["GM1979", "hbh_per_1000_2019"])
    assert 250 <= table["hbh_per_1000_2019"].notna().sum() <= 342
    # An empty figure never carries a note that reads as if there were a figure ("indeling 2019").
    empty = table[table["hbh_per_1000_2019"].isna()]
    assert not empty["hbh_2019_opmerking"].str.startswith("indeling 2019").any()
    # Heerde is in the 2019 file with an empty figure.
    assert table.at["GM0246", "hbh_2019_opmerking"].startswith("geen cijfer 2019")


def test_manifest_has_provenance_per_table_and_the_2025_mapping():
    data = manifest()
    assert set(data["tabellen"]) >= {"gemeenten.csv", "iv3_netto_lasten.csv", "taakzwaarte_componenten.csv"}
    for meta in data["tabellen"].values():
        for key in ("bron", "uitgever", "peiljaar", "eenheid", "licentie", "inputs", "bouwdatum"):
            assert meta[key], key
        assert all(len(i["sha256"]) == 64 for i in meta["inputs"])
    assert data["mapping_2025_naar_2023"]["taakvelden"]["6.2"] == ["6.21", "6.22", "6.23"]
    assert data["taakzwaarte"]["uitkeringsfactor"] == pytest.approx(1.457)


def test_hand_checked_figures_utrecht_and_deventer():
    """Figures recomputed by hand from the raw sources (reviewer check), written as the arithmetic.

    Volumina GF_M2024_2025 (inwo, jong, maatstaven), gewichten cluster Individuele voorzieningen Wmo,
    uitkeringsfactor M2024/2025 = 1,457; Iv3 amounts are in € 1.000 in the source (lasten − baten).
    """
    factor = 1.457
    utrecht = find_gemeente("Utrecht")
    assert (utrecht.inwoners, utrecht.jongeren, utrecht.volwassenen) == (374_534, 71_069, 374_534 - 71_069)
    comp = taakzwaarte_componenten("GM0344")
    assert comp["ephh"] == pytest.approx(96_098.4753 * 169.44 * factor, abs=1)
    assert comp["lidr_w_nw"] == pytest.approx(24_271.64269 * 533.97 * factor, abs=1)
    assert comp["inw75+dr"] == 0
    assert comp["kernen"] == pytest.approx(5 * 24_080.77 * factor, abs=1)
    assert comp["LOdr"] == pytest.approx(7_770.771963 * 268.79 * factor, abs=1)
    assert comp["cf.regionaal"] == pytest.approx(729_297.82 * 50.84 * factor, abs=1)
    assert utrecht.taakzwaarte_index == pytest.approx(99_848_014 / 374_533.5383, abs=0.01)  # € 266,59
    assert utrecht.taakzwaarte_klasse == "gemiddeld"
    deventer = find_gemeente("Deventer")
    assert (deventer.inwoners, deventer.volwassenen) == (104_621, 104_621 - 19_642)
    assert deventer.taakzwaarte_index == pytest.approx(32_563_345 / 104_620.8601, abs=0.01)  # € 311,25
    assert deventer.taakzwaarte_klasse == "zwaar"

    u = uitgaven("GM0344")["2023"]
    assert u["6.2"]["netto"] == (65_142 - 7_086) * 1000
    assert u["6.6"]["netto"] == (8_933 - 0) * 1000
    assert u["6.71a"]["netto"] == (22_760 - 1_761) * 1000
    assert u["6.71d"]["netto"] == (13_623 - 1) * 1000
    assert u["6.81a"]["netto"] == (70_956 - 1_346) * 1000
    maatwerk = (8_933 + 0 + 20_999 + 18_703 + 6_227 + 13_622) * 1000
    assert u["maatwerk"]["netto"] == maatwerk
    assert u["maatwerk"]["per_volwassene"] == pytest.approx(maatwerk / 303_465, abs=0.01)  # € 225,67
    d = uitgaven("GM0150")["2023"]
    assert d["6.1"]["netto"] == (31_929 - 23_136) * 1000
    assert d["6.71a"]["netto"] == (9_263 - 817) * 1000


def test_begroting_2025_codes_mapped_onto_2023_taakvelden():
    """Begroting 2025 (new codes) by hand: 6.2 = 6.21 + 6.22 + 6.23, 6.6 = 6.60, 6.71 = 6.791 PGB Wmo."""
    d = uitgaven("GM0150")["2025"]
    assert d["6.2"]["netto"] == ((4_023 - 8) + (2_588 - 0) + (0 - 0)) * 1000
    assert d["6.6"]["netto"] == (5_556 - 149) * 1000
    assert d["6.71"]["netto"] == 3_497 * 1000
    assert d["6.71a"]["netto"] == (10_397 - 655) * 1000
    assert d["6.81a"]["netto"] == (13_424 - 303) * 1000
    u = uitgaven("GM0344")["2025"]
    assert u["6.2"]["netto"] == (27_388 + 6_722 + 24_171) * 1000
    assert u["6.71d"]["netto"] == 95_782 * 1000
    assert u["6.71"]["netto"] == (27_406 - 1_900) * 1000
