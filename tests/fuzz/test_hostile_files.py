"""Issue 17, points 5-7: every broken project, answers, mapping or key file gets a specific Dutch message.

Each case used to end in exit 3 ("onverwachte fout") with the English cause
in the log, or hang. The CLI runs in-process here (none of these can abort);
FIFO and /dev/zero run in a child with a timeout, so a regression hangs the
child, not pytest.
"""
from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path

import pytest
from harness import INTERNAL, run_cli

from wijkkompas.cli import main
from wijkkompas.core.project import Project

CSV = "Clientnummer;Productcategorie;Ingangsdatum\n123456782;02;01-01-2024\n"


def _run(capsys, args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    err = capsys.readouterr().err
    return code, err


def _dutch_refusal(code: int, err: str, *fragments: str) -> None:
    assert code == 2, err
    assert err.startswith("wijkkompas: "), err
    assert not INTERNAL.search(err), err
    for fragment in fragments:
        assert fragment in err, err


def _project_bytes(tmp_path: Path) -> bytes:
    project = Project(naam="Test")
    project.set_choice("positie", {"toegang": {"x": 1}})
    return project.to_bytes()


def _rewrite(data: bytes, member: str, content: bytes | None = None, manifest: dict | None = None) -> bytes:
    import io

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            blob = source.read(name)
            if name == member and content is not None:
                blob = content
            if name == "manifest.json" and manifest is not None:
                loaded = json.loads(blob)
                loaded.update(manifest)
                blob = json.dumps(loaded).encode()
            archive.writestr(name, blob)
    return out.getvalue()


def _import_into(capsys, tmp_path: Path, wkp: bytes) -> tuple[int, str]:
    (tmp_path / "p.wkp").write_bytes(wkp)
    (tmp_path / "in.csv").write_text(CSV, encoding="utf-8")
    return _run(capsys, ["import", tmp_path / "in.csv", "--project", tmp_path / "p.wkp"])


def _member_offsets(data: bytes, member: str) -> tuple[int, int]:
    """(local header offset, central directory entry offset) of ``member``."""
    info = zipfile.ZipFile(__import__("io").BytesIO(data)).getinfo(member)
    central = data.rindex(b"PK\x01\x02" + data[data.index(b"PK\x01\x02") + 4:data.index(b"PK\x01\x02") + 4][:0])
    pos = data.index(b"PK\x01\x02")
    while True:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        extra, comment = struct.unpack_from("<HH", data, pos + 30)
        if data[pos + 46:pos + 46 + name_len].decode() == member:
            central = pos
            break
        pos += 46 + name_len + extra + comment
    return info.header_offset, central


def test_corrupt_deflate_stream(capsys, tmp_path):
    data = bytearray(_project_bytes(tmp_path))
    local, _ = _member_offsets(bytes(data), "choices.json")
    name_len, extra = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_len + extra
    data[start:start + 8] = b"\xff" * 8
    code, err = _import_into(capsys, tmp_path, bytes(data))
    _dutch_refusal(code, err, "choices.json", "p.wkp", "beschadigd")


def test_encrypted_member(capsys, tmp_path):
    data = bytearray(_project_bytes(tmp_path))
    local, central = _member_offsets(bytes(data), "choices.json")
    data[local + 6] |= 1
    data[central + 8] |= 1
    code, err = _import_into(capsys, tmp_path, bytes(data))
    _dutch_refusal(code, err, "versleuteld", "choices.json")


def test_unsupported_compression_method(capsys, tmp_path):
    data = bytearray(_project_bytes(tmp_path))
    local, central = _member_offsets(bytes(data), "choices.json")
    struct.pack_into("<H", data, local + 8, 97)
    struct.pack_into("<H", data, central + 10, 97)
    code, err = _import_into(capsys, tmp_path, bytes(data))
    _dutch_refusal(code, err, "methode die Wijkkompas niet kent")


@pytest.mark.parametrize("member", ["choices.json", "manifest.json"])
def test_json_nested_100000_deep(capsys, tmp_path, member):
    deep = b"[" * 100_000 + b"]" * 100_000
    code, err = _import_into(capsys, tmp_path, _rewrite(_project_bytes(tmp_path), member, deep))
    _dutch_refusal(code, err, "te diep genest", member)


def test_a_5000_digit_integer(capsys, tmp_path):
    huge = b'{"positie": ' + b"9" * 5000 + b"}"
    code, err = _import_into(capsys, tmp_path, _rewrite(_project_bytes(tmp_path), "choices.json", huge))
    _dutch_refusal(code, err, "te veel cijfers", "choices.json")


@pytest.mark.parametrize("value", [150, [1], {"a": 1}, True])
def test_wrong_typed_gemeente_code(capsys, tmp_path, value):
    code, err = _import_into(capsys, tmp_path, _rewrite(_project_bytes(tmp_path), "", manifest={"gemeente_code": value}))
    _dutch_refusal(code, err, "ongeldige gemeentecode", "GM0150")


@pytest.mark.parametrize("value", [True, 1.0, "1", None])
def test_format_version_must_be_an_integer(capsys, tmp_path, value):
    code, err = _import_into(capsys, tmp_path, _rewrite(_project_bytes(tmp_path), "", manifest={"format_version": value}))
    _dutch_refusal(code, err, "formaatversie")


def test_sources_without_required_fields(capsys, tmp_path):
    code, err = _import_into(capsys, tmp_path, _rewrite(_project_bytes(tmp_path), "",
                                                        manifest={"bronbestanden": [{"naam": "x"}]}))
    _dutch_refusal(code, err, "bronbestanden")


def test_a_table_with_an_impossible_integer(capsys, tmp_path):
    import pandas as pd

    project = Project()
    project.add_table("wijken", pd.DataFrame({"wijk_code": ["W01"], "inwoners": [10]}))
    data = _rewrite(project.to_bytes(), "tables/wijken.csv", b"wijk_code,inwoners\nW01," + b"9" * 5000 + b"\n")
    code, err = _import_into(capsys, tmp_path, data)
    _dutch_refusal(code, err, "kolom 'inwoners'")


@pytest.mark.parametrize("content", [b"not hex at all", b"\xff\xfe\x00", b"abcd"])
def test_corrupt_key_file(capsys, tmp_path, isolated_appdata, content):
    from wijkkompas.core import appdata

    project = Project()
    (tmp_path / "p.wkp").write_bytes(project.to_bytes())
    key_dir = appdata.key_dir()
    key_dir.mkdir(parents=True, exist_ok=True)
    (key_dir / f"{project.project_id}.key").write_bytes(content)
    (tmp_path / "in.csv").write_text(CSV, encoding="utf-8")
    code, err = _run(capsys, ["import", tmp_path / "in.csv", "--project", tmp_path / "p.wkp"])
    _dutch_refusal(code, err, "sleutel", "beschadigd")
    assert (key_dir / f"{project.project_id}.key").read_bytes() == content  # never silently replaced


ANSWERS = {"toegang": {}, "inkoop": {}}


@pytest.mark.parametrize("encoding,fragment", [("latin-1", "UTF-8"), ("cp1252", "UTF-8")])
def test_answers_not_in_utf8(capsys, tmp_path, encoding, fragment):
    path = tmp_path / "antwoorden.json"
    path.write_bytes(json.dumps({"toelichting": "café €"}, ensure_ascii=False).encode(encoding, "replace"))
    code, err = _run(capsys, ["positie", "--antwoorden", path])
    _dutch_refusal(code, err, fragment, "antwoorden.json")


def test_answers_in_utf16_with_bom_are_read(capsys, tmp_path):
    good = tmp_path / "goed.json"
    good.write_text("[1]", encoding="utf-8")
    ref_code, ref_err = _run(capsys, ["positie", "--antwoorden", good])
    path = tmp_path / "antwoorden.json"
    path.write_bytes("[1]".encode("utf-16"))
    code, err = _run(capsys, ["positie", "--antwoorden", path])
    assert (code, err.replace("antwoorden.json", "goed.json")) == (ref_code, ref_err)
    _dutch_refusal(code, err, "één JSON-object")


@pytest.mark.parametrize("content,fragment", [
    (b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
    (b'{"toegang": ' + b"1" * 5000 + b"}", "te veel cijfers"),
    (b"{nee", "geen geldige JSON"),
    (b'"tekst"', "één JSON-object"),
])
def test_broken_answers(capsys, tmp_path, content, fragment):
    path = tmp_path / "a.json"
    path.write_bytes(content)
    code, err = _run(capsys, ["positie", "--antwoorden", path])
    _dutch_refusal(code, err, fragment)


def test_answers_missing_or_a_folder(capsys, tmp_path):
    code, err = _run(capsys, ["positie", "--antwoorden", tmp_path / "weg.json"])
    _dutch_refusal(code, err, "bestaat niet")
    code, err = _run(capsys, ["positie", "--antwoorden", tmp_path])
    _dutch_refusal(code, err, "is een map")


# Every JSON file a command reads from the user: (command line before the path, its Dutch subject).
USER_JSON = [
    (["positie", "--antwoorden"], "antwoordenbestand"),
    (["import", "{csv}", "--mapping"], "koppelingsbestand"),
    (["verdeel", "--demo", "--gewichten"], "gewichtenbestand"),
    (["scenario", "--demo", "--hefbomen"], "hefbomenbestand"),
]


@pytest.mark.parametrize("before,subject", USER_JSON)
@pytest.mark.parametrize("case,fragment", [
    ("latin-1", "niet opgeslagen als UTF-8"), ("ontbreekt", "bestaat niet"), ("map", "is een map"),
    ("diep", "te diep genest"), ("cijfers", "te veel cijfers"), ("kapot", "geen geldige JSON"),
    ("nul", "nul-tekens"),
])
def test_every_user_json_file_is_refused_in_dutch(capsys, tmp_path, before, subject, case, fragment):
    """The same refusals for answers, mappings, gewichten and hefbomen: no codec, OS or parser English."""
    (tmp_path / "x.csv").write_text(CSV, encoding="utf-8")
    path = tmp_path / "in.json"
    contents = {"latin-1": json.dumps({"naam": "café"}, ensure_ascii=False).encode("latin-1"),
                "diep": b"[" * 100_000 + b"]" * 100_000, "cijfers": b'{"a": ' + b"1" * 5000 + b"}",
                "kapot": b"{nee", "nul": b'{"a": "\x00"}'}
    if case == "map":
        path = tmp_path
    elif case in contents:
        path.write_bytes(contents[case])
    args = [str(tmp_path / "x.csv") if a == "{csv}" else a for a in before] + [path]
    code, err = _run(capsys, args)
    _dutch_refusal(code, err, fragment)
    if case not in ("ontbreekt", "map"):
        assert subject in err.lower(), err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO's bestaan alleen op Unix")
@pytest.mark.parametrize("kind", ["fifo", "dev_zero"])
def test_answers_from_a_fifo_or_dev_zero_do_not_hang(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "pijp.json"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("geen /dev/zero")
    for args in (["positie", "--antwoorden", path], ["import", path], ["import", tmp_path / "x.csv", "--mapping", path],
                 ["verdeel", "--demo", "--gewichten", path], ["scenario", "--demo", "--hefbomen", path]):
        (tmp_path / "x.csv").write_text(CSV, encoding="utf-8")
        out = run_cli(args, timeout=60)
        assert out.code == 2, out.stderr
        assert "geen gewoon bestand" in out.stderr
        assert not INTERNAL.search(out.stderr)


@pytest.mark.parametrize("data,fragment", [
    ("Clientnummer;Productcategorie;Ingangsdatum\n123456782;02;01-01-2024\n".encode("utf-16-le"), None),
    (b"Clientnummer;Productcategorie;Ingangsdatum\n123456782;02;01-01-2024\nx\x00y;02;01-01-2024\n", "nul-teken"),
    (b'Clientnummer;Productcategorie;Ingangsdatum\n"' + b"x" * 200_000 + b"\n", "langer dan 131.072"),
])
def test_csv_utf16_without_bom_and_nul_bytes(capsys, tmp_path, data, fragment):
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    code, err = _run(capsys, ["import", path, "--soort", "toewijzingen", "--json"])
    if fragment is None:
        assert code in (0, 1), err  # read as UTF-16
    else:
        _dutch_refusal(code, err, fragment, "export.csv")


def test_import_of_a_missing_file_or_folder(capsys, tmp_path):
    code, err = _run(capsys, ["import", tmp_path / "weg.xlsx"])
    _dutch_refusal(code, err, "bestaat niet")
    code, err = _run(capsys, ["import", tmp_path])
    _dutch_refusal(code, err, "is een map")


def test_csv_with_a_line_of_thousands_of_fields(capsys, tmp_path):
    path = tmp_path / "breed.csv"
    path.write_text("Clientnummer;Productcategorie;Ingangsdatum\n" + ";" * 5000 + "\n", encoding="utf-8")
    code, err = _run(capsys, ["import", path])
    _dutch_refusal(code, err, "regel 2", "5001 velden")
