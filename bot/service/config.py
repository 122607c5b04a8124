"""Settings: the shipped config.yaml holds every default once; the operator's partial file is layered over it;
BOT_* environment variables override both."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, get_type_hints

import yaml

from bot.engine.core import PolicySettings
from bot.engine.matcher import MatchSettings
from bot.kb.yamlfile import FileLimits
from bot.storage.settings import SALT_ENV, StorageSettings  # light: no SQLite on the path of `ask --no-log`

if TYPE_CHECKING:
    from bot.service.broadcast import Limits

try:  # libyaml reads config.yaml in a tenth of the time (the pure-Python parser was a sixth of `ask`'s start)
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

ENV_PREFIX = "BOT_"
ENV_NESTING = "__"
BASE_URL_ENVS = {"telegram": "TELEGRAM_BASE_URL", "zalo": "ZALO_BASE_URL"}  # short forms of BOT_<CHANNEL>__BASE_URL
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULTS = REPO_ROOT / "config.yaml"  # the shipped file: every default, written once
CACHE_DIR = "cache"  # beside the database: the index cache (a folder the bot writes anyway, also in a container)
CONFIG_ENV = "BOT_CONFIG"  # the operator's file, when --config is not given


class ConfigError(Exception):
    """config.yaml or an override is unusable; the message says which key and why."""


@dataclass(frozen=True)
class ConversationSettings:
    """Channel-neutral conversation limits."""

    flood_per_minute: float  # messages, commands and button presses a user may send a minute...
    flood_burst: int  # ...with this many at once; beyond, one slow-down reply, then silence
    group_flood_per_minute: float  # the same for a whole group
    group_flood_burst: int
    memory_minutes: float  # a chat's last answer and options are remembered this long
    memory_chats: int  # at most this many chats are remembered (the least recent are forgotten)


@dataclass(frozen=True)
class ChannelLimits:
    """How fast a channel's broadcasts may go, how long one may be, and how many a month it may send."""

    overall_per_second: float  # messages per second, all chats together
    group_per_minute: float  # messages per minute to one group
    chat_per_second: float  # about one message per second to one chat
    max_chars: int  # characters in a broadcast (within the channel's message limit)
    monthly_quota: int  # broadcast messages a calendar month may carry (0: no quota)


@dataclass(frozen=True)
class TelegramSettings:
    """How the Telegram channel talks to the Bot API; the token is never here (TELEGRAM_BOT_TOKEN)."""

    enabled: bool  # run by `python -m bot serve`
    base_url: str
    base_file_url: str  # empty: derived from base_url ("…/bot" -> "…/file/bot")
    poll_timeout: float
    webhook_listen: str
    webhook_port: int
    webhook_path: str
    webhook_url: str  # public HTTPS address for webhook mode in `serve`; empty: long polling
    send_retries: int
    retry_backoff_seconds: float
    overall_max_rate: float
    group_max_rate: float
    rate_limit_retries: int
    max_message_chars: int
    max_button_chars: int
    concurrent_updates: int
    connection_pool_size: int
    broadcast: ChannelLimits


@dataclass(frozen=True)
class ZaloSettings:
    """How the Zalo channel talks to the Zalo Bot API; the token is never here (ZALO_BOT_TOKEN)."""

    enabled: bool  # run by `python -m bot serve`
    base_url: str
    poll_timeout: float  # long-polling wait of getUpdates (seconds)
    request_timeout: float  # any other request
    webhook_listen: str
    webhook_port: int
    webhook_path: str
    webhook_url: str  # public HTTPS address for webhook mode in `serve`; empty: long polling
    send_retries: int
    retry_backoff_seconds: float
    rate_limit_retries: int
    max_message_chars: int
    bot_name: str  # the bot's display name, stripped from "@name …" in groups (else asked of getMe)
    dedupe_messages: int  # ids of this many recent messages are kept to drop a repeated delivery
    webhook_max_bytes: int  # a webhook body announced larger is refused before it is read
    broadcast: ChannelLimits


@dataclass(frozen=True)
class BroadcastSettings:
    """What every channel's broadcasts share; each channel's pace is in its own section."""

    window_margin_seconds: float  # each window is this much longer, so jitter never breaks a limit
    concurrency: int  # messages in flight at once (also the most a crash can leave unconfirmed)
    max_attempts: int  # failures that certainly did not deliver are retried, this many attempts in all
    backoff_seconds: float
    progress_seconds: float  # how often the admin's status is updated where the channel can edit
    fresh_status_seconds: float  # where it cannot, a new status message at most this often
    storage_pause_seconds: float  # a broadcast paused by a failing database retries at most this far apart
    pace: ChannelLimits  # channels without a section of their own (the terminal)


