"""What a service running for months meets (issue 18): reloads that must free the engine they replace, look-alike
characters that must not change a figure, changed figures that provenance must refuse."""
from __future__ import annotations

import dataclasses
import gc

from bot.service.app import App, build_engine
from bot.service.reload import reload


def test_reloads_do_not_pile_old_engines_into_the_frozen_heap(config, knowledge_copy):
    """The frozen generation is never collected: what it holds after six reloads must be what it held after two
    (before issue 18 each reload added the replaced engine, cycles and all: +3.5 MB a reload)."""
    config = dataclasses.replace(config, knowledge_dir=knowledge_copy)
    app = App(config, build_engine(config), None)
    try:
        counts = []
        for _ in range(6):
            assert reload(app).ok
            counts.append(gc.get_freeze_count())
        assert counts[-1] < counts[1] * 1.1, f"frozen objects after each reload: {counts}"
    finally:
        gc.unfreeze()
