"""README's two commands are the contract with new users and CI; keep them in sync."""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def readme_bash_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


def test_readme_opens_with_install_run_and_install_test_commands():
    blocks = readme_bash_blocks()
    run_command, test_command = blocks[0].strip(), blocks[1].strip()
    assert "pip install ." in run_command and run_command.endswith("wijkkompas --demo")
    assert 'pip install ".[test]"' in test_command and "pytest" in test_command


def test_ci_runs_the_readme_test_command_verbatim():
    test_command = readme_bash_blocks()[1].strip()
    ci_lines = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert test_command in ci_lines
