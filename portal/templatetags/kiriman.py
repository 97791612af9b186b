"""{% token_kirim %}: the one-time token of a create form (portal.kiriman)."""

from django import template
from django.utils.html import format_html

from portal.kiriman import NAMA_FIELD, token_baru

register = template.Library()


@register.simple_tag
def token_kirim():
    return format_html('<input type="hidden" name="{}" value="{}">', NAMA_FIELD, token_baru())
