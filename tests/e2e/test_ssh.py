"""Over real SSH: a private sshd on 127.0.0.1, the OpenSSH client in tmux at 80x24.

The daemon uses throwaway host and client keys in a temporary directory, no PAM and no
passwords, and is killed when the test ends.
"""

from __future__ import annotations

import getpass
import os
import re
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux import COMMAND, require, tmux_session

pytestmark = pytest.mark.e2e

SSHD = "/usr/sbin/sshd"
HELP = "━ Keys ━"
ABOUT = "About this da"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def keygen(path: Path) -> None:
    """Make an ed25519 key pair without a passphrase."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "uft-test", "-f", str(path)],
        check=True,
        timeout=30,
    )


def sshd_config(tmp: Path, port: int, user: str) -> Path:
    """A config that lets only ``user``, with the throwaway key, log in on ``port``."""
    config = tmp / "sshd_config"
    config.write_text(
        f"""Port {port}
ListenAddress 127.0.0.1
HostKey {tmp / "host_key"}
PidFile {tmp / "sshd.pid"}
AuthorizedKeysFile {tmp / "authorized_keys"}
AllowUsers {user}
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
PrintMotd no
PrintLastLog no
AcceptEnv LANG LC_*
LogLevel ERROR
"""
    )
    return config


def wait_listening(port: int, daemon: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until sshd accepts connections; fail with its log if it died."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            raise AssertionError(f"sshd exited ({daemon.returncode}): {log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"sshd did not listen on {port}: {log.read_text()}")


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[tuple[int, Path, str]]:
    """A running private sshd: yields (port, client key, user); killed afterwards."""
    require(SSHD, "ssh", "ssh-keygen", "tmux")
    if os.geteuid() == 0 and not Path("/run/sshd").is_dir():
        Path("/run/sshd").mkdir(mode=0o755, parents=True)  # sshd's privilege separation dir
    keygen(tmp_path / "host_key")
    keygen(tmp_path / "client_key")
    shutil.copy(tmp_path / "client_key.pub", tmp_path / "authorized_keys")
    user = getpass.getuser()
    port = free_port()
    log = tmp_path / "sshd.log"
    with log.open("wb") as err:
        daemon = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(sshd_config(tmp_path, port, user))],
            stdin=subprocess.DEVNULL,
            stdout=err,
            stderr=err,
        )
    try:
        wait_listening(port, daemon, log)
        yield port, tmp_path / "client_key", user
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()


def test_explorer_over_ssh(sshd: tuple[int, Path, str], tmp_path: Path) -> None:
    """ssh -t into the explorer: list, filter, move, help, about, quit; exit 0, no traceback."""
    port, key, user = sshd
    ssh = [
        "ssh",
        "-t",
        "-F",
        "/dev/null",
        "-p",
        str(port),
        "-i",
        str(key),
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        f"{user}@127.0.0.1",
        # The remote side keeps its first frames in this test's cache, not the user's.
        "env",
        shlex.quote(f"XDG_CACHE_HOME={os.environ['XDG_CACHE_HOME']}"),
        shlex.quote(str(COMMAND)),
    ]
    with tmux_session(tmp_path) as session:
        session.start(ssh, (80, 24), {"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        screen = session.wait_for("102")
        assert "Kentucky" in screen and "South Dakota" in screen, screen
        session.keys("/")
        session.type("dak")
        session.wait_for("2 of 12")
        # The detail pane follows the list a frame later: read the settled screen.
        screen = session.settle()
        # Kentucky's row is gone from the list (other sources' names may mention Kentucky).
        assert "North Dakota" in screen and not re.search(r"KY +Kentucky", screen)
        session.keys("Enter", "j")
        session.wait_for("South Dakota (SD)")
        session.keys("k")
        session.wait_for("North Dakota (ND)")
        session.keys("c")
        session.wait_for("Kentucky")
        session.keys("?")
        session.wait_for(HELP)
        session.keys("q")
        session.wait_gone(HELP)
        session.keys("i")
        session.wait_for(ABOUT)
        session.keys("Escape")
        session.wait_gone(ABOUT)
        session.keys("q")
        status = session.wait_exit()
        history = session.history()
    assert status == 0, history
    assert "Traceback" not in history, history
