"""The Learn topics: Markdown files with a small header, their links, and search.

A topic file looks like this::

    ---
    title: Surgery
    order: 20
    summary: One sentence saying what the topic covers.
    ---
    ## A heading

    Plain Markdown. [Radiation](30-radiation.md) opens another topic;
    [Pill box](companion:pillbox) opens a part of Companion.

Search positions refer to ``topic_text(topic)``: the title, a blank line, then the
plain text of the body. ``matching_span`` carries a match over to another rendering
of the same text (such as a QTextDocument's plain text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

APP_LINK_SCHEME = "companion"
APP_LINK_TARGETS = frozenset(
    {"today", "pillbox", "medications", "careteam", "settings", "emergency"}
)
HEADER_FIELDS = frozenset({"title", "order", "summary"})
MAX_HITS_PER_TOPIC = 5
MAX_HITS = 50
SNIPPET_LENGTH = 80

_HEADER_LINE = "---"
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto|companion):[^>\s]+)>")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
# Escaped characters hide in a private-use plane while the markup around them is removed.
_PROTECTED = 0xF0000
_PROTECTED_CHAR = re.compile("[\U000f0000-\U000f00ff]")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# Typed and printed forms of the same character: curly quotes, dashes, non-breaking space.
_SAME_AS = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


class ContentError(Exception):
    """A topic file cannot be used; the message names the file and says what is wrong."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"Learn topic {path.name}: {problem}")
        self.path = path


@dataclass(frozen=True)
class Topic:
    """One Learn topic; ``slug`` is the file name without ``.md``."""

    slug: str
    title: str
    order: int
    summary: str
    markdown: str
    links: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.slug}.md"


@dataclass(frozen=True)
class Link:
    """Where a link goes: another topic (by slug), a part of Companion, or somewhere else."""

    kind: Literal["topic", "app", "other"]
    target: str


@dataclass(frozen=True)
class SearchHit:
    """One place a query matches; ``position``/``length`` index into ``topic_text``."""

    slug: str
    title: str
    snippet: str
    position: int
    length: int


def load_topics(folder: Path) -> list[Topic]:
    """Read every ``*.md`` file in ``folder``, sorted by ``order``; raises ContentError."""
    if not folder.is_dir():
        raise ContentError(folder, "the folder of topics is missing.")
    topics: list[Topic] = []
    seen_orders: dict[int, Path] = {}
    for path in sorted(folder.glob("*.md")):
        topic = read_topic(path)
        if topic.order in seen_orders:
            raise ContentError(
                path, f"order {topic.order} is also used by {seen_orders[topic.order].name}."
            )
        seen_orders[topic.order] = path
        topics.append(topic)
    return sorted(topics, key=lambda topic: topic.order)


def read_topic(path: Path) -> Topic:
    """Read one topic file; raises ContentError naming the file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(path, "the file is not UTF-8 text.") from error
    except OSError as error:
        raise ContentError(path, f"the file cannot be read ({error.strerror}).") from error
    header, body = _split_header(path, text)
    title = header.get("title", "")
    if not title:
        raise ContentError(path, "the header has no title.")
    if "order" not in header:
        raise ContentError(path, "the header has no order.")
    try:
        order = int(header["order"])
    except ValueError:
        raise ContentError(
            path, f"the order must be a whole number, not {header['order']!r}."
        ) from None
    if not body.strip():
        raise ContentError(path, "there is no text after the header.")
    return Topic(
        slug=path.stem,
        title=title,
        order=order,
        summary=header.get("summary", ""),
        markdown=body,
        links=tuple(dict.fromkeys(link_targets(body))),
    )


def _split_header(path: Path, text: str) -> tuple[dict[str, str], str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != _HEADER_LINE:
        raise ContentError(path, "the file must start with a header between two '---' lines.")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == _HEADER_LINE)
    except StopIteration:
        raise ContentError(path, "the header has no closing '---' line.") from None
    header: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], 2):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or not key:
            raise ContentError(path, f"header line {number} is not written as 'name: value'.")
        if key not in HEADER_FIELDS:
            known = ", ".join(sorted(HEADER_FIELDS))
            raise ContentError(path, f"header line {number}: unknown field {key!r} ({known}).")
        if key in header:
            raise ContentError(path, f"header line {number}: {key!r} is given twice.")
        header[key] = value.strip()
    return header, "\n".join(lines[end + 1 :]).strip("\n") + "\n"


def link_targets(markdown: str) -> list[str]:
    """The targets of the Markdown links in ``markdown``, in order (images excluded)."""
    return [match.group(2) for match in _LINK.finditer(markdown)] + [
        match.group(1) for match in _AUTOLINK.finditer(markdown)
    ]


def parse_link(href: str) -> Link:
    """Classify a link target: ``30-radiation.md``, ``companion:pillbox``, or other."""
    href = href.strip()
    if href.lower().startswith(f"{APP_LINK_SCHEME}:"):
        return Link("app", href.split(":", 1)[1].strip("/"))
    if _SCHEME.match(href) or href.startswith("//"):
        return Link("other", href)
    path = href.split("#", 1)[0].split("?", 1)[0]
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".md") and len(name) > len(".md"):
        return Link("topic", name[: -len(".md")])
    return Link("other", href)


def broken_links(topics: Iterable[Topic]) -> list[str]:
    """Plain sentences, one per link that goes nowhere Companion can open."""
    topics = list(topics)
    slugs = {topic.slug for topic in topics}
    problems: list[str] = []
    for topic in topics:
        for target in topic.links:
            link = parse_link(target)
            if link.kind == "topic" and link.target not in slugs:
                problems.append(
                    f"{topic.file_name}: the link to {target} goes to a topic that does not exist."
                )
            elif link.kind == "app" and link.target not in APP_LINK_TARGETS:
                known = ", ".join(sorted(APP_LINK_TARGETS))
                problems.append(
                    f"{topic.file_name}: {target} is not a part of Companion (known: {known})."
                )
            elif link.kind == "other":
                problems.append(
                    f"{topic.file_name}: the link to {target} leads outside Companion, "
                    "which does not open outside links."
                )
    return problems


def _inline_text(text: str) -> str:
    text = _ESCAPE.sub(lambda match: chr(_PROTECTED + ord(match.group(1))), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda match: match.group(1) or match.group(2), text)
    text = _TAG.sub("", text)
    text = _PROTECTED_CHAR.sub(lambda match: chr(ord(match.group()) - _PROTECTED), text)
    return re.sub(r"[ \t]+", " ", text).strip()


def plain_text(markdown: str) -> str:
    """The words of ``markdown`` without markup: one line per heading, item or paragraph."""
    blocks: list[str] = []
    paragraph: list[str] = []
    in_fence = False

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(_inline_text(" ".join(paragraph)))
            paragraph.clear()

    for raw in markdown.splitlines():
        if _FENCE.match(raw):
            end_paragraph()
            in_fence = not in_fence
            continue
        if in_fence:
            blocks.append(raw.strip())
            continue
        line = _QUOTE.sub("", raw)
        if not line.strip() or _RULE.match(line):
            end_paragraph()
        elif heading := _HEADING.match(line):
            end_paragraph()
            blocks.append(_inline_text(heading.group(1)))
        elif item := _LIST_ITEM.match(line):
            end_paragraph()
            paragraph.append(item.group(1))
        else:
            paragraph.append(line.strip())
    end_paragraph()
    return "\n".join(block for block in blocks if block)


def topic_text(topic: Topic) -> str:
    """What search looks through: the title, a blank line, then the plain text."""
    return f"{topic.title}\n\n{plain_text(topic.markdown)}"


def _fold(text: str) -> tuple[str, list[int]]:
    """Lower-case, accent-free text with single spaces, and each character's source index."""
    folded: list[str] = []
    source: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if not folded or folded[-1] != " ":
                folded.append(" ")
                source.append(index)
            continue
        for part in unicodedata.normalize("NFKD", char.translate(_SAME_AS)):
            if unicodedata.combining(part):
                continue
            for lower in part.casefold():
                folded.append(lower)
                source.append(index)
    return "".join(folded), source