@dataclass(frozen=True)
class IngestSettings:
    """Drafting knowledge from article texts."""

    max_bytes: int  # a larger article text is refused


@dataclass(frozen=True)
class ServiceSettings:
    """The running service (`python -m bot serve`)."""

    start_retry_seconds: float  # a channel that cannot reach its server tries again after this...
    start_retry_max_seconds: float  # ...doubling each time up to this
    prune_interval_hours: float  # how often questions past the retention period are deleted
    health_listen: str  # the /healthz endpoint listens here...
    health_port: int  # ...on this port (0: no endpoint)
    health_stale_seconds: float  # a polling channel with no successful poll for this long is not ready


@dataclass(frozen=True)
class LogSettings:
    """Where log lines go besides stderr."""

    file: str  # also write to this file, rotated by size ("": stderr only)
    max_bytes: int  # a log file is rotated at this size...
    backups: int  # ...keeping this many old ones
    library_debug: bool  # at DEBUG, let python-telegram-bot and httpx log too (whole updates and URLs)


@dataclass(frozen=True)
class PrivacySettings:
    """What the question log keeps about people."""

    hash_ids: bool  # chat and user ids in the question log and feedback are salted-hashed
    retention_days: int  # older questions (and their feedback) are deleted


@dataclass(frozen=True)
class ReloadSettings:
    """Live reload of the knowledge folder."""

    watch: bool  # reload by itself when a knowledge file changes
    watch_interval_seconds: float
    pid_file: str  # `python -m bot reload` signals the process named here (SIGHUP)
    wait_seconds: float  # how long `python -m bot reload` waits for the running bot's result
    max_upload_bytes: int  # a larger uploaded knowledge file is refused
    backups_dir: str  # inside the knowledge folder: replaced files, timestamped


@dataclass(frozen=True)
class ReportSettings:
    """What admins see of the question log."""

    days: int  # default period of /chuatraloi and /thongke
    similar: float  # questions this similar (rapidfuzz, 0-100) are counted as one
    top: int  # rows in each list
    max_rows: int  # /chuatraloi groups at most this many of the latest unanswered questions


@dataclass(frozen=True)
class Config:
    """Everything configurable, with paths already resolved (see `load_config`)."""

    path: Path  # the operator's file layered over the shipped defaults (the shipped file when there is none)
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
    logs: LogSettings
    storage: StorageSettings
    ingest: IngestSettings
    cache_dir: Path | None = None  # the built index is kept here between starts (None: index_cache is off)

    def channel(self, name: str) -> TelegramSettings | ZaloSettings:
        """A chat channel's settings."""
        return {"telegram": self.telegram, "zalo": self.zalo}[name]

    def broadcast_limits(self, channel: str) -> Limits:
        """The broadcast limits of a channel: its own pace, the shared retry and concurrency settings."""
        from bot.service.broadcast import Limits  # the store, sqlite-utils: only where broadcasts are sent
        pace = self.channel(channel).broadcast if channel in ("telegram", "zalo") else self.broadcast.pace
        shared = self.broadcast
        return Limits(pace.overall_per_second, pace.group_per_minute, pace.chat_per_second,
                      shared.window_margin_seconds, shared.concurrency, shared.max_attempts, shared.backoff_seconds,
                      shared.progress_seconds, pace.max_chars, pace.monthly_quota, shared.storage_pause_seconds)


def config_path(given: Path | str | None, environ: Mapping[str, str]) -> Path | None:
    """The file to layer over the shipped defaults: --config, else $BOT_CONFIG, else ./config.yaml (unless it
    is the shipped file itself)."""
    if given:
        return Path(given)
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV])
    local = Path("config.yaml")
    if local.exists() and local.resolve() != DEFAULTS.resolve():
        return local
    return None


