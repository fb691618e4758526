"""The checks that count, compare and order forces. Each is a function
``(ctx, **params) -> (holds, result, ids)`` registered under its name, which a claim's
readings in ``data/claims.yaml`` give with their parameters. ``holds`` is True, False or
None (the data cannot decide); ``result`` is one sentence with the numbers; ``ids`` are
the forces behind it. Checks on the Council's words and citations are in
:mod:`parallel_forces.claims.citations`.
"""

from __future__ import annotations

import re

import pandas as pd

from .. import analysis, reference
from .. import formatting as fmt
from .citations import _citations, _un_operation_decision
from .vocabulary import CHECKS, _bound, _compare, _items, _month, check, select


@check
def count(ctx, where=None, exclude=None, op=">", value=0, what="forces"):
    """How many forces meet ``where``, against a bound."""
    sel = select(ctx, where, exclude)
    n = len(sel)
    return _compare(n, op, value), f"{n} {what} ({_bound(op, value)} needed): {ctx.names(sel['id'])}.", list(sel["id"])


@check
def share(ctx, where=None, among=None, op=">", value=0.5, what="forces", any_of=None):
    """The share of the forces meeting ``among`` that also meet ``where`` (or, with
    ``any_of``, at least one of several ``where`` mappings: an "or" of conditions)."""
    base = select(ctx, among)
    ids = set().union(*(select(ctx, w)["id"] for w in any_of)) if any_of else set(select(ctx, where)["id"])
    hit = base[base["id"].isin(ids)]
    s = len(hit) / len(base) if len(base) else float("nan")
    return (
        _compare(s, op, value),
        f"{len(hit)} of {len(base)} {what} ({fmt.pct(s)}; {_bound(op, value, share=True)} needed): "
        f"{ctx.names(hit['id'])}.",
        list(hit["id"]),
    )


@check
def trend(ctx, where, split, among=None, measure="share", direction="up"):
    """Forces meeting ``where`` from the month ``split`` on against before it, as a share
    of the forces started in each period (or as a count)."""
    base = select(ctx, among)
    later = base["start"] >= _month(ctx, split)
    hit = base["id"].isin(select(ctx, where)["id"])
    n1, n0 = int(hit[later].sum()), int(hit[~later].sum())
    s1 = n1 / later.sum() if later.any() else float("nan")
    s0 = n0 / (~later).sum() if (~later).any() else float("nan")
    a, b = (s1, s0) if measure == "share" else (n1, n0)
    holds = bool(a > b) if direction == "up" else bool(a < b)
    since = fmt.month(_month(ctx, split))
    return (
        holds,
        f"from {since} on: {n1} of {int(later.sum())} forces started ({fmt.pct(s1)}); before: "
        f"{n0} of {int((~later).sum())} ({fmt.pct(s0)}).",
        list(base.loc[hit, "id"]),
    )


@check
def listed(ctx, where, ids, mode="equals", exclude=None):
    """The forces meeting ``where`` against the forces a sentence names: ``equals`` (the
    list is complete), ``includes`` (each named force meets it: examples), ``first``
    (the named force is the earliest by ``order``)."""
    sel = select(ctx, where, exclude)
    found, named = set(sel["id"]), set(ids)
    missing, others = sorted(named - found), sorted(found - named)
    holds = not missing and (mode == "includes" or not others)
    text = f"{len(found)} forces meet the sentence's terms: {ctx.names(sel['id'])}."
    if missing:
        text += f" Named but not meeting them: {ctx.names(missing)}."
    if others and mode == "equals":
        text += f" Meeting them but not named: {ctx.names(others)}."
    return holds, text, sorted(found | named)


@check
def earliest(ctx, ids, order="sc_first_date", where=None):
    """The earliest force (by first Council decision or by start) is one of ``ids``."""
    sel = select(ctx, where).sort_values([order, "id"])
    first = sel.iloc[0]
    when = fmt.date(first[order]) if order == "sc_first_date" else fmt.month(first[order])
    by = "first Council decision" if order == "sc_first_date" else "deployment"
    return bool(first["id"] in ids), f"The earliest by {by} is {first['label']} ({when}).", [first["id"]]


