"""docs/permissions.md is generated from what the server enforces, and covers every route."""

from sn.pages.permissions_doc import DOC_PATH, render, routes


def test_the_permissions_doc_is_up_to_date():
    assert DOC_PATH.read_text(encoding="utf-8") == render(), (
        "docs/permissions.md is stale: run `sn permissions-doc`"
    )


def test_every_route_has_an_access_rule_in_the_doc():
    missing = [route.name for route in routes() if route.rule is None]
    assert not missing, f"routes without an access rule: {missing}"
    text = render()
    for route in routes():
        assert f"`{route.name}`" in text


def test_the_doc_says_where_each_role_may_open_a_ward_page():
    line = next(line for line in render().splitlines() if "`pages:ward`" in line)
    assert "own ward" in line and "own teams" in line and "own clusters" in line and "| all |" in line
