"""The keyed message bar: set, replace, clear one key without touching the others."""
from __future__ import annotations

from wijkkompas.gui.messages import MessageBar


def test_keyed_messages_clear_independently(qtbot):
    bar = MessageBar()
    qtbot.addWidget(bar)
    assert not bar.isVisibleTo(bar.parentWidget() or bar) or not bar.messages()
    bar.set("invoer", "Onbekende wijk W99.", "error")
    bar.show_result_warnings(["Weinig wijken: de gewichten zijn indicatief."])
    assert bar.messages() == {"invoer": ("Onbekende wijk W99.", "error"),
                              "resultaat:0": ("Weinig wijken: de gewichten zijn indicatief.", "warning")}
    bar.clear("invoer")
    assert list(bar.messages()) == ["resultaat:0"]
    bar.show_result_warnings([])
    assert bar.messages() == {} and bar.isHidden()
    bar.set("hint", "")
    assert bar.messages() == {}
