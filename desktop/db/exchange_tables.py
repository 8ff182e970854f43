"""Tables of exchange: declared on the one metadata of desktop.db.models.

Peers (the installations this one exchanges packages with), what each peer is known to hold (so an export carries
exactly what it lacks, and an edit on both sides since then is seen), the packages sent and received, the conflicts
an import found, and the peer's own audit entries (kept and checked, never spliced into the local chain)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.models import (
    Appeasement,
    ApprovalDecision,
    Base,
    Document,
    DocumentVersion,
    Incident,
    IncidentEvent,
    LeadershipMember,
    MediaContact,
    OpinionEntry,
    PaperSignature,
)
from desktop.db.types import UTCDateTime

__all__ = ["Base", "ExchangeConflict", "ExchangeKnown", "ExchangePackage", "ExchangePeer", "ReceivedAuditEntry"]


class ExchangePeer(Base):
    """Another installation: an upstream (the branch office that made this site) or a site (made here)."""

    __tablename__ = "exchange_peers"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(32), unique=True)
    unit_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(10))  # "upstream" | "site"
    installation: Mapped[str | None] = mapped_column(String(32), unique=True)  # None until the site enrols
    sign_public: Mapped[str] = mapped_column(String(64), default="")  # Ed25519, hex
    box_public: Mapped[str] = mapped_column(String(64), default="")  # X25519, hex
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    # SHA-256 of the one-time enrolment secret a site package carries; "" once the site's first package proved it.
    enrol_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ExchangeKnown(Base):
    """What the peer is known to hold of one record: the digest (and, for facts that may be edited, the values) it
    last received from us or sent to us. The common ancestor of a three-way merge."""

    __tablename__ = "exchange_known"
    __table_args__ = (UniqueConstraint("peer_id", "entity", "uid", name="uq_exchange_known_peer_entity_uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("exchange_peers.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(String(30))
    uid: Mapped[str] = mapped_column(String(32))
    digest: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text, default="")
    # The created time of the peer's package that carried it: an older package arriving later is not applied over it.
    package_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ExchangePackage(Base):
    """A package sent to or received from a peer; an outgoing one keeps what it carried until the peer
    acknowledges it, an incoming one is acknowledged in every later package back."""

    __tablename__ = "exchange_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_uid: Mapped[str] = mapped_column(String(32), unique=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("exchange_peers.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(3))  # "out" | "in"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    counts: Mapped[str] = mapped_column(Text, default="{}")
    items: Mapped[str] = mapped_column(Text, default="[]")  # out: [[entity, uid, digest], ...]
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sha256: Mapped[str] = mapped_column(String(64), default="")


class ExchangeConflict(Base):
    """The same fact edited at both ends since the last exchange: both values kept, the lead department chooses."""

    __tablename__ = "exchange_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("exchange_peers.id"))
    entity: Mapped[str] = mapped_column(String(30))
    entity_uid: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(60))
    local_value: Mapped[str] = mapped_column(Text)  # JSON
    remote_value: Mapped[str] = mapped_column(Text)  # JSON
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_name: Mapped[str] = mapped_column(String(60), default="")
    chosen: Mapped[str] = mapped_column(String(10), default="")  # "local" | "remote" | "corrected"
    chosen_value: Mapped[str] = mapped_column(Text, default="")  # JSON: the value kept (a typed one if corrected)


class ReceivedAuditEntry(Base):
    """A peer's audit entry about a record it sent: its hash checked on arrival, kept as the peer wrote it."""

    __tablename__ = "exchange_received_audit"
    __table_args__ = (UniqueConstraint("peer_id", "entry_id", name="uq_exchange_received_audit_peer_entry"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("exchange_peers.id", ondelete="CASCADE"))
    entry_id: Mapped[int] = mapped_column(Integer)
    incident_uid: Mapped[str] = mapped_column(String(32), default="")
    content: Mapped[str] = mapped_column(Text)  # the entry's fields, canonical JSON
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64), default="")


# Stable ids are unique wherever they are set (rows older than exchange got theirs in 0016_exchange).
for _model in (Incident, IncidentEvent, MediaContact, OpinionEntry, Appeasement, Document, DocumentVersion,
               ApprovalDecision, PaperSignature, LeadershipMember):
    Index(f"ix_{_model.__tablename__}_uid", _model.uid, unique=True)
# The incident list marks incidents received from a peer (service.origin_names): few, found by a range on this.
Index("ix_incidents_origin", Incident.origin)
