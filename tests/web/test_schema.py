"""The API fuzzed from its own OpenAPI schema (schemathesis, in-process): no request makes a server error.

Generated requests include malformed bodies, huge and odd numbers, strange strings in every field and
requests with and without the edit token; every answer must be a deliberate one (no 5xx), in the one
error shape when it is an error. Derandomised, and a bounded number of examples per operation.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from hubplan.web import create_app
from hubplan.web.auth import Editor
from hubplan.web.guard import Limits
from tests.web.conftest import TOKEN


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from hubplan.data import write_bundled_workspace

    folder = write_bundled_workspace(tmp_path_factory.mktemp("fuzz") / "norfolk")
    app = create_app(folder, editors=(Editor.with_token("officer", TOKEN),), limits=Limits(rate_limit=""))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_request_makes_a_server_error(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10  # every route is in the schema
    statuses: list[int] = []

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25, derandomize=True, deadline=None, database=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        def no_server_error(case: Any) -> None:
            if case.method.upper() == "POST" and case.path == "/api/scenarios":
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
            response = case.call()
            statuses.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])
            content_type = (response.headers.get("content-type") or [""])[0]  # schemathesis: lists of values
            if response.status_code >= 400 and content_type.startswith("application/json"):
                body = response.json()
                assert set(body) == {"ok", "error", "details"}, body
                assert body["ok"] is False

        no_server_error()
    assert len(statuses) >= 10 * len(operations)
    assert {200, 202, 422} <= set(statuses)  # valid requests got through, invalid ones were refused
