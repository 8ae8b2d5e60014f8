"""Stores for the workspace tests: the seed article, the bundled example and an article whose every
field carries a script payload; and a live server on loopback for the browser tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "corpus" / "seed"
TOKEN = "test-token-5d1f"
PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'

HOSTILE = {
    "id": "hostile-1",
    "title": f"Mayor {PAYLOAD} Resigns",
    "url": "javascript:window.__xss=1",
    "published": "2024-05-02T09:00:00+00:00",
    "outlet": f"Gazette {PAYLOAD}",
    "text": (f"Mayor {PAYLOAD} Resigns\n\n"
             f"Mayor Johann Brightwater said on Tuesday that \"the {PAYLOAD} budget is broken\".\n\n"
             f"\"We will rebuild it,\" Brightwater told reporters in Leeds. Police arrested two protesters {PAYLOAD}."),
}


def dateline(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, **(env or {})})


def build_store(folder: Path) -> Path:
    """A store holding the seed article, the bundled example and the hostile article."""
    if not SEED.is_dir():
        raise AssertionError(f"the shared corpus is missing: expected the seed article at {SEED}")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "workspace.db"
    proc = dateline("ingest", "--db", str(db), "--quiet", "--workers", "1", str(SEED),
                    str(REPO / "dateline" / "examples"), str(hostile))
    assert proc.returncode == 0, proc.stderr
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """``dateline serve --allow-review`` in a subprocess, on a free loopback port."""

    def __init__(self, db: Path):
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> LiveServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dateline", "serve", "--db", str(self.db), "--port", str(self.port), "--allow-review"],
            cwd=REPO, env={**os.environ, "DATELINE_TOKEN": TOKEN}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/api/openapi.json", timeout=2).read()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError(f"dateline serve died: {self.process.stderr.read().decode()}") from None
                time.sleep(0.2)
        raise AssertionError("dateline serve did not answer within 60 s")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
