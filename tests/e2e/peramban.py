"""What the browser tests share: Debian's Chromium, how a user logs in, where screenshots go."""

import os
import shutil

import pytest
from django.urls import reverse

CHROMIUM = "/usr/bin/chromium"
SANDI = "rahasia-123"  # the factories' password

# Every browser test module carries this: without Chromium a local run skips, CI never does.
WAJIB_CHROMIUM = pytest.mark.skipif(
    not shutil.which(CHROMIUM) and os.environ.get("CI") != "true",
    reason="Chromium tidak terpasang di /usr/bin/chromium (di CI tes ini wajib jalan)",
)


def login(browser, live_server, username, width=1280):
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", SANDI)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    return page


def shot(name):
    from django.conf import settings

    folder = settings.MEDIA_ROOT / "e2e-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
