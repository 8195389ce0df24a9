"""The responses each operation declares in the OpenAPI document: what it answers, and the errors every
operation of the API can give (a 400 naming the parameter, including a GET over 4,094 characters; a 429
over the rate limit, from sn.policeapi.middleware), with a 404 (empty body) or a 503 where they apply."""

from sn.policeapi.schemas import Problem


def answers(ok, *, not_found: bool = False, too_many_results: bool = False) -> dict:
    declared = {200: ok, 400: Problem, 429: None}
    if not_found:
        declared[404] = None
    if too_many_results:
        declared[503] = Problem
    return declared
