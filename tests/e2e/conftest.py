import os

import pytest

from tests.e2e.peramban import CHROMIUM


@pytest.fixture
def browser():
    # Playwright's sync API runs an event loop in this thread; the test's own
    # database reads between browser steps are still plain synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser
        browser.close()
