"""Settings from config.yaml, overridable by BOT_* environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

import yaml

from .engine import PolicySettings
from .matcher import MatchSettings

ENV_PREFIX = "BOT_"
ENV_NESTING = "__"
TELEGRAM_BASE_URL_ENV = "TELEGRAM_BASE_URL"  # documented short form of BOT_TELEGRAM__BASE_URL
REPO_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    """config.yaml or an override is unusable; the message says which key and why."""


@dataclass(frozen=True)
class ConversationSettings:
    """Channel-neutral conversation limits."""

    flood_max_questions: int = 8  # more questions than this from one user within the window...
    flood_window_seconds: float = 60.0  # ...get one polite slow-down reply, then silence until it passes


@dataclass(frozen=True)
class TelegramSettings:
    """How the Telegram adapter talks to the Bot API; the token is never here (TELEGRAM_BOT_TOKEN)."""

    base_url: str = "https://api.telegram.org/bot"
    poll_timeout: float = 30.0
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    send_retries: int = 3
    retry_backoff_seconds: float = 1.0
    overall_max_rate: float = 30.0
    group_max_rate: float = 20.0
    rate_limit_retries: int = 3
    max_message_chars: int = 4096
    max_button_chars: int = 60
    concurrent_updates: int = 64
    connection_pool_size: int = 256


@dataclass(frozen=True)
class Config:
    """Everything configurable, with paths already resolved against the config file's folder."""

    path: Path
    knowledge_dir: Path
    database: Path
    log_level: str
    max_file_bytes: int
    match: MatchSettings
    policy: PolicySettings
    conversation: ConversationSettings
    telegram: TelegramSettings


def default_config_path() -> Path:
    """./config.yaml if there is one, else the one bundled next to the package."""
    local = Path("config.yaml")
    return local if local.exists() else REPO_ROOT / "config.yaml"


def load_config(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read config.yaml and apply environment overrides such as BOT_DATABASE or BOT_ANSWER__MIN_COVERAGE."""
    path = Path(path) if path else default_config_path()
    environ = os.environ if environ is None else environ
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"config file {path} is not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"config file {path} must be a mapping")
    for name, value in environ.items():
        if name.startswith(ENV_PREFIX):
            _override(raw, name, value)
    if environ.get(TELEGRAM_BASE_URL_ENV):
        raw.setdefault("telegram", {})["base_url"] = environ[TELEGRAM_BASE_URL_ENV]
    base = path.resolve().parent
    try:
        return Config(
            path=path,
            knowledge_dir=base / str(raw["knowledge_dir"]),
            database=base / str(raw["database"]),
            log_level=str(raw.get("log_level", "INFO")).upper(),
            max_file_bytes=int(raw["knowledge"]["max_file_bytes"]),
            match=_section(MatchSettings, raw, "matcher"),
            policy=_section(PolicySettings, raw, "answer"),
            conversation=_section(ConversationSettings, raw, "conversation"),
            telegram=_section(TelegramSettings, raw, "telegram"),
        )
    except KeyError as exc:
        raise ConfigError(f"config file {path} lacks required key {exc}") from None


def _override(raw: dict, name: str, value: str) -> None:
    """Set the key named by an environment variable, e.g. BOT_ANSWER__MIN_COVERAGE -> answer.min_coverage."""
    keys = name[len(ENV_PREFIX):].lower().split(ENV_NESTING)
    node = raw
    for key in keys[:-1]:
        if not isinstance(node.get(key), dict):
            raise ConfigError(f"environment variable {name}: config has no section '{key}'")
        node = node[key]
    if keys[-1] not in node:
        raise ConfigError(f"environment variable {name}: config has no key '{'.'.join(keys)}'")
    node[keys[-1]] = yaml.safe_load(value) if value else value


def _section(cls: type, raw: dict, name: str) -> Any:
    """Build a settings dataclass from one section, refusing unknown keys and wrong types."""
    values = raw.get(name) or {}
    known = {f.name: f for f in fields(cls)}
    for key in values:
        if key not in known:
            raise ConfigError(f"config section '{name}' has unknown key '{key}'")
    kwargs = {}
    for key, value in values.items():
        want = type(getattr(cls(), key))
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or isinstance(value, bool) != (want is bool):
            raise ConfigError(f"config key '{name}.{key}' must be {want.__name__}, not {value!r}")
        kwargs[key] = value
    return cls(**kwargs)