def _starts(haystack: str, needle: str) -> list[int]:
    """Every index where ``needle`` starts in ``haystack`` (overlaps included)."""
    found: list[int] = []
    start = haystack.find(needle)
    while start >= 0:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _source_span(source: list[int], start: int, length: int) -> tuple[int, int]:
    return source[start], source[start + length - 1] + 1


def snippet(text: str, start: int, end: int, *, width: int = SNIPPET_LENGTH) -> str:
    """Up to about ``width`` characters around ``text[start:end]``, from its own line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    room = max(0, width - (end - start)) // 2
    left = max(line_start, start - room)
    right = min(line_end, end + room)
    if left > line_start:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < line_end:
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    middle = " ".join(text[left:right].split())
    return f"{'…' if left > line_start else ''}{middle}{'…' if right < line_end else ''}"


def search(topics: Sequence[Topic], query: str) -> list[SearchHit]:
    """Places that mention every word of ``query``, ignoring case and accents.

    A topic matches when it contains all the words. Its hits are the places where the
    words appear together as typed, or else the places of its rarest query word.
    Hits come in topic order, then by position; at most MAX_HITS_PER_TOPIC per topic.
    """
    words = _fold(query)[0].split()
    if not words:
        return []
    phrase = " ".join(words)
    hits: list[SearchHit] = []
    for topic in sorted(topics, key=lambda topic: topic.order):
        text = topic_text(topic)
        folded, source = _fold(text)
        if not all(word in folded for word in words):
            continue
        needle = phrase
        starts = _starts(folded, phrase)
        if not starts:
            needle = min(words, key=lambda word: (folded.count(word), -len(word)))
            starts = _starts(folded, needle)
        for start in starts[:MAX_HITS_PER_TOPIC]:
            begin, end = _source_span(source, start, len(needle))
            hits.append(
                SearchHit(
                    slug=topic.slug,
                    title=topic.title,
                    snippet=snippet(text, begin, end),
                    position=begin,
                    length=end - begin,
                )
            )
    return hits[:MAX_HITS]


def matching_span(source: str, position: int, length: int, target: str) -> tuple[int, int] | None:
    """Where ``source[position:position + length]`` falls in ``target``, another rendering
    of the same words; the n-th occurrence in the source maps to the n-th in the target.

    Returns (start, end) indexes into ``target``, or None when it is not there.
    """
    needle = _fold(source[position : position + length])[0].strip()
    if not needle:
        return None
    folded_source, source_index = _fold(source)
    occurrence = sum(
        1 for start in _starts(folded_source, needle) if source_index[start] < position
    )
    folded_target, target_index = _fold(target)
    starts = _starts(folded_target, needle)
    if occurrence >= len(starts):
        return None
    return _source_span(target_index, starts[occurrence], len(needle))
