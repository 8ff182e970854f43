"""Tables of the standing registers (desktop.registers): public-opinion monitoring, complaints, the media
directory and spokespeople, and attachments. Declared on the one metadata of desktop.db.models.

Nothing here is ever deleted: a corrected monitoring entry is a new row naming the one it replaces, a complaint's
handling is a list of steps only ever added to, a spokesperson's designation ends with a reason, an attachment is
withdrawn with a reason and keeps its bytes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, LargeBinary, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from desktop.db.models import Base, new_uid
from desktop.db.types import UTCDateTime

__all__ = ["Attachment", "Base", "Complaint", "ComplaintStep", "Journalist", "MediaOutlet", "MonitoringEntry",
           "Spokesperson", "linked_monitoring", "owner_attachment_names"]


class MonitoringEntry(Base):
    """舆情监测台账: one observed post or article, logged whether or not it becomes an incident."""

    __tablename__ = "monitoring_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)  # whose area it concerns
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    platform: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(200))
    excerpt: Mapped[str] = mapped_column(Text, default="")
    reads: Mapped[int | None] = mapped_column(BigInteger)
    reposts: Mapped[int | None] = mapped_column(BigInteger)
    tone: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="open")
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    close_reason: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_name: Mapped[str] = mapped_column(String(60), default="")
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    logged_by_name: Mapped[str] = mapped_column(String(60))
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # A correction is a new entry: the old one names it and drops out of the lists, never out of the record.
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("monitoring_entries.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("monitoring_entries.id"))
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)


class Complaint(Base):
    """投诉台账: a customer complaint received by a unit (4.2.2.x(4): its result goes back to the lead department)."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    customer: Mapped[str] = mapped_column(String(120))
    contact: Mapped[str] = mapped_column(String(60), default="")
    channel: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    amount_cents: Mapped[int | None] = mapped_column(BigInteger)  # the sum in dispute, in fen
    state: Mapped[str] = mapped_column(String(20), default="open")
    result: Mapped[str] = mapped_column(Text, default="")  # the latest result; every one stays in the steps
    result_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)


class ComplaintStep(Base):
    """One step of a complaint's handling, appended and never changed."""

    __tablename__ = "complaint_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    by_name: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class MediaOutlet(Base):
    """An outlet of the media directory typed in directly (others come from the incidents' media contacts)."""

    __tablename__ = "media_outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    added_by_name: Mapped[str] = mapped_column(String(60))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class Journalist(Base):
    """A journalist typed into the directory directly (one who asked about an incident is there already)."""

    __tablename__ = "journalists"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    outlet: Mapped[str] = mapped_column(String(120), index=True)
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    added_by_name: Mapped[str] = mapped_column(String(60))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class Spokesperson(Base):
    """A unit's designated spokesperson (新闻发言人); a designation ends with a reason, never disappears."""

    __tablename__ = "spokespeople"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    mobile: Mapped[str] = mapped_column(String(60), default="")
    designated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    designated_by_name: Mapped[str] = mapped_column(String(60))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_by_name: Mapped[str] = mapped_column(String(60), default="")
    end_reason: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class Attachment(Base):
    """A file kept in the database (so it travels with backups and exchange packages), by its owner's kind and id;
    its SHA-256 is in the audit entry that added it. Withdrawn with a reason, never deleted."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    # Deferred: lists and documents name files without reading megabytes of them.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    note: Mapped[str] = mapped_column(Text, default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_by_name: Mapped[str] = mapped_column(String(60))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_by_name: Mapped[str] = mapped_column(String(60), default="")
    withdraw_reason: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange

    __table_args__ = (Index("ix_attachments_owner", "owner_kind", "owner_id"),)


# --- what the documents of an incident print (desktop.services.documents reads these: the services sit below the
# registers, so the two queries the paper needs live beside the tables) ------------------------------------------


def linked_monitoring(session: Session, incident_id: int) -> list[dict[str, Any]]:
    """The current monitoring entries linked to an incident, oldest first, as the document snapshot keeps them."""
    rows = session.execute(
        select(MonitoringEntry).where(MonitoringEntry.incident_id == incident_id,
                                      MonitoringEntry.superseded_by_id.is_(None))
        .order_by(MonitoringEntry.observed_at, MonitoringEntry.id)
    ).scalars()
    return [{"id": r.id, "observed_at": r.observed_at, "platform": r.platform, "title": r.title, "url": r.url,
             "reads": r.reads, "reposts": r.reposts, "tone": r.tone} for r in rows]


def owner_attachment_names(session: Session, owner_kind: str, owner_id: int) -> list[str]:
    """The file names of an owner's attachments not withdrawn, in the order they were added (附件 on paper)."""
    return list(session.execute(
        select(Attachment.filename).where(Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id,
                                          Attachment.withdrawn_at.is_(None))
        .order_by(Attachment.id)
    ).scalars())
