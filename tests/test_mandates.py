"""The Council's words: verbatim against the seed, and the coding rules re-derived from them."""

from __future__ import annotations

import re

import pytest

import parallel_forces as pf
from parallel_forces import coding

ANNEX_FIRST_LINE = 2032  # the Annex starts here (1-based); the body's text does not count

#: Where the extraction interrupts a sentence (a page break, or another cell's fragment
#: fused into the line), the words just before each interruption. Nothing else may differ.
BREAKS = {
    "operation-turquoise": ["in order to achieve"],
    "operation-united-shield": ["provide assistance in the", "UNSOM II military forces and assets,"],
    "ecomog-sierra-leone": [
        "Economic Community of West African States",
        "on the important role they are",
        "objectives related to the restoration",
        "set by ECOWAS for its Military",
    ],
    "isf": [
        "full support for the",
        "deployment of",
        "New Zealand and Malaysia in response",
        "provide assistance to UNMIT for the",
    ],
    "eufor-chad-car": ["all necessary measures, within its"],
    "mnf-iraq": [
        "force under unified command",
        "stability in Iraq, including for the",
        "ensuring necessary conditions for the",
        "implementation of the",
    ],
    "amisom": ["(e) To protect its"],
    "eupol-afghanistan": [
        "European Union to establish a",
        "to assist and enhance current efforts",
        "at central and provincial levels, and",
    ],
    "afisma": ["while taking appropriate"],
    "operation-sangaris": ["capabilities and the steps being"],
    "eutm-mali": ["calls upon the EU, notably its"],
}


def norm(text: str) -> str:
    """Whitespace collapsed; hyphens between letters dropped (the extraction lost
    line-break hyphens, the transcription restored real ones: both compare equal)."""
    text = re.sub(r"(?<=[A-Za-z])-\s*(?=[A-Za-z])", "", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def annex(seed_text) -> str:
    lines = seed_text("ipi-2019").split("\n")
    return norm("\n".join(lines[ANNEX_FIRST_LINE - 1 :]))


def sentences(text: str):
    for para in (p for p in text.split("\n\n") if p.strip()):
        for s in re.split(r"(?<=[.;:])\s+", para):
            if s.strip():
                yield norm(s)


def split_at(sentence: str, markers: list[str]) -> list[str] | None:
    """Cut a sentence after each marker that occurs in it, in order."""
    pieces, rest = [], sentence
    for m in markers:
        m = norm(m)
        i = rest.find(m)
        if i >= 0:
            pieces.append(rest[: i + len(m)].strip())
            rest = rest[i + len(m) :]
    pieces.append(rest.strip())
    return [p for p in pieces if p]


MANDATES = pf.load_mandates()


@pytest.mark.parametrize("fid", list(MANDATES["id"]))
def test_decision_text_is_verbatim(annex, fid):
    text = MANDATES.set_index("id").loc[fid, "decision_text"]
    assert text.strip(), f"{fid}: empty decision text"
    used = set()
    for s in sentences(text):
        if s in annex:
            continue
        markers = BREAKS.get(fid, [])
        pieces = split_at(s, markers)
        missing = [p for p in pieces if p not in annex]
        assert not missing, f"{fid}: not found in the Annex: {missing}"
        used.update(m for m in markers if norm(m) in s)
    unused = [m for m in BREAKS.get(fid, []) if m not in used]
    assert not unused, f"{fid}: listed interruptions that no sentence needs: {unused}"


def test_breaks_only_for_known_forces():
    assert set(BREAKS) <= set(MANDATES["id"])


def test_every_force_has_its_words():
    forces = pf.load_forces()
    assert list(MANDATES["id"]) == list(forces["id"])


# --- the rule -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Authorizes the Member States to use all necessary means.", "authorized"),
        ("Acting under Chapter VII, authorizes the Secretary-General and Member States...", "authorized"),
        ("Decides to authorize the deployment of MISCA.", "authorized"),
        ("Decides to renew the authorization given to the French forces.", "authorized"),
        ("Welcomes the deployment of EUTM in Mali.", "recognized"),
        ("Commends ECOWAS and ECOMOG for their role.", "recognized"),
        ("Calls upon States to take all measures necessary to provide assistance to UNPROFOR.", "recognized"),
        ("Expresses its appreciation for the deployment of international security forces.", "recognized"),
        ("Notes that the force was authorized by the African Union.", "recognized"),
        ("Recalls the authorization of the force.", "recognized"),
        ("", "recognized"),
    ],
)
def test_rule_authorization(text, expected):
    assert coding.rule_authorization(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Acting under Chapter VII of the Charter, authorizes...", True),
        ("under Chapter VII", True),
        ("in accordance with Chapter VIII of the Charter", False),
        ("Chapter VIIIbis", False),
        ("No chapter named.", False),
    ],
)
def test_rule_chapter_vii(text, expected):
    assert coding.rule_chapter_vii(text) is expected


def test_rule_and_hand_coding_agree_or_are_explained():
    """Every disagreement between the rule and parallel_forces.csv has a written reason."""
    dis = coding.disagreements(pf.load_forces(), MANDATES)
    unexplained = dis[dis["reason"] == ""]
    assert unexplained.empty, unexplained[["id", "column", "rule", "hand", "evidence"]].to_string()


def test_compare_reports_a_disagreement():
    forces = pf.load_forces()
    flipped = forces.copy()
    i = flipped.index[flipped["id"] == "unitaf"][0]
    flipped.loc[i, "chapter_vii"] = False
    dis = coding.disagreements(flipped, MANDATES)
    assert list(dis["id"]) == ["unitaf"] and list(dis["column"]) == ["chapter_vii"]
    assert "Chapter VII" in dis["evidence"].iloc[0]
