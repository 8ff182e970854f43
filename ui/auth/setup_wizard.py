"""First run: the administrator creates the branch, its office, the secondary branches with their
comprehensive-management departments, and the first (administrator) account; or, at an offline institution, the
site is set up from the site package its upstream made (the organisation, its people's accounts, the rule set),
and its people log in with the passwords they have."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session

from desktop.errors import RepDeskError
from desktop.exchange import service as exchange
from desktop.services import org
from desktop.services.accounts import MAX_PASSWORD, Account
from desktop.services.org import SecondarySetup, SetupPlan
from ui.auth.login import LoginDialog
from ui.common.package_preview import PackagePreviewDialog
from ui.common.widgets import banner, limit_length, open_file_name
from ui.data.worker import DbWorker


class SetupWizard(QWizard):
    finishedSetup = Signal(object)  # the administrator's Account

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.account: Account | None = None
        self.setWindowTitle(self.tr("首次使用：建立机构与管理员账号"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        # No organisation's name is written in code: the examples are placeholders, so a real installation starts
        # empty and every name on its documents is one its administrator typed.
        self.branch_name = self._edit("unit_full_name", self.tr("例如：某某银行某某分行"))
        self.branch_short = self._edit("short_name", self.tr("例如：某某分行"))
        self.branch_code = self._edit("code", self.tr("例如：FH"))
        self.office_name = self._edit("unit_full_name", self.tr("例如：某某分行办公室"))
        self.office_code = self._edit("code", self.tr("例如：FH-BGS"))
        self.office_prefix = self._edit("doc_prefix", self.tr("例如：某银办，可稍后设置"))
        self.head_office = self._edit("head_office", self.tr("例如：某某银行总行办公室，可稍后设置"))
        self.secondaries = QTableWidget(0, 4)
        self.secondaries.setHorizontalHeaderLabels([self.tr("二级分行名称"), self.tr("代码"),
                                                    self.tr("综合管理部名称"), self.tr("代码")])
        self.secondaries.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.username = limit_length(QLineEdit("admin"), "username")
        self.display_name = self._edit("display_name", "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.password, self.password2):
            edit.setMaxLength(MAX_PASSWORD)
        self.phone = self._edit("phone", "")
        self.error = banner("errorBanner")
        # An offline institution does not type its organisation: its upstream's site package brings it.
        self.site_button = QPushButton(self.tr("从上级机构的站点包导入…"))
        self.site_button.setObjectName("importSitePackage")
        self.site_button.clicked.connect(self.import_site_package)
        self.site_error = banner("errorBanner")
        self.site_preview: PackagePreviewDialog | None = None
        self.login: LoginDialog | None = None
        self.site_summary = ""
        self.addPage(self._page_branch())
        self.addPage(self._page_secondaries())
        self.addPage(self._page_admin())
        self.resize(760, 520)

    @staticmethod
    def _edit(field: str, placeholder: str) -> QLineEdit:
        edit = limit_length(QLineEdit(), field)
        edit.setPlaceholderText(placeholder)
        return edit

    def _page_branch(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("分行与分行办公室"))
        page.setSubTitle(self.tr("分行办公室是石家庄同城事件的声誉风险管理牵头部门（2.2）。"))
        form = QFormLayout(page)
        site = QHBoxLayout()
        site_hint = QLabel(self.tr("离线机构：用上级机构管理员制作的站点包建立本机"))
        site_hint.setObjectName("hint")
        site.addWidget(site_hint, 1)
        site.addWidget(self.site_button)
        form.addRow(site)
        form.addRow(self.site_error)
        form.addRow(self.tr("分行名称 *"), self.branch_name)
        form.addRow(self.tr("简称"), self.branch_short)
        form.addRow(self.tr("分行代码 *"), self.branch_code)
        form.addRow(self.tr("分行办公室名称 *"), self.office_name)
        form.addRow(self.tr("办公室代码 *"), self.office_code)
        form.addRow(self.tr("办公室机关代字"), self.office_prefix)
        form.addRow(self.tr("总行办公室名称"), self.head_office)
        return page

    def _page_secondaries(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("二级分行及其综合管理部"))
        page.setSubTitle(self.tr("二级分行综合管理部是辖内（异地）事件的属地牵头部门（2.3）。可稍后由管理员补充。"))
        add, remove = QPushButton(self.tr("添加二级分行")), QPushButton(self.tr("删除所选"))
        add.clicked.connect(lambda: self.add_secondary("", "", "", ""))
        remove.clicked.connect(lambda: self.secondaries.removeRow(self.secondaries.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.secondaries)
        layout.addLayout(buttons)
        return page

    def _page_admin(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("第一个管理员账号"))
        page.setSubTitle(self.tr("管理员维护机构、账号与角色。密码至少8位，须同时包含字母和数字。"))
        form = QFormLayout(page)
        form.addRow(self.error)
        form.addRow(self.tr("登录名 *"), self.username)
        form.addRow(self.tr("姓名 *"), self.display_name)
        form.addRow(self.tr("密码 *"), self.password)
        form.addRow(self.tr("确认密码 *"), self.password2)
        form.addRow(self.tr("电话"), self.phone)
        return page

    def add_secondary(self, name: str, code: str, dept: str, dept_code: str) -> None:
        row = self.secondaries.rowCount()
        self.secondaries.insertRow(row)
        for col, text in enumerate((name, code, dept, dept_code)):
            self.secondaries.setItem(row, col, QTableWidgetItem(text))

    def _cell(self, row: int, column: int) -> str:
        item = self.secondaries.item(row, column)
        return item.text() if item is not None else ""

    def plan(self) -> SetupPlan:
        """What was typed, as it is: the core skips blank rows and checks the rest (org.set_up)."""
        rows = tuple(SecondarySetup(*(self._cell(r, c) for c in range(4))) for r in range(self.secondaries.rowCount()))
        return SetupPlan(
            branch_name=self.branch_name.text(), branch_short_name=self.branch_short.text(),
            branch_code=self.branch_code.text(), office_name=self.office_name.text(),
            office_code=self.office_code.text(), secondaries=rows, admin_username=self.username.text(),
            admin_display_name=self.display_name.text(), admin_password=self.password.text(),
            admin_phone=self.phone.text(), head_office=self.head_office.text(),
            office_prefix=self.office_prefix.text())

    def accept(self) -> None:
        if self.password.text() != self.password2.text():
            self._fail(self.tr("两次输入的密码不一致"))
            return
        plan = self.plan()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.worker.submit(lambda s: org.set_up(s, plan), self._done, self._failed)

    def _done(self, account: Account) -> None:
        self.account = account
        self.finishedSetup.emit(account)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self._fail(exc.message if isinstance(exc, RepDeskError) else str(exc))

    # --- a site set up from its upstream's site package ---------------------------------------------------------

    def import_site_package(self) -> None:
        path = open_file_name(self, self.tr("从上级机构的站点包导入"), "",
                              self.tr("RepDesk 站点包 (*.rdx);;所有文件 (*)"))
        if path:
            self.preview_site_package(path)

    def preview_site_package(self, path: str) -> None:
        """The package and its checks first (read in the worker); nothing is written until the user confirms."""
        self.site_error.hide()

        def job(session: Session) -> tuple[bytes, exchange.Preview]:
            data = Path(path).read_bytes()
            return data, exchange.preview_package(session, data)

        self.worker.submit(job, lambda answer: self._site_preview(path, *answer), self._site_failed, write=False)

    def _site_preview(self, path: str, data: bytes, preview: exchange.Preview) -> None:
        dialog = self.site_preview = PackagePreviewDialog(preview, path, self)
        dialog.accepted.connect(lambda: self._import_site(data))
        dialog.open()

    def _import_site(self, data: bytes) -> None:
        db = self.worker.db
        self.site_button.setEnabled(False)
        # import_package sets the site up in one transaction of its own (Database.run): the worker's read
        # session stays unused and holds no lock.
        self.worker.submit(lambda _s: exchange.import_package(db, data, None), self._site_ready, self._site_failed,
                           write=False)

    def _site_ready(self, result: exchange.ImportResult) -> None:
        """Set up: the site's people log in with their own accounts (there is no administrator to create)."""
        self.site_summary = result.summary
        self.hide()
        login = self.login = LoginDialog(self.worker)
        login.status.setText(result.summary)
        login.status.show()
        login.loggedIn.connect(self._done)
        login.rejected.connect(self.reject)
        login.show()

    def _site_failed(self, exc: BaseException) -> None:
        self.site_button.setEnabled(True)
        text = exc.strerror if isinstance(exc, OSError) and exc.strerror else \
            exc.message if isinstance(exc, RepDeskError) else str(exc)
        self.site_error.setText(text)
        self.site_error.show()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
