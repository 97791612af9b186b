"""HTML from a template, and PDF bytes from that HTML (the screen preview renders the same template).

WeasyPrint fetches every URL the HTML points at. User text is sanitised
before it reaches a template (portal.markdown), and this fetcher answers
only the project's own static files, so a document can never read a local
file or call the network.
"""

import hashlib
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")


def _static_path(url):
    path = unquote(urlparse(url).path)
    if not path.startswith(STATIC_PREFIX):
        return None
    relative = path[len(STATIC_PREFIX):]
    found = finders.find(relative)
    if found:
        return Path(found)
    candidate = (Path(settings.STATIC_ROOT) / relative).resolve()
    if Path(settings.STATIC_ROOT).resolve() in candidate.parents and candidate.is_file():
        return candidate
    return None


class _FetcherStatis:
    """Serve /static/... from the project; refuse everything else.

    WeasyPrint 70 expects a fetcher to answer a URLFetcherResponse and to
    carry `_fail_on_errors` (False: a refused URL is left out of the document
    with a warning, the render goes on). A plain function returning a dict
    failed on the first stylesheet or image a template linked.
    """

    _fail_on_errors = False

    def __call__(self, url, *args, **kwargs):
        from weasyprint.urls import URLFetcherResponse

        path = _static_path(url)
        if path is None:
            raise ValueError(f"Sumber eksternal tidak diizinkan dalam dokumen: {url}")
        mime, _ = mimetypes.guess_type(str(path))
        return URLFetcherResponse(url, body=path.read_bytes(),
                                  headers={"Content-Type": mime or "application/octet-stream"})


static_only_fetcher = _FetcherStatis()


def sidik(data):
    """SHA-256 of a document's HTML or PDF (text as UTF-8): same document, same hash."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def render_html(template_name, context):
    return render_to_string(template_name, context)


def html_to_pdf(html):
    from weasyprint import HTML

    return HTML(string=html, base_url="http://sakip.local/", url_fetcher=static_only_fetcher).write_pdf()
