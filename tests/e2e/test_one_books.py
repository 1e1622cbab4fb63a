"""The index and the SAF-T files tell the same books: every partner has the same name in both.

The books are loaded once (``xena2archive.books``) and both read them; before, each loaded its own
and picked a partner's name in its own order. Judged by reading what the CLI wrote: the SAF-T
files with lxml, the partner pages with the standard library's HTML parser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree

from helpers import run_cli

NS = {"s": "urn:StandardAuditFile-Taxation-Financial:DK"}

BACKUP = {
    "Data/FiscalSetupDto.csv": "Id;OrgNumber;Address.Name;CurrencyAbbreviation\n1;12345678;Bøgh & Søn ApS;DKK\n",
    "Data/FiscalPeriodDto.csv": "Id;FiscalPeriodStartDays;FiscalPeriodEndDays;Description\n100;19358;19722;2023\n",
    "Data/LedgerTagDto.csv": ("Id;Number;Description;LedgerAccount\n"
                              "1;1010;Salg;Xena_Domain_Income_Accounts_Net_Turn_Over\n"
                              "2;5410;Debitorer;Xena_Domain_Asset_Accounts_Customer_Receivables\n"
                              "3;6410;Kreditorer;Xena_Domain_Liability_Accounts_Trade_Payables\n"),
    # a Name column beside the address's name, which is the partner's name in Xena's contracts
    "Data/PartnerDto.csv": ("Id;AccountNumber;Name;Address.Name;PartnerType\n"
                            "7001;101;Søren (kort navn);Søren Ærø & Co;ContextType_Customer\n"
                            "7002;201;;Obst Süd GmbH;ContextType_Supplier\n"),
    "Data/LedgerPostDto.csv": ("Id;VoucherId;VoucherNumber;FiscalDateDays;Amount;LedgerTagNumber;PartnerId;"
                               "PartnerName\n"
                               "1;10;1;19400;125,00;5410;7001;Søren\n2;10;1;19400;-125,00;1010;;\n"
                               "3;11;2;19401;-80,00;6410;7002;Obst\n4;11;2;19401;80,00;1010;;\n"
                               "5;12;3;19402;50,00;5410;7003;Kunde kun i posteringerne\n"
                               "6;12;3;19402;-50,00;1010;;\n"),
}


class _Heading(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside, self.text = False, ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = self.inside or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data


def _heading(page: Path) -> str:
    parser = _Heading()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.text.strip()


def test_the_index_and_saft_name_every_partner_the_same(zip_factory, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert run_cli(zip_factory(BACKUP), out, "--quiet", "--jobs", "1") == 1
    capsys.readouterr()
    [saft] = sorted((out / "data" / "saft").glob("*.xml"))
    root = etree.parse(str(saft))
    in_saft = {}
    for party in [*root.iterfind(".//s:Customer", NS), *root.iterfind(".//s:Supplier", NS)]:
        ident = party.findtext("s:CustomerID", namespaces=NS) or party.findtext("s:SupplierID", namespaces=NS)
        in_saft[ident] = party.findtext("s:Name", namespaces=NS)
    # SAF-T names a partner by its account number (unique here), the index by its id
    by_number = {"101": 7001, "201": 7002, "7003": 7003}
    in_index = {number: _heading(out / "data" / "index" / "partnere" / f"{ident}.html")
                for number, ident in by_number.items()}
    assert in_saft == in_index == {"101": "Søren Ærø & Co", "201": "Obst Süd GmbH",
                                   "7003": "Kunde kun i posteringerne"}
    listed = (out / "data" / "index" / "partnere.html").read_text(encoding="utf-8")
    assert re.search(r">Søren Ærø &amp; Co<", listed) and "kort navn" not in listed
