"""The flight finder: the earliest complete flights (launch, dock, undock, land) a vehicle can fly into a plan
without breaking any station rule, and why each earlier launch was turned down.

    request = FlightRequest("crew-dragon", crew=4, site=find_launch_site("lc-39a"), earliest=when, stay_days=(10,))
    result = find_flights(project, request, count=3)
    result.flights[0].as_dict()      # {"launch", "dock", "port", "undock", "land"}: ISO UTC with Z
    result.rejected[0].line          # '2021-10-20: harmony-forward busy with Crew-3 until ...'

Qt-free: the app's dialog and ``planner find-flight`` both call :func:`find_flights`.
"""

from planner.finder.candidates import DEFAULT_UNDOCK_TO_LAND_H, FlightRequest, RequestError
from planner.finder.search import REJECTING_WARNINGS, FinderResult, Flight, Rejection, find_flights

__all__ = ["DEFAULT_UNDOCK_TO_LAND_H", "FinderResult", "Flight", "FlightRequest", "REJECTING_WARNINGS",
           "Rejection", "RequestError", "find_flights"]
