"""Seeded generators of hostile inputs for the fuzz suite: CSV, xlsx XML, zip structure, projects, answers, mappings.

Why generated corpora next to hypothesis: the interesting xlsx and zip cases
are structural (a quote style, a missing ``r``, a flag bit in a zip header),
which random bytes almost never hit; each generator starts from a valid file
and applies one or more named mutations, so a failing case can be rebuilt
from its seed. Every case is a dict: ``{"id", "kind", "files": {name: bytes},
"args": [...]}`` where args may name files as ``{name}``.
"""
from __future__ import annotations

import io
import json
import random
import struct
import zipfile

from hostile import NS, sheet_xml, sst, xlsx_bytes

BSN_SPELLINGS = ["123456782", "B123456782", "123456782x", "123 456 782", "1234.56.782", "BSN123456782 verhuisd",
                 "client nr 111 222 333", "999999990", "111-222-333"]
FORMULAS = ['=HYPERLINK("http://x.invalid","klik")', "=cmd|' /C calc'!A0", "+WEBSERVICE(\"http://x\")",
            "-IMPORTXML(\"http://x\",\"//a\")", "@SUM(1)", "\t=1+1", "\r=1"]
TOEWIJZING_HEADERS = ["Clientnummer", "Productcategorie", "Productcode", "Ingangsdatum", "Einddatum", "AGB-code",
                      "Volume", "Eenheid", "Frequentie", "Aanbieder", "Opmerking"]
DECLARATIE_HEADERS = ["Declaratienummer", "Toewijzingnummer", "BSN", "Productcategorie", "Productcode", "AGB-code",
                      "Periode begin", "Periode eind", "Geleverd volume", "Eenheid", "Tarief", "Ingediend bedrag",
                      "Status"]
ODD_VALUES = ["", " ", "0", "-1", "1e308", "NaN", "9" * 60, "31-02-2024", "2024-13-01", "€ 1.234,56", "1,2,3",
              "Totaal", "\u200b", "ß", "😀", "'", '"', ";", "\\", "null", "True", "#N/B", "#DEEL/0!"]


def _value(rng: random.Random) -> str:
    pool = rng.choice([BSN_SPELLINGS, FORMULAS, ODD_VALUES, ["02", "01", "07", "04", "02A01", "12345678"],
                       ["01-01-2024", "2024-02-01", "45292", "31-12-2023"]])
    return rng.choice(pool)


def _rows(rng: random.Random, headers: list[str], n: int) -> list[list[str]]:
    base = {"Clientnummer": "123456782", "BSN": "123456782", "Productcategorie": "02", "Productcode": "02A01",
            "Ingangsdatum": "01-01-2024", "Einddatum": "30-06-2024", "AGB-code": "12345678", "Volume": "4",
            "Eenheid": "04", "Frequentie": "2", "Declaratienummer": "D1", "Toewijzingnummer": "T1",
            "Periode begin": "01-01-2024", "Periode eind": "31-01-2024", "Geleverd volume": "10", "Tarief": "55,5",
            "Ingediend bedrag": "555", "Status": "Goedgekeurd", "Aanbieder": "Zorg BV", "Opmerking": "ok"}
    rows = []
    for _ in range(n):
        row = [base.get(h, "x") for h in headers]
        for _ in range(rng.randint(0, 3)):
            row[rng.randrange(len(row))] = _value(rng)
        rows.append(row)
    return rows


