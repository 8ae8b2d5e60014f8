import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

EXAMPLE = REPO / "dateline" / "examples" / "harbour_talks.txt"


def dateline(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "dateline", *args], input=stdin, capture_output=True, cwd=REPO)


def test_jsonl_output_for_the_bundled_example():
    proc = dateline("analyze", "--format", "jsonl", str(EXAMPLE))
    assert proc.returncode == 0, proc.stderr.decode()
    [line] = proc.stdout.decode().splitlines()
    record = json.loads(line)
    assert record["schema"] == "dateline.article/1"
    assert record["article"]["title"] == "Ports Deal Within Reach After Two Days of Talks"
    assert any(e["type"] == "CONSULT" for e in record["events"])


def test_text_output_is_for_people():
    proc = dateline("analyze", str(EXAMPLE))
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "Amina Odhiambo" in out and "statements" in out and "events" in out


def test_stdin_and_published_fallback():
    proc = dateline("analyze", "--format", "json", "--published", "2024-01-05", "-",
                    stdin=b"Port talks\n\nMinister Amina Odhiambo said on Monday that the port would open.")
    assert proc.returncode == 0, proc.stderr.decode()
    (record,) = json.loads(proc.stdout)  # --format json is always a list
    assert record["article"]["published"] == "2024-01-05"
    assert record["statements"][0]["date"] == "2024-01-01"


def test_bad_documents_do_not_stop_the_batch(tmp_path: Path):
    (tmp_path / "a_good.txt").write_text("Talks\n\nMinister Amina Odhiambo said the port would open.")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "d_latin1.txt").write_bytes("Caf\xe9 talks went well.".encode("latin-1"))
    (tmp_path / "e_nosentence.txt").write_text("123 456 ---")
    (tmp_path / "f_huge.txt").write_bytes(b"word " * (11 * 1024 * 1024 // 5))
    proc = dateline("analyze", "--format", "jsonl", str(tmp_path), str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert len(proc.stdout.decode().splitlines()) == 1
    errors = proc.stderr.decode().splitlines()
    assert len(errors) == 6
    for name, reason in [("b_empty", "empty"), ("c_binary", "binary"), ("d_latin1", "UTF-8"),
                         ("e_nosentence", "no sentence"), ("f_huge", "too large"), ("missing", "no such file")]:
        assert any(name in e and reason in e for e in errors), (name, errors)
    assert "Traceback" not in proc.stderr.decode()


@pytest.mark.parametrize("args", [["analyze", "--format", "xml", "x.txt"], ["analyze", "--published", "soon", "x.txt"], ["nonsense"]])
def test_usage_errors_exit_2(args):
    assert dateline(*args).returncode == 2


def test_an_internal_error_in_one_document_does_not_stop_the_batch(tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    import dateline.analysis.pipeline as pipeline
    from dateline.cli import app

    real = pipeline.records

    def fragile(article, doc):
        if "explode" in article.text:
            raise RuntimeError("simulated fault")
        return real(article, doc)

    monkeypatch.setattr(pipeline, "records", fragile)
    (tmp_path / "a.txt").write_text("Talks\n\nMinister Amina Odhiambo said the deal would explode.")
    (tmp_path / "b.txt").write_text("Talks\n\nMinister Amina Odhiambo said the port would open.")
    result = CliRunner().invoke(app, ["analyze", "--format", "jsonl", "--workers", "1", str(tmp_path)])
    assert result.exit_code == 1
    assert len([l for l in result.stdout.splitlines() if l.startswith("{")]) == 1
    assert "internal error (RuntimeError: simulated fault)" in result.output
