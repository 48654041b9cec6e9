"""Named design tokens (resources/style/tokens.toml) and WCAG contrast maths; no Qt here."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from companion.platform.paths import resources_dir

_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_GROUPS = ("colour", "font", "size", "space", "radius")

TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("text", "button"),
    ("text", "button_hover"),
    ("text", "button_pressed"),
    ("text", "selection"),
    ("text", "warning_surface"),
    ("text", "missed_surface"),
    ("text", "info_surface"),
    ("text", "today_surface"),
    ("text", "match_surface"),
    ("text_muted", "background"),
    ("text_muted", "surface"),
    ("text_muted", "warning_surface"),
    ("text_muted", "info_surface"),
    ("text_muted", "today_surface"),
    ("error", "background"),
    ("error", "surface"),
    ("error", "warning_surface"),
    ("error", "missed_surface"),
    ("success", "background"),
    ("success", "surface"),
    ("warning_text", "background"),
    ("warning_text", "surface"),
    ("warning_text", "warning_surface"),
    ("on_error", "error"),
    ("on_success", "success"),
)
"""Every (text colour, surface) pair the style sheet puts together: each needs 4.5:1."""

OUTLINE_PAIRS: tuple[tuple[str, str], ...] = (
    ("focus", "background"),
    ("focus", "surface"),
    ("focus", "button"),
    ("focus", "selection"),
    ("focus", "today_surface"),
    ("border", "background"),
    ("border", "surface"),
    ("warning_border", "warning_surface"),
    ("warning_border", "background"),
    ("error_border", "missed_surface"),
)
"""Focus rings and field outlines against what they sit on: each needs 3:1 (WCAG 1.4.11)."""

TEXT_CONTRAST = 4.5
OUTLINE_CONTRAST = 3.0


@dataclass(frozen=True)
class Tokens:
    colour: MappingProxyType[str, str]
    font: MappingProxyType[str, float]
    size: MappingProxyType[str, int]
    space: MappingProxyType[str, int]
    radius: MappingProxyType[str, int]


def tokens_file() -> Path:
    return resources_dir() / "style" / "tokens.toml"


def parse_tokens(raw: dict[str, Any]) -> Tokens:
    """Check and freeze the token tables; a bad token is a clear ValueError."""
    missing = [group for group in _GROUPS if not isinstance(raw.get(group), dict)]
    if missing:
        raise ValueError(f"style tokens lack the table(s): {', '.join(missing)}")
    for name, value in raw["colour"].items():
        if not isinstance(value, str) or not _HEX_COLOUR.match(value):
            raise ValueError(f"colour.{name} must be written #rrggbb, not {value!r}")
    for group in _GROUPS[1:]:
        for name, value in raw[group].items():
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"{group}.{name} must be a positive number, not {value!r}")
    return Tokens(
        colour=MappingProxyType(dict(raw["colour"])),
        font=MappingProxyType({key: float(value) for key, value in raw["font"].items()}),
        size=MappingProxyType({key: int(value) for key, value in raw["size"].items()}),
        space=MappingProxyType({key: int(value) for key, value in raw["space"].items()}),
        radius=MappingProxyType({key: int(value) for key, value in raw["radius"].items()}),
    )


def load_tokens(path: Path | None = None) -> Tokens:
    with (path or tokens_file()).open("rb") as handle:
        return parse_tokens(tomllib.load(handle))


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #rrggbb colour."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[index : index + 2]) for index in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def weak_pairs(tokens: Tokens) -> list[str]:
    """Every pair below its minimum, in words (empty when all pass)."""
    problems = []
    for pairs, minimum in ((TEXT_PAIRS, TEXT_CONTRAST), (OUTLINE_PAIRS, OUTLINE_CONTRAST)):
        for front, back in pairs:
            ratio = contrast_ratio(tokens.colour[front], tokens.colour[back])
            if ratio < minimum:
                problems.append(f"{front} on {back}: {ratio:.2f}:1 (needs {minimum}:1)")
    return problems
