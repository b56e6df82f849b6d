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
    assert totals["soort"] == "jaarrekening" and totals["aantal_gemeenten"] == 342
    netto = totals["netto_lasten"]
    assert 1.5e9 <= netto["6.2"] <= 1.9e9
    maatwerk = netto["6.6"] + sum(netto[t] for t in ("6.71", "6.71a", "6.71b", "6.71c", "6.71d"))
    assert 4.2e9 <= maatwerk <= 4.7e9
    assert maatwerk == pytest.approx(netto["maatwerk"])
    assert 0.78 <= netto["diensten"] / netto["maatwerk"] <= 0.84


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