@check
def each(ctx, ids, where):
    """Each named force meets ``where`` (e.g. each ended within six months)."""
    sel = set(select(ctx, where)["id"])
    bad = [i for i in ids if i not in sel]
    durations = "; ".join(
        f"{ctx.row(i)['label']} {fmt.years_text(ctx.row(i)['duration_months'])}"
        + (" (still deployed)" if ctx.row(i)["ongoing"] else "")
        for i in ids
    )
    return not bad, durations + "." + (f" Not meeting the terms: {ctx.names(bad)}." if bad else ""), list(ids)


@check
def mean_duration(ctx, op="between", value=(6.5, 7.5), where=None, median=False):
    """The mean (or median) duration in years of the forces meeting ``where``."""
    sel = select(ctx, where)
    months = sel["duration_months"].median() if median else sel["duration_months"].mean()
    word = "median" if median else "mean"
    return (
        _compare(months / 12, op, value),
        f"{word} {fmt.years(months)} years over {len(sel)} forces ({_bound(op, value)} years needed; forces "
        f"still deployed counted to {fmt.month(ctx.conventions.counted_to)}).",
        list(sel["id"]),
    )


@check
def duration_range(ctx, shortest_max, longest_min):
    """The shortest force lasted at most ``shortest_max`` months, the longest at least
    ``longest_min``."""
    f = ctx.forces.sort_values(["duration_months", "id"])
    lo, hi = f.iloc[0], f.iloc[-1]
    holds = lo["duration_months"] <= shortest_max and hi["duration_months"] >= longest_min
    return (
        holds,
        f"shortest: {lo['label']}, {fmt.years_text(lo['duration_months'])}; longest: {hi['label']}, "
        f"{fmt.years_text(hi['duration_months'])}.",
        [lo["id"], hi["id"]],
    )


@check
def regions(ctx, named, complete=False, where=None):
    """The regions (UN M49; ``Middle East`` read as Western Asia) where forces deployed,
    against the regions a sentence names."""
    sel = select(ctx, where)
    seen = {}
    for fid, cs in zip(sel["id"], sel["countries"]):
        for c in _items(cs):
            name = "Middle East" if reference.subregion(c) == "Western Asia" else reference.region(c)
            seen.setdefault(name, []).append(fid)
    missing, extra = sorted(set(named) - set(seen)), sorted(set(seen) - set(named))
    text = "; ".join(f"{r}: {fmt.plural(len(set(v)), 'force')}" for r, v in sorted(seen.items())) + "."
    if missing:
        text += f" No force in {fmt.names(missing)}."
    if extra:
        text += f" Also in {fmt.names(extra)}: {ctx.names(sorted({i for r in extra for i in seen[r]}))}."
    return (not missing and (not complete or not extra)), text, sorted({i for v in seen.values() for i in v})


@check
def countries_now(ctx, month, named):
    """The countries hosting a force in ``month`` against the countries a sentence names."""
    sel = select(ctx, {"deployed_in": month})
    have = sorted({c for cs in sel["countries"] for c in _items(cs)})
    missing, extra = sorted(set(named) - set(have)), sorted(set(have) - set(named))
    text = (
        f"{len(sel)} forces were deployed in {fmt.month(month)}, in "
        f"{fmt.names(reference.country_name(c) for c in have)}."
    )
    if missing:
        text += f" None in {fmt.names(reference.country_name(c) for c in missing)}."
    if extra:
        text += f" Also in {fmt.names(reference.country_name(c) for c in extra)}."
    return not missing and not extra, text, list(sel["id"])


