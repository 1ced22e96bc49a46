"""Bulk triage: folders and zips of PDFs through the pipeline in a pool of workers, resumable.

- :mod:`nlp_service.jobs.runner`: the worker pool, batches in the store, ``start_batch`` and
  ``batch_progress`` for the API (see its docstring).
- :mod:`nlp_service.jobs.zipsafe`: safe extraction of zip archives (zip-slip, zip bombs).
- :mod:`nlp_service.jobs.export`: one row per document, to CSV, XLSX or JSON Lines.
- :mod:`nlp_service.jobs.triage_cli`: ``nlp-service triage DIR_OR_ZIP --out PATH``.
"""
