"""What changed between two plans: records added, removed or changed field by field, and the findings each plan
has that the other has not.

>>> d = diff_projects(old, new)
>>> d.same, d.changes[0].label, d.only_a, d.only_b
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.compare.findings import finding_line, findings_not_in, plan_findings
from planner.compare.records import (EVENTS, SECTION_ORDER, SECTION_TITLES, Record, person_names,
                                     project_document, records)
from planner.compare.words import ABSENT, change_words, field_words, json_value, list_change_words
from planner.model import Project
from planner.rules import Finding

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a record: its value before and after (``ABSENT`` when not set)."""

    field: str
    old: object
    new: object


@dataclass(slots=True)
class Change:
    """A record added, removed or changed (with the fields that changed)."""

    record: Record  # the new version (the old one when removed)
    change: str  # ADDED, REMOVED or CHANGED
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def section(self) -> str:
        """The record's section ('missions', 'events', ...)."""
        return self.record.section

    @property
    def label(self) -> str:
        """The record as a planner reads it ('Soyuz MS-19 (soyuz-ms-19)')."""
        return self.record.label

    @property
    def mission_id(self) -> str | None:
        """The mission a mission record or an event belongs to."""
        if self.record.section == "missions":
            return self.record.id
        return self.record.parent


@dataclass(slots=True)
class ProjectDiff:
    """The differences from plan A to plan B."""

    changes: list[Change]
    only_a: list[Finding]  # findings of A that B has not
    only_b: list[Finding]  # findings of B that A has not
    names: dict = field(default_factory=dict)  # person id -> name (B's, then A's)

    @property
    def same(self) -> bool:
        """True when the plans hold the same records and findings."""
        return not (self.changes or self.only_a or self.only_b)

    def by_section(self) -> list[tuple[str, list[Change]]]:
        """The changes grouped by section, in the planner's order: (title, changes)."""
        groups: dict[str, list[Change]] = {}
        for change in self.changes:
            groups.setdefault(change.section, []).append(change)
        return [(SECTION_TITLES[s], groups[s]) for s in SECTION_ORDER if s in groups]

    def changed_ids(self, section: str, side: str = "b") -> set[str]:
        """The ids of the records of a section that differ and that plan ``side`` ("a" or "b") holds: changed, or
        only there; a mission counts when one of its events differs."""
        only, other = (ADDED, REMOVED) if side == "b" else (REMOVED, ADDED)
        found = {c.record.id for c in self.changes if c.section == section and c.change in (CHANGED, only)}
        if section == "missions":
            gone = {c.record.id for c in self.changes if c.section == section and c.change == other}
            found |= {c.record.parent for c in self.changes if c.section == EVENTS} - gone
        return found

    def change_line(self, change: Change) -> str:
        """The change as one line: '+ mission Axiom-1 (ax-1) added'."""
        mark = {ADDED: "+", REMOVED: "-", CHANGED: "~"}[change.change]
        what = change.record.heading
        if change.change == CHANGED:
            return f"{mark} {what}"
        when = change.record.fields.get("utc") or change.record.fields.get("start")
        return f"{mark} {what} {change.change}" + (f" ({when})" if isinstance(when, str) else "")

    def field_line(self, item: FieldChange) -> str:
        """A field's change: 'utc: 2021-10-05T12:22:31Z -> 2021-10-05T14:00:00Z'."""
        old, new = change_words(item.old, item.new, item.field, self.names)
        change = list_change_words(item.old, item.new, item.field, self.names)
        return f"{field_words(item.field)}: {old} -> {new}" + (f" ({change})" if change else "")

    def to_text(self, name_a: str = "A", name_b: str = "B") -> str:
        """The differences as a planner reads them, grouped by section; then the findings of each side only."""
        if self.same:
            return f"{name_a} and {name_b} hold the same plan.\n"
        lines = []
        for title, changes in self.by_section():
            lines.append(f"{title}:")
            for change in changes:
                lines.append(f"  {self.change_line(change)}")
                if change.change == CHANGED:
                    lines.extend(f"      {self.field_line(f)}" for f in change.fields)
        for name, found in ((name_a, self.only_a), (name_b, self.only_b)):
            if found:
                lines.append(f"Findings only in {name}: {len(found)}")
                lines.extend(f"  {finding_line(f)}" for f in found)
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict:
        """``{"same", "changes": [{"section", "kind", "id", "name", "mission", "change", "fields": [...]}],
        "findings_only_a": [...], "findings_only_b": [...]}``."""
        return {
            "same": self.same,
            "changes": [{
                "section": c.section, "kind": c.record.kind, "id": c.record.id, "name": c.record.name,
                "mission": c.record.parent, "change": c.change,
                "fields": [{"field": f.field, "old": json_value(f.old), "new": json_value(f.new)} for f in c.fields],
            } for c in self.changes],
            "findings_only_a": [f.to_json() for f in self.only_a],
            "findings_only_b": [f.to_json() for f in self.only_b],
        }


def field_changes(old: dict, new: dict) -> list[FieldChange]:
    """The fields that differ, in ``old``'s order then ``new``'s new ones."""
    names = list(old) + [k for k in new if k not in old]
    return [FieldChange(k, old.get(k, ABSENT), new.get(k, ABSENT)) for k in names
            if old.get(k, ABSENT) != new.get(k, ABSENT)]


def record_changes(a: dict, b: dict) -> list[Change]:
    """The changes from records ``a`` to records ``b`` (see :func:`planner.compare.records.records`), in B's order
    with A's removed records where they were."""
    changes = []
    for key, new in b.items():
        old = a.get(key)
        if old is None:
            changes.append(Change(new, ADDED, field_changes({}, new.fields)))
            continue
        fields = field_changes(old.fields, new.fields)
        if fields:
            changes.append(Change(new, CHANGED, fields))
    removed = [Change(old, REMOVED, field_changes(old.fields, {})) for key, old in a.items() if key not in b]
    order = {s: i for i, s in enumerate(SECTION_ORDER)}
    return sorted(changes + removed, key=lambda c: order[c.section])  # stable: each section keeps its order


def diff_projects(a: Project, b: Project, findings: bool = True) -> ProjectDiff:
    """The differences from ``a`` to ``b``; with ``findings``, the rules run on both (as ``planner check``)."""
    doc_a = project_document(a, effective_settings=True)
    doc_b = project_document(b, effective_settings=True)
    changes = record_changes(records(doc_a), records(doc_b))
    only_a: list[Finding] = []
    only_b: list[Finding] = []
    if findings:
        found_a, found_b = plan_findings(a), plan_findings(b)
        only_a, only_b = findings_not_in(found_a, found_b), findings_not_in(found_b, found_a)
    return ProjectDiff(changes, only_a, only_b, person_names(doc_a) | person_names(doc_b))
