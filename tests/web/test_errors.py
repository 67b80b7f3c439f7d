"""The web's error answers: a library ParameterError is a 422 in the one error shape."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from hubplan.optimise.plan import Objective
from hubplan.web.errors import install_error_handlers


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app, tile_url=None)

    @app.get("/objective")
    def objective(text: str) -> dict[str, Any]:
        return {"ok": True, "objective": str(Objective.parse(text))}  # the library raises ParameterError

    return app


def test_a_bad_parameter_is_422_in_the_one_shape() -> None:
    client = TestClient(_app())
    good = client.get("/objective", params={"text": "coverage:20:car"})
    assert good.status_code == 200
    assert good.json() == {"ok": True, "objective": "coverage:20:car"}
    bad = client.get("/objective", params={"text": "coverage:20:tram"})
    assert bad.status_code == 422
    body = bad.json()
    assert set(body) == {"ok", "error", "details"}
    assert body["ok"] is False
    assert body["error"].startswith("objective: expected pmedian, pmedian:MODE or coverage:MINUTES:MODE")
    assert body["error"].endswith("; got 'coverage:20:tram'")
    assert body["details"][0] == "parameter: objective"
    assert body["details"][2] == "found: coverage:20:tram"
