"""系统管理: accounts and the organisation tree, driven through the real page as the demo administrator."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget

from tests.ui.conftest import ime_type, login, settle

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot: Any, make_window: Any) -> Any:
    window = make_window("admin")
    with qtbot.waitSignal(window.pages["admin"].loaded, timeout=5000):
        window.show_page("admin")
    return window.pages["admin"]


def click_row(qtbot: Any, page: Any, username: str) -> Any:
    model, view = page.model, page.table
    row = next(i for i in range(model.rowCount()) if model.account_at(i).username == username)
    index = page.proxy.mapFromSource(model.index(row, 0))
    view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())
    assert page.selected_account().username == username
    return page.selected_account()


def click_unit(qtbot: Any, tree: QTreeWidget, name: str) -> None:
    item = tree.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)[0]
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), LEFT, pos=tree.visualItemRect(item).center())
    assert tree.currentItem() is item


def check_box(qtbot: Any, box: Any) -> None:
    """Click the box's indicator (its centre may lie past the label when the layout stretches it)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(box.height() // 2, box.height() // 2))


def submit(qtbot: Any, page: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.ok_button, LEFT)
    settle(qtbot, page.workbench.worker)


def authenticate(demo_db: Any, username: str, password: str) -> Any:
    from desktop.services import accounts

    with demo_db.session() as s:
        return accounts.authenticate(s, username, password)


def test_account_model_passes_the_model_tester(qtmodeltester: Any, demo_db: Any) -> None:
    from dataclasses import replace

    from desktop.services import accounts
    from desktop.timeutil import now_utc
    from ui.admin.models import COL_STATE, AccountTableModel

    with demo_db.read() as s:
        rows = accounts.list_accounts(s, login(demo_db, "admin").actor())
    now = now_utc()
    rows[1] = replace(rows[1], active=False)
    rows[2] = replace(rows[2], locked_until=now + timedelta(minutes=10))
    model = AccountTableModel()
    model.set_rows(rows, now)
    qtmodeltester.check(model)
    assert model.index(1, COL_STATE).data() == "已停用"
    assert model.index(2, COL_STATE).data().startswith("锁定至 ")
    assert model.index(0, COL_STATE).data() == "正常"
    model.set_rows([])
    qtmodeltester.check(model)


def test_admin_creates_an_account_that_can_log_in(qtbot: Any, page: Any, demo_db: Any) -> None:
    qtbot.mouseClick(page.new_account_button, LEFT)
    dialog = page.dialog
    qtbot.keyClicks(dialog.username, "wangfang")
    ime_type(dialog.display_name, "王芳")
    click_unit(qtbot, dialog.unit, "保定朝阳支行")
    qtbot.keyClicks(dialog.phone, "0312-3150209")
    check_box(qtbot, dialog.roles["info_officer"])
    qtbot.keyClicks(dialog.password, "abcd1234")
    qtbot.keyClicks(dialog.password2, "abcd1235")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.error.text() == "两次输入的密码不一致" and dialog.isVisible()
    dialog.password.clear()
    dialog.password2.clear()
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.password2, "short")
    submit(qtbot, page, dialog)
    assert dialog.isVisible() and dialog.error.text() == "密码至少8位"  # the core's message, nothing stored
    for edit in (dialog.password, dialog.password2):
        edit.clear()
        qtbot.keyClicks(edit, "abcd1234")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        submit(qtbot, page, dialog)
    account = authenticate(demo_db, "wangfang", "abcd1234")
    assert account.display_name == "王芳" and account.unit_name == "保定朝阳支行"
    assert account.roles == {"info_officer"} and account.phone == "0312-3150209"
    assert page.model.row_of(account.id) >= 0 and "已创建账号 wangfang" in page.banner.text()


def test_admin_resets_a_password_changes_roles_and_disables(qtbot: Any, page: Any, demo_db: Any) -> None:
    from desktop.errors import AuthError

    click_row(qtbot, page, "xinxi")
    qtbot.mouseClick(page.password_button, LEFT)
    dialog = page.dialog
    qtbot.keyClicks(dialog.password, "newpass2026")
    qtbot.keyClicks(dialog.password2, "newpass2026")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        submit(qtbot, page, dialog)
    assert authenticate(demo_db, "xinxi", "newpass2026").username == "xinxi"

    click_row(qtbot, page, "xinxi")
    qtbot.mouseClick(page.roles_button, LEFT)
    dialog = page.dialog
    assert dialog.roles["info_officer"].isChecked()
    check_box(qtbot, dialog.roles["unit_head"])
    with qtbot.waitSignal(page.loaded, timeout=5000):
        submit(qtbot, page, dialog)
    assert authenticate(demo_db, "xinxi", "newpass2026").roles == {"info_officer", "unit_head"}

    account = click_row(qtbot, page, "xinxi")
    assert page.active_button.text() == "停用账号"
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.active_button, LEFT)
    with pytest.raises(AuthError):
        authenticate(demo_db, "xinxi", "newpass2026")
    assert page.model.index(page.model.row_of(account.id), 5).data() == "已停用"
    assert page.active_button.text() == "启用账号"


