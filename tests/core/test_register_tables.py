"""The register's detail table across pages: the header on every page, never a lone row at a page's foot or head
(issue 11, part 4), laid out in chunks that join seamlessly (part 8)."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from desktop.reports.build import build
from tests.fixtures.samples import sample_register

HEADER = "应办/按时/迟报/超时"


def _rows_per_page(pdf: bytes) -> list[tuple[int, bool]]:
    """(detail rows, header present) for each page that carries the detail table."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = page.extract_text().replace(" ", "").replace("\n", "")
        numbers = set(re.findall(r"SJZ-2026-\d{4}", text))
        if numbers:
            out.append((len(numbers), "应办/按时" in text and "事件编号" in text))
    return out


@pytest.mark.parametrize("count", [23, 41, 57, 81, 97])
def test_register_pages_repeat_the_header_and_hold_no_lone_row(count: int) -> None:
    pdf = build("register", sample_register(count)).pdf
    pages = _rows_per_page(pdf)
    assert len(pages) > 1, count
    assert sum(n for n, _h in pages) == count  # every incident once, none lost at a chunk's seam
    for i, (rows, header) in enumerate(pages):
        assert header, (count, i)
        assert rows >= 2, (count, i, pages)


def test_chunk_seams_are_invisible_and_never_leave_a_lone_row() -> None:
    from desktop.reports import register

    # With a chunk smaller than a page the seams fall mid-page: the same pages, the same rows on each.
    saved = register.REGISTER_CHUNK
    try:
        register.REGISTER_CHUNK = 10**6
        single = _rows_per_page(build("register", sample_register(130)).pdf)
        for size in (3, 7, 40):
            register.REGISTER_CHUNK = size
            chunked = _rows_per_page(build("register", sample_register(130)).pdf)
            assert chunked == single, size
    finally:
        register.REGISTER_CHUNK = saved


def test_pdfminer_sees_one_header_per_page() -> None:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    pdf = build("register", replace(sample_register(90), note="")).pdf
    for n, layout in enumerate(extract_pages(io.BytesIO(pdf))):
        text = "".join(e.get_text() for e in layout if isinstance(e, LTTextContainer)).replace(" ", "")
        if re.search(r"SJZ-2026-\d{4}", text):
            assert text.replace("\n", "").count("事发单位") >= 1, n
            assert len(set(re.findall(r"SJZ-2026-\d{4}", text))) >= 2, n
