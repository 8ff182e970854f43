"""The documentation stays true and self-contained: the deadline catalogue page against the shipped rule set,
and no file of the project pointing at documents its users do not have."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from desktop.rules import default_ruleset
from desktop.rules.contract import run_deadlines
from desktop.rules.model import Rule

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "docs" / "deadline-catalogue.md"

# Documents that exist only beside the project, on the developers' machines. Spelled in pieces so that this
# file does not name them itself.
FOREIGN = ["../" + "shared", *(name + ".md" for name in ("deadline" + "-rules", "dom" + "ain", "st" + "yle",
                                                          "platform" + "-notes"))]


def _catalogue_rows() -> dict[str, list[str]]:
    """The rows of the page's rules table, by rule id: the cells without their backquotes."""
    rows: dict[str, list[str]] = {}
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if not re.match(r"\| `[^`]+` \| \d", line):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 8:
            continue
        rows[cells[0].strip("`")] = cells
    return rows


def _limit(rule: Rule) -> str:
    minutes = int(rule.limit.total_seconds() // 60)
    if minutes == 0:
        return "—"
    return f"{minutes // 60} h" if minutes % 60 == 0 else f"{minutes} min"


def _applies(rule: Rule) -> str:
    parts = [{"same_city": "same-city", "remote": "remote", "any": "any"}[rule.location]]
    if rule.general_only:
        parts.append("general-only")
    if rule.major:
        parts.append("major")
    if rule.requires_fact:
        parts.append(f"`{rule.requires_fact}`")
    if rule.requires_event:
        parts.append(f"a `{rule.requires_event}` event")
    return ", ".join(parts)


def test_the_catalogue_page_lists_every_rule_of_the_rule_set() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    rules = default_ruleset().rules
    missing = [rule.id for rule in rules if f"`{rule.id}`" not in text]
    assert not missing, f"docs/deadline-catalogue.md does not list {missing}"
    rows = _catalogue_rows()
    assert list(rows) == [rule.id for rule in rules], "the table lists other rules, or in another order"
    for rule in rules:
        expected = [f"`{rule.id}`", rule.article, _applies(rule), f"`{rule.anchor}`", _limit(rule), rule.kind,
                    rule.responsible, f"`{rule.done_by}`"]
        assert rows[rule.id] == expected, rule.id
        # and what the rule asks for, in words
        assert re.search(rf"^- `{re.escape(rule.id)}`: \S", text, re.MULTILINE), rule.id


def test_the_catalogue_page_lists_every_event_type() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    missing = [t for t in default_ruleset().event_types if f"| `{t}` |" not in text]
    assert not missing


def test_the_example_of_the_catalogue_page_gives_its_output() -> None:
    blocks = re.findall(r"```json\n(.*?)```", CATALOGUE.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 2
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_deadlines("-", io.StringIO(blocks[0]), stdout, stderr)
    assert (code, stderr.getvalue()) == (0, "")
    assert json.loads(stdout.getvalue()) == json.loads(blocks[1])


def _project_files() -> list[Path]:
    """The project's files: what git tracks or would add, else every file outside the ignored folders."""
    git = shutil.which("git")
    if git and (ROOT / ".git").exists():
        command = [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
        listed = subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout
        return [ROOT / name for name in listed.decode("utf-8").split("\0") if name]
    skip = {".git", ".venv", "build", "dist", "__pycache__", ".hypothesis", ".pytest_cache", ".mypy_cache",
            ".ruff_cache", "shots"}
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in skip and not d.endswith(".egg-info")]
        found += [Path(folder) / f for f in files]
    return found


def _foreign_mentions(data: bytes) -> list[str]:
    if b"\0" in data[:8192]:
        return []  # binary: fonts, images
    text = data.decode("utf-8", errors="replace")
    return [name for name in FOREIGN if name in text]


def test_the_check_sees_a_mention_in_text_and_not_in_binary_files() -> None:
    cited = b"# see ../sha" b"red/spec/platform" b"-notes.md, section 2\n"
    assert _foreign_mentions(cited) == ["../" + "shared", "platform" + "-notes.md"]
    assert _foreign_mentions(b"\0\x01" + cited) == []


def test_no_file_of_the_project_points_at_documents_outside_it() -> None:
    files = [path for path in _project_files() if path.is_file()]
    assert ROOT / "README.md" in files and CATALOGUE in files
    offending = [f"{path.relative_to(ROOT)}: {name}"
                 for path in files for name in _foreign_mentions(path.read_bytes())]
    assert not offending, offending
