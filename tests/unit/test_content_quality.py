"""The Learn content: every fact of the handout, in plain words of our own."""

import re
from pathlib import Path

import pytest
import textstat

from companion.core.content import load_topics, plain_text
from companion.core.filling_guide import TRAVEL_TIP
from companion.platform.paths import resources_dir

HANDOUT_NAME = Path("shared", "seeds", "000_c433d0715ba16e5d.txt")
# Beside the checkout (/work/main) or a worktree of it (/work/wt/NAME): the nearest one up.
HANDOUT = next(
    (
        folder / HANDOUT_NAME
        for folder in Path(__file__).resolve().parents
        if (folder / HANDOUT_NAME).is_file()
    ),
    Path(__file__).resolve().parents[3] / HANDOUT_NAME,
)
MAX_GRADE = 8.0

# One or more phrasings for each fact of the handout that a reader must find.
FACTS = {
    "most often in the legs or arms": ["legs or arms", "arms or legs"],
    "margins": ["margin"],
    "wide local excision, 1 to 2 cm": ["1 to 2 cm"],
    "Mohs surgery": ["mohs"],
    "limb-sparing surgery": ["limb-sparing"],
    "amputation": ["amputation"],
    "phantom sensations": ["phantom"],
    "external beam": ["external-beam", "external beam"],
    "5 days a week": ["5 days"],
    "fractionated": ["fractionated"],
    "IMRT": ["imrt"],
    "3D-CRT": ["3d-crt"],
    "proton beam": ["proton"],
    "brachytherapy": ["brachytherapy"],
    "systemic chemotherapy": ["systemic"],
    "infertility": ["infertil"],
    "transfusions of red cells and platelets": ["platelets"],
    "antibiotics": ["antibiotic"],
    "GIST": ["gastrointestinal stromal tumor"],
    "KIT": ["kit"],
    "high blood pressure": ["blood pressure"],
    "physical therapy after limb loss": ["physical therapy"],
    "pill box by weekday": ["pill box"],
    "carry-on bag and extra pills": ["carry-on"],
    "financial help": ["pay for", "afford"],
    "clinical trials": ["research stud", "clinical trial"],
    "call 911": ["911"],
    "pharmacist": ["pharmacist"],
    "the source": ["fremont", "san leandro"],
    "related tool": ["prepare for your procedure"],
}


@pytest.fixture(scope="module")
def topics():
    return load_topics(resources_dir() / "content")


@pytest.fixture(scope="module")
def all_text(topics):
    return "\n".join(plain_text(topic.markdown) for topic in topics)


def test_each_topic_reads_at_grade_8_or_lower(topics):
    grades = {
        topic.slug: textstat.flesch_kincaid_grade(plain_text(topic.markdown)) for topic in topics
    }
    assert {slug: grade for slug, grade in grades.items() if grade > MAX_GRADE} == {}


def test_all_the_content_together_reads_at_grade_8_or_lower(all_text):
    assert textstat.flesch_kincaid_grade(all_text) <= MAX_GRADE


@pytest.mark.parametrize(("fact", "phrasings"), FACTS.items())
def test_every_fact_of_the_handout_is_there(all_text, fact, phrasings):
    lowered = all_text.lower()
    assert any(phrase in lowered for phrase in phrasings), fact


def test_no_dose_or_drug_is_recommended(all_text):
    assert not re.search(r"\b\d+(\.\d+)?\s*(mg|mcg|ml|units?)\b", all_text, re.IGNORECASE)
    sentences = re.split(r"(?<=[.!?])\s+", all_text.lower())
    doubles = [sentence for sentence in sentences if "double" in sentence]
    assert all(re.search(r"\b(never|not|don't|do not)\b", sentence) for sentence in doubles)


def words(text):
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


@pytest.mark.skipif(not HANDOUT.is_file(), reason="the source handout is not beside this checkout")
def test_no_sentence_of_the_handout_is_copied(all_text):
    handout = words(HANDOUT.read_text(encoding="utf-8"))
    ours = words(all_text)
    size = 8
    handout_runs = {tuple(handout[i : i + size]) for i in range(len(handout) - size + 1)}
    copied = [
        " ".join(ours[i : i + size])
        for i in range(len(ours) - size + 1)
        if tuple(ours[i : i + size]) in handout_runs
    ]
    assert copied == []


# --- claims no stronger or weaker than the handout's, and only what Companion does ---------


def topic_words(topics, slug):
    [topic] = [topic for topic in topics if topic.slug == slug]
    return " ".join(plain_text(topic.markdown).lower().split())


@pytest.mark.parametrize(
    ("slug", "overstated", "as_strong_as_the_handout"),
    [
        # "Treatment may also be needed after surgery to kill any remaining cancer cells."
        (
            "20-surgery",
            "kills any cancer cells that are still there",
            "some people may also need more treatment after surgery",
        ),
        # "Temporary or permanent loss of function where the tumor was removed"
        (
            "20-surgery",
            "losing the use of the body part",
            "the area where the tumor was taken out may not work as well as it did",
        ),
        # "This would result in chronic pain or a limb that does not function properly."
        ("20-surgery", "could leave you with", "would leave you with chronic pain"),
        # "We have effective methods for preventing and managing chemotherapy side effects."
        ("40-chemotherapy", "good ways", "ways that work well to prevent"),
        # "Targeted therapy is also an option for a specific type of soft-tissue sarcoma."
        ("10-what-is-sarcoma", "one special type", "targeted therapy can also be a choice"),
    ],
)
def test_learn_says_what_the_handout_says_no_more_no_less(
    topics, slug, overstated, as_strong_as_the_handout
):
    words = topic_words(topics, slug)
    assert overstated not in words
    assert as_strong_as_the_handout in words


def test_taking_your_medicine_promises_only_what_companion_does(topics):
    words = topic_words(topics, "70-taking-your-medicine")
    assert "travel note" not in words  # the travel tip is in the filling guide
    assert "guide for filling your pill box for the coming week, with this travel tip" in words
    assert "carry-on" in TRAVEL_TIP  # …and the guide really carries it
    assert "caregiver set-up" not in words  # nothing reminds the helper
    assert "companion does not send reminders to them" in words
    assert "alarms ring only while companion is running" in words
    assert "no alarm can ring" in words


def test_the_back_pain_questions_are_described_as_the_app_asks_them(topics):
    words = topic_words(topics, "90-emergencies-and-about")
    assert "companion also has a back pain program" not in words  # it has none
    assert "if you have back pain now" in words
    assert "along with any of these" in words
    assert "might be affecting your back pain" in words
    assert "every topic in learn stays open" in words