@check
def p5_involved(ctx, value, council_words=False):
    """How many permanent members lead a force or are named among its launching actors
    (and, if ``council_words``, in the Council's quoted decision, or through an
    organization the report credits to them): :func:`parallel_forces.analysis.p5_involvement`."""
    table = analysis.p5_involvement(ctx.forces)
    column = "wide_ids" if council_words else "named_ids"
    involved = {m: ids for m, ids in zip(table["member"], table[column]) if ids}
    text = "; ".join(f"{m}: {ctx.names(ids)}" for m, ids in involved.items())
    absent = [m for m in reference.P5 if m not in involved]
    return (
        len(involved) == value,
        f"{len(involved)} of 5 involved ({text})" + (f"; never: {fmt.names(absent)}." if absent else "."),
        sorted({i for v in involved.values() for i in v}),
    )


@check
def before_un(ctx, ids, against="latest"):
    """Each named force started before the Council decision that set up the UN operation
    beside it (the latest, or the first, of those the Annex quotes)."""
    lines, ok, ids_out = [], True, []
    for fid in ids:
        r = ctx.row(fid)
        days = [pd.Timestamp(d) for d in re.findall(r"\((\d{4}-\d{2}-\d{2})\)", r["un_operation_instruments"])]
        if not days:
            return None, f"{r['label']}: the Annex dates no decision for its UN operation.", list(ids)
        un = (max(days) if against == "latest" else min(days)).to_period("M")
        ok &= r["start"] < un
        lines.append(f"{r['label']} deployed {fmt.month(r['start'])}, UN operation decided {fmt.month(un)}")
        ids_out.append(fid)
    return bool(ok), "; ".join(lines) + ".", ids_out


@check
def all_of(ctx, parts):
    """Several checks that must all hold, for a sentence that says more than one thing
    (e.g. "NATO led a majority in the 1990s, and AU and EU involvement rose later"):
    ``parts`` lists them, each a mapping with the check's name under ``check``, an optional
    ``label`` (a few words put before its result) and the check's parameters. The result
    is False if any part fails, else None if any part cannot be decided, else True."""
    results, texts, ids = [], [], []
    for part in parts:
        params = {k: v for k, v in part.items() if k not in ("check", "label")}
        holds, text, found = CHECKS[part["check"]](ctx, **params)
        results.append(None if holds is None else bool(holds))
        texts.append(f"{part['label']}: {text}" if part.get("label") else text)
        ids += [i for i in found if i not in ids]
    holds = False if False in results else None if None in results else True
    return holds, " ".join(texts), ids


@check
def not_recorded(ctx, text, ids=()):
    """A part of a joined sentence that the Annex does not record (use inside ``all_of``;
    a whole claim of that kind is ``check: none``): the data cannot decide it. ``text``
    says what is missing and what the Annex has instead."""
    return None, text, list(ids)


@check
def decided_after_start(ctx, op=">=", value=1, ids=None, where=None, what="forces"):
    """How many forces (``ids``, or those meeting ``where``) the Council first authorized or
    recognized in a later month than they deployed ("a posteriori"), against a bound. The
    Annex gives deployment by month only, so a force first decided on in its deployment
    month cannot be ordered: the result is None when the bound is met with some of those
    counted and not with none of them."""
    sel = select(ctx, where) if ids is None else ctx.forces.set_index("id").loc[list(ids)].reset_index()
    decided = sel["sc_first_date"].dt.to_period("M")
    lag = [(d - s).n for d, s in zip(decided, sel["start"])]
    after = [(i, k) for i, k in zip(sel["id"], lag) if k > 0]
    same = [i for i, k in zip(sel["id"], lag) if k == 0]
    before = [(i, k) for i, k in zip(sel["id"], lag) if k < 0]
    outcomes = {_compare(n, op, value) for n in range(len(after), len(after) + len(same) + 1)}
    holds = outcomes.pop() if len(outcomes) == 1 else None
    label = dict(zip(ctx.forces["id"], ctx.forces["label"]))
    later = fmt.names(label[i] + " (" + fmt.plural(k, "month") + " later)" for i, k in after)
    earlier = fmt.names(label[i] + " (" + fmt.plural(-k, "month") + " before)" for i, k in before)
    text = (
        f"Of {len(sel)} {what}, first decided on by the Council after the month of deployment: "
        f"{later}; in the month of deployment (order unknown): {fmt.names(label[i] for i in same)}; "
        f"before deployment: {earlier}. "
        f"A posteriori: {len(after)}"
        + (f" to {len(after) + len(same)}" if same else "")
        + f" ({_bound(op, value)} needed)."
    )
    return holds, text, list(sel["id"])


