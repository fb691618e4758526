"""Codings re-derived from the Council's own words (``mandates.csv``).

The written rules, applied to the Annex's "Security Council decision and mandate" text:

- **authorization**: ``authorized`` if the decision uses the Council's verb of
  authorization ("authorizes", "decides to authorize", or renews or extends an
  authorization); otherwise ``recognized`` (it only welcomes, notes, commends, calls
  upon, requests, supports, expresses appreciation...). A mere mention of an earlier
  authorization ("authorized by", "the authorization") does not count.
- **chapter_vii**: ``true`` if the text invokes Chapter VII ("Acting under Chapter VII",
  "under Chapter VII of the Charter"); Chapter VIII does not count.

The hand coding in ``parallel_forces.csv`` is compared with the rule; every
disagreement is listed with its reason on the About-the-data page.
"""

from __future__ import annotations

import re

import pandas as pd

AUTHORIZE = re.compile(
    r"\bauthori[sz]es\b"  # "Authorizes the Member States..."
    r"|\bdecides to authori[sz]e\b"  # "Decides to authorize..."
    r"|\b(renews|extends|renew|extend)\s+(the\s+|its\s+)?authori[sz]ation\b",
    re.IGNORECASE,
)
CHAPTER_VII = re.compile(r"\bChapter\s+VII\b(?!I)")

#: Known, reasoned exceptions: id -> (column, why the hand coding differs from the rule).
EXCEPTIONS: dict[str, tuple[str, str]] = {}


def rule_authorization(text: str) -> str:
    """``authorized`` if the words authorize, else ``recognized``."""
    return "authorized" if AUTHORIZE.search(text or "") else "recognized"


def rule_chapter_vii(text: str) -> bool:
    """True if the words invoke Chapter VII (not VIII)."""
    return bool(CHAPTER_VII.search(text or ""))


def evidence(text: str, pattern: re.Pattern) -> str:
    """The first sentence of ``text`` matching ``pattern`` (the rule's evidence), or ''."""
    for sentence in re.split(r"(?<=[.;])\s+", text or ""):
        if pattern.search(sentence):
            return sentence.strip()
    return ""


def compare(forces: pd.DataFrame, mandates: pd.DataFrame) -> pd.DataFrame:
    """Rule versus hand coding, one row per force and column compared."""
    words = mandates.set_index("id")["decision_text"]
    rows = []
    for rec in forces.itertuples():
        text = words.get(rec.id, "")
        for column, rule, hand, pattern in [
            ("authorization", rule_authorization(text), str(rec.authorization), AUTHORIZE),
            ("chapter_vii", rule_chapter_vii(text), bool(rec.chapter_vii), CHAPTER_VII),
        ]:
            exc = EXCEPTIONS.get(rec.id)
            rows.append(
                {
                    "id": rec.id,
                    "force": rec.label,
                    "column": column,
                    "rule": rule,
                    "hand": hand,
                    "agree": rule == hand,
                    "evidence": evidence(text, pattern),
                    "reason": exc[1] if exc and exc[0] == column else "",
                }
            )
    return pd.DataFrame(rows)


def disagreements(forces: pd.DataFrame, mandates: pd.DataFrame) -> pd.DataFrame:
    comp = compare(forces, mandates)
    return comp[~comp["agree"]].reset_index(drop=True)
