"""A statement's act: words said or written, or an intention no one said ("sought to talk")."""

import json
import sqlite3
import subprocess
import sys

import pytest

from conftest import REPO
from dateline.store.db import Store
from dateline.store.views import STATEMENT_LIST_V1


@pytest.mark.parametrize("text, act", [
    ("A bishop who sought to talk to the pope was turned away.", "intention"),
    ("SoftBank agreed to inject $6.5 billion into WeWork.", "intention"),
    ("The league's decision to suspend Garrett angered fans.", "intention"),
    ("A spokesman declined to comment.", "speech"),  # an infinitive of saying is words
    ("He refused to say whether he would run.", "speech"),
    ("The minister promised to cut taxes.", "speech"),  # a promise is a speech act
    ("They agreed that the plan had failed.", "speech"),  # a clause, not an aim
])
def test_an_aim_with_an_infinitive_is_an_intention_not_speech(run, text, act):
    [statement] = run("News\n\n" + text)["statements"]
    assert statement["act"] == act


def _dateline(*args):
    return subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, cwd=REPO)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("acts")
    (tmp / "a.txt").write_text("Deal reached\n\nSoftBank agreed to inject $6.5 billion into WeWork on Tuesday. "
                               "Marcelo Claure said the company would cut jobs.\n")
    db = tmp / "acts.db"
    proc = _dateline("ingest", "--db", str(db), "--quiet", str(tmp / "a.txt"))
    assert proc.returncode == 0, proc.stderr.decode()
    return db


@pytest.mark.parametrize("act, cue", [("intention", "agreed"), ("speech", "said")])
def test_statements_are_filtered_by_act(store, act, cue):
    proc = _dateline("statements", "--db", str(store), "--act", act, "--format", "json")
    rows = json.loads(proc.stdout)
    assert [r["cue"] for r in rows] == [cue] and rows[0]["act"] == act


def test_a_store_of_version_4_gets_the_act_of_each_statement_from_its_record(store, tmp_path):
    old = tmp_path / "v4.db"
    old.write_bytes(store.read_bytes())
    db = sqlite3.connect(old)
    db.executescript("DROP VIEW statement_list; ALTER TABLE statements DROP COLUMN act; PRAGMA user_version=4;")
    db.execute(STATEMENT_LIST_V1)
    db.commit()
    db.close()
    with Store(old) as migrated:
        assert migrated.schema_version >= 5
        acts = dict(migrated.db.execute("SELECT cue, act FROM statement_list").fetchall())
    assert acts == {"agreed": "intention", "said": "speech"}
