"""Add Usual Ground Sites: the partners' control centres (Houston, Moscow, Munich, Tsukuba, Huntsville) in one click
and one undo step, from a button beside the ground sites' filter box and from the Edit menu.

The sites are bundled data (:func:`planner.model.site_catalogue.usual_sites`); one the plan already has (a site with
its id, or any site within :data:`SAME_PLACE_KM` of it) is not added again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton

from planner.gui.commands import InsertItem
from planner.model import GroundSite, Project
from planner.model.site_catalogue import usual_sites

TEXT = "Add Usual Ground Sites"
#: a site of the plan this close to a usual one is that centre already (the example's "Houston JSC" is)
SAME_PLACE_KM = 10.0


def _short(site: GroundSite) -> str:
    return site.name.split(" (")[0]


def missing_sites(project: Project) -> list[GroundSite]:
    """The usual sites the plan lacks, in catalogue order."""
    import numpy as np

    from planner.orbit.geodesy import ground_distance_km

    have = project.sites
    ids = {s.id for s in have}
    lats, lons = np.array([s.lat_deg for s in have]), np.array([s.lon_deg for s in have])
    return [site for site in usual_sites()
            if site.id not in ids
            and not (have and ground_distance_km(lats, lons, site.lat_deg, site.lon_deg).min() <= SAME_PLACE_KM)]


def add_usual_sites(window) -> list[str]:
    """Add the usual sites the plan lacks as one undo step, select them and show them; their ids."""
    doc = window.doc
    missing = missing_sites(doc.project)
    if not missing:
        window.statusBar().showMessage("The plan has every usual ground site already", 5000)
        return []
    names = ", ".join(_short(site) for site in missing)
    stack = doc.undo_stack
    stack.beginMacro(f"Add usual ground sites ({names})")
    for site in missing:
        stack.push(InsertItem(doc, "sites", site))
    stack.endMacro()
    dock = window.docks.get("sites")
    if dock is not None:
        dock.show()
        dock.raise_()
    added = [site.id for site in missing]
    window.views["sites"].select_ids(added)
    window.statusBar().showMessage(f"Added {names}", 5000)
    return added


def _update(action: QAction, project: Project) -> None:
    missing = missing_sites(project)
    action.setEnabled(bool(missing))
    everyone = ", ".join(_short(site) for site in usual_sites())
    if missing:
        tip = f"Add {', '.join(_short(site) for site in missing)} (the control centres: {everyone}), in one undo step"
    else:
        tip = f"The plan has the usual ground sites ({everyone})"
    action.setToolTip(tip)
    action.setStatusTip(tip)


def install(window) -> QAction:
    """Put Add Usual Ground Sites beside the ground sites' filter box and in the Edit menu of ``window``."""
    action = QAction(TEXT, window)
    action.triggered.connect(lambda *_: add_usual_sites(window))
    window.act_usual_sites = action
    # In the Edit menu right after New Ground Site.
    actions = window.edit_menu.actions()
    at = actions.index(window.act_new_site) + 1
    window.edit_menu.insertAction(actions[at] if at < len(actions) else None, action)
    button = QToolButton(window.views["sites"])
    button.setDefaultAction(action)
    window.views["sites"].add_tool(button)
    window.usual_sites_button = button
    window.usual_sites_state = _WhenShown(action, window.docks["sites"], window.edit_menu, window.doc)
    return action


class _WhenShown(QObject):
    """Keeps the action's state (enabled, and its tip naming what the plan lacks) current while it is on screen: the
    ground sites' dock shown (its button), or the Edit menu opening. (What the plan lacks is measured with numpy,
    which a window opening leaves to the full check's worker thread; the sites' dock is often behind another.)"""

    def __init__(self, action: QAction, dock, menu, doc):
        super().__init__(action)
        self.action, self.doc = action, doc
        self.stale = True
        self.on_screen = False  # the dock says (a dock tabbed behind another is still "visible" to Qt)
        dock.visibilityChanged.connect(self._dock_shown)
        menu.aboutToShow.connect(self.refresh)
        doc.projectReset.connect(self.changed)
        doc.itemsChanged.connect(lambda collection, _ids: collection == "sites" and self.changed())

    def _dock_shown(self, shown: bool) -> None:
        self.on_screen = shown
        if shown:
            self.refresh()

    def changed(self) -> None:
        self.stale = True
        if self.on_screen:
            self.refresh()

    def refresh(self) -> None:
        if self.stale:
            self.stale = False
            _update(self.action, self.doc.project)
