"""The administrator's documents stay true to the code: every setting and every URL is documented, the
example settings file is valid, and the nginx example passes on exactly the URLs Erbij serves.

When someone adds a setting or an endpoint, these fail until the README, the example settings file and the
proxy example say so too.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from starlette.routing import Route

from bot.http import create_app
from bot.settings import Settings, require_for_serve
from commands import config

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = ROOT / "deploy" / "erbij.env.example"
NGINX = (ROOT / "deploy" / "nginx-erbij.conf").read_text(encoding="utf-8")
SETTINGS = sorted(f"ERBIJ_{name.upper()}" for name in Settings.model_fields)


def routes() -> list[str]:
    app = create_app(None)  # type: ignore[arg-type]
    return sorted({route.path for route in app.routes if isinstance(route, Route)})


def example_values() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip().strip('"')
    return values


@pytest.mark.parametrize("name", SETTINGS)
def test_every_setting_is_in_the_readme_and_the_example_file(name: str) -> None:
    assert f"`{name}`" in README
    assert name in example_values()


def test_the_example_settings_file_is_complete_and_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(example_values()):
        assert name in SETTINGS, f"{name} in {ENV_EXAMPLE.name} is not a setting"
    for key, value in example_values().items():
        monkeypatch.setenv(key, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    require_for_serve(settings)  # everything `erbij serve` needs is there
    assert settings.public_base == "https://erbij.example.nl"


def test_the_example_settings_file_reads_the_same_in_sh_as_in_systemd() -> None:
    """deploy/erbij-admin sources the file with sh, systemd reads it as an EnvironmentFile: a value with a
    space or a shell character must be in double quotes, or sh runs part of it as a command."""
    sh = subprocess.run(
        ["sh", "-c", 'set -a; . "$1"; env', "sh", str(ENV_EXAMPLE)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
    )
    seen = dict(line.split("=", 1) for line in sh.stdout.splitlines() if line.startswith("ERBIJ_"))
    assert sh.stderr == ""
    assert seen == example_values()


@pytest.mark.parametrize("path", routes())
def test_every_url_is_in_the_readme_under_the_public_url(path: str) -> None:
    assert f"<ERBIJ_PUBLIC_URL>{path}" in README


def nginx_locations() -> dict[tuple[bool, str], str]:
    """Each `location` block of the example: (exact?, path) -> its body, braces matched."""
    found = {}
    for match in re.finditer(r"^\s*location\s+(=\s+)?(\S+)\s*\{", NGINX, flags=re.MULTILINE):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(NGINX[end], 0)
            end += 1
        found[(bool(match.group(1)), match.group(2))] = NGINX[match.end() : end - 1]
    return found


def proxied(path: str) -> bool:
    """nginx's choice for `path` (an exact match wins, else the longest prefix): is it passed to Erbij?"""
    locations = nginx_locations()
    if (True, path) in locations:
        return "proxy_pass" in locations[(True, path)]
    prefix = max((p for exact, p in locations if not exact and path.startswith(p)), key=len)
    return "proxy_pass" in locations[(False, prefix)]


def test_the_nginx_example_passes_on_every_url_and_nothing_else() -> None:
    assert routes() == [
        "/healthz",
        "/kalender/overleg.ics",
        "/mattermost/action",
        "/mattermost/command",
        "/mattermost/dialog",
    ]
    for path in routes():
        assert proxied(path), f"{path} is not passed on to Erbij"
    for path in ("/", "/docs", "/openapi.json", "/admin", "/kalender/"):
        assert not proxied(path), f"{path} should not reach Erbij"
    assert (False, "/") in nginx_locations()


def test_the_calendar_feed_token_stays_out_of_the_proxy_log() -> None:
    assert "access_log off;" in nginx_locations()[(True, "/kalender/overleg.ics")]


@pytest.mark.parametrize(
    ("name", "default"),
    [
        ("ERBIJ_TIMEZONE", config.DEFAULT_TIMEZONE),
        ("ERBIJ_COORDINATORS_CHANNEL", config.DEFAULT_COORDINATORS_CHANNEL),
        ("ERBIJ_CASE_CODE_PREFIX", config.DEFAULT_CASE_CODE_PREFIX),
        ("ERBIJ_HEAD_START_FRACTION", f"{config.DEFAULT_HEAD_START_FRACTION:g}"),
        ("ERBIJ_HEAD_START_MIN_HOURS", f"{config.DEFAULT_HEAD_START_MIN_HOURS:g}"),
        ("ERBIJ_CHECKIN_WEEKS", str(config.DEFAULT_CHECKIN_WEEKS)),
        ("ERBIJ_RETENTION_MONTHS", str(config.DEFAULT_RETENTION_MONTHS)),
    ],
)
def test_the_readme_states_the_defaults_defined_in_commands_config(name: str, default: str) -> None:
    """The defaults live in one place (commands/config.py); the README's table must say the same."""
    (row,) = [line for line in README.splitlines() if line.startswith(f"| `{name}` |")]
    assert row.rstrip().endswith(f"| `{default}` |"), row
    setting = Settings.model_fields[name.removeprefix("ERBIJ_").lower()].default
    assert str(setting) == str(type(setting)(default))  # the environment's default is the same one
