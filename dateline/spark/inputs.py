"""The input files of a Spark job: local paths, globs, directories, listing files and remote URIs."""

from __future__ import annotations

import glob
import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..ingest.sources import iter_paths

_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)  # s3a://, hdfs://, gs://, abfs://, …
_GLOB = re.compile(r"[*?\[]")


@dataclass
class Inputs:
    local: list[str] = field(default_factory=list)  # files every executor can open by path
    remote: list[str] = field(default_factory=list)  # URIs (or globs) read by Spark's file systems

    def __len__(self) -> int:
        return len(self.local) + len(self.remote)


def listed_paths(listing: str, prefix: str = "") -> list[str]:
    """The paths of a listing file, one per line (``warc.paths.gz`` of CC-News, gzip or plain),
    each put after ``prefix`` when relative (``s3a://commoncrawl/``)."""
    path = Path(listing)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{listing}: cannot read the listing: {exc.strerror or exc}") from None
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    lines = [line.strip() for line in raw.decode("utf-8", errors="replace").splitlines()]
    return [line if _REMOTE.match(line) or line.startswith("/") or not prefix else prefix + line
            for line in lines if line and not line.startswith("#")]


def expand(items: list[str]) -> Inputs:
    """Sort inputs into local files (directories walked, globs expanded, in a stable order) and URIs."""
    found = Inputs()
    for item in items:
        if item.startswith("file://"):
            item = item[len("file://"):]
        if _REMOTE.match(item):
            found.remote.append(item)
        elif _GLOB.search(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise InputError(f"{item}: no file matches")
            found.local.extend(str(p) for p in iter_paths(matches))
        else:
            if not Path(item).exists():
                raise InputError(f"{item}: no such file or directory")
            found.local.extend(str(p) for p in iter_paths([item]))
    found.local = [str(Path(p).resolve()) for p in dict.fromkeys(found.local)]
    return found
