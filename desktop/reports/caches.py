"""What a cold start would otherwise recompute every time, kept in the user's cache folder.

- Parsed TrueType faces: ReportLab parses a CJK font (cmap, widths of 20,000+ glyphs) in 0.1-0.3 s per file, every
  process. The parsed face (everything but the file's bytes, which are read back only when a PDF embeds a subset)
  is pickled per font file and loaded in a few milliseconds.
- The title segmenter's dictionary: jieba unmarshals a 580,000-entry prefix dictionary (about a second) before it
  cuts its first title. A title needs only the dictionary's entries for its own substrings, so the dictionary is
  kept as an indexed SQLite table and each cut gets a small dictionary with exactly those entries; the cut is the
  one jieba itself makes (same algorithm, same frequencies).

Every entry is keyed by what it was made from (file path, size and modification time, library versions, this
module's format) and carries a SHA-256 of its bytes: a stale, truncated or damaged entry is rebuilt, never used.
Only files owned by the user and writable by nobody else are loaded. A cache that cannot be written (read-only
folder, full disk) only costs the time it would have saved.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import mmap
import os
import pickle
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from desktop.paths import cache_dir

log = logging.getLogger("repdesk.reports.caches")
FORMAT = 1  # bump when what is stored changes shape
_DIGEST = 32


def _trusted(path: Path) -> bool:
    """A pickle is code: load only the user's own file that nobody else may write (POSIX; Windows has the
    profile's folder permissions)."""
    if os.name != "posix":
        return True
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def _unpickle(payload: bytes) -> Any:
    """pickle.loads with the cyclic collector paused: a face's tens of thousands of small lists would otherwise set
    off full collections that walk every object the program has imported (measured: 3 faces in 170 ms instead of
    70 ms once ReportLab and SQLAlchemy are loaded). The loaded values hold no cycles to collect."""
    enabled = gc.isenabled()  # as another thread left it: never turn on a collector someone turned off
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if enabled:
            gc.enable()


def load(path: Path, key: object) -> Any | None:
    """The value stored under `key` in `path`, or None when missing, stale, damaged or untrusted."""
    try:
        if not path.is_file() or not _trusted(path):
            return None
        blob = path.read_bytes()
        payload = blob[_DIGEST:]
        if hashlib.sha256(payload).digest() != blob[:_DIGEST]:
            log.info("damaged cache entry %s: rebuilt", path)
            return None
        stored_key, value = _unpickle(payload)  # our own checked, user-private file
    except Exception:  # anything wrong with a cache entry means: rebuild it
        log.info("unreadable cache entry %s: rebuilt", path, exc_info=True)
        return None
    return value if stored_key == key else None


def store(path: Path, key: object, value: object) -> None:
    """Write atomically (a crash leaves the old entry or none, never half of one); failures are only logged."""
    try:
        payload = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
    except Exception:  # a cache that cannot be written costs time, nothing else
        log.info("cannot write cache entry %s", path, exc_info=True)


def _file_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path.resolve()), st.st_size, st.st_mtime_ns


# --- parsed font faces -----------------------------------------------------------------------------------------


