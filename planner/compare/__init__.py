"""Comparing plans: what changed between two (:func:`diff_projects`), a three-way merge by record id
(:func:`merge_projects`), and a plan as readable text for ``git diff`` (:func:`plan_text`).

Qt-free: the command line (``planner diff``, ``planner merge``, the git drivers) and the app's
File > Compare With... share it.
"""

from planner.compare.diff import Change, FieldChange, ProjectDiff, diff_projects
from planner.compare.merge import Conflict, MergeResult, merge_projects

__all__ = ["Change", "Conflict", "FieldChange", "MergeResult", "ProjectDiff", "diff_projects", "merge_projects"]
