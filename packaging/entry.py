"""Entry script of the frozen build (both executables run this one file).

``Wijkkompas`` (windowed: no console on Windows) and ``wijkkompas-cli`` (console)
are the same program with a different bootloader flag: without arguments the
window opens, with a subcommand the CLI runs. ``gui_main`` gives the windowed
build a sink for stdout/stderr, which Windows leaves at None there.
"""
from wijkkompas.cli import gui_main

raise SystemExit(gui_main())
