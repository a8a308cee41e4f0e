"""Finding the attribution in one sentence: who is said to assert it, and with which words.

The patterns of news attribution are few, and each is tried on the sentence with its quoted words
blanked out, so that a verb inside a quote never counts:

- "according to X" anywhere (and Russian "по словам X", "по данным X");
- a trailing "..., X said on Thursday." / "..." X said. / "..., said X, a spokesman for Y." /
  Russian "«...», — сказал X.";
- a leading "X said (that) ..." with adverbials, appositions and auxiliaries around it
  ("In a separate statement Saturday, the Russian defense ministry said that ...",
  "Venezuela's foreign minister, Yván Gómez, dismissed ...");
- Russian "Как сообщили в X, ..." and "Об этом заявил X." (which attributes the sentence before).

The result names the speaker phrase by offsets; :mod:`speakers` turns it into a speaker.

Each form has its module (:mod:`.according`, :mod:`.trailing`, :mod:`.leading`, :mod:`.russian`,
:mod:`.colons`, :mod:`.relatives`, :mod:`.side`, :mod:`.passive`, :mod:`.infinitive`,
:mod:`.loose_subjects`), built on :mod:`.tokens`, :mod:`.vocabulary`, :mod:`.phrases`,
:mod:`.nouns`, :mod:`.subject`, :mod:`.verbs`, :mod:`.main_clause` and :mod:`.embedded`;
:mod:`.finder` tries the forms in order and :mod:`.clauses` splits a sentence into clauses. This
module holds only the public names.
"""

from claimtracker.assistant.attribution.clauses import split_clauses
from claimtracker.assistant.attribution.finder import find, find_without_colon
from claimtracker.assistant.attribution.nouns import is_source_noun
from claimtracker.assistant.attribution.results import Attribution, Clause
from claimtracker.assistant.attribution.tokens import strip_span
from claimtracker.assistant.attribution.vocabulary import ADVERBIAL_STARTERS

__all__ = [
    "ADVERBIAL_STARTERS",
    "Attribution",
    "Clause",
    "find",
    "find_without_colon",
    "is_source_noun",
    "split_clauses",
    "strip_span",
]
