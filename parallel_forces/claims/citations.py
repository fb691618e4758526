"""The checks on one force's cells, on the Council's words the Annex quotes and on the
citations of Council decisions (a footnote's "Resolution 1271 (October 22, 1999)").
Registered like those of :mod:`parallel_forces.claims.checks`.
"""

from __future__ import annotations

import re

import pandas as pd

from .. import formatting as fmt
from .vocabulary import _dissent, _items, check, select


@check
def row(ctx, force, expect):
    """One force's cells against what the sentence says: ``expect`` maps a field to a
    value (``start``, ``end``, ``lead``, ``countries``, ``un_operations``, ``actor_type``,
    ``mandate_types``, ``authorization``, ``vote``, ``instrument``, ``months``,
    ``decision_words``)."""
    r = ctx.row(force)
    found, ok = [], True
    for field, want in expect.items():
        have, good = _field(r, field, want)
        found.append(f"{field.replace('_', ' ')}: {have}")
        ok &= good
    return bool(ok), f"{r['label']}: " + "; ".join(found) + ".", [force]


def _field(r: pd.Series, field: str, want):
    """(what the row has, in words; does it match ``want``)."""
    if field == "start":
        return fmt.month(r["start"]), str(r["start"]) == want
    if field == "end":
        if r["ongoing"]:
            return "no end month (still deployed)", want is None
        return fmt.month(r["end"]), str(r["end"]) == want or str(r["end"].year) == str(want)
    if field == "start_year":
        return str(r["start_year"]), r["start_year"] == want
    if field == "months":  # [low, high]
        return fmt.plural(int(r["duration_months"]), "month"), want[0] <= r["duration_months"] <= want[1]
    if field in ("lead", "countries", "mandate_types"):
        return fmt.cell_list(r[field]), all(w in _items(r[field]) for w in ([want] if isinstance(want, str) else want))
    if field == "un_operations":
        return r[field], all(w in _items(r[field], "/") for w in ([want] if isinstance(want, str) else want))
    if field in ("actor_type", "authorization"):
        return str(r[field]), str(r[field]) == want
    if field == "vote":
        return fmt.vote(r["vote"]), (_dissent(r["vote"]) is True) if want == "split" else r["vote"] == want
    if field == "instrument":  # "Resolution 1484 (2003-05-30)" or "Resolution 1484"
        cells = _items(r["sc_instruments"]) + re.findall(
            r"Resolution \d+ \(\d{4}-\d\d-\d\d\)", r["un_operation_instruments"]
        )
        text = " ".join(cells) + " " + r["decision_text"]
        name, _, day = want.partition(" (")
        hit = bool(re.search(rf"\b{re.escape(name)}\b", text))
        if day:
            hit = hit and (
                day.rstrip(")") in text
                or (
                    name == _items(r["sc_instruments"])[0].split(" (")[0]
                    and str(r["sc_first_date"].date()) == day.rstrip(")")
                )
            )
        first = _items(r["sc_instruments"])[0] if r["sc_instruments"] else "none"
        return f"{first} ({fmt.date(r['sc_first_date'])})", hit
    if field == "decision_words":
        return (
            "the Council's words name " + fmt.names(w for w in want if w in r["decision_text"])
            if any(w in r["decision_text"] for w in want)
            else "none of them in the Council's words",
            all(w in r["decision_text"] for w in want),
        )
    raise KeyError(f"claims: the row check knows no field {field!r}.")


@check
def decision_words(ctx, force, present=(), absent=()):
    """The Council's words the Annex quotes for ``force`` contain every word of
    ``present`` and none of ``absent`` (whole words; the Annex quotes excerpts)."""
    r = ctx.row(force)
    text = r["decision_text"]
    has = [w for w in list(present) + list(absent) if re.search(rf"\b{re.escape(w)}\b", text)]
    missing = [w for w in present if w not in has]
    found = [w for w in absent if w in has]
    first = _items(r["sc_instruments"])[0] if r["sc_instruments"] else "no Council instrument"
    parts = []
    if present:
        parts.append(f"name {fmt.names(present)}" if not missing else f"do not name {fmt.names(missing)}")
    if absent:
        words = list(absent)
        listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
        parts.append(f"name {fmt.names(found)}" if found else f"name none of {listed}")
    return (
        not missing and not found,
        f"{r['label']} ({first}, {fmt.date(r['sc_first_date'])}): the quoted words " + "; ".join(parts) + ".",
        [force],
    )


@check
def abstained(ctx, force, states):
    """The Council was divided on the force's first resolution (a vote against or an
    abstention) and each of ``states`` abstained on it (the Annex's abstainers cell).
    None when the Annex gives no vote."""
    r = ctx.row(force)
    have = _items(r["abstainers"])
    missing = [s for s in states if s not in have]
    split = _dissent(r["vote"])
    first = _items(r["sc_instruments"])[0] if r["sc_instruments"] else "no instrument"
    adopted = f"adopted {fmt.vote(r['vote'])}" if r["vote"] else "no vote given in the Annex"
    text = f"{r['label']}: {first} ({fmt.date(r['sc_first_date'])}), {adopted}; abstaining: {fmt.names(have)}."
    if missing:
        text += f" Not among the abstainers: {fmt.names(missing)}."
    return (None if split is None else (split and not missing)), text, [force]


