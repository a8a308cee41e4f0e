"""What the claims table says when it shows nothing: why, and what to do about it."""

from __future__ import annotations

from collections.abc import Callable

#: (icon name, title, text, buttons as (label, what it does)). ``connecting``: the team
#: project being connected to (described), while no project is open.
EmptyTable = tuple[str, str, str, list[tuple[str, Callable[[], object]]]]


def describe_empty_table(
    *,
    project_open: bool,
    showing_trash: bool,
    filtering: bool,
    open_project: Callable[[], object],
    new_project: Callable[[], object],
    open_sample: Callable[[], object],
    import_articles: Callable[[], object],
    clear_filters: Callable[[], object],
    connecting: str | None = None,
) -> EmptyTable:
    if not project_open and connecting:
        return (
            "open",
            "Connecting…",
            f"Opening {connecting} on your team's server. You can open another project meanwhile.",
            [("Open Project…", open_project)],
        )
    if not project_open:
        return (
            "open",
            "No project is open",
            "Open a claims database, create a new one, or explore the sample project.",
            [
                ("Open Project…", open_project),
                ("New Project…", new_project),
                ("Open Sample Project", open_sample),
            ],
        )
    if showing_trash:
        return (
            "trash",
            "The trash is empty",
            "Claims you delete wait here until you empty the trash.",
            [("Back to all claims", clear_filters)],
        )
    if filtering:
        return (
            "search",
            "No claims match",
            "Nothing matches the search and filters above.",
            [("Clear filters", clear_filters)],
        )
    return (
        "sample",
        "No claims yet",
        "Import an article, select what is asserted in the reader and press Ctrl+Return "
        "to make it a claim — or explore the sample project first.",
        [
            ("Import Articles…", import_articles),
            ("Open Sample Project", open_sample),
        ],
    )
