"""Regenerate the README's generated parts from the real program: the rule list, the worked
example on the seed article and the JSON example. Review the diff before committing it
(tests/test_readme.py and tests/test_cli.py fail until the README matches the program).

    .venv/bin/python tools/update_readme.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.rules_doc import README_BEGIN, README_END, render_rule_list

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/putin-yerevan-baku.txt"


def _replace_between(text: str, begin: str, end: str, body: str) -> str:
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise SystemExit(f"README has no {begin!r} ... {end!r} block")
    return pattern.sub(lambda _: begin + body + end, text, count=1)


def main() -> None:
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    runner = CliRunner()
    readme = _replace_between(readme, README_BEGIN, README_END, "\n" + render_rule_list("markdown"))
    text_report = runner.invoke(app, ["check", SEED, "--no-color"]).stdout
    readme = _replace_between(readme, "<!-- example:begin -->\n```text\n", "```\n<!-- example:end -->", text_report)
    report = json.loads(runner.invoke(app, ["check", SEED, "--format", "json"]).stdout)
    report["segments"] = report["segments"][:2]
    readme = _replace_between(
        readme,
        "<!-- json-example:begin -->\n```json\n",
        "```\n<!-- json-example:end -->",
        json.dumps(report, ensure_ascii=False, indent=2) + "\n",
    )
    readme_path.write_text(readme, encoding="utf-8")
    print(f"updated {readme_path}")


if __name__ == "__main__":
    main()
