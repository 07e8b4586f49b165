"""Offline means offline: the demo flow on the offline engine, traced with strace, opens no
socket beyond loopback, resolves no name, and writes no file outside the study and
guideagent's own config, data and cache folders.

onnxruntime 1.29+ starts a telemetry thread about 9 s after the embedding model loads
(a DNS lookup of mobile.events.data.microsoft.com, and files under
~/.cache/Microsoft/DeveloperTools/), so the traced process stays alive long enough after
the flow for that thread to have fired.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

LINGER_SECONDS = 12  # the telemetry thread fires ~9 s after the model loads
FLOW = f"""
import sys, time
from guideagent.cli import main
code = main(["demo", "--no-tui"])
time.sleep({LINGER_SECONDS})
sys.exit(code)
"""
# Reading these means a host name is being resolved.
RESOLVER_FILES = ("/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/gai.conf")
_ADDRESS = re.compile(r'inet_addr\("(?P<ip4>[^"]+)"\)|inet_pton\(AF_INET6, "(?P<ip6>[^"]+)"')
_NET_CALL = re.compile(r"^\d+\s+(?P<call>connect|sendto|sendmsg|bind)\(\d+, \{sa_family=AF_INET6?")
_WRITE_OPEN = re.compile(
    r'^\d+\s+(?:openat|open|creat)\((?:AT_FDCWD, )?"(?P<path>[^"]+)", (?P<flags>[^,)]+)'
)
_PATH_CHANGE = re.compile(
    r'^\d+\s+(?:mkdir|mkdirat|rename|renameat2?|unlink|unlinkat|rmdir|link|symlink)\((?:[^"]*?)"(?P<path>[^"]+)"'
)


def _strace_works(tmp_path: Path) -> str | None:
    if shutil.which("strace") is None:
        return "strace is not installed (.ci/run installs it on Debian CI)"
    probe = subprocess.run(
        ["strace", "-f", "-o", str(tmp_path / "probe.txt"), "true"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return f"strace cannot trace here: {probe.stderr.strip()[:200]}"
    return None


def _allowed_write(path: str, tmp: Path) -> bool:
    if not path.startswith("/"):
        return True  # relative to the process's working folder, inside tmp
    return path.startswith((str(tmp) + "/", "/dev/", "/proc/self/", "/proc/thread-self/"))


def test_offline_demo_opens_no_socket_and_writes_no_stray_file(tmp_path):
    reason = _strace_works(tmp_path)
    if reason:
        pytest.skip(reason)
    home, temp, cwd = tmp_path / "home", tmp_path / "tmp", tmp_path / "cwd"
    for folder in (home, temp, cwd):
        folder.mkdir()
    # ISOLATION_PYTHONPATH lets you try another onnxruntime before moving its pin, e.g.
    # `pip install --target /tmp/ort onnxruntime==1.32.0` then ISOLATION_PYTHONPATH=/tmp/ort.
    env = {
        **(
            {"PYTHONPATH": os.environ["ISOLATION_PYTHONPATH"]}
            if "ISOLATION_PYTHONPATH" in os.environ
            else {}
        ),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "TMPDIR": str(temp),
        "PYTHONDONTWRITEBYTECODE": "1",
        "GUIDEAGENT_ENGINE": "offline",
    }
    trace = tmp_path / "trace.txt"
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=network,file", "-o", str(trace)]
        + [sys.executable, "-c", FLOW],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Report:" in done.stdout

    lines = trace.read_text(errors="replace").splitlines()
    internet = []
    for line in lines:
        call = _NET_CALL.search(line)
        if call:
            address = _ADDRESS.search(line)
            ip = (address["ip4"] or address["ip6"]) if address else "?"
            if not (ip.startswith("127.") or ip == "::1"):
                internet.append(line)
    assert internet == [], "network calls beyond loopback:\n" + "\n".join(internet[:10])

    resolving = [line for line in lines if any(f'"{f}"' in line for f in RESOLVER_FILES)]
    assert resolving == [], "name resolution:\n" + "\n".join(resolving[:10])

    stray = []
    for line in lines:
        if "= -1" in line:
            continue
        opened = _WRITE_OPEN.search(line)
        writes = opened and re.search(r"O_WRONLY|O_RDWR|O_CREAT", opened["flags"])
        if writes and not _allowed_write(opened["path"], tmp_path):
            stray.append(line)
        changed = _PATH_CHANGE.search(line)
        if changed and not _allowed_write(changed["path"], tmp_path):
            stray.append(line)
    assert stray == [], "writes outside the study and guideagent's folders:\n" + "\n".join(
        stray[:10]
    )

    ours = [home / ".config" / "guideagent", home / ".cache" / "guideagent"]
    ours.append(home / ".local" / "share" / "guideagent")
    left = [
        p
        for p in home.rglob("*")
        if p.is_file() and not any(p.is_relative_to(folder) for folder in ours)
    ]
    assert left == [], f"files outside guideagent's own folders: {left}"
