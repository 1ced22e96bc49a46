"""Tables of the store. Personal data in documents stays here and in the file store, never in logs."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _uuid() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # saksbehandler | evaluator | admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)  # sha256 of the token; the token is shown once
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class StoredDocument(Base):
    """An uploaded file, kept under a generated name (its sha256), never under the name it came with."""

    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_uuid)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    storage_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    funded: Mapped[bool] = mapped_column(Boolean, default=False)  # marked funded: joins the earlier projects
    analyses: Mapped[list["AnalysisRecord"]] = relationship(back_populates="document", order_by="AnalysisRecord.id")


class FileBlob(Base):
    """A stored file's bytes in the database, for workers on machines that do not share the file area."""

    __tablename__ = "file_blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AnalysisRecord(Base):
    """One analysis of a document: the contract's JSON, with the versions that made it."""

    __tablename__ = "analyses"
    __table_args__ = (UniqueConstraint("document_id", "versions_key", name="uq_analysis_document_versions"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    versions_key: Mapped[str] = mapped_column(String(200))  # service, model and call versions, joined
    result: Mapped[dict] = mapped_column(JSON)
    kind: Mapped[str | None] = mapped_column(String(30), nullable=True)
    area_predicted: Mapped[str | None] = mapped_column(String(5), nullable=True)
    area_stated: Mapped[str | None] = mapped_column(String(5), nullable=True)
    area_probability: Mapped[float | None] = mapped_column(nullable=True)
    uncertain: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    gaps: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    document: Mapped[StoredDocument] = relationship(back_populates="analyses")


class Batch(Base):
    __tablename__ = "batches"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_uuid)
    name: Mapped[str] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(String(1000))  # folder or zip it came from (a path, no content)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued | running | done
    items: Mapped[list["BatchItem"]] = relationship(back_populates="batch", order_by="BatchItem.id")


class BatchItem(Base):
    __tablename__ = "batch_items"
    __table_args__ = (UniqueConstraint("batch_id", "file_name", name="uq_batch_item_file"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("batches.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(1000))  # relative path inside the batch
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | running | done | failed
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), nullable=True)
    analysis_id: Mapped[int | None] = mapped_column(ForeignKey("analyses.id"), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    seconds: Mapped[float | None] = mapped_column(nullable=True)
    worker: Mapped[str | None] = mapped_column(String(120), nullable=True)  # host:pid that took it last
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)
    batch: Mapped[Batch] = relationship(back_populates="items")


class Correction(Base):
    """A caseworker's correction: the area confirmed or changed, or a check marked wrong."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    target: Mapped[str] = mapped_column(String(60))  # "area" or a check id
    service_value: Mapped[str | None] = mapped_column(String(40), nullable=True)
    corrected_value: Mapped[str] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AuditEntry(Base):
    """Who uploaded, viewed, corrected and exported what (ids only, never document content)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(40))  # upload | view | correct | export | login | ...
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
