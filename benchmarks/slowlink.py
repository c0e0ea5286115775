"""Slow-link demonstration: key to settled screen over SSH on a 256 kbit/s link.

A network namespace with sshd, joined to this one by a veth pair whose both ends ``tc`` limits
to 256 kbit/s (token bucket). The OpenSSH client runs in a pty here (no compression, as by
default) and starts each program on the far side; the pty harness times each key from the
moment its bytes are written to the end of the last frame. Needs root, ``ip``, ``tc``, ``sshd``
and ``ssh``; :func:`available` says why not otherwise.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from benchmarks.term import PtyProcess, terminal_env

NS = "uft-slowlink"
HOST_IF, NS_IF = "uft-sl0", "uft-sl1"
HOST_IP, NS_IP = "10.231.77.1", "10.231.77.2"
PORT = 2222
RATE = "256kbit"
KEYS = ("down", "down", "up", "up", "j", "k", "tab", "tab", "pagedown", "home")


def available() -> str | None:
    """Why the demonstration cannot run here (None when it can)."""
    if os.geteuid() != 0:
        return "needs root (network namespaces and tc)"
    for tool in ("ip", "tc", "ssh", "ssh-keygen"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed"
    if not Path("/usr/sbin/sshd").exists():
        return "sshd is not installed (apt package openssh-server)"
    probe = subprocess.run(["ip", "netns", "add", NS + "-probe"], capture_output=True)
    if probe.returncode != 0:
        return "cannot create a network namespace: " + probe.stderr.decode().strip()
    subprocess.run(["ip", "netns", "del", NS + "-probe"], capture_output=True)
    return None


def sh(*argv: str) -> None:
    """Run a setup command; fail loudly."""
    subprocess.run(argv, check=True, capture_output=True)


@contextmanager
def slow_link() -> Iterator[None]:
    """The namespace and the limited veth pair, removed on exit."""
    subprocess.run(["ip", "netns", "del", NS], capture_output=True)
    subprocess.run(["ip", "link", "del", HOST_IF], capture_output=True)
    try:
        sh("ip", "netns", "add", NS)
        sh("ip", "link", "add", HOST_IF, "type", "veth", "peer", "name", NS_IF)
        sh("ip", "link", "set", NS_IF, "netns", NS)
        sh("ip", "addr", "add", f"{HOST_IP}/24", "dev", HOST_IF)
        sh("ip", "link", "set", HOST_IF, "up")
        inside = ("ip", "netns", "exec", NS)
        sh(*inside, "ip", "addr", "add", f"{NS_IP}/24", "dev", NS_IF)
        sh(*inside, "ip", "link", "set", NS_IF, "up")
        sh(*inside, "ip", "link", "set", "lo", "up")
        limit = ("root", "tbf", "rate", RATE, "burst", "4kb", "latency", "500ms")
        sh("tc", "qdisc", "add", "dev", HOST_IF, *limit)
        sh(*inside, "tc", "qdisc", "add", "dev", NS_IF, *limit)
        yield
    finally:
        subprocess.run(["ip", "link", "del", HOST_IF], capture_output=True)
        subprocess.run(["ip", "netns", "del", NS], capture_output=True)


@contextmanager
def sshd(tmp: Path) -> Iterator[Path]:
    """sshd in the namespace, for root with a throwaway key; yields the client key."""
    for name in ("host_key", "client_key"):
        sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp / name))
    (tmp / "authorized_keys").write_text((tmp / "client_key.pub").read_text())
    os.chmod(tmp, 0o700)
    config = tmp / "sshd_config"
    config.write_text(
        f"Port {PORT}\nListenAddress {NS_IP}\nHostKey {tmp / 'host_key'}\n"
        f"PidFile {tmp / 'sshd.pid'}\nAuthorizedKeysFile {tmp / 'authorized_keys'}\n"
        "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\nStrictModes no\nAcceptEnv LANG LC_*\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)
    daemon = subprocess.Popen(
        [
            "ip",
            "netns",
            "exec",
            NS,
            "/usr/sbin/sshd",
            "-D",
            "-f",
            str(config),
            "-E",
            str(tmp / "log"),
        ]
    )
    try:
        time.sleep(1.0)
        yield tmp / "client_key"
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def ssh_argv(key: Path, remote: str) -> list[str]:
    """The OpenSSH client running ``remote`` on the far side, on a pty."""
    options = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"]
    options += ["-o", "LogLevel=ERROR", "-o", "Compression=no"]
    return [
        "/usr/bin/ssh",
        "-tt",
        "-i",
        str(key),
        "-p",
        str(PORT),
        *options,
        f"root@{NS_IP}",
        remote,
    ]


def session(key: Path, remote: str, keys: Sequence[str]) -> tuple[float, list[float]]:
    """Start ``remote`` over the link; return start seconds and each key's settled seconds."""
    env = terminal_env()
    env.pop("COLORTERM", None)
    proc = PtyProcess.spawn(ssh_argv(key, remote), 80, 24, env=env)
    try:
        shown = proc.wait_for_text(["Missouri"], 120)
        proc.drain(1.0, limit=30)
        start = shown - proc.started
        times = []
        for name in keys:
            press = proc.press(name, settle=0.5, quiet_before=0.5)
            if press.settled is not None:
                times.append(press.settled)
        proc.finish(("q", "q", "q"), timeout=30)
    except BaseException:
        proc.kill()
        raise
    return start, times


def run() -> str:
    """The demonstration as Markdown (or why it could not run)."""
    why = available()
    if why is not None:
        return f"Slow-link demonstration not run here: {why}."
    app = shlex.quote(str(Path(sys.executable).parent / "unitedfront-tui"))
    vd = shutil.which("vd", path=str(Path(sys.executable).parent))
    rows = []
    with tempfile.TemporaryDirectory() as tmp, slow_link(), sshd(Path(tmp)) as key:
        csv = Path(tmp) / "states.csv"
        subprocess.run([*shlex.split(app), "export", "--format", "csv", "-o", str(csv)], check=True)
        base = "LANG=C.UTF-8 TERM=xterm-256color"
        programs = [
            ("unitedfront-tui", f"{base} {app}", KEYS),
            ("before (UNITEDFRONT_WIRE=0)", f"{base} UNITEDFRONT_WIRE=0 {app}", KEYS),
        ]
        if vd:
            cursor = tuple(k for k in KEYS if k != "tab")
            programs.append(("VisiData 3.4", f"{base} HOME={tmp} {vd} {csv}", cursor))
        for name, remote, keys in programs:
            print(f"[slowlink] {name}", file=sys.stderr, flush=True)
            start, times = session(key, remote, keys)
            median = statistics.median(times) * 1000 if times else float("nan")
            worst = max(times) * 1000 if times else float("nan")
            rows.append(
                f"| {name} | {start:.2f} s | {median:.0f} ms | {worst:.0f} ms | {len(times)} |"
            )
    head = (
        f"Over SSH (OpenSSH, no compression) through a veth pair limited to {RATE}/s each way "
        "(`tc` token bucket), 80x24, TERM=xterm-256color. Keys: "
        + ", ".join(KEYS)
        + " (VisiData without Tab).\n\n"
        "| program | start to first drawn list | key → settled, median | worst | keys |\n"
        "|---|---|---|---|---|"
    )
    return head + "\n" + "\n".join(rows)


if __name__ == "__main__":
    print(run())
