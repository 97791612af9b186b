"""Narrative Markdown: allow-listed HTML only, and no table cell that could stall a PDF render."""

from portal.markdown import MAKS_SPAN, render_markdown


def test_scripts_handlers_and_local_links_do_not_survive():
    html = str(render_markdown(
        '<script>alert(1)</script><p onclick="x()">a</p> [b](javascript:alert(1)) ![c](file:///etc/passwd)'
    ))
    assert "<script" not in html and "onclick" not in html
    assert "javascript:" not in html and "file:" not in html and "<img" not in html and "<a " not in html


def test_a_huge_colspan_is_capped_and_a_bad_one_dropped():
    html = str(render_markdown('<table><tr><td colspan="10000000">x</td><td rowspan="abc">y</td>'
                               '<td colspan="2">z</td></tr></table>'))
    assert f'colspan="{MAKS_SPAN}"' in html
    assert "rowspan" not in html
    assert 'colspan="2"' in html
