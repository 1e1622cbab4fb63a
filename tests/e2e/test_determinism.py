"""The same zip gives the same archive, byte for byte, whatever the machine around the run.

Two runs of the CLI, each a process of its own, differ in everything that must not show in an
archive: the hash seed (``PYTHONHASHSEED``: a set or ``hash()`` order), the time zone (``TZ``,
fourteen hours east of UTC against twelve hours west), the locale (``LC_ALL``), the umask, the
working folder (relative paths against absolute ones), the temporary folder, and the clock: the
second run is on another day, 400 days on, by libfaketime (Debian's ``faketime``; ``make test``
installs it, and under ``CI`` the test fails instead of skipping without it). Both runs set the
same ``SOURCE_DATE_EPOCH``, the reproducible-builds convention for a date a tool must write (BagIt's
``Bagging-Date``), so only a date that comes from neither the zip nor that variable can differ.

The backup is the bundled sample with a Word document (LibreOffice), an HTML receipt and an
e-mail (WeasyPrint) added, so every converter that might stamp a date is run. The two trees are
compared file by file; a failure names the first differing file and its first differing line.

The in-process tests of the same property (``test_bag_verify.py``, ``test_mail_e2e.py``) share
one hash seed, time zone and clock between their runs, so they cannot see any of this.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from helpers import missing, subprocess_env, tree_difference
from sample_backup import write_sample_backup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "documents"))
from office_inputs import docx, red_png

SOURCE_DATE_EPOCH = "1738324800"  # 2025-01-31 12:00 UTC, the same in both runs
LATER = "+400d"  # the second run's clock, as libfaketime's offset
EXTRA = ("Dokumenter/tilbud.docx", "Dokumenter/kvittering.html", "Dokumenter/faktura.eml")
RECEIPT = "<html><body><h1>Kvittering</h1><p>Smørrebrød, 245,00 kr</p></body></html>"


@pytest.fixture(scope="module")
def faketime() -> str:
    found = shutil.which("faketime")
    if found is None:
        message = "faketime (libfaketime) is missing: tools/setup-system test installs it"
        missing(message)
    return found


def _email() -> bytes:
    message = EmailMessage()
    message["From"] = "Ærø Købmand <faktura@aeroe.example>"
    message["To"] = "bogholderi@firma.example"
    message["Date"] = "Tue, 14 Mar 2023 09:30:00 +0100"
    message["Subject"] = "Faktura 2023-118"
    message.set_content("Hermed faktura 2023-118 på 612,50 kr.\n")
    message.add_alternative("<html><body><p>Hermed faktura 2023-118 på <b>612,50 kr</b>.</p></body></html>",
                            subtype="html")
    return bytes(message)


def _backup(folder: Path) -> Path:
    backup = folder / "backup.zip"
    write_sample_backup(backup, posts=200)
    word = docx(folder / "tilbud.docx", ["Tilbud 2023-9 fra Ærø Købmand", "I alt: 4.100,00 kr."], red_png())
    extra = {EXTRA[0]: word.read_bytes(), EXTRA[1]: RECEIPT.encode(), EXTRA[2]: _email()}
    with zipfile.ZipFile(backup, "a") as zipped:
        for name, data in extra.items():
            zipped.writestr(zipfile.ZipInfo(name, (2025, 1, 31, 12, 0, 0)), data)
    return backup


def _run(command: list[str], cwd: Path, env: dict[str, str], umask: str) -> subprocess.CompletedProcess[str]:
    wrapped = ["sh", "-c", f'umask {umask} && exec "$@"', "sh", *command]
    return subprocess.run(wrapped, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.slow
def test_two_runs_in_different_surroundings_give_the_same_bytes(tmp_path: Path, faketime: str) -> None:
    one, two = tmp_path / "one", tmp_path / "two" / "deep" / "er"
    for folder in (one, two, tmp_path / "tmp-one", tmp_path / "tmp-two"):
        folder.mkdir(parents=True)
    backup = _backup(one)
    shutil.copyfile(backup, tmp_path / "two" / "backup.zip")
    base = subprocess_env()
    for name in ("SOURCE_DATE_EPOCH", "FAKETIME", "LD_PRELOAD", "LANG", "LANGUAGE", "LC_ALL", "TZ"):
        base.pop(name, None)
    base["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    first_env = {**base, "PYTHONHASHSEED": "0", "TZ": "AoE+12", "LC_ALL": "C.UTF-8",
                 "TMPDIR": str(tmp_path / "tmp-one")}
    second_env = {**base, "PYTHONHASHSEED": "4242", "TZ": "LINT-14", "LC_ALL": "POSIX", "LANG": "da_DK.UTF-8",
                  "TMPDIR": str(tmp_path / "tmp-two")}

    # the control: through the same wrapper, the second run's clock is on another day
    today = dt.date.today()
    clock = _run([faketime, "-f", LATER, sys.executable, "-c", "import datetime; print(datetime.date.today())"],
                 two, second_env, "077")
    assert dt.date.fromisoformat(clock.stdout.strip()) - today >= dt.timedelta(days=399), clock.stderr

    command = [sys.executable, "-m", "xena2archive"]
    first = _run([*command, "backup.zip", "out", "--quiet", "--jobs", "2"], one, first_env, "022")
    second = _run([faketime, "-f", LATER, *command, str(tmp_path / "two" / "backup.zip"), str(tmp_path / "two" / "out"),
                   "--quiet", "--jobs", "2"], two, second_env, "077")
    # 1: the sample's PNG receipt named .pdf is a finding
    assert (first.returncode, second.returncode) == (1, 1), (first.stderr, second.stderr)
    report = json.loads((one / "out/data/report.json").read_text(encoding="utf-8"))
    converted = {d["zip_name"] for d in report["documents"] if d["status"] == "converted"}
    assert set(EXTRA) <= converted  # LibreOffice and WeasyPrint made copies, so their dates are compared too
    difference = tree_difference(one / "out", tmp_path / "two" / "out")
    assert difference is None, difference
