"""The findings book against a plain model: whatever is filed and withdrawn, it lists what the scopes hold,
in sort order, with the right counts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.rules.book import FindingsBook
from planner.rules.findings import Finding, Severity

findings = st.lists(st.builds(Finding, st.sampled_from(("a", "b")), st.sampled_from(tuple(Severity)),
                              st.integers(0, 5).map(float), st.integers(5, 9).map(float), st.just("m"),
                              vehicles=st.sampled_from(((), ("x",), ("x", "y"))), people=st.just(()),
                              ports=st.just(()), activities=st.just(()), suggestions=st.just(())), max_size=3)
owners = st.sampled_from(("x", "y", "z"))
steps = st.lists(st.one_of(
    st.tuples(st.just("put"), st.sampled_from((("port", "p"), ("mission", "x"), ("mission", "y"))), findings),
    st.tuples(st.just("pair"), st.tuples(owners, owners), findings),
    st.tuples(st.just("drop"), owners, st.none()),
    st.tuples(st.just("read"), st.none(), st.none())), max_size=30)


@settings(max_examples=300, deadline=None)
@given(steps)
def test_the_book_lists_what_its_scopes_hold_in_sort_order(script):
    book, model, pairs_of = FindingsBook(), {}, {}
    for op, what, found in script:
        if op == "put":
            book.put(what, found)
            model[what] = list(found)
        elif op == "pair":
            scope = ("overlap", what)
            book.put_pair("overlap", what[0], what[1], what, found)
            model[scope] = list(found)
            for owner in what:
                pairs_of.setdefault(owner, set()).add(scope)
        elif op == "drop":
            book.drop_pairs(what, "overlap")
            for scope in pairs_of.pop(what, set()):
                model.pop(scope, None)
        else:
            book.findings()  # reading between edits takes the incremental path
        every = sorted((f for group in model.values() for f in group), key=Finding.sort_key)
        assert book.findings() == every
        conflicts = sum(f.is_conflict for f in every)
        assert book.counts() == (conflicts, len(every) - conflicts)


def test_filing_the_same_findings_again_changes_nothing():
    book = FindingsBook()
    found = [Finding("a", Severity.CONFLICT, 0.0, 1.0, "m")]
    book.put(("port", "p"), found)
    assert book.counts() == (1, 0)
    book.put(("port", "p"), list(found))
    book.put(("port", "q"), [])
    assert book.findings() == found and book.holds(("port", "q")) == []
