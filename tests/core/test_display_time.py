from planner.model.display_time import format_in_zone
from planner.model.times import parse_utc


def test_mission_control_clocks():
    launch = parse_utc("2021-10-05T08:55:02Z")  # Soyuz MS-19
    assert format_in_zone(launch) == "2021-10-05 08:55:02 UTC"
    assert format_in_zone(launch, "Europe/Moscow") == "2021-10-05 11:55:02 MSK"
    assert format_in_zone(launch, "America/Chicago") == "2021-10-05 03:55:02 CDT"
    # Crew-3 launch, 9:03 pm EST on 10 Nov (Houston is on CST then)
    assert format_in_zone(parse_utc("2021-11-11T02:03:31Z"), "America/Chicago", seconds=False) == "2021-11-10 20:03 CST"
    assert format_in_zone(None) == ""
