"""A plan as lines of text a line diff reads in the planner's words (``planner diff --textconv FILE``, git's
textconv driver): one line per field, under a line naming its record, and the plan's findings at the end.

Record lines start at the first column and fields are indented, so git's hunk headers name the mission (or
person, activity...) a change is in. Values are shown whole (an element set's lines joined by ' / ').
"""

from __future__ import annotations

from planner.compare.findings import finding_line, plan_findings
from planner.compare.records import EVENTS, person_names, project_document, records
from planner.compare.words import field_words, value_words
from planner.model import Project

_SKIPPED_WHEN_EMPTY = frozenset({"plan", "port_blocks"})


def plan_text(project: Project, findings: bool = True) -> str:
    """The plan's records, field by field, then (with ``findings``) its findings as ``planner check`` has them."""
    doc = project_document(project, effective_settings=True)
    names = person_names(doc)
    lines = []
    for record in records(doc).values():
        if not record.fields and record.section in _SKIPPED_WHEN_EMPTY:
            continue
        if record.section == EVENTS:
            lines.append(f"  {record.event_key}")
            indent = "    "
        else:
            lines.append(record.heading)
            indent = "  "
        lines += [f"{indent}{field_words(k)}: {value_words(v, k, names, limit=None)}" for k, v in record.fields.items()]
    if findings:
        found = plan_findings(project)
        lines.append(f"findings: {len(found) or 'none'}")
        lines += [f"  {finding_line(f)}" for f in found]
    return "\n".join(lines) + "\n"
