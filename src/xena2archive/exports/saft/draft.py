"""A draft mapping of the accounts to Erhvervsstyrelsen's standard chart of accounts, for the user to review.

Xena's account group (``LedgerTagDto.LedgerAccount``) says what kind of account an account is (net
turnover, housing costs, trade payables), not which of the standard chart's posting accounts it is:
the chart splits most groups further (sales at home and abroad, rent and electricity, cost and
depreciation of an asset). ``GROUPS`` points each group Xena's contracts name at the standard
account its accounts most often belong to, and says why and what else it could be. That is a
proposal, never applied by itself: ``StandardAccountID`` in the files comes only from Xena's own
column or from the mapping the user gives (``--saft-accounts``). The draft is written beside the
files (``data/saft/standard-accounts-draft.csv``) in the form ``--saft-accounts`` reads, so the user
can correct it and give it back.

The numbers and names are of the list valid from 2026-01-01 (``VersionOfStandardAccount`` 20260101);
the tests check every one against the published list.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ...books import Books
from ...books.model import Account

FILE = "standard-accounts-draft.csv"
HEADER = ("konto", "standardkonto", "standardkontonavn", "kontonavn", "xena_kontogruppe", "begrundelse")


@dataclass(frozen=True)
class Proposal:
    """A standard account (number and name in the 2026 list) and why it is proposed; number 0: none."""

    number: int
    name: str
    reason: str


_I, _A, _L = "Xena_Domain_Income_Accounts_", "Xena_Domain_Asset_Accounts_", "Xena_Domain_Liability_Accounts_"
NONE = 0

GROUPS: dict[str, Proposal] = {
    # the income statement
    _I + "Net_Turn_Over": Proposal(1010, "Salg af varer og ydelser", "Nettoomsætning; gruppen skelner ikke salg i "
                                   "Danmark fra salg til udlandet (1050-1200), rabatter (1210) eller fragt (1250)"),
    _I + "Product_Consumption": Proposal(1610, "Varekøb", "Vareforbrug; gruppen skelner ikke køb i Danmark fra køb i "
                                         "udlandet (1630, 1650) eller ydelseskøb (1660)"),
    _I + "Wages": Proposal(2845, "AM Bidragspligtig A-Indkomst", "Lønninger; pension (2910), ATP (2898), feriepenge "
                           "(2860) og personalegoder (2887) har hver sin standardkonto"),
    _I + "Sales_Costs": Proposal(1950, "Andre salgsomkostninger", "Salgsomkostninger; reklame (1850), repræsentation "
                                 "(1910, 1930) og rejser (2000) har hver sin standardkonto"),
    _I + "Production_Costs": Proposal(1801, "Øvrige produktionsomkostninger", "Produktionsomkostninger; fragt (1760) "
                                      "og underleverandører (1745) har hver sin standardkonto"),
    _I + "Housing_Costs": Proposal(2200, "Andre lokaleomkostninger", "Lokaleomkostninger; husleje (2030), el (2050), "
                                   "varme (2080) og rengøring (2150) har hver sin standardkonto"),
    _I + "Administration_Costs": Proposal(2810, "Andre eksterne omkostninger", "Administrationsomkostninger; it "
                                          "(2310), telefon (2410), revision (2670) og de øvrige har hver sin "
                                          "standardkonto"),
    _I + "Depreciation": Proposal(3050, "Af- og nedskrivninger af andre anlæg, driftsmateriel og inventar",
                                  "Afskrivninger; gruppen siger ikke hvilket aktiv: bygninger (3020), maskiner (3030) "
                                  "og software (3060) har hver sin standardkonto"),
    _I + "Financial_Costs": Proposal(3690, "Øvrige finansielle omkostninger", "Finansielle poster; gruppen rummer også "
                                     "indtægter, og renteindtægter hører under 3470-3530"),
    _I + "Taxes": Proposal(3740, "Årets skat (skat af årets skattepligtige indkomst)", "Skat af årets resultat; "
                           "udskudt skat (3760) og tidligere års skat (3780) har hver sin standardkonto"),
    _I + "System_Differences": Proposal(2720, "Øreafrunding/kassedifferencer", "Systemdifferencer er afrundinger, "
                                        "som Xena selv bogfører; øreafrunding er den nærmeste standardkonto"),
    _I + "Consolidation_Result": Proposal(NONE, "", "Koncernresultat; standardkontoplanen har mange konti for "
                                          "kapitalandele (3191-3272), og gruppen siger ikke hvilken"),
    # the balance sheet
    _A + "Tangible_Fixed_Asset": Proposal(5570, "Andre anlæg, driftsmateriel og inventar, kostpris primo",
                                          "Materielle anlægsaktiver; standardkontoplanen fører kostpris, tilgange, "
                                          "afgange og afskrivninger på hver sin konto, og gruppen siger ikke hvilket "
                                          "aktiv (bygninger 5320, maskiner 5420)"),
    _A + "Stock": Proposal(6140, "Fremstillede varer og handelsvarer, kostpris primo", "Varelager; råvarer (6080) og "
                           "varer under fremstilling (6110) har hver sin standardkonto"),
    _A + "Customer_Receivables": Proposal(6190, "Tilgodehavender fra salg og tjenesteydelser", "Tilgodehavender fra "
                                          "salg; gruppen og standardkontoen er det samme"),
    _A + "Cash": Proposal(6470, "Likvide beholdninger", "Likvide beholdninger; en bankkonto hører under 6480"),
    _L + "Equity": Proposal(6935, "Overført resultat, primo", "Egenkapital; gruppen skelner ikke virksomhedskapital "
                            "(6510), reserver (6910) og overført resultat"),
    _L + "Provisions": Proposal(7040, "Andre hensatte forpligtelser", "Hensatte forpligtelser; pensioner (6985) og "
                                "udskudt skat (7010) har hver sin standardkonto"),
    _L + "Long_Term_Debt": Proposal(7126, "Øvrig langfristet gæld", "Langfristet gæld; gæld til realkredit (7110) og "
                                    "banker (7120) har hver sin standardkonto"),
    _L + "Trade_Payables": Proposal(7440, "Leverandører af varer og tjenesteydelser (kortfristet)", "Leverandørgæld; "
                                    "gruppen og standardkontoen er det samme"),
    _L + "Other_Short_Term_Debt": Proposal(8040, "Øvrig anden gæld", "Anden kortfristet gæld; skyldig løn (7860), "
                                           "A-skat (7920) og feriepenge (7900) har hver sin standardkonto"),
    _L + "Vat_Debt": Proposal(7840, "Skyldig moms", "Moms; salgsmoms (7680), købsmoms (7740) og moms af køb i "
                              "udlandet (7700, 7720) har hver sin standardkonto"),
    _L + "UnPaid_Stock": Proposal(NONE, "", "Xenas gruppe for ubetalt lager; ingen standardkonto svarer sikkert til "
                                  "den"),
}
BANK = Proposal(6480, "Bankkonto", "Likvide beholdninger, og Xena fører kontoen som bankkonto "
                "(LedgerTagBankContextDto)")
RESULT = Proposal(6935, "Overført resultat, primo", "Arkivets egen konto for de tidligere års resultat, som Xena "
                  "ikke har overført til egenkapitalen")


def proposal(account: Account, bank_accounts: set[str], synthetic: Account | None = None) -> Proposal:
    """The standard account proposed for ``account`` (``bank_accounts``: the ledger accounts Xena books its
    bank accounts on; ``synthetic``: the archive's own result account, if the books have it), or a
    Proposal of number 0 that says why there is none."""
    if synthetic is not None and account.key == synthetic.key:
        return RESULT
    if account.group == _A + "Cash" and (account.number or account.key) in bank_accounts:
        return BANK
    if account.group in GROUPS:
        return GROUPS[account.group]
    if not account.group:
        return Proposal(NONE, "", "Kontoen har ingen kontogruppe i Xena")
    return Proposal(NONE, "", f"Xenas kontogruppe {account.group} er ikke i tabellen")


def draft_rows(books: Books) -> list[tuple[str, str, str, str, str, str]]:
    """One row per account of the files, in their order: (account, proposed standard account or '', its name,
    the account's name, its Xena group, the reason)."""
    banks = {bank.account for bank in books.company.banks if bank.account}
    chart, synthetic = books.balances.chart, books.balances.synthetic
    rows = []
    for account in sorted(chart.values(), key=lambda a: _order(a.key)):
        found = proposal(account, banks, synthetic)
        rows.append((account.number or account.key, str(found.number or ""), found.name, account.name, account.group,
                     found.reason))
    return rows


def draft_csv(rows: list[tuple[str, str, str, str, str, str]]) -> str:
    """The draft as ``data/saft/standard-accounts-draft.csv``: ``;``-separated, UTF-8, Danish column names."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def _order(key: str) -> tuple[int, int, str]:
    return (0, int(key), "") if key.isdigit() else (1, 0, key)
