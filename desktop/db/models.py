"""Typed SQLAlchemy models. The UI never sees these: services hand out plain dataclasses."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop.db.types import EnumText, UTCDateTime
from desktop.domain import ApprovalStep, Decision, DocumentState, IncidentStatus

# Alembic batch mode on SQLite needs every constraint named.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_uid() -> str:
    """A record's id across installations (desktop.exchange): the same fact keeps it wherever it travels."""
    return uuid.uuid4().hex


# --- organisation -------------------------------------------------------------------------------------------


class Unit(Base):
    """A node of the organisation tree (2.2, 2.3)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120))
    short_name: Mapped[str] = mapped_column(String(60), default="")
    code: Mapped[str] = mapped_column(String(32), unique=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent", order_by="Unit.sort_order")


# --- accounts -----------------------------------------------------------------------------------------------


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    unit: Mapped[Unit] = relationship()
    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", back_populates="user")


class UserRole(Base):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role", name="uq_user_roles_user_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))

    user: Mapped[User] = relationship(back_populates="roles")


# --- rule sets ----------------------------------------------------------------------------------------------


class RuleSetRecord(Base):
    """Every rule set an incident was ever judged under, kept verbatim."""

    __tablename__ = "rule_sets"
    __table_args__ = (UniqueConstraint("rule_set_id", "version", name="uq_rule_sets_id_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_set_id: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime())


# --- incidents ----------------------------------------------------------------------------------------------


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # the lists' order and date range
    learned_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(200), default="")
    initial_severity: Mapped[str] = mapped_column(String(10))
    severity: Mapped[str] = mapped_column(String(10))
    business_line: Mapped[bool] = mapped_column(Boolean, default=False)
    business_line_name: Mapped[str] = mapped_column(String(120), default="")
    business_dept_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    customer_dispute: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20))
    # 3.3.2 report elements
    el_cause: Mapped[str] = mapped_column(Text, default="")
    el_time: Mapped[str] = mapped_column(Text, default="")
    el_place: Mapped[str] = mapped_column(Text, default="")
    el_situation: Mapped[str] = mapped_column(Text, default="")
    el_measures_taken: Mapped[str] = mapped_column(Text, default="")
    el_forecast: Mapped[str] = mapped_column(Text, default="")
    el_impact: Mapped[str] = mapped_column(Text, default="")
    # 3.3.2, major incidents only
    el_consequences: Mapped[str] = mapped_column(Text, default="")
    el_planned_measures: Mapped[str] = mapped_column(Text, default="")
    # 4.3.4(3), 5.1-5.3, 6.1
    spokesperson_name: Mapped[str] = mapped_column(String(60), default="")
    reply_script: Mapped[str] = mapped_column(Text, default="")
    positive_publicity: Mapped[str] = mapped_column(Text, default="")
    evaluation: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    accountability: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[IncidentStatus] = mapped_column(
        EnumText(IncidentStatus, 10), default=IncidentStatus.OPEN, index=True
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rule_set_id: Mapped[str] = mapped_column(String(60))
    rule_set_version: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    # 4.1: the MAJOR_CRITERIA keys that made it major, comma-separated (last: a later migration adds it)
    major_criteria: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # Exchange between installations: the id the incident keeps everywhere, and the installation it came from
    # ("" = recorded here).
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)
    origin: Mapped[str] = mapped_column(String(32), default="", server_default="")

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)

    unit: Mapped[Unit] = relationship(foreign_keys=[unit_id])
    business_dept: Mapped[Unit | None] = relationship(foreign_keys=[business_dept_id])
    events: Mapped[list[IncidentEvent]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", order_by="IncidentEvent.at"
    )


class IncidentEvent(Base):
    """A typed event on an incident's timeline; the deadlines are computed from these."""

    __tablename__ = "incident_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    late_reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON: media contact, appeasement details
    # A mistake is withdrawn or corrected, never erased: the row keeps its facts and says who took it back,
    # when and why; a correction is a new event, named here (`superseded_by_id`). The deadlines ignore it.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawn_by_name: Mapped[str] = mapped_column(String(60), default="")
    withdraw_reason: Mapped[str] = mapped_column(Text, default="")
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("incident_events.id"))
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # the same event at every installation

    incident: Mapped[Incident] = relationship(back_populates="events")


class MediaContact(Base):
    """4.2.2.x(1): who asked, from which outlet, how to reach them, what they asked."""

    __tablename__ = "media_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("incident_events.id", ondelete="SET NULL"))
    journalist: Mapped[str] = mapped_column(String(60))
    outlet: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(60), default="")
    question: Mapped[str] = mapped_column(Text, default="")
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class OpinionEntry(Base):
    """4.2.2.x(5), 4.3.4(5): public-opinion monitoring."""

    __tablename__ = "opinion_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(120))
    link_or_title: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reach: Mapped[str] = mapped_column(String(60), default="")
    tone: Mapped[str] = mapped_column(String(20), default="")
    recorded_by_name: Mapped[str] = mapped_column(String(60), default="")
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class Appeasement(Base):
    """4.2.2.x(4), 4.3.4(6): customer appeasement."""

    __tablename__ = "appeasements"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("incident_events.id", ondelete="SET NULL"))
    customer: Mapped[str] = mapped_column(String(120))
    handled_by: Mapped[str] = mapped_column(String(120), default="")
    agreed: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class AccountabilityItem(Base):
    """6.1: one accountability measure taken for an incident, against a unit and (optionally) a person."""

    __tablename__ = "accountability_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    unit_name: Mapped[str] = mapped_column(String(120))
    person: Mapped[str] = mapped_column(String(60), default="")
    measure: Mapped[str] = mapped_column(String(20))  # ACCOUNTABILITY_MEASURES key
    text: Mapped[str] = mapped_column(Text, default="")
    quarter: Mapped[str] = mapped_column(String(10), default="")  # e.g. 2026Q1, for 6.1.2's quarter score
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(60), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LeadershipMember(Base):
    """4.3.1-4.3.3: the leadership group of a major incident."""

    __tablename__ = "leadership_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    position: Mapped[str] = mapped_column(String(20))  # leader / deputy / member
    name: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(120), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


