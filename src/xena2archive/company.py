"""Who and what the books are: the company and its fiscal years, read back from the written tables.

Read from the JSONL the table stage wrote (never from the input again), so the bag-info, the
report and the index say exactly what the archive's own tables say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .links import jsonl_rows


@dataclass(frozen=True)
class FiscalYear:
    start: str  # ISO date
    end: str
    description: str


@dataclass
class Company:
    name: str = ""
    cvr: str = ""
    address: list[str] = field(default_factory=list)
    years: list[FiscalYear] = field(default_factory=list)

    @property
    def label(self) -> str:
        """``Name (CVR 12345678)``, or what is known of it."""
        name = self.name or "Ukendt virksomhed"
        return f"{name} (CVR {self.cvr})" if self.cvr else name

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "cvr": self.cvr, "address": self.address,
                "fiscal_years": [vars(y) for y in self.years]}


def read_company(tables: Path) -> Company:
    """The company from ``FiscalSetupDto`` and its fiscal years from ``FiscalPeriodDto``."""
    company = Company()
    for row in jsonl_rows(tables / "FiscalSetupDto.jsonl"):
        company.name = str(row.get("Address.Name") or row.get("Name") or "")
        company.cvr = str(row.get("OrgNumber") or row.get("VatNumber") or "")
        street, zip_code, city = (row.get(f"Address.{k}") or "" for k in ("Street", "Zip", "City"))
        company.address = [part for part in (street, f"{zip_code} {city}".strip()) if part]
        break
    years = []
    for row in jsonl_rows(tables / "FiscalPeriodDto.jsonl"):
        start, end = row.get("FiscalPeriodStartDays_date"), row.get("FiscalPeriodEndDays_date")
        if isinstance(start, str) and isinstance(end, str):
            years.append(FiscalYear(start, end, str(row.get("Description") or "")))
    company.years = sorted(years, key=lambda y: y.start)
    return company
