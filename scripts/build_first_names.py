"""Build src/hubplan/consult/first_names_world.txt from Faker's person providers (MIT licence).

Run once, offline afterwards: ``pip install --target /tmp/fk faker`` then
``PYTHONPATH=/tmp/fk python scripts/build_first_names.py``. The shipped list is ours (derived): the
Latin-script first names (and romanised ones) of the locales of the communities who live in England,
lower case, with an accent-free copy of each accented name. Faker itself is not a dependency.
"""

from __future__ import annotations

import importlib
import unicodedata
from pathlib import Path

LOCALES = [
    "en_GB",
    "en_IE",
    "ga_IE",
    "en_IN",
    "en_NG",
    "en_KE",
    "en_PK",
    "pl_PL",
    "ro_RO",
    "yo_NG",
    "ig_NG",
    "ha_NG",
    "tw_GH",
    "hi_IN",
    "ta_IN",
    "gu_IN",
    "bn_BD",
    "ne_NP",
    "si_LK",
    "zh_CN",
    "zh_TW",
    "ar_AA",
    "ar_SA",
    "ar_PS",
    "ar_DZ",
    "fa_IR",
    "tr_TR",
    "lt_LT",
    "lv_LV",
    "bg_BG",
    "cs_CZ",
    "sk_SK",
    "hu_HU",
    "pt_PT",
    "pt_BR",
    "it_IT",
    "es_ES",
    "fr_FR",
    "de_DE",
    "sw",
    "zu_ZA",
    "vi_VN",
    "uk_UA",
    "ru_RU",
    "sq_AL",
]
ATTRS = (
    "first_names", "first_names_male", "first_names_female", "first_romanized_names",
    "romanized_first_names", "first_names_male_romanized", "first_names_female_romanized",
)  # fmt: skip
OUT = Path(__file__).parent.parent / "src" / "hubplan" / "consult" / "first_names_world.txt"


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def main() -> None:
    names: set[str] = set()
    used = []
    for loc in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ModuleNotFoundError:
            continue
        used.append(loc)
        for attr in ATTRS:
            for name in getattr(provider, attr, ()) or ():
                for part in str(name).replace("-", " ").split():
                    word = part.strip(".").lower()
                    if len(word) >= 2 and word.isalpha() and _fold(word).isascii():
                        names.update({word, _fold(word)})
    header = f"# First names from Faker (MIT) person providers: {' '.join(used)}. Built by scripts/build_first_names.py\n"
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(len(names), "names from", len(used), "locales")


if __name__ == "__main__":
    main()
