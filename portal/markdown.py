"""Narrative text is Markdown, rendered through an allow-list sanitiser.

Users never get raw HTML into a page or a PDF: only the tags below survive,
with no attributes that load anything (no img, no links to local files).
"""

import markdown as md
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "h3", "h4", "h5", "h6", "hr", "sub", "sup",
}
ALLOWED_ATTRIBUTES = {"ol": {"start", "type"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


# A cell spanning millions of columns takes a PDF render minutes; no narrative table needs more.
MAKS_SPAN = 50


def _batasi_span(tag, attribute, value):
    if attribute in ("colspan", "rowspan"):
        return str(min(int(value), MAKS_SPAN)) if value.isdigit() and int(value) > 0 else None
    return value


def render_markdown(text):
    """Markdown → sanitised HTML, safe to insert into a template."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    html = md.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None,
                      attribute_filter=_batasi_span)
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 with an allow-list
