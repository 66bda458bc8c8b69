"""Patterns of :mod:`extractors.recommendations`: who is asked, the asking verbs, section headings,
lead-ins and list items, as MOPAC, DMPC and Mayoral decision pages word them.

Private: :func:`extractors.recommendations.find_recommendations` is the entry point.
"""

from __future__ import annotations

import re

# Who is asked: the DMPC under its spellings ("Deputy Mayor for Policing and" is a real typo).
SUBJECT = r"""
    (?:Deputy\s+Mayor(?:\s+for\s+Policing(?:\s+and(?:\s+Crime)?)?)?   # the title, sometimes clipped
      |DMPC                                                            # the abbreviation
      |Mayor(?:\s+of\s+London)?)                                       # Mayor's decisions (MD)
    (?:\s*\(DMPC\))?                                                   # "(DMPC)" after the title
"""

# Asking verbs and their lemma; the nouns ("Approval", "delegation") count as the verb.
VERBS = {
    "approve": "approve", "approves": "approve", "approval": "approve", "approved": "approve",
    "note": "note", "notes": "note", "noted": "note",
    "agree": "agree", "agrees": "agree", "agreed": "agree",
    "delegate": "delegate", "delegates": "delegate", "delegated": "delegate", "delegation": "delegate",
    "accept": "accept", "accepts": "accept", "acceptance": "accept",
    "authorise": "authorise", "authorises": "authorise", "authorize": "authorise",
    "authorizes": "authorise", "authorisation": "authorise", "authorization": "authorise",
    "endorse": "endorse", "endorses": "endorse",
    "consider": "consider", "considers": "consider",
    "ratify": "ratify", "ratifies": "ratify",
    "confirm": "confirm", "confirms": "confirm",
    "award": "award", "awards": "award",
    "allocate": "allocate", "allocation": "allocate",
    "commit": "commit", "receive": "receive", "receipt": "receive",
}  # fmt: skip
# Noun forms: an item opening with one takes the lead-in's verb ("approve: 2. delegation of ...").
NOUNS = frozenset(
    {"approval", "delegation", "acceptance", "authorisation", "authorization", "allocation", "receipt"}
)
VERB_ALT = "|".join(sorted(VERBS, key=len, reverse=True))
# Present-tense verbs that can follow the decision maker directly ("The DMPC authorises ...");
# past tenses ("The DMPC approved ...") report earlier decisions.
DIRECT_ALT = "approves?|agrees?|notes?|delegates?|accepts?|authori[sz]es?|endorses?|ratif(?:y|ies)|confirms?"

# A line that opens a recommendations section: "Recommendation(s)", "Decision" (MD pages),
# or the 2025 label "Recommendation:" with the text on the same line.
HEADING_RE = re.compile(
    r"""
    ^(?:Recommendations?|Recommendation\(s\)|Decision(?:\s+required)?)  # the heading word(s)
    \s*(?::\s*(?P<rest>.*))?$                                            # optional label colon + text
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A sentence or lead-in in which the decision maker is asked: "That the DMPC is recommended to",
# "Further, the Deputy Mayor ... is asked to", "The DMPC to:", "That the Mayor approves".
ASK_RE = re.compile(
    rf"""
    ^(?:(?:Further(?:more)?|Additionally|Also|Finally|Lastly|In\s+addition),?\s+)?  # a linking adverb
    (?:That\s+)?(?:the\s+)?                                          # "That the ..."
    {SUBJECT}\s*
    (?:
        (?P<form>(?:is|are)\s+(?:(?:also|further|additionally|now)\s+)?   # "is (also) asked"
          (?:recommended|asked|requested|invited))
        (?:\s+to\b)?                                                  # "to" (640 drops it)
      | (?P<bare>to\b)                                                # "The DMPC to:"
      | (?=(?P<direct>{DIRECT_ALT})\b)                              # "That the Mayor approves"
      | (?=:)                                                         # "That the Mayor:"
    )
    \s*:?\s*                                                          # optional colon
    (?P<rest>.*)$                                                     # verb and object, if any
    """,
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)

# Impersonal asks: "It is recommended that ...", "This report recommends that ...".
IMPERSONAL_RE = re.compile(
    r"""
    ^(?:(?:Further(?:more)?|Additionally|Also|Finally|Lastly|In\s+addition),?\s+)?  # a linking adverb
    (?:It\s+is\s+(?:(?:also|further|additionally)\s+)?recommended\s+that     # impersonal form
      |(?:(?:This|The)\s+(?:report|paper|decision)|It)\s+  # the report, or "It also recommends"
        (?:(?:also|further)\s+)?recommends\s+that)
    \b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# An unmarked line that starts a new item: "Approve ...", "Approval for ...", "To note ...",
# "Formally accept ...", "That the signing ... be delegated".
ITEM_START_RE = re.compile(
    rf"""
    ^(?:To\s+|Formally\s+|Also\s+)?       # infinitive or adverb before the verb
    (?:{VERB_ALT})\b                     # the asking verb or its noun
    | ^That\s                             # subjunctive request
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Any asking verb, to fill `verb`.
VERB_RE = re.compile(rf"\b(?P<verb>{VERB_ALT})\b", re.IGNORECASE)

# Lead-in words that name no object: the list that follows is the object.
PURE_OBJECT_RE = re.compile(
    r"^(?:the\s+following(?:\s+\w+)?|as\s+follows|that|the|to)?\s*$",  # "approve the following:"
    re.IGNORECASE,
)

# A line ending mid-phrase: the next line carries on.
DANGLING_RE = re.compile(r"(?:,|\b(?:and|or|of|the|to|for|with|a|an|in|on|at|by|from|that))\s*$", re.I)

# Longest topic heading inside a list ("Special Policing Services with Arsenal and Tottenham Football Clubs").
SUBHEADING_MAX_WORDS = 12

# A lead-in's object ends in an open word ("...specifically the:", "... not limited to:").
SERIES_END_RE = re.compile(r"(?:;|;\s*(?:and|or)|,\s*(?:and|or))\s*$", re.IGNORECASE)

# "o" as a bullet: Word's hollow-circle bullet pasted to the web as a letter and spaces, the text on
# the same line ("o a variation to the contract;"). Never the word "o" elsewhere.
O_BULLET_RE = re.compile(
    r"""
    ^o                                                # the letter opens the line
    [ \t\u00a0]+                                      # then space(s)
    (?=[^\W_]|[£“"‘(])                                # then a word, a figure, a quote or a "("
    """,
    re.VERBOSE,
)

# The approval block that follows the recommendations on DMPC forms: the signer's role alone on a
# line, the interests declaration, "The above request has my approval." and "Signature: ... Date: ...".
# Any of them ends the list, even when the lead-in ("is recommended:") lets unmarked lines be items.
SIGN_OFF_RE = re.compile(
    r"""
    ^(?:(?:Deputy\s+Mayor\s+for\s+Policing\s+and\s+Crime|DMPC|Mayor\s+of\s+London      # role alone
         |Chief\s+(?:Executive|Finance)\s+Officer)\s*(?:\(DMPC\))?\s*$
      |I\s+confirm\s+(?:that\s+)?I\s+have\s+considered\b                           # the declaration
      |The\s+above\s+(?:request|proposal|decision)\s+(?:has|have)\s+my\s+approval\b
      |Signature\s*:|Signed\s*:|Date\s*:)                                           # the signature line
    """,
    re.VERBOSE | re.IGNORECASE,
)
