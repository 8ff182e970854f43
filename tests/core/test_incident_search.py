"""Finding incidents: the search over numbers, titles, units, people and journalists; the list's filters; the
CST calendar days; the Excel writer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop import demo
from desktop.db.session import Database
from desktop.domain import SYSTEM, Actor
from desktop.reports.spreadsheet import write_table
from desktop.services import accounts, incidents, org
from desktop.services.incidents import IncidentFilter
from desktop.timeutil import cst_days

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # 20:00 in Beijing


@pytest.fixture
def example(db: Database, fill_example: Any) -> dict[str, int]:
    """The demo incidents at a fixed time: just_reported (Baoding, 19:48), overdue (Shijiazhuang, 17:00),
    major (Baoding, 18:40), all on 2 March; closed (Shijiazhuang) on 28 February, 14:00."""
    return dict(fill_example(db, now=NOW, year=False))  # the current incidents alone: quicker


def _actor(db: Database, username: str) -> Actor:
    with db.session() as s:
        return accounts.authenticate(s, username, demo.DEMO_PASSWORD).actor()


def _search(db: Database, text: str, actor: Actor = SYSTEM, limit: int = 20) -> incidents.SearchResult:
    with db.read() as s:
        return incidents.search_incidents(s, actor, text, limit)


def _found(db: Database, text: str, actor: Actor = SYSTEM) -> dict[int, tuple[str, str]]:
    return {h.id: (h.field, h.value) for h in _search(db, text, actor).hits}


@pytest.mark.parametrize(
    ("text", "incident", "field", "value"),
    [
        ("飞单", "major", "title", "媒体记者就保定营业部“飞单”传闻采访"),
        ("保定朝阳", "just_reported", "unit", "保定朝阳支行"),
        ("运营管理部", "overdue", "unit", "石家庄分行运营管理部"),  # the business department
        ("吴静", "major", "spokesperson", "吴静"),
        ("李晓梅", "just_reported", "reporter", "李晓梅"),  # who registered it
        ("孙晓", "major", "journalist", "孙晓"),
        ("燕赵都市报", "major", "outlet", "燕赵都市报"),
        ("赵丽", "major", "leadership", "赵丽"),
        ("王先生", "closed", "appeasement", "王先生"),
    ],
)
def test_each_kind_of_text_finds_its_incident(db: Database, example: dict[str, int], text: str, incident: str,
                                              field: str, value: str) -> None:
    found = _found(db, text)
    assert found[example[incident]] == (field, value)


def test_the_number_finds_the_incident_first_and_case_does_not_matter(db: Database, example: dict[str, int]) -> None:
    with db.read() as s:
        number = incidents.get_incident(s, SYSTEM, example["closed"]).number
    hits = _search(db, number.lower()).hits
    assert [h.id for h in hits] == [example["closed"]] and hits[0].field == "number"
    prefix = _search(db, number[:6]).hits  # "SY2026": every incident, the newest first
    assert [h.id for h in prefix] == [example[k] for k in ("just_reported", "major", "overdue", "closed")]


def test_who_recorded_the_timeline_is_found_too(db: Database, example: dict[str, int]) -> None:
    found = _found(db, "孙立新")  # deputy leader of the major one; approved the closed one's response plan
    assert found[example["major"]] == ("leadership", "孙立新")
    assert found[example["closed"]] == ("recorder", "孙立新")


def test_every_word_must_match_and_blank_finds_nothing(db: Database, example: dict[str, int]) -> None:
    assert set(_found(db, "保定")) == {example["just_reported"], example["major"]}
    assert set(_found(db, "保定  孙晓")) == {example["major"]}
    assert _found(db, "保定 王先生") == {}
    assert _search(db, "   ") == incidents.SearchResult([], False)


def test_search_keeps_to_what_the_actor_may_see(db: Database, example: dict[str, int]) -> None:
    jingban, zhongshan = _actor(db, "jingban"), _actor(db, "zhongshan")  # Baoding's lead dept; a Shijiazhuang outlet
    assert set(_found(db, "SY", jingban)) == {example["just_reported"], example["major"]}
    assert set(_found(db, "SY", zhongshan)) == {example["overdue"], example["closed"]}
    assert _found(db, "孙晓", zhongshan) == {}
    assert set(_found(db, "SY", _actor(db, "hangzhang"))) == set(example.values())


def test_the_limit_says_when_there_is_more(db: Database, example: dict[str, int]) -> None:
    result = _search(db, "SY", limit=3)
    assert len(result.hits) == 3 and result.more
    result = _search(db, "SY", limit=4)
    assert len(result.hits) == 4 and not result.more


def test_percent_and_underscore_are_taken_literally(db: Database) -> None:
    with db.session() as s:
        tree = demo.build_organisation(s)
    made = {}
    for title in ("收益率100%兑付", "收益率100兑付", "代码a_b", "代码axb", "路径a/b", "路径ab"):
        with db.session() as s:
            made[title] = incidents.create_incident(
                s, SYSTEM, {"title": title, "unit_id": tree["zhongshan"], "occurred_at": NOW - timedelta(hours=1),
                            "severity": "general", "source": "complaint"}, now=NOW).id
    assert set(_found(db, "%")) == {made["收益率100%兑付"]}
    assert set(_found(db, "100%兑")) == {made["收益率100%兑付"]}
    assert set(_found(db, "_")) == {made["代码a_b"]}
    assert set(_found(db, "a_b")) == {made["代码a_b"]}
    assert set(_found(db, "a/b")) == {made["路径a/b"]}  # the escape character itself
    assert _found(db, "\\") == {}


def test_the_list_filters_in_the_query(db: Database, example: dict[str, int]) -> None:
    def ids(**kw: object) -> list[int]:
        with db.read() as s:
            return [r.id for r in incidents.list_incidents(s, SYSTEM, filters=IncidentFilter(**kw))]  # type: ignore[arg-type]

    ex = example
    assert ids() == [ex["just_reported"], ex["major"], ex["overdue"], ex["closed"]]  # newest first
    assert ids(status="closed") == [ex["closed"]]
    assert ids(status="open", severity="major") == [ex["major"]]
    with db.read() as s:
        baoding = next(u.id for u in org.list_units(s) if u.code == "BD")
    assert ids(unit_id=baoding) == [ex["just_reported"], ex["major"]]  # the units under it along
    assert ids(occurred_to=date(2026, 2, 28)) == [ex["closed"]]
    assert ids(occurred_from=date(2026, 3, 1)) == [ex["just_reported"], ex["major"], ex["overdue"]]
    assert ids(occurred_from=date(2026, 3, 1), occurred_to=date(2026, 3, 1)) == []
    assert ids(text="中山路 排队") == [ex["closed"]]
    with db.read() as s:
        seen = incidents.list_incidents(s, _actor(db, "jingban"), filters=IncidentFilter(text="支行"))
    assert [r.id for r in seen] == [ex["just_reported"]]


def test_the_date_range_is_china_standard_time_days() -> None:
    start, end = cst_days(date(2026, 3, 2), date(2026, 3, 2))
    assert start == datetime(2026, 3, 1, 16, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    assert cst_days(None, None) == (None, None)
    late = datetime(2026, 3, 2, 23, 59, 59, tzinfo=CST)
    assert start <= late < end and not datetime(2026, 3, 3, 0, 0, tzinfo=CST) < end


def test_a_spreadsheet_keeps_text_as_text_and_times_in_cst(tmp_path: Path) -> None:
    target = tmp_path / "list.xlsx"
    count = write_table(target, ["编号", "标题", "事发时间（北京时间）"],
                        [["SY2026-0001", "=HYPERLINK(\"http://x\")", datetime(2026, 3, 2, 1, 30, tzinfo=UTC)],
                         ["SY2026-0002", "控制\x07字符", None]], "事件列表")
    assert count == 2
    sheet = openpyxl.load_workbook(target).active
    assert sheet.title == "事件列表"
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["编号", "标题", "事发时间（北京时间）"],
        ["SY2026-0001", "=HYPERLINK(\"http://x\")", datetime(2026, 3, 2, 9, 30)],
        ["SY2026-0002", "控制字符", None],
    ]
    assert sheet["B2"].data_type == "s" and sheet["C2"].number_format == "yyyy-mm-dd hh:mm"
    assert [p.name for p in tmp_path.iterdir()] == ["list.xlsx"]  # no temporary file left behind


def test_a_spreadsheet_that_cannot_be_written_says_where(tmp_path: Path) -> None:
    from desktop.errors import RepDeskError

    with pytest.raises(RepDeskError) as err:
        write_table(tmp_path / "no" / "such" / "x.xlsx", ["编号"], [["SY2026-0001"]])
    assert "无法写入" in err.value.message and "x.xlsx" in err.value.message
