"""Privacy: the inzage overview (who saw a card), retention and the channel guard."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- inzage (AVG art. 15): who read, changed, exported or was refused the card ---
    "inzage.kop": (
        "**Inzage {code}**: wie de kaart las, wijzigde, exporteerde of werd geweigerd ({count} regels)."
    ),
    "inzage.leeg": "Voor {code} staat nog niets in het auditlog.",
    "inzage.regel": "- {when}  {who}: {what}",
    "inzage.namens": " (namens {who})",
    "inzage.samenvatting": "Hadden toegang: {readers}.",
    "inzage.met_onderdeel": "{action} ({part})",
    "inzage.geweigerd": "geweigerd: {action}",
    "inzage.beheerder": "een beheerder op de opdrachtregel ({login})",
    "inzage.systeem": "Erbij zelf",
    "inzage.onbekend": "iemand die niet meer in het rooster staat",
    "inzage.alleen_regiehouder": (
        "Alleen de regiehouder van {code} kan zien wie de kaart heeft ingezien. Vraag het de regiehouder; "
        "een beheerder kan het ook met `erbij audit {code}`."
    ),
    "inzage.actie.kaart.lezen": "las de kaart",
    "inzage.actie.kaart.wijzigen": "wijzigde de kaart",
    "inzage.actie.kaart.exporteren": "exporteerde de kaart",
    "inzage.actie.casus.aanmaken": "maakte de casus aan",
    "inzage.actie.auditlog.lezen": "bekeek wie de kaart heeft ingezien",
    "inzage.actie.overleg.inbrengen": "bracht de casus in bij het overleg",
    "inzage.actie.retentie.wissen": "wiste de inhoud na de bewaartermijn",
    "inzage.rol.regiehouder": "regiehouder",
    "inzage.rol.expert": "expert",
    "inzage.rol.voorzitter": "voorzitter",
    "inzage.rol.coordinator": "coördinator",
    "inzage.rol.beleid": "beleid",
    # --- retention ---
    "retentie.droog.niets": (
        "Niets te wissen: geen gesloten casus is langer dan {months} maanden dicht (gesloten vóór {limit})."
    ),
    "retentie.droog.kop": (
        "Bij een echte run wordt de inhoud van {count} gesloten casus(sen) gewist (dicht sinds vóór {limit}, "
        "bewaartermijn {months} maanden):"
    ),
    "retentie.droog.regel": "- {code}, gesloten op {closed}",
    "retentie.droog.blijft": (
        "Gewist worden de teksten van de kaart, de hulpvragen en de overlegteksten. Blijven: de casuscode, "
        "het kader, de data, de schaalscores voor de monitor en het auditlog. Er is nu niets gewist."
    ),
    "retentie.klaar": (
        "Bewaartermijn toegepast: de inhoud van {count} casus(sen) gewist, {outbox} oude berichten uit de "
        "uitgaande wachtrij verwijderd."
    ),
    # --- the channel guard: a direct message to whoever posted an identifier in a channel Erbij is in ---
    "kanaalwacht.weggehaald": (
        "Je bericht in {where} bevatte {found}. Ik heb het weggehaald: in een kanaal leest iedereen mee en "
        "Mattermost bewaart alles. Zet het er gerust opnieuw in, met alleen de casuscode en rollen zoals "
        '"Kind 1" of "moeder"; een datum als maand en jaar.'
    ),
    "kanaalwacht.haal_weg": (
        "Je bericht in {where} bevat {found}. Haal het weg (bij je bericht: ··· > Verwijderen): in een "
        "kanaal leest iedereen mee en Mattermost bewaart alles. Zet het er daarna opnieuw in, met alleen de "
        'casuscode en rollen zoals "Kind 1" of "moeder"; een datum als maand en jaar.'
    ),
    "kanaalwacht.al_weg": (
        "Je bericht in {where} bevatte {found}. Het is al weggehaald, dank je. Gebruik in een kanaal alleen "
        'de casuscode en rollen zoals "Kind 1" of "moeder"; een datum als maand en jaar.'
    ),
    "kanaalwacht.direct": (
        "Je bericht aan mij bevat {found}. Haal het weg (bij je bericht: ··· > Verwijderen): ook een direct "
        "bericht bewaart Mattermost. Ik heb er niets van opgeslagen. Gebruik alleen de casuscode en rollen "
        'zoals "Kind 1" of "moeder"; een datum als maand en jaar.'
    ),
    "kanaalwacht.groep": "het groepsgesprek",
}
