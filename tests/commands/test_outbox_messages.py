"""The one way handlers build an outbox message: to a person's DM or to a channel."""

from __future__ import annotations

from datetime import UTC, datetime

from commands.outbox import (
    FileAttachment,
    OutgoingMessage,
    Recipient,
    channel_message,
    direct_message,
    outgoing,
)
from commands.replies import Button, Message

AT = datetime(2026, 11, 23, 8, tzinfo=UTC)


def test_a_direct_message_goes_to_the_persons_dm_and_text_becomes_a_message() -> None:
    assert direct_message("kaart-nieuw:WBW-7K3Q-2B", "u-lotte", "Klaar.") == OutgoingMessage(
        "kaart-nieuw:WBW-7K3Q-2B", Recipient.user("u-lotte"), Message("Klaar.")
    )


def test_a_channel_message_keeps_a_whole_message_and_every_option() -> None:
    message = Message("Hulp gezocht", buttons=(Button("Ik zoek iemand", "escalation.claim", {"e": "1"}),))
    file = FileAttachment("rapport.png", b"png", "image/png")
    built = channel_message("e:1:2", "erbij-coordinatie", message, replaces="e:1", not_before=AT, file=file)
    assert built == OutgoingMessage("e:1:2", Recipient.channel("erbij-coordinatie"), message, "e:1", AT, file)


def test_outgoing_takes_either_recipient_and_the_two_shorthands_are_the_same_message() -> None:
    to_person = outgoing("k", Recipient.user("u-lotte"), "Hallo", replaces="k0")
    assert to_person == direct_message("k", "u-lotte", Message("Hallo"), replaces="k0")
    to_channel = outgoing("k", Recipient.channel("mdo"), Message("Agenda"), not_before=AT)
    assert to_channel == channel_message("k", "mdo", "Agenda", not_before=AT)
