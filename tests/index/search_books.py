"""Small books for the search tests, with every place a word is known: Danish names, one amount
on both sides, one date, a document's text.

    voucher 17 (10-06-2024, "Faktura Åbyhøj Tømrer"): 5600 Bank -19017.47 "Betaling til Åbyhøj"
        (partner Åbyhøj Tømrer ApS), 2750 Husleje 19017.47 "Husleje juni"; its document is a
        receipt whose text says "Bøgeskov Købmand", "Æblemost" and "I alt 19.017,47"
    voucher 18 (04-03-2023, "Salg"): 1010 Salg af varer -100.00 "Salg æbler" (partner Æblet Frugt og
        Grønt), 5600 Bank 100.00 "Indbetaling"
    voucher 19 (11-06-2024, "Gebyr"): 5600 Bank -250.50 "Gebyr", 2750 Husleje 250.50 "Gebyr"

The ids, sequence numbers and pages are fixed here, so a test can name every hit's link itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from index_synth import _write, base_tables, document, post, report_for, voucher

from xena2archive.index import write_index
from xena2archive.links import Links

ABY, AEBLET, OTHER = 3800000001, 3800000002, 3800000003
V17, V18, V19 = 4294967317, 4294967318, 4294967319
POSTINGS = [  # (id, voucher id, number, day, amount, account, text, partner); seq is the place here
    (9001, V17, 17, dt.date(2024, 6, 10), "-19017.47", 5600, "Betaling til Åbyhøj", ABY),
    (9002, V17, 17, dt.date(2024, 6, 10), "19017.47", 2750, "Husleje juni", None),
    (9003, V18, 18, dt.date(2023, 3, 4), "-100.00", 1010, "Salg æbler", AEBLET),
    (9004, V18, 18, dt.date(2023, 3, 4), "100.00", 5600, "Indbetaling", None),
    (9005, V19, 19, dt.date(2024, 6, 11), "-250.50", 5600, "Gebyr", None),
    (9006, V19, 19, dt.date(2024, 6, 11), "250.50", 2750, "Gebyr", None),
]
RECEIPT = "KVITTERING\nBøgeskov Købmand\nÆblemost 2 stk 45,00\nI alt 19.017,47\n\f"
RECEIPT_TEXT = "text/original/Bilag/kvittering.jpg.txt"


def write_search_books(data: Path) -> None:
    """The books above as JSONL tables, their receipt's text, and the index written from them."""
    base_tables(data)
    tables = data / "tables"
    _write(tables / "PartnerDto.jsonl", [
        {"Id": ABY, "AccountNumber": 20001, "Address.Name": "Åbyhøj Tømrer ApS", "OrgNumber": "11223344",
         "PartnerTypeTranslated": "Leverandør"},
        {"Id": AEBLET, "AccountNumber": 20002, "Address.Name": "Æblet Frugt og Grønt",
         "PartnerTypeTranslated": "Kunde"},
        {"Id": OTHER, "AccountNumber": 20003, "Address.Name": "Kunde 3 A/S", "PartnerTypeTranslated": "Kunde"},
    ])
    _write(tables / "LedgerPostDto.jsonl", [post(i, v, n, d, a, acc, text, partner)
                                            for i, v, n, d, a, acc, text, partner in POSTINGS])
    _write(tables / "VoucherDto.jsonl", [
        {**voucher(V17, 17, dt.date(2024, 6, 10), "19017.47"), "Description": "Faktura Åbyhøj Tømrer"},
        {**voucher(V18, 18, dt.date(2023, 3, 4), "100.00"), "Description": "Salg"},
        {**voucher(V19, 19, dt.date(2024, 6, 11), "250.50"), "Description": "Gebyr"},
    ])
    (data / RECEIPT_TEXT).parent.mkdir(parents=True, exist_ok=True)
    (data / RECEIPT_TEXT).write_text(RECEIPT, encoding="utf-8")
    receipt = dataclasses.replace(
        document("Bilag/kvittering.jpg", pdfa="documents/Bilag/kvittering.jpg.pdf", links=Links(vouchers=[V17]),
                 description="Kvittering"), text=RECEIPT_TEXT)
    write_index(data, report_for(data, [receipt]))