def _decision_month(ctx, instrument: str):
    """The month the Annex dates ``instrument`` in any row (own first instrument or
    UN-operation cell); None if it gives no date."""
    for _, r in ctx.forces.iterrows():
        for n, d, _ in _citations(r):
            if n == instrument and d:
                return pd.Period(d, "M")
    return None


@check
def relieved_by_un(ctx, successors, where=None, op=">", value=0.5, what="forces"):
    """The share of the forces meeting ``where`` that handed over to a UN peace operation:
    ``successors`` maps a force to [the UN operation the reading takes to have relieved it,
    the Council decision that set it up]; the force handed over when it deployed before
    the month the Annex dates that decision and ended (not still deployed) in that month
    or later. Forces not in ``successors`` did not hand over, in the reading."""
    sel = select(ctx, where)
    done, not_done = [], []
    for _, r in sel.iterrows():
        op_name, decision = successors.get(r["id"], (None, None))
        month = _decision_month(ctx, decision) if decision else None
        if r["ongoing"]:
            not_done.append(f"{r['label']} (still deployed)")
        elif month is None:
            not_done.append(
                f"{r['label']} (ended {fmt.month(r['end'])}"
                + (f"; the Annex does not date {decision})" if decision else ")")
            )
        elif r["start"] < month <= r["end"]:
            done.append(
                (
                    r["id"],
                    f"{r['label']} ({fmt.month(r['start'])} to {fmt.month(r['end'])}; "
                    f"{op_name}, {decision} of {fmt.month(month)})",
                )
            )
        else:
            not_done.append(
                f"{r['label']} ({fmt.month(r['start'])} to {fmt.month(r['end'])}; "
                f"{op_name}, {decision} of {fmt.month(month)})"
            )
    s = len(done) / len(sel) if len(sel) else float("nan")
    text = (
        f"{len(done)} of {len(sel)} {what} handed over ({fmt.pct(s)}; {_bound(op, value, share=True)} "
        f"needed): {fmt.names(t for _, t in done)}. Not: {fmt.names(not_done)}."
    )
    return _compare(s, op, value), text, list(sel["id"])


@check
def annex_page(ctx, page, first=False):
    """The printed page ``page`` of the report is a page of the Annex (the data's
    ``annex_page`` column) and, if ``first``, the page the Annex begins on."""
    annex = ctx.forces[ctx.forces["annex_page"].notna()]  # the rows since 2019 have no Annex page
    pages = sorted(int(p) for p in annex["annex_page"].unique())
    on = annex[annex["annex_page"].astype(int) == int(page)]
    holds = pages[0] == int(page) if first else not on.empty
    text = f"The Annex runs over printed pages {pages[0]} to {pages[-1]}; page {page} holds " + (
        f"{ctx.names(on['id'])}." if not on.empty else "no force."
    )
    return holds, text, list(on["id"])


@check
def overlaps_un(ctx, operations):
    """Each force was deployed in the month the Council decided the UN operation the
    sentence pairs it with: ``operations`` maps a force to that operation (as the Annex
    names it). Forces still deployed are counted to the reference month."""
    ok, lines = True, []
    for fid, op in operations.items():
        r = ctx.row(fid)
        given = _un_operation_decision(r, op)
        month = pd.Period(given[1], "M") if given else None
        if month is None:
            return None, f"{r['label']}: the Annex dates no decision setting up {op}.", list(operations)
        end = r["end_effective"]
        inside = r["start"] <= month <= end
        ok &= bool(inside)
        lines.append(
            f"{r['label']} deployed {fmt.month(r['start'])} to "
            f"{'still deployed' if r['ongoing'] else fmt.month(end)}, {op} set up {fmt.month(month)}: "
            + ("overlap" if inside else "no overlap")
        )
    return ok, "; ".join(lines) + ".", list(operations)
