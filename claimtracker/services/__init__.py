"""Services: keyword-only functions that change the database, one user action each.

Each takes the session as ``session=`` and leaves the transaction to the caller
(``with store.write() as session: ...``). Input is validated and bad input raises the core's own
errors (``claimtracker.errors``) with a message that says what is wrong.
"""

from claimtracker.services.actors import (
    actor_names,
    add_alias,
    aliases_of,
    create_actor,
    delete_actor,
    find_actor,
    resolve_actor,
    restore_actor,
    update_actor,
)
from claimtracker.services.claims import (
    claim_tags,
    create_claim,
    delete_claim,
    empty_trash,
    restore_claim,
    set_claim_tags,
    update_claim,
)
from claimtracker.services.links import (
    delete_link,
    find_link,
    link_claims,
    restore_link,
    update_link,
)
from claimtracker.services.sources import (
    create_source,
    delete_source,
    import_article,
    restore_source,
    text_sha256,
    update_source,
)

__all__ = [
    "actor_names",
    "add_alias",
    "aliases_of",
    "claim_tags",
    "create_actor",
    "create_claim",
    "create_source",
    "delete_actor",
    "delete_claim",
    "delete_link",
    "delete_source",
    "empty_trash",
    "find_actor",
    "find_link",
    "import_article",
    "link_claims",
    "resolve_actor",
    "restore_actor",
    "restore_claim",
    "restore_link",
    "restore_source",
    "set_claim_tags",
    "text_sha256",
    "update_actor",
    "update_claim",
    "update_link",
    "update_source",
]
