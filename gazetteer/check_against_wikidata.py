#!/usr/bin/env python3
"""Compare the curated people (gazetteer/people/*.yaml) with the world-leaders reference list.

    python gazetteer/check_against_wikidata.py [--csv PATH] [--files people/europe.yaml ...]

The reference list (``../shared/data/reference/world-leaders-wikidata.csv`` by default:
heads of state and government with Wikidata QIDs, around 2022) has gaps and a few vandalised
labels, so this script only *prints* what a reviewer should look at:

* ``QID-NAME``   a QID of ours is in the list under a name that is none of our English forms
                 (a wrong QID on our side, a different spelling, or a vandalised label);
* ``NAME-QID``   a name in the list is one of our English forms but on an entity with another id
                 (``mtcheck:`` slug where the list has a QID, or a conflicting QID);
* ``UNCHECKED``  (with ``-v``) our QIDs that the list does not contain.

Names are compared without case, diacritics and punctuation, and with royal/papal titles and
"of <country>" removed ("Felipe VI of Spain" = "King Felipe VI"). Exit status 0 always: it is a
review aid, not a test (the tests must not depend on data outside the repository).
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "reference" / "world-leaders-wikidata.csv"
TITLES = re.compile(r"^(king|queen|prince|princess|pope|crown prince|crown princess|grand duke|"
                    r"hereditary prince|emperor|sultan|emir|sheikh|president|cardinal|patriarch|sir|dr)\s+")


class _Loader(yaml.SafeLoader):
    """YAML without the 1.1 booleans, so that an unquoted country code NO stays a string."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def norm(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("ı", "i")
    s = s.casefold()
    s = re.sub(r",\s*(prince|princess|duke|duchess|king|queen)\b.*$", "", s)   # "Albert II, Prince of Monaco"
    s = re.sub(r"\s+of\s+(the\s+)?[a-z][a-z ]*$", "", s)                       # "Felipe VI of Spain"
    s = re.sub(r"[.\"'’()]", "", s)
    s = re.sub(r"[-‐]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    while TITLES.match(s):
        s = TITLES.sub("", s, count=1)
    return s


def en_forms(ent) -> list[str]:
    en = ent.get("en")
    if isinstance(en, str):
        return [en]
    if not isinstance(en, dict):
        return []
    return [f for f in [en.get("name"), *(en.get("variants") or [])] if isinstance(f, str)]


def load_people(files):
    people = []
    for path in files:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
        except yaml.YAMLError as e:
            print(f"SKIP {path.relative_to(ROOT)}: YAML error: {e}".replace("\n", " "))
            continue
        for ent in data:
            if isinstance(ent, dict) and isinstance(ent.get("id"), str):
                people.append((path.relative_to(ROOT).as_posix(), ent))
    return people


def load_csv(path: Path):
    """QID -> set of labels; normalised label -> set of QIDs."""
    by_qid, by_name = {}, {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            qid, label = row.get("officeholder", ""), row.get("officeholderLabel", "")
            if not re.fullmatch(r"Q\d+", qid or "") or not label or re.fullmatch(r"Q\d+", label):
                continue   # rows without a usable label (the label is the bare QID)
            by_qid.setdefault(qid, set()).add(label)
            by_name.setdefault(norm(label), set()).add(qid)
    return by_qid, by_name


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--files", nargs="*", type=Path,
                    help="people files (default: every gazetteer/people/*.yaml)")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list our QIDs the list lacks")
    args = ap.parse_args(argv)
    if not args.csv.exists():
        print(f"reference list not found: {args.csv}", file=sys.stderr)
        return 0
    files = [p if p.is_absolute() else (ROOT / "gazetteer" / p) for p in args.files] if args.files \
        else sorted((ROOT / "gazetteer" / "people").glob("*.y*ml"))
    people = load_people(files)
    by_qid, by_name = load_csv(args.csv)

    findings = []
    ours_by_qid = {}
    for rel, ent in people:
        if ent["id"].startswith("Q"):
            ours_by_qid.setdefault(ent["id"], []).append(rel)
    for qid, rels in sorted(ours_by_qid.items()):
        if len(rels) > 1:
            findings.append(f"DUP-QID    {qid} appears in {', '.join(rels)}")

    checked = unchecked = 0
    for rel, ent in people:
        eid, forms = ent["id"], en_forms(ent)
        nforms = {norm(f) for f in forms}
        name = forms[0] if forms else "?"
        if eid.startswith("Q"):
            if eid in by_qid:
                checked += 1
                labels = by_qid[eid]
                if not any(norm(lbl) in nforms for lbl in labels):
                    findings.append(f"QID-NAME   {rel}: {eid} is {name!r} here, "
                                    f"{' / '.join(sorted(labels))!r} in the list")
            else:
                unchecked += 1
                if args.verbose:
                    findings.append(f"UNCHECKED  {rel}: {eid} {name!r} is not in the list")
        for nf in sorted(nforms):
            for qid in sorted(by_name.get(nf, ())):
                if qid != eid:
                    kind = "has no QID here" if eid.startswith("mtcheck:") else f"is {eid} here"
                    findings.append(f"NAME-QID   {rel}: {name!r} {kind}; the list has "
                                    f"{' / '.join(sorted(by_qid[qid]))!r} = {qid}")

    for line in dict.fromkeys(findings):
        print(line)
    n_q = sum(1 for _, e in people if e["id"].startswith("Q"))
    print(f"\n{len(people)} people in {len(files)} files; {n_q} with a QID: {checked} found in the "
          f"list, {unchecked} not in it; {len(dict.fromkeys(findings))} lines to review")
    return 0


if __name__ == "__main__":
    sys.exit(main())
