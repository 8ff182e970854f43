"""The four faces of a Chinese official document, found on the system or bundled, registered once per process.

Search order for each face (仿宋 fang, 宋体 song, 黑体 hei, 楷体 kai):
1. the face's own system fonts (Windows simfang/simsun/simhei/simkai, their 华文/方正 cousins, AR PL UKai/UMing),
   then any TrueType-outline CJK font in the font folders whose file name names the face (fang, song, kai, hei);
2. a face of a related role (楷体 → 仿宋 → 宋体), then any known general-purpose CJK TrueType font on the system;
3. the bundled WenQuanYi Micro Hei (`resources/fonts/`);
4. as a last resort, any TrueType-outline CJK font found in the font folders.
ReportLab embeds TrueType outlines only (CFF fonts such as Noto CJK fail), so only glyf fonts are accepted.
REPDESK_FONTS=bundled skips the system fonts (same output on every machine); REPDESK_FONT_DIRS adds folders.

Characters a face lacks are looked up in the other faces and in fallback fonts (loaded on first need); the
`Typesetter` in `text.py` does that per character.
"""

from __future__ import annotations

import copy
import os
import re
import struct
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.paths import resource

FANG, SONG, HEI, KAI = "fang", "song", "hei", "kai"
ROLES = (FANG, SONG, HEI, KAI)
BUNDLED_FILE = "wqy-microhei.ttc"

# (file name, subfont index, heavy): heavy faces (小标宋, 中宋) need no synthetic bold for titles.
_Candidate = tuple[str, int, bool]
_ROLE_FILES: dict[str, list[_Candidate]] = {
    FANG: [("simfang.ttf", 0, False), ("STFANGSO.TTF", 0, False), ("FZFSJW.TTF", 0, False),
           ("FZFSK.TTF", 0, False)],
    SONG: [("FZXBSJW.TTF", 0, True), ("FZXBSK.TTF", 0, True), ("STZHONGS.TTF", 0, True),
           ("simsun.ttc", 0, False), ("simsun.ttf", 0, False), ("STSONG.TTF", 0, False),
           ("uming.ttc", 0, False)],
    HEI: [("simhei.ttf", 0, False), ("STHEITI.TTF", 0, False), ("msyh.ttc", 0, False),
          ("wqy-zenhei.ttc", 0, False), ("wqy-microhei.ttc", 0, False)],
    KAI: [("simkai.ttf", 0, False), ("STKAITI.TTF", 0, False), ("ukai.ttc", 0, False)],
}
# Other TrueType CJK fonts in the font folders are taken for a role when their file name says so.
_ROLE_HINTS = {FANG: ("fang", "仿宋"), SONG: ("song", "simsun", "ming", "宋"), HEI: ("hei", "黑"),
               KAI: ("kai", "楷")}
_RELATED = {FANG: (SONG,), SONG: (FANG,), HEI: (), KAI: (FANG, SONG)}
_GENERAL: list[_Candidate] = [("wqy-zenhei.ttc", 0, False), ("wqy-microhei.ttc", 0, False),
                              ("msyh.ttc", 0, False), ("simsun.ttc", 0, False), ("uming.ttc", 0, False)]
# Per-character fallbacks, wide coverage: SimSun-ExtB has CJK Extension B, Droid Sans Fallback Extension A.
_FALLBACK: list[_Candidate] = [("simsun.ttc", 0, False), ("simsunb.ttf", 0, False), ("msyh.ttc", 0, False),
                               ("DroidSansFallbackFull.ttf", 0, False), ("DroidSansFallback.ttf", 0, False),
                               ("wqy-zenhei.ttc", 0, False), ("uming.ttc", 0, False), ("ukai.ttc", 0, False)]
_FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


@dataclass(frozen=True)
class FontSource:
    path: Path
    index: int = 0
    heavy: bool = False
    origin: str = "system"  # system / bundled / scan


