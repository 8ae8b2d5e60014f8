"""Documents of hostile shapes: the seconds and peak memory of each, and how it ended.

    .venv/bin/python bench/hostile.py [--json FILE]

Each document is analysed by its own `dateline analyze` process (default limits), so its peak
memory is its own. The targets: no document over 1.5 GB, none over 60 s, none that hangs.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "corpus" / "polnear" / "train" / "text"
WORDS = "the minister said police arrested protesters in the capital on Monday after talks failed".split()


def _news(chars: int) -> str:
    """Real news paragraphs (PolNeAR train) up to ``chars`` characters: a long text of a normal shape."""
    parts, size = [], 0
    for path in sorted(NEWS.iterdir()):
        parts.append(path.read_text(encoding="utf-8"))
        size += len(parts[-1]) + 2
        if size > chars:
            break
    return "\n\n".join(parts)[:chars]


def shapes() -> dict[str, tuple[str, list[str]]]:
    rng = random.Random(7)
    words = lambda n: " ".join(rng.choice(WORDS) for _ in range(n))  # noqa: E731
    return {
        "5 MB single line": (words(800_000)[:4_900_000], []),
        "100,000 tiny paragraphs": ("\n\n".join(f"Hi there {n}, said Ann." for n in range(100_000)), []),
        "22 KB unbalanced quotes": (" ".join("“he said “she told" for _ in range(1_000)), []),
        "1,000,000 characters of news": (_news(1_000_000), []),
        "120,000 characters of news": (_news(120_000), []),
        "50 MB text, --max-mb 60": ("".join(f"Officials said talks {n} would resume. " * 30 + "\n\n" for n in range(45_000)),
                                    ["--max-mb", "60"]),
    }


def run(name: str, text: str, options: list[str], folder: Path) -> dict:
    path = folder / "doc.txt"
    path.write_text(text, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "dateline", "analyze", "--workers", "1", "--format", "jsonl",
                           *options, str(path)], capture_output=True, cwd=ROOT, timeout=600)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far (KB)
    reason = proc.stderr.decode(errors="replace").strip().splitlines()
    return {"shape": name, "characters": len(text), "seconds": round(seconds, 1),
            "peak_mb": round(peak / 1024) if peak > before else None, "exit": proc.returncode,
            "outcome": (reason[-1].split(": ", 2)[-1] if reason else "analysed")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="Also write the rows as JSON here.")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        # Smallest peak first: RUSAGE_CHILDREN keeps the largest child's peak, so a row's peak is
        # its own only when it is larger than those before (else it is shown as "-": no larger).
        for name, (text, options) in shapes().items():
            rows.append(run(name, text, options, Path(folder)))
            row = rows[-1]
            print(f"{row['shape']:<32}{row['characters']:>12,}{row['seconds']:>8} s"
                  f"{str(row['peak_mb'] or '-'):>7} MB  exit {row['exit']}  {row['outcome']}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
