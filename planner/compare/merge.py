"""A three-way merge of plans by record id (see :mod:`planner.compare.records`).

- A record changed on one side only takes that side's version; changed on both, each field merges the same way:
  a field changed on one side takes that change, a field changed on both sides to different values is a
  conflict, and the merge keeps ours for it.
- A record added on one side is added (placed after the record it follows there); removed on one side and left
  as it was on the other, it is removed; removed on one side and changed on the other, it is a conflict and
  the merge keeps ours (the record, or its absence).
- A mission goes with its events: removing a mission whose events the other side changed is a conflict on the
  mission, and ours is kept whole.
- Lists (a crew, an activity's people, tags, needs) are field values: changed both ways, they conflict.
- A record removed on one side that the merged plan still names (a person in a crew, the site of a need, the
  mission another arrives with) is kept, as a conflict: the plan must load.
- Changes that are each valid but together are not (one side's new start of an activity after the other side's new
  end) take ours of that record, as a conflict.
- Unknown fields are fields like any other, so they survive.
- A mission's events are told apart by kind and order (its second relocation is ``relocate 2``): an event one side
  inserts before another of the same kind is seen as a change of that one and an addition after it.

Then the rules run on the merged plan; :attr:`MergeResult.new_findings` are those neither side had.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.compare.findings import findings_not_in, plan_findings
from planner.compare.records import EVENTS, Key, Record, document, person_names, project_document, records
from planner.compare.words import ABSENT, change_words, field_words, json_value
from planner.model import Project
from planner.rules import Finding
from planner.store.decode import project_from_document
from planner.store.errors import FieldError, format_json_path


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field (None: the whole record) both sides changed differently, or a record removed on one side and
    changed on the other; ``reason`` says which, and the merge kept ``ours``."""

    record: str  # the record as a planner reads it: 'mission Soyuz MS-19 (soyuz-ms-19)'
    field: str | None
    base: object
    ours: object
    theirs: object
    reason: str = "changed on both sides"
    kept: str = "ours"
    about: Record | None = field(default=None, compare=False)  # the record itself (None: the whole merged plan)

    def text(self, names: dict | None = None) -> str:
        """One line: 'event Soyuz MS-19 dock, utc: ours 2021-... , theirs 2021-... (was 2021-...); kept ours'."""
        where = self.record + (f", {field_words(self.field)}" if self.field else "")
        if self.field is None:
            return f"{where}: {self.reason}; kept {self.kept}"
        ours, theirs = change_words(self.ours, self.theirs, self.field, names)  # cut where they differ
        base = change_words(self.base, self.ours, self.field, names)[0]
        was = "" if self.reason.startswith("added") else f" (was {base})"
        return f"{where}: {self.reason}: ours {ours}, theirs {theirs}{was}; kept {self.kept}"

    def to_json(self) -> dict:
        """The JSON form."""
        about = self.about
        return {"record": self.record, "section": about and about.section, "id": about and about.id,
                "mission": about and about.parent, "field": self.field, "reason": self.reason,
                "base": json_value(self.base), "ours": json_value(self.ours), "theirs": json_value(self.theirs),
                "kept": self.kept}


@dataclass(slots=True)
class MergeResult:
    """The merged plan, the conflicts (each kept as ours), and the findings new to the merge."""

    project: Project
    conflicts: list[Conflict]
    new_findings: list[Finding] = field(default_factory=list)
    names: dict = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        """True when nothing conflicted."""
        return not self.conflicts


def merge_projects(base: Project | None, ours: Project, theirs: Project, findings: bool = True) -> MergeResult:
    """Merge ``ours`` and ``theirs``, both edited from ``base``; with ``findings``, the rules run on all four.
    ``base`` None: no common base (both sides added the plan), so every record, the title and settings too, is
    an addition on both sides."""
    docs = [project_document(p) for p in (base, ours, theirs) if p is not None]
    o, t = (records(d) for d in docs[-2:])
    b = {} if base is None else records(docs[0])
    merged, conflicts = merge_records(b, o, t)
    conflicts += _keep_named(merged, b, o, t)
    names = {k: v for d in docs for k, v in person_names(d).items()}
    project = _valid_plan(merged, o, conflicts) or ours
    result = MergeResult(project, conflicts, names=names)
    if findings:
        result.new_findings = findings_not_in(plan_findings(project), plan_findings(ours), plan_findings(theirs))
    return result


