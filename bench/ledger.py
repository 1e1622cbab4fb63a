"""A big LedgerPostDto for the benchmarks: N balanced rows, 24 columns, written straight into a zip."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

COLUMNS = ["FiscalSetupId", "CreatedAt", "Id", "Version", "Amount", "EconomicTransactionId", "VoucherId",
           "VoucherNumber", "CurrencyAmount", "CurrencyAbbreviation", "FiscalDateDays", "FiscalDateDaysFriendly",
           "RegistrationDateDays", "LedgerAccount", "LedgerTagId", "LedgerTagNumber", "LedgerTagDescription",
           "Description", "VatAmount", "VatId", "VatAbbreviation", "PartnerId", "PartnerName", "RunningTotal"]
ACCOUNTS = [(1010, "Salg af varer"), (2750, "Husleje"), (5600, "Bank"), (6800, "Moms, salg"), (3400, "Kørsel")]


def rows(n: int):
    """Deterministic rows; each pair of rows is one voucher that balances."""
    for i in range(n):
        voucher = i // 2
        cents = (voucher * 7919) % 10_000_000 + 1
        amount = cents if i % 2 == 0 else -cents
        number, name = ACCOUNTS[i % len(ACCOUNTS)]
        days = 19358 + (voucher % 730)
        yield [
            "187514", f"2023-01-{1 + voucher % 28:02d}T10:11:12.1234567Z", str(4294967296 + i), "1",
            f"{amount // 100},{abs(amount) % 100:02d}" if amount >= 0 else f"-{-amount // 100},{-amount % 100:02d}",
            str(7100000000 + voucher), str(4294967296 + voucher), str(voucher + 1),
            f"{amount // 100},{abs(amount) % 100:02d}" if amount >= 0 else f"-{-amount // 100},{-amount % 100:02d}",
            "DKK", str(days), "13-01-2023", str(days + 2), "Xena_Domain_Income_Accounts_Sales", str(2210000 + number),
            str(number), name, f"Bilag {voucher + 1} – købmand Ærø", "0,00", "", "", str(5000 + voucher % 50),
            f"Kunde {voucher % 50} ApS", "0,00",
        ]


def write_backup(path: Path, n: int) -> Path:
    """A zip holding Data/LedgerPostDto.csv (';', UTF-8 with BOM, decimal comma) with n rows."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        info = zipfile.ZipInfo("Data/LedgerPostDto.csv", (2025, 1, 31, 12, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            text.write(";".join(COLUMNS) + "\r\n")
            for row in rows(n):
                text.write(";".join(row) + "\r\n")
    return path
