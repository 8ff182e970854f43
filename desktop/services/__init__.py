"""The one service layer every change goes through: validates, checks permissions, writes, audits."""
