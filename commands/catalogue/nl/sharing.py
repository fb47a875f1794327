"""Sharing the card: the legal basis (grondslag) asked in the request and consult dialogs, and how each share
shows on the card, in the export and in the inzage."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- the dialog fields (a display name has at most 24 characters; the question is in the help) ---
    "delen.veld.grondslag": "Grondslag voor delen",
    "delen.veld.grondslag.hulp": (
        "Op grond waarvan deel je de kaart met de deelnemers van het overleg? Leg het elke keer vast."
    ),
    "delen.veld.grondslag.hulp_optioneel": (
        "Op grond waarvan deel je de kaart? Verplicht als je de kaart deelt; "
        "leeg laten bij een anoniem consult."
    ),
    "delen.veld.toelichting": "Toelichting grondslag",
    "delen.veld.toelichting.voorbeeld": 'Bijv. "ouders en Kind 1 (14) gaven toestemming bij het huisbezoek"',
    "delen.veld.toelichting.hulp": (
        "Verplicht bij Anders. Welke toestemming, welke stap of welk wetsartikel; zonder namen of data."
    ),
    "delen.grondslag.toestemming": "Toestemming van het gezin (ouders, en het kind vanaf 12 jaar)",
    "delen.grondslag.meldcode": "Meldcode (stap 2: overleg met een deskundige of Veilig Thuis)",
    "delen.grondslag.wettelijke_taak": "Wettelijke taak (bijv. bij een OTS of raadsonderzoek)",
    "delen.grondslag.anders": "Anders, namelijk… (schrijf het in de toelichting)",
    "delen.fout.kies": "Kies op grond waarvan je de kaart deelt.",
    "delen.fout.anders_toelichting": (
        "Je koos Anders: schrijf in de toelichting op grond waarvan je de kaart deelt."
    ),
    "delen.fout.te_lang": "De toelichting mag hoogstens {max} tekens lang zijn (nu {length}).",
    # --- how a share reads ---
    "delen.grondslag_kort.toestemming": "toestemming van het gezin",
    "delen.grondslag_kort.meldcode": "meldcode (stap 2)",
    "delen.grondslag_kort.wettelijke_taak": "wettelijke taak",
    "delen.grondslag_kort.anders": "anders",
    "delen.met_toelichting": "{basis} ({note})",
    "delen.niet_vastgelegd": "grondslag niet vastgelegd",
    "delen.mdo": "{title} op {when}",
    "delen.mdo_onbekend": "een overleg",
    "delen.deelnemers": "de deelnemers van {consult}",
    "delen.regel": "- {when}: gedeeld met {to}, door {by} — grondslag: {basis}",
    "delen.regel_doorgeschoven": (
        "- {when}: gedeeld met {to} (doorgeschoven naar dit overleg), door {by} — grondslag: {basis}"
    ),
    "delen.titel": "Delen",
    "delen.niemand": "De kaart is nog met niemand gedeeld.",
    "delen.export.titel": "Gedeeld met, en op welke grondslag",
    "delen.export.uitleg": (
        "Elke keer dat de kaart met een expert of een overleg (MDO) is gedeeld, met de grondslag die de "
        "regiehouder toen vastlegde."
    ),
    # --- the consult dialog remembers the last basis ---
    "delen.mdo.vorige": (
        "Vorige keer deelde je de kaart met een overleg op grond van: {basis}. Geldt dat nog? Laat het dan "
        "staan; pas het anders aan."
    ),
    # --- to the expert who picks up, and the lead ---
    "delen.expert.grondslag": "De regiehouder deelt de kaart met je op grond van: {basis}.",
    # --- inzage ---
    "inzage.actie.kaart.delen": "deelde de kaart",
    "inzage.delen": "deelde de kaart met {to} (grondslag: {basis})",
    "inzage.delen_aanbod": (
        "stuurde een samenvatting van de kaart mee met de vraag aan {to} (grondslag: {basis})"
    ),
    "inzage.gedeeld_kop": "**Gedeeld**, met de grondslag van elke keer:",
}
