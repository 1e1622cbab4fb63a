"""Reading deploy/kubernetes/ for the tests: the manifests, and the Job's pod as a command to run here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "kubernetes"


def manifests() -> list[tuple[Path, dict[str, Any]]]:
    """Every resource of every YAML file, with its file."""
    found = []
    for path in sorted(DEPLOY.glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            found.extend((path, doc) for doc in yaml.safe_load_all(handle) if doc)
    return found


def one(kind: str) -> dict[str, Any]:
    [resource] = [doc for _, doc in manifests() if doc["kind"] == kind]
    return resource


def job_container() -> dict[str, Any]:
    [container] = one("Job")["spec"]["template"]["spec"]["containers"]
    return container


def data_mount() -> str:
    """Where the Job mounts the volume of backups, archives and summaries."""
    pod = one("Job")["spec"]["template"]["spec"]
    [claim] = [v["name"] for v in pod["volumes"] if "persistentVolumeClaim" in v]
    [mount] = [m["mountPath"] for m in job_container()["volumeMounts"] if m["name"] == claim]
    return mount
