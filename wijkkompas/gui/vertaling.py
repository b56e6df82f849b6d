"""Dutch for the Qt texts that Qt's own Dutch catalogue lacks (the non-native file dialog).

Why: PySide6's ``qtbase_nl.qm`` has the message-box buttons but not
QFileDialog/QFileSystemModel, so on Linux (Qt's own dialog) advisers saw
"Look in", "Files of type" and "Date Modified". Windows uses its native,
already Dutch dialog. Installed after the shipped catalogue, this translator
answers only for these contexts and leaves everything else to Qt.
"""
from __future__ import annotations

from PySide6.QtCore import QTranslator

DUTCH: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Zoeken in:",
    ("QFileDialog", "Look in:"): "Zoeken in:",
    ("QFileDialog", "Files of &type:"): "Bestands&type:",
    ("QFileDialog", "Go back"): "Ga terug",
    ("QFileDialog", "Go forward"): "Ga vooruit",
    ("QFileDialog", "Go to the parent directory"): "Naar de bovenliggende map",
    ("QFileDialog", "Create a New Folder"): "Een nieuwe map maken",
    ("QFileDialog", "Change to detail view mode"): "Detailweergave",
    ("QFileDialog", "Change to list view mode"): "Lijstweergave",
    ("QFileDialog", "List of places and bookmarks"): "Locaties en bladwijzers",
    ("QFileDialog", "Files"): "Bestanden",
    ("QAbstractFileIconProvider", "Drive"): "Station",
    ("QAbstractFileIconProvider", "Folder"): "Map",
    ("QAbstractFileIconProvider", "File"): "Bestand",
    ("QPlatformTheme", "Open"): "Openen",
    ("QPlatformTheme", "Cancel"): "Annuleren",
    ("QPlatformTheme", "Save"): "Opslaan",
    ("QFileDialog", "File &name:"): "Bestands&naam:",
    ("QFileDialog", "File name"): "Bestandsnaam",
    ("QFileDialog", "Files of type:"): "Bestandstype:",
    ("QFileDialog", "Back"): "Terug",
    ("QFileDialog", "Forward"): "Vooruit",
    ("QFileDialog", "Parent Directory"): "Bovenliggende map",
    ("QFileDialog", "Create New Folder"): "Nieuwe map maken",
    ("QFileDialog", "List View"): "Lijstweergave",
    ("QFileDialog", "Detail View"): "Detailweergave",
    ("QFileDialog", "Open"): "Openen",
    ("QFileDialog", "&Open"): "&Openen",
    ("QFileDialog", "Save"): "Opslaan",
    ("QFileDialog", "&Save"): "Op&slaan",
    ("QFileDialog", "Save As"): "Opslaan als",
    ("QFileDialog", "&Choose"): "&Kiezen",
    ("QFileDialog", "Directory:"): "Map:",
    ("QFileDialog", "Find Directory"): "Map kiezen",
    ("QFileDialog", "All Files (*)"): "Alle bestanden (*)",
    ("QFileDialog", "Directories"): "Mappen",
    ("QFileDialog", "New Folder"): "Nieuwe map",
    ("QFileDialog", "&New Folder"): "&Nieuwe map",
    ("QFileDialog", "Show &hidden files"): "&Verborgen bestanden tonen",
    ("QFileDialog", "&Rename"): "&Naam wijzigen",
    ("QFileDialog", "&Delete"): "Ver&wijderen",
    ("QFileDialog", "Recent Places"): "Recente locaties",
    ("QFileDialog", "Sidebar"): "Zijbalk",
    ("QFileDialog", "Drive"): "Station",
    ("QFileDialog", "File"): "Bestand",
    ("QFileDialog", "File Folder"): "Bestandsmap",
    ("QFileDialog", "Folder"): "Map",
    ("QFileDialog", "Alias"): "Alias",
    ("QFileDialog", "Shortcut"): "Snelkoppeling",
    ("QFileDialog", "Unknown"): "Onbekend",
    ("QFileDialog", "Are you sure you want to delete '%1'?"): "Weet u zeker dat u '%1' wilt verwijderen?",
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?"): "%1 bestaat al.\nWilt u het vervangen?",
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."):
        "%1\nBestand niet gevonden.\nControleer of de bestandsnaam juist is.",
    ("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name was given."):
        "%1\nMap niet gevonden.\nControleer of de mapnaam juist is.",
    ("QFileSystemModel", "Name"): "Naam",
    ("QFileSystemModel", "Size"): "Grootte",
    ("QFileSystemModel", "Type"): "Type",
    ("QFileSystemModel", "Kind"): "Soort",
    ("QFileSystemModel", "Date Modified"): "Gewijzigd op",
    ("QFileSystemModel", "My Computer"): "Deze computer",
    ("QFileSystemModel", "Computer"): "Computer",
}


class DutchFallbackTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null QString) means "not mine": Qt then asks the shipped catalogue. An empty string would
        # count as a translation and blank the text.
        return DUTCH.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False
