"""Family members by role only: "Kind 1 (8)", "moeder", "partner van moeder", "oma" — never a name. Pure.

A label passes when every word is a role word, a joining word, a number or an age in brackets; anything
else (a first name, a surname) is refused with a Dutch hint. One pass over the words: linear in the label.
"""

from __future__ import annotations

from commands.catalogue import t

ROLE_WORDS = frozenset(
    {
        "kind", "kinderen", "jeugdige", "jongere", "baby", "peuter", "kleuter", "tiener", "zoon", "dochter",
        "moeder", "vader", "ouder", "ouders", "mama", "papa", "stiefmoeder", "stiefvader", "stiefouder",
        "pleegmoeder", "pleegvader", "pleegouder", "pleegouders", "pleegkind", "adoptiefouder", "partner",
        "ex-partner", "expartner", "vriend", "vriendin", "oma", "opa", "grootouder", "grootouders", "broer",
        "zus", "zusje", "broertje", "halfbroer", "halfzus", "stiefbroer", "stiefzus", "tante", "oom", "neef",
        "nicht", "buurvrouw", "buurman", "buren", "huisgenoot", "verzorger", "verzorgster", "voogd", "gezin",
        "netwerk", "oppas", "gastouder", "mentor", "school", "leerkracht", "juf", "meester", "regiehouder",
        "jongste", "oudste", "middelste", "nieuwe", "biologische", "biologisch", "tweeling",
    }
)  # fmt: skip
JOINING = frozenset({"van", "de", "het", "en", "met", "&", "/", "-"})
AGE_WORDS = frozenset({"jaar", "jr", "mnd", "maanden", "weken"})


class NotARole(ValueError):
    """The label looks like a name; the message says how to write a role instead."""


def _age(word: str) -> bool:
    inner = word.strip("()")
    return (inner.isdigit() and len(inner) <= 2) or inner in AGE_WORDS


def is_role(label: str) -> bool:
    words = label.lower().replace(",", " ").split()
    if not words:
        return False
    for word in words:
        bare = word.strip(".:;")
        if bare in ROLE_WORDS or bare in JOINING:
            continue
        if bare.isdigit() and len(bare) <= 2:
            continue  # "Kind 1"
        if _age(bare):
            continue  # "(8)", "(8 jaar)"
        return False
    return any(word.strip(".:;()") in ROLE_WORDS for word in words)


def check_role(label: str) -> None:
    """Raise NotARole (a Dutch message) unless `label` names a family member by role."""
    if not is_role(label):
        raise NotARole(t("kaart.rol.geen_rol"))  # the label is not echoed: it may be a name
