"""Fuzz suite of issue 17: hostile CSV, xlsx XML, zip structure, projects, answers and mappings.

Fast part (every CI run): hypothesis properties in-process, plus a seeded
generated corpus run through the whole CLI in a child process (an abort there
is counted, not fatal to pytest). The long part (marker ``fuzz_long``) runs
the same corpus generators over thousands of cases. Invariants checked per
case (``harness.check_outcome`` and ``batch_child``): exit code 0, 1 or 2; no
traceback or English internals; no 11-proef number in any output or written
file; the source file unchanged; no formula in any written xlsx/csv; rows
read = valid + rejected + skipped.
"""
from __future__ import annotations

import io
import json
import os

import pandas as pd
import pytest
import runner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkkompas.core.bsn import BSN_VERWIJDERD, has_bsn, is_bsn, scrub
from wijkkompas.core.errors import AnswerError, ImportFileError, ProjectError
from wijkkompas.core.project import Project
from wijkkompas.core.table_csv import table_from_csv, table_to_csv
from wijkkompas.core.textsafe import is_formula_like

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _valid_bsn(draw_digits: list[int]) -> str:
    body = draw_digits[:8]
    total = sum(d * w for d, w in zip(body, (9, 8, 7, 6, 5, 4, 3, 2)))
    check = total % 11
    return "".join(map(str, body)) + str(check) if check < 10 else ""


bsns = st.lists(st.integers(0, 9), min_size=8, max_size=8).map(_valid_bsn).filter(lambda b: b and is_bsn(b))
separators = st.sampled_from(["", " ", ".", "-"])


@st.composite
def spelled_bsn(draw) -> str:
    digits = draw(bsns)
    out = digits[0]
    for d in digits[1:]:
        out += draw(separators) + d
    return out


@FAST
@given(before=st.text(max_size=20), bsn=spelled_bsn(), after=st.text(max_size=20),
       glue=st.sampled_from(["", "B", "x", "BSN", "nr ", ":"]))
def test_scrub_removes_every_spelled_bsn(before, bsn, after, glue):
    text = f"{before} {glue}{bsn}{glue.lower()[:1]} {after}"
    assert not has_bsn(scrub(text))
    assert BSN_VERWIJDERD in scrub(text)


@FAST
@given(st.text(max_size=200))
def test_scrub_is_idempotent_and_leaves_no_bsn(text):
    once = scrub(text)
    assert scrub(once) == once and not has_bsn(once)


@FAST
@given(st.lists(st.one_of(st.none(), st.text(max_size=30),
                          st.sampled_from(["=1+1", "+1", "-x", "@a", "\tx", "\rx", "'x", "''"])),
                min_size=1, max_size=20))
def test_project_csv_round_trips_and_holds_no_formula(values):
    table = pd.DataFrame({"t": pd.array(values, dtype="string")})
    table["t"] = table["t"].where(table["t"] != "", None)  # an empty text is stored as missing
    raw = table_to_csv(table)
    schema = {"kolommen": [{"naam": "t", "type": "string"}], "tekst": "apostrof"}
    back = table_from_csv(raw, schema)
    assert back["t"].tolist() == table["t"].tolist()
    import csv

    cells = [c for row in csv.reader(io.StringIO(raw.decode("utf-8"), newline="")) for c in row]
    assert not any(is_formula_like(c) for c in cells)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
                           lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8),
                                                                                             children, max_size=4),
                           max_leaves=20)


@FAST
@given(manifest_patch=st.dictionaries(st.sampled_from(["format_version", "gemeente_code", "tabellen", "bronbestanden",
                                                       "naam", "project_id", "created", "format"]),
                                      json_values, max_size=3),
       choices=json_values)
def test_any_manifest_or_choices_gives_a_project_or_a_project_error(manifest_patch, choices):
    import zipfile

    data = Project(naam="x").to_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {n: source.read(n) for n in source.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest.update(manifest_patch)
    members["manifest.json"] = json.dumps(manifest).encode()
    members["choices.json"] = json.dumps(choices).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    try:
        project = Project.from_bytes(out.getvalue(), "p.wkp")
    except ProjectError as exc:
        assert exc.melding and "Error" not in exc.melding
    else:
        assert project.gemeente_code is None or isinstance(project.gemeente_code, str)
        project.to_bytes()  # what opened can be saved again


@FAST
@given(st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_answers_file_gives_answers_or_an_answer_error(tmp_path, data):
    from wijkkompas.commands.positie import read_answers

    path = tmp_path / "a.json"
    path.write_bytes(data)
    try:
        answers = read_answers(path)
    except AnswerError as exc:
        assert "a.json" in exc.melding
    else:
        assert isinstance(answers, dict)


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_as_csv_give_rows_or_an_import_error(tmp_path, data):
    from wijkkompas.core.imports.readers import open_source

    path = tmp_path / "x.csv"
    path.write_bytes(data)
    try:
        source = open_source(path)
        source.rows(None)
    except ImportFileError as exc:
        assert not has_bsn(exc.melding)


def test_generated_corpus_through_the_cli():
    """A seeded mix of every kind through the real CLI in a child process; all must end clean."""
    seed = int(os.environ.get("WIJKKOMPAS_FUZZ_SEED", "20261201"))
    summary = runner.run(seed, 36, per_case_timeout=60)
    assert summary.failures == [], summary.line() + "\n" + "\n".join(map(str, summary.failures[:10]))
    assert summary.cases == summary.clean == 36


@pytest.mark.fuzz_long
def test_long_fuzz_run():
    """Thousands of generated cases; prints the counts for the closing note of issue 17."""
    n = int(os.environ.get("WIJKKOMPAS_FUZZ_CASES", "3000"))
    seed = int(os.environ.get("WIJKKOMPAS_FUZZ_SEED", "17"))
    summary = runner.run(seed, n, per_case_timeout=300)
    print("\n" + summary.line())
    assert summary.failures == [], summary.line() + "\n" + "\n".join(map(str, summary.failures[:20]))
