"""Settings come from the environment and refuse values they cannot understand."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings import env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING", "SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings as s; print(s.DEBUG, s.LANGUAGE_CODE, s.TIME_ZONE)"],
        cwd=ROOT, env=clean, capture_output=True, text=True, check=False,
    )


def test_a_bad_boolean_stops_the_process(monkeypatch):
    monkeypatch.setenv("DEBUG", "barangkali")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


def test_a_bad_integer_stops_the_process(monkeypatch):
    monkeypatch.setenv("AXES_FAILURE_LIMIT", "lima")
    with pytest.raises(ImproperlyConfigured, match="AXES_FAILURE_LIMIT"):
        env_int("AXES_FAILURE_LIMIT", 5)


def test_production_needs_a_secret_key():
    result = load_settings(DEBUG="0", ALLOWED_HOSTS="sakip.example.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_needs_allowed_hosts():
    result = load_settings(DEBUG="0", SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_debug_runs_without_configuration_in_indonesian_time():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "id", "Asia/Jakarta"]


def test_cache_url_must_name_a_redis_server():
    result = load_settings(DEBUG="1", CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


def test_a_redis_cache_url_gives_one_cache_shared_by_every_worker():
    from django.core.cache.backends.redis import RedisCache

    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings as s; print(s.CACHES['default']['BACKEND'])"],
        cwd=ROOT, env={**os.environ, "DEBUG": "1", "CACHE_URL": "redis://127.0.0.1:6379/1"},
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{RedisCache.__module__}.{RedisCache.__name__}"
