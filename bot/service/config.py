"""Settings from config.yaml, overridable by BOT_* environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Mapping

import yaml

from bot.service.broadcast import Limits
from bot.engine.core import PolicySettings
from bot.engine.matcher import MatchSettings
from bot.kb.yamlfile import FileLimits
from bot.storage.writer import StorageSettings

ENV_PREFIX = "BOT_"
ENV_NESTING = "__"
BASE_URL_ENVS = {"telegram": "TELEGRAM_BASE_URL", "zalo": "ZALO_BASE_URL"}  # short forms of BOT_<CHANNEL>__BASE_URL
REPO_ROOT = Path(__file__).resolve().parents[2]


class ConfigError(Exception):
    """config.yaml or an override is unusable; the message says which key and why."""


@dataclass(frozen=True)
class ConversationSettings:
    """Channel-neutral conversation limits."""

    flood_per_minute: float = 20.0  # messages, commands and button presses a user may send a minute...
    flood_burst: int = 10  # ...with this many at once; beyond, one slow-down reply, then silence
    group_flood_per_minute: float = 60.0  # the same for a whole group
    group_flood_burst: int = 20
    memory_minutes: float = 10.0  # a chat's last answer and options are remembered this long
    memory_chats: int = 10_000  # at most this many chats are remembered (the least recent are forgotten)


@dataclass(frozen=True)
class ChannelLimits:
    """How fast a channel's broadcasts may go, how long one may be, and how many a month it may send."""

    overall_per_second: float = 30.0  # messages per second, all chats together
    group_per_minute: float = 20.0  # messages per minute to one group
    chat_per_second: float = 1.0  # about one message per second to one chat
    max_chars: int = 3500  # characters in a broadcast (within the channel's message limit)
    monthly_quota: int = 0  # broadcast messages a calendar month may carry (0: no quota)


@dataclass(frozen=True)
class TelegramSettings:
    """How the Telegram channel talks to the Bot API; the token is never here (TELEGRAM_BOT_TOKEN)."""

    enabled: bool = True  # run by `python -m bot serve`
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = ""  # empty: derived from base_url ("…/bot" -> "…/file/bot")
    poll_timeout: float = 30.0
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    webhook_url: str = ""  # public HTTPS address for webhook mode in `serve`; empty: long polling
    send_retries: int = 3
    retry_backoff_seconds: float = 1.0
    overall_max_rate: float = 30.0
    group_max_rate: float = 20.0
    rate_limit_retries: int = 3
    max_message_chars: int = 4096
    max_button_chars: int = 60
    concurrent_updates: int = 64
    connection_pool_size: int = 256
    broadcast: ChannelLimits = ChannelLimits()


@dataclass(frozen=True)
class ZaloSettings:
    """How the Zalo channel talks to the Zalo Bot API; the token is never here (ZALO_BOT_TOKEN)."""

    enabled: bool = False  # run by `python -m bot serve`
    base_url: str = "https://bot-api.zaloplatforms.com"
    poll_timeout: float = 30.0  # long-polling wait of getUpdates (seconds)
    request_timeout: float = 10.0  # any other request
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8444
    webhook_path: str = "zalo"
    webhook_url: str = ""  # public HTTPS address for webhook mode in `serve`; empty: long polling
    send_retries: int = 3
    retry_backoff_seconds: float = 1.0
    rate_limit_retries: int = 3
    max_message_chars: int = 2000
    bot_name: str = ""  # the bot's display name, stripped from "@name …" in groups (else asked of getMe)
    dedupe_messages: int = 10_000  # ids of this many recent messages are kept to drop a repeated delivery
    broadcast: ChannelLimits = ChannelLimits(overall_per_second=10.0, group_per_minute=20.0, chat_per_second=1.0,
                                             max_chars=1900, monthly_quota=3000)


@dataclass(frozen=True)
class BroadcastSettings:
    """What every channel's broadcasts share; each channel's pace is in its own section."""

    window_margin_seconds: float = 0.05  # each window is this much longer, so jitter never breaks a limit
    concurrency: int = 4  # messages in flight at once (also the most a crash can leave unconfirmed)
    max_attempts: int = 5  # failures that certainly did not deliver are retried, this many attempts in all
    backoff_seconds: float = 1.0
    progress_seconds: float = 3.0  # how often the admin's status is updated where the channel can edit
    fresh_status_seconds: float = 60.0  # where it cannot, a new status message at most this often
    storage_pause_seconds: float = 30.0  # a broadcast paused by a failing database retries at most this far apart


@dataclass(frozen=True)
class IngestSettings:
    """Drafting knowledge from article texts."""

    max_bytes: int = 1_000_000  # a larger article text is refused


@dataclass(frozen=True)
class ServiceSettings:
    """The running service (`python -m bot serve`)."""

    start_retry_seconds: float = 5.0  # a channel that cannot reach its server tries again after this...
    start_retry_max_seconds: float = 300.0  # ...doubling each time up to this
    prune_interval_hours: float = 24.0  # how often questions past the retention period are deleted


@dataclass(frozen=True)
class PrivacySettings:
    """What the question log keeps about people."""

    hash_ids: bool = True  # chat and user ids in the question log and feedback are salted-hashed
    retention_days: int = 365  # older questions (and their feedback) are deleted


