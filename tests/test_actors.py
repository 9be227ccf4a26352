"""The gazetteer: names, demonyms, metonyms, office holders in office, case, boundaries, elisions."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from tracker.actors import ACTOR_DIR, Gazetteer, fold
from tracker.errors import DictionaryError

GAZETTEER = Gazetteer.load()
CASES = Path(__file__).parent / "data" / "actor_cases.csv"


def rows():
    with CASES.open(encoding="utf-8", newline="") as handle:
        return [pytest.param(r["text"], r["when"] or None, r["expected"].split(), id=r["text"][:40])
                for r in csv.DictReader(handle)]


@pytest.mark.parametrize("text, when, expected", rows())
def test_actor_cases(text, when, expected):
    assert [m.code for m in GAZETTEER.find(text, when)] == expected


def test_offsets_point_into_the_original_text():
    text = "Le 15 août, l'armée française a quitté Niamey."
    for mention in GAZETTEER.find(text):
        assert text[mention.start:mention.end] == mention.text


def test_fold_keeps_the_length():
    text = "Côte d’Ivoire, Goïta, Œuvre, İstanbul"
    assert len(fold(text)) == len(text)


def test_every_state_of_the_sahel_and_its_powers_is_known():
    for code in ("MLI", "NER", "BFA", "TCD", "MRT", "SEN", "GIN", "CIV", "NGA", "DZA", "LBY", "SDN", "CAF",
                 "FRA", "DEU", "USA", "RUS", "CHN", "TUR", "UKR", "CAN", "WAGNER", "AFRICA_CORPS", "UN", "MINUSMA",
                 "EU", "EUTM", "ECOWAS", "AES", "AU", "NATO", "G5_SAHEL"):
        assert GAZETTEER.actor(code) is not None, code


def test_blocs_and_parents():
    assert [GAZETTEER.bloc(c) for c in ("RUS", "WAGNER", "FRA", "MINUSMA", "MLI", "CHN")] == \
        ["russia", "russia", "west", "west", "regional", "other"]
    assert GAZETTEER.parent("WAGNER") == "RUS" and GAZETTEER.parent("BARKHANE") == "FRA"
    assert GAZETTEER.host_country("MLI") == "MLI" and GAZETTEER.host_country("UN") is None


def test_alias_naming_an_unknown_code_is_an_error_naming_the_file(tmp_path):
    folder = tmp_path / "actors"
    shutil.copytree(ACTOR_DIR, folder)
    with (folder / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("Atlantis,ATL,en,name,,,0,test\n")
    with pytest.raises(DictionaryError) as info:
        Gazetteer.load(folder)
    assert "aliases.csv" in str(info.value) and "ATL" in str(info.value)


def test_a_user_can_add_an_alias(tmp_path):
    folder = tmp_path / "actors"
    shutil.copytree(ACTOR_DIR, folder)
    with (folder / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("Koulouba Palace,MLI,en,metonym,,,0,test\n")
    assert [m.code for m in Gazetteer.load(folder).find("Koulouba Palace said")] == ["MLI"]