def _valid_plan(merged: dict, o: dict, conflicts: list) -> Project | None:
    """The merged plan; where the two sides' changes, each valid, make a record the file forbids (an activity's new
    start after the other side's new end), ours of that record (a mission with its events) is taken instead, as a
    conflict. None when that does not give a valid plan either."""
    for _ in range(100):
        doc = document(merged)
        try:
            return project_from_document(doc)
        except FieldError as exc:
            key = _record_at(doc, exc.parts)
            if key is None or key not in merged:
                conflicts.append(Conflict("the merged plan", None, ABSENT, ABSENT, ABSENT,
                                          f"cannot be read at {format_json_path(exc.parts)} ({exc.problem})",
                                          kept="ours whole"))
                return None
            record = merged[key]
            conflicts.append(Conflict(record.heading, None, ABSENT, ABSENT, ABSENT,
                                      f"both sides' changes together are not a valid plan ({exc.problem})",
                                      about=record))
            units = [k for k in merged if k == key or (key[0] == "missions" and k[0] == EVENTS
                                                       and merged[k].parent == key[1])]
            units += [k for k in o if key[0] == "missions" and k[0] == EVENTS and o[k].parent == key[1]]
            if all(merged.get(k) is o.get(k) for k in units):  # ours already: taking it again cannot help
                break
            for k in units:
                if k in o:
                    merged[k] = o[k]
                else:
                    merged.pop(k, None)
    conflicts.append(Conflict("the merged plan", None, ABSENT, ABSENT, ABSENT, "is not a valid plan", kept="ours whole"))
    return None


def _record_at(doc: dict, parts: tuple) -> Key | None:
    """The record (a mission for its events) a decoding problem at the JSON path ``parts`` is in."""
    if len(parts) >= 2 and parts[0] in ("people", "sites", "missions", "activities", "element_sets", "sleep_shifts") \
            and isinstance(parts[1], int) and parts[1] < len(doc.get(parts[0], ())):
        ident = doc[parts[0]][parts[1]].get("id")
        return (parts[0], ident) if isinstance(ident, str) else None
    return None


def merge_records(b: dict[Key, Record], o: dict[Key, Record], t: dict[Key, Record]) -> tuple[dict, list[Conflict]]:
    """The merged records (ours' order, theirs' additions after the record they follow there) and the conflicts."""
    conflicts: list[Conflict] = []
    decided = _missions_removed(b, o, t, conflicts)
    merged: dict[Key, Record] = {}
    for key in _order(o, t):
        if key in decided:
            record = decided[key]
        else:
            record = _merge_one(b.get(key), o.get(key), t.get(key), conflicts)
        if record is not None:
            merged[key] = record
    return merged, conflicts


def _order(o: dict, t: dict) -> list[Key]:
    """Ours' keys in order, each key only theirs has inserted after the nearest key before it in theirs."""
    keys = list(o)
    placed = set(keys)
    after: dict[Key | None, list[Key]] = {}
    previous = None
    for key in t:
        if key in placed:
            previous = key
        else:
            after.setdefault(previous, []).append(key)
    out = list(after.get(None, []))
    for key in keys:
        out.append(key)
        out += after.get(key, [])
    return out


def _merge_one(b: Record | None, o: Record | None, t: Record | None, conflicts: list) -> Record | None:
    if _same(o, t):
        return o
    if b is None:
        if o is None or t is None:  # added on one side
            return o or t
        return _merge_fields(Record(o.section, o.id, o.name, {}, o.parent), o, t, conflicts,
                             "added on both sides, differently")
    if o is None or t is None:  # removed on one side
        kept = o or t
        if _same(kept, b):
            return None
        conflicts.append(Conflict(b.heading, None, ABSENT, ABSENT, ABSENT,
                                  "removed by ours, changed by theirs" if o is None
                                  else "changed by ours, removed by theirs", about=b))
        return o
    return _merge_fields(b, o, t, conflicts)


