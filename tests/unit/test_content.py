"""The Learn topics: the real files, their links and search, and clear errors for bad files."""

import dataclasses

import pytest

from companion.core.content import (
    APP_LINK_TARGETS,
    MAX_HITS_PER_TOPIC,
    SNIPPET_LENGTH,
    ContentError,
    Link,
    Topic,
    broken_links,
    load_topics,
    matching_span,
    parse_link,
    plain_text,
    search,
    topic_text,
)
from companion.platform.paths import resources_dir

CONTENT_DIR = resources_dir() / "content"


@pytest.fixture(scope="module")
def topics():
    return load_topics(CONTENT_DIR)


def write_topic(folder, name, *, title="A topic", order=10, summary="What it covers.", body=None):
    header = ["---"]
    if title is not None:
        header.append(f"title: {title}")
    if order is not None:
        header.append(f"order: {order}")
    if summary is not None:
        header.append(f"summary: {summary}")
    header.append("---")
    text = "\n".join(header) + "\n\n" + (body or "## Heading\n\nSome words.\n")
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def make_topic(slug, text, *, title="Topic", order=10):
    return Topic(slug=slug, title=title, order=order, summary="", markdown=text, links=())


# --- the real content ---------------------------------------------------------------------


def test_every_topic_file_parses_with_a_title_and_summary(topics):
    files = sorted(path.stem for path in CONTENT_DIR.glob("*.md"))
    assert len(files) == 9
    assert sorted(topic.slug for topic in topics) == files
    for topic in topics:
        assert topic.title.strip(), topic.slug
        assert topic.summary.strip(), topic.slug
        assert topic.markdown.strip(), topic.slug
        assert not topic.markdown.lstrip().startswith("---"), topic.slug


def test_topics_come_in_their_unique_order(topics):
    orders = [topic.order for topic in topics]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(orders)


def test_the_real_topics_have_no_broken_links(topics):
    assert broken_links(topics) == []
    every_link = {target for topic in topics for target in topic.links}
    assert "30-radiation.md" in every_link
    assert "companion:pillbox" in every_link


def test_the_real_topics_are_written_plainly(topics):
    textstat = pytest.importorskip("textstat")
    for topic in topics:
        grade = textstat.flesch_kincaid_grade(plain_text(topic.markdown))
        assert grade <= 8, f"{topic.file_name} reads at grade {grade}"


def test_search_finds_brachytherapy_in_the_radiation_topic(topics):
    hits = search(topics, "brachytherapy")
    assert [hit.slug for hit in hits] == ["30-radiation"]
    [hit] = hits
    assert hit.title == "Radiation"
    assert "brachytherapy" in hit.snippet
    text = topic_text(topics[[t.slug for t in topics].index("30-radiation")])
    assert text[hit.position : hit.position + hit.length] == "brachytherapy"


def test_search_finds_kit_in_the_targeted_therapy_topic(topics):
    hits = search(topics, "KIT")
    assert hits
    assert hits[0].slug == "50-targeted-therapy"
    assert "KIT" in hits[0].snippet


def test_a_multi_word_query_needs_every_word_in_the_topic(topics):
    assert {hit.slug for hit in search(topics, "blood pressure")} == {"50-targeted-therapy"}
    assert {hit.slug for hit in search(topics, "brachytherapy fatigue")} == {"30-radiation"}
    assert search(topics, "brachytherapy nausea") == []


def test_search_ignores_case_and_extra_spaces(topics):
    assert search(topics, "  BRACHYtherapy ") == search(topics, "brachytherapy")
    assert search(topics, "blood    PRESSURE") == search(topics, "blood pressure")


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_an_empty_query_finds_nothing(topics, query):
    assert search(topics, query) == []


def test_hits_come_in_topic_order_then_by_position_and_are_capped(topics):
    hits = search(topics, "the")
    orders = {topic.slug: topic.order for topic in topics}
    keys = [(orders[hit.slug], hit.position) for hit in hits]
    assert keys == sorted(keys)
    for topic in topics:
        assert sum(hit.slug == topic.slug for hit in hits) <= MAX_HITS_PER_TOPIC


def test_snippets_are_short_plain_one_line_and_hold_the_match(topics):
    for query in ("side effects", "dose", "medicine", "care team"):
        for hit in search(topics, query):
            assert len(hit.snippet) <= SNIPPET_LENGTH + 2
            assert "\n" not in hit.snippet
            assert "**" not in hit.snippet
            assert "](" not in hit.snippet
            assert query.split()[0] in hit.snippet.lower()


# --- search details -------------------------------------------------------------------------


def test_search_ignores_accents_both_ways():
    topics = [make_topic("10-a", "Zoë had a café au lait.\n", title="Drinks")]
    assert [hit.slug for hit in search(topics, "zoe")] == ["10-a"]
    [hit] = search(topics, "CAFE")
    text = topic_text(topics[0])
    assert text[hit.position : hit.position + hit.length] == "café"
    assert search(topics, "Zoë") == search(topics, "ZOE")


def test_search_prefers_the_words_together_then_the_rarest_word():
    text = "Pill box tips.\n\nA box for pills. Travel with your pill box.\n"
    topic = make_topic("10-a", text)
    hits = search([topic], "pill box")
    full = topic_text(topic)
    assert [full[h.position : h.position + h.length].lower() for h in hits] == ["pill box"] * 2
    [hit] = search([topic], "box travel")
    assert full[hit.position : hit.position + hit.length] == "Travel"


def test_the_title_is_searched_too():
    topic = make_topic("10-a", "Nothing here.\n", title="Radiation")
    [hit] = search([topic], "radiation")
    assert hit.position == 0 and hit.snippet == "Radiation"


