<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="126"/>
        <source>新建账号</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="134"/>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="135"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="136"/>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="137"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="150"/>
        <source>请选择所属单位</source>
        <translation>Please choose the unit</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <location filename="../../work/main/ui/strings.py" line="87"/>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="87"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="88"/>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="88"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="89"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="89"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="90"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="90"/>
        <source>锁定至 %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="91"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../work/main/ui/admin.py" line="65"/>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="71"/>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="72"/>
        <source>机构</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="92"/>
        <source>新建账号…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="93"/>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="94"/>
        <source>修改角色…</source>
        <translation>Change roles…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="95"/>
        <location filename="../../work/main/ui/admin.py" line="180"/>
        <source>停用账号</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="107"/>
        <source>添加下级单位…</source>
        <translation>Add unit below…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="108"/>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="109"/>
        <location filename="../../work/main/ui/admin.py" line="185"/>
        <source>停用单位</source>
        <translation>Deactivate unit</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="179"/>
        <source>启用账号</source>
        <translation>Enable account</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="184"/>
        <source>启用单位</source>
        <translation>Reactivate unit</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="220"/>
        <source>已创建账号 %1</source>
        <translation>Account %1 created</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="229"/>
        <source>已重置 %1 的密码</source>
        <translation>Password of %1 reset</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="239"/>
        <source>已修改 %1 的角色</source>
        <translation>Roles of %1 changed</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="248"/>
        <source>已启用账号 %1</source>
        <translation>Account %1 enabled</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="248"/>
        <source>已停用账号 %1</source>
        <translation>Account %1 disabled</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="262"/>
        <source>已添加单位 %1</source>
        <translation>Unit %1 added</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="274"/>
        <source>已将单位更名为 %1</source>
        <translation>Unit renamed to %1</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="282"/>
        <source>已启用单位 %1</source>
        <translation>Unit %1 reactivated</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="282"/>
        <source>已停用单位 %1</source>
        <translation>Unit %1 deactivated</translation>
    </message>
    <message>
        <source>机关代字…</source>
        <translation>Issuing-office code…</translation>
    </message>
    <message>
        <source>总行办公室…</source>
        <translation>Head office…</translation>
    </message>
    <message>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>总行办公室：%1</source>
        <translation>Head office: %1</translation>
    </message>
    <message>
        <source>；%1的机关代字：%2</source>
        <translation>; issuing-office code of %1: %2</translation>
    </message>
    <message>
        <source>总行办公室</source>
        <translation>Head office</translation>
    </message>
    <message>
        <source>总行办公室名称</source>
        <translation>Head office name</translation>
    </message>
    <message>
        <source>已将总行办公室设为 %1</source>
        <translation>Head office set to %1</translation>
    </message>
    <message>
        <source>机关代字：%1</source>
        <translation>Issuing-office code: %1</translation>
    </message>
    <message>
        <source>机关代字</source>
        <translation>Issuing-office code</translation>
    </message>
    <message>
        <source>已将%1的机关代字设为 %2</source>
        <translation>Issuing-office code of %1 set to %2</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../ui/crash.py" line="57"/>
        <location filename="../../ui/strings.py" line="28"/>
        <source>程序出现内部错误，已记录到日志文件。
您可以继续工作；如反复出现，请联系管理员。</source>
        <translation>An internal error occurred and was written to the log file.
You can keep working; if it happens again, please contact your administrator.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/dashboard.py" line="102"/>
        <source>时限看板</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="108"/>
        <source>全部责任方</source>
        <translation>All responsible parties</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="111"/>
        <source>只看与我有关</source>
        <translation>Only mine</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="113"/>
        <source>值班大屏 (F11)</source>
        <translation>Duty wall (F11)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="115"/>
        <source>当前没有未完成的时限。</source>
        <translation>No open deadlines.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="123"/>
        <source>事发单位</source>
        <translation>Incident unit</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="125"/>
        <source>责任方</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="130"/>
        <source>颜色：绿 = 时间充裕&#x3000;黄 = 即将到期&#x3000;红 = 已超时&#x3000;蓝 = 立即办理（无具体时限）&#x3000;灰 = 可选时段（“可”）。双击一行打开事件。</source>
        <translation>Colours: green = on track · yellow = due soon · red = overdue · blue = immediate (no fixed limit) · grey = optional window. Double-click a row to open the incident.</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="153"/>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="189"/>
        <source>已超时 %1 项&#x3000;即将到期 %2 项&#x3000;立即办理 %3 项&#x3000;共 %4 项</source>
        <translation>%1 overdue · %2 due soon · %3 immediate · %4 in all</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>时间充裕</source>
        <translation>On track</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>立即办理</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>可选时段</source>
        <translation>Optional window</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>全部级别</source>
        <translation>All severities</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>事发日期</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/view.py" line="0"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
</context>
<context>
    <name>DeadlineTableModel</name>
    <message>
        <location filename="../../ui/strings.py" line="8"/>
        <source>时间充裕</source>
        <translation>On track</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="8"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="8"/>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="9"/>
        <source>立即办理</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="9"/>
        <source>可选时段</source>
        <translation>Optional window</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="9"/>
        <source>可选时段已过</source>
        <translation>Window passed</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="10"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="10"/>
        <source>倒计时</source>
        <translation>Countdown</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="10"/>
        <source>时限（北京时间）</source>
        <translation>Due (CST)</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Duty</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="11"/>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="11"/>
        <source>事发单位</source>
        <translation>Incident unit</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="12"/>
        <source>责任方</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="12"/>
        <source>立即（已过 %1）</source>
        <translation>Immediate (%1 elapsed)</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="13"/>
        <source>可 · 剩 %1</source>
        <translation>optional · %1 left</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="13"/>
        <source>超 %1</source>
        <translation>%1 over</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="13"/>
        <source>立即</source>
        <translation>Immediately</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="14"/>
        <source>第</source>
        <translation>Art. </translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="14"/>
        <source>条</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>DutyWall</name>
    <message>
        <location filename="../../ui/dashboard.py" line="64"/>
        <source>值班大屏 — 声誉风险事件时限</source>
        <translation>Duty wall — reputation-risk deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="76"/>
        <source>声誉风险事件时限</source>
        <translation>Reputation-risk deadlines</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../ui/event_dialog.py" line="39"/>
        <source>记录事件进展</source>
        <translation>Record an event</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="45"/>
        <source>如：电话报告综合管理部张伟</source>
        <translation>e.g. phoned Zhang Wei of the comprehensive-management dept.</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="48"/>
        <source>发生时间（北京时间）</source>
        <translation>At (China Standard Time)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="56"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="63"/>
        <source>迟报说明 *</source>
        <translation>Late-report reason *</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="66"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="92"/>
        <source>第%1条（时限 %2）</source>
        <translation>article %1 (due %2)</translation>
    </message>
    <message>
        <location filename="../../ui/event_dialog.py" line="94"/>
        <source>已超过%1，请填写迟报说明。</source>
        <translation>Past %1: please give the late-report reason.</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>已更正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <source>更正后</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>%1 于 %2 撤回，理由：%3</source>
        <translation>Withdrawn by %1 at %2, reason: %3</translation>
    </message>
    <message>
        <source>%1 于 %2 更正，理由：%3</source>
        <translation>Corrected by %1 at %2, reason: %3</translation>
    </message>
    <message>
        <source>更正了 %1 的原记录，理由：%2</source>
        <translation>Corrects the entry of %1, reason: %2</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="18"/>
        <source>发生时间</source>
        <translation>At</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="18"/>
        <source>事项</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="18"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="19"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="19"/>
        <source>记录时间</source>
        <translation>Recorded at</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="19"/>
        <source>迟报说明</source>
        <translation>Late-report reason</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="52"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="53"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="96"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="97"/>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="112"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="118"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>IncidentEditor</name>
    <message>
        <location filename="../../ui/intake.py" line="55"/>
        <source>上次有未保存的内容。</source>
        <translation>There is unsaved input from last time.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="57"/>
        <source>恢复未保存的草稿</source>
        <translation>Restore unsaved draft</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="58"/>
        <source>丢弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="65"/>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="111"/>
        <source>有未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="121"/>
        <source>草稿已自动保存</source>
        <translation>Draft saved automatically</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="162"/>
        <source>没有需要保存的修改</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="166"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="178"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="185"/>
        <source>未保存：请更正标红的内容</source>
        <translation>Not saved: please correct the field marked in red</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="190"/>
        <source>未保存：记录已被他人修改，您的内容已存为草稿</source>
        <translation>Not saved: someone else changed the record; your input is kept as a draft</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="193"/>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="196"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../../ui/intake_form.py" line="46"/>
        <source>一句话说明发生了什么</source>
        <translation>What happened, in one sentence</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="59"/>
        <source>涉及具体业务条线</source>
        <translation>Involves a business line</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="61"/>
        <source>业务条线名称，如：个人理财</source>
        <translation>Business line, e.g. personal wealth management</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="63"/>
        <source>涉及客户纠纷</source>
        <translation>Involves a customer dispute</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="78"/>
        <source>事件基本情况</source>
        <translation>Facts</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="81"/>
        <source>事件标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="82"/>
        <source>事发单位</source>
        <translation>Incident unit</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="86"/>
        <source>获悉时间</source>
        <translation>Learned at</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="88"/>
        <source>（北京时间）</source>
        <translation>(China Standard Time)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="89"/>
        <source>事发时间</source>
        <translation>Occurred at</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="90"/>
        <source>事发地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="93"/>
        <source>事件来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="95"/>
        <source>事件级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="97"/>
        <source>业务条线</source>
        <translation>Business line</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="98"/>
        <source>主办业务部门</source>
        <translation>Business department</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="101"/>
        <source>报告要素（3.3.2，书面报告签发前须全部填写）</source>
        <translation>Report elements (3.3.2: all required before a written report is signed)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="106"/>
        <source>重大事件另需（4.3.4）</source>
        <translation>Also required for major incidents (4.3.4)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="129"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="163"/>
        <source>（未指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="171"/>
        <source>同城机构</source>
        <translation>Same-city</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="171"/>
        <source>异地机构</source>
        <translation>Remote</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="172"/>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="173"/>
        <source>%1 · 牵头部门：%2</source>
        <translation>%1 · lead department: %2</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="248"/>
        <source>书面报告尚缺要素：%1。缺项未补齐前，书面报告不能报送。</source>
        <translation>The written report still lacks: %1. It cannot go forward until they are filled in.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="252"/>
        <source>报告要素已齐全。</source>
        <translation>All report elements are filled in.</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="42"/>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="43"/>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="44"/>
        <source>客户投诉</source>
        <translation>Customer complaint</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="45"/>
        <source>媒体采访</source>
        <translation>Media inquiry</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="46"/>
        <source>网络舆情</source>
        <translation>Online post</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="47"/>
        <source>监管部门</source>
        <translation>Regulator</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="48"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="49"/>
        <source>起因</source>
        <translation>Cause</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="50"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="51"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="52"/>
        <source>当前情况</source>
        <translation>Current situation</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="53"/>
        <source>已采取的措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="54"/>
        <source>事态发展预测</source>
        <translation>Forecast</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="55"/>
        <source>造成的影响</source>
        <translation>Impact</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="56"/>
        <source>可能引发的后果</source>
        <translation>Possible consequences</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="57"/>
        <source>拟采取的措施</source>
        <translation>Planned measures</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="58"/>
        <source>事件因何而起</source>
        <translation>What caused it</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="59"/>
        <source>事件发生及发展的时间</source>
        <translation>When it happened and developed</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="60"/>
        <source>事件发生的地点</source>
        <translation>Where it happened</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="61"/>
        <source>目前的状况、舆情传播情况</source>
        <translation>The situation now, how far it has spread online</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="62"/>
        <source>已经采取的处置措施</source>
        <translation>Measures already taken</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="63"/>
        <source>对事态发展的判断</source>
        <translation>How the situation will develop</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="64"/>
        <source>已经造成的影响</source>
        <translation>Impact so far</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="65"/>
        <source>可能引发的后果（重大事件）</source>
        <translation>Possible consequences (major incidents)</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="66"/>
        <source>拟采取的措施（重大事件）</source>
        <translation>Planned measures (major incidents)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/intake_form.py" line="1"/>
        <source>造成本行重大损失</source>
        <translation>Major loss to the bank</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/intake_form.py" line="1"/>
        <source>市场大幅波动</source>
        <translation>Sharp market swings</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/intake_form.py" line="1"/>
        <source>引发系统性风险</source>
        <translation>Systemic risk</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/intake_form.py" line="1"/>
        <source>影响社会经济秩序稳定</source>
        <translation>Threat to social and economic order</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/intake_form.py" line="1"/>
        <source>认定情形（4.1）</source>
        <translation>Grounds (4.1)</translation>
    </message>
</context>
<context>
    <name>IncidentListModel</name>
    <message>
        <location filename="../../ui/strings.py" line="15"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="15"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="15"/>
        <source>事发单位</source>
        <translation>Incident unit</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="16"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="16"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="16"/>
        <source>事发时间</source>
        <translation>Occurred at</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="17"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="17"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <source>（来自：%1）</source>
        <translation> (from: %1)</translation>
    </message>
</context>
<context>
    <name>IncidentListPage</name>
    <message>
        <location filename="../../ui/pages.py" line="91"/>
        <source>事件列表</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../ui/pages.py" line="94"/>
        <source>按编号、标题、单位查找</source>
        <translation>Find by number, title, unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages.py" line="95"/>
        <source>包括已结束的事件</source>
        <translation>Include closed incidents</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>按编号、标题、单位、人员或记者查找</source>
        <translation>Find by number, title, unit, person or journalist</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>全部级别</source>
        <translation>All severities</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>事发日期</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>把筛选出的全部事件按显示的顺序导出为 Excel 工作簿</source>
        <translation>Export every incident the filters let through, in the order shown, to an Excel workbook</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>事发单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>共 %1 件</source>
        <translation>%1 incidents</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>导出到 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>（北京时间）</source>
        <translation> (Beijing time)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>已将 %1 件事件导出到 %2</source>
        <translation>Exported %1 incidents to %2</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/list_page.py" line="0"/>
        <source>无法导出：%1</source>
        <translation>Could not export: %1</translation>
    </message>
