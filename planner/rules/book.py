"""The findings of a plan, filed by scope and kept in sort order as edits file and withdraw them.

A *scope* is what one check covers (a port, a mission, a person, an activity, a pair of events ...): filing a
scope replaces whatever it held. A *pair* scope names two owners (missions or activities), so that an edit of
one owner withdraws every pair naming it. Reading is cheap after an edit: the sorted list changes by the
findings that came and went, each placed by bisection, never by sorting everything again.
"""

from __future__ import annotations

from sortedcontainers import SortedKeyList

from planner.rules.findings import Finding


class FindingsBook:
    """Findings by scope, and all of them in :meth:`Finding.sort_key` order (conflicts first, then by time)."""

    def __init__(self):
        self._found: dict[tuple, list[Finding]] = {}
        self._pairs_of: dict[str, set[tuple]] = {}  # "kind:owner" -> the pair scopes naming that owner
        self._sorted: SortedKeyList | None = None  # made when first read: a full check files without sorting
        self._conflicts = 0
        self._journal: list[tuple[tuple, list[Finding], list[Finding]]] | None = None  # see :meth:`record`

    def record(self) -> list[tuple[tuple, list[Finding], list[Finding]]]:
        """Start noting every change filed from now on, as (scope, withdrawn, filed) in the list returned, until
        :meth:`stop_recording` (what a trial edit compares, and puts back)."""
        self._journal = []
        return self._journal

    def stop_recording(self) -> None:
        self._journal = None

    def put(self, scope: tuple, findings: list[Finding]) -> None:
        """File ``findings`` as everything ``scope`` holds now (an empty list withdraws the scope)."""
        old = self._found.get(scope)
        if old is not None and old == findings:
            return
        if self._journal is not None:
            self._journal.append((scope, old or [], findings))
        if old:
            self._withdraw(old)
        if findings:
            self._found[scope] = findings
            if self._sorted is not None:
                self._sorted.update(findings)
                self._conflicts += sum(f.is_conflict for f in findings)
        else:
            self._found.pop(scope, None)

    def put_pair(self, kind: str, first: str, second: str, key, findings: list[Finding]) -> None:
        """:meth:`put` for the pair scope ``(kind, key)`` naming the owners ``first`` and ``second``."""
        scope = (kind, key)
        self.put(scope, findings)
        for owner in (first, second):
            self._pairs_of.setdefault(f"{kind}:{owner}", set()).add(scope)

    def drop_pairs(self, owner: str, kind: str) -> None:
        """Withdraw every pair scope of ``kind`` naming ``owner``."""
        for scope in self._pairs_of.pop(f"{kind}:{owner}", set()):
            old = self._found.pop(scope, None)
            if old:
                if self._journal is not None:
                    self._journal.append((scope, old, []))
                self._withdraw(old)

    def holds(self, scope: tuple) -> list[Finding]:
        """What ``scope`` holds now."""
        return self._found.get(scope, [])

    def findings(self) -> list[Finding]:
        """Every finding, in sort order."""
        return list(self._ensure_sorted())

    def counts(self) -> tuple[int, int]:
        """(conflicts, warnings)."""
        found = self._ensure_sorted()
        return self._conflicts, len(found) - self._conflicts

    def _ensure_sorted(self) -> SortedKeyList:
        if self._sorted is None:
            every = [f for group in self._found.values() for f in group]
            self._sorted = SortedKeyList(every, key=Finding.sort_key)
            self._conflicts = sum(f.is_conflict for f in every)
        return self._sorted

    def _withdraw(self, findings: list[Finding]) -> None:
        if self._sorted is None:
            return
        for finding in findings:
            self._sorted.remove(finding)
        self._conflicts -= sum(f.is_conflict for f in findings)