# --- documents and approvals ----------------------------------------------------------------------------------


class Document(Base):
    """A written report, response plan, major emergency report or evaluation of one incident."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    stage: Mapped[str] = mapped_column(String(10), default="")  # a written report's `Stage`, else ""
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange

    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentVersion.number"
    )


class DocumentVersion(Base):
    """One version of a document; submitting it for approval freezes its content."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_document_versions_doc_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)  # canonical JSON
    sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[DocumentState] = mapped_column(EnumText(DocumentState, 20), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)

    document: Mapped[Document] = relationship(back_populates="versions")
    decisions: Mapped[list[ApprovalDecision]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="ApprovalDecision.decided_at"
    )


class ApprovalDecision(Base):
    __tablename__ = "approval_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"), index=True)
    step: Mapped[ApprovalStep] = mapped_column(EnumText(ApprovalStep, 30))
    decision: Mapped[Decision] = mapped_column(EnumText(Decision, 20))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(60))
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange

    version: Mapped[DocumentVersion] = relationship(back_populates="decisions")


class PaperSignature(Base):
    """3.3.1, 3.3.3: a unit head with no account signed the printed version by hand (wet ink); the lead
    department's clerk recorded who signed and when, with a scan of the signed paper. One per version."""

    __tablename__ = "paper_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("document_versions.id", ondelete="CASCADE"), unique=True
    )
    signer_name: Mapped[str] = mapped_column(String(60))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    scan: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # loaded only when asked for
    scan_sha256: Mapped[str] = mapped_column(String(64))
    scan_filename: Mapped[str] = mapped_column(String(255))
    scan_mime: Mapped[str] = mapped_column(String(100))
    scan_size: Mapped[int] = mapped_column(Integer)
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class DocumentPrint(Base):
    """Every PDF printed from a version, by its SHA-256, so `repdesk verify` can recognise it."""

    __tablename__ = "document_prints"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"), index=True)
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    printed_by_name: Mapped[str] = mapped_column(String(60), default="")


class DocNumber(Base):
    """A document number (发文字号) given from the issuing unit's own yearly sequence when the drafter left it
    blank: one row per signed version, never reused; the unique (unit, year, seq) keeps two signers at once from
    taking the same number."""

    __tablename__ = "doc_numbers"
    __table_args__ = (UniqueConstraint("unit_id", "year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(60))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime())


# --- drafts and the record ------------------------------------------------------------------------------------


class Draft(Base):
    """What a user typed and has not saved yet: survives a crash or a power cut."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("owner", "key", name="uq_drafts_owner_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(60))
    key: Mapped[str] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReminderAck(Base):
    """A user said "知道了" to a deadline reminder: that duty in that state stays quiet for them, after a restart
    too. The state is part of the key, so acknowledging "due soon" leaves the later "overdue" to be seen."""

    __tablename__ = "reminder_acks"
    __table_args__ = (
        UniqueConstraint("user_id", "incident_id", "rule_id", "state", name="uq_reminder_acks_user_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[str] = mapped_column(String(60))
    state: Mapped[str] = mapped_column(String(20))  # deadline_board.REMINDER_STATES
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """Append-only, hash-chained: each entry's hash covers its content and the previous entry's hash."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    incident_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # HMAC-SHA256 of the entry under the installation key (kept outside the database): None on entries written
    # before the chain was keyed.
    mac: Mapped[str | None] = mapped_column(String(64))


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


Index("ix_incident_events_incident_type", IncidentEvent.incident_id, IncidentEvent.type)

# 0015_scale: an index for every query the window and the commands make, so their cost follows what is open or
# shown, not the years of history. The list pages by (filter, occurred_at); visibility ORs unit and business dept.
Index("ix_incidents_status_occurred_at", Incident.status, Incident.occurred_at)
Index("ix_incidents_unit_occurred_at", Incident.unit_id, Incident.occurred_at)
Index("ix_incidents_severity_occurred_at", Incident.severity, Incident.occurred_at)
Index("ix_incidents_business_dept_id", Incident.business_dept_id)
Index("ix_incidents_created_by_id", Incident.created_by_id)  # search: the reporter's name
Index("ix_audit_log_entity", AuditEntry.entity, AuditEntry.entity_id)  # a version's signing entry, crosscheck
Index("ix_document_versions_created_by_state", DocumentVersion.created_by_id, DocumentVersion.state)  # returned


class IncidentCounter(Base):
    """The next serial number of a kind per year, taken under lock inside the creating transaction: numbers stay
    dense and never collide (max()+1 over the text collided under concurrency and stopped sorting past 9999)."""

    __tablename__ = "incident_counters"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer)
