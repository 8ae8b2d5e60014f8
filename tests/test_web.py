"""The workspace app in-process (Starlette's test client): pages, the JSON API, reviews and their
survival across reanalyse, and the security rules."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from starlette.testclient import TestClient

from dateline.store.db import Store, StoreError
from dateline.web.app import create_app
from dateline.web.params import ENDPOINTS

from web_fixtures import HOSTILE, PAYLOAD, TOKEN, build_store, dateline

ATTACKS = ["' OR 1=1 --", "\"; DROP TABLE articles; --", "../../../../etc/passwd", "%00", "..%2f..%2fetc%2fpasswd",
           "<script>alert(1)</script>", "1e999", "-1", "9" * 40, "*", "NEAR(a b)", '"', "\\", "%", "_"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, allow_review=True, token=TOKEN), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def seed_id(client):
    found = client.get("/api/articles", params={"q": "Khamenei"}).json()["items"]
    assert found, "the seed article is not in the store"
    return found[0]["id"]


def test_every_page_answers(client, seed_id):
    actor = client.get("/api/actors", params={"q": "Khamenei"}).json()["items"][0]
    for path in ["/search", "/search?q=Palestinian", "/search?show=statements&q=resistance", "/search?show=events",
                 f"/article/{seed_id}", f"/actor/{actor['id']}", "/actors", "/actors?q=Haniyeh", "/network",
                 "/network?type=CONSULT", "/analyse", "/reviews", "/login"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "<h1>" in response.text or "<form" in response.text, path


def test_article_page_marks_the_direct_quote_with_its_speaker(client, seed_id):
    page = client.get(f"/article/{seed_id}").text
    assert 'class="statement direct' in page
    assert 'data-speaker="Ali Khamenei"' in page
    records = json.loads(page.split('<script type="application/json" id="records">', 1)[1].split("</script>", 1)[0])
    direct = [r for r in records.values() if r.get("record") == "statement" and r["kind"] == "direct"]
    assert any(r["speaker"] == "Ali Khamenei" and "Islamic teachings" in r["content"] for r in direct)


def test_api_lists_are_paginated(client):
    first = client.get("/api/statements", params={"limit": 3}).json()
    second = client.get("/api/statements", params={"limit": 3, "offset": 3}).json()
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    assert {(s["article_id"], s["id"]) for s in first["items"]}.isdisjoint(
        {(s["article_id"], s["id"]) for s in second["items"]})
    articles = client.get("/api/articles", params={"limit": 1}).json()
    assert articles["total"] == 3 and len(articles["items"]) == 1 and articles["facets"]["outlet"]


def test_facets_filter_the_results(client):
    everything = client.get("/api/articles").json()
    outlet, count = everything["facets"]["outlet"][0]
    narrowed = client.get("/api/articles", params={"outlet": outlet}).json()
    assert narrowed["total"] == count < everything["total"]
    assert {a["outlet"] for a in narrowed["items"]} == {outlet}


def test_bad_parameters_are_400_json_and_unknown_records_404(client):
    for path, params in [("/api/statements", {"limit": "many"}), ("/api/events", {"type": "PICNIC"}),
                         ("/api/articles", {"since": "last week"}), ("/api/statements", {"limit": 10_000})]:
        response = client.get(path, params=params)
        assert response.status_code == 400 and "error" in response.json(), (path, params)
    assert client.get("/api/articles/no-such-id").status_code == 404
    assert client.get("/api/actors/999999").json() == {"error": "no such actor"}
    assert client.get("/article/no-such-id").status_code == 404


def test_openapi_document_describes_every_api_route(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {key.split("#")[0] for key in ENDPOINTS} == set(spec["paths"])
    assert "post" in spec["paths"]["/api/reviews"] and "get" in spec["paths"]["/api/reviews"]


def test_analyse_a_pasted_article_without_storing_it(client):
    before = client.get("/api/articles").json()["total"]
    text = "Harbour Deal Signed\n\nThe mayor of Mombasa, Amina Odhiambo, said on Monday that \"the port will reopen\"."
    record = client.post("/api/analyze", json={"text": text, "published": "2024-03-11"}).json()
    assert record["statements"] and "the port will reopen" in record["statements"][0]["content"]["text"]
    page = client.post("/analyse", data={"text": text})
    assert page.status_code == 200 and "not stored" in page.text and "the port will reopen" in page.text
    assert client.get("/api/articles").json()["total"] == before
    assert client.post("/api/analyze", json={"text": ""}).status_code == 400
    assert client.post("/api/analyze", content=b"not json", headers={"content-type": "application/json"}).status_code == 400


# ------------------------------------------------------------------ security

def test_security_headers_on_every_response(client, seed_id):
    for path in ["/search", f"/article/{seed_id}", "/api/articles", "/static/app.js", "/no-such-page"]:
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"


def test_article_derived_strings_are_escaped(client):
    for path in ["/article/hostile-1", "/search?q=budget", "/search", "/search?show=statements&q=budget", "/actors",
                 "/search?outlet=" + HOSTILE["outlet"]]:
        page = client.get(path).text
        assert PAYLOAD not in page, path
        assert "<script>window.__xss" not in page and "<img src=x" not in page, path
    page = client.get("/article/hostile-1").text
    assert "&lt;script&gt;" in page
    assert 'href="javascript:' not in page  # a javascript: URL is shown, never linked


def test_injection_and_traversal_strings_never_cause_a_server_error(client):
    for attack in ATTACKS:
        for key, endpoint in ENDPOINTS.items():
            if endpoint.method != "get":
                continue
            path = key.split("#")[0]
            for name in endpoint.path_params:
                path = path.replace("{" + name + "}", attack)
            for param in endpoint.params or [None]:
                response = client.get(path, params={param.name: attack} if param else None)
                assert response.status_code < 500, (path, param and param.name, attack)
        for path in ["/search?q=", "/search?speaker=", "/actors?q=", "/network?actor=", "/article/", "/actor/",
                     "/static/"]:
            assert client.get(path + attack).status_code < 500, (path, attack)
    assert client.get("/static/../../pyproject.toml").status_code == 404
    # The tables are all still there.
    assert client.get("/api/articles").json()["total"] == 3


def test_writes_need_the_token_and_forms_need_their_csrf_token(client, seed_id):
    review = {"target": "statement", "article_id": seed_id, "record_id": "s1", "field": "verdict", "value": "wrong"}
    assert client.post("/api/reviews", json=review).status_code == 401
    assert client.post("/api/reviews", json=review, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/review", data=review).status_code == 403
    assert client.post("/login", data={"token": "wrong"}).status_code == 401
    assert client.get("/api/reviews").json()["items"] == []


def test_reviewing_is_off_unless_allowed(db):
    closed = TestClient(create_app(db), raise_server_exceptions=False)
    review = {"target": "statement", "article_id": "x", "record_id": "s1", "field": "verdict", "value": "wrong"}
    assert closed.post("/api/reviews", json=review, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 403
    assert closed.get("/login").status_code == 403


def test_request_bodies_are_limited(client):
    response = client.post("/api/analyze", content=b"{" + b" " * 3_000_000 + b"}",
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_readers_cannot_write(db):
    store = Store(db, readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.db.execute("DELETE FROM articles")
    store.close()
    with pytest.raises(StoreError, match="no store"):
        Store(db.parent / "missing.db", readonly=True)


# ------------------------------------------------------------------ reviews

def test_reviews_are_applied_shown_exported_and_survive_reanalyze(db, tmp_path):
    copy = tmp_path / "reviewed.db"
    shutil.copy(db, copy)
    client = TestClient(create_app(copy, allow_review=True, token=TOKEN), raise_server_exceptions=False)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    seed = client.get("/api/articles", params={"q": "Khamenei"}).json()["items"][0]["id"]
    said = client.get("/api/statements", params={"article": seed, "limit": 100}).json()["items"]
    wrong, renamed = said[0], said[1]
    for review in [{"record_id": wrong["id"], "field": "verdict", "value": "wrong"},
                   {"record_id": renamed["id"], "field": "speaker", "value": "Supreme Leader's office"}]:
        response = client.post("/api/reviews", json={"target": "statement", "article_id": seed, **review,
                                                     "reviewer": "tester"}, headers=auth)
        assert response.status_code == 201, response.text
        assert response.json()["reviewer"] == "tester"
    assert client.post("/api/reviews", json={"target": "event", "article_id": seed, "record_id": "e1",
                                             "field": "type", "value": "PICNIC"}, headers=auth).status_code == 400

    def check() -> None:
        listed = {s["id"]: s for s in client.get("/api/statements", params={"article": seed, "limit": 100}).json()["items"]}
        assert listed[wrong["id"]]["review"] == {"verdict": "wrong"}
        reviewed = client.get("/api/statements", params={"article": seed, "limit": 100, "reviewed": "true"}).json()["items"]
        assert wrong["content"] not in [s["content"] for s in reviewed]
        assert {s["content"]: s["speaker"] for s in reviewed}[renamed["content"]] == "Supreme Leader's office"
        cli = dateline("statements", "--db", str(copy), "--reviewed", "--format", "json", "--limit", "500")
        rows = json.loads(cli.stdout)
        assert wrong["content"] not in [r["content"] for r in rows if r["article_id"] == seed]
        assert "Supreme Leader's office" in {r["speaker"] for r in rows}
        page = client.get(f"/article/{seed}").text
        assert "reviewed-wrong" in page and "Supreme Leader&#39;s office" in page

    check()
    proc = dateline("reanalyze", "--all", "--db", str(copy))
    assert proc.returncode == 0, proc.stderr
    check()
    out = tmp_path / "export"
    assert dateline("export", "--db", str(copy), "--format", "csv", str(out)).returncode == 0
    exported = (out / "reviews.csv").read_text(encoding="utf-8")
    assert "Supreme Leader's office" in exported and "tester" in exported


def test_review_through_the_form_after_login(db, tmp_path):
    copy = tmp_path / "form.db"
    shutil.copy(db, copy)
    client = TestClient(create_app(copy, allow_review=True, token=TOKEN), raise_server_exceptions=False)
    assert client.post("/login", data={"token": TOKEN}, follow_redirects=False).status_code == 303
    page = client.get("/article/hostile-1").text
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    statement = client.get("/api/statements", params={"article": "hostile-1"}).json()["items"][0]
    form = {"target": "statement", "article_id": "hostile-1", "record_id": statement["id"], "field": "verdict",
            "value": "correct"}
    assert client.post("/review", data={**form, "csrf": "forged"}).status_code == 403
    response = client.post("/review", data={**form, "csrf": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/api/reviews").json()["items"][0]["value"] == "correct"
