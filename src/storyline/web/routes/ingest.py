"""Ingest from the browser: upload files or paste a text; the work runs as a background job
whose page shows its progress and, when it is done, what was read and what was skipped."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..jobs import UPLOAD_TYPES, Upload, UploadError, ingest_job, stage_upload
from ..pages import db_of, render
from ..security import human_size
from ..worker import Job

router = APIRouter(include_in_schema=False)
TEXT_FIELDS = ("text", "title", "source", "url", "published", "story", "story_title")


async def read_upload(request: Request) -> Upload:
    """The upload a multipart form asks for; :class:`UploadError` if it breaks a limit."""
    settings = request.app.state.settings
    try:
        form = await request.form(
            max_files=settings.max_files,
            max_fields=len(TEXT_FIELDS) + 10,
            max_part_size=settings.max_upload_bytes,
        )
    except StarletteHTTPException as exc:
        if "size" in str(exc.detail).lower():
            raise UploadError(
                "A file or the pasted text is larger than the limit of "
                f"{human_size(settings.max_upload_bytes)} per file or text.",
                413,
            ) from None
        raise UploadError(
            f"The upload could not be read: {exc.detail} (at most {settings.max_files} files "
            "per upload).",
            400,
        ) from None
    upload = Upload()
    try:
        for key in TEXT_FIELDS:
            value = form.get(key)
            if isinstance(value, str):
                setattr(upload, key, value)
        for item in form.getlist("files"):
            if not isinstance(item, UploadFile) or not item.filename:
                continue
            if item.size is not None and item.size > settings.max_upload_bytes:
                raise UploadError(
                    f"{item.filename} is {human_size(item.size)}, larger than the limit of "
                    f"{human_size(settings.max_upload_bytes)} per file.",
                    413,
                )
            upload.files.append((item.filename, await item.read()))
    finally:
        await form.close()
    return upload


def start_ingest(request: Request, upload: Upload) -> Job:
    """Stage the upload and queue its job. It writes files: call it in a worker thread
    (``run_in_threadpool``), not on the event loop, which would stall every connection."""
    settings = request.app.state.settings
    folder, names = stage_upload(upload, settings.max_upload_bytes)
    db = db_of(request)
    title = f"Ingest {len(names)} upload{'' if len(names) == 1 else 's'}: " + ", ".join(names[:3])
    if len(names) > 3:
        title += ", …"
    return db.submit("ingest", title, ingest_job(db, folder, upload, settings.max_upload_bytes))


def _form(request: Request, status: int = 200, error: str = "", upload: Upload | None = None):
    settings = request.app.state.settings
    named = db_of(request).reader().named_stories()
    return render(
        request,
        "ingest.html.j2",
        status=status,
        error=error,
        upload=upload or Upload(),
        named=sorted(named, key=lambda s: s["title"]),
        types=UPLOAD_TYPES,
        max_upload=human_size(settings.max_upload_bytes),
        max_request=human_size(settings.max_request_bytes),
        max_files=settings.max_files,
    )


@router.get("/ingest")
def ingest_form(request: Request) -> Response:
    return _form(request)


@router.post("/ingest")
async def ingest_submit(request: Request) -> Response:
    upload = Upload()
    try:
        upload = await read_upload(request)
        job = await run_in_threadpool(start_ingest, request, upload)
    except UploadError as exc:
        upload.files = []
        return _form(request, exc.status, str(exc), upload)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs")
def jobs_page(request: Request) -> Response:
    return render(request, "jobs.html.j2", jobs=db_of(request).jobs())


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: str) -> Response:
    job = db_of(request).job(job_id)
    if job is None:
        raise HTTPException(404, f"No job {job_id!r} (jobs are kept while the server runs).")
    return render(request, "job.html.j2", job=job, refresh=job.state in {"queued", "running"})