class CachedFace(TTFontFace):
    """A TTFontFace restored from the cache: the file's bytes (needed only to cut a subset into a PDF) are mapped
    on first use. Attribute lookups that find the attribute never come here.

    Mapped, not read: a subset touches a few hundred KB of a CJK file's tens of MB, and reading the three usual
    files (43 MB) cost every cold `repdesk report` 25-30 ms of CPU and the window as many MB of memory. ReportLab
    only slices, indexes and measures the data, which a read-only mapping serves as bytes. Font files are replaced,
    not rewritten in place, by whatever installs them; the mapping outlives its file descriptor."""

    def __getattr__(self, name: str) -> Any:
        if name != "_ttf_data" or "_rd_path" not in self.__dict__:
            raise AttributeError(name)
        with open(self.__dict__["_rd_path"], "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        self.__dict__["_ttf_data"] = data
        return data


def _face_file(path: Path, index: int) -> Path:
    name = hashlib.sha256(f"{path.resolve()}\0{index}".encode()).hexdigest()[:32]
    return cache_dir() / "fonts" / f"{name}.face"


def _pdf_scale(units_per_em: int) -> Callable[[float], float]:
    """What TTFontFile.extractInfo sets as `_pdfScale` (a local lambda there, so not picklable)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def tt_font(name: str, path: Path, index: int = 0) -> TTFont:
    """`TTFont(name, path, subfontIndex=index)`, from the cache when it holds this very file parsed by this
    ReportLab. Raises what TTFont raises for a file ReportLab cannot use (that is not cached)."""
    key = (FORMAT, reportlab.Version, sys.version_info[:2], name, index, _file_key(path))
    entry = _face_file(path, index)
    cached = load(entry, key)
    if isinstance(cached, tuple) and len(cached) == 2:
        font_state, face_state = cached
        face = CachedFace.__new__(CachedFace)
        face.__dict__.update(face_state)
        face.__dict__["_rd_path"] = str(path)
        face._pdfScale = _pdf_scale(face.unitsPerEm)
        font = TTFont.__new__(TTFont)
        font.__dict__.update(font_state)
        font.face = face
        font.state = WeakKeyDictionary()  # per-document subsets: never shared, never stored
        return font
    font = TTFont(name, str(path), subfontIndex=index)
    # Everything the parse produced except the file's bytes, the parser's position and the per-document state.
    face_state = {k: v for k, v in font.face.__dict__.items() if k not in ("_ttf_data", "_pos", "_pdfScale")}
    face_state["_pos"] = 0
    font_state = {k: v for k, v in font.__dict__.items() if k not in ("face", "state")}
    store(entry, key, (font_state, face_state))
    return font


# --- the title segmenter's dictionary ------------------------------------------------------------------------------


class _Words:
    """jieba's prefix dictionary (word → frequency, each word's prefixes with 0) in an indexed SQLite file;
    `for_text(text)` is the part of it a cut of `text` can look at."""

    def __init__(self, path: Path, total: int, longest: int) -> None:
        self.total, self.longest = total, longest
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._db.execute("SELECT w FROM freq LIMIT 1").fetchall()  # a damaged file fails here, not mid-print

    def for_text(self, text: str) -> dict[str, int]:
        n = len(text)
        subs = sorted({text[i:j] for i in range(n) for j in range(i + 1, min(n, i + self.longest) + 1)})
        out: dict[str, int] = {}
        for start in range(0, len(subs), 500):  # under SQLite's oldest limit of 999 parameters
            chunk = subs[start:start + 500]
            marks = ",".join("?" * len(chunk))
            out.update(self._db.execute(f"SELECT w, f FROM freq WHERE w IN ({marks})", chunk).fetchall())
        return out


def _import_jieba() -> Any:
    """jieba, imported only when a title too long for one line needs it. jieba reads its data files through
    pkg_resources when that is importable, and importing pkg_resources costs a quarter of a second; its other
    path (a file next to the module) finds the same files, so pkg_resources is hidden while jieba is imported."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import jieba
    finally:
        if hide and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


class Segmenter:
    """Precise-mode jieba (with its HMM for unknown words) over the full dictionary plus `extra_words`, without
    loading the dictionary: each cut sees only the entries for its text's substrings, which are all jieba's
    algorithm ever looks up, so the cut is the same."""

    def __init__(self, extra_words: tuple[str, ...]) -> None:
        jieba = _import_jieba()
        self._lock = threading.Lock()
        self._extra = extra_words
        self._tokenizer = jieba.Tokenizer()
        dict_file = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
        source = ("jieba", jieba.__version__, _file_key(dict_file), extra_words)
        self._words = self._open(source)
        if self._words is None:  # no usable cache folder: jieba's own dictionary, loaded once per process
            self._full()
        else:
            self._tokenizer.total = self._words.total
            self._tokenizer.initialized = True

    def cut(self, text: str) -> list[str]:
        with self._lock:
            if self._words is not None:
                self._tokenizer.FREQ = self._words.for_text(text)
            return list(self._tokenizer.cut(text, HMM=True))

    def _full(self) -> tuple[dict[str, int], int]:
        tokenizer = self._tokenizer
        tokenizer.tmp_dir = tempfile.gettempdir()  # jieba's own cache, never inside the installed package
        tokenizer.cache_file = "repdesk-jieba.cache"
        for word in self._extra:
            tokenizer.add_word(word)  # initializes first, then gives the word a frequency that keeps it whole
        return tokenizer.FREQ, tokenizer.total

    def _open(self, source: object) -> _Words | None:
        try:
            folder = cache_dir() / "words"
        except OSError:
            return None
        name = hashlib.sha256(repr((FORMAT, source)).encode()).hexdigest()[:32]
        path, meta = folder / f"{name}.sqlite3", folder / f"{name}.meta"
        for attempt in range(2):
            sizes = load(meta, (FORMAT, source))
            if isinstance(sizes, tuple) and path.is_file() and _trusted(path):
                try:
                    return _Words(path, *sizes)
                except (sqlite3.Error, TypeError):
                    log.info("damaged word dictionary %s: rebuilt", path, exc_info=True)
            if attempt:
                break
            try:
                self._build(folder, path, meta, source)
            except Exception:  # no cache: jieba's own dictionary does the job, slower
                log.info("cannot build the word dictionary in %s", folder, exc_info=True)
                break
        return None

    def _build(self, folder: Path, path: Path, meta: Path, source: object) -> None:
        freq, total = self._full()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        try:
            db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, f INTEGER NOT NULL) WITHOUT ROWID")
            db.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
            db.commit()
        finally:
            db.close()
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        store(meta, (FORMAT, source), (total, max(map(len, freq))))
