"""The four faces of a Chinese official document, found on the system or bundled, registered once per process.

Search order for each face (仿宋 fang, 宋体 song, 黑体 hei, 楷体 kai):
1. the face's own system fonts (Windows simfang/simsun/simhei/simkai, their 华文/方正 cousins, AR PL UKai/UMing),
   then any TrueType-outline CJK font in the font folders whose file name names the face (fang, song, kai, hei);
2. a face of a related role (楷体 → 仿宋 → 宋体), then any known general-purpose CJK TrueType font on the system;
3. the bundled WenQuanYi Micro Hei (`resources/fonts/`);
4. as a last resort, any TrueType-outline CJK font found in the font folders.
ReportLab embeds TrueType outlines only (CFF fonts such as Noto CJK fail), so only glyf fonts are accepted.
REPDESK_FONTS=bundled skips the system fonts (same output on every machine); REPDESK_FONT_DIRS adds folders.
Font files the user chose in the settings (e.g. copied from a Windows PC) come first of all: they live in
`fonts.json` in the config folder, so the window and the command line read the same choice without Qt.

A face that is not the role's own (no 仿宋 installed, a regular Song for the 小标宋 title, ...) is a stand-in:
`FontSet.stand_ins` says which face stands in, and every build reports it, so nobody prints a document in the
wrong faces without knowing. When 黑体 has to share the body's face (only the bundled font), headings get a
synthetic bold under their own font name, so they stay distinguishable on paper and in the PDF.

Characters a face lacks are looked up in the other faces and in fallback fonts (loaded on first need); the
`Typesetter` in `text.py` does that per character.
"""

from __future__ import annotations

import copy
import json
import os
import re
import struct
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfmetrics

from desktop.paths import config_dir, resource
from desktop.reports.caches import tt_font

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
ROLE_LABELS = {FANG: "仿宋", SONG: "小标宋", HEI: "黑体", KAI: "楷体"}
USER_FONTS_FILE = "fonts.json"
# A user's Song file counts as the heavy title face (no synthetic bold) when its name says 小标宋 or 中宋.
_HEAVY_HINTS = ("xbs", "xiaobiao", "小标宋", "zhongs", "zhongsong", "中宋")


@dataclass(frozen=True)
class FontSource:
    path: Path
    index: int = 0
    heavy: bool = False
    origin: str = "system"  # system / bundled / scan / user
    stand_in: bool = False  # not the role's own face: a related, general, bundled or scanned one


@dataclass
class FontSet:
    """Registered ReportLab font names per role, and the per-character fallbacks."""

    names: dict[str, str]
    sources: dict[str, FontSource]
    fallback_sources: list[FontSource] = field(default_factory=list)
    hei_bold: bool = False  # 黑体 shares the body's face: headings are drawn with a synthetic bold
    _fallback_names: list[str] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def font(self, role: str) -> str:
        return self.names[role]

    @property
    def title_is_heavy(self) -> bool:
        return self.sources[SONG].heavy

    def stand_ins(self) -> list[str]:
        """One sentence per role printed in a stand-in face, naming that face; [] when all four are the real ones."""
        out = []
        for role in ROLES:
            src, face = self.sources[role], face_name(self.names[role])
            if role == SONG and not src.heavy:
                out.append(f"未找到小标宋字体，标题以“{face}”加粗代替")
            elif src.stand_in and role == HEI and self.hei_bold:
                out.append(f"未找到黑体字体，标题层次以“{face}”加粗代替")
            elif src.stand_in:
                out.append(f"未找到{ROLE_LABELS[role]}字体，以“{face}”代替")
        return out

    def has_glyph(self, font_name: str, char: str) -> bool:
        face = pdfmetrics.getFont(font_name).face
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
                found = _register(self.fallback_sources.pop(0))
                if found and found not in self._fallback_names:
                    self._fallback_names.append(found)
                    if self.has_glyph(found, char):
                        return found
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
            new_name = "RD-" + re.sub(r"[^A-Za-z0-9]", "", src.path.stem) + f"-{src.index}"
            try:
                font = tt_font(new_name, src.path, src.index)  # parsed once, then from the user's cache
                pdfmetrics.registerFont(font)
                _registered[key] = new_name
            except Exception:  # noqa: BLE001 - CFF outlines, broken or unreadable files: skip the candidate
                _registered[key] = None
        name = _registered[key]
    if name and need:
        cmap = pdfmetrics.getFont(name).face.charToGlyph
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