def _same(a: Record | None, b: Record | None) -> bool:
    return (a is None) == (b is None) and (a is None or a.fields == b.fields)


def _merge_fields(b: Record, o: Record, t: Record, conflicts: list, reason: str = "changed on both sides") -> Record:
    fields = {}
    names = list(o.fields) + [k for k in t.fields if k not in o.fields] + [k for k in b.fields
                                                                          if k not in o.fields and k not in t.fields]
    for name in names:
        old, mine, other = b.fields.get(name, ABSENT), o.fields.get(name, ABSENT), t.fields.get(name, ABSENT)
        if mine == other or other == old:
            value = mine
        elif mine == old:
            value = other
        else:
            conflicts.append(Conflict(o.heading, name, old, mine, other, reason, about=o))
            value = mine
        if value is not ABSENT:
            fields[name] = value
    return Record(o.section, o.id, o.name, fields, o.parent)


def _events_of(records_: dict, mission_id: str) -> dict:
    return {k: r.fields for k, r in records_.items() if r.section == EVENTS and r.parent == mission_id}


def _missions_removed(b: dict, o: dict, t: dict, conflicts: list) -> dict[Key, Record | None]:
    """A mission removed on one side goes with its events: removed when the other side left the mission and its
    events as they were, else a conflict keeping ours whole. Returns the keys so decided (None: removed)."""
    decided: dict[Key, Record | None] = {}
    for key, mission in b.items():
        if mission.section != "missions" or ((key in o) == (key in t)):
            continue
        kept, kept_records = (o, o) if key in o else (t, t)
        unchanged = kept[key].fields == mission.fields and _events_of(kept_records, mission.id) == _events_of(b, mission.id)
        keys = [key] + [k for k in set(b) | set(o) | set(t) if k[0] == EVENTS and _parent(k) == mission.id]
        if not unchanged:
            conflicts.append(Conflict(mission.heading, None, ABSENT, ABSENT, ABSENT,
                                      "removed by ours, its flight changed by theirs" if key not in o
                                      else "its flight changed by ours, removed by theirs", about=mission))
        for k in keys:
            decided[k] = o.get(k) if not unchanged else None
    return decided


def _parent(key: Key) -> str:
    return key[1].rsplit("/", 1)[0]


def _references(merged: dict) -> list[tuple[Key, Record]]:
    """(the key of a record named, the record naming it) for every person, site and mission a record names."""
    found = []
    for record in merged.values():
        fields = record.fields
        people = fields.get("crew", ()) if record.section == EVENTS else (
            fields.get("people", ()) if record.section == "activities" else ())
        found += [(("people", person), record) for person in people]
        if record.section == "sleep_shifts" and isinstance(fields.get("person"), str):
            found.append((("people", fields["person"]), record))
        if record.section == "activities":
            found += [(("sites", need["site"]), record) for need in fields.get("needs", ())
                      if isinstance(need, dict) and need.get("site")]
        if record.section == "missions" and fields.get("arrives_with"):
            found.append((("missions", fields["arrives_with"]), record))
    return found


def _keep_named(merged: dict, b: dict, o: dict, t: dict) -> list[Conflict]:
    """Records removed on one side that the merged plan still names are put back, as conflicts."""
    conflicts = []
    for key, user in _references(merged):
        if key in merged:
            continue
        back = o.get(key) or t.get(key) or b.get(key)
        if back is None:
            continue  # named but never there: the file check says so
        side = "theirs" if key in o else "ours"
        merged[key] = back
        conflicts.append(Conflict(back.heading, None, ABSENT, ABSENT, ABSENT,
                                  f"removed by {side}, still named by {user.heading}", kept="it", about=back))
    return conflicts
