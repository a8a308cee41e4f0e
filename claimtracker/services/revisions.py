"""A source's text replaced by a corrected version, and its claims re-anchored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from claimtracker.errors import NotFoundError, ValidationError
from claimtracker.journal import entries as history
from claimtracker.models import Claim, Source
from claimtracker.services.common import apply_changes, check_version, get_live, get_record, touch
from claimtracker.services.reanchoring import ANCHOR_FIELDS, ReanchorReport, reanchor_claims
from claimtracker.services.sources import find_source_by_text, import_article, text_sha256

if TYPE_CHECKING:
    from claimtracker.articles import ParsedArticle


def replace_source_text(*, session: Session, source_id: int, text: str) -> ReanchorReport:
    """Replace a source's text with a corrected version and re-anchor its claims.

    Claims whose words cannot be found again with confidence become orphans (anchor_status
    "orphan", offsets cleared, words and context kept) for the analyst to place.
    """
    source = get_record(session, Source, source_id, what="source")
    if text == source.text:
        return ReanchorReport(source_id=source_id)
    if not text.strip():
        raise ValidationError("The corrected text is empty", field="text")
    other = find_source_by_text(session=session, text=text)
    if other is not None and other.id != source_id:
        raise ValidationError(
            f"This text is already source #{other.id} ({other.title})", field="text"
        )
    report = reanchor_claims(session=session, source_id=source_id, text=text)
    # The history names the texts by their SHA-256 rather than copying them.
    replaced = {"sha256": (source.sha256, text_sha256(text))}
    source.text = text
    source.sha256 = text_sha256(text)
    touch(source)
    session.flush()
    history.record(session, "source", source_id, history.CHANGED, replaced)
    return report


def find_earlier_version(*, session: Session, url: str | None, text: str) -> Source | None:
    """A live source at the same URL with other text: the article this text corrects."""
    if not url:
        return None
    statement = select(Source).where(Source.url == url, Source.sha256 != text_sha256(text))
    for source in session.exec(statement):
        if source.deleted_at is None and source.text:
            return source
    return None


@dataclass
class ArticleImport:
    source: Source
    #: "new", "same" (this text was imported before) or "corrected" (it replaced an earlier
    #: version of the article at the same URL, or the source given to replace)
    outcome: str
    report: ReanchorReport | None = None


def import_article_version(
    *,
    session: Session,
    article: ParsedArticle,
    origin: str | Path | None = None,
    replaces: int | None = None,
    as_new: bool = False,
) -> ArticleImport:
    """Import an article; a corrected version of a known one replaces its text.

    A text seen before is the same source. A different text at the URL of a known source is
    its corrected version (unless ``as_new``): the text is replaced and the claims re-anchored.
    ``replaces`` names the source it corrects explicitly.
    """
    same = find_source_by_text(session=session, text=article.text)
    if same is not None and (replaces is None or same.id == replaces):
        source, _ = import_article(session=session, article=article, origin=origin)
        return ArticleImport(source=source, outcome="same")
    earlier = None
    if replaces is not None:
        earlier = get_record(session, Source, replaces, what="source")
    elif not as_new:
        earlier = find_earlier_version(session=session, url=article.url, text=article.text)
    if earlier is None or earlier.id is None:
        source, created = import_article(session=session, article=article, origin=origin)
        return ArticleImport(source=source, outcome="new" if created else "same")
    report = replace_source_text(session=session, source_id=earlier.id, text=article.text)
    return ArticleImport(source=earlier, outcome="corrected", report=report)


# -- Putting an earlier state back (the app's undo of a correction or of placing an orphan) ----

#: A claim's anchor as stored: its quote, offsets, W3C selectors and status.
AnchorState = dict[str, Any]


def anchor_state(claim: Claim) -> AnchorState:
    return {name: getattr(claim, name) for name in ANCHOR_FIELDS}


def _put_anchor(session: Session, claim: Claim, state: Mapping[str, Any]) -> None:
    changed = apply_changes(claim, {k: state[k] for k in ANCHOR_FIELDS if k in state})
    if changed:
        touch(claim)
        history.record(session, "claim", claim.id, history.CHANGED, changed)


def restore_anchor(
    *,
    session: Session,
    claim_id: int,
    state: Mapping[str, Any],
    expected_version: int | None = None,
) -> Claim:
    """Put a claim's anchor back exactly as ``state`` holds it (an orphan stays an orphan).

    The inverse of anchoring by hand, which goes through ``update_claim``; a stale
    ``expected_version`` is refused.
    """
    claim = get_live(session, Claim, claim_id, what="claim", lock=True)
    check_version(claim, expected_version, what=f"claim #{claim_id}")
    _put_anchor(session, claim, state)
    session.flush()
    return claim


@dataclass(frozen=True)
class TextVersion:
    """A source's text and where each of its claims was anchored in it."""

    source_id: int
    text: str
    anchors: dict[int, AnchorState]


def text_version(*, session: Session, source_id: int) -> TextVersion:
    """The source's current text and its claims' anchors (the trash included)."""
    source = get_record(session, Source, source_id, what="source")
    claims = session.exec(select(Claim).where(Claim.source_id == source_id))
    return TextVersion(
        source_id=source_id,
        text=source.text,
        anchors={claim.id: anchor_state(claim) for claim in claims if claim.id is not None},
    )


def restore_text_version(*, session: Session, version: TextVersion) -> dict[int, int]:
    """Give the source ``version``'s text and its claims those anchors again, without
    re-anchoring: what was placed or orphaned then is so again. Returns each changed claim's
    new version. Claims deleted for good since are skipped."""
    source = get_record(session, Source, version.source_id, what="source")
    if version.text != source.text:
        other = find_source_by_text(session=session, text=version.text)
        if other is not None and other.id != source.id:
            raise ValidationError(
                f"This text is now source #{other.id} ({other.title})", field="text"
            )
        replaced = {"sha256": (source.sha256, text_sha256(version.text))}
        source.text = version.text
        source.sha256 = text_sha256(version.text)
        touch(source)
        history.record(session, "source", source.id, history.CHANGED, replaced)
    versions: dict[int, int] = {}
    for claim_id, state in version.anchors.items():
        try:
            claim = get_record(session, Claim, claim_id, what="claim")
        except NotFoundError:
            continue
        before = claim.version
        _put_anchor(session, claim, state)
        if claim.version != before:
            versions[claim_id] = claim.version
    session.flush()
    return versions
