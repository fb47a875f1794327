"""Neutral replies → Mattermost JSON (command responses, post props with buttons, dialogs, action results)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.signing import Signer
from commands.replies import ActionResult, Button, Dialog, DialogField, DialogResult, Message, Reply

BUTTON_STYLES = {"default": "default", "primary": "primary", "success": "success", "danger": "danger"}
DIALOG_TITLE_MAX = 24
# Dialogs live while someone types; long enough for a careful question, short enough to limit replay.
DIALOG_LIFETIME = timedelta(hours=2)


class Renderer:
    def __init__(self, signer: Signer, public_base: str, button_lifetime: timedelta) -> None:
        self.signer = signer
        self.action_url = f"{public_base}/mattermost/action"
        self.dialog_url = f"{public_base}/mattermost/dialog"
        self.button_lifetime = button_lifetime

    def command_response(self, reply: Reply | None, now: datetime) -> dict[str, Any]:
        if reply is None:
            return {"response_type": "ephemeral", "text": ""}
        text, props = self.post(reply.message, now)
        body: dict[str, Any] = {"response_type": "ephemeral", "text": text}
        if props.get("attachments"):
            body["attachments"] = props["attachments"]
        return body

    def post(self, message: Message, now: datetime) -> tuple[str, dict[str, Any]]:
        """Message text and post props; sections and buttons become attachments."""
        attachments: list[dict[str, Any]] = [
            {
                "title": section.title,
                "text": section.text,
                "fields": [{"title": k, "value": v, "short": True} for k, v in section.fields],
            }
            for section in message.sections
        ]
        if message.buttons:
            actions = [self._button(i, b, now) for i, b in enumerate(message.buttons)]
            attachments.append({"text": "", "actions": actions})
        return message.text, ({"attachments": attachments} if attachments else {})

    def _button(self, index: int, button: Button, now: datetime) -> dict[str, Any]:
        token = self.signer.sign({"a": button.action, "d": button.data}, now + self.button_lifetime)
        return {
            "id": f"erbij{index}",  # Mattermost routes on alphanumeric ids only
            "type": "button",
            "name": button.label,
            "style": BUTTON_STYLES[button.style],
            "integration": {"url": self.action_url, "context": {"t": token}},
        }

    def dialog(self, dialog: Dialog, now: datetime) -> dict[str, Any]:
        state = self.signer.sign({"c": dialog.callback, "s": dialog.state}, now + DIALOG_LIFETIME)
        return {
            "callback_id": dialog.callback,
            "title": dialog.title[:DIALOG_TITLE_MAX],
            "introduction_text": dialog.introduction,
            "elements": [self._element(f) for f in dialog.fields],
            "submit_label": dialog.submit_label,
            "notify_on_cancel": False,
            "state": state,
        }

    @staticmethod
    def _element(field: DialogField) -> dict[str, Any]:
        element: dict[str, Any] = {
            "display_name": field.label,
            "name": field.name,
            "type": field.kind,
            "optional": field.optional,
        }
        if field.default:
            element["default"] = field.default
        if field.placeholder:
            element["placeholder"] = field.placeholder
        if field.help:
            element["help_text"] = field.help
        if field.options:
            element["options"] = [{"text": o.label, "value": o.value} for o in field.options]
        if field.subtype:
            element["subtype"] = field.subtype
        if field.data_source:
            element["data_source"] = field.data_source
        if field.max_length is not None:
            element["max_length"] = field.max_length
        if field.min_length is not None:
            element["min_length"] = field.min_length
        return element

    def action_response(self, result: ActionResult, now: datetime) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if result.update is not None:
            text, props = self.post(result.update, now)
            # `props: {}` removes the old buttons; Mattermost keeps them when props is null.
            body["update"] = {"message": text, "props": props}
        if result.ephemeral:
            body["ephemeral_text"] = result.ephemeral
        return body

    @staticmethod
    def dialog_response(result: DialogResult) -> dict[str, Any]:
        if result.field_errors:
            return {"errors": dict(result.field_errors)}
        if result.error:
            return {"error": result.error}
        return {}
