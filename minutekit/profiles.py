"""Profiles: a council's house style, as what its minutes must contain.

A profile says which parts an agenda item must have; each part is one requirement of
the JSON Schema (or MK108 for "an outcome in any form"), so choosing a profile chooses
the schema requirements that are checked. Built in:

- ``seeds`` (the default): the house style of the seeds: a title, a Recommended block,
  a contact line, ``Minutes:``, a Resolved block and an ACTION line naming its owner;
- ``moderngov``: what every council's minutes have: an outcome, in any of the forms
  councils write it (resolved, decided, agreed, noted). Nothing else is required.

A council defines its own in its configuration::

    [tool.minutekit.profiles.borsetshire]
    description = "Borsetshire: a title and a Resolved block, no ACTION line"
    require = ["title", "resolved"]

and chooses it with ``profile = "borsetshire"`` (or ``--profile borsetshire``). A
profile may also spell its headings its own way and name the posts that own actions::

    [tool.minutekit.profiles.borsetshire.headings]
    minutes = ["Proceedings:"]
    resolved = ["DETERMINED:"]

    [tool.minutekit.profiles.borsetshire]
    owners = ["Chief Executive", "Director of Place"]   # MK109 checks ACTION owners

A heading spelling is a whole line (white space collapsed) read as that part's heading;
it adds to the grammar's spellings and never replaces them. The house's own page chrome
(a banner its site prints before every item) is given the same way, as lines read as
page furniture before the title::

    [profiles.borsetshire.headings]
    chrome = ["Welcome to Borsetshire Council", "Borsetshire - meetings and decisions"]
"""

from __future__ import annotations

import attrs

__all__ = ["BUILT_IN", "PARTS", "Profile"]

#: The parts a profile can require, and the rule that reports each one missing.
PARTS: dict[str, str] = {
    "title": "MK101",
    "minutes-heading": "MK102",
    "resolved": "MK103",
    "action": "MK104",
    "action-owner": "MK105",
    "recommended": "MK106",
    "contact": "MK107",
    "outcome": "MK108",
}


@attrs.frozen
class Profile:
    """What an item must contain, as rule codes to run and to leave out."""

    name: str
    description: str
    require: tuple[str, ...]
    #: The house's own heading spellings, as (part, heading) pairs.
    headings: tuple[tuple[str, str], ...] = ()
    #: The posts that may own an action; empty: any (MK109 is not run).
    owners: tuple[str, ...] = ()

    @property
    def enable(self) -> tuple[str, ...]:
        owners = ("MK109",) if self.owners else ()
        return tuple(PARTS[part] for part in self.require) + owners

    @property
    def ignore(self) -> tuple[str, ...]:
        return tuple(code for part, code in PARTS.items() if part not in self.require)


BUILT_IN: dict[str, Profile] = {
    "seeds": Profile(
        "seeds",
        "The seeds' house style: title, Recommended block, contact line, 'Minutes:',"
        " a Resolved block and an ACTION line naming its owner.",
        (
            "title",
            "minutes-heading",
            "resolved",
            "action",
            "action-owner",
            "recommended",
            "contact",
        ),
    ),
    "moderngov": Profile(
        "moderngov",
        "What every council's minutes have: an outcome (resolved, decided, agreed or noted).",
        ("outcome",),
    ),
}
