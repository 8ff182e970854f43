"""The ReportLab internals desktop/reports/linebreak.py relies on are still there.

`Para` overrides two of Paragraph's methods by name and reads attributes that are not public API; ReportLab is
pinned to one major version in pyproject.toml, and this test says which name went missing when the pin is raised.
"""

from __future__ import annotations

import inspect

from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph
from reportlab.platypus.paragraph import ALL_CANNOT_START, FragLine, Paragraph, ParaLines

from desktop.paths import resource
from desktop.reports.fonts import BUNDLED_FILE


def test_paragraph_still_calls_the_overridden_methods() -> None:
    assert callable(getattr(Paragraph, "_get_split_blParaFunc", None))
    assert callable(getattr(Paragraph, "breakLinesCJK", None))
    # overriding them only works while ReportLab itself goes through them
    assert "self._get_split_blParaFunc()" in inspect.getsource(Paragraph.split)
    assert "self.breakLinesCJK(" in inspect.getsource(Paragraph.wrap)


def test_the_split_marker_and_line_kinds_keep_their_meaning() -> None:
    source = inspect.getsource(paragraph)
    assert "_splitpara = 1" in source  # set on the first half of a split paragraph, read by breakLinesCJK
    assert "blPara.kind==1" in source.replace(" ", "")  # 1: lines of frags, the kind grid_frag_split returns
    lines = ParaLines(kind=1, lines=[])
    assert lines.kind == 1 and lines.lines == []
    line = FragLine(kind=1, extraSpace=0.0, wordCount=1, words=[], fontSize=12, ascent=10, descent=-2,
                    maxWidth=100.0, currentWidth=100.0, lineBreak=False, cjk_justify=True)
    assert line.words == [] and line.cjk_justify
    assert isinstance(ALL_CANNOT_START, str) and "。" in ALL_CANNOT_START and "、" in ALL_CANNOT_START


def test_truetype_width_tables_are_where_the_line_breaker_reads_them() -> None:
    font = TTFont("RepDeskContractFace", str(resource("fonts", BUNDLED_FILE)), subfontIndex=0)
    assert font._dynamicFont
    assert isinstance(font.face.charWidths, dict) and font.face.charWidths
    assert isinstance(font.face.defaultWidth, (int, float))
