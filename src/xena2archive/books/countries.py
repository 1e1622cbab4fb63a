"""ISO 3166-1 alpha-2 codes from the country texts Xena keeps (``Address.CountryName``), in Danish or
English: a two-letter code as it is, a name by the table below, anything else unknown ('').

A leaf of the books package. The table holds the names of the countries a Danish company trades
with most (the EU and EEA, the Nordic countries, the UK, the larger economies), in Danish and in
English, each compared case-folded and with spaces trimmed; a name not in it is reported, never
guessed.
"""

from __future__ import annotations

import re

NAMES: dict[str, tuple[str, ...]] = {  # ISO code -> the names, Danish first
    "DK": ("danmark", "denmark"),
    "GL": ("grønland", "greenland"),
    "FO": ("færøerne", "færøer", "faroe islands"),
    "SE": ("sverige", "sweden"),
    "NO": ("norge", "norway"),
    "FI": ("finland",),
    "IS": ("island", "iceland"),
    "DE": ("tyskland", "germany"),
    "NL": ("holland", "nederlandene", "netherlands", "the netherlands"),
    "BE": ("belgien", "belgium"),
    "LU": ("luxembourg",),
    "FR": ("frankrig", "france"),
    "GB": ("storbritannien", "england", "uk", "det forenede kongerige", "united kingdom", "great britain"),
    "IE": ("irland", "ireland"),
    "ES": ("spanien", "spain"),
    "PT": ("portugal",),
    "IT": ("italien", "italy"),
    "AT": ("østrig", "austria"),
    "CH": ("schweiz", "switzerland"),
    "LI": ("liechtenstein",),
    "PL": ("polen", "poland"),
    "CZ": ("tjekkiet", "czechia", "tjekkiske republik", "czech republic"),
    "SK": ("slovakiet", "slovakia"),
    "HU": ("ungarn", "hungary"),
    "SI": ("slovenien", "slovenia"),
    "HR": ("kroatien", "croatia"),
    "RO": ("rumænien", "romania"),
    "BG": ("bulgarien", "bulgaria"),
    "GR": ("grækenland", "greece"),
    "CY": ("cypern", "cyprus"),
    "MT": ("malta",),
    "EE": ("estland", "estonia"),
    "LV": ("letland", "latvia"),
    "LT": ("litauen", "lithuania"),
    "US": ("usa", "amerika", "de forenede stater", "united states", "united states of america"),
    "CA": ("canada",),
    "MX": ("mexico",),
    "BR": ("brasilien", "brazil"),
    "CN": ("kina", "china"),
    "JP": ("japan",),
    "KR": ("sydkorea", "south korea"),
    "IN": ("indien", "india"),
    "TR": ("tyrkiet", "turkey", "türkiye"),
    "UA": ("ukraine",),
    "AU": ("australien", "australia"),
    "NZ": ("new zealand",),
    "ZA": ("sydafrika", "south africa"),
    "IL": ("israel",),
    "AE": ("de forenede arabiske emirater", "united arab emirates"),
    "SG": ("singapore",),
    "HK": ("hongkong", "hong kong"),
    "TW": ("taiwan",),
    "TH": ("thailand",),
    "VN": ("vietnam",),
}
CODES: dict[str, str] = {name: code for code, names in NAMES.items() for name in names}


def country_code(name: str) -> str:
    """The ISO code of a country text ('' when it names no country the table knows)."""
    name = re.sub(r"\s+", " ", name.strip())
    known = CODES.get(name.casefold())
    if known:
        return known
    return name.upper() if re.fullmatch(r"[A-Za-z]{2}", name) else ""
