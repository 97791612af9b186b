"""Test settings: the production settings with a dev key and fast hashing."""

import os

os.environ.setdefault("TESTING", "1")

from portal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = True
AXES_ENABLED = True
# Tests never run collectstatic; let WhiteNoise find files per request instead of
# warning that STATIC_ROOT does not exist.
WHITENOISE_AUTOREFRESH = True
