"""The Learn content: every fact of the handout, in plain words of our own."""

import re
from pathlib import Path

import pytest
import textstat

from companion.core.content import load_topics, plain_text
from companion.platform.paths import resources_dir

HANDOUT = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_c433d0715ba16e5d.txt"
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
