"""Wijkkompas never opens a network connection (DESIGN §4.3): checked statically and at run time."""
from __future__ import annotations

import ast
import socket
from pathlib import Path

import pytest

import wijkkompas
from wijkkompas.cli import main

PACKAGE = Path(wijkkompas.__file__).resolve().parent
NETWORK_MODULES = ("socket", "ssl", "urllib", "http", "requests", "httpx", "ftplib", "smtplib", "xmlrpc", "webbrowser")


def test_no_module_imports_a_network_library():
    offenders = []
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                if name.split(".")[0] in NETWORK_MODULES or "QtNetwork" in name:
                    offenders.append(f"{module.relative_to(PACKAGE)}: {name}")
    assert offenders == []


@pytest.fixture
def no_sockets(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("netwerk is in deze test verboden")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_headless_commands_open_no_connection(no_sockets, tmp_path, capsys, repo_root):
    demo = repo_root / "resources" / "demo"
    assert main(["gemeente", "Deventer", "--json"]) == 0
    assert main(["referentie", "--export", str(tmp_path / "gemeenten.csv")]) == 0
    assert main(["import", str(demo / "wijken.xlsx"), "--json"]) == 0
    assert main(["positie", "--antwoorden", str(demo / "positie_antwoorden.json"), "--gemeente", "GM0150"]) == 0
    assert main(["--demo", "--screenshot", str(tmp_path / "s.png"), "--panel", "gemeente"]) == 0
    capsys.readouterr()
    assert no_sockets == []
