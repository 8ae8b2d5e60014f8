"""Several worker processes give exactly the output of one."""

import json
import subprocess
import sys

from conftest import REPO


def test_two_workers_match_one_process(tmp_path):
    for n in range(6):
        (tmp_path / f"{n}.txt").write_text(
            f"Story {n}\n\nPresident Ebrahim Raisi met Minister Amina Odhiambo in Tehran on Monday. "
            f"“We agreed on {n + 2} points,” Odhiambo said. Raisi said that trade would grow by {n} percent.")
    runs = {}
    for workers in ("1", "2"):
        proc = subprocess.run([sys.executable, "-m", "dateline", "analyze", "--format", "jsonl", "--workers", workers,
                               str(tmp_path)], capture_output=True, cwd=REPO)
        assert proc.returncode == 0, proc.stderr.decode()
        runs[workers] = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(runs["1"]) == 6
    assert runs["1"] == runs["2"]
