"""What each role may do, as the app asks before offering a control (no server needed)."""

from __future__ import annotations

import sqlite3

import pytest

from claimtracker.server.roles import ACTIONS, ROLES, allowed, group_name, group_names, role_of


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("viewer", {"read"}),
        ("analyst", {"read", "edit_claims"}),
        (
            "lead",
            {"read", "edit_claims", "set_verdict", "empty_trash", "manage_analysts"}
            | {"repair_indexes"},
        ),
        ("owner", set(ACTIONS)),
    ],
)
def test_each_role_may_do_what_the_desk_agreed(role, may):
    assert {action for action in ACTIONS if allowed(role, action)[0]} == may
    for action in set(ACTIONS) - may:
        permitted, reason = allowed(role, action)
        assert not permitted and reason.startswith(f"You are a{'n' * (role[0] in 'ao')} {role}")


def test_the_reasons_name_who_may():
    assert allowed("viewer", "edit_claims")[1] == (
        "You are a viewer on this project: only analysts and leads can change claims."
    )
    assert allowed("analyst", "empty_trash")[1] == (
        "You are an analyst on this project: only a lead can empty the trash."
    )
    assert allowed("lead", "edit_claims") == (True, "")
    with pytest.raises(ValueError, match="Unknown action 'fly'"):
        allowed("lead", "fly")


def test_a_project_file_has_only_its_owner(tmp_path):
    connection = sqlite3.connect(tmp_path / "claims.db")
    try:
        assert role_of(connection) == "owner"
    finally:
        connection.close()
    assert ROLES[-1] == "owner"


def test_group_names_fit_postgresql_and_keep_two_long_projects_apart():
    assert group_names("claims") == (
        "claimtracker_viewer_claims",
        "claimtracker_analyst_claims",
        "claimtracker_lead_claims",
    )
    first, second = "ukraine_desk_" + "a" * 60, "ukraine_desk_" + "a" * 59 + "b"
    for role in ("viewer", "analyst", "lead"):
        names = group_name(role, first), group_name(role, second)
        assert names[0] != names[1]
        assert all(len(name.encode()) <= 63 for name in names)
    assert len(group_name("lead", "праверка_" * 6).encode()) <= 63
