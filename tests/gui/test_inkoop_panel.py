"""Inkoop panel and the Positie proposal from the demo's tarieven, driven as a user would."""
from __future__ import annotations

from PySide6.QtCore import Qt

from fakes import FakeContext
from wijkkompas.core.inkoop.kostprijs import BASIS, PARAMETERS, SECTIE, KostprijsInstellingen
from wijkkompas.gui.app import create_application
from wijkkompas.gui.resultaat_view import visible_label_texts


def _demo():
    from wijkkompas.core import appdata
    from wijkkompas.core.demo import DEMO_PROJECT_ID, build_demo_project
    from wijkkompas.core.project import KeyStore

    return build_demo_project(secret=KeyStore(appdata.key_dir()).secret_for(DEMO_PROJECT_ID))  # the session cache


def _panel(qtbot, module, project):
    create_application()
    context = FakeContext(project)
    panel = module.create_panel(context)
    context.attach(panel)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_positie_shows_proposal_from_tarieven_and_takes_it_over(qtbot):
    from wijkkompas.gui.panels import positie

    project = _demo()
    panel = _panel(qtbot, positie, project)
    bar = panel.voorstel
    assert bar.isVisible()
    msgs = bar.bar.messages()
    assert "tarieven.xlsx" in msgs["voorstel"][0] and "budgetplafond" in msgs["voorstel"][0]
    # the demo's stored answers say begeleiding is outputgericht; the contracts say inspanningsgericht
    assert "afwijking" in msgs and "Begeleiding" in msgs["afwijking"][0]
    qtbot.mouseClick(bar.knop, Qt.MouseButton.LeftButton)
    inkoop = project.choices["positie"]["inkoop"]
    assert inkoop["begeleiding"]["bekostigingsvorm"] == "inspanningsgericht"
    assert inkoop["hbh"]["tussentijdse_toetreding"] is True
    assert project.choices["positie"]["toegang"]["breedte"] == 3          # other answers kept
    assert panel.form.answers()["inkoop"]["begeleiding"]["bekostigingsvorm"] == "inspanningsgericht"
    assert "afwijking" not in bar.bar.messages() and not bar.knop.isEnabled()


def test_positie_without_tarieven_shows_no_proposal(qtbot):
    from wijkkompas.core.project import Project
    from wijkkompas.gui.panels import positie

    panel = _panel(qtbot, positie, Project(naam="Leeg"))
    assert not panel.voorstel.isVisible()


def test_inkoop_panel_market_and_parameter_editing(qtbot):
    from wijkkompas.gui.panels import inkoop

    project = _demo()
    panel = _panel(qtbot, inkoop, project)
    r = panel.resultaat()
    assert r is not None and {t.naam for t in r.tabellen} >= {"markt", "concentratie", "kostprijs", "kostprijs_check"}
    texts = " ".join(visible_label_texts(panel.view))
    assert "HHI" in texts and "geen oordeel" in texts
    # every default number shows its source in the table
    tabel = panel.parameters
    for rij, p in enumerate(PARAMETERS):
        if p.standaard is not None:
            assert str(p.bron.jaar) in tabel.item(rij, tabel.columnCount() - 1).text()
    # fill begeleiding by typing into the cells
    rij = {p.naam: i for i, p in enumerate(PARAMETERS)}
    kolom = 2 + list(inkoop.PRODUCTEN).index("begeleiding")
    for naam in BASIS:
        tabel.item(rij[naam], kolom).setText("50" if naam == "productiviteit" else "10")
    stored = KostprijsInstellingen.from_json(project.choices[SECTIE])
    assert stored.waarde("begeleiding", "productiviteit") == 50.0
    k = next(x for x in panel.resultaat().tabellen if x.naam == "kostprijs").data.set_index("product")
    assert round(k.loc["Begeleiding", "per_uur"], 4) == 44.3102
    # a typo gives a Dutch message and stores nothing
    tabel.item(rij["bruto_uurloon"], kolom).setText("tien")
    assert "geen getal" in panel.bar.messages()["invoer"][0]
    assert KostprijsInstellingen.from_json(project.choices[SECTIE]).waarde("begeleiding", "bruto_uurloon") == 10.0


def test_inkoop_panel_empty_project_says_what_to_do(qtbot):
    from wijkkompas.core.project import Project
    from wijkkompas.gui.panels import inkoop

    panel = _panel(qtbot, inkoop, Project(naam="Leeg"))
    assert panel.resultaat() is None
    assert any("Importeer declaraties" in t for t in visible_label_texts(panel.view))


def test_inkoop_panel_shows_switch_cards_that_follow_positie(qtbot):
    from wijkkompas.gui.panels import inkoop

    project = _demo()
    panel = _panel(qtbot, inkoop, project)
    texts = " ".join(visible_label_texts(panel.view))
    for perceel in ("Hulp bij het huishouden", "Begeleiding", "Dagbesteding"):
        assert f"{perceel}: ander inkoopprofiel bij de volgende aanbesteding?" in texts
    assert "Nu: profiel B" in texts and "Eigen markt 2024" in texts and "[beschrijvend; kwalitatief]" in texts
    assert panel.resultaat().gegevens["eigen_kerncijfers"] is None   # not shown here, so not computed here
    # the adviser confirms the contracts' answer for HbH in Positie: the card follows
    answers = dict(project.choices["positie"])
    answers["inkoop"] = dict(answers["inkoop"], hbh={"bekostigingsvorm": "inspanningsgericht",
                                                      "contractvorm": "raamovereenkomst",
                                                      "tussentijdse_toetreding": True})
    project.set_choice("positie", answers)
    hbh = panel.resultaat().gegevens["overstap"]["hbh"]
    assert (hbh["huidig"], hbh["contracten"]) == ("A", None)
    qtbot.waitUntil(lambda: "Naar profiel B (zonder tussentijdse toetreding)"
                    in " ".join(visible_label_texts(panel.view)), timeout=5000)   # new cards shown after a repaint
