"""Qt-free domain logic. Nothing in this package may import PySide6, shiboken6 or
pyqtgraph (tests/core/test_layering.py enforces it), so every model can run
headless from the CLI and in tests."""