def load_config(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """The shipped config.yaml (every default, once), the operator's file layered over it (only the keys it
    changes; an unknown key is refused), then BOT_* environment overrides such as BOT_DATABASE or
    BOT_ANSWER__MIN_COVERAGE. Relative paths are resolved against the folder of the file that sets them
    (environment overrides: against the operator's file's folder, else the shipped file's)."""
    environ = os.environ if environ is None else environ
    raw = _read(DEFAULTS)
    user_path = config_path(path, environ)
    if user_path is not None and user_path.resolve() == DEFAULTS.resolve():
        user_path = None
    user = _read(user_path) if user_path is not None else {}
    base = user_path.resolve().parent if user_path is not None else DEFAULTS.parent
    _layer(raw, user, "", user_path or DEFAULTS)
    for name, value in environ.items():
        if name.startswith(ENV_PREFIX) and name not in (CONFIG_ENV, SALT_ENV):
            _override(raw, name, value)
    for channel, variable in BASE_URL_ENVS.items():
        if environ.get(variable):
            raw[channel]["base_url"] = environ[variable]

    def where(value: Any, keys: tuple[str, ...], user_keys: dict) -> Path:
        """A path setting resolved against the folder of whoever set it."""
        node: Any = user_keys
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        folder = base if node is not None or _from_env(keys, environ) else DEFAULTS.parent
        return folder / str(value)

    reload = _build(ReloadSettings, raw["reload"], "reload")
    logs = _build(LogSettings, raw["logs"], "logs")
    if logs.file:
        logs = replace(logs, file=str(where(logs.file, ("logs", "file"), user)))
    database = where(raw["database"], ("database",), user)
    return Config(
        path=user_path or DEFAULTS,
        knowledge_dir=where(raw["knowledge_dir"], ("knowledge_dir",), user),
        database=database,
        log_level=_log_level(raw["log_level"]),
        file_limits=_build(FileLimits, raw["knowledge"], "knowledge"),
        match=_build(MatchSettings, raw["matcher"], "matcher"),
        policy=_build(PolicySettings, raw["answer"], "answer"),
        conversation=_build(ConversationSettings, raw["conversation"], "conversation"),
        telegram=_build(TelegramSettings, raw["telegram"], "telegram"),
        zalo=_build(ZaloSettings, raw["zalo"], "zalo"),
        privacy=_build(PrivacySettings, raw["privacy"], "privacy"),
        reload=reload,
        reports=_build(ReportSettings, raw["reports"], "reports"),
        admins=_admins(raw.get("admins") or {}),
        pid_file=where(reload.pid_file, ("reload", "pid_file"), user),
        broadcast=_build(BroadcastSettings, raw["broadcast"], "broadcast"),
        service=_build(ServiceSettings, raw["service"], "service"),
        logs=logs,
        storage=_build(StorageSettings, raw["storage"], "storage"),
        ingest=_build(IngestSettings, raw["ingest"], "ingest"),
        cache_dir=database.parent / CACHE_DIR if _flag(raw["index_cache"], "index_cache") else None,
    )


def _read(path: Path) -> dict:
    """One YAML configuration file as a mapping (ConfigError on anything else)."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"config file {path} is not valid YAML: {exc}") from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"config file {path} must be a mapping")
    return raw


def _layer(base: dict, over: dict, prefix: str, path: Path) -> None:
    """Put the operator's values over the defaults in place, refusing keys the defaults do not have."""
    for key, value in over.items():
        name = f"{prefix}{key}"
        if key not in base:
            raise ConfigError(f"config file {path}: unknown key '{name}'")
        if isinstance(base[key], dict):
            if value is None:
                continue
            if not isinstance(value, dict):
                raise ConfigError(f"config file {path}: '{name}' must be a mapping")
            _layer(base[key], value, f"{name}.", path)
        else:
            base[key] = value


def _from_env(keys: tuple[str, ...], environ: Mapping[str, str]) -> bool:
    """Whether an environment variable sets this key."""
    return (ENV_PREFIX + ENV_NESTING.join(keys).upper()) in environ


def _flag(value: Any, name: str) -> bool:
    """A yes/no setting."""
    if not isinstance(value, bool):
        raise ConfigError(f"config key '{name}' must be true or false, not {value!r}")
    return value


def _log_level(value: Any) -> str:
    """A logging level name."""
    level = str(value).upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        raise ConfigError(f"config key 'log_level' must be DEBUG, INFO, WARNING or ERROR, not {value!r}")
    return level


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
    try:
        node[keys[-1]] = yaml.safe_load(value) if value else value
    except yaml.YAMLError:
        raise ConfigError(f"environment variable {name}: not a readable value") from None


def _build(cls: type, values: Any, name: str) -> Any:
    """A settings dataclass from its section of the layered configuration: every field must be there (the
    shipped config.yaml holds them all), of its type; nested settings (a channel's `broadcast`) likewise."""
    if not isinstance(values, dict):
        raise ConfigError(f"config section '{name}' must be a mapping")
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    for key in values:
        if key not in known:
            raise ConfigError(f"config section '{name}' has unknown key '{key}'")
    out = {}
    for f in fields(cls):
        if f.name not in values:
            raise ConfigError(f"config key '{name}.{f.name}' is missing (the shipped {DEFAULTS} must set it)")
        want, value = hints[f.name], values[f.name]
        if is_dataclass(want):
            out[f.name] = _build(want, value, f"{name}.{f.name}")
            continue
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or isinstance(value, bool) != (want is bool):
            raise ConfigError(f"config key '{name}.{f.name}' must be {want.__name__}, not {value!r}")
        out[f.name] = value
    return cls(**out)


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