@check
def un_decision(ctx, force, month, operation=None):
    """The Annex dates a Council decision on the UN operation beside ``force`` in ``month``
    ("YYYY-MM"; its UN-operation cell), and, if ``operation`` is given, that operation is
    among the force's UN operations. (The ``row`` check's ``instrument`` field shows the
    force's own first instrument, not the UN operation's.)"""
    r = ctx.row(force)
    quoted = re.findall(r"([^;]+?) \((\d{4}-\d{2}-\d{2})\)", r["un_operation_instruments"])
    hit = [name for name, day in quoted if day.startswith(month)]
    ok_op = operation is None or operation in _items(r["un_operations"], "/")
    text = (
        f"{r['label']} ran beside {r['un_operations'].replace('/', ' and ')}; the Annex dates the decisions "
        f"on its UN operations: {fmt.names(f'{n} ({fmt.date(d)})' for n, d in quoted)}."
    )
    if not hit:
        text += f" None is of {fmt.month(month)}."
    if not ok_op:
        text += f" {operation} is not among its UN operations."
    return bool(hit) and ok_op, text, [force]


def _citations(r: pd.Series) -> list[tuple[str, str | None, str]]:
    """The Council decisions a row cites, as (name, day or None, kind): the force's own
    instruments (the Annex dates only the first, ``sc_first_date``), then those quoted in
    its UN-operation cell (kind "un")."""
    out = []
    for k, name in enumerate(_items(r["sc_instruments"])):
        day = str(r["sc_first_date"].date()) if k == 0 and not pd.isna(r["sc_first_date"]) else None
        out.append((name.strip(), day, "own"))
    for name, day in re.findall(r"([^;]+?) \((\d{4}-\d{2}-\d{2})\)", r["un_operation_instruments"]):
        out.append((name.strip(), day, "un"))
    return out


def _un_operation_decision(r: pd.Series, operation: str):
    """(name, day) of the decision the row's UN-operation cell gives for ``operation``,
    matched by position ("UNAMET/UNTAET" against two quoted decisions); None when the cell
    does not name it or the positions do not match."""
    ops = _items(r["un_operations"], "/")
    quoted = re.findall(r"([^;]+?) \((\d{4}-\d{2}-\d{2})\)", r["un_operation_instruments"])
    if operation not in ops or len(ops) != len(quoted):
        return None
    name, day = quoted[ops.index(operation)]
    return name.strip(), day


@check
def cited(ctx, instrument, day=None, force=None, operation=None):
    """A citation of a Council decision against the Annex: the Annex cites ``instrument``
    ("Resolution 1271") for ``force`` (for any force if none is given), as the decision on
    the force's UN ``operation`` if one is given (its UN-operation cell, matched by
    position), and dates it ``day`` ("YYYY-MM-DD") if one is given. The Annex dates a
    force's first instrument and the decisions on its UN operations; None when a day is
    asked and the Annex cites the instrument without one."""
    where = f" for {ctx.row(force)['label']}" if force else ""
    hits = [
        (r["id"], d, kind)
        for _, r in ctx.forces.iterrows()
        for n, d, kind in _citations(r)
        if n == instrument and (force is None or r["id"] == force)
    ]
    texts = []
    if operation:
        r = ctx.row(force)
        given = _un_operation_decision(r, operation)
        if given is None:
            return None, f"The Annex dates no decision on {operation} beside {r['label']}.", [force]
        holds = given[0] == instrument and (day is None or given[1] == day)
        texts.append(
            f"The Annex gives the decision on {operation}, beside {r['label']}, as {given[0]} ({fmt.date(given[1])})."
        )
    if hits:
        days = sorted({d for _, d, _ in hits if d})
        texts.append(
            f"The Annex cites {instrument}{where}"
            + (f", dated {fmt.names(fmt.date(d) for d in days)}." if days else ", without a date.")
        )
        if not operation:
            holds = True if day is None else (day in days if days else None)
    else:
        anywhere = any(n == instrument for _, r in ctx.forces.iterrows() for n, _, _ in _citations(r))
        texts.append(
            f"The Annex cites no {instrument}{where}" + ("." if anywhere or not force else ", nor for any other force.")
        )
        if not operation:
            holds = False
    if day and not (hits and day in {d for _, d, _ in hits}):
        same = sorted(
            {
                (n, r["label"])
                for _, r in ctx.forces.iterrows()
                for n, d, _ in _citations(r)
                if d == day and n != instrument
            }
        )
        if same:
            by = {}
            for n, label in same:
                by.setdefault(n, []).append(label)
            texts.append(
                f"{fmt.date(day)} is the Annex's date for "
                + fmt.names(f"{n} (cited for {fmt.names(v)})" for n, v in by.items())
                + "."
            )
        else:
            texts.append(f"The Annex dates no decision {fmt.date(day)}.")
    ids = [force] if force else list(dict.fromkeys(i for i, _, _ in hits))
    return holds, " ".join(texts), ids


def _phrases(words) -> str:
    quoted = [f"“{w}”" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


@check
def words_each(ctx, words, ids=None, where=None, what="named forces"):
    """Each force (``ids``, or those meeting ``where``) has one of ``words`` (whole words
    or phrases, in any case) in the Council's words the Annex quotes for it. The Annex
    quotes excerpts, so an excerpt without them does not show the contrary: the result is
    then None (the data cannot decide), never False."""
    sel = select(ctx, where) if ids is None else ctx.forces.set_index("id").loc[list(ids)].reset_index()

    def has(text):
        return any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in words)

    yes = [i for i, t in zip(sel["id"], sel["decision_text"]) if has(t)]
    silent = [i for i in sel["id"] if i not in yes]
    text = (
        f"{len(yes)} of {len(sel)} {what} have {_phrases(words)} in the Council's words the Annex "
        f"quotes: {ctx.names(yes)}."
    )
    if silent:
        text += f" The quoted words of {ctx.names(silent)} have none of them (the Annex quotes excerpts)."
    return (None if silent else True), text, list(sel["id"])
