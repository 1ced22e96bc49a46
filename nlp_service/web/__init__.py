"""The caseworkers' web pages (Norwegian bokmål): server-rendered Jinja2 templates, a little plain JS.

Kept light on import: the page renderer's child process imports :mod:`nlp_service.web.render`.
"""

from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
