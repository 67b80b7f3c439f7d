"""The API's reference at ``/docs``: a plain page made from the OpenAPI schema, with no script and no CDN.

FastAPI's own ``/docs`` loads Swagger UI from a CDN, so offline it is blank and its policy has to let a
third party's script in. This page lists every route, its parameters and its request body from the same
schema (``/openapi.json``), as HTML that needs nothing but itself.
"""

from __future__ import annotations

from html import escape
from typing import Any

_METHODS = ("get", "post", "put", "patch", "delete")


def api_reference(schema: dict[str, Any]) -> str:
    """Return the HTML page documenting every route of an OpenAPI schema.

    Parameters
    ----------
    schema
        The app's OpenAPI document (``app.openapi()``).

    Returns
    -------
    str
        A self-contained HTML page: title, description, then per route its method, path, summary,
        parameters (name, where, required, type) and request body's schema name.
    """
    info = schema.get("info", {})
    title = escape(str(info.get("title", "API")))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}: the JSON API</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.4}"
        "code{background:#eee;padding:0 .2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}</style>",
        "</head><body><main>",
        f"<h1>{title} {escape(str(info.get('version', '')))}: the JSON API</h1>",
        f"<p>{escape(str(info.get('description', '')))}</p>",
        '<p>The machine-readable schema is at <a href="/openapi.json">/openapi.json</a>. Every error '
        'answers <code>{"ok": false, "error": ..., "details": [...]}</code>.</p>',
    ]
    for path, operations in sorted(schema.get("paths", {}).items()):
        for method in _METHODS:
            op = operations.get(method)
            if op is None:
                continue
            parts.append(f"<h2><code>{method.upper()} {escape(path)}</code></h2>")
            parts.append(f"<p>{escape(str(op.get('summary', '')))}</p>")
            params = op.get("parameters", [])
            if params:
                parts.append(
                    '<table><tr><th scope="col">parameter</th><th scope="col">in</th>'
                    '<th scope="col">required</th><th scope="col">type</th></tr>'
                )
                for param in params:
                    kind = _type(param.get("schema", {}))
                    required = "yes" if param.get("required") else "no"
                    parts.append(
                        f"<tr><td><code>{escape(str(param.get('name', '')))}</code></td>"
                        f"<td>{escape(str(param.get('in', '')))}</td><td>{required}</td>"
                        f"<td>{escape(kind)}</td></tr>"
                    )
                parts.append("</table>")
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                parts.append(f"<p>Body: JSON, <code>{escape(_type(body))}</code>.</p>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    return str(schema.get("type", "any"))
