"""deploy/kubernetes/: valid against the Kubernetes API schemas, and the Job is what the README says.

The schemas come inside the ``kubernetes-validate`` package (no network). Strict schemas: a field
the API does not know (a typo) fails, as ``kubectl apply --validate=strict`` would.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import kubernetes_validate
import pytest

from kube import DEPLOY, data_mount, job_container, manifests, one

# The oldest Kubernetes the Job is for (backoffLimitPerIndex and podFailurePolicy are GA from 1.33),
# and the newest the package knows.
VERSIONS = ("1.33", kubernetes_validate.utils.latest_version())
RESULTS = Path(__file__).resolve().parents[2] / "bench" / "RESULTS.md"


def test_there_are_the_job_the_network_policy_and_the_volume():
    assert sorted(doc["kind"] for _, doc in manifests()) == ["Job", "NetworkPolicy", "PersistentVolumeClaim"]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_manifest_validates_against_the_kubernetes_schemas(version):
    for path, doc in manifests():
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{path.name}: {doc['kind']} is not valid for Kubernetes {version}: "
                        f"{'.'.join(map(str, error.path))}: {error.message}")


def test_the_validator_does_find_a_mistake():
    job = one("Job")
    job["spec"]["template"]["spec"]["containers"][0]["securityContext"]["runAsNonroot"] = True  # a typo
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(job, VERSIONS[0], strict=True)


def test_the_job_is_indexed_one_backup_per_index_retried_per_index():
    spec = one("Job")["spec"]
    assert spec["completionMode"] == "Indexed"
    assert spec["backoffLimitPerIndex"] >= 1 and "backoffLimit" not in spec
    assert spec["podReplacementPolicy"] == "Failed"  # never two pods on one archive
    fail_index = [r for r in spec["podFailurePolicy"]["rules"] if r["action"] == "FailIndex"]
    assert fail_index[0]["onExitCodes"]["values"] == [2, 3, 5]
    assert "JOB_COMPLETION_INDEX" in job_container()["command"][-1]


def test_the_pod_runs_as_non_root_without_network_or_api_access():
    pod = one("Job")["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
    assert pod["automountServiceAccountToken"] is False and pod["restartPolicy"] == "Never"
    container = job_container()
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    policy = one("NetworkPolicy")["spec"]
    labels = one("Job")["spec"]["template"]["metadata"]["labels"]
    assert policy["podSelector"]["matchLabels"].items() <= labels.items()
    assert set(policy["policyTypes"]) == {"Ingress", "Egress"} and policy["egress"] == [] and policy["ingress"] == []


def test_scratch_is_an_empty_dir_and_the_archives_are_on_the_claimed_volume():
    pod = one("Job")["spec"]["template"]["spec"]
    mounts = {m["mountPath"]: m["name"] for m in job_container()["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]
    claim = volumes[mounts[data_mount()]]["persistentVolumeClaim"]["claimName"]
    assert claim == one("PersistentVolumeClaim")["metadata"]["name"]
    assert one("PersistentVolumeClaim")["spec"]["accessModes"] == ["ReadWriteMany"]
    env = {e["name"]: e for e in job_container()["env"]}
    assert env["XENA_DATA"]["value"] == data_mount() and env["TMPDIR"]["value"] == "/tmp"
    assert env["XENA_JOBS"]["valueFrom"]["resourceFieldRef"]["resource"] == "limits.cpu"


def _mib(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)(Mi|Gi)", quantity).groups()
    return float(number) * (1024 if unit == "Gi" else 1)


def test_memory_is_sized_from_the_benchmark():
    """The request covers the measured peaks of a run with 2 workers (bench/RESULTS.md: a million-row
    ledger, and a batch's backups with documents) with a quarter to spare; the limit leaves room for a
    rare huge document (README, "On a cluster")."""
    text = RESULTS.read_text(encoding="utf-8")
    ledger = max(map(int, re.search(r"peak (?:RSS|PSS)[^|]*\| (\d+) MB / (\d+) MB", text).groups()))
    documents = int(re.search(r"(\d+) MB at `--jobs 2`", text).group(1))
    peak_mib = max(ledger, documents) * 1e6 / 2**20
    resources = job_container()["resources"]
    assert _mib(resources["requests"]["memory"]) >= 1.25 * peak_mib
    assert _mib(resources["limits"]["memory"]) >= 2 * _mib(resources["requests"]["memory"])
    assert math.ceil(float(resources["limits"]["cpu"])) == 2  # the workers the peaks were measured with
    assert float(resources["requests"]["cpu"]) <= float(resources["limits"]["cpu"])


def test_the_deploy_folder_holds_only_manifests():
    assert sorted(p.suffix for p in DEPLOY.iterdir()) == [".yaml"] * len(list(DEPLOY.iterdir()))
