"""The caches a cold `repdesk report` starts from: parsed font faces and the title segmenter's dictionary give
what a fresh parse gives, and a stale, damaged or foreign entry is rebuilt, never used."""

from __future__ import annotations

import mmap
import os
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from desktop.paths import resource
from desktop.reports import caches

FONT = resource("fonts", "wqy-microhei.ttc")
SAMPLE = "声誉风险事件报告ABC123，。〔〕"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPDESK_CACHE_DIR", str(folder))
    return folder


def _same_face(a: Any, b: Any) -> None:
    skip = {"_ttf_data", "_pdfScale", "_rd_path", "_pos"}
    assert {k: v for k, v in a.face.__dict__.items() if k not in skip} == {
        k: v for k, v in b.face.__dict__.items() if k not in skip}
    assert a.face._pdfScale(2048) == b.face._pdfScale(2048)
    subset = [0, *(ord(c) for c in SAMPLE)]
    assert a.face.makeSubset(subset) == b.face.makeSubset(subset)  # the bytes embedded in the PDF
    assert a.stringWidth(SAMPLE, 16) == b.stringWidth(SAMPLE, 16)


def test_a_cached_face_is_the_parsed_face(cache: Path) -> None:
    fresh = TTFont("RD-test-0", str(FONT))
    first = caches.tt_font("RD-test-0", FONT)  # parses and stores
    entries = list((cache / "fonts").glob("*.face"))
    assert len(entries) == 1 and entries[0].stat().st_mode & 0o077 == 0
    second = caches.tt_font("RD-test-0", FONT)  # from the cache
    assert isinstance(second.face, caches.CachedFace) and "_ttf_data" not in second.face.__dict__
    _same_face(fresh, first)
    _same_face(fresh, second)
    assert second.state is not first.state and len(second.state) == 0
    # The subset above was cut from the file mapped, not read into memory (tens of MB a CJK file).
    assert isinstance(second.face._ttf_data, mmap.mmap) and second.face._ttf_data[:] == FONT.read_bytes()


def test_a_damaged_stale_or_foreign_entry_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    caches.tt_font("RD-test-0", FONT)
    entry = next((cache / "fonts").glob("*.face"))
    good = entry.read_bytes()
    entry.write_bytes(good[:-100])  # truncated: its digest no longer matches
    font = caches.tt_font("RD-test-0", FONT)
    assert not isinstance(font.face, caches.CachedFace) and entry.read_bytes() == good  # parsed, stored again
    # Another font file of the same path (replaced since): size and mtime are in the key.
    copy = tmp_path / "font.ttc"
    copy.write_bytes(FONT.read_bytes())
    caches.tt_font("RD-copy-0", copy)
    os.utime(copy, ns=(1, 1))
    assert not isinstance(caches.tt_font("RD-copy-0", copy).face, caches.CachedFace)
    assert isinstance(caches.tt_font("RD-copy-0", copy).face, caches.CachedFace)
    if os.name == "posix":  # a file others may write is not loaded (a pickle is code)
        entry.chmod(0o666)
        assert not isinstance(caches.tt_font("RD-test-0", FONT).face, caches.CachedFace)


def test_an_unwritable_cache_only_costs_time(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(caches, "cache_dir", lambda: blocker)
    font = caches.tt_font("RD-test-0", FONT)
    assert font.stringWidth("中文", 10) > 0


TITLES = ["关于保定朝阳支行客户在营业大厅拍摄视频投诉理财收益问题的声誉风险事件报告",
          "代销理财产品兑付延迟引发客户聚集事件应答口径（第2版）", "媒体记者就保定营业部“飞单”传闻采访事件的应对方案",
          "某某分行关于张三李四王五反映问题的说明", "ABC银行2026年第3季度声誉风险管理工作报告"]


def test_the_segmenter_cuts_as_jieba_with_its_whole_dictionary(cache: Path) -> None:
    import jieba

    from desktop.reports.blocks import _DOMAIN_WORDS

    reference = jieba.Tokenizer()
    for word in _DOMAIN_WORDS:
        reference.add_word(word)
    expected = {t: list(reference.cut(t, HMM=True)) for t in TITLES}
    built = caches.Segmenter(_DOMAIN_WORDS)  # builds the indexed dictionary
    assert {t: built.cut(t) for t in TITLES} == expected
    assert list((cache / "words").glob("*.sqlite3"))
    loaded = caches.Segmenter(_DOMAIN_WORDS)  # opens it
    assert loaded._words is not None and {t: loaded.cut(t) for t in TITLES} == expected
    assert "声誉风险" in loaded.cut(TITLES[0])  # a domain word stays whole


def test_a_damaged_word_dictionary_is_rebuilt(cache: Path) -> None:
    words = ("声誉风险",)
    caches.Segmenter(words)
    db = next((cache / "words").glob("*.sqlite3"))
    db.write_bytes(b"garbage" * 100)
    again = caches.Segmenter(words)
    assert again._words is not None and again.cut(TITLES[0])[-2:] == ["声誉风险", "事件报告"]
