"""Worst-case timing of the privacy guard: adversarial inputs at each free-text field's maximum length.

Run with `.venv/bin/python -m bench.bench_privacy`. Every check on user text must be linear in its length
(the guard once took ~65 s on 2,000 characters of "1 1 1 …"). For each field limit it times the guard on
inputs built to provoke backtracking or quadratic scans (runs of digits, spaces, separators, capitals,
e-mail and IBAN fragments, dates, names) and, as the baseline measured in the same run, on ordinary case
text of the same length. Prints the slowest case per limit and overall (target: under 50 ms of CPU time) and
its ratio to the baseline. Figures are reported, not asserted.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from commands.cases.card import SHORT_MAX, TEXT_MAX
from commands.consults.outcomes import DECISION_MAX
from commands.consults.registration import QUESTION_MAX as CONSULT_QUESTION_MAX
from commands.privacy import find_identifiers
from commands.requests.dialog import QUESTION_MAX as REQUEST_QUESTION_MAX

TARGET_MS = 50.0
LIMITS = {
    "kaart kort veld": SHORT_MAX,
    "kaart tekstveld": TEXT_MAX,
    "overleg vraag": CONSULT_QUESTION_MAX,
    "overleg besluit": DECISION_MAX,
    "hulpvraag (/erbij)": REQUEST_QUESTION_MAX,
    "kaart lijst / acties (textarea)": 3000,
    "slash-commando (notitie)": 4000,
    "kanaalbericht": 16383,  # Mattermost's maximum post length, for the channel guard
}
ORDINARY = (
    "Moeder geeft aan dat Kind 1 sinds maart 2025 vaker bang is als vader drinkt. De school ziet spanning "
    "in groep 7; afspraak met het wijkteam op dinsdag, OTS per 01-01-2025. Wat gaat goed: oma helpt mee. "
)
PATTERNS: dict[str, str] = {
    "cijfers met spaties": "1 ",
    "cijfers": "1",
    "cijfers met punten": "1.",
    "cijfers met streepjes": "1-",
    "cijfers met schuine strepen": "1/",
    "cijfers, dubbele spatie": "1  ",
    "cijfers tussen haakjes": "(1)",
    "plus en cijfers": "+1 ",
    "spaties": " ",
    "hoofdletters": "A",
    "hoofdletterwoorden": "AAA ",
    "naamwoorden": "Fatima ",
    "namen met streepje": "Aa-",
    "rol en naam": "moeder Fatima ",
    "apenstaartjes": "a@",
    "e-mailachtig": "a@b.",
    "iban-begin": "NL91 ",
    "iban-cijfers": "NL9",
    "datumstukjes": "12-12-",
    "maanden": "12 maart ",
    "postcodes": "4701 AB ",
    "huisnummers": "1 a ",
    "straat": "Kerkstraat-",
    "bsn-woord": "BSN 1 ",
    "komma's": "1 ,",
    "punten": ".",
}


def adversarial(length: int) -> dict[str, str]:
    cases = {name: (unit * (length // len(unit) + 1))[:length] for name, unit in PATTERNS.items()}
    rng = random.Random(13)
    alphabet = "0123456789 .-/()+@aAzZ,'\n"
    cases["willekeurig"] = "".join(rng.choice(alphabet) for _ in range(length))
    cases["cijferblok en letters"] = ("1" * (length // 2) + "a" * length)[:length]
    return cases


def timed(check: Callable[[str], object], text: str, repeat: int = 5) -> float:
    """The best of `repeat` runs, in milliseconds of this process's CPU time: what the check costs. On a
    shared machine wall-clock time mostly measures the other processes (the wall time is printed too)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        check(text)
        best = min(best, (time.process_time() - start) * 1000)
    return best


def wall(check: Callable[[str], object], text: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        check(text)
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def main() -> None:
    print(
        f"{'veld':34} {'max':>6} {'langzaamste geval':28} {'cpu ms':>8} {'wand ms':>8} {'basis ms':>9} {'ratio':>6}"
    )
    overall: tuple[float, str, str] = (0.0, "", "")
    for field, length in LIMITS.items():
        baseline = timed(find_identifiers, (ORDINARY * (length // len(ORDINARY) + 1))[:length])
        slowest = max((timed(find_identifiers, text), name) for name, text in adversarial(length).items())
        ms, name = slowest
        clock = wall(find_identifiers, adversarial(length)[name])
        ratio = ms / max(baseline, 1e-6)
        print(f"{field:34} {length:>6} {name:28} {ms:>8.1f} {clock:>8.1f} {baseline:>9.1f} {ratio:>6.1f}")
        if length <= REQUEST_QUESTION_MAX * 2 and ms > overall[0]:
            overall = (ms, field, name)
    ms, field, name = overall
    verdict = "binnen" if ms < TARGET_MS else "BOVEN"
    print(
        f"\nlangzaamste geval in een dialoogveld: {ms:.1f} ms ({field}, {name}); {verdict} de {TARGET_MS:.0f} ms"
    )
    # Linearity, independent of how busy the machine is: doubling the input should about double the time.
    growth = []
    for name in PATTERNS:
        small, large = adversarial(2000)[name], adversarial(8000)[name]
        growth.append((timed(find_identifiers, large) / max(timed(find_identifiers, small), 1e-6), name))
    worst, name = max(growth)
    print(f"groei van 2.000 naar 8.000 tekens (lineair ≈ 4): hoogste {worst:.1f} ({name})")


if __name__ == "__main__":
    main()