def test_plain_text_strips_markup_but_keeps_the_words():
    markdown = (
        "## A heading\n\nSome **bold** and *soft* words, see [Radiation](30-radiation.md)\n"
        "and [the pill box](companion:pillbox).\n\n- first item\n- second `item`\n\n"
        "1. numbered\n\n> quoted \\*star\\*\n"
    )
    assert plain_text(markdown) == (
        "A heading\nSome bold and soft words, see Radiation and the pill box.\n"
        "first item\nsecond item\nnumbered\nquoted *star*"
    )


def test_plain_text_keeps_snake_case_and_lone_stars():
    assert plain_text("file_name_here and 2 * 3 * 4\n") == "file_name_here and 2 * 3 * 4"


def test_a_match_is_found_again_in_another_rendering_of_the_text():
    source = "Title\n\nThe dose. Another dose here.\nLast dose."
    rendered = "Title\nThe dose.\u2029Another  DOSE here.\nLast dose."
    second = source.index("dose", source.index("Another"))
    start, end = matching_span(source, second, 4, rendered)
    assert rendered[start:end] == "DOSE"
    assert matching_span(source, second, 4, "no such word") is None


# --- links ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("30-radiation.md", Link("topic", "30-radiation")),
        ("./30-radiation.md#side-effects", Link("topic", "30-radiation")),
        ("companion:pillbox", Link("app", "pillbox")),
        ("https://example.org/x.md", Link("other", "https://example.org/x.md")),
        ("mailto:someone@example.org", Link("other", "mailto:someone@example.org")),
        ("notes.txt", Link("other", "notes.txt")),
    ],
)
def test_links_are_told_apart(href, expected):
    assert parse_link(href) == expected


def test_broken_links_are_named_in_plain_words():
    topic = make_topic(
        "10-a",
        "[ok](20-b.md) [gone](35-missing.md) [app](companion:today) [odd](companion:nowhere) "
        "[web](https://example.org) ![picture](image.png)\n",
    )
    other = make_topic("20-b", "Words.\n", order=20)
    from companion.core.content import link_targets

    topic = dataclasses.replace(topic, links=tuple(link_targets(topic.markdown)))
    problems = broken_links([topic, other])
    assert len(problems) == 3
    assert all(problem.startswith("10-a.md: ") for problem in problems)
    assert any("35-missing.md" in problem for problem in problems)
    assert any("companion:nowhere" in problem for problem in problems)
    assert any("https://example.org" in problem for problem in problems)
    assert "image.png" not in " ".join(problems)


def test_the_app_link_targets_are_the_pages_and_emergency_help():
    assert {"today", "pillbox", "medications", "careteam", "settings", "emergency"} == (
        APP_LINK_TARGETS
    )


# --- loading errors -------------------------------------------------------------------------


def test_a_good_file_loads(tmp_path):
    write_topic(tmp_path, "20-b.md", title="Second", order=20, body="See [first](10-a.md).\n")
    write_topic(tmp_path, "10-a.md", title="First", order=10)
    first, second = load_topics(tmp_path)
    assert (first.slug, first.title, first.order) == ("10-a", "First", 10)
    assert first.summary == "What it covers."
    assert second.links == ("10-a.md",)
    assert second.markdown == "See [first](10-a.md).\n"
    assert broken_links([first, second]) == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.title = "Changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("title: No header lines\n\nWords.\n", "must start with a header"),
        ("", "must start with a header"),
        ("---\ntitle: Never closed\norder: 10\n\nWords.\n", "no closing"),
        ("---\norder: 10\n---\nWords.\n", "no title"),
        ("---\ntitle:   \norder: 10\n---\nWords.\n", "no title"),
        ("---\ntitle: T\n---\nWords.\n", "no order"),
        ("---\ntitle: T\norder: ten\n---\nWords.\n", "whole number"),
        ("---\ntitle: T\norder: 10\njust words\n---\nWords.\n", "name: value"),
        ("---\ntitle: T\norder: 10\nsumary: typo\n---\nWords.\n", "unknown field 'sumary'"),
        ("---\ntitle: T\ntitle: U\norder: 10\n---\nWords.\n", "given twice"),
        ("---\ntitle: T\norder: 10\n---\n\n   \n", "no text after the header"),
    ],
)
def test_a_bad_file_gives_a_plain_error_naming_it(tmp_path, text, problem):
    (tmp_path / "42-broken.md").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=problem) as error:
        load_topics(tmp_path)
    assert "42-broken.md" in str(error.value)
    assert error.value.path == tmp_path / "42-broken.md"


def test_a_duplicate_order_names_both_files(tmp_path):
    write_topic(tmp_path, "10-a.md", order=10)
    write_topic(tmp_path, "11-b.md", order=10)
    with pytest.raises(ContentError, match=r"11-b\.md: order 10 is also used by 10-a\.md"):
        load_topics(tmp_path)


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    (tmp_path / "10-a.md").write_bytes(b"---\ntitle: Caf\xe9\norder: 1\n---\nWords.\n")
    with pytest.raises(ContentError, match=r"10-a\.md: the file is not UTF-8"):
        load_topics(tmp_path)


def test_a_missing_folder_is_a_content_error(tmp_path):
    with pytest.raises(ContentError, match="missing"):
        load_topics(tmp_path / "nowhere")


def test_a_byte_order_mark_and_windows_line_endings_are_fine(tmp_path):
    (tmp_path / "10-a.md").write_bytes(
        "\ufeff---\r\ntitle: Windows\r\norder: 1\r\n---\r\n\r\nWords.\r\n".encode()
    )
    [topic] = load_topics(tmp_path)
    assert topic.title == "Windows"
    assert topic.markdown == "Words.\n"
