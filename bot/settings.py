"""Settings from the environment (prefix ERBIJ_, also read from `.env`),
exactly as DESIGN.md §3 names them.
"""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


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
    timezone: str = "Europe/Amsterdam"
    command_tokens: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Beyond DESIGN.md §3: operational knobs with safe defaults.
    coordinators_channel: str = "erbij-coordinatie"
    case_code_prefix: str = "WBW"
    mattermost_verify_tls: bool = True
    tick_seconds: float = Field(default=30.0, gt=0)

    @field_validator("command_tokens", mode="before")
    @classmethod
    def _split_tokens(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"unknown time zone {value!r}") from err
        return value

    @field_validator("case_code_prefix")
    @classmethod
    def _valid_prefix(cls, value: str) -> str:
        from commands.cases.codes import valid_prefix

        if not valid_prefix(value):
            raise ValueError("2 to 5 capital letters, e.g. WBW")
        return value

    @property
    def public_base(self) -> str:
        return str(self.public_url).rstrip("/") if self.public_url else f"http://{self.host}:{self.port}"

    @property
    def mattermost_base(self) -> str:
        return str(self.mattermost_url).rstrip("/") if self.mattermost_url else ""


SERVE_REQUIRED = ("mattermost_url", "mattermost_token", "mattermost_team", "public_url", "secret")


class SettingsError(Exception):
    """Settings that stop Erbij from starting, with one line per problem naming the variable."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as err:
        problems = []
        for error in err.errors():
            name = "ERBIJ_" + "_".join(str(p) for p in error["loc"]).upper()
            problems.append(f"{name}: {error['msg']}")
        raise SettingsError(problems) from None


def require_for_serve(settings: Settings) -> None:
    missing = [
        f"ERBIJ_{name.upper()}: missing (required for `erbij serve`)"
        for name in SERVE_REQUIRED
        if getattr(settings, name) in (None, "")
    ]
    if missing:
        raise SettingsError(missing)
