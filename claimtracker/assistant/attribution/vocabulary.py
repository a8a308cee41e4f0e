"""Word lists and limits shared by several finders: adverbial and relative starters, noun markers,
finite verbs that do not report, subordinators, subject pronouns, irregular past forms and the
adverbs of a main clause.
"""

from __future__ import annotations

import re

from claimtracker.assistant.cues import words

#: Words that start an adverbial chunk in front of the subject ("In a statement Saturday, ...").
ADVERBIAL_STARTERS = words(
    """
    in at on after before during speaking asked meanwhile however separately earlier later last
    this since while as when despite following responding writing by for from with without under
    overall otherwise anyway regardless
    over through amid among upon once until within across also still yet but and so then now
    today yesterday tonight overnight instead separately elsewhere nevertheless nonetheless
    ранее в на по после при однако между кроме позднее также moreover furthermore indeed
    additionally likewise similarly ultimately finally first second third notably besides
    again too though although because if unlike like even rather therefore thus hence nor
    plus offstage backstage onstage sometimes often perhaps maybe occasionally usually
    """
)
RELATIVE_STARTERS = words(
    """
    who which whose whom that where when который которая которые которое
    """
)
NOUN_MARKERS = words(
    """
    the a an his her their its our my your this that these those whose every each any no
    """
)
FINITE_NON_REPORTING = words(
    """
    is are was were be been am will would could can may might should must shall has have had do
    does did
    """
)
THAT = re.compile(r"\s*(?:that|что|,\s*что)\b")
MAX_SUBJECT_WORDS = 16
MAX_ADVERBIAL_WORDS = 5
MIN_WHO_CONTENT_WORDS = 3
APPOSITION_STARTS = words("a an the his her their its whose one another")
#: "he's said", "she's predicted": a pronoun and "has", not a possessive.
PRONOUN_HAS = words("he's he’s she's she’s it's it’s who's who’s")
LEADING_CONNECTIVES = words("while when if but and so though although because since whereas even")
SUBORDINATORS = words("after before when since until because while if although though whether")
NAME_RUN_STOP = words("in of at from for to with by on into about against over under as than like")


MIN_NAME_RUN_CONTENT = 3
SEPARATOR_BETWEEN = re.compile(r"[,;:\"“”«»()_—–]")
SUBJECT_PRONOUNS = words("he she they we i it")
#: Past tenses without "-ed" that open a main clause: "Trump took aim at ..., saying".
IRREGULAR_PAST = words(
    """
    made took gave went came spoke wrote sent held met left led ran won lost put set kept brought
    thought stood sought fought struck drew threw hit cut began became told said
    stuck felt heard meant paid sold taught broke chose drove grew knew stole swore bought
    caught fled withdrew
    """
)
MAIN_CLAUSE_ADVERBS = words("even also then again later still already once first just never")
