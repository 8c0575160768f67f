"""Gunicorn for Samen (``make serve``; ``gunicorn samen.wsgi -c gunicorn.conf.py``).

Sync workers, sized to the cores: Samen's requests are short and CPU-bound (templates, health),
and its slow work — PDFs, large exports, mail — runs in the task worker (``make worker``), so a web
worker is never held for seconds. Override with WEB_CONCURRENCY, HOST and PORT.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Two per core and one: a worker waiting on the database or the network leaves its core to another.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle a worker now and then, so that memory a worker gathered over a day is returned.
max_requests = 2000
max_requests_jitter = 200
# Load the app once before forking: workers share its memory and start in milliseconds.
preload_app = True
accesslog = None  # samen.core.middleware.RequestLogMiddleware logs every request
errorlog = "-"
