#!/usr/bin/env python3
"""Generate data/cldr/{countries,months}.json from Unicode CLDR via `babel`.

Usage (from the repository root):

    pip install babel==2.18.0   # version the committed files were made with
    python3 scripts/gen_cldr.py

Outputs, all lower-cased with str.lower() and then NFC-normalised:

* countries.json -- {lang: {ISO alpha-2: [names...]}}: CLDR territory names of
  every 2-letter territory (numeric regions and pseudo codes are dropped).
  Every language's map also contains the English names, because policies in
  any language often write country names in English.
* regions.json -- {lang: ISO alpha-2}: the region CLDR's likely-subtags data
  gives each language (hi -> IN, ur -> PK, de -> DE), used as the default
  region for phone numbers written without a country code.
* months.json -- {lang: [[january forms...], ..., [december forms...]]}:
  Gregorian month names, format and stand-alone, wide and abbreviated (the
  format context holds the genitive forms where a language has them).
  Abbreviations are kept both with and without a trailing ".". Narrow forms
  (single letters) are left out.

Some languages merge several CLDR locales (see SOURCES). babel drops CLDR's
"-alt-" variants (e.g. "US" alt-short), so only the primary names appear.
Output is deterministic: sorted keys, one language per line.
"""

import copy
import json
import sys
import unicodedata
from pathlib import Path

import babel
from babel import localedata
from babel.core import get_cldr_version

LANGS = (
    "en de fr es it pt nl pl cs sk sl hr ro hu da sv no fi et lv lt el bg ga "
    "mt ru uk tr az ar fa ur hi bn mr gu pa ta te ja zh ko th vi id ms he sw "
    "am hy ka sr bs mk sq is kk be uz ne si km lo my ml kn lb ca eu gl cy af "
    "tl mn ps"
).split()

# Output language -> CLDR locales merged into it (default: the language itself).
SOURCES = {
    "zh": ["zh", "zh_Hant"],  # Simplified + Traditional
    "sr": ["sr", "sr_Latn"],  # Cyrillic + Latin
    "no": ["nb", "nn"],  # Bokmål + Nynorsk
    "tl": ["fil"],  # CLDR aliases "tl" to "fil" (Filipino)
}

# Non-country codes that still look like ISO alpha-2 codes.
PSEUDO = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}

OUT = Path(__file__).resolve().parent.parent / "data" / "cldr"


def load(locale_id: str) -> localedata.LocaleDataDict:
    """Alias-resolving view of a deep copy of the locale's data.

    babel.Locale resolves aliases in place, writing into dicts shared with the
    cached parent locales: after reading az's stand-alone months, hi's
    (inherited from root) came back as Azerbaijani. A private copy avoids that.
    """
    return localedata.LocaleDataDict(copy.deepcopy(localedata.load(locale_id)))


def norm(s: str) -> str:
    return unicodedata.normalize("NFC", s.lower())


def add(lst: list, name: str) -> None:
    """Append the normalised name unless empty or already present."""
    name = norm(name).strip()
    if name and name not in lst:
        lst.append(name)


def countries(locales: list) -> dict:
    out: dict[str, list[str]] = {}
    for loc in locales:
        for code, name in loc["territories"].items():
            if len(code) == 2 and code.isalpha() and code not in PSEUDO:
                add(out.setdefault(code, []), name)
    return out


def months(locales: list) -> list[list[str]]:
    out: list[list[str]] = [[] for _ in range(12)]
    for loc in locales:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names = loc["months"].get(context, {}).get(width, {})
                for m in range(1, 13):
                    name = names.get(m)
                    if not name:
                        continue
                    add(out[m - 1], name)
                    if width == "abbreviated":
                        add(out[m - 1], name.rstrip("."))
    return out


def write(path: Path, data: dict) -> None:
    """Valid JSON with one language per line, keys sorted."""
    lines = [
        f"{json.dumps(k)}: {json.dumps(data[k], ensure_ascii=False, sort_keys=True)}"
        for k in sorted(data)
    ]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def main() -> None:
    english = countries([load("en")])
    all_countries, all_months, regions = {}, {}, {}
    likely = babel.core.get_global("likely_subtags")
    for lang in LANGS:
        ids = SOURCES.get(lang, [lang])
        missing = [i for i in ids if not localedata.exists(i)]
        if missing:
            print(f"warning: babel lacks {missing}, skipping {lang}", file=sys.stderr)
            continue
        locales = [load(i) for i in ids]
        names = countries(locales)
        for code, en_names in english.items():
            for n in en_names:
                add(names.setdefault(code, []), n)
        all_countries[lang] = names
        all_months[lang] = months(locales)
        region = likely.get(ids[0], "").split("_")[-1]
        if len(region) == 2 and region.isalpha():
            regions[lang] = region

    OUT.mkdir(parents=True, exist_ok=True)
    write(OUT / "countries.json", all_countries)
    write(OUT / "months.json", all_months)
    write(OUT / "regions.json", regions)
    print(f"wrote {len(all_countries)} languages with babel {babel.__version__} "
          f"(CLDR {get_cldr_version()})")


if __name__ == "__main__":
    main()