def resolve_sources(files: dict[str, Path], bundled: Path | None,
                    user: dict[str, FontSource] | None = None) -> dict[str, FontSource]:
    """Choose a font file per role: the user's files, then the indexed system fonts (see the module docstring)."""
    own = {role: (user or {}).get(role) or _pick(_ROLE_FILES[role], files) or _pick_hinted(role, files)
           for role in ROLES}
    general = _pick(_GENERAL, files)
    out: dict[str, FontSource] = {}
    for role in ROLES:
        src = own[role]
        if src is None:
            other = next((own[r] for r in _RELATED[role] if own[r]), None) or general
            src = FontSource(other.path, other.index, other.heavy, other.origin, True) if other else None
        if src is not None and src.heavy and role != SONG:
            src = FontSource(src.path, src.index, False, src.origin, src.stand_in)
        if src is None and bundled is not None and bundled.is_file():
            src = FontSource(bundled, 0, False, "bundled", True)
        if src is None:
            src = _scan(files)
        if src is None:
            raise RuntimeError(f"no TrueType CJK font: install one or restore resources/fonts/{BUNDLED_FILE}")
        out[role] = src
    return out


def _scan(files: dict[str, Path]) -> FontSource | None:
    for path in sorted(files.values()):
        if is_truetype_cjk(path) and _register(FontSource(path), need="中文A1"):
            return FontSource(path, 0, False, "scan", True)
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
    sources = resolve_sources(files, bundled, _usable_user_fonts())
    names = {role: _register(src) or "" for role, src in sources.items()}
    # Headings in the body's own face would look like body text: give them a bold variant (see the docstring).
    hei_bold = (sources[HEI].path, sources[HEI].index) == (sources[FANG].path, sources[FANG].index)
    if hei_bold:
        names[HEI] = _variant(names[FANG], "Bold")
    fallbacks = [FontSource(files[f.lower()], i) for f, i, _h in _FALLBACK if f.lower() in files]
    if bundled.is_file():
        fallbacks.append(FontSource(bundled, 0, False, "bundled"))
    result = FontSet(names=names, sources=sources, fallback_sources=fallbacks, hei_bold=hei_bold)
    with _register_lock:
        if _font_set is None:
            _font_set = result
        return _font_set


def reset_font_set() -> None:
    """Forget the chosen faces (after the user changed the font files); the next build resolves them again."""
    global _font_set
    with _register_lock:
        _font_set = None


def face_name(font_name: str) -> str:
    """The family name a registered font gives itself, e.g. “AR PL UMing CN”, “WenQuanYi Micro Hei”."""
    family = getattr(pdfmetrics.getFont(font_name).face, "familyName", b"")
    text = family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family)
    return text.strip() or font_name


# --- the user's font files --------------------------------------------------------------------------------------


class FontFileError(ValueError):
    """A chosen font file ReportLab cannot embed; the message is for the user."""


def user_fonts_file() -> Path:
    return config_dir() / USER_FONTS_FILE


def user_fonts() -> dict[str, Path]:
    """The font file the user chose per role (roles without one are absent); a damaged file counts as none."""
    try:
        data = json.loads(user_fonts_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {role: Path(data[role]) for role in ROLES if isinstance(data.get(role), str) and data[role]}


def check_font_file(role: str, path: Path) -> FontSource:
    """The source for a user's file, or FontFileError saying in Chinese why it cannot be used."""
    label = ROLE_LABELS[role]
    if not path.is_file():
        raise FontFileError(f"{label}字体文件“{path}”不存在")
    src = FontSource(path, 0, role == SONG and any(h in path.name.lower() for h in _HEAVY_HINTS), "user")
    if _register(src, need="中文A1") is None:
        raise FontFileError(f"{label}字体文件“{path.name}”无法嵌入：需要含中文字形的 TrueType 字体（.ttf/.ttc），"
                            "OpenType/CFF 字体（如思源、Noto CJK）不能嵌入 PDF")
    return src


def save_user_fonts(chosen: Mapping[str, str | Path | None]) -> None:
    """Store the user's font file per role ("" or None: none). Every file is checked first: one unusable file
    raises FontFileError and nothing is stored."""
    current = {role: str(p) for role, p in user_fonts().items()}
    for role, value in chosen.items():
        if role not in ROLES:
            raise FontFileError(f"未知的字体用途：{role}")
        if value:
            check_font_file(role, Path(value))
            current[role] = str(Path(value))
        else:
            current.pop(role, None)
    target = user_fonts_file()
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(current, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(target)  # atomic: a crash leaves the old choice, never half a file
    reset_font_set()


def _usable_user_fonts() -> dict[str, FontSource]:
    """The user's files that still work (a file deleted or moved since falls back to the search)."""
    out = {}
    for role, path in user_fonts().items():
        try:
            out[role] = check_font_file(role, path)
        except FontFileError:
            continue
    return out


def _variant(base: str, suffix: str) -> str:
    """`base` registered again under its own name and PDF font name (same outlines): e.g. the bold-drawn 黑体
    stand-in, so heading text can be told from body text in the PDF too."""
    name = f"{base}-{suffix}"
    with _register_lock:
        try:
            pdfmetrics.getFont(name)
            return name
        except KeyError:
            pass
        src = pdfmetrics.getFont(base)
        font = copy.copy(src)
        face = copy.copy(src.face)
        face.name = face.name + b"-" + suffix.encode()
        font.face = face
        font.fontName = name
        font.state = WeakKeyDictionary()
        pdfmetrics.registerFont(font)
        return name


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
        face = copy.copy(src.face)
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
