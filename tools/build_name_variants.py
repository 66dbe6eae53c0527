"""Build kintrace's name-variant classes from a public corpus of person names.

    python tools/build_name_variants.py            # downloads the pinned corpus from PyPI
    python tools/build_name_variants.py --corpus person_names.txt

Source: the person-names corpus that OpenSanctions ships in its ``rigour`` library
(``rust/data/names/person_names.txt`` in the sdist; MIT licence). Each line is one name as
Wikidata knows it (a Q-number, or an OpenSanctions ``X`` id for a manual group) with its
spellings in every script and language: ``yusuf, yousef, jusúf, юсуф, يوسف, ... => Q...``.
Wikidata's data is CC0; the corpus and its curation are MIT. Nothing else is used.

What the build does, and why:

1. Each spelling in a script kintrace reads (Latin, Arabic, Ethiopic, Cyrillic, Greek) becomes
   its comparison token (:func:`kintrace.names.standard_tokens`); spellings of several tokens
   are left out. A group keeps only what can help: two distinct tokens at least, one of them
   from a non-Latin spelling (the names that cross scripts, which is kintrace's ground).
2. Wikidata often has one item per romanisation (Yusuf and Youssef are two items), but both
   give the same Arabic spelling. Groups that share an Arabic-script or Ethiopic spelling of
   four letters or more are merged into one class: the original script is what identifies a
   name. Cyrillic and Greek spellings are not used to merge: they romanise Chinese, Japanese
   and Korean names too and chain unrelated names together. No class grows past
   :data:`MAX_CLASS` tokens.
3. Each class is written as one line: its lowest group id (traceable to Wikidata), then its
   tokens. A token may sit in several classes (Mamadou is its own name and a form of
   Muhammad): kintrace treats such a token's equivalences as weaker (see
   :mod:`kintrace.names.variants`).

Re-run it when kintrace's standardisation changes: the classes are stored as comparison
tokens. The output is deterministic for one corpus and one kintrace version.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import sys
import tarfile
import urllib.request
from collections import defaultdict
from pathlib import Path

from kintrace.names import Script, script_of, standard_tokens

RIGOUR_VERSION = "2.6.1"
RIGOUR_SDIST = (
    "https://files.pythonhosted.org/packages/e5/3c/"
    "367a62b1ce549748f36d5fa85a2d0a2789128d7b4ad85a8426fedfc80a7e/rigour-2.6.1.tar.gz"
)
RIGOUR_SHA256 = "f5e3736252f11b90ac32387f6fa02182a021dfd28ad90c6065d8e5bca0b2e8e5"
CORPUS_MEMBER = f"rigour-{RIGOUR_VERSION}/rust/data/names/person_names.txt"

OUTPUT = Path(__file__).resolve().parents[1] / "src/kintrace/names/data/name_variants.txt.gz"

#: Largest class a merge may make (tokens).
MAX_CLASS = 200
#: Shortest original-script token that may merge two groups (short ones are ambiguous).
MIN_MERGE_LENGTH = 4

_READ = {Script.LATIN, Script.ARABIC, Script.ETHIOPIC, Script.CYRILLIC, Script.GREEK}
_MERGING = {Script.ARABIC, Script.ETHIOPIC}


def fetch_corpus() -> str:
    """The pinned corpus, downloaded from PyPI and checked against its hash."""
    with urllib.request.urlopen(RIGOUR_SDIST, timeout=120) as response:
        data = response.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != RIGOUR_SHA256:
        raise SystemExit(f"rigour sdist hash mismatch: got {digest}, expected {RIGOUR_SHA256}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile(CORPUS_MEMBER)
        if member is None:
            raise SystemExit(f"{CORPUS_MEMBER} not found in the rigour sdist")
        return member.read().decode("utf-8")


def read_groups(text: str) -> dict[str, tuple[set[str], set[str]]]:
    """Group id -> (all comparison tokens, tokens that may merge groups)."""
    groups: dict[str, tuple[set[str], set[str]]] = {}
    for line in text.splitlines():
        if " => " not in line:
            continue
        forms, group = line.rsplit(" => ", 1)
        tokens: set[str] = set()
        merging: set[str] = set()
        crosses_script = False
        for form in forms.split(", "):
            script = script_of(form)
            if script not in _READ:
                continue
            standard = standard_tokens(form)
            if len(standard) != 1:
                continue
            tokens.add(standard[0])
            if script is not Script.LATIN:
                crosses_script = True
            if script in _MERGING and len(standard[0]) >= MIN_MERGE_LENGTH:
                merging.add(standard[0])
        if len(tokens) >= 2 and crosses_script:
            groups[group.strip()] = (tokens, merging)
    return groups


def _group_order(group: str) -> tuple[int, int, str]:
    # Wikidata ids sort by number (Q42 before Q100); manual ids after them.
    digits = group[1:]
    return (0, int(digits), "") if group.startswith("Q") and digits.isdigit() else (1, 0, group)


def merge_groups(groups: dict[str, tuple[set[str], set[str]]]) -> dict[str, set[str]]:
    """Classes: groups merged through a shared original-script token; keyed by lowest id."""
    ordered = sorted(groups, key=_group_order)
    parent = {g: g for g in ordered}
    members = {g: set(groups[g][0]) for g in ordered}

    def root(g: str) -> str:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    by_token: dict[str, list[str]] = defaultdict(list)
    for g in ordered:
        for token in sorted(groups[g][1]):
            by_token[token].append(g)
    for token in sorted(by_token):
        first, *rest = by_token[token]
        for g in rest:
            a, b = root(first), root(g)
            if a == b or len(members[a] | members[b]) > MAX_CLASS:
                continue
            keep, drop = sorted((a, b), key=_group_order)
            parent[drop] = keep
            members[keep] |= members.pop(drop)
    return {g: members[g] for g in sorted(members, key=_group_order) if parent[g] == g}


def write_classes(classes: dict[str, set[str]], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# kintrace name-variant classes: <lowest group id>\\t<comparison tokens>",
        f"# built by tools/build_name_variants.py from rigour {RIGOUR_VERSION} person_names.txt",
        "# (OpenSanctions, MIT licence; name data from Wikidata, CC0). See NOTICE in this folder.",
    ]
    lines += [f"{group}\t{' '.join(sorted(tokens))}" for group, tokens in classes.items()]
    # mtime=0: the same input gives the same bytes.
    with gzip.GzipFile(output, "wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="person_names.txt (default: download)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = args.corpus.read_text("utf-8") if args.corpus else fetch_corpus()
    groups = read_groups(text)
    classes = merge_groups(groups)
    write_classes(classes, args.output)
    tokens = {t for members in classes.values() for t in members}
    largest = max(len(m) for m in classes.values())
    print(
        f"{len(groups):,} groups -> {len(classes):,} classes, {len(tokens):,} tokens, "
        f"largest class {largest} -> {args.output} ({args.output.stat().st_size:,} bytes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
