import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The Renja PDF is stored under MEDIA_ROOT: each test writes to a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
