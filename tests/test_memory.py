"""``memory.give_back``: memory the process freed goes back to the system, where glibc keeps it."""

from __future__ import annotations

import json
import platform
import subprocess
import sys

import pytest

from helpers import subprocess_env

PROBE = """
import gc, json, resource
from xena2archive import memory

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() // 2**20

held = [bytes(2000) for _ in range(60_000)]  # 120 MB from malloc (too big for Python's small-object pools)
last = bytes(2000)  # allocated after them: the heap's top stays in use, so glibc cannot shrink it by itself
full = rss()
del held
gc.collect()
freed = rss()
memory.give_back()
print(json.dumps({"full": full, "freed": freed, "given": rss(), "last": len(last)}))
"""


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc's malloc_trim")
def test_freed_memory_is_given_back() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], env=subprocess_env(), capture_output=True, text=True,
                          timeout=120, check=True)
    found = json.loads(done.stdout)
    assert found["full"] - found["freed"] < 20, found  # freed, but kept by the allocator
    assert found["freed"] - found["given"] > 100, found  # given back
