"""The JSON API fuzzed from its own OpenAPI document (schemathesis): no input makes it answer 500."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from dateline.web.app import create_app

from web_fixtures import TOKEN, build_store


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    app = create_app(build_store(tmp_path_factory.mktemp("fuzz")), allow_review=True, token=TOKEN)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_api_never_answers_500(case):
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" else None)
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query} → {response.status_code}"
    if response.status_code >= 400:
        assert "error" in response.json()
