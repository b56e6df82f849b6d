"""PySide6 views. Panels show what core functions compute; they never compute themselves."""
