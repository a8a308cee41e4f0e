"""The language of an article: what the document declares, else detected offline from its text.

Detection uses py3langid (a naive Bayes model shipped inside the package: offline, deterministic).
Its model takes about 0.7 s to load, once per process; :func:`preload_language_model` lets the app
do that in the background at start-up.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

_ISO_639_1_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
    ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
_ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
# Three-letter codes seen in documents (ISO 639-2/3) and in the detector's labels, mapped to
# ISO 639-1; deprecated two-letter codes mapped to their replacements.
_TO_ISO_639_1 = {
    "eng": "en", "rus": "ru", "ukr": "uk", "bel": "be", "deu": "de", "ger": "de", "fra": "fr",
    "fre": "fr", "spa": "es", "ita": "it", "por": "pt", "pol": "pl", "nld": "nl", "dut": "nl",
    "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "ara": "ar", "tur": "tr", "fas": "fa",
    "per": "fa", "heb": "he", "kaz": "kk", "geo": "ka", "kat": "ka", "arm": "hy", "hye": "hy",
    "ary": "ar", "arz": "ar", "yue": "zh", "wuu": "zh", "uzs": "uz", "gug": "gn",
    "iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro",
}  # fmt: skip
_LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")

_MIN_LETTERS = 24
_MIN_CONFIDENCE = 0.5
_SAMPLE_CHARS = 2000
_NOT_WORDS = re.compile(r"\]\([^)\s]*\)|\b(?:https?|ftp)://\S+|\bwww\.\S+|\S+@\S+")

_identifier: LanguageIdentifier | None = None
_identifier_lock = threading.Lock()


def language_from_tag(tag: str | None) -> str | None:
    """The ISO 639-1 code of a tag ("en-GB", "ru_RU", "eng"); None if it names no language."""
    if not tag:
        return None
    match = _LANGUAGE_TAG.fullmatch(tag.strip())
    if match is None:
        return None
    primary = match.group(1).lower()
    primary = _TO_ISO_639_1.get(primary, primary)
    return primary if primary in _ISO_639_1 else None


def detect_language(text: str) -> str | None:
    """The text's language, or None when the text is too short or the detector is unsure."""
    sample = _NOT_WORDS.sub(" ", _sample(text))
    if sum(1 for char in sample if char.isalpha()) < _MIN_LETTERS:
        return None
    label, confidence = _language_identifier().classify(sample)
    if confidence < _MIN_CONFIDENCE:
        return None
    return language_from_tag(label)


def preload_language_model() -> None:
    """Load the detector's model now (about 0.7 s) instead of on the first detection."""
    _language_identifier()


def _sample(text: str) -> str:
    """The beginning and the middle: enough for a stable answer, cheap on long articles."""
    if len(text) <= 2 * _SAMPLE_CHARS:
        return text
    middle = len(text) // 2
    return f"{text[:_SAMPLE_CHARS]}\n{text[middle : middle + _SAMPLE_CHARS]}"


def _language_identifier() -> LanguageIdentifier:
    global _identifier
    with _identifier_lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier
