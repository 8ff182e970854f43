"""Write ui/common/rule_strings.py: the rule set's texts the window shows, listed for lupdate.

The window translates the rule set's texts at run time (`ui.common.strings.rule_text`, context "rules"); lupdate
only finds texts written out as QT_TRANSLATE_NOOP calls, so this writes them out from resources/rules/default.json.
Run it after changing the rule set's texts, then lupdate and translate the new ones:

    .venv/bin/python -m tools.rule_strings          # rewrite the module
    .venv/bin/python -m tools.rule_strings --check  # exit 1 if the module is out of date (a test checks this too)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.rules.loader import default_ruleset
from desktop.rules.model import RuleSet

TARGET = Path(__file__).resolve().parent.parent / "ui" / "common" / "rule_strings.py"
CONTEXT = "rules"

HEADER = '''"""The rule set's texts the window shows, listed so that lupdate finds them (context "rules").

Generated from resources/rules/default.json by `python -m tools.rule_strings`; do not edit by hand.
Event types: name, button texts, detail fields; rules: duty, deliverable, responsible parties (whole and one by
one, for the dashboard's filter). Shown through `ui.common.strings.rule_text`; the printed documents keep the
Chinese.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

RULES = (
'''


def shown_texts(rules: RuleSet) -> list[str]:
    """Every text of the rule set the window shows, once each, in the order of the file."""
    texts: list[str] = []
    for et in rules.event_types.values():
        texts += [et.label_zh, et.action_zh, et.action_zh_same_city or "", et.action_zh_remote or ""]
        texts += [et.field_labels_zh.get(name, "") for name in et.fields]
    for rule in rules.rules:
        texts += [rule.label_zh, rule.deliverable_zh, rule.responsible, *rule.parties]
    return list(dict.fromkeys(t for t in texts if t))


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(texts: list[str]) -> str:
    lines = [f"    QT_TRANSLATE_NOOP({_literal(CONTEXT)}, {_literal(t)}),\n" for t in texts]
    return HEADER + "".join(lines) + ")\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write ui/common/rule_strings.py from the rule set.")
    parser.add_argument("--check", action="store_true", help="only check that the module is up to date")
    args = parser.parse_args(argv)
    wanted = render(shown_texts(default_ruleset()))
    current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
    if args.check:
        if current != wanted:
            print(f"{TARGET} is out of date: run python -m tools.rule_strings", file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        TARGET.write_text(wanted, encoding="utf-8")
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
