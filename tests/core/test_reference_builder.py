"""The builder reproduces the committed tables byte for byte, and every source name is joined.

Skips cleanly when ../shared/reference-sources is absent (e.g. a clone without shared/).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO.parent / "shared" / "reference-sources"
COMMITTED = REPO / "resources" / "reference"

needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/reference-sources ontbreekt")


def _builder():
    spec = importlib.util.spec_from_file_location("build_reference", REPO / "tools" / "build_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_sources
def test_builder_output_is_byte_identical_to_committed(tmp_path):
    builder = _builder()
    written = builder.build(SOURCES, tmp_path)
    names = sorted(p.name for p in written)
    assert names == sorted(p.name for p in COMMITTED.iterdir() if p.is_file())
    for name in names:
        assert (tmp_path / name).read_bytes() == (COMMITTED / name).read_bytes(), name


@needs_sources
def test_manifest_hashes_match_shared_sha256sums():
    import json

    sums = {}
    for line in (SOURCES / "SHA256SUMS").read_text().splitlines():
        digest, rel = line.split(maxsplit=1)
        sums[rel.removeprefix("./")] = digest
    manifest = json.loads((COMMITTED / "manifest.json").read_text(encoding="utf-8"))
    for table in manifest["tabellen"].values():
        for item in table["inputs"]:
            assert sums[item["pad"]] == item["sha256"], item["pad"]


@needs_sources
def test_every_iv3_and_klassen_name_maps_to_exactly_one_code():
    builder = _builder()
    gem = pd.read_csv(COMMITTED / "gemeenten.csv", dtype={"code": str})
    iv3_names = set(pd.read_csv(SOURCES / "iv3" / "2023_jaarrekening.csv", sep=";")["Gemeenten"]) - {"Nederland"}
    assert len(iv3_names) == 342
    assert set(gem["naam_iv3"]) == iv3_names
    vol = builder.read_volumina(SOURCES)
    assert dict(zip(vol["Naam"], vol["code"])) == dict(zip(gem["naam_iv3"], gem["code"]))
    for filename in ("gemeenteklassen_2025.csv", "sociale_structuur_centrumfunctie.csv"):
        names = pd.read_csv(SOURCES / "gemeenten" / filename, sep="\t")["Gemeenten"]
        mapped = names.replace(builder.GEMEENTEKLASSEN_NAMEN)
        assert mapped.is_unique and set(mapped) == iv3_names, filename
    # The explicit spelling map is needed and complete: every key occurs in the source.
    klassen = set(pd.read_csv(SOURCES / "gemeenten" / "gemeenteklassen_2025.csv", sep="\t")["Gemeenten"])
    assert set(builder.GEMEENTEKLASSEN_NAMEN) <= klassen


@needs_sources
def test_fusion_codes_exist_in_2019_file_or_are_reported_missing():
    builder = _builder()
    raw = pd.read_csv(SOURCES / "wmo-clienten" / "hbh_clienten_gemeente_2017_2019.csv")
    known_2019 = set(raw["codering_regio"])
    gem = pd.read_csv(COMMITTED / "gemeenten.csv", dtype={"code": str}).set_index("code")
    for new, parts in builder.FUSIES_NA_2019.items():
        assert new in gem.index
        complete = all(p in known_2019 for p in parts) and all(
            raw.loc[(raw["codering_regio"] == p) & (raw["perioden"] == 2019)].shape[0] == 1 for p in parts)
        assert pd.notna(gem.at[new, "hbh_per_1000_2019"]) == complete, new


def test_committed_output_is_compact():
    total = sum(p.stat().st_size for p in COMMITTED.iterdir() if p.is_file())
    assert total < 1_000_000
