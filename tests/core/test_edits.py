import pytest

from planner.model import GroundSite, Project
from planner.model.edits import get_item, index_of, insert_item, remove_item, replace_item


def _project():
    return Project(sites=[GroundSite("mcc", "Mission Control Moscow", 55.91, 37.81), GroundSite("jsc", "Houston", 29.56, -95.09)])


def test_insert_remove_replace_and_their_inverses_restore_the_project():
    project = _project()
    before = [s.id for s in project.sites]
    insert_item(project, "sites", 1, GroundSite("bai", "Baikonur", 45.96, 63.31))
    assert [s.id for s in project.sites] == ["mcc", "bai", "jsc"]
    index, removed = remove_item(project, "sites", "bai")
    assert (index, removed.name) == (1, "Baikonur")
    old = replace_item(project, "sites", "jsc", GroundSite("jsc", "Johnson Space Center", 29.56, -95.09))
    assert get_item(project, "sites", "jsc").name == "Johnson Space Center"
    replace_item(project, "sites", "jsc", old)
    assert [s.id for s in project.sites] == before and project.sites[1].name == "Houston"


def test_ids_stay_unique():
    project = _project()
    with pytest.raises(ValueError):
        insert_item(project, "sites", 0, GroundSite("mcc", "again", 0, 0))
    with pytest.raises(ValueError):
        replace_item(project, "sites", "jsc", GroundSite("mcc", "again", 0, 0))
    with pytest.raises(KeyError):
        index_of(project, "sites", "nowhere")
    with pytest.raises(KeyError):
        index_of(project, "nonsense", "mcc")
