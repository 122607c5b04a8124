"""Per-chat memory of the conversation (per user in groups): the last answer, the options offered, the place
and topic, forgotten after a time-out."""
from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Callable

from handlers.messages import Incoming, Option


@dataclass(frozen=True)
class ChatState:
    """What the bot remembers of one conversation."""

    last_question: str = ""  # the last question asked (what "còn Hoành Bồ thì sao?" repeats)
    last_places: frozenset[str] = frozenset()  # the places it was about
    last_fact: str = ""  # the fact that answered it ("nguồn ở đâu?" asks about it)
    feedback_for: int | None = None  # the logged question a 👍/👎 typed now refers to (right after an answer)
    options: tuple[Option, ...] = ()  # options offered and not yet chosen: picked by number or by their words
    alternatives: tuple[Option, ...] = ()  # the choices not taken when one was picked ("còn bên kia?")
    clarified: bool = False  # the options are the choices a clarification of the last question offered
    answered: tuple[str, ...] = ()  # the facts answered, the most recent first ("quay về thị xã lúc nãy")
    updated: float = 0.0


Key = tuple[str, str, str]
HISTORY = 6  # answers a conversation can go back to: memory per chat stays bounded


def with_answer(state: ChatState, *fact_ids: str) -> tuple[str, ...]:
    """The answered facts once `fact_ids` are answered (an answer may give several): they first, in their order,
    each fact once, at most HISTORY."""
    return tuple(dict.fromkeys((*fact_ids, *state.answered)))[:HISTORY]


class Memory:
    """Chat states by (channel, chat, user in groups), each forgotten `timeout` seconds after it last changed;
    at most `capacity` are kept (the least recently used go first)."""

    def __init__(self, timeout: float, capacity: int, clock: Callable[[], float] = time.monotonic):
        self.timeout, self.capacity, self.clock = timeout, capacity, clock
        self._states: OrderedDict[Key, ChatState] = OrderedDict()

    @staticmethod
    def key(msg: Incoming) -> Key:
        """Whose conversation a message belongs to: the chat, and in a group the user too."""
        return msg.channel, msg.chat_id, msg.user_id if msg.is_group else ""

    def get(self, key: Key) -> ChatState:
        """The state of a conversation (a fresh one after the time-out)."""
        state = self._states.get(key)
        if state is None or self.clock() - state.updated > self.timeout:
            return ChatState()
        return state

    def put(self, key: Key, state: ChatState) -> None:
        """Remember a conversation's new state."""
        self._states[key] = replace(state, updated=self.clock())
        self._states.move_to_end(key)
        while len(self._states) > self.capacity:
            self._states.popitem(last=False)

    def forget(self, key: Key) -> None:
        """Start a conversation afresh."""
        self._states.pop(key, None)
