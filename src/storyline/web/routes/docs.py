"""The API reference page, from local files only: Swagger UI as shipped by the
``swagger-ui-bundle-v2`` package, started by a script of ours (no inline script, no CDN).
Without that package, a plain list of the endpoints made from the OpenAPI document."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..pages import render

router = APIRouter(include_in_schema=False)


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    swagger = any(getattr(r, "name", "") == "swagger" for r in request.app.routes)
    endpoints = []
    if not swagger:
        for path, methods in request.app.openapi().get("paths", {}).items():
            for method, op in methods.items():
                endpoints.append((method.upper(), path, op.get("summary", "")))
    name = "docs_swagger.html.j2" if swagger else "docs_plain.html.j2"
    return render(request, name, endpoints=endpoints)
