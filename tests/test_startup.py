"""The CLI must start fast: importing it, listing rules or checking an article with the default
backend never imports the heavy optional stacks.

torch / transformers / sentencepiece belong to the ``mt`` extra and are loaded only for
back-translation; langdetect is only for the non-default ``--lid-backend langdetect``. Each case
runs in a fresh child interpreter and asserts on that child's ``sys.modules`` (not on time, which
is the benchmark's job: benchmarks/run.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "seeds" / "putin-yerevan-baku.txt"
HEAVY_MODULES = ("torch", "transformers", "sentencepiece", "langdetect")

# Run ``mtcheck ARGS`` in-process via ``python -m mtcheck`` semantics, swallow its exit, and
# print the top-level names of every imported module as JSON on the last line of stdout.
_CHILD = textwrap.dedent(
    """
    import json, runpy, sys
    args = json.loads(sys.argv[1])
    if args is None:
        import mtcheck.cli  # noqa: F401
    else:
        sys.argv = ["mtcheck", *args]
        try:
            runpy.run_module("mtcheck", run_name="__main__", alter_sys=True)
        except SystemExit:
            pass
    print()
    print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
    """
)


def _modules_imported(args: list[str] | None) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr, completed.stderr
    return set(json.loads(completed.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(None, id="import mtcheck.cli"),
        pytest.param(["rules"], id="mtcheck rules"),
        pytest.param(["check", str(SEED_ARTICLE)], id="mtcheck check seed"),
    ],
)
def test_cli_does_not_import_heavy_modules(args: list[str] | None) -> None:
    imported = _modules_imported(args)
    assert "mtcheck" in imported  # the child really ran mtcheck
    heavy = sorted(imported & set(HEAVY_MODULES))
    assert not heavy, f"{'import mtcheck.cli' if args is None else 'mtcheck ' + ' '.join(args)} imported {heavy}"
