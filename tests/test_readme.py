"""The README documents the data contract the code defines, and its quick start is two commands."""

from __future__ import annotations

import re
from pathlib import Path

from kintrace.schema import CHILDREN, REQUESTS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_canonical_column_is_documented() -> None:
    contract = README.split("## Data contract", 1)[1].split("## Column mappings", 1)[0]
    children, requests = contract.split("### Tracing requests", 1)
    for schema, section in ((CHILDREN, children), (REQUESTS, requests)):
        for name in schema.names:
            assert f"`{name}`" in section, f"{name} is not in the README's {schema.kind.value}"


def test_quick_start_is_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"```bash\n(.+?)\n```", quick, flags=re.S)
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "kintrace match examples/" in commands[0]
    assert "pytest" in commands[1]