@dataclass(frozen=True)
class ReloadSettings:
    """Live reload of the knowledge folder."""

    watch: bool = False  # reload by itself when a knowledge file changes
    watch_interval_seconds: float = 5.0
    pid_file: str = "data/bot.pid"  # `python -m bot reload` signals the process named here (SIGHUP)
    wait_seconds: float = 30.0  # how long `python -m bot reload` waits for the running bot's result
    max_upload_bytes: int = 1_000_000  # a larger uploaded knowledge file is refused
    backups_dir: str = "backups"  # inside the knowledge folder: replaced files, timestamped


@dataclass(frozen=True)
class ReportSettings:
    """What admins see of the question log."""

    days: int = 30  # default period of /chuatraloi and /thongke
    similar: float = 85.0  # questions this similar (rapidfuzz, 0-100) are counted as one
    top: int = 10  # rows in each list
    max_rows: int = 2000  # /chuatraloi groups at most this many of the latest unanswered questions


@dataclass(frozen=True)
class Config:
    """Everything configurable, with paths already resolved against the config file's folder."""

    path: Path
    knowledge_dir: Path
    database: Path
    log_level: str
    file_limits: FileLimits
    match: MatchSettings
    policy: PolicySettings
    conversation: ConversationSettings
    telegram: TelegramSettings
    zalo: ZaloSettings
    privacy: PrivacySettings
    reload: ReloadSettings
    reports: ReportSettings
    admins: dict[str, frozenset[str]]
    pid_file: Path
    broadcast: BroadcastSettings
    service: ServiceSettings
    storage: StorageSettings
    ingest: IngestSettings

    def channel(self, name: str) -> TelegramSettings | ZaloSettings:
        """A chat channel's settings."""
        return {"telegram": self.telegram, "zalo": self.zalo}[name]

    def broadcast_limits(self, channel: str) -> Limits:
        """The broadcast limits of a channel: its own pace, the shared retry and concurrency settings."""
        pace = self.channel(channel).broadcast if channel in ("telegram", "zalo") else ChannelLimits()
        shared = self.broadcast
        return Limits(pace.overall_per_second, pace.group_per_minute, pace.chat_per_second,
                      shared.window_margin_seconds, shared.concurrency, shared.max_attempts, shared.backoff_seconds,
                      shared.progress_seconds, pace.max_chars, pace.monthly_quota, shared.storage_pause_seconds)


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
    for channel, variable in BASE_URL_ENVS.items():
        if environ.get(variable):
            raw.setdefault(channel, {})["base_url"] = environ[variable]
    base = path.resolve().parent
    try:
        return Config(
            path=path,
            knowledge_dir=base / str(raw["knowledge_dir"]),
            database=base / str(raw["database"]),
            log_level=str(raw.get("log_level", "INFO")).upper(),
            file_limits=_section(FileLimits, raw, "knowledge"),
            match=_section(MatchSettings, raw, "matcher"),
            policy=_section(PolicySettings, raw, "answer"),
            conversation=_section(ConversationSettings, raw, "conversation"),
            telegram=_section(TelegramSettings, raw, "telegram"),
            zalo=_section(ZaloSettings, raw, "zalo"),
            privacy=_section(PrivacySettings, raw, "privacy"),
            reload=_section(ReloadSettings, raw, "reload"),
            reports=_section(ReportSettings, raw, "reports"),
            admins=_admins(raw.get("admins") or {}),
            pid_file=base / str((raw.get("reload") or {}).get("pid_file", ReloadSettings.pid_file)),
            broadcast=_section(BroadcastSettings, raw, "broadcast"),
            service=_section(ServiceSettings, raw, "service"),
            storage=_section(StorageSettings, raw, "storage"),
            ingest=_section(IngestSettings, raw, "ingest"),
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
    return _settings(cls(), raw.get(name) or {}, name)


def _settings(base: Any, values: Any, name: str) -> Any:
    """Settings from a mapping over their defaults (nested settings, such as a channel's `broadcast`, over
    theirs), refusing unknown keys and wrong types."""
    if not isinstance(values, dict):
        raise ConfigError(f"config section '{name}' must be a mapping")
    known = {f.name for f in fields(base)}
    changes = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"config section '{name}' has unknown key '{key}'")
        default = getattr(base, key)
        if is_dataclass(default):
            changes[key] = _settings(default, value, f"{name}.{key}")
            continue
        want = type(default)
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or isinstance(value, bool) != (want is bool):
            raise ConfigError(f"config key '{name}.{key}' must be {want.__name__}, not {value!r}")
        changes[key] = value
    return replace(base, **changes)


def _admins(raw: Any) -> dict[str, frozenset[str]]:
    """admins: {channel: [user id, ...]} with ids as strings (Telegram's are numbers, Zalo's are text)."""
    if not isinstance(raw, dict):
        raise ConfigError("config key 'admins' must map a channel to a list of user ids")
    out = {}
    for channel, ids in raw.items():
        if ids is None:
            ids = []
        if not isinstance(ids, list) or not all(isinstance(i, (int, str)) and not isinstance(i, bool) for i in ids):
            raise ConfigError(f"config key 'admins.{channel}' must be a list of user ids")
        out[str(channel)] = frozenset(str(i) for i in ids)
    return out
