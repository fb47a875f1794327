"""Settings from the environment (prefix ERBIJ_, also read from `.env`).

A mistake in them is reported per variable in Dutch, never as pydantic's English: the admin reads which
variable is wrong and what it should look like.
"""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from commands import config
from commands.catalogue import t

MIN_SECRET_LENGTH = 16
CHANNEL_GUARD_MODES = ("delete", "warn", "off")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ERBIJ_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///erbij.db"
    mattermost_url: AnyHttpUrl | None = None
    mattermost_token: SecretStr | None = None
    mattermost_team: str | None = None
    public_url: AnyHttpUrl | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)
    secret: SecretStr | None = None
    timezone: str = config.DEFAULT_TIMEZONE
    command_tokens: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Operational knobs with safe defaults.
    coordinators_channel: str = config.DEFAULT_COORDINATORS_CHANNEL
    case_code_prefix: str = config.DEFAULT_CASE_CODE_PREFIX
    mattermost_verify_tls: bool = True
    tick_seconds: float = Field(default=30.0, gt=0)
    # The region's organisations and programmes the privacy guard never takes for a name, separated by ";".
    privacy_allowed_names: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Months after closing before a case's free text is erased (docs/privacy.md says why 12).
    retention_months: int = Field(default=config.DEFAULT_RETENTION_MONTHS, ge=1, le=240)
    # Erbij halen: a known face's head start (share of the round's deadline; 0 = off, at least the minimum
    # in working hours) and the weeks aboard before the check-in question.
    head_start_fraction: float = Field(default=config.DEFAULT_HEAD_START_FRACTION, ge=0, le=1)
    head_start_min_hours: float = Field(default=config.DEFAULT_HEAD_START_MIN_HOURS, ge=0, le=40)
    checkin_weeks: int = Field(default=config.DEFAULT_CHECKIN_WEEKS, ge=1, le=52)
    # The channel guard (docs/privacy.md): a post with an identifier in a channel Erbij is in is deleted where
    # Erbij may and its author told ("delete"), only its author told ("warn"), or nothing is watched ("off").
    channel_guard: str = "delete"

    @field_validator("command_tokens", mode="before")
    @classmethod
    def _split_tokens(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    @field_validator("privacy_allowed_names", mode="before")
    @classmethod
    def _split_names(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(t("admin.setting.timezone", value=value)) from err
        return value

    @field_validator("secret")
    @classmethod
    def _long_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Buttons, dialogs and calendar links are signed with it; a short secret can be guessed.
        if value is not None and len(value.get_secret_value()) < MIN_SECRET_LENGTH:
            raise ValueError(t("admin.setting.secret_short", length=len(value.get_secret_value())))
        return value

    @field_validator("channel_guard")
    @classmethod
    def _guard_mode(cls, value: str) -> str:
        mode = value.strip().lower()
        if mode not in CHANNEL_GUARD_MODES:
            raise ValueError(t("admin.setting.channel_guard", value=value))
        return mode

    @field_validator("case_code_prefix")
    @classmethod
    def _valid_prefix(cls, value: str) -> str:
        from commands.cases.codes import valid_prefix

        if not valid_prefix(value):
            raise ValueError(t("admin.setting.prefix", value=value))
        return value

    @property
    def public_base(self) -> str:
        return str(self.public_url).rstrip("/") if self.public_url else f"http://{self.host}:{self.port}"

    @property
    def mattermost_base(self) -> str:
        return str(self.mattermost_url).rstrip("/") if self.mattermost_url else ""


SERVE_REQUIRED = ("mattermost_url", "mattermost_token", "mattermost_team", "public_url", "secret")
# Fields whose value is never echoed back in a message (it would end up in a terminal or a log).
_SECRET_FIELDS = {"secret", "mattermost_token", "command_tokens"}
# Pydantic error types and the catalogue message that says the same in Dutch.
_MESSAGE_FOR_TYPE = {
    "int_parsing": "admin.setting.int",
    "int_from_float": "admin.setting.int",
    "float_parsing": "admin.setting.float",
    "bool_parsing": "admin.setting.bool",
    "url_parsing": "admin.setting.url",
    "url_scheme": "admin.setting.url",
    "url_type": "admin.setting.url",
    "greater_than_equal": "admin.setting.at_least",
    "less_than_equal": "admin.setting.at_most",
    "greater_than": "admin.setting.above",
}


class SettingsError(Exception):
    """Settings that stop Erbij from starting, with one Dutch line per problem naming the variable."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as err:
        raise SettingsError([problem_text(error) for error in err.errors()]) from None


def problem_text(error: ErrorDetails) -> str:
    """One pydantic validation error as a Dutch sentence that starts with the variable's name."""
    field = "_".join(str(part) for part in error["loc"] if not isinstance(part, int))
    name = f"ERBIJ_{field.upper()}"
    if error["type"] == "value_error":
        # Our own validators raise their Dutch catalogue message; pydantic keeps it as ctx["error"].
        message = str((error.get("ctx") or {}).get("error", ""))
        return message if message.startswith(name) else f"{name}: {message}"
    value = "(verborgen)" if field in _SECRET_FIELDS else repr(error.get("input"))
    ctx = error.get("ctx") or {}
    limit = ctx.get("ge", ctx.get("le", ctx.get("gt", "")))
    key = _MESSAGE_FOR_TYPE.get(error["type"], "admin.setting.invalid")
    return t(key, name=name, value=value, limit=limit)


def require_for_serve(settings: Settings, step: str = "serve") -> None:
    """Raise naming every setting `erbij <step>` needs to reach Mattermost and be reached by it."""
    missing = [
        t(
            "admin.setting.missing",
            name=f"ERBIJ_{name.upper()}",
            step=step,
            hint=t(f"admin.setting.hint.{name}"),
        )
        for name in SERVE_REQUIRED
        if getattr(settings, name) in (None, "")
    ]
    if missing:
        raise SettingsError(missing)
