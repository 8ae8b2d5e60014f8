"""Coverage-guided fuzzing of every reader (text, HTML, feed, WARC, WARC.gz, JSONL) with atheris.

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python bench/fuzz_readers.py [-max_total_time=300] [-runs=N] [CORPUS_DIR]

A reader may only end in Documents, Failures and Pending entries: any exception is a crash that
libFuzzer reports with the input that caused it (written to crash-*). The first byte of an input
chooses the file name (and so the reader a name suggests); the kind is judged from the content.
"""

from __future__ import annotations

import os
import sys
import tempfile
import warnings

import atheris

with atheris.instrument_imports():
    from dateline.ingest.sources import Document, Failure, Pending, iter_documents

NAMES = ["doc.txt", "page.html", "feed.xml", "records.jsonl", "crawl.warc", "crawl.warc.gz", "file.gz", "file"]
FOLDER = tempfile.mkdtemp(prefix="dateline-fuzz-")


def one_input(data: bytes) -> None:
    if not data:
        return
    path = os.path.join(FOLDER, NAMES[data[0] % len(NAMES)])
    with open(path, "wb") as stream:
        stream.write(data[1:])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for item in iter_documents([path]):
            assert isinstance(item, Document | Failure | Pending), type(item)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
