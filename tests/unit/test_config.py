"""The configuration: every default written once (the shipped config.yaml), the operator's partial file layered
over it with unknown keys refused, environment variables on top."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from bot.service import config as config_module
from bot.service.config import DEFAULTS, REPO_ROOT, ConfigError, load_config


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_partial_file_is_layered_over_the_shipped_defaults(tmp_path):
    user = write(tmp_path / "config.yaml", "database: state/bot.sqlite3\nanswer:\n  place_margin: 7.5\n"
                                          "zalo:\n  enabled: true\n  broadcast:\n    monthly_quota: 50\n"
                                          "admins:\n  zalo: [abc]\n")
    shipped = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))
    config = load_config(user, environ={})
    assert config.path == user
    assert config.database == tmp_path / "state" / "bot.sqlite3"  # relative to the file that set it
    assert config.knowledge_dir == REPO_ROOT / shipped["knowledge_dir"]  # the shipped default, relative to it
    assert config.policy.place_margin == 7.5
    assert config.policy.min_coverage == shipped["answer"]["min_coverage"]  # untouched keys keep the default
    assert config.zalo.enabled and config.zalo.broadcast.monthly_quota == 50
    assert config.zalo.broadcast.max_chars == shipped["zalo"]["broadcast"]["max_chars"]
    assert config.admins["zalo"] == frozenset({"abc"}) and config.admins["telegram"] == frozenset()


@pytest.mark.parametrize("text, key", [("log_levle: DEBUG\n", "log_levle"),
                                       ("answer:\n  place_margn: 3\n", "answer.place_margn"),
                                       ("zalo:\n  broadcast:\n    quota: 3\n", "zalo.broadcast.quota"),
                                       ("admins:\n  telegarm: [1]\n", "admins.telegarm")])
def test_an_unknown_key_is_refused_naming_it(tmp_path, text, key):
    user = write(tmp_path / "mine.yaml", text)
    with pytest.raises(ConfigError) as error:
        load_config(user, environ={})
    assert f"unknown key '{key}'" in str(error.value) and str(user) in str(error.value)
    assert "\n" not in str(error.value)


def test_wrong_types_and_shapes_are_refused(tmp_path):
    for text, words in (("answer:\n  place_margin: many\n", "answer.place_margin' must be float"),
                        ("answer: 3\n", "'answer' must be a mapping"), ("- a\n", "must be a mapping"),
                        ("log_level: LOUD\n", "log_level")):
        with pytest.raises(ConfigError, match=words):
            load_config(write(tmp_path / "c.yaml", text), environ={})


def test_environment_overrides_come_last_and_bot_config_names_the_file(tmp_path, monkeypatch):
    user = write(tmp_path / "etc.yaml", "answer:\n  place_margin: 7.5\nreload:\n  pid_file: run/bot.pid\n")
    config = load_config(None, environ={"BOT_CONFIG": str(user), "BOT_ANSWER__PLACE_MARGIN": "9",
                                        "BOT_DATABASE": "/var/lib/cbccvc-bot/bot.sqlite3"})
    assert config.path == user and config.policy.place_margin == 9.0
    assert config.database == Path("/var/lib/cbccvc-bot/bot.sqlite3")
    assert config.pid_file == tmp_path / "run" / "bot.pid"
    with pytest.raises(ConfigError, match="BOT_ANSWER__NOPE"):
        load_config(None, environ={"BOT_ANSWER__NOPE": "1"})
    monkeypatch.chdir(tmp_path)  # no ./config.yaml here and no BOT_CONFIG: the shipped defaults alone
    assert load_config(None, environ={}).path == DEFAULTS


def test_every_default_is_written_once_in_the_shipped_file():
    """The settings classes of the configuration carry no default of their own: config.yaml has them all."""
    classes = [c for c in vars(config_module).values()
               if dataclasses.is_dataclass(c) and c.__module__ == config_module.__name__ and c.__name__ != "Config"]
    assert len(classes) >= 10
    with_defaults = [f"{c.__name__}.{f.name}" for c in classes for f in dataclasses.fields(c)
                     if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING]
    assert not with_defaults
    load_config(DEFAULTS, environ={})  # and the shipped file sets every field (a missing one is an error)


def test_a_key_missing_from_the_shipped_file_is_an_error(tmp_path, monkeypatch):
    shipped = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))
    del shipped["zalo"]["webhook_max_bytes"]
    monkeypatch.setattr(config_module, "DEFAULTS", write(tmp_path / "shipped.yaml", yaml.safe_dump(shipped)))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="zalo.webhook_max_bytes' is missing"):
        load_config(None, environ={})


def test_the_deployment_file_is_a_valid_partial_configuration():
    config = load_config(REPO_ROOT / "deploy" / "config.yaml", environ={})
    assert config.database == Path("/var/lib/cbccvc-bot/bot.sqlite3")
    assert config.pid_file == Path("/run/cbccvc-bot/bot.pid") and config.service.health_port == 8080
    assert config.match == load_config(DEFAULTS, environ={}).match  # everything else is the shipped default


def test_settings_classes_outside_the_configuration_agree_with_the_shipped_file():
    """The engine's settings (PolicySettings, MatchSettings) have no defaults at all; the few classes that keep
    defaults for their own callers (file limits, the storage writer, the broadcast pace) must not disagree."""
    from bot.engine.core import PolicySettings
    from bot.engine.matcher import MatchSettings
    from bot.kb.yamlfile import FileLimits
    from bot.service.broadcast import Limits
    from bot.storage.writer import StorageSettings
    for cls in (PolicySettings, MatchSettings):
        assert all(f.default is dataclasses.MISSING for f in dataclasses.fields(cls)), cls.__name__
    shipped = load_config(DEFAULTS, environ={})
    loaded = {FileLimits: shipped.file_limits, StorageSettings: shipped.storage,
              Limits: shipped.broadcast_limits("terminal")}
    differ = [f"{cls.__name__}.{f.name}: {f.default} in code, {getattr(value, f.name)} in config.yaml"
              for cls, value in loaded.items() for f in dataclasses.fields(cls)
              if f.default is not dataclasses.MISSING and f.default != getattr(value, f.name)]
    assert not differ


def test_the_salt_variable_is_a_secret_not_a_setting():
    config = load_config(REPO_ROOT / "config.yaml", environ={"BOT_ID_SALT": "not-a-config-key"})
    assert config.database