def test_core_refusals_are_shown_and_change_nothing(qtbot: Any, page: Any, demo_db: Any) -> None:
    click_row(qtbot, page, "admin")
    qtbot.mouseClick(page.active_button, LEFT)
    settle(qtbot, page.workbench.worker)
    assert page.banner.text() == "不能停用自己的账号"
    qtbot.mouseClick(page.roles_button, LEFT)
    dialog = page.dialog
    check_box(qtbot, dialog.roles["admin"])
    submit(qtbot, page, dialog)
    assert dialog.error.text() == "请至少选择一个角色" and dialog.isVisible()
    dialog.reject()
    assert authenticate(demo_db, "admin", "repdesk2026").roles == {"admin"}


def test_units_add_under_the_right_parent_only_rename_deactivate(qtbot: Any, page: Any, demo_db: Any) -> None:
    from desktop.services import org

    page.tabs.setCurrentIndex(1)
    tree = page.tree
    click_unit(qtbot, tree, "保定朝阳支行")  # an outlet: nothing may hang under it but nothing is checked here
    qtbot.mouseClick(page.add_unit_button, LEFT)
    dialog = page.dialog
    secondary = dialog.kind.findData("secondary_branch")
    assert not dialog.kind.model().item(secondary).isEnabled()  # the form offers only allowed kinds
    dialog.kind.setCurrentIndex(secondary)  # a stale or forced choice still reaches the core, which refuses
    ime_type(dialog.name, "华夏银行沧州分行")
    qtbot.keyClicks(dialog.code, "CZ")
    submit(qtbot, page, dialog)
    assert dialog.error.text() == "二级分行的上级只能是：分行" and dialog.isVisible()
    dialog.reject()

    click_unit(qtbot, tree, "华夏银行保定分行")
    qtbot.mouseClick(page.add_unit_button, LEFT)
    dialog = page.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("outlet"))
    ime_type(dialog.name, "保定竞秀支行")
    qtbot.keyClicks(dialog.code, "BD-JX")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        submit(qtbot, page, dialog)
    with demo_db.read() as s:
        added = next(u for u in org.list_units(s) if u.code == "BD-JX")
    assert added.kind == "outlet" and added.location == "remote"

    click_unit(qtbot, tree, "保定竞秀支行")
    qtbot.mouseClick(page.rename_button, LEFT)
    dialog = page.dialog
    dialog.name.clear()
    ime_type(dialog.name, "保定竞秀路支行")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        submit(qtbot, page, dialog)
    click_unit(qtbot, tree, "保定竞秀路支行")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.unit_active_button, LEFT)
    with demo_db.read() as s:
        assert added.id not in {u.id for u in org.list_units(s)}
    assert tree.item_of(added.id).text(tree.COL_STATE) == "已停用"


def test_head_office_and_unit_prefix_are_edited_on_the_page(qtbot: Any, page: Any, demo_db: Any) -> None:
    from desktop.services import org

    page.tabs.setCurrentIndex(1)
    click_unit(qtbot, page.tree, "保定朝阳支行")
    qtbot.mouseClick(page.prefix_button, LEFT)
    dialog = page.dialog
    ime_type(dialog.value, "冀华银朝〔2026〕")
    submit(qtbot, page, dialog)
    assert "机关代字应为文字" in dialog.error.text() and dialog.isVisible()
    dialog.value.clear()
    ime_type(dialog.value, "冀华银朝")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        submit(qtbot, page, dialog)
    assert "冀华银朝" in page.settings_label.text()

    qtbot.mouseClick(page.head_office_button, LEFT)
    dialog = page.dialog
    dialog.value.clear()
    submit(qtbot, page, dialog)
    assert "请填写总行办公室的名称" in dialog.error.text()
    ime_type(dialog.value, "华夏银行总行综合办公室")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        submit(qtbot, page, dialog)
    assert "华夏银行总行综合办公室" in page.settings_label.text()
    with demo_db.read() as s:
        unit = next(u for u in org.list_units(s) if u.name == "保定朝阳支行")
        assert org.doc_prefix(s, unit.id) == "冀华银朝"
        assert org.head_office(s) == "华夏银行总行综合办公室"


def test_non_admin_does_not_see_the_page_and_the_core_refuses(qtbot: Any, window: Any, demo_db: Any) -> None:
    from desktop.errors import PermissionDenied
    from desktop.services import accounts, org

    assert "admin" not in window.pages and "admin" not in window.specs
    actor = window.actor
    # Log in before opening the writing session: a nested write session would wait on its own lock.
    informant_id = login(demo_db, "xinxi").id
    with demo_db.session() as s, pytest.raises(PermissionDenied):
        org.admin_data(s, actor)
    with demo_db.session() as s, pytest.raises(PermissionDenied):
        accounts.set_active(s, actor, informant_id, False)
    with demo_db.session() as s, pytest.raises(PermissionDenied):
        org.create_unit(s, actor, kind="outlet", name="x", code="X", parent_id=actor.unit_id)
