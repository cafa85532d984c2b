"""Offering to move what belongs with a mission when its launch moves (mission editor) or its stay is dragged
(timeline): its other events, its crew's activities during its stay, and, when asked, the ride home of people
who leave on another vehicle.

The question is a modal message box: it is about the edit just made, answered at once with a click or Enter
(the default button is the choice that keeps the plan together), and the undo stack cannot change while it is
open, so the answer can safely become part of that edit's one undo step. :func:`ask` is the one place that
shows it (the tests answer it there).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from PySide6.QtWidgets import QCheckBox, QMessageBox

from planner.gui.commands import ReplaceItem, ReplaceItems
from planner.model import EventKind
from planner.model.display_time import format_in_zone
from planner.model.shift import MissionShift, arriving_crew, plan_shift, shift_text

#: the answers (keys of :attr:`ShiftQuestion.choices`)
WITH_ACTIVITIES, MISSION, ONLY_EVENT, CANCEL = "activities", "mission", "event", "cancel"


@dataclass
class ShiftQuestion:
    """What to ask: a title, a question, details, the buttons ``(answer, text)``, the default and Escape answers,
    and the label of a "move the ride home too" check box ('' for none)."""

    title: str
    text: str
    details: str
    choices: list[tuple[str, str]]
    default: str
    escape: str
    ride_home: str = ""
    plan: MissionShift | None = field(default=None, repr=False)


def question_box(parent, question: ShiftQuestion) -> QMessageBox:
    """The message box asking ``question``, not yet shown (each button's ``answer`` property is its answer)."""
    box = QMessageBox(QMessageBox.Icon.Question, question.title, question.text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setInformativeText(question.details)
    roles = {WITH_ACTIVITIES: QMessageBox.ButtonRole.AcceptRole, MISSION: QMessageBox.ButtonRole.AcceptRole,
             ONLY_EVENT: QMessageBox.ButtonRole.NoRole, CANCEL: QMessageBox.ButtonRole.RejectRole}
    for answer, text in question.choices:
        button = box.addButton(text, roles[answer])
        button.setProperty("answer", answer)
        if answer == question.default:
            box.setDefaultButton(button)
        if answer == question.escape:
            box.setEscapeButton(button)
    if question.ride_home:
        box.setCheckBox(QCheckBox(question.ride_home, box))
    return box


def ask(parent, question: ShiftQuestion) -> tuple[str, bool]:
    """Ask ``question``: (the answer chosen, whether the ride-home box was ticked)."""
    box = question_box(parent, question)
    box.exec()
    clicked = box.clickedButton()
    answer = clicked.property("answer") if clicked is not None else question.escape
    ride_home = box.checkBox() is not None and box.checkBox().isChecked()
    box.deleteLater()
    return answer or question.escape, ride_home


def _names(people, names: dict[str, str]) -> str:
    shown = [names.get(p, p) for p in people]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _details(plan: MissionShift, names: dict[str, str], zone: str, first: str) -> tuple[str, str]:
    """The informative text about ``plan`` (after the sentence ``first``) and the ride-home box's label."""
    lines = [first] if first else []
    if plan.activities:
        crew = arriving_crew(plan.mission)
        people = sorted({p for a in plan.activities for p in a.people if p in crew}, key=lambda p: names.get(p, p))
        lines.append(f"{_count(len(plan.activities), 'activity', 'activities')} of {_names(people, names)}, "
                     f"who came on it, fall within its stay.")
        if plan.orbit_bound:
            lines.append(f"{len(plan.orbit_bound)} of them need daylight, shadow or a ground site in view: moved, they "
                         "may miss their windows (the check will say).")
    label = ""
    if plan.stranded:
        for ride in plan.rides:
            people = sorted({r.person for _a, rides in plan.stranded for r in rides if r.mission.id == ride.mission.id},
                            key=lambda p: names.get(p, p))
            late = sum(1 for _a, rides in plan.stranded if any(r.mission.id == ride.mission.id for r in rides))
            verb = "goes" if len(people) == 1 else "go"
            lines.append(f"{_names(people, names)} {verb} home on {ride.mission.name} "
                         f"({format_in_zone(ride.when, zone, seconds=False)}), which does not move: "
                         f"{_count(late, 'moved activity', 'moved activities')} would end after that.")
        vehicles = _names([ride.mission.name for ride in plan.rides], {})
        label = f"With the activities, also move the undocking and landing of {vehicles} ({shift_text(plan.delta)})"
    return "\n\n".join(lines), label


_EVENT_WORDS = {EventKind.LAUNCH: "launch", EventKind.DOCK: "docking", EventKind.BERTH: "berthing",
                EventKind.RELOCATE: "relocation", EventKind.UNDOCK: "undocking", EventKind.UNBERTH: "unberthing",
                EventKind.LAND: "landing"}


def launch_question(plan: MissionShift, names: dict[str, str], zone: str) -> ShiftQuestion:
    """The question the mission editor asks when the launch of ``plan.mission`` moves by ``plan.delta``."""
    mission, when = plan.mission, shift_text(plan.delta)
    others = list(dict.fromkeys(_EVENT_WORDS[e.kind] for e in mission.events if e.kind is not EventKind.LAUNCH))
    first = f"Its {_names(others, {})} would move {when} too."
    details, label = _details(plan, names, zone, first)
    choices = [(MISSION, "Shift &Whole Mission"), (ONLY_EVENT, "&Only the Launch"), (CANCEL, "Cancel")]
    if plan.activities:
        choices.insert(0, (WITH_ACTIVITIES, "Shift Mission &and " + _count(len(plan.activities), "Activity", "Activities")))
    return ShiftQuestion(f"Shift {mission.name}?", f"{mission.name} now launches {when}. Shift the whole mission?",
                         details, choices, choices[0][0], CANCEL, label, plan)


def drag_question(plan: MissionShift, names: dict[str, str], zone: str) -> ShiftQuestion:
    """The question the timeline asks when a stay of ``plan.mission`` was dragged by ``plan.delta``."""
    mission, n = plan.mission, len(plan.activities)
    details, label = _details(plan, names, zone, "")
    activities = _count(n, "Activity", "Activities")
    choices = [(WITH_ACTIVITIES, f"&Move {activities} Too"), (MISSION, "&Only the Stay")]
    return ShiftQuestion(f"Move activities with {mission.name}?",
                         f"{mission.name} moved {shift_text(plan.delta)}. Move its crew's "
                         f"{_count(n, 'activity', 'activities')} with it?",
                         details, choices, WITH_ACTIVITIES, MISSION, label, plan)


def shift_changes(plan: MissionShift, mission_after, with_activities: bool, ride_home: bool) -> list:
    """The ``(collection, id, changed copy)`` list of one :class:`ReplaceItems` step: the mission as
    ``mission_after``, and with the activities (and their rides home, when asked) moved too."""
    changes = [("missions", plan.mission.id, mission_after)]
    if with_activities:
        if ride_home:
            changes += [("missions", ride.id, ride) for ride in plan.moved_rides()]
        changes += [("activities", activity.id, activity) for activity in plan.moved]
    return changes


def step_text(plan: MissionShift, with_activities: bool, verb: str = "Shift") -> str:
    """The undo step's name: ``Shift Soyuz MS-19 and 12 activities 4 days later``."""
    what = plan.mission.name
    if with_activities and plan.activities:
        what += f" and {_count(len(plan.activities), 'activity', 'activities')}"
    return f"{verb} {what} {shift_text(plan.delta)}"


def offer_launch_shift(parent, doc, mission, delta: timedelta, zone: str) -> str:
    """The launch of ``mission`` (the document's) was given a time ``delta`` away: ask what to shift and push it.

    Returns :data:`ONLY_EVENT` when only the launch should change (the caller edits it as usual; also when the
    mission has no other event, and nothing is asked), :data:`CANCEL` when nothing should change, else the
    answer pushed (the mission, with or without its activities, as one undo step).
    """
    if len(mission.events) < 2 or not delta:
        return ONLY_EVENT
    plan = plan_shift(mission, delta, doc.project.missions, doc.project.activities)
    answer, ride_home = ask(parent, launch_question(plan, doc.project.person_names(), zone))
    if answer in (WITH_ACTIVITIES, MISSION):
        with_activities = answer == WITH_ACTIVITIES
        changes = shift_changes(plan, plan.shifted, with_activities, ride_home)
        if len(changes) == 1:
            doc.undo_stack.push(ReplaceItem(doc, "missions", mission.id, plan.shifted, step_text(plan, False)))
        else:
            doc.undo_stack.push(ReplaceItems(doc, changes, step_text(plan, with_activities)))
    return answer
