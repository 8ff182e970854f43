"""Tables of prevention (the practice notes): training, drills, screenings before launch, risk sweeps, the yearly
review of the emergency plan, and the follow-up actions any of them leaves. Declared on the one metadata of
desktop.db.models.

Nothing here is deleted: a record entered by mistake is withdrawn with a reason (it stays, marked), and a
follow-up is done or cancelled, never removed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Double, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.models import Base, new_uid
from desktop.db.types import UTCDateTime


class _Recorded:
    """Who recorded the row, and its withdrawal (a mistake stays on the record, marked, with the reason)."""

    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(60), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_by_name: Mapped[str] = mapped_column(String(60), default="")
    withdraw_reason: Mapped[str] = mapped_column(Text, default="")


class Training(_Recorded, Base):
    """A course, lecture or competition on reputation risk held by a unit: participants and hours."""

    __tablename__ = "prevention_trainings"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # prevention.TRAINING_KINDS
    title: Mapped[str] = mapped_column(String(200))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    participants: Mapped[int] = mapped_column(Integer)
    hours: Mapped[float] = mapped_column(Double)  # double on both databases: a sum reads back as stored
    note: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class Drill(_Recorded, Base):
    """An emergency drill of the reputation-risk plan: scenario, the units taking part, what it found."""

    __tablename__ = "prevention_drills"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)  # the organising unit
    scenario: Mapped[str] = mapped_column(String(200))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    units: Mapped[str] = mapped_column(Text, default="")  # the units taking part, as named on the drill's record
    participants: Mapped[int] = mapped_column(Integer, default=0)
    findings: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class Screening(_Recorded, Base):
    """The reputation-risk screening of a new product, process or system before launch: a short assessment with
    a proposed verdict, signed off (or sent back) by the responsible leader named on it."""

    __tablename__ = "prevention_screenings"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    subject_kind: Mapped[str] = mapped_column(String(20))  # prevention.SUBJECT_KINDS
    subject: Mapped[str] = mapped_column(String(200))
    launch_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    assessment: Mapped[str] = mapped_column(Text)
    risk_level: Mapped[str] = mapped_column(String(10))  # prevention.RISK_LEVELS
    verdict: Mapped[str] = mapped_column(String(20))  # prevention.VERDICTS
    measures: Mapped[str] = mapped_column(Text, default="")
    leader_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    leader_name: Mapped[str] = mapped_column(String(60))
    state: Mapped[str] = mapped_column(String(20), index=True)  # prevention.SCREENING_STATES
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_by_name: Mapped[str] = mapped_column(String(60), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_comment: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class Sweep(_Recorded, Base):
    """A risk sweep (排查, the practice notes' "mine clearance"): its scope and what it found."""

    __tablename__ = "prevention_sweeps"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    scope: Mapped[str] = mapped_column(String(200))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    findings: Mapped[str] = mapped_column(Text, default="")
    issues_found: Mapped[int] = mapped_column(Integer, default=0)
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class PlanReview(_Recorded, Base):
    """The yearly review of the emergency plan: are its measures apt and its process smooth (the practice
    notes), and what was changed."""

    __tablename__ = "prevention_plan_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    plan_name: Mapped[str] = mapped_column(String(200))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    conclusion: Mapped[str] = mapped_column(String(20))  # prevention.PLAN_CONCLUSIONS
    changes: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


class FollowUp(Base):
    """An action a drill, screening, sweep, plan review or training left to do: an owner, a due date, a state."""

    __tablename__ = "prevention_followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(20))  # followups.SOURCE_KINDS
    source_id: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)  # the owning unit
    owner: Mapped[str] = mapped_column(String(60), default="")  # the person answering for it
    action: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(20), index=True)  # followups.STATES
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_name: Mapped[str] = mapped_column(String(60), default="")
    close_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(60), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid)  # desktop.exchange


Index("ix_prevention_followups_source", FollowUp.source_kind, FollowUp.source_id)
# Stable ids are unique wherever they are set: an import looks many of them up at once.
for _model in (Training, Drill, Screening, Sweep, PlanReview, FollowUp):
    Index(f"ix_{_model.__tablename__}_uid", _model.uid, unique=True)
