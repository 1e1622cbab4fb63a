"""The Kubernetes Indexed Job of deploy/kubernetes/, simulated without a cluster.

The exact container command of the Job's pod template (read from the YAML) runs here once per
completion index, with the plain install's ``xena2archive`` on PATH and the volume's mount path
played by a temporary folder, over a folder of generated backups: one of them is killed with
SIGKILL while it writes its tables, then the whole batch is run again, as after a crash. Then:
every archive verifies, every backup has its summary line, and the second pass converted only the
killed backup (the others: "already archived", their files untouched).

``tools/docker-smoke`` runs this same test with ``XENA_JOB_ENGINE=podman`` (or docker) and
``XENA_IMAGE``: each index then runs in the image as the pod would (the Job's user, read-only root,
a tmpfs for the emptyDir, no network, no capabilities), the folder mounted at the volume's path.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kube import data_mount, job_container, one
from sample_backup import MIN_POSTS, SampleLayout, write_sample_backup
from xena2archive.verify import verify

BIN = Path(sys.executable).parent  # the plain install (make setup's .venv)
ENGINE = os.environ.get("XENA_JOB_ENGINE")  # unset: the plain install; podman or docker: the image
TOOLS = Path(__file__).resolve().parents[2] / "tools"

# line of backups.txt -> how it is made (None: not a zip at all, so it is refused)
BACKUPS: dict[str, tuple[SampleLayout, int, int] | None] = {
    "Bageriet Ærø.zip": (SampleLayout(documents=False), MIN_POSTS, 1),
    "kunder/Hansen & Søn.zip": (SampleLayout(), MIN_POSTS, 2),
    "Tømrer.zip": (SampleLayout(formats=("csv",)), 1000, 3),  # a few seconds: the one killed
    "<Skadet>.zip": None,
}
KILLED = 2  # index of Tømrer.zip


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """The volume: backups.txt and backups/ as the README says to lay them out."""
    root = tmp_path_factory.mktemp("volume")
    for name, how in BACKUPS.items():
        path = root / "backups" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if how is None:
            path.write_bytes(b"PK\x03\x04 this is no zip")
        else:
            layout, posts, seed = how
            write_sample_backup(path, layout, posts=posts, seed=seed)
    (root / "backups.txt").write_text("".join(f"{name}\n" for name in BACKUPS), encoding="utf-8")
    return root


def pod_env(data: Path, index: int) -> dict[str, str]:
    """What the kubelet would give the container (its own env, the index, the CPU limit rounded up)."""
    container = job_container()
    env = {"JOB_COMPLETION_INDEX": str(index)}
    for item in container["env"]:
        if "value" in item:
            env[item["name"]] = item["value"]
        elif item["valueFrom"]["resourceFieldRef"]["resource"] == "limits.cpu":  # rounded up, divisor 1
            env[item["name"]] = str(math.ceil(float(container["resources"]["limits"]["cpu"])))
    assert env["XENA_DATA"] == data_mount()
    if not ENGINE:  # the plain install: the volume's mount path is played by the folder itself
        env["XENA_DATA"] = str(data)
    return env


def mounted(data: Path) -> Path:
    """Where the runs see ``data``: the summary lines name their paths from there."""
    return Path(data_mount()) if ENGINE else data


def start(data: Path, index: int) -> subprocess.Popen:
    """One pod of the Job: the container's exact command, here or in the image."""
    command, env = job_container()["command"], pod_env(data, index)
    if ENGINE:
        pod = one("Job")["spec"]["template"]["spec"]["securityContext"]
        command = [ENGINE, "run", "--rm", "--name", f"xena2archive-job-{os.getpid()}-{index}", "--network=none",
                   "--read-only", "--tmpfs", "/tmp", "--cap-drop=ALL", "--security-opt=no-new-privileges",
                   "--user", f"{pod['runAsUser']}:{pod['runAsGroup']}", "--volume", f"{data}:{data_mount()}",
                   *(f"--env={k}={v}" for k, v in env.items()), "--entrypoint", command[0],
                   os.environ["XENA_IMAGE"], *command[1:]]
        env = {}
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", **env)
    env.pop("XENA2ARCHIVE_DEBUG", None)
    return subprocess.Popen(command, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def run_index(data: Path, index: int) -> tuple[int, str]:
    process = start(data, index)
    output, _ = process.communicate(timeout=600)
    return process.returncode, output


def kill_while_writing_tables(data: Path, index: int) -> None:
    """Start an index, SIGKILL its whole process group once its staging folder holds a JSONL."""
    stem = Path(list(BACKUPS)[index]).stem
    process = start(data, index)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if any((data / "archives").glob(f".{stem}.xena2archive-*.tmp/data/tables/*.jsonl")):
            break
        time.sleep(0.002)
    assert process.poll() is None, "the run ended before it could be killed midway"
    if ENGINE:  # the container's processes are not the client's children
        subprocess.run([ENGINE, "kill", "--signal", "KILL", f"xena2archive-job-{os.getpid()}-{index}"],
                       check=True, capture_output=True)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.01)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def lines(data: Path, name: str) -> list[dict]:
    path = data / "summaries" / (name.removesuffix(".zip") + ".jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def overview(data: Path) -> str:
    """tools/summaries over the batch, as the README says to run it; what it prints."""
    return subprocess.run([sys.executable, TOOLS / "summaries", data / "summaries", "--expect", data / "backups.txt",
                           "--csv", data / "overview.csv", "--html", data / "overview.html"],
                          capture_output=True, text=True, check=True).stdout


def snapshot(folder: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.mark.slow
def test_the_job_over_a_folder_of_backups_survives_a_killed_run(data):
    assert ENGINE or shutil.which("xena2archive", path=str(BIN)), f"no xena2archive in {BIN}: run with the venv"
    if ENGINE and os.getuid() == 0:  # the volume belongs to the pod's user, as fsGroup makes it in a cluster
        pod = one("Job")["spec"]["template"]["spec"]["securityContext"]
        for path in [data, *data.rglob("*")]:
            os.chown(path, pod["runAsUser"], pod["runAsGroup"])
    names = list(BACKUPS)
    archives, seen = data / "archives", mounted(data) / "archives"

    # first pass: every index once; the third is killed while it writes its tables
    first = {}
    for index in range(len(names)):
        if index == KILLED:
            kill_while_writing_tables(data, index)
        else:
            first[index] = run_index(data, index)
    assert [first[i][0] for i in (0, 1, 3)] == [0, 0, 3], first  # exit 1 (findings) is a success for the Job
    assert f"archive written to {seen / 'kunder/Hansen & Søn'}" in first[1][1]
    assert "not a readable zip" in first[3][1]
    assert not (archives / "Tømrer").exists()  # a killed run never leaves an out/ ...
    assert list(archives.glob(".Tømrer.xena2archive-*.tmp"))  # ... only its staging folder
    assert lines(data, names[KILLED]) == []  # and no summary line: SIGKILL gives it no chance
    kept = {name: snapshot(archives / name.removesuffix(".zip")) for name in names[:2]}
    assert "4 backups: 2 failed, 2 needs a look, 0 done" in overview(data)  # the killed one is missed

    # an index past the end of the list fails plainly
    code, output = run_index(data, len(names))
    assert code == 2 and f"has no line {len(names) + 1}" in output

    # second pass, as after a crash: the whole batch again
    second = {index: run_index(data, index) for index in range(len(names))}
    assert [second[i][0] for i in range(len(names))] == [0, 0, 0, 3], second
    assert not list(archives.glob(".*.tmp"))  # the killed run's staging folder is gone

    statuses = {name: [line["status"] for line in lines(data, name)] for name in names}
    assert statuses == {
        "Bageriet Ærø.zip": ["archived", "already archived"],
        "kunder/Hansen & Søn.zip": ["archived", "already archived"],
        "Tømrer.zip": ["archived"],  # converted only now
        "<Skadet>.zip": ["failed", "failed"],
    }
    for name in names[:2]:
        assert snapshot(archives / name.removesuffix(".zip")) == kept[name], f"{name} was written again"
    # the exit code of each conversion: 1 (findings) for all three (Bageriet's DocumentDto rows name files
    # its zip lacks; the other two hold the sample's PNG receipt named .pdf); a line saying "already
    # archived" has 0, as nothing was done
    codes = {name: [line["exit_code"] for line in lines(data, name)] for name in names}
    assert codes == {"Bageriet Ærø.zip": [1, 0], "kunder/Hansen & Søn.zip": [1, 0], "Tømrer.zip": [1],
                     "<Skadet>.zip": [3, 3]}
    for name in names[:3]:
        *_, last = lines(data, name)
        out = archives / name.removesuffix(".zip")
        assert last["out"] == str(seen / name.removesuffix(".zip"))
        assert last["backup"] == str(mounted(data) / "backups" / name)
        assert last["counts"]["rows_written"] > 0
        verdict = verify(out)
        assert verdict.ok, (name, verdict.problems)
    *_, refused = lines(data, "<Skadet>.zip")
    assert refused["exit_code"] == 3 and "not a readable zip" in refused["message"]

    assert "4 backups: 1 failed, 3 needs a look, 0 done" in overview(data)
    page = (data / "overview.html").read_text(encoding="utf-8")
    assert "&lt;Skadet&gt;.zip" in page and "<Skadet>" not in page and "Hansen &amp; Søn" in page
