"""Real sentences that cite governing documents (``tests/corpus/citation_sentences.yaml``: the
seeds, the conventions and public Party and State documents), each with the findings a correct
citation check must give — no more, no fewer. The check is the one `check`, `render`, `lint`
and ``cite --check`` share."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from docgen.citations.catalog import load_catalog
from docgen.citations.check import BASIS, PROSE, check_printed
from docgen.rules.dates import parse_date
from docgen.rules.symbols import find_symbols
from tests.conftest import CATALOGS

CORPUS = Path(__file__).parent / "corpus" / "citation_sentences.yaml"
ENTRIES = YAML(typ="safe").load(CORPUS.read_text(encoding="utf-8"))
CATALOG = load_catalog([CATALOGS])
# The corpus says which documents were in the catalog when its findings were written; documents an
# office later adds to data/danh-muc must not change its verdicts.
for _symbol in {c["so_ky_hieu"] for e in ENTRIES for c in e.get("trich_dan") or [] if not c["trong_danh_muc"]}:
    CATALOG.entries.pop(_symbol, None)


def _subject(message: str) -> str:
    """Returns the symbol a finding is about (for a form warning, the canonical form it gives)."""
    if "→" in message:
        return message.rsplit("→", 1)[1].strip().strip("'")
    found = find_symbols(message)
    return str(found[0].symbol) if found else message


def _expected(entry: dict) -> Counter:
    return Counter((e["muc_do"], e["so_ky_hieu"]) for e in entry.get("ket_qua_mong_doi") or [])


def _actual(entry: dict) -> Counter:
    date = parse_date(str(entry["ngay_van_ban"])) if entry.get("ngay_van_ban") else None
    role = BASIS if entry["vai_tro"] == "can_cu" else PROSE
    return Counter((f.severity, _subject(f.message)) for f in check_printed(entry["cau"], role, CATALOG, date))


def test_the_corpus_has_enough_real_sentences():
    assert len(ENTRIES) >= 30
    assert sum(1 for e in ENTRIES if "dựng theo mẫu" not in e["nguon"]) >= 30


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["cau"][:60])
def test_each_sentence_gets_exactly_its_expected_findings(entry):
    assert _actual(entry) == _expected(entry), entry["cau"]