</context>
<context>
    <name>IncidentPage</name>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>撤回…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>选中的事项：</source>
        <translation>Selected event:</translation>
    </message>
    <message>
        <source>请先在时间线中选择一个事项</source>
        <translation>Select an event on the timeline first</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="49"/>
        <source>← 返回</source>
        <translation>← Back</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="65"/>
        <source>下一步（点击即记录，时间默认为现在）</source>
        <translation>Next steps (click to record; time defaults to now)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="67"/>
        <source>其他事项…</source>
        <translation>Other events…</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="90"/>
        <source>时限与完成情况</source>
        <translation>Deadlines and what was done</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="93"/>
        <source>时间线（谁在何时记录了什么）</source>
        <translation>Timeline (who recorded what, when)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="103"/>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="104"/>
        <source>事件信息与报告要素</source>
        <translation>Facts and report elements</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="105"/>
        <source>舆情与媒体</source>
        <translation>Public opinion and media</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="106"/>
        <source>重大事件处置</source>
        <translation>Major incident</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="160"/>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="160"/>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="164"/>
        <source>同城机构</source>
        <translation>Same-city</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="164"/>
        <source>异地机构</source>
        <translation>Remote</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="165"/>
        <source>事发单位：%1</source>
        <translation>Incident unit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="166"/>
        <source>牵头部门：%1</source>
        <translation>Lead department: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="167"/>
        <source>事发：%1</source>
        <translation>Occurred: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="168"/>
        <source>获悉：%1</source>
        <translation>Learned: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="170"/>
        <source>主办业务部门：%1</source>
        <translation>Business department: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="172"/>
        <source>已结束</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="176"/>
        <source>书面报告尚缺要素：%1（在“事件信息与报告要素”中补全）</source>
        <translation>The written report still lacks: %1 (fill them in under "Facts and report elements")</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="193"/>
        <source>对应条款：%1</source>
        <translation>Articles: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="221"/>
        <source>书面报告尚缺要素：%1。请先在“事件信息与报告要素”中补全。</source>
        <translation>The written report still lacks: %1. Fill them in under "Facts and report elements" first.</translation>
    </message>
    <message>
        <location filename="../../ui/incident_page.py" line="226"/>
        <source>报告要素不全</source>
        <translation>Report elements missing</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>操作记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>事件已结束，不再记录新的事项。</source>
        <translation>The incident is closed: no further events are recorded.</translation>
    </message>
    <message>
        <source>正在读取事件…</source>
        <translation>Reading the incident…</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/page.py" line="1"/>
        <source>责任追究</source>
        <translation>Accountability</translation>
    </message>
    <message>
        <source>结束事件…</source>
        <translation>Close incident…</translation>
    </message>
    <message>
        <source>来自：%1</source>
        <translation>From: %1</translation>
    </message>
    <message>
        <source>有 %1 处数据交换冲突待牵头部门处理（见“数据交换”）</source>
        <translation>%1 exchange conflict(s) for the lead department to resolve (see Data exchange)</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../ui/intake.py" line="206"/>
        <source>登记声誉风险事件</source>
        <translation>Record a reputation-risk incident</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="208"/>
        <source>关闭（保留草稿）</source>
        <translation>Close (keep draft)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>须先设置新密码才能登录</source>
        <translation>Set a new password before logging in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="22"/>
        <source>登录 — 声誉风险工作台</source>
        <translation>Log in — RepDesk</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="23"/>
        <source>声誉风险工作台</source>
        <translation>RepDesk</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="30"/>
        <source>登录名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="31"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="33"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>正在验证密码…</source>
        <translation>Checking the password…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/shell/main_window.py" line="240"/>
        <source>账号已停用</source>
        <translation>Account disabled</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="47"/>
        <source>声誉风险工作台 RepDesk</source>
        <translation>RepDesk — reputation-risk desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>登记新事件 (Ctrl+N)</source>
        <translation>New incident (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150"/>
        <source>刷新 (F5)</source>
        <translation>Reload (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>值班大屏 (F11)</source>
        <translation>Duty wall (F11)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>注销/切换用户</source>
        <translation>Log out / switch user</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164"/>
        <source>%1（%2）· %3</source>
        <translation>%1 (%2) · %3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>正在读写数据…</source>
        <translation>Working with the database…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>数据更新于 %1</source>
        <translation>Data as of %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>事件 %1 已登记</source>
        <translation>Incident %1 recorded</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="67"/>
        <source>信息员</source>
        <translation>Information officer</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="68"/>
        <source>牵头部门经办</source>
        <translation>Lead-department officer</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="69"/>
        <source>单位主要负责人</source>
        <translation>Unit head</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="70"/>
        <source>分行领导/属地负责人</source>
        <translation>Branch leader / local head</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="71"/>
        <source>分行行长</source>
        <translation>Branch president</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="72"/>
        <source>新闻发言人</source>
        <translation>Spokesperson</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="73"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>声誉风险工作台</source>
        <translation>RepDesk</translation>
    </message>
    <message>
        <source>事件详情</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="0"/>
        <source>查找事件</source>
        <translation>Find an incident</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
</context>
<context>
    <name>MajorTab</name>
    <message>
        <location filename="../../ui/incident_tabs.py" line="131"/>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="131"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="131"/>
        <source>单位及职务</source>
        <translation>Unit and position</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="134"/>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="134"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="135"/>
        <source>保存领导小组</source>
        <translation>Save leadership group</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="144"/>
        <source>处置领导小组（4.3.1-4.3.3）</source>
        <translation>Leadership group (4.3.1-4.3.3)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="151"/>
        <source>保存发言人与应答口径</source>
        <translation>Save spokesperson and reply script</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="153"/>
        <source>新闻发言人与应答口径（4.3.4(3)）</source>
        <translation>Spokesperson and reply script (4.3.4(3))</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="155"/>
        <source>新闻发言人</source>
        <translation>Spokesperson</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="156"/>
        <source>应答口径</source>
        <translation>Reply script</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="215"/>
        <source>领导小组已保存</source>
        <translation>Leadership group saved</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="221"/>
        <source>发言人与应答口径已保存</source>
        <translation>Spokesperson and reply script saved</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="74"/>
        <source>组长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="75"/>
        <source>副组长</source>
        <translation>Deputy leader</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="76"/>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>记录召开领导小组会议</source>
        <translation>Record the leadership group's meeting</translation>
    </message>
    <message>
        <source>指定新闻发言人超过时限的原因</source>
        <translation>Why the spokesperson was designated after the deadline</translation>
    </message>
    <message>
        <source>迟报说明 *</source>
        <translation>Late-report reason *</translation>
    </message>
    <message>
        <source>已记录处置领导小组召开会议（4.3.4(1)）</source>
        <translation>The leadership group's meeting is recorded (4.3.4(1))</translation>
    </message>
    <message>
        <source>发言人与应答口径已保存，已记录“指定新闻发言人”（4.3.4(3)）</source>
        <translation>Spokesperson and reply script saved; “spokesperson designated” recorded (4.3.4(3))</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>造成本行重大损失</source>
        <translation>Major loss to the bank</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>市场大幅波动</source>
        <translation>Sharp market swings</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>引发系统性风险</source>
        <translation>Systemic risk</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>影响社会经济秩序稳定</source>
        <translation>Threat to social and economic order</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>认定情形（4.1）：%1</source>
        <translation>Grounds (4.1): %1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>（未填写，请在“事件详情”中勾选）</source>
        <translation>(not given: tick them under the incident's details)</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../ui/notifier.py" line="28"/>
        <source>声誉风险工作台</source>
        <translation>RepDesk</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="45"/>
        <source>时限已超</source>
        <translation>Deadline overdue</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="45"/>
        <source>时限即将到期</source>
        <translation>Deadline due soon</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="48"/>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="48"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="51"/>
        <source>另有 %1 项</source>
        <translation>and %1 more</translation>
    </message>
    <message>
        <location filename="../../ui/notifier.py" line="50"/>
        <source>%1 第%2条 %3：%4（%5）</source>
        <translation>%1 Art. %2 %3: %4 (%5)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/notifier.py" line="55"/>
        <source>有事项须立即办理</source>
        <translation>Duties to do immediately</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/notifier.py" line="61"/>
        <source>立即办理</source>
        <translation>Do immediately</translation>
    </message>
</context>
<context>
    <name>ReminderPanel</name>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="64"/>
        <source>点击一行打开事件</source>
        <translation>Click a row to open the incident</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="66"/>
        <source>全部知道了</source>
        <translation>Acknowledge all</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="73"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="73"/>
        <source>倒计时</source>
        <translation>Countdown</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="73"/>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="73"/>
        <source>事项</source>
        <translation>Duty</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="74"/>
        <source>责任方（须办理）</source>
        <translation>Responsible (must act)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="135"/>
        <source>第%1条 %2</source>
        <translation>Art. %1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="140"/>
        <source>打开事件 %1</source>
        <translation>Open incident %1</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="148"/>
        <source>知道了</source>
        <translation>Got it</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="149"/>
        <source>此提醒不再显示（对您本人）</source>
        <translation>Stop showing this reminder (for you)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/reminders.py" line="155"/>
        <source>需要关注的时限提醒（%1 项）</source>
        <translation>Deadline reminders needing attention (%1)</translation>
    </message>
    <message>
        <source>仅列出最紧急的 %1 项，其余见时限看板</source>
        <translation>Only the %1 most urgent are listed; see the deadline board for the rest</translation>
    </message>
</context>
<context>
    <name>OpinionTab</name>
    <message>
        <location filename="../../ui/incident_tabs.py" line="50"/>
        <source>如：微博、抖音、本地论坛</source>
        <translation>e.g. Weibo, Douyin, a local forum</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="54"/>
        <source>如：阅读1.2万、转发300</source>
        <translation>e.g. 12,000 reads, 300 shares</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="56"/>
        <source>负面</source>
        <translation>Negative</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="56"/>
        <source>中性</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="56"/>
        <source>正面</source>
        <translation>Positive</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="58"/>
        <source>添加舆情记录</source>
        <translation>Add entry</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="61"/>
        <source>来源 *</source>
        <translation>Source *</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="62"/>
        <source>链接或标题 *</source>
        <translation>Link or title *</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="65"/>
        <source>传播量</source>
        <translation>Reach</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="67"/>
        <source>倾向</source>
        <translation>Tone</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="70"/>
        <source>监测时间</source>
        <translation>Seen at</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="71"/>
        <source>舆情监测（4.2.2、4.3.4(5)）</source>
        <translation>Public-opinion monitoring (4.2.2, 4.3.4(5))</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="78"/>
        <source>媒体咨询采访记录（4.2.2(1)）</source>
        <translation>Media inquiries (4.2.2(1))</translation>
    </message>
    <message>
        <location filename="../../ui/incident_tabs.py" line="89"/>
        <source>暂无媒体咨询采访。</source>
        <translation>No media inquiries.</translation>
    </message>
</context>
<context>
    <name>OpinionTableModel</name>
    <message>
        <location filename="../../ui/strings.py" line="20"/>
        <source>监测时间</source>
        <translation>Seen at</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="20"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="20"/>
        <source>链接或标题</source>
        <translation>Link or title</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="21"/>
        <source>传播量</source>
        <translation>Reach</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="21"/>
        <source>倾向</source>
        <translation>Tone</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="21"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="156"/>
        <source>重置密码：%1</source>
        <translation>Reset password: %1</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="91"/>
        <source>正在生成 PDF…</source>
        <translation>Building the PDF…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="108"/>
        <source>正在生成 PDF，请稍候…</source>
        <translation>Building the PDF, please wait…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="116"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="117"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="124"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="125"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="126"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="129"/>
        <source>第</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="134"/>
        <source>缩放</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="167"/>
        <source>注意：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="171"/>
        <source>页，共 %1 页</source>
        <translation>of %1</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="178"/>
        <source>生成 PDF 时出错：%1</source>
        <translation>Could not build the PDF: %1</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="181"/>
        <source>无法生成 PDF。</source>
        <translation>The PDF could not be built.</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="231"/>
        <location filename="../../work/main/ui/pdf_preview.py" line="235"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="235"/>
        <source>无法打印：打印机未能开始打印。</source>
        <translation>Cannot print: the printer did not start.</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="242"/>
        <location filename="../../work/main/ui/pdf_preview.py" line="251"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="243"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="251"/>
        <source>无法保存到“%1”：%2</source>
        <translation>Cannot save to “%1”: %2</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="254"/>
        <source>已保存到 %1</source>
        <translation>saved to %1</translation>
    </message>
    <message>
        <source>已打印到文件 %1</source>
        <translation>printed to the file %1</translation>
    </message>
    <message>
        <source>已发送到打印机 %1</source>
        <translation>sent to the printer %1</translation>
    </message>
    <message>
        <source>默认打印机</source>
        <translation>the default printer</translation>
    </message>
    <message>
        <source>打印机未接受文件：%1</source>
        <translation>The printer did not accept the file: %1</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/pdf_preview.py" line="275"/>
        <location filename="../../work/main/ui/strings.py" line="93"/>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="92"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="92"/>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../../work/main/ui/register.py" line="53"/>
        <source>打印台账</source>
        <translation>Print register</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="65"/>
        <source>预览台账</source>
        <translation>Preview register</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="66"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="70"/>
        <source>事发日期自</source>
        <translation>Occurred from</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="71"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="73"/>
        <source>台账列出事发时间在所选期间内（北京时间，含首尾两日）的事件。</source>
        <translation>The register lists the incidents that occurred in the period (China Standard Time, both days included).</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="84"/>
        <source>结束日期不能早于开始日期。</source>
        <translation>The end date cannot be before the start date.</translation>
    </message>
</context>
<context>
    <name>RegisterActions</name>
    <message>
        <location filename="../../work/main/ui/register.py" line="102"/>
        <source>打印台账…</source>
        <translation>Print register…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="105"/>
        <source>验证PDF…</source>
        <translation>Verify PDF…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="126"/>
        <source>台账 %1 至 %2</source>
        <translation>Register %1 to %2</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="134"/>
        <source>选择要验证的 PDF 文件</source>
        <translation>Choose the PDF file to verify</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="135"/>
        <source>PDF 文件 (*.pdf);;所有文件 (*)</source>
        <translation>PDF files (*.pdf);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="146"/>
        <source>无法读取文件“%1”：%2</source>
        <translation>Cannot read the file “%1”: %2</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="149"/>
        <source>正在验证 %1…</source>
        <translation>Verifying %1…</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="155"/>
        <source>验证时出错：%1</source>
        <translation>Verification failed with an error: %1</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="160"/>
        <source>验证PDF</source>
        <translation>Verify PDF</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="162"/>
        <source>通过</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="162"/>
        <source>未通过</source>
        <translation>Not verified</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/register.py" line="165"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="212"/>
        <source>重命名单位</source>
        <translation>Rename unit</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="215"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="216"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="168"/>
        <source>修改角色：%1</source>
        <translation>Change roles: %1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>公文字体</source>
        <translation>Document fonts</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>仿宋（正文）</source>
        <translation>FangSong (body)</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>小标宋（标题）</source>
        <translation>XiaoBiaoSong (title)</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>黑体（一级标题）</source>
        <translation>HeiTi (first-level headings)</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>楷体（二级标题）</source>
        <translation>KaiTi (second-level headings)</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>自动查找已安装的字体</source>
        <translation>Find an installed font automatically</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>可选用从办公电脑复制的 TrueType 字体文件（如 simfang.ttf、FZXBSJW.TTF），打印时嵌入 PDF；未指定或未安装时以其他字体代替，预览和打印时会提示。</source>
        <translation>You may choose TrueType font files copied from an office PC (e.g. simfang.ttf, FZXBSJW.TTF); they are embedded in the PDF. Without them another face stands in, and the preview and printing say so.</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>四种公文字体均已找到。</source>
        <translation>All four document fonts were found.</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>选择字体文件</source>
        <translation>Choose a font file</translation>
    </message>
    <message>
        <location filename="../../ui/app/settings_page.py" line="0"/>
        <source>TrueType 字体 (*.ttf *.ttc *.TTF *.TTC)</source>
        <translation>TrueType fonts (*.ttf *.ttc *.TTF *.TTC)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="29"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="39"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="40"/>
        <source>时限即将到期或超时时弹出提醒</source>
        <translation>Notify when a deadline is due soon or overdue</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="41"/>
        <source>同时发出提示音</source>
        <translation>Also play a sound</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="44"/>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="48"/>
        <source>应用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="53"/>
        <source>时限看板</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="56"/>
        <source>“即将到期”至少提前</source>
        <translation>"Due soon" at least</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="57"/>
        <source>剩余时间不足时限的一半，或不足上面的分钟数，以先到者为准，即显示黄色“即将到期”。
例如：30分钟时限剩15分钟起变黄，2小时时限剩1小时起变黄；“立即”事项显示为“立即办理”。</source>
        <translation>A deadline turns yellow ("due soon") when less than half of its limit or less than the minutes above remain, whichever comes first.
For example: a 30-minute limit turns yellow with 15 minutes left, a 2-hour one with 1 hour left; "immediate" duties show as "Immediate".</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="59"/>
        <source>从数据库刷新间隔</source>
        <translation>Reload from the database every</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="60"/>
        <source>值班大屏字号</source>
        <translation>Duty wall font size</translation>
    </message>
    <message>
        <source>按1080线屏幕计，随屏幕高度缩放；状态、倒计时、时限和条款始终完整显示。</source>
        <translation>For a 1080-line screen, scaled with the screen's height; the status, countdown, due time and article are always shown whole.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="61"/>
        <source>常规</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="63"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="97"/>
        <source>已应用。界面语言将在下次启动时生效。</source>
        <translation>Applied. The language changes at the next start.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="97"/>
        <source>已应用。</source>
        <translation>Applied.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="63"/>
        <source>首次使用：建立机构与管理员账号</source>
        <translation>First run: set up the organisation and the administrator</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="65"/>
        <source>例如：某某银行某某分行</source>
        <translation>e.g. XX Bank XX Branch</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="66"/>
        <source>例如：某某分行</source>
        <translation>e.g. XX Branch</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="68"/>
        <source>例如：某某分行办公室</source>
        <translation>e.g. XX Branch Office</translation>
    </message>
    <message>
        <source>例如：FH</source>
        <translation>e.g. FH</translation>
    </message>
    <message>
        <source>例如：FH-BGS</source>
        <translation>e.g. FH-BGS</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="71"/>
        <source>二级分行名称</source>
        <translation>Secondary branch</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="71"/>
        <location filename="../../ui/setup_wizard.py" line="72"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="72"/>
        <source>综合管理部名称</source>
        <translation>Comprehensive-management dept.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="89"/>
        <source>分行与分行办公室</source>
        <translation>Branch and branch office</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="90"/>
        <source>分行办公室是石家庄同城事件的声誉风险管理牵头部门（2.2）。</source>
        <translation>The branch office is the lead department for same-city incidents (2.2).</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="92"/>
        <source>分行名称 *</source>
        <translation>Branch name *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="93"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="94"/>
        <source>分行代码 *</source>
        <translation>Branch code *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="95"/>
        <source>分行办公室名称 *</source>
        <translation>Branch office name *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="96"/>
        <source>办公室代码 *</source>
        <translation>Office code *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="101"/>
        <source>二级分行及其综合管理部</source>
        <translation>Secondary branches and their comprehensive-management departments</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="102"/>
        <source>二级分行综合管理部是辖内（异地）事件的属地牵头部门（2.3）。可稍后由管理员补充。</source>
        <translation>A secondary branch's comprehensive-management department is the local lead department for remote incidents (2.3). An administrator can add more later.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="103"/>
        <source>添加二级分行</source>
        <translation>Add secondary branch</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="103"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="117"/>
        <source>第一个管理员账号</source>
        <translation>First administrator account</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="118"/>
        <source>管理员维护机构、账号与角色。密码至少8位，须同时包含字母和数字。</source>
        <translation>The administrator keeps the organisation, accounts and roles. Passwords need at least 8 characters, with letters and digits.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="121"/>
        <source>登录名 *</source>
        <translation>User name *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="122"/>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="123"/>
        <source>密码 *</source>
        <translation>Password *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="124"/>
        <source>确认密码 *</source>
        <translation>Confirm password *</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="125"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="149"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>例如：某银办，可稍后设置</source>
        <translation>e.g. an issuing-office abbreviation; may be set later</translation>
    </message>
    <message>
        <source>例如：某某银行总行办公室，可稍后设置</source>
        <translation>e.g. XX Bank Head Office General Office; may be set later</translation>
    </message>
    <message>
        <source>办公室机关代字</source>
        <translation>Office issuing-office code</translation>
    </message>
    <message>
        <source>总行办公室名称</source>
        <translation>Head office name</translation>
    </message>
    <message>
        <source>从上级机构的站点包导入…</source>
        <translation>Import a site package from the upstream office…</translation>
    </message>
    <message>
        <source>离线机构：用上级机构管理员制作的站点包建立本机</source>
        <translation>Offline office: set up this installation from the site package the upstream administrator made</translation>
    </message>
    <message>
        <source>从上级机构的站点包导入</source>
        <translation>Import a site package from the upstream office</translation>
    </message>
    <message>
        <source>RepDesk 站点包 (*.rdx);;所有文件 (*)</source>
        <translation>RepDesk site package (*.rdx);;All files (*)</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <location filename="../../ui/strings.py" line="24"/>
        <source>按时</source>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="24"/>
        <source>逾期完成</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="24"/>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="25"/>
        <source>待办</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="25"/>
        <source>可选</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="25"/>
        <source>已过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="26"/>
        <source>未起算</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="26"/>
        <source>已转重大</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="26"/>
        <source>时间线事件 ▼</source>
        <translation>Timeline events ▼</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="27"/>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="28"/>
        <source>责任方：%1</source>
        <translation>Responsible: %1</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="179"/>
        <source>添加下级单位：%1</source>
        <translation>Add a unit below %1</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="187"/>
        <source>不能设在%1之下</source>
        <translation>Not allowed below a %1</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="195"/>
        <source>上级单位</source>
        <translation>Parent unit</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="196"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="197"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="198"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="199"/>
        <source>单位代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_dialogs.py" line="200"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>UnitTree</name>
    <message>
        <location filename="../../work/main/ui/admin_models.py" line="117"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_models.py" line="117"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_models.py" line="117"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_models.py" line="117"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_models.py" line="143"/>
        <source>已停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin_models.py" line="143"/>
        <source>在用</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>domain</name>
    <message>
        <source>负面</source>
        <translation>Negative</translation>
    </message>
    <message>
        <source>中性</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>正面</source>
        <translation>Positive</translation>
    </message>
    <message>
        <source>微博</source>
        <translation>Weibo</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>抖音</source>
        <translation>Douyin</translation>
    </message>
    <message>
        <source>新闻网站</source>
        <translation>News site</translation>
    </message>
    <message>
        <source>论坛/贴吧</source>
        <translation>Forum</translation>
    </message>
    <message>
        <source>视频平台</source>
        <translation>Video platform</translation>
    </message>
    <message>
        <source>待研判</source>
        <translation>To assess</translation>
    </message>
    <message>
        <source>已转为事件</source>
        <translation>Became an incident</translation>
    </message>
    <message>
        <source>已关联事件</source>
        <translation>Linked to an incident</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>网点现场</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <source>客服电话</source>
        <translation>Service line</translation>
    </message>
    <message>
        <source>来信</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>网络/APP</source>
        <translation>Online / app</translation>
    </message>
    <message>
        <source>监管转办</source>
        <translation>Passed on by the regulator</translation>
    </message>
    <message>
        <source>处理中</source>
        <translation>Being handled</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>转为事件</source>
        <translation>Became an incident</translation>
    </message>
    <message>
        <source>关联事件</source>
        <translation>Linked to an incident</translation>
    </message>
    <message>
        <source>处理结果报牵头部门</source>
        <translation>Result reported to the lead department</translation>
    </message>
    <message>
        <source>报纸</source>
        <translation>Newspaper</translation>
    </message>
    <message>
        <source>电视</source>
        <translation>Television</translation>
    </message>
    <message>
        <source>广播</source>
        <translation>Radio</translation>
    </message>
    <message>
        <source>网络媒体</source>
        <translation>Online media</translation>
    </message>
    <message>
        <source>通讯社</source>
        <translation>News agency</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>舆情监测</source>
        <translation>Monitoring entry</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>应急演练</source>
        <translation>Drill</translation>
    </message>
    <message>
        <source>风险评估</source>
        <translation>Screening</translation>
    </message>
    <message>
        <source>培训课程</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>专题讲座</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>知识竞赛</source>
        <translation>Competition</translation>
    </message>
    <message>
        <source>新产品</source>
        <translation>New product</translation>
    </message>
    <message>
        <source>新业务流程</source>
        <translation>New process</translation>
    </message>
    <message>
        <source>新信息系统</source>
        <translation>New system</translation>
    </message>
    <message>
        <source>低</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>中</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>高</source>
        <translation>High</translation>
    </message>
    <message>
        <source>可以上线</source>
        <translation>Ready to launch</translation>
    </message>
    <message>
        <source>落实防控措施后上线</source>
        <translation>Launch once the measures are in place</translation>
    </message>
    <message>
        <source>暂缓上线</source>
        <translation>Not ready to launch</translation>
    </message>
    <message>
        <source>待领导签批</source>
        <translation>Waiting for the leader</translation>
    </message>
    <message>
        <source>领导已签批</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <source>领导已退回</source>
        <translation>Sent back by the leader</translation>
    </message>
    <message>
        <source>预案适用，无需修订</source>
        <translation>Plan adequate, no change</translation>
    </message>
    <message>
        <source>已修订预案</source>
        <translation>Plan revised</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="33"/>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="34"/>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="35"/>
        <source>客户投诉</source>
        <translation>Customer complaint</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="36"/>
        <source>媒体采访</source>
        <translation>Media inquiry</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="37"/>
        <source>网络舆情</source>
        <translation>Online post</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="38"/>
        <source>监管部门</source>
        <translation>Regulator</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="39"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="40"/>
        <source>处置中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="41"/>
        <source>已结束</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="82"/>
        <source>信息员</source>
        <translation>Information officer</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="82"/>
        <source>牵头部门经办</source>
        <translation>Lead department officer</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="83"/>
        <source>单位主要负责人</source>
        <translation>Head of unit</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="83"/>
        <source>分行领导/属地负责人</source>
        <translation>Branch leader / local head</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="84"/>
        <source>分行行长</source>
        <translation>Branch president</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="84"/>
        <source>新闻发言人</source>
        <translation>Spokesperson</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="84"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="85"/>
        <source>分行</source>
        <translation>Branch</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="85"/>
        <source>分行办公室</source>
        <translation>Branch office</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="85"/>
        <source>职能部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="86"/>
        <source>营业网点</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="86"/>
        <source>二级分行</source>
        <translation>Secondary branch</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/strings.py" line="86"/>
        <source>综合管理部</source>
        <translation>Comprehensive management dept.</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>舆情监测</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <source>投诉台账</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>媒体与发言人</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>预防工作</source>
        <translation>Prevention</translation>
    </message>
    <message>
        <source>责任追究</source>
        <translation>Accountability</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="22"/>
        <source>时限看板</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="22"/>
        <source>事件列表</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="22"/>
        <source>待我审批</source>
        <translation>My approvals</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="22"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="23"/>
        <source>审批队列将列出等待您审批的应对方案、报告签发等事项。
目前没有待审批的事项。</source>
        <translation>The approval queue will list response plans and reports waiting for your approval or signature.
Nothing is waiting for you now.</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/admin.py" line="287"/>
        <location filename="../../work/main/ui/strings.py" line="81"/>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <location filename="../../ui/strings.py" line="27"/>
        <location filename="../../ui/widgets.py" line="21"/>
        <source>北京时间（UTC+8）</source>
        <translation>China Standard Time (UTC+8)</translation>
    </message>
</context>
<context>
    <name>ApprovalQueueModel</name>
    <message>
        <source>倒计时</source>
        <translation>Countdown</translation>
    </message>
    <message>
        <source>时限（北京时间）</source>
        <translation>Due (Beijing time)</translation>
    </message>
    <message>
        <source>所服务的时限</source>
        <translation>Deadline served</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>待办事项</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>起草人</source>
        <translation>Drafter</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>退回人</source>
        <translation>Returned by</translation>
    </message>
    <message>
        <source>退回时间</source>
        <translation>Returned at</translation>
    </message>
    <message>
        <source>退回意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>无时限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source>超 %1</source>
        <translation>over %1</translation>
    </message>
    <message>
        <source>第%1条</source>
        <translation>Art. %1</translation>
    </message>
    <message>
        <source>%1%2 第%3版</source>
        <translation>%1%2 version %3</translation>
    </message>
</context>
<context>
    <name>Approvals</name>
    <message>
        <source>无权办理</source>
        <translation>Not permitted</translation>
    </message>
    <message>
        <source>文件已变化</source>
        <translation>The document has changed</translation>
    </message>
    <message>
        <source>未能办理</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>找不到</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>出现错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>%1：%2（未作任何更改）</source>
        <translation>%1: %2 (nothing was changed)</translation>
    </message>
    <message>
        <source>%1第%2版</source>
        <translation>%1 version %2</translation>
    </message>
    <message>
        <source>已同意</source>
        <translation> approved</translation>
    </message>
    <message>
        <source>已退回起草人</source>
        <translation> returned to the drafter</translation>
    </message>
    <message>
        <source>已签发</source>
        <translation> signed</translation>
    </message>
    <message>
        <source>已报送</source>
        <translation> sent</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <source>待我审批</source>
        <translation>My approvals</translation>
    </message>
    <message>
        <source>按时限先后排列，已超时的在前。双击或选中后点“打开办理”，阅读冻结的文件版本后再审批、签发或报送。</source>
        <translation>Soonest deadline first, overdue first. Double-click or select and press &quot;Open&quot;: read the frozen version, then approve, sign or send.</translation>
    </message>
    <message>
        <source>目前没有等待您办理的事项。</source>
        <translation>Nothing is waiting for you.</translation>
    </message>
    <message>
        <source>打开办理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>打开事件修改</source>
        <translation>Open the incident to revise</translation>
    </message>
    <message>
        <source>退回给我修改的文件</source>
        <translation>Returned to me for revision</translation>
    </message>
    <message>
        <source>超 %1</source>
        <translation>over %1</translation>
    </message>
    <message>
        <source>待我审批（%1）</source>
        <translation>My approvals (%1)</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading the document…</translation>
    </message>
    <message>
        <source>审批意见；退回时必填</source>
        <translation>Comment; required when returning</translation>
    </message>
    <message>
        <source>迟报说明 *</source>
        <translation>Reason for delay *</translation>
    </message>
    <message>
        <source>意见/备注</source>
        <translation>Comment / note</translation>
    </message>
    <message>
        <source>报送时间（北京时间）</source>
        <translation>Sent at (Beijing time)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>　所服务的时限：第%1条，%2前</source>
        <translation>  Deadline served: article %1, by %2</translation>
    </message>
    <message>
        <source>　所服务的时限：第%1条，立即办理</source>
        <translation>  Deadline served: article %1, immediately</translation>
    </message>
    <message>
        <source>该文件已有新的第%1版，您看到的第%2版可能不能再办理。</source>
        <translation>This document now has version %1: version %2, which you see, may no longer be decided on.</translation>
    </message>
    <message>
        <source>该文件内容已变化，您看到的版本可能不能再办理。</source>
        <translation>This document has changed: the version you see may no longer be decided on.</translation>
    </message>
    <message>
        <source>已超过时限，请填写迟报说明后再次办理。</source>
        <translation>The deadline has passed: give the reason for the delay and try again.</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>退回起草人</source>
        <translation>Return to drafter</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>确认已报送</source>
        <translation>Confirm sent</translation>
    </message>
    <message>
        <source>第%1版 · %2</source>
        <translation>Version %1 · %2</translation>
    </message>
    <message>
        <source>；尚待：%1</source>
        <translation>; still waiting for: %1</translation>
    </message>
</context>
<context>
    <name>DocumentEditorDialog</name>
    <message>
        <source>请说明该事项超时未办的原因</source>
        <translation>Explain why this item is overdue</translation>
    </message>
    <message>
        <source>超时未办说明（%1 %2）*</source>
        <translation>Overdue explanation (%1 %2) *</translation>
    </message>
    <message>
        <source>编辑文件：%1</source>
        <translation>Edit document: %1</translation>
    </message>
    <message>
        <source>报告要素、时间线和时限取自事件当前的记录（在“事件信息与报告要素”中修改），每次保存时更新。</source>
        <translation>Report elements, timeline and deadlines are taken from the incident as it stands (edit them under &quot;Incident and report elements&quot;) and refreshed on every save.</translation>
    </message>
    <message>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>保存并提交审批</source>
        <translation>Save and submit for approval</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>第%1版 · %2</source>
        <translation>Version %1 · %2</translation>
    </message>
    <message>
        <source>第%1版已冻结（%2），不会被改动：保存修改将生成第%3版草稿，须重新提交审批。</source>
        <translation>Version %1 is frozen (%2) and stays as it is: saving makes version %3 as a draft, which needs approval again.</translation>
    </message>
    <message>
        <source>退回意见（%1）：%2</source>
        <translation>Returned by %1: %2</translation>
    </message>
    <message>
        <source>请在“事件信息与报告要素”中补全上述要素，然后回到这里再次“保存并提交审批”。</source>
        <translation>Fill in these elements under &quot;Incident and report elements&quot;, then come back and press &quot;Save and submit for approval&quot; again.</translation>
    </message>
    <message>
        <location filename="../../ui/documents/editor.py" line="1"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <source>文件</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>签发人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>起草人</source>
        <translation>Drafter</translation>
    </message>
    <message>
        <source>最近办理</source>
        <translation>Last step</translation>
    </message>
    <message>
        <source>起草时间</source>
        <translation>Drafted</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>校验码</source>
        <translation>Verification code</translation>
    </message>
    <message>
        <source>第%1版</source>
        <translation>Version %1</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <source>抄送机关</source>
        <translation>Copied to</translation>
    </message>
    <message>
        <source>超时未办说明</source>
        <translation>Overdue explanations</translation>
    </message>
    <message>
        <source>发文字号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>主送机关</source>
        <translation>Main recipient</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>应答口径</source>
        <translation>Reply script</translation>
    </message>
    <message>
        <source>应对措施</source>
        <translation>Response measures</translation>
    </message>
    <message>
        <source>新闻发言人</source>
        <translation>Spokesperson</translation>
    </message>
    <message>
        <source>影响及处置评估</source>
        <translation>Evaluation of impact and handling</translation>
    </message>
    <message>
        <source>经验教训</source>
        <translation>Lessons</translation>
    </message>
    <message>
        <source>正面宣传</source>
        <translation>Positive publicity</translation>
    </message>
    <message>
        <source>责任追究</source>
        <translation>Accountability</translation>
    </message>
    <message>
        <source>按时完成</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>逾期完成</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>待办</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>可选时段</source>
        <translation>Optional window</translation>
    </message>
    <message>
        <source>可选时段已过</source>
        <translation>Window passed</translation>
    </message>
    <message>
        <source>未起算</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>已转重大</source>
        <translation>Escalated to major</translation>
    </message>
    <message>
        <source>第%1版</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>起草人</source>
        <translation>Drafter</translation>
    </message>
    <message>
        <source>起草时间</source>
        <translation>Drafted</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>文件内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>报告要素（3.3.2）</source>
        <translation>Report elements (3.3.2)</translation>
    </message>
    <message>
        <source>要素</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>处置领导小组</source>
        <translation>Leadership group</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>单位及职务</source>
        <translation>Unit and position</translation>
    </message>
    <message>
        <source>时间线（截至 %1）</source>
        <translation>Timeline (as of %1)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>迟报说明</source>
        <translation>Reason for delay</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>责任方</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Done at</translation>
    </message>
    <message>
        <source>审批环节</source>
        <translation>Approval steps</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>办理人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>办理时间</source>
        <translation>At</translation>
    </message>
    <message>
        <source>待办理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>审批意见</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Remark</translation>
    </message>
    <message>
        <source>尚无审批意见。</source>
        <translation>No decisions yet.</translation>
    </message>
    <message>
        <source>起因</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>当前情况</source>
        <translation>Current situation</translation>
    </message>
    <message>
        <source>已采取的措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <source>事态发展预测</source>
        <translation>Forecast</translation>
    </message>
    <message>
        <source>造成的影响</source>
        <translation>Impact</translation>
    </message>
    <message>
        <source>可能引发的后果</source>
        <translation>Possible consequences</translation>
    </message>
    <message>
        <source>拟采取的措施</source>
        <translation>Planned measures</translation>
    </message>
    <message>
        <source>组长</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>副组长</source>
        <translation>Deputy leader</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <source>新建：</source>
        <translation>New:</translation>
    </message>
    <message>
        <source>编辑/修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>办理（审批/签发/报送）</source>
        <translation>Decide (approve/sign/send)</translation>
    </message>
    <message>
        <source>预览/打印</source>
        <translation>Preview / print</translation>
    </message>
    <message>
        <source>版本历史（冻结的版本不再改动）</source>
        <translation>Versions (a frozen version never changes)</translation>
    </message>
    <message>
        <source>已新建%1（第1版草稿），请填写后提交审批。</source>
        <translation>New %1 (version 1, draft): fill it in and submit it for approval.</translation>
    </message>
    <message>
        <source>%1第%2版已提交审批。</source>
        <translation>%1 version %2 submitted for approval.</translation>
    </message>
    <message>
        <source>打印预览模块尚未安装</source>
        <translation>The print preview is not installed</translation>
    </message>
    <message>
        <source>不能办理</source>
        <translation>Not possible</translation>
    </message>
    <message>
        <source>声誉风险事件报告</source>
        <translation>Reputation-risk incident report</translation>
    </message>
    <message>
        <source>应对方案（含应答口径）</source>
        <translation>Response plan (with reply script)</translation>
    </message>
    <message>
        <source>《重大突发事件报告》</source>
        <translation>Major emergency report</translation>
    </message>
    <message>
        <source>评估总结报告</source>
        <translation>Evaluation report</translation>
    </message>
    <message>
        <source>首报</source>
        <translation>First</translation>
    </message>
    <message>
        <source>续报</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>终报</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>录入纸质签字</source>
        <translation>Record paper signature</translation>
    </message>
    <message>
        <source>事发单位主要负责人在“待签字”打印件上手写签字后，录入签字人、时间和扫描件</source>
        <translation>Once the incident unit's head has signed the copy marked “awaiting signature” by hand: record who signed, when, and the scan</translation>
    </message>
    <message>
        <source>已录入纸质签字：%1第%2版由%3签字，已签发，可报送。</source>
        <translation>Paper signature recorded: %1, version %2, signed by %3; it is signed off and can be sent.</translation>
    </message>
    <message>
        <source>请先在上方列表中选择一个文件</source>
        <translation>Select a document in the list above first</translation>
    </message>
    <message>
        <source>您不能修改该文件</source>
        <translation>You may not change this document</translation>
    </message>
    <message>
        <source>已报送的文件不再修改</source>
        <translation>A document that has been sent is no longer changed</translation>
    </message>
    <message>
        <source>该文件目前没有等待您审批、签发或报送的步骤</source>
        <translation>Nothing on this document waits for you to approve, sign or send</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>撤回时间线事项</source>
        <translation>Timeline event withdrawn</translation>
    </message>
    <message>
        <source>更正时间线事项</source>
        <translation>Timeline event corrected</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>更正后的事项编号</source>
        <translation>Correction entry no.</translation>
    </message>
    <message>
        <source>时间（北京时间）</source>
        <translation>Time (Beijing)</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>内容（修改前 → 修改后）</source>
        <translation>Change (before → after)</translation>
    </message>
    <message>
        <source>登记事件</source>
        <translation>Incident recorded</translation>
    </message>
    <message>
        <source>修改事件信息</source>
        <translation>Incident changed</translation>
    </message>
    <message>
        <source>结束事件</source>
        <translation>Incident closed</translation>
    </message>
    <message>
        <source>记录时间线事项</source>
        <translation>Timeline event recorded</translation>
    </message>
    <message>
        <source>添加舆情监测记录</source>
        <translation>Monitoring entry added</translation>
    </message>
    <message>
        <source>设置处置领导小组</source>
        <translation>Leadership group set</translation>
    </message>
    <message>
        <source>新建文件</source>
        <translation>Document created</translation>
    </message>
    <message>
        <source>修改文件</source>
        <translation>Document edited</translation>
    </message>
    <message>
        <source>提交审批</source>
        <translation>Submitted for approval</translation>
    </message>
    <message>
        <source>审批同意</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>退回起草人</source>
        <translation>Return to drafter</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>发文字号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>主送机关</source>
        <translation>Main recipient</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>应答口径</source>
        <translation>Reply script</translation>
    </message>
    <message>
        <source>应对措施</source>
        <translation>Response measures</translation>
    </message>
    <message>
        <source>新闻发言人</source>
        <translation>Spokesperson</translation>
    </message>
    <message>
        <source>影响及处置评估</source>
        <translation>Evaluation of impact and handling</translation>
    </message>
    <message>
        <source>经验教训</source>
        <translation>Lessons</translation>
    </message>
    <message>
        <source>正面宣传</source>
        <translation>Positive publicity</translation>
    </message>
    <message>
        <source>责任追究</source>
        <translation>Accountability</translation>
    </message>
    <message>
        <source>起因</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>当前情况</source>
        <translation>Current situation</translation>
    </message>
    <message>
        <source>已采取的措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <source>事态发展预测</source>
        <translation>Forecast</translation>
    </message>
    <message>
        <source>造成的影响</source>
        <translation>Impact</translation>
    </message>
    <message>
        <source>可能引发的后果</source>
        <translation>Possible consequences</translation>
    </message>
    <message>
        <source>拟采取的措施</source>
        <translation>Planned measures</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>迟报说明</source>
        <translation>Reason for delay</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>事发时间</source>
        <translation>Occurred at</translation>
    </message>
    <message>
        <source>获悉时间</source>
        <translation>Learned at</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>链接或标题</source>
        <translation>Link or title</translation>
    </message>
    <message>
        <source>传播量</source>
        <translation>Reach</translation>
    </message>
    <message>
        <source>倾向</source>
        <translation>Tone</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已审批</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已签发</source>
        <translation> signed</translation>
    </message>
    <message>
        <source>已报送</source>
        <translation> sent</translation>
    </message>
    <message>
        <source>已被新版本取代</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <source>第%1版</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>打印签发版本</source>
        <translation>Signed version printed</translation>
    </message>
    <message>
        <source>打印草稿</source>
        <translation>Draft printed</translation>
    </message>
    <message>
        <source>事件标题</source>
        <translation>Incident title</translation>
    </message>
    <message>
        <source>事发单位</source>
        <translation>Incident unit</translation>
    </message>
    <message>
        <source>事发地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>事件来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>事件级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>涉及具体业务条线</source>
        <translation>Concerns a business line</translation>
    </message>
    <message>
        <source>业务条线</source>
        <translation>Business line</translation>
    </message>
    <message>
        <source>主办业务部门</source>
        <translation>Business department</translation>
    </message>
    <message>
        <source>涉及客户纠纷</source>
        <translation>Customer dispute</translation>
    </message>
    <message>
        <source>重大事件认定情形</source>
        <translation>Grounds for a major incident</translation>
    </message>
    <message>
        <source>处置领导小组</source>
        <translation>Leadership group</translation>
    </message>
    <message>
        <source>文件内容</source>
        <translation>Document fields</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>事发单位主要负责人签发</source>
        <translation>Signed by the incident unit's head</translation>
    </message>
    <message>
        <source>分行领导或同城最高级别负责人审批</source>
        <translation>Approval by a branch leader or the city's most senior officer</translation>
    </message>
    <message>
        <source>属地分行领导或最高级别负责人审批</source>
        <translation>Approval by the local branch leader or most senior officer</translation>
    </message>
    <message>
        <source>分行办公室审批</source>
        <translation>Approval by the branch office</translation>
    </message>
    <message>
        <source>处置领导小组审定</source>
        <translation>Approval by the leadership group</translation>
    </message>
    <message>
        <source>分行行长签发</source>
        <translation>Signed by the branch president</translation>
    </message>
    <message>
        <source>牵头部门审核</source>
        <translation>Review by the lead department</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1：%2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>录入纸质签字</source>
        <translation>Paper signature recorded</translation>
    </message>
    <message>
        <source>签字人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>签字时间</source>
        <translation>Signed at</translation>
    </message>
    <message>
        <source>签字扫描件</source>
        <translation>Scan of the signed page</translation>
    </message>
    <message>
        <source>扫描件类型</source>
        <translation>Scan type</translation>
    </message>
    <message>
        <source>扫描件大小（字节）</source>
        <translation>Scan size (bytes)</translation>
    </message>
    <message>
        <source>扫描件SHA-256</source>
        <translation>Scan SHA-256</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>本事件的全部操作，按时间先后；记录只增不改（哈希链校验）。</source>
        <translation>Every change to this incident, oldest first; the record is append-only (hash-chained).</translation>
    </message>
</context>
<context>
    <name>Workflow</name>
    <message>
        <source>起草并签发书面报告</source>
        <translation>Draft and sign the written report</translation>
    </message>
    <message>
        <source>起草应对方案（含应答口径）并报批</source>
        <translation>Draft the response plan (with reply script) for approval</translation>
    </message>
    <message>
        <source>起草《重大突发事件报告》报领导小组审定</source>
        <translation>Draft the major report for the leadership group</translation>
    </message>
    <message>
        <source>报送总行（《重大突发事件报告》）</source>
        <translation>Send the major report to the head office</translation>
    </message>
    <message>
        <source>记录总行同意报送监管部门</source>
        <translation>Record head-office consent to report to the regulator</translation>
    </message>
    <message>
        <source>已报告监管部门</source>
        <translation>Reported to the regulator</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading the document…</translation>
    </message>
    <message>
        <source>只有分行办公室或分行领导可以办理（3.2.3）</source>
        <translation>Only the branch office or a branch leader may do this (3.2.3)</translation>
    </message>
    <message>
        <source>《重大突发事件报告》报送总行之后，才能记录总行同意（3.2.3）</source>
        <translation>Head-office consent can be recorded only after the major report was sent to the head office (3.2.3)</translation>
    </message>
    <message>
        <source>未经总行同意，不能向监管部门报告（3.1.4、3.2.3：不得越级）</source>
        <translation>The regulator may be told only after the head office agreed (3.1.4, 3.2.3: no skipping levels)</translation>
    </message>
    <message>
        <source>您不能办理该文件</source>
        <translation>You cannot act on this document</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <location filename="../../ui/strings.py" line="295"/>
        <source>报告牵头部门</source>
        <translation>Reported to the lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="296"/>
        <source>已电话报告牵头部门</source>
        <translation>Phoned the lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="297"/>
        <source>已电话报告分行办公室</source>
        <translation>Phoned the branch office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="298"/>
        <source>已电话报告属地牵头部门</source>
        <translation>Phoned the local lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="299"/>
        <source>书面报告送达牵头部门</source>
        <translation>Written report delivered to the lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="300"/>
        <source>书面报告（负责人签发）已送达牵头部门</source>
        <translation>Written report (signed by the unit head) delivered to the lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="301"/>
        <source>书面报告（负责人签发）已送达分行办公室</source>
        <translation>Written report (signed by the unit head) delivered to the branch office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="302"/>
        <source>书面报告（负责人签发）已送达属地牵头部门</source>
        <translation>Written report (signed by the unit head) delivered to the local lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="303"/>
        <source>报告主办业务部门</source>
        <translation>Reported to the business department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="304"/>
        <source>已同时报告主办业务部门</source>
        <translation>Also reported to the business department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="305"/>
        <source>属地牵头部门报告分行办公室</source>
        <translation>Local lead department reported to the branch office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="306"/>
        <source>属地牵头部门已报告分行办公室</source>
        <translation>Local lead department has reported to the branch office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="307"/>
        <source>媒体咨询采访</source>
        <translation>Media inquiry</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="308"/>
        <source>接到媒体咨询采访</source>
        <translation>Received a media inquiry</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="309"/>
        <source>记者姓名</source>
        <translation>Journalist's name</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="310"/>
        <source>所属媒体</source>
        <translation>Media outlet</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="311"/>
        <source>联系方式</source>
        <translation>Contact details</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="312"/>
        <source>咨询内容</source>
        <translation>Question asked</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="313"/>
        <source>记者信息报牵头部门</source>
        <translation>Journalist's details to the lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="314"/>
        <source>已将记者姓名、媒体及联系方式电话并书面报牵头部门</source>
        <translation>Gave the journalist's name, outlet and contact details to the lead department by phone and in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="315"/>
        <source>已将记者姓名、媒体及联系方式电话并书面报分行办公室</source>
        <translation>Gave the journalist's name, outlet and contact details to the branch office by phone and in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="316"/>
        <source>已将记者姓名、媒体及联系方式电话并书面报属地牵头部门</source>
        <translation>Gave the journalist's name, outlet and contact details to the local lead department by phone and in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="317"/>
        <source>主办业务部门书面详情报牵头部门</source>
        <translation>Business department's written details to the lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="318"/>
        <source>主办业务部门已书面报告事件详情</source>
        <translation>Business department reported the details in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="319"/>
        <source>主办业务部门已向分行办公室书面报告事件详情</source>
        <translation>Business department reported the details to the branch office in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="320"/>
        <source>主办业务部门已向属地牵头部门书面报告事件详情</source>
        <translation>Business department reported the details to the local lead department in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="321"/>
        <source>属地牵头部门详情报分行办公室</source>
        <translation>Local lead department's details to the branch office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="322"/>
        <source>属地牵头部门已电话并书面向分行办公室报告事件详情</source>
        <translation>Local lead department reported the details to the branch office by phone and in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="323"/>
        <source>应对方案（含应答口径）审批同意</source>
        <translation>Response plan (with reply script) approved</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="324"/>
        <source>应对方案及应答口径已获审批同意</source>
        <translation>Response plan and reply script approved</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="325"/>
        <source>客户安抚完成</source>
        <translation>Customer reassured</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="326"/>
        <source>客户安抚工作已完成</source>
        <translation>Finished reassuring the customer</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="327"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="328"/>
        <source>商定的处理意见</source>
        <translation>Agreed resolution</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="329"/>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="330"/>
        <source>认定为重大声誉事件</source>
        <translation>Declared a major incident</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="331"/>
        <source>已认定为重大声誉事件</source>
        <translation>Declared a major reputation-risk incident</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="332"/>
        <source>处置领导小组召开会议</source>
        <translation>Leadership group meeting</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="333"/>
        <source>处置领导小组已召开会议并明确分工</source>
        <translation>Leadership group met and assigned tasks</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="334"/>
        <source>查清起因和经过</source>
        <translation>Cause and course established</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="335"/>
        <source>已查清事情起因和经过并明确事故责任</source>
        <translation>Established the cause, the course of events and who is responsible</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="336"/>
        <source>联系宣传部门和主流媒体</source>
        <translation>Publicity departments and mainstream media contacted</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="337"/>
        <source>已与省市宣传部门及主流媒体联系沟通</source>
        <translation>Contacted the provincial and city publicity departments and mainstream media</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="338"/>
        <source>《重大突发事件报告》获批准</source>
        <translation>Major report approved</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="339"/>
        <source>处置领导小组已批准《重大突发事件报告》</source>
        <translation>Leadership group approved the major report</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="340"/>
        <source>上报总行办公室</source>
        <translation>Reported to the head office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="341"/>
        <source>《重大突发事件报告》（行长签发）已报总行办公室</source>
        <translation>Major report (signed by the branch president) sent to the head office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="342"/>
        <source>总行同意报送监管部门</source>
        <translation>Head-office consent to report to the regulator</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="343"/>
        <source>总行已同意报送辖内监管部门</source>
        <translation>Head office agreed to a report to the regulator</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="344"/>
        <source>报告辖内监管部门</source>
        <translation>Reported to the regulator</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="345"/>
        <source>已报告辖内监管部门</source>
        <translation>Reported to the regulator</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="346"/>
        <source>指定新闻发言人</source>
        <translation>Spokesperson designated</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="347"/>
        <source>已指定新闻发言人</source>
        <translation>Designated the spokesperson</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="348"/>
        <source>官方渠道发布应答口径</source>
        <translation>Reply script published through official channels</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="349"/>
        <source>已通过我行官方渠道发布应答口径</source>
        <translation>Published the reply script through the bank's official channels</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="350"/>
        <source>事态出现恶化苗头</source>
        <translation>Signs of worsening</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="351"/>
        <source>事态已呈现进一步恶化的苗头</source>
        <translation>The situation shows signs of getting worse</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="352"/>
        <source>召开媒体发布会</source>
        <translation>Press conference held</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="353"/>
        <source>新闻发言人已召开媒体发布会或通过授权媒体发布</source>
        <translation>Spokesperson held a press conference or released a statement through authorised media</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="354"/>
        <source>事发后半小时内报告分行办公室</source>
        <translation>Report to the branch office within 30 min of the incident</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="355"/>
        <source>第一时间电话联系石家庄分行办公室，简要报告事件情况</source>
        <translation>Phone the Shijiazhuang branch office at once and give a brief account of the incident</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="356"/>
        <source>事发单位</source>
        <translation>Incident unit</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="357"/>
        <source>事发后半小时内报告属地牵头部门</source>
        <translation>Report to the local lead department within 30 min of the incident</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="358"/>
        <source>第一时间电话联系属地声誉风险管理牵头部门，简要报告事件情况</source>
        <translation>Phone the local reputation-risk lead department at once and give a brief account of the incident</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="359"/>
        <source>接报后半小时内报告分行办公室</source>
        <translation>Report to the branch office within 30 min of being told</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="360"/>
        <source>属地牵头部门向石家庄分行办公室报告事件</source>
        <translation>The local lead department reports the incident to the Shijiazhuang branch office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="361"/>
        <source>属地牵头部门</source>
        <translation>Local lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="362"/>
        <source>同时报告主办业务部门</source>
        <translation>Report to the business department at the same time</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="363"/>
        <source>向属地主办业务部门（事件所涉业务的主管部门）报告事件</source>
        <translation>Report the incident to the local business department (the department in charge of the business concerned)</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="364"/>
        <source>电话报告后随后书面报告详情</source>
        <translation>Follow the phone report with written details</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="365"/>
        <source>要素齐全、由主要负责人签发的书面报告，以最快捷的方式送达牵头部门</source>
        <translation>A complete written report, signed by the unit head, delivered to the lead department by the fastest means</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="366"/>
        <source>立即向牵头部门提供记者信息</source>
        <translation>Give the journalist's details to the lead department at once</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="367"/>
        <source>通过电话和书面形式向牵头部门提供媒体记者姓名、联系方式及相关信息；不得擅自对媒体披露内部情况</source>
        <translation>Give the lead department the journalist's name, contact details and related information by phone and in writing; disclose nothing internal to the media without authorisation</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="368"/>
        <source>受访单位</source>
        <translation>Interviewed unit</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="369"/>
        <source>事发1小时内向分行办公室报告详情</source>
        <translation>Report details to the branch office within 1 hour of the incident</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="370"/>
        <source>属地牵头部门通过电话和书面形式向石家庄分行办公室报告事件详情</source>
        <translation>The local lead department reports the details to the Shijiazhuang branch office by phone and in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="371"/>
        <source>1小时内书面上报事件详情</source>
        <translation>Report details in writing within 1 hour</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="372"/>
        <source>主办业务部门以书面形式向石家庄分行办公室上报事件详情</source>
        <translation>The business department reports the details to the Shijiazhuang branch office in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="373"/>
        <source>主办业务部门</source>
        <translation>Business department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="374"/>
        <source>1小时内书面报告属地牵头部门</source>
        <translation>Report to the local lead department in writing within 1 hour</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="375"/>
        <source>主办业务部门以书面形式向属地声誉风险管理牵头部门报告事件详情</source>
        <translation>The business department reports the details to the local reputation-risk lead department in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="376"/>
        <source>1小时内书面上报分行办公室</source>
        <translation>Report to the branch office in writing within 1 hour</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="377"/>
        <source>属地牵头部门以书面形式向石家庄分行办公室上报事件详情</source>
        <translation>The local lead department reports the details to the Shijiazhuang branch office in writing</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="378"/>
        <source>4小时内商定应对方案并获审批</source>
        <translation>Agree a response plan and have it approved within 4 hours</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="379"/>
        <source>包括应答口径在内的应对方案，获所在分行领导或石家庄分行同城最高级别负责人审批同意</source>
        <translation>A response plan, reply script included, approved by a leader of the branch concerned or the most senior head of the Shijiazhuang Branch in the city</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="380"/>
        <source>分行办公室、主办业务部门</source>
        <translation>Branch office, business department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="381"/>
        <source>分行办公室</source>
        <translation>Branch office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="382"/>
        <source>包括应答口径在内的应对方案，获所在分行领导或属地最高级别分支机构负责人及石家庄分行办公室审批同意</source>
        <translation>A response plan, reply script included, approved by a leader of the branch concerned or the head of the most senior local branch, and by the Shijiazhuang branch office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="383"/>
        <source>属地牵头部门、主办业务部门</source>
        <translation>Local lead department, business department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="384"/>
        <source>24小时内做好客户安抚</source>
        <translation>Reassure the customer within 24 hours</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="385"/>
        <source>向客户做好解释和安抚工作，并将客户投诉处理结果报牵头部门</source>
        <translation>Explain to and reassure the customer, and report how the complaint was settled to the lead department</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="386"/>
        <source>主办业务部门、事发单位</source>
        <translation>Business department, incident unit</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="387"/>
        <source>立即成立领导小组并召集会议</source>
        <translation>Set up the leadership group and convene it at once</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="388"/>
        <source>成立重大声誉风险事件处置领导小组，第一时间召集会议了解情况、明确处置分工</source>
        <translation>Set up the leadership group for the major incident and convene it at once to review the situation and assign tasks</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="389"/>
        <source>处置领导小组</source>
        <translation>Leadership group</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="390"/>
        <source>联系省市宣传部门和主流媒体</source>
        <translation>Contact provincial and city publicity departments and mainstream media</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="391"/>
        <source>积极与省市宣传部门联系沟通，并与主流媒体做好公关联络</source>
        <translation>Keep in touch with the provincial and city publicity departments and maintain relations with mainstream media</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="392"/>
        <source>2小时内报告总行办公室</source>
        <translation>Report to the head office within 2 hours</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="393"/>
        <source>经处置领导小组批准、由分行行长签发的《重大突发事件报告》报总行办公室</source>
        <translation>The major report, approved by the leadership group and signed by the branch president, goes to the head office</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="394"/>
        <source>2小时内查清起因和经过</source>
        <translation>Establish the cause and course of events within 2 hours</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="395"/>
        <source>查清事情起因和经过，明确事故责任</source>
        <translation>Establish the cause and course of events and who is responsible</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="396"/>
        <source>4小时内制定应对方案</source>
        <translation>Draw up a response plan within 4 hours</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="397"/>
        <source>在总行指导下制定重大声誉风险事件应对方案，确定统一对外应答口径</source>
        <translation>Under the head office's guidance, draw up the response plan for the major incident and settle one reply script for the public</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="398"/>
        <source>4小时内指定新闻发言人</source>
        <translation>Designate a spokesperson within 4 hours</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="399"/>
        <source>指定全程参与处置的新闻发言人</source>
        <translation>Designate a spokesperson who takes part in the whole response</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="400"/>
        <source>4小时内可通过官方渠道发布应答口径</source>
        <translation>May publish the reply script through official channels within 4 hours</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="401"/>
        <source>事态发展初期，通过我行官方渠道发布应答口径</source>
        <translation>Early on, publish the reply script through the bank's official channels</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="402"/>
        <source>6小时内可召开媒体发布会</source>
        <translation>May hold a press conference within 6 hours</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="403"/>
        <source>由新闻发言人主持召开媒体发布会，或通过我行授权媒体主动向社会发布事实真相和我行观点</source>
        <translation>The spokesperson holds a press conference, or the bank releases the facts and its position through authorised media</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="404"/>
        <source>新闻发言人</source>
        <translation>Spokesperson</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="405"/>
        <source>事发12小时内报告辖内监管部门</source>
        <translation>Report to the regulator within 12 hours of the incident</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="406"/>
        <source>经总行同意后，向辖内监管部门报告</source>
        <translation>Report to the regulator once the head office has agreed</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="407"/>
        <source>12小时内做好客户安抚</source>
        <translation>Reassure the customer within 12 hours</translation>
    </message>
    <message>
        <location filename="../../ui/strings.py" line="408"/>
        <source>主办业务部门立即着手或指导事发经营单位与投诉客户联系，做好客户安抚工作</source>
        <translation>The business department contacts the complaining customer at once, or guides the incident unit in doing so, and reassures the customer</translation>
    </message>
    <message>
        <location filename="../../ui/common/rule_strings.py" line="49"/>
        <source>客户投诉纳入事件处置</source>
        <translation>Customer complaint taken into the incident</translation>
    </message>
    <message>
        <location filename="../../ui/common/rule_strings.py" line="50"/>
        <source>投诉台账中的客户投诉已纳入本事件处置</source>
        <translation>The complaint from the complaints register was taken into this incident</translation>
    </message>
    <message>
        <location filename="../../ui/common/rule_strings.py" line="51"/>
        <source>投诉处理结果报牵头部门</source>
        <translation>Complaint result reported to the lead department</translation>
    </message>
    <message>
        <location filename="../../ui/common/rule_strings.py" line="52"/>
        <source>客户投诉处理结果已报牵头部门</source>
        <translation>Reported the complaint's result to the lead department</translation>
    </message>
    <message>
        <location filename="../../ui/common/rule_strings.py" line="53"/>
        <source>客户投诉处理结果已报分行办公室</source>
        <translation>Reported the complaint's result to the branch office</translation>
    </message>
    <message>
        <location filename="../../ui/common/rule_strings.py" line="54"/>
        <source>客户投诉处理结果已报属地牵头部门</source>
        <translation>Reported the complaint's result to the local lead department</translation>
    </message>
    <message>
        <location filename="../../ui/common/rule_strings.py" line="112"/>
        <source>24小时内将客户投诉处理结果报牵头部门</source>
        <translation>Report the complaint's result to the lead department within 24 hours</translation>
    </message>
    <message>
        <location filename="../../ui/common/rule_strings.py" line="113"/>
        <source>将客户投诉的处理结果报牵头部门（由投诉台账登记处理结果时记入时间线）</source>
        <translation>Report the complaint's result to the lead department (recorded on the timeline when the result is entered in the complaints register)</translation>
    </message>
</context>
<context>
    <name>DateRangeFilter</name>
    <message>
        <location filename="../../ui/common/filters.py" line="0"/>
        <source>北京时间的日历日，含起止两日</source>
        <translation>Calendar days in Beijing time, both days included</translation>
    </message>
    <message>
        <location filename="../../ui/common/filters.py" line="0"/>
        <source>至</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>查找事件：编号、标题、单位、人员、记者 (Ctrl+K)</source>
        <translation>Find an incident: number, title, unit, person, journalist (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>没有找到与“%1”有关的事件</source>
        <translation>No incident found for “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>只列出前 %1 件，请输入更多文字缩小范围</source>
        <translation>Only the first %1 are listed; type more to narrow the search</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>新闻发言人</source>
        <translation>Spokesperson</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>记者</source>
        <translation>Journalist</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>媒体</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>处置领导小组</source>
        <translation>Leadership group</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>客户安抚</source>
        <translation>Customer reassurance</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>登记人</source>
        <translation>Registered by</translation>
    </message>
    <message>
        <location filename="../../ui/shell/search.py" line="0"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>撤回时间线事项</source>
        <translation>Withdraw a timeline event</translation>
    </message>
    <message>
        <source>撤回后该事项仍保留在时间线和操作记录中（划线显示），不再计入时限。</source>
        <translation>A withdrawn event stays on the timeline and in the record (struck through); the deadlines no longer count it.</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>撤回理由 *</source>
        <translation>Reason for withdrawing *</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>更正时间线事项</source>
        <translation>Correct a timeline event</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>更正理由 *</source>
        <translation>Reason for the correction *</translation>
    </message>
    <message>
        <source>记录事件进展</source>
        <translation>Record an event</translation>
    </message>
    <message>
        <source>如：电话报告综合管理部张伟</source>
        <translation>e.g. phoned Zhang Wei of the comprehensive-management dept.</translation>
    </message>
    <message>
        <source>发生时间（北京时间）</source>
        <translation>At (China Standard Time)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>迟报说明 *</source>
        <translation>Late-report reason *</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>第%1条（时限 %2）</source>
        <translation>article %1 (due %2)</translation>
    </message>
    <message>
        <source>已超过%1，请填写迟报说明。</source>
        <translation>Past %1: please give the late-report reason.</translation>
    </message>
</context>
<context>
    <name>PaperSignatureDialog</name>
    <message>
        <source>录入纸质签字</source>
        <translation>Record paper signature</translation>
    </message>
    <message>
        <source>%1第%2版（%3）</source>
        <translation>%1, version %2 (%3)</translation>
    </message>
    <message>
        <source>%1的主要负责人已在打印件上手写签字（3.3.3）：请填写签字人、签字时间，并附签字页扫描件。</source>
        <translation>The head of %1 has signed the printed copy by hand (3.3.3): enter who signed and when, and attach a scan of the signed page.</translation>
    </message>
    <message>
        <source>签字的主要负责人姓名</source>
        <translation>Name of the unit head who signed</translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation>(none chosen)</translation>
    </message>
    <message>
        <source>选择扫描件…</source>
        <translation>Choose scan…</translation>
    </message>
    <message>
        <source>签字人 *</source>
        <translation>Signed by *</translation>
    </message>
    <message>
        <source>签字时间（北京时间） *</source>
        <translation>Signed at (Beijing time) *</translation>
    </message>
    <message>
        <source>签字页扫描件 *</source>
        <translation>Scan of the signed page *</translation>
    </message>
    <message>
        <source>录入</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>选择签字页扫描件</source>
        <translation>Choose the scan of the signed page</translation>
    </message>
    <message>
        <source>扫描件 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>请选择签字页的扫描件</source>
        <translation>Please choose the scan of the signed page</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>管理员已重置您的密码，请先设置新密码再继续使用。</source>
        <translation>An administrator has reset your password. Set a new one before you continue.</translation>
    </message>
    <message>
        <source>请输入原密码和新密码。</source>
        <translation>Enter your current password and the new one.</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../../ui/data/workbench.py" line="113"/>
        <source>您的账号已被管理员停用，将退出登录；如有疑问请联系管理员</source>
        <translation>An administrator has disabled your account; you will be logged out. Please contact the administrator if in doubt.</translation>
    </message>
</context>
<context>
    <name>AccountabilityDialog</name>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>登记责任追究</source>
        <translation>Record accountability</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>被追责的机构或部门</source>
        <translation>Unit or department held accountable</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>责任人姓名（可不填）</source>
        <translation>Person responsible (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>如 2026Q1（6.1.2 必填）</source>
        <translation>e.g. 2026Q1 (required for 6.1.2)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>机构或部门 *</source>
        <translation>Unit or department *</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>追责措施 *</source>
        <translation>Measure *</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>考核季度</source>
        <translation>Assessment quarter</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>具体内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>追究责任并给予经济处罚（6.1.1）</source>
        <translation>Hold accountable with a financial penalty (6.1.1)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>当季考核记为零分、取消年度考核评优资格（6.1.2）</source>
        <translation>Quarter's assessment scored zero, annual honours withdrawn (6.1.2)</translation>
    </message>
</context>
<context>
    <name>AccountabilityTab</name>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>机构或部门</source>
        <translation>Unit or department</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>追责措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>考核季度</source>
        <translation>Assessment quarter</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>具体内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>登记人及时间</source>
        <translation>Recorded by, at</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>登记责任追究…</source>
        <translation>Record accountability…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>责任追究由牵头部门经办人员或分行领导登记（6.1），登记后不能删除。</source>
        <translation>Accountability is recorded by the lead department's clerks or the branch's leaders (6.1) and cannot be deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>追究责任并给予经济处罚（6.1.1）</source>
        <translation>Hold accountable with a financial penalty (6.1.1)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents/tabs.py" line="1"/>
        <source>当季考核记为零分、取消年度考核评优资格（6.1.2）</source>
        <translation>Quarter's assessment scored zero, annual honours withdrawn (6.1.2)</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>结束事件</source>
        <translation>Close incident</translation>
    </message>
    <message>
        <source>评估总结报告已审核。结束后不再记录新的事项，已记录的内容全部保留。</source>
        <translation>The evaluation report has been reviewed. Once closed, nothing new is recorded; everything recorded stays.</translation>
    </message>
    <message>
        <source>评估总结报告尚未审核签发。如本事件无须评估总结，请由牵头部门经办人员填写理由（5.2、5.3），理由将记入操作记录。</source>
        <translation>The evaluation report has not been reviewed yet. If this incident needs no evaluation, the lead department clerk gives the reason (5.2, 5.3); it is kept in the record.</translation>
    </message>
    <message>
        <source>不须评估的理由 *</source>
        <translation>Why no evaluation is due *</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Registers</name>
    <message>
        <source>舆情监测汇总</source>
        <translation>Monitoring summary</translation>
    </message>
    <message>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>“%1”应为不小于零的数，如 1.5</source>
        <translation>“%1” must be a number not below zero, e.g. 1.5</translation>
    </message>
    <message>
        <source>元，可留空</source>
        <translation>yuan, may be left empty</translation>
    </message>
    <message>
        <source>“%1”应为金额（元），如 12000.50</source>
        <translation>“%1” must be an amount in yuan, e.g. 12000.50</translation>
    </message>
    <message>
        <source>请填写“%1”</source>
        <translation>Please fill in “%1”</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>办理经过</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>选中一条记录即可查看详情</source>
        <translation>Select a record to see its details</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>第 %1–%2 条</source>
        <translation>Rows %1–%2</translation>
    </message>
    <message>
        <source>暂无办理记录</source>
        <translation>Nothing recorded yet</translation>
    </message>
    <message>
        <source>关闭原因</source>
        <translation>Reason for closing</translation>
    </message>
    <message>
        <source>舆情监测台账</source>
        <translation>Public-opinion monitoring log</translation>
    </message>
    <message>
        <source>日常监测到的舆情逐条登记（不必先有事件）；需要处置的一键升级为事件，事件表单自动带入这里的内容；无需处置的写明原因后关闭。所有记录都留痕，不会被删除。</source>
        <translation>Log every item found by monitoring, one by one (no incident needed first); escalate one that needs handling to an incident in one step (the incident form is filled from it); close one that needs nothing with a reason. Everything stays on the record; nothing is deleted.</translation>
    </message>
    <message>
        <source>登记舆情…</source>
        <translation>Log an item…</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Seen at</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>网址</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation>Excerpt</translation>
    </message>
    <message>
        <source>阅读量</source>
        <translation>Reads</translation>
    </message>
    <message>
        <source>转发量</source>
        <translation>Reposts</translation>
    </message>
    <message>
        <source>倾向</source>
        <translation>Tone</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>关联事件</source>
        <translation>Linked incident</translation>
    </message>
    <message>
        <source>升级为事件</source>
        <translation>Escalate to an incident</translation>
    </message>
    <message>
        <source>以这条舆情的内容登记一起新的声誉事件，并打开该事件继续填写。确定吗？</source>
        <translation>Record a new reputation incident with this item's facts and open it to continue. Go ahead?</translation>
    </message>
    <message>
        <source>关联到已有事件</source>
        <translation>Link to an existing incident</translation>
    </message>
    <message>
        <source>关闭舆情条目</source>
        <translation>Close the monitoring item</translation>
    </message>
    <message>
        <source>舆情监测日报</source>
        <translation>Daily monitoring report</translation>
    </message>
    <message>
        <source>舆情监测周报</source>
        <translation>Weekly monitoring report</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>该条目%1</source>
        <translation>This item: %1</translation>
    </message>
    <message>
        <source>已升级为事件</source>
        <translation>Escalated to an incident</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>关闭的条目仍保留在台账中，原因记入操作记录。</source>
        <translation>A closed item stays in the log; the reason goes on the record.</translation>
    </message>
    <message>
        <source>标题/摘要</source>
        <translation>Title / excerpt</translation>
    </message>
    <message>
        <source>阅读</source>
        <translation>Reads</translation>
    </message>
    <message>
        <source>转发</source>
        <translation>Reposts</translation>
    </message>
    <message>
        <source>升级为事件…</source>
        <translation>Escalate to an incident…</translation>
    </message>
    <message>
        <source>关联事件…</source>
        <translation>Link to an incident…</translation>
    </message>
    <message>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>更正舆情条目</source>
        <translation>Correct the monitoring item</translation>
    </message>
    <message>
        <source>更正理由</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <source>已更正：原记录保留，可在操作记录中查看</source>
        <translation>Corrected: the earlier version is kept and shown in the audit log</translation>
    </message>
    <message>
        <source>关闭…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>打印监测报告…</source>
        <translation>Print monitoring report…</translation>
    </message>
    <message>
        <source>已关联事件</source>
        <translation>Linked to an incident</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>关联事件 %1</source>
        <translation>Linked to incident %1</translation>
    </message>
    <message>
        <source>关闭：%1</source>
        <translation>Closed: %1</translation>
    </message>
    <message>
        <source>投诉台账</source>
        <translation>Complaints register</translation>
    </message>
    <message>
        <source>各单位受理的客户投诉：受理、处理步骤、处理结果逐项记录。引发声誉风险的投诉可转为事件或关联到已有事件；关联事件的投诉，处理结果记录后即作为安抚处置结果报牵头部门（4.2.2.1(4)、4.2.2.2(4)）。</source>
        <translation>Customer complaints received by every unit: receipt, handling steps and result, each recorded. A complaint that carries reputation risk becomes an incident or is linked to one; for a linked complaint the recorded result is reported back to the lead department as the appeasement result (4.2.2.1(4), 4.2.2.2(4)).</translation>
    </message>
    <message>
        <source>登记投诉…</source>
        <translation>Log a complaint…</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>涉及金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>记录处理步骤</source>
        <translation>Record a handling step</translation>
    </message>
    <message>
        <source>办结时间</source>
        <translation>Resolved at</translation>
    </message>
    <message>
        <source>处理结果已记录</source>
        <translation>Result recorded</translation>
    </message>
    <message>
        <source>转为事件</source>
        <translation>Make it an incident</translation>
    </message>
    <message>
        <source>以这件投诉的内容登记一起新的声誉事件，并打开该事件继续填写。确定吗？</source>
        <translation>Record a new reputation incident with this complaint's facts and open it to continue. Go ahead?</translation>
    </message>
    <message>
        <source>处理情况</source>
        <translation>What was done</translation>
    </message>
    <message>
        <source>迟报说明</source>
        <translation>Reason for lateness</translation>
    </message>
    <message>
        <source>已转为事件</source>
        <translation>Became an incident</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>受理单位</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <source>记录处理步骤…</source>
        <translation>Record a handling step…</translation>
    </message>
    <message>
        <source>处理结果…</source>
        <translation>Result…</translation>
    </message>
    <message>
        <source>转为事件…</source>
        <translation>Make it an incident…</translation>
    </message>
    <message>
        <source>打开事件</source>
        <translation>Open the incident</translation>
    </message>
    <message>
        <source>已关联事件 %1</source>
        <translation>Linked to incident %1</translation>
    </message>
    <message>
        <source>已记录处理步骤</source>
        <translation>Handling step recorded</translation>
    </message>
    <message>
        <source>超过时限报送时填写原因</source>
        <translation>Give the reason when reporting after the deadline</translation>
    </message>
    <message>
        <source>处理结果已记录，并已报牵头部门（事件 %1）</source>
        <translation>Result recorded and reported to the lead department (incident %1)</translation>
    </message>
    <message>
        <source>未关联事件</source>
        <translation>Not linked to an incident</translation>
    </message>
    <message>
        <source>记者名录</source>
        <translation>Journalists</translation>
    </message>
    <message>
        <source>登记记者…</source>
        <translation>Add a journalist…</translation>
    </message>
    <message>
        <source>媒体名录</source>
        <translation>Media outlets</translation>
    </message>
    <message>
        <source>登记媒体…</source>
        <translation>Add an outlet…</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>新闻发言人</source>
        <translation>Spokespeople</translation>
    </message>
    <message>
        <source>指定发言人…</source>
        <translation>Designate a spokesperson…</translation>
    </message>
    <message>
        <source>名录登记</source>
        <translation>Directory</translation>
    </message>
    <message>
        <source>事件记录</source>
        <translation>Incident records</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>媒体</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>电子邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>不再担任发言人</source>
        <translation>No longer spokesperson</translation>
    </message>
    <message>
        <source>采访次数</source>
        <translation>Inquiries</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>记者</source>
        <translation>Journalists</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>办公电话</source>
        <translation>Office phone</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>指定时间</source>
        <translation>Designated at</translation>
    </message>
    <message>
        <source>不再担任…</source>
        <translation>No longer serves…</translation>
    </message>
    <message>
        <source>已记录</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>办公电话和手机至少填一项</source>
        <translation>Fill in the office phone or the mobile</translation>
    </message>
    <message>
        <source>在任</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>已卸任</source>
        <translation>Stepped down</translation>
    </message>
    <message>
        <source>已卸任：%1</source>
        <translation>Stepped down: %1</translation>
    </message>
    <message>
        <source>撤回…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>添加整改事项…</source>
        <translation>Add a follow-up…</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>登记培训…</source>
        <translation>Record a training…</translation>
    </message>
    <message>
        <source>应急演练</source>
        <translation>Emergency drills</translation>
    </message>
    <message>
        <source>登记演练…</source>
        <translation>Record a drill…</translation>
    </message>
    <message>
        <source>上线前排查</source>
        <translation>Pre-launch screening</translation>
    </message>
    <message>
        <source>登记上线前排查…</source>
        <translation>Record a screening…</translation>
    </message>
    <message>
        <source>风险排查</source>
        <translation>Risk sweeps</translation>
    </message>
    <message>
        <source>登记排查…</source>
        <translation>Record a sweep…</translation>
    </message>
    <message>
        <source>预案年度评审</source>
        <translation>Plan reviews</translation>
    </message>
    <message>
        <source>登记评审…</source>
        <translation>Record a review…</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>撤回原因</source>
        <translation>Reason for withdrawing</translation>
    </message>
    <message>
        <source>已落实…</source>
        <translation>Done…</translation>
    </message>
    <message>
        <source>取消…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <source>撤回记录</source>
        <translation>Withdraw the record</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Owning unit</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>完成期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>添加整改事项</source>
        <translation>Add a follow-up</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>参加人数</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>演练场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>组织单位</source>
        <translation>Organising unit</translation>
    </message>
    <message>
        <source>参演单位</source>
        <translation>Units taking part</translation>
    </message>
    <message>
        <source>发现的问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Recorded at</translation>
    </message>
    <message>
        <source>排查对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>签批领导</source>
        <translation>Signing leader</translation>
    </message>
    <message>
        <source>计划上线时间</source>
        <translation>Planned launch</translation>
    </message>
    <message>
        <source>评估情况</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>防控措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>排查范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>发现问题数</source>
        <translation>Issues found</translation>
    </message>
    <message>
        <source>评审时间</source>
        <translation>Reviewed at</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>修订内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>落实情况</source>
        <translation>What was done</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason for cancelling</translation>
    </message>
    <message>
        <source>撤回的记录仍保留在台账中并标明撤回原因，不计入统计。</source>
        <translation>A withdrawn record stays in the register marked with the reason, and is left out of the figures.</translation>
    </message>
    <message>
        <source>新产品、新业务流程或新信息系统的名称</source>
        <translation>The new product, process or system</translation>
    </message>
    <message>
        <source>整改事项已落实</source>
        <translation>Follow-up done</translation>
    </message>
    <message>
        <source>取消整改事项</source>
        <translation>Cancel the follow-up</translation>
    </message>
    <message>
        <source>整改事项已添加，将显示在时限看板上</source>
        <translation>Follow-up added; it shows on the dashboard</translation>
    </message>
    <message>
        <source>计划上线</source>
        <translation>Planned launch</translation>
    </message>
    <message>
        <source>领导意见</source>
        <translation>Leader's comment</translation>
    </message>
    <message>
        <source>撤回：%1</source>
        <translation>Withdrawn: %1</translation>
    </message>
    <message>
        <source>整改事项（%1，责任人 %2，期限 %3）：%4</source>
        <translation>Follow-up (%1, owner %2, due %3): %4</translation>
    </message>
    <message>
        <source>追责明细</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>按单位和季度汇总</source>
        <translation>By unit and quarter</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>来源事件</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>打开来源事件</source>
        <translation>Open the incident</translation>
    </message>
    <message>
        <source>6.1.1 处罚</source>
        <translation>6.1.1 penalties</translation>
    </message>
    <message>
        <source>6.1.2 季度考核计零分、取消年度评优</source>
        <translation>6.1.2 quarter score zero, annual honours withdrawn</translation>
    </message>
    <message>
        <source>在评估报告中记录</source>
        <translation>Recorded in the evaluation</translation>
    </message>
    <message>
        <source>媒体与发言人</source>
        <translation>Media and spokespeople</translation>
    </message>
    <message>
        <source>媒体和记者名录由各事件的媒体采访记录自动汇集（不必重复录入），也可在此直接登记；选中记者可查看其历次采访。新闻发言人按单位指定，列明联系电话。</source>
        <translation>The outlets and journalists come from the incidents' media records (never typed twice) and can also be added here; select a journalist to see their inquiries. Spokespeople are designated per unit, with their phones.</translation>
    </message>
    <message>
        <source>预防工作</source>
        <translation>Prevention</translation>
    </message>
    <message>
        <source>声誉风险培训、应急演练、新产品新流程新系统上线前的声誉风险排查（由负责领导在“待我审批”中签批）、定期风险排查和应急预案年度评审；各项发现的问题可添加整改事项，明确责任人和期限，未落实的显示在时限看板上。</source>
        <translation>Reputation-risk training, emergency drills, the screening of new products, processes and systems before launch (signed off by the responsible leader in the approval queue), periodic risk sweeps and the yearly review of the emergency plan; each finding can get a follow-up with an owner and a due date, and open ones show on the dashboard.</translation>
    </message>
    <message>
        <source>责任追究</source>
        <translation>Accountability</translation>
    </message>
    <message>
        <source>评估报告中记录的责任追究事项，按单位和季度汇总：6.1.1 处罚，6.1.2 季度考核计零分、取消年度评优资格；每项都列明来源事件。</source>
        <translation>The accountability items recorded in evaluations, by unit and quarter: 6.1.1 penalties, 6.1.2 quarter score set to zero and annual honours withdrawn; each names the incident it comes from.</translation>
    </message>
    <message>
        <source>已同意“%1”上线</source>
        <translation>Approved the launch of “%1”</translation>
    </message>
</context>
<context>
    <name>AttachmentsWidget</name>
    <message>
        <source>文件名</source>
        <translation>File</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>添加时间</source>
        <translation>Added at</translation>
    </message>
    <message>
        <source>添加人</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>证据文件 (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.pdf *.mp3 *.wav *.m4a *.amr *.mp4 *.mov *.avi *.mkv);;所有文件 (*)</source>
        <translation>Evidence (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.pdf *.mp3 *.wav *.m4a *.amr *.mp4 *.mov *.avi *.mkv);;All files (*)</translation>
    </message>
    <message>
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <source>用系统程序打开</source>
        <translation>Open with the system</translation>
    </message>
    <message>
        <source>撤回…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>选中一个附件即可预览</source>
        <translation>Select an attachment to preview it</translation>
    </message>
    <message>
        <source>选择附件</source>
        <translation>Choose an attachment</translation>
    </message>
    <message>
        <source>附件已添加</source>
        <translation>Attachment added</translation>
    </message>
    <message>
        <source>撤回附件</source>
        <translation>Withdraw attachment</translation>
    </message>
    <message>
        <source>撤回原因（附件不会被删除，仍留在记录中）：</source>
        <translation>Reason for withdrawing (the file is not deleted; it stays on the record):</translation>
    </message>
    <message>
        <source>附件已撤回</source>
        <translation>Attachment withdrawn</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>已撤回：%1</source>
        <translation>Withdrawn: %1</translation>
    </message>
    <message>
        <source>“%1”不能在窗口中预览，请点“用系统程序打开”。</source>
        <translation>“%1” cannot be previewed here: click “Open with the system”.</translation>
    </message>
    <message>
        <source>“%1”不是可读的 PDF。</source>
        <translation>“%1” is not a readable PDF.</translation>
    </message>
    <message>
        <source>共 %1 个附件；单个文件不超过 %2</source>
        <translation>%1 attachments; at most %2 a file</translation>
    </message>
    <message>
        <source>“%1”不是可识别的图片。</source>
        <translation>“%1” is not an image that can be read.</translation>
    </message>
    <message>
        <source>无法读取文件“%1”</source>
        <translation>Cannot read the file “%1”</translation>
    </message>
    <message>
        <source>文件“%1”有 %2，超过附件上限 %3，未添加。请压缩或截取后再添加。</source>
        <translation>The file “%1” is %2, over the attachment limit of %3; not added. Compress or cut it and add it again.</translation>
    </message>
</context>
<context>
    <name>FollowUpsPanel</name>
    <message>
        <source>完成期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Owning unit</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>待落实的整改事项（%1 项）</source>
        <translation>Open follow-ups (%1)</translation>
    </message>
    <message>
        <source>，已超期 %1 项</source>
        <translation>, %1 overdue</translation>
    </message>
    <message>
        <source>（已超期）</source>
        <translation> (overdue)</translation>
    </message>
</context>
<context>
    <name>ScreeningQueue</name>
    <message>
        <source>待我签批的上线前声誉风险排查</source>
        <translation>Pre-launch screenings waiting for my sign-off</translation>
    </message>
    <message>
        <source>签批意见（退回时必填）</source>
        <translation>Comment (required to send back)</translation>
    </message>
    <message>
        <source>同意上线</source>
        <translation>Approve the launch</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Recorded at</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>排查对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>已同意“%1”上线</source>
        <translation>Approved the launch of “%1”</translation>
    </message>
    <message>
        <source>已退回“%1”</source>
        <translation>Sent back “%1”</translation>
    </message>
    <message>
        <source>评估情况：%1
防控措施：%2
计划上线：%3</source>
        <translation>Assessment: %1
Measures: %2
Planned launch: %3</translation>
    </message>
</context>
<context>
    <name>PackagePreview</name>
    <message>
        <source>文件完整，包头可读</source>
        <translation>The file is complete and its header readable</translation>
    </message>
    <message>
        <source>格式版本为本程序可读</source>
        <translation>This program reads its format version</translation>
    </message>
    <message>
        <source>包的类型与本机相符</source>
        <translation>The package's kind suits this installation</translation>
    </message>
    <message>
        <source>发送方是已知的交换对象</source>
        <translation>The sender is a known peer</translation>
    </message>
    <message>
        <source>签名有效（内容未被改动）</source>
        <translation>The signature is valid (nothing was altered)</translation>
    </message>
    <message>
        <source>发给本机（可用本机的密钥解密）</source>
        <translation>Addressed to this installation (its key decrypts it)</translation>
    </message>
    <message>
        <source>内容完整（审计记录与其哈希相符）</source>
        <translation>The content is complete (audit entries match their hashes)</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>PackagePreviewDialog</name>
    <message>
        <source>导入站点包</source>
        <translation>Import site package</translation>
    </message>
    <message>
        <source>导入数据交换包</source>
        <translation>Import exchange package</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>站点包（建立本机）</source>
        <translation>Site package (sets up this installation)</translation>
    </message>
    <message>
        <source>数据交换包</source>
        <translation>Exchange package</translation>
    </message>
    <message>
        <source>无法识别</source>
        <translation>Not recognised</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>发送方</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>发送方指纹</source>
        <translation>Sender's fingerprint</translation>
    </message>
    <message>
        <source>收件方</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>生成时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>程序版本</source>
        <translation>Program version</translation>
    </message>
    <message>
        <source>包内</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>没有本机尚无的记录（可能已导入过）</source>
        <translation>Nothing this installation lacks (perhaps imported before)</translation>
    </message>
    <message>
        <source>其中本机尚无</source>
        <translation>New here</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>未检查</source>
        <translation>not checked</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>确认无误后点击“导入”：整个包在一个事务中导入，或者什么也不写入。</source>
        <translation>Click Import when it is right: the whole package is applied in one transaction, or nothing is written.</translation>
    </message>
    <message>
        <source>该包未通过检查，不能导入；本机没有写入任何内容。</source>
        <translation>The package failed its checks and cannot be imported; nothing was written.</translation>
    </message>
</context>
<context>
    <name>PeerTableModel</name>
    <message>
        <source>单位代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>指纹（可电话核对）</source>
        <translation>Fingerprint (compare by phone)</translation>
    </message>
    <message>
        <source>最近发出</source>
        <translation>Last sent</translation>
    </message>
    <message>
        <source>最近收到</source>
        <translation>Last received</translation>
    </message>
    <message>
        <source>待发送</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>上级</source>
        <translation>upstream</translation>
    </message>
    <message>
        <source>站点</source>
        <translation>site</translation>
    </message>
    <message>
        <source>尚未收到其第一个包</source>
        <translation>its first package not yet received</translation>
    </message>
    <message>
        <source>站点尚未发回第一个包</source>
        <translation>the site has not sent its first package</translation>
    </message>
    <message>
        <source>无</source>
        <translation>nothing</translation>
    </message>
</context>
<context>
    <name>ConflictTableModel</name>
    <message>
        <source>事件编号</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Fact</translation>
    </message>
    <message>
        <source>本机的值</source>
        <translation>Value here</translation>
    </message>
    <message>
        <source>对方的值</source>
        <translation>Peer's value</translation>
    </message>
    <message>
        <source>对方</source>
        <translation>Peer</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>open</translation>
    </message>
    <message>
        <source>已采用本机的值</source>
        <translation>kept the value here</translation>
    </message>
    <message>
        <source>已采用对方的值</source>
        <translation>took the peer's value</translation>
    </message>
    <message>
        <source>已更正为：%1</source>
        <translation>corrected to: %1</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>处理数据交换冲突</source>
        <translation>Resolve an exchange conflict</translation>
    </message>
    <message>
        <source>事件 %1 的“%2”在本机和%3都被修改过，两个值都已保留在记录中。请选择采用哪一个：</source>
        <translation>“%2” of incident %1 was changed both here and at %3; both values are kept on record. Choose the one to use:</translation>
    </message>
    <message>
        <source>对方</source>
        <translation>the peer</translation>
    </message>
    <message>
        <source>采用本机的值：%1</source>
        <translation>Keep the value here: %1</translation>
    </message>
    <message>
        <source>采用%1的值：%2</source>
        <translation>Take %1's value: %2</translation>
    </message>
    <message>
        <source>输入更正后的值：</source>
        <translation>Type a corrected value:</translation>
    </message>
    <message>
        <source>记录处理结果</source>
        <translation>Record the resolution</translation>
    </message>
    <message>
        <source>请输入更正后的值</source>
        <translation>Type the corrected value</translation>
    </message>
    <message>
        <source>更正后的值过长（最多 %1 字）</source>
        <translation>The corrected value is too long (at most %1 characters)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SitePackageDialog</name>
    <message>
        <source>制作站点包</source>
        <translation>Make a site package</translation>
    </message>
    <message>
        <source>站点包包含机构设置、该单位及其下级单位人员的账号（沿用现有密码）、规则集和本机的公钥。请用移动存储介质交给该单位，在其空数据库上导入；它发回的第一个包即证明来自此站点包。</source>
        <translation>A site package holds the organisation, the accounts of the unit's people and those below it (with their present passwords), the rule set and this installation's public key. Carry it to the unit on removable media and import it into its empty database; the first package it sends back proves it came from this site package.</translation>
    </message>
    <message>
        <source>保存站点包…</source>
        <translation>Save site package…</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <source>离线机构与上级之间用数据交换包传递事件、时间线、文件、审批和审计记录。每个包都有签名并只能由收件方解密；导入前先显示包内容和检查结果。需要时可通过电话与对方核对指纹。</source>
        <translation>Offline offices and their upstream exchange incidents, timelines, documents, approvals and audit entries in exchange packages. Every package is signed and only its recipient can decrypt it; its contents and checks are shown before it is imported. Compare fingerprints by phone when needed.</translation>
    </message>
    <message>
        <source>还没有交换对象。上级机构的管理员为本单位制作站点包后，站点发回的第一个包会使双方互相认识。</source>
        <translation>No peers yet. Once the upstream administrator makes a site package for a unit, the first package the site sends back introduces the two installations.</translation>
    </message>
    <message>
        <source>导出给所选单位…</source>
        <translation>Export to the selected unit…</translation>
    </message>
    <message>
        <source>把对方尚未确认收到的内容写入一个文件（默认保存到已插入的移动存储）</source>
        <translation>Write what the peer has not yet acknowledged to one file (a plugged-in removable drive by default)</translation>
    </message>
    <message>
        <source>从文件导入…</source>
        <translation>Import from file…</translation>
    </message>
    <message>
        <source>制作站点包…</source>
        <translation>Make a site package…</translation>
    </message>
    <message>
        <source>为一个离线单位制作建立本地安装所需的站点包（仅管理员）</source>
        <translation>Make the site package an offline unit needs to set up its installation (administrators)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>处理所选冲突…</source>
        <translation>Resolve the selected conflict…</translation>
    </message>
    <message>
        <source>打开事件</source>
        <translation>Open incident</translation>
    </message>
    <message>
        <source>显示已处理的冲突</source>
        <translation>Show resolved conflicts</translation>
    </message>
    <message>
        <source>冲突（同一事项在两端都被修改，两个值都已保留，由牵头部门选定）</source>
        <translation>Conflicts (the same fact changed at both ends; both values kept; the lead department chooses)</translation>
    </message>
    <message>
        <source>交换对象</source>
        <translation>Peers</translation>
    </message>
    <message>
        <source>本机（%1）的指纹：%2</source>
        <translation>This installation (%1), fingerprint: %2</translation>
    </message>
    <message>
        <source>本机（%1）尚未生成数据交换密钥：第一次导出或制作站点包时生成。</source>
        <translation>This installation (%1) has no exchange keys yet: they are made at the first export or site package.</translation>
    </message>
    <message>
        <source>冲突：%1 处待处理（同一事项在两端都被修改，两个值都已保留，由牵头部门选定）</source>
        <translation>Conflicts: %1 open (the same fact changed at both ends; both values kept; the lead department chooses)</translation>
    </message>
    <message>
        <source>无法读取数据交换信息：%1</source>
        <translation>Cannot read the exchange information: %1</translation>
    </message>
    <message>
        <source>该站点尚未发回第一个包：还不知道它的密钥，不能向它导出</source>
        <translation>The site has not sent its first package: its key is not known yet, so nothing can be exported to it</translation>
    </message>
    <message>
        <source>请先在上表中选择要导出给哪个单位</source>
        <translation>Choose the unit to export to in the table above first</translation>
    </message>
    <message>
        <source>数据交换包_%1</source>
        <translation>exchange-package_%1</translation>
    </message>
    <message>
        <source>导出数据交换包</source>
        <translation>Export exchange package</translation>
    </message>
    <message>
        <source>%1，已写入 %2</source>
        <translation>%1; written to %2</translation>
    </message>
    <message>
        <source>导入数据交换包</source>
        <translation>Import exchange package</translation>
    </message>
    <message>
        <source>无法读取 %1：%2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>未导入：%1</source>
        <translation>Not imported: %1</translation>
    </message>
    <message>
        <source>站点包_%1</source>
        <translation>site-package_%1</translation>
    </message>
    <message>
        <source>保存站点包</source>
        <translation>Save site package</translation>
    </message>
    <message>
        <source>站点包已写入 %1（%2 字节）：在 %3 的空数据库上启动 RepDesk，选择“从上级机构的站点包导入…”</source>
        <translation>Site package written to %1 (%2 bytes): start RepDesk on %3's empty database and choose “Import a site package from the upstream office…”</translation>
    </message>
    <message>
        <source>已处理事件 %1 的“%2”冲突：采用 %3</source>
        <translation>Resolved the “%2” conflict of incident %1: using %3</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <source>打印报告…</source>
        <translation>Print report…</translation>
    </message>
    <message>
        <source>预览并打印或另存本期的声誉风险管理工作报告</source>
        <translation>Preview, print or save the reputation-risk work report of this period</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>正在统计 %1…</source>
        <translation>Counting %1…</translation>
    </message>
    <message>
        <source>无法统计：%1</source>
        <translation>Could not count: %1</translation>
    </message>
    <message>
        <source>统计范围：%1</source>
        <translation>Scope: %1</translation>
    </message>
    <message>
        <source>各月事件数</source>
        <translation>Incidents per month</translation>
    </message>
    <message>
        <source>各单位事件数</source>
        <translation>Incidents per unit</translation>
    </message>
    <message>
        <source>事件来源</source>
        <translation>Incident sources</translation>
    </message>
    <message>
        <source>事件等级</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>各时限规则及时率（%）</source>
        <translation>On-time rate per deadline rule (%)</translation>
    </message>
    <message>
        <source>各单位及时率（%）</source>
        <translation>On-time rate per unit (%)</translation>
    </message>
    <message>
        <source>各月舆情监测条数与事件数</source>
        <translation>Monitoring entries and incidents per month</translation>
    </message>
    <message>
        <source>各单位培训学时与应急演练</source>
        <translation>Training hours and drills per unit</translation>
    </message>
    <message>
        <source>事件数</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>及时率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>舆情监测</source>
        <translation>Monitoring entries</translation>
    </message>
    <message>
        <source>声誉事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>培训学时</source>
        <translation>Training hours</translation>
    </message>
    <message>
        <source>应急演练</source>
        <translation>Drills</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>%1：事件 %2 起（重大 %3 起，处置中 %4 起）；时限及时率 %5（应办 %6 项）；首报中位时长 %7；舆情监测 %8 条，转为或关联事件 %9 条；培训 %10 学时，应急演练 %11 次；未完成整改跟进 %12 项（逾期 %13 项）。</source>
        <translation>%1: %2 incidents (%3 major, %4 open); on-time rate %5 (%6 duties); median time to first report %7; %8 monitoring entries, %9 escalated or linked to an incident; %10 training hours, %11 drills; %12 open follow-ups (%13 overdue).</translation>
    </message>
</context>
</TS>
