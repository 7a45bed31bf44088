"""A throwaway PostgreSQL cluster for the tests: initdb and pg_ctl on a Unix socket in /tmp."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

# PostgreSQL refuses to run as root; the tests then run its programs as this system user.
SERVER_USER = "postgres"
SUPERUSER = "postgres"  # the cluster's own superuser, whoever runs the server
PORT = 5432  # only names the socket file: the server listens on no TCP port


def postgres_bin() -> Path | None:
    """The newest PostgreSQL's bin folder on this machine (Debian's layout), or None."""
    found = sorted(
        (p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1]
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _as_server_user() -> dict[str, Any]:
    """subprocess arguments that run a PostgreSQL program as a user it accepts."""
    return {"user": SERVER_USER} if os.geteuid() == 0 else {}


@dataclass
class Cluster:
    """A running PostgreSQL cluster that only listens on a socket in its own folder."""

    bin: Path
    folder: Path
    _names: count[int] = field(default_factory=lambda: count(1))

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str = "postgres", login: str = SUPERUSER) -> str:
        """A SQLAlchemy URL for a database of this cluster (psycopg 3, over the socket)."""
        return f"postgresql+psycopg://{login}@/{database}?host={self.socket}&port={PORT}"

    def conninfo(self, database: str = "postgres", login: str = SUPERUSER) -> str:
        """A libpq connection string, for psycopg directly."""
        return f"host={self.socket} port={PORT} dbname={database} user={login}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            check=check,
            capture_output=True,
            text=True,
            timeout=120,
            **_as_server_user(),
        )

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.socket}' -c port={PORT} "
            # fsync only guards against the machine losing power; a killed server loses
            # nothing acknowledged without it, and the tests run much faster.
            "-c fsync=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def reload(self) -> None:
        """Make the server read its configuration again (pg_hba.conf, say)."""
        self._run("pg_ctl", "-D", str(self.data), "reload")

    def stop(self) -> None:
        """Stop the server quickly (open sessions are ended)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)

    def kill(self) -> None:
        """Kill the server with SIGKILL, as a crash would, and wait until it is gone."""
        pid_file = self.data / "postmaster.pid"
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, signal.SIGKILL)
        for _ in range(600):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)  # waiting for another process to go away, not for our own code
        # The backends outlive a killed postmaster briefly; they exit once they notice.
        for _ in range(600):
            done = subprocess.run(["pgrep", "-f", f"postgres: .*{self.data}"], capture_output=True)
            if done.returncode != 0:
                break
            time.sleep(0.05)

    def new_database(self, prefix: str = "test") -> str:
        """Create an empty database and return its name."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.conninfo(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending whatever sessions still use it."""
        import psycopg

        with psycopg.connect(self.conninfo(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def remove(self) -> None:
        """Stop the server and delete its files."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(bin: Path) -> Cluster:
    """initdb a new cluster in a fresh folder under /tmp and start it."""
    # Not under pytest's tmp_path: that is private to the user running the tests, and the
    # server may run as another one.
    folder = Path(tempfile.mkdtemp(prefix="planner-pg-"))
    cluster = Cluster(bin, folder)
    cluster.socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_USER)
        shutil.chown(cluster.socket, SERVER_USER)
    try:
        cluster._run(
            "initdb", "-D", str(cluster.data), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        cluster.start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return cluster