# --- CSV ---------------------------------------------------------------------------
def csv_case(rng: random.Random) -> tuple[bytes, list[str]]:
    headers = list(rng.choice([TOEWIJZING_HEADERS, DECLARATIE_HEADERS]))
    if rng.random() < 0.2:
        headers[rng.randrange(len(headers))] = rng.choice(FORMULAS + BSN_SPELLINGS + ["", "Naam", "Geboortedatum"])
    sep = rng.choice([";", ",", "\t", "|"])
    lines = [sep.join(headers)] + [sep.join(_quote(v, sep) for v in r) for r in _rows(rng, headers, rng.randint(0, 12))]
    if rng.random() < 0.2:
        lines.insert(0, rng.choice(["sep=;", "Overzicht 2024", "", "BSN 123456782"]))
    if rng.random() < 0.15:
        lines.append(sep.join(["Totaal"] + [""] * (len(headers) - 1)))
    text = "\n".join(lines) + rng.choice(["\n", "", "\r\n"])
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"])
    data = text.encode(encoding, "replace")
    data = _byte_mutations(rng, data, rate=0.3)
    args = ["import", "{src}", "--json"] if rng.random() < 0.8 else ["import", "{src}"]
    if rng.random() < 0.3:
        args += ["--soort", rng.choice(["toewijzingen", "declaraties", "tarieven", "wijken", "budget"])]
    return data, args


