# The Safer Neighbourhoods image: one image for the web server (the default command) and the worker
# (`sn worker`), with the production settings. docs/deploy.md says how to configure and run it.
#
#   docker build -t safer-neighbourhoods .
#
# PYTHON_IMAGE may name a mirror of the same image (a force's own registry).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- builder: the locked runtime dependencies as wheels, installed into a virtualenv ---
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /build
COPY pyproject.toml requirements.lock ./
# The runtime dependencies are pyproject.toml's (not the test extras: no browser, no test tools),
# pinned to the versions requirements.lock was tested with. Then the `sn` command, as pyproject.toml's
# script entry makes it, for the source in /app.
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" \
        > runtime.txt \
    && pip wheel --wheel-dir /wheels -r runtime.txt -c requirements.lock \
    && python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-index --find-links /wheels -r runtime.txt -c requirements.lock \
    && printf '#!/opt/venv/bin/python\nimport sys\n\nfrom sn.cli import main\n\nsys.exit(main())\n' \
        > /opt/venv/bin/sn \
    && chmod 755 /opt/venv/bin/sn

# --- the image: Python, the virtualenv, the source and the collected static files ---
FROM ${PYTHON_IMAGE}
# postgresql-client: pg_dump and pg_restore for `sn backup` and `sn restore` (version 15, as the
# database in compose.yaml; pg_dump must be at least the server's version).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 sn \
    && useradd --system --uid 10001 --gid sn --home-dir /app --no-create-home --shell /usr/sbin/nologin sn
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    SN_JOB_FILES_DIR=/data/jobs \
    SN_PORT=8000 \
    WEB_CONCURRENCY=3
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY manage.py pyproject.toml gunicorn.conf.py ./
COPY config ./config
COPY sn ./sn
COPY templates ./templates
COPY static ./static
# Static files are collected (and fingerprinted, for the manifest storage) when the image is built, with
# a throwaway key: nothing secret is in the image, and the running server writes nothing under /app.
# The job files and backups directories belong to the server's user, so that volumes mounted there
# start writable.
RUN SN_SECRET_KEY=build-only-not-a-secret SN_ALLOWED_HOSTS=localhost sn collectstatic --no-input -v 0 \
    && python -m compileall -q /app/config /app/sn \
    && mkdir -p /data/jobs /data/backups \
    && chown sn:sn /data/jobs /data/backups
USER sn
EXPOSE 8000
# /healthz: 200 when the database answers (python -m sn.ops.health names an allowed host).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["python", "-m", "sn.ops.health"]
# gunicorn reads ./gunicorn.conf.py; WEB_CONCURRENCY sets the number of worker processes. No gunicorn
# access log: the application writes one JSON line per request with its request id (sn.access).
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--worker-class", "gthread", "--threads", "4", \
     "--timeout", "60", "--graceful-timeout", "30"]