@dataclass
class FontSet:
    """Registered ReportLab font names per role, and the per-character fallbacks."""

    names: dict[str, str]
    sources: dict[str, FontSource]
    fallback_sources: list[FontSource] = field(default_factory=list)
    _fallback_names: list[str] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def font(self, role: str) -> str:
        return self.names[role]

    @property
    def title_is_heavy(self) -> bool:
        return self.sources[SONG].heavy

    def has_glyph(self, font_name: str, char: str) -> bool:
        face = pdfmetrics.getFont(font_name).face  # type: ignore[attr-defined]
        return ord(char) in face.charToGlyph

    def fallback_for(self, char: str) -> str | None:
        """The first face with a glyph for `char`: the four faces, then the fallback fonts, each loaded only
        when the ones before it lack the character (a large font costs a fraction of a second)."""
        with self._lock:
            if self._fallback_names is None:
                self._fallback_names = list(dict.fromkeys(self.names[r] for r in ROLES))
            for name in self._fallback_names:
                if self.has_glyph(name, char):
                    return name
            while self.fallback_sources:
                name = _register(self.fallback_sources.pop(0))
                if name and name not in self._fallback_names:
                    self._fallback_names.append(name)
                    if self.has_glyph(name, char):
                        return name
            return None


def font_dirs() -> list[Path]:
    """System and user font folders, most specific platform first; REPDESK_FONT_DIRS first of all."""
    dirs = [Path(p) for p in os.environ.get("REPDESK_FONT_DIRS", "").split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs += [windir / "Fonts", Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft/Windows/Fonts"]
    elif sys.platform == "darwin":
        dirs += [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
                 Path("/System/Library/Fonts/Supplemental")]
    else:
        dirs += _fontconfig_dirs()
        xdg = os.environ.get("XDG_DATA_HOME", str(home / ".local/share"))
        dirs += [Path(xdg) / "fonts", home / ".fonts",
                 Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]
    return list(dict.fromkeys(d for d in dirs if d.is_dir()))


def _fontconfig_dirs() -> list[Path]:
    """The <dir> entries of the system fontconfig file (enough for the usual layouts)."""
    try:
        text = Path("/etc/fonts/fonts.conf").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    dirs = [Path(os.path.expanduser(d.strip())) for d in re.findall(r"<dir[^>]*>([^<]+)</dir>", text)]
    return [d for d in dirs if d.is_absolute()]  # prefix="xdg" entries are covered by the XDG folder below


def _index_font_files(dirs: list[Path]) -> dict[str, Path]:
    """Lower-case file name → first path found, over the folders recursively."""
    found: dict[str, Path] = {}
    for base in dirs:
        for root, _sub, files in os.walk(base):
            for name in files:
                if name.lower().endswith(_FONT_SUFFIXES):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def is_truetype_cjk(path: Path, index: int = 0) -> bool:
    """Cheap header check: glyf outlines and the OS/2 CJK-ideographs bit (no full parse)."""
    try:
        with path.open("rb") as f:
            data = f.read(12)
            offset = 0
            if data[:4] == b"ttcf":
                f.seek(12 + 4 * index)
                offset = struct.unpack(">I", f.read(4))[0]
                f.seek(offset)
                data = f.read(12)
            num_tables = struct.unpack(">H", data[4:6])[0]
            tables = {}
            for _ in range(num_tables):
                tag, _sum, off, length = struct.unpack(">4sIII", f.read(16))
                tables[tag] = (off, length)
            if b"glyf" not in tables or b"OS/2" not in tables:
                return False
            f.seek(tables[b"OS/2"][0] + 42)
            r1, r2 = struct.unpack(">II", f.read(8))
            return bool(r2 & (1 << 27)) and bool(r1 & 1)  # bit 59 CJK ideographs, bit 0 Basic Latin
    except (OSError, struct.error):
        return False


_registered: dict[tuple[str, int], str | None] = {}
_register_lock = threading.Lock()


def _register(src: FontSource, need: str = "") -> str | None:
    """Register one font file (once per process); None when ReportLab cannot use it or it lacks `need`."""
    key = (str(src.path), src.index)
    with _register_lock:
        if key not in _registered:
            name = "RD-" + re.sub(r"[^A-Za-z0-9]", "", src.path.stem) + f"-{src.index}"
            try:
                font = TTFont(name, str(src.path), subfontIndex=src.index)
                pdfmetrics.registerFont(font)
                _registered[key] = name
            except Exception:  # noqa: BLE001 - CFF outlines, broken or unreadable files: skip the candidate
                _registered[key] = None
        name = _registered[key]
    if name and need:
        cmap = pdfmetrics.getFont(name).face.charToGlyph  # type: ignore[attr-defined]
        if not all(ord(c) in cmap for c in need):
            return None
    return name


def _pick(cands: list[_Candidate], files: dict[str, Path]) -> FontSource | None:
    for fname, index, heavy in cands:
        path = files.get(fname.lower())
        if path and _register(FontSource(path, index, heavy), need="中文A1") is not None:
            return FontSource(path, index, heavy)
    return None


def _pick_hinted(role: str, files: dict[str, Path]) -> FontSource | None:
    """A TrueType-outline CJK font whose file name names the role (e.g. FZFangSong.ttf, 华文楷体.ttf)."""
    for name, path in sorted(files.items()):
        if "bold" in name or not any(h in name for h in _ROLE_HINTS[role]):
            continue
        if is_truetype_cjk(path) and _register(FontSource(path), need="中文A1"):
            return FontSource(path)
    return None


def resolve_sources(files: dict[str, Path], bundled: Path | None) -> dict[str, FontSource]:
    """Choose a font file per role from the indexed system fonts (see the module docstring)."""
    own = {role: _pick(_ROLE_FILES[role], files) or _pick_hinted(role, files) for role in ROLES}
    general = _pick(_GENERAL, files)
    out: dict[str, FontSource] = {}
    for role in ROLES:
        src = own[role] or next((own[r] for r in _RELATED[role] if own[r]), None) or general
        if src is not None and src.heavy and role != SONG:
            src = FontSource(src.path, src.index, False, src.origin)
        if src is None and bundled is not None and bundled.is_file():
            src = FontSource(bundled, 0, False, "bundled")
        if src is None:
            src = _scan(files)
        if src is None:
            raise RuntimeError(f"no TrueType CJK font: install one or restore resources/fonts/{BUNDLED_FILE}")
        out[role] = src
    return out


def _scan(files: dict[str, Path]) -> FontSource | None:
    for path in sorted(files.values()):
        if is_truetype_cjk(path) and _register(FontSource(path), need="中文A1"):
            return FontSource(path, 0, False, "scan")
    return None


_font_set: FontSet | None = None


def font_set() -> FontSet:
    """The process-wide font set (the first call registers the fonts, about 0.1-0.2 s per file)."""
    global _font_set
    with _register_lock:
        cached = _font_set
    if cached is not None:
        return cached
    bundled = resource("fonts", BUNDLED_FILE)
    system = os.environ.get("REPDESK_FONTS", "").lower() != "bundled"
    files = _index_font_files(font_dirs()) if system else {}
    sources = resolve_sources(files, bundled)
    names = {role: _register(src) or "" for role, src in sources.items()}
    fallbacks = [FontSource(files[f.lower()], i) for f, i, _h in _FALLBACK if f.lower() in files]
    if bundled.is_file():
        fallbacks.append(FontSource(bundled, 0, False, "bundled"))
    result = FontSet(names=names, sources=sources, fallback_sources=fallbacks)
    with _register_lock:
        if _font_set is None:
            _font_set = result
        return _font_set


_grid_fonts: dict[tuple[str, float], str] = {}


def grid_font(base: str, size: float, pitch: float) -> str:
    """A variant of `base` whose every advance is reduced by (size - pitch), i.e. character spacing baked in.

    GB/T 9704 sets 28 characters of 16 pt in a 156 mm line (15.79 pt each): ReportLab paragraphs have no
    character spacing, so the body face gets the spacing in its widths (the /W array), outlines unchanged.
    """
    key = (base, round(pitch / size, 6))
    with _register_lock:
        if key in _grid_fonts:
            return _grid_fonts[key]
        src = pdfmetrics.getFont(base)
        delta = (size - pitch) * 1000.0 / size
        font = copy.copy(src)
        face = copy.copy(src.face)  # type: ignore[attr-defined]
        face.charWidths = {c: (w - delta if w > delta else w) for c, w in face.charWidths.items()}
        face.defaultWidth = max(face.defaultWidth - delta, 0)
        face.name = face.name + b"Grid%d" % len(_grid_fonts)  # a distinct BaseFont and ToUnicode per subset
        font.face = face
        font.fontName = f"{base}-grid{len(_grid_fonts)}"
        from weakref import WeakKeyDictionary

        font.state = WeakKeyDictionary()
        pdfmetrics.registerFont(font)
        _grid_fonts[key] = font.fontName
        return font.fontName