def _quote(value: str, sep: str) -> str:
    if any(c in value for c in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def _byte_mutations(rng: random.Random, data: bytes, rate: float) -> bytes:
    if rng.random() >= rate or not data:
        return data
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.choice(["flip", "nul", "cut", "dup", "insert"])
        pos = rng.randrange(len(buf)) if buf else 0
        if op == "flip" and buf:
            buf[pos] ^= 1 << rng.randrange(8)
        elif op == "nul":
            buf.insert(pos, 0)
        elif op == "cut":
            del buf[pos:]
        elif op == "dup" and buf:
            buf[pos:pos] = buf[pos:pos + rng.randint(1, 64)] * rng.randint(2, 50)
        elif op == "insert":
            buf[pos:pos] = rng.choice([b'"', b"\r", b"\xff\xfe", b"\xef\xbb\xbf", b";;;;", b"\n\n"])
        if not buf:
            break
    return bytes(buf)


# --- xlsx XML ----------------------------------------------------------------------
def _ref(rng: random.Random, col: int, row: int) -> str:
    letters = ""
    n = col
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    if rng.random() < 0.1:
        letters = letters.lower()
    return f"{letters}{row}"


def _attr(rng: random.Random, name: str, value: str) -> str:
    quote = rng.choice(['"', '"', "'"])
    eq = rng.choice(["=", "=", " = ", "\t=\t", "\n="])
    space = rng.choice([" ", " ", "\t", "\n", "  "])
    return f"{space}{name}{eq}{quote}{value}{quote}"


def xlsx_case(rng: random.Random) -> tuple[bytes, list[str]]:
    headers = rng.choice([TOEWIJZING_HEADERS, DECLARATIE_HEADERS])
    rows = [headers] + _rows(rng, headers, rng.randint(0, 10))
    omit_r = rng.random() < 0.25
    strings: list[str] = []
    use_sst = rng.random() < 0.4
    parts = []
    for r, values in enumerate(rows, start=1):
        row_attr = "" if omit_r and rng.random() < 0.5 else _attr(rng, "r", str(r))
        cells = []
        for c, value in enumerate(values, start=1):
            if not value and rng.random() < 0.5:
                continue
            ref = "" if omit_r and rng.random() < 0.6 else _attr(rng, "r", _ref(rng, c, r))
            text = value.replace("&", "&amp;").replace("<", "&lt;")
            if use_sst:
                strings.append(text)
                cells.append(f'<c{ref}{_attr(rng, "t", "s")}><v>{len(strings) - 1}</v></c>')
            elif value.replace(".", "", 1).isdigit() and rng.random() < 0.5:
                cells.append(f"<c{ref}><v>{value}</v></c>")
            else:
                cells.append(f'<c{ref}{_attr(rng, "t", "inlineStr")}><is><t>{text}</t></is></c>')
        parts.append(f"<row{row_attr}>{''.join(cells)}</row>")
    if rng.random() < 0.3:  # the shapes that used to abort, at random sizes
        parts.append(rng.choice([
            f'<row r="{rng.choice([2, 99, 999999, 1048576, 20000000])}"><c r="{rng.choice(["A", "Z", "XFD", "xfd", "AAAA"])}'
            f'{rng.choice([1, 50000, 999999, 1048576])}"><v>1</v></c></row>',
            "<row>" + "<c><v>1</v></c>" * rng.choice([10, 3000, 17000]) + "</row>",
            "<row></row>" * rng.choice([10, 100000]) + "<row><c><v>1</v></c></row>",
            f'<row r="{rng.choice([0, -1, 1.5, "x"])}"><c><v>1</v></c></row>',
            '<row r="2"><c r="A0"><v>1</v></c></row>',
            '<x:row r="3"><x:c r="C999999"><x:v>1</x:v></x:c></x:row>',
            '<row r="2"><c r="B2"/><c r="XFD1048576"/></row>',
        ]))
    xml = sheet_xml("".join(parts), rng.choice([None, None, "A1:XFD1048576", "A1", "bogus"]))
    shared = None
    if use_sst:
        count = rng.choice([None, None, "4000000000", "-1", "x", str(len(strings) * 1000)])
        shared = sst(strings, unique=count, quote=rng.choice(['"', "'"]))
        if rng.random() < 0.1:
            shared = shared.replace("<si>", "<si>" + "x" * 100_000, 1)
    if rng.random() < 0.25:
        xml = _text_mutation(rng, xml)
    names = [rng.choice(["Blad1", "123456782", FORMULAS[0].replace('"', "'"), "Data & meer", "x" * 31])]
    data = xlsx_bytes({names[0].replace("&", "&amp;").replace("<", ""): xml}, shared)
    return data, ["import", "{src}", "--json"]


def _text_mutation(rng: random.Random, xml: str) -> str:
    for _ in range(rng.randint(1, 4)):
        pos = rng.randrange(len(xml))
        xml = xml[:pos] + rng.choice(["<", ">", '"', "'", "&", "</c>", "<c>", "</row>", "<row>", "", "\x00", "]]>"]) \
            + xml[pos + rng.randint(0, 3):]
    return xml


# --- zip structure -----------------------------------------------------------------
def zip_mutation(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    op = rng.choice(["truncate", "flags", "method", "sizes", "cd_flip", "dupname", "traversal", "drop", "stored"])
    local = [i for i in range(len(buf) - 4) if buf[i:i + 4] == b"PK\x03\x04"]
    central = [i for i in range(len(buf) - 4) if buf[i:i + 4] == b"PK\x01\x02"]
    if op == "truncate":
        return bytes(buf[:rng.randrange(max(len(buf), 1))])
    if op == "flags" and local and central:
        i = rng.randrange(min(len(local), len(central)))
        buf[local[i] + 6] |= rng.choice([1, 8, 64])
        buf[central[i] + 8] |= buf[local[i] + 6] & 0xFF
    elif op == "method" and local and central:
        i = rng.randrange(min(len(local), len(central)))
        method = rng.choice([1, 6, 9, 12, 14, 97, 99])
        struct.pack_into("<H", buf, local[i] + 8, method)
        struct.pack_into("<H", buf, central[i] + 10, method)
    elif op == "sizes" and central:
        i = rng.choice(central)
        struct.pack_into("<I", buf, i + 24, rng.choice([0, 1, 2**31, 2**32 - 1]))
    elif op == "cd_flip" and central:
        i = rng.choice(central)
        for _ in range(3):
            buf[i + rng.randrange(46)] ^= 0xFF
    elif op in ("dupname", "traversal", "drop", "stored"):
        try:
            source = zipfile.ZipFile(io.BytesIO(data))
            members = [(n, source.read(n)) for n in source.namelist()]
        except Exception:  # noqa: BLE001 - the input is already broken: keep it as it is
            return data
        if op == "drop" and members:
            members.pop(rng.randrange(len(members)))
        elif op == "dupname" and members:
            members.append(members[rng.randrange(len(members))])
        elif op == "traversal":
            members.append((rng.choice(["../../x.txt", "/etc/x", "xl/../../y"]), b"x"))
        out = io.BytesIO()
        compression = zipfile.ZIP_STORED if op == "stored" else zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(out, "w", compression) as archive:
            for name, blob in members:
                archive.writestr(name, blob)
        return out.getvalue()
    return bytes(buf)


# --- projects ------------------------------------------------------------------------
def project_case(rng: random.Random, good_project: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(good_project))
    members = {n: source.read(n) for n in source.namelist()}
    op = rng.choice(["manifest_field", "deep", "bigint", "choices", "csv", "zip", "bytes"])
    if op == "manifest_field":
        manifest = json.loads(members["manifest.json"])
        key = rng.choice(["format_version", "gemeente_code", "tabellen", "bronbestanden", "naam", "project_id",
                          "format", "created"])
        manifest[key] = rng.choice([True, 150, -1, 2, 99, "1", None, [1], {"a": 1}, "GM0150", "x" * 1000, 1.5])
        members["manifest.json"] = json.dumps(manifest).encode()
    elif op == "deep":
        depth = rng.choice([1000, 100_000])
        members[rng.choice(["manifest.json", "choices.json"])] = b"[" * depth + b"]" * depth
    elif op == "bigint":
        members["choices.json"] = b'{"x": ' + b"7" * rng.choice([100, 5000]) + b"}"
    elif op == "choices":
        members["choices.json"] = rng.choice([b"[]", b"null", b"\xff\xfe{}", b'{"positie": {"toegang": 1}}',
                                              b'{"import": "x"}', b'{"import": [1]}', b'{"import": {"x": 1}}',
                                              json.dumps({"import": {"x": FORMULAS}}).encode()])
    elif op == "csv":
        tables = [n for n in members if n.startswith("tables/")]
        if tables:
            name = rng.choice(tables)
            members[name] = _byte_mutations(rng, members[name], rate=1.0) if rng.random() < 0.5 else \
                rng.choice([b"", b"a,b\n1,2\n", members[name] + b"9" * 5000 + b"\n", b"\x00\x00"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    data = out.getvalue()
    if op == "zip":
        data = zip_mutation(rng, data)
    elif op == "bytes":
        data = _byte_mutations(rng, data, rate=1.0)
    return data


# --- answers and mappings ----------------------------------------------------------
_ANSWER_KEYS = ["toegang", "inkoop", "breedte", "positionering", "hbh", "begeleiding", "dagbesteding",
                "organisatiemodel", "regionale_inkoop_gemeenten", "bekostiging", "toelichting"]


def _json_value(rng: random.Random, depth: int = 0):
    kind = rng.random()
    if depth > 3 or kind < 0.3:
        return rng.choice([None, True, False, 0, -1, 10**30, 1.5, "", "ja", "123456782", FORMULAS[0], "a" * 200,
                           "wijkteam", "sociaal team", "inspanningsgericht", "A", "GM0150"])
    if kind < 0.7:
        return {rng.choice(_ANSWER_KEYS): _json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]


def answers_case(rng: random.Random) -> tuple[bytes, list[str]]:
    data = json.dumps(_json_value(rng) if rng.random() < 0.8 else {"toegang": {}, "inkoop": {}},
                      ensure_ascii=False).encode()
    if rng.random() < 0.25:
        data = rng.choice([b"[" * 100_000 + b"]" * 100_000, b'{"a": ' + b"1" * 5000 + b"}",
                           "{\"toelichting\": \"café\"}".encode("latin-1"), "{}".encode("utf-16"),
                           b"\x00" * 10, b"{", data + b"garbage"])
    data = _byte_mutations(rng, data, rate=0.15)
    args = ["positie", "--antwoorden", "{src}"] + (["--json"] if rng.random() < 0.5 else [])
    if rng.random() < 0.3:
        args += ["--gemeente", rng.choice(["Deventer", "GM0150", "123456782", "=1+1", "x" * 300, ""])]
    return data, args


def mapping_case(rng: random.Random) -> bytes:
    value = rng.choice([
        {"bronsysteem": "x", "soort": "toewijzingen", "kolommen": {"client_id": "Clientnummer"}},
        {"bronsysteem": FORMULAS[0], "soort": "onzin", "kolommen": {"client_id": ["a"]}},
        {"soort": "declaraties", "kolommen": {"geboortedatum": "Geboortedatum"}},
        _json_value(rng),
    ])
    data = json.dumps(value).encode()
    if rng.random() < 0.2:
        data = b"[" * 100_000 + b"]" * 100_000
    return _byte_mutations(rng, data, rate=0.15)


# --- the mix ---------------------------------------------------------------------------
KINDS = ("csv", "xlsx", "zip", "project", "answers", "mapping")


def generate(seed: int, n: int, good_project: bytes, good_xlsx: bytes, good_csv: bytes) -> list[dict]:
    """``n`` cases from ``seed``, cycling over the kinds so each kind gets its share."""
    cases = []
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        kind = KINDS[i % len(KINDS)]
        files: dict[str, bytes]
        if kind == "csv":
            data, args = csv_case(rng)
            files = {"export.csv" if rng.random() < 0.8 else "123456782.csv": data}
            args = [a.replace("{src}", "{" + next(iter(files)) + "}") for a in args]
        elif kind == "xlsx":
            data, args = xlsx_case(rng)
            files = {"export.xlsx": data}
            args = [a.replace("{src}", "{export.xlsx}") for a in args]
        elif kind == "zip":
            files = {"export.xlsx": zip_mutation(rng, good_xlsx if rng.random() < 0.5 else xlsx_case(rng)[0])}
            args = ["import", "{export.xlsx}", "--json"]
        elif kind == "project":
            files = {"project.wkp": project_case(rng, good_project), "export.csv": good_csv}
            args = ["import", "{export.csv}", "--project", "{project.wkp}", "--json"]
        elif kind == "answers":
            data, args = answers_case(rng)
            files = {"antwoorden.json": data}
            args = [a.replace("{src}", "{antwoorden.json}") for a in args]
        else:
            files = {"koppeling.json": mapping_case(rng), "export.csv": good_csv}
            args = ["import", "{export.csv}", "--mapping", "{koppeling.json}", "--json"]
        cases.append({"id": f"{seed}-{i}", "kind": kind, "files": files, "args": args})
    return cases


def good_inputs() -> tuple[bytes, bytes, bytes]:
    """A valid project (with a table and a stored import report), xlsx and CSV to mutate from."""
    rng = random.Random(7)
    csv_text = "\n".join(";".join(r) for r in [TOEWIJZING_HEADERS] + _rows(rng, TOEWIJZING_HEADERS, 6))
    xml = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{chr(64 + c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                                   for c, v in enumerate(values, start=1)) + "</row>"
        for r, values in enumerate([TOEWIJZING_HEADERS] + _rows(random.Random(8), TOEWIJZING_HEADERS, 6), start=1))
    good_xlsx = xlsx_bytes({"Toewijzingen": sheet_xml(xml)})
    import pandas as pd

    from wijkkompas.core.project import Project

    project = Project(naam="Fuzz")
    project.add_table("wijken", pd.DataFrame({"wijk_code": ["W01", "W02"], "wijk_naam": ["=1+1", "Noord"],
                                              "inwoners": [100, 200]}))
    project.set_choice("positie", {"toegang": {}, "inkoop": {}})
    return project.to_bytes(), good_xlsx, csv_text.encode("utf-8")


__all__ = ["generate", "good_inputs", "KINDS", "NS"]
