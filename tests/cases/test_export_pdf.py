"""The handover export's consult part and its PDF form (pure): decisions, open actions, text read back."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from pypdf import PdfReader

from commands.cases import card as c
from commands.cases.export import export_markdown
from commands.cases.pdf import markdown_to_pdf
from commands.consults.model import ActionItem, PastDecision
from tests.cases.test_summary import case

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def test_decisions_and_open_actions_are_in_the_export_and_its_pdf() -> None:
    info = c.VersionInfo(3, NOW, "u", "mdo", (), "mdo:4:2026-11-25")
    version = c.CardVersion(
        info, c.SafetyCard(danger_statement="We zijn bang dat Kind 1 gewond raakt — echt.")
    )
    decisions = [PastDecision(1, datetime(2026, 11, 25, 9, tzinfo=UTC), "Raadsonderzoek aanvragen.")]
    actions = [ActionItem(7, 2, "WBW-7K3Q-2M", "s", "evalueert de afspraken", date(2026, 11, 27), NOW)]
    document = export_markdown(
        case(), version, [], [], [info], {"s": "Sanne de Vries"}, now=NOW, timezone="Europe/Amsterdam",
        decisions=decisions, actions=actions,
    )  # fmt: skip
    assert "## Besluiten in het MDO\n- 25-11-2026: Raadsonderzoek aanvragen." in document
    assert "- evalueert de afspraken — Sanne de Vries, uiterlijk 27-11-2026" in document
    assert "(bron: MDO van 25-11-2026)" in document

    pdf = markdown_to_pdf(document, "Veiligheidskaart WBW-7K3Q-2M")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert reader.metadata is not None and reader.metadata.title == "Veiligheidskaart WBW-7K3Q-2M"
    assert "Besluiten in het MDO" in text and "25-11-2026: Raadsonderzoek aanvragen." in text
    assert "evalueert de afspraken - Sanne de Vries, uiterlijk 27-11-2026" in text
    assert "We zijn bang dat Kind 1 gewond raakt - echt." in text  # a dash Helvetica lacks, written plainly
    assert "niet beoordeeld" in text
