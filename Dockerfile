# syntax=docker/dockerfile:1
# Portal SAKIP: one image for the web process (gunicorn) and the Celery worker.
#   docker build -t portal-sakip .
#   docker compose up        (see compose.yaml: postgres, redis, web, worker)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# What WeasyPrint needs at run time: Pango (with its FreeType/fontconfig
# backend) and HarfBuzz (with the subsetter, for small embedded fonts),
# fonts for the PDFs (DejaVu, and Liberation as the metric-compatible
# Arial/Times/Courier that Indonesian government documents name), and
# shared-mime-info so GdkPixbuf/Pango can tell image types apart.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-liberation2 \
        shared-mime-info \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/*

# Unprivileged user that runs everything; uid/gid 1000 so that a bind-mounted
# media folder of a typical host user stays writable.
RUN groupadd --system --gid 1000 app \
 && useradd --system --uid 1000 --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so that a code change does
# not reinstall them (this layer is rebuilt only when pyproject.toml changes).
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt

# The project itself. `pip install .` puts the packages in site-packages too;
# PYTHONPATH makes /app win, so that settings.BASE_DIR is /app and templates/,
# static/ and fixtures/ are found by gunicorn, manage.py and the Celery worker.
COPY --chown=app:app . .
RUN pip install --no-deps . \
 && rm -rf build ./*.egg-info \
 && mkdir -p /app/media /app/staticfiles \
 && chown app:app /app/media /app/staticfiles

ENV PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=portal.settings \
    MEDIA_ROOT=/app/media

USER app

# Static files are collected into the image (served by whitenoise). The
# SECRET_KEY and ALLOWED_HOSTS here exist only for this one command: they are
# not ENV and do not reach the running container, which must be given its own.
RUN SECRET_KEY=collectstatic-build-only-not-a-secret \
    ALLOWED_HOSTS=build.invalid \
    DEBUG=0 \
    python manage.py collectstatic --noinput

EXPOSE 8000

# /healthz answers 200 when the process and the database answer. The request
# carries a Host from ALLOWED_HOSTS (the first entry; localhost for '*') and
# X-Forwarded-Proto: https, so that neither the host check nor
# SECURE_SSL_REDIRECT turns it into a 400 or a redirect.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request as u; h = (os.environ.get('ALLOWED_HOSTS') or 'localhost').split(',')[0].strip().lstrip('*.') or 'localhost'; r = u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h, 'X-Forwarded-Proto': 'https'}), timeout=8); sys.exit(0 if r.status == 200 else 1)"]

# Extra gunicorn options (e.g. --timeout 120) can be given in GUNICORN_CMD_ARGS.
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
