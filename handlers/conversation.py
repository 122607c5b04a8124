"""The conversation, the same on every channel: routes what arrives (question, command, admin command, option
picked, feedback, follow-up), keeps each chat's memory, and sends structured replies through the channel's
Port — buttons where the channel has them, numbered lines and words typed back where it does not."""
from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from dataclasses import replace
from enum import StrEnum
from typing import Awaitable, Callable

from bot.service.app import App
from bot.service.broadcast import Progress
from bot.engine.core import ANSWER, CLARIFY, DECLINE, NO_MATCH, NOT_GIVEN, UNKNOWN_PLACE, Answer
from bot.kb.knowledge import NOT_STATED, Fact
from bot.engine import followup as engine_followup
from bot.engine.followup import Context
from bot.engine import message
from bot.service.flood import DROP, OK, WARN, FloodGate
from bot.engine.render import STRONG, Line, answer_lines, line, numbered, vn_date
from bot.language.text import fold

from handlers import admin, commands, followup
from handlers.commands import Action, Who
from handlers.memory import ChatState, Memory, with_answer
from handlers.messages import Incoming, Option, Outgoing, Port, Press, PressResult, split_command

log = logging.getLogger(__name__)



class Button(StrEnum):
    """What an option does when chosen: "p:<fact id>", "v:<question id>:<1|0>", "b:<go|no>:<broadcast id>"."""

    PICK = "p"
    VOTE = "v"
    BROADCAST = "b"


PICK, VOTE, BROADCAST = Button.PICK, Button.VOTE, Button.BROADCAST
MAX_INCOMING_CHARS = 4096  # Telegram's own bound on a message; nothing the bot reads needs more (a message is
#                            read up to matcher.max_message_chars, a broadcast up to its max_chars)

HELP_TEXT = (
    "Mình trả lời câu hỏi về số liệu cán bộ, công chức, viên chức theo các bài báo, kèm nguồn.\n"
    "Cứ gõ câu hỏi (có dấu hay không dấu đều được), ví dụ:\n{examples}\n"
    "Hỏi tiếp được luôn: “còn Hoành Bồ thì sao?”, “nguồn ở đâu?”, “năm nào?”; chọn gợi ý bằng số (“2”).\n"
    "Góp ý câu trả lời: 👍 hoặc 👎 (hay “đúng”, “sai”).\n"
    "Trong nhóm: gọi @tên_bot, trả lời tin nhắn của bot, hoặc dùng /hoi <câu hỏi>.\n"
    "{commands}"
)
ASK_USAGE = "Bạn gõ /hoi kèm câu hỏi nhé, ví dụ: /hoi Đông Triều có bao nhiêu trí thức?"
SOURCES_HEADER = "Các bài báo mình đang dùng:"
SOURCES_ITEM = "{n}. {title} — {publisher}, {date}, tác giả {author} ({facts} thông tin)"
SLOW_DOWN = "Bạn hỏi hơi nhanh. Bạn đợi khoảng {seconds} giây rồi hỏi tiếp nhé."
SUBSCRIBED = "Đã đăng ký nhận thông báo cập nhật cho cuộc trò chuyện này."
ALREADY_SUBSCRIBED = "Cuộc trò chuyện này đã đăng ký nhận thông báo từ trước."
UNSUBSCRIBED = "Đã hủy đăng ký nhận thông báo cập nhật."
NOT_SUBSCRIBED = "Cuộc trò chuyện này chưa đăng ký nhận thông báo."
ADMIN_ONLY = "Trong nhóm, chỉ quản trị viên của nhóm mới đăng ký hoặc hủy đăng ký nhận thông báo."
NO_STORE = "Chức năng này đang tạm tắt."
FEEDBACK_THANKS = "Cảm ơn bạn đã góp ý!"
STORE_BUSY = "Hệ thống đang bận, bạn thử lại sau ít phút nhé."
FLOOD = "flood"  # audit action of a user slowed down, and of the flood's end
TEXT_ONLY = "Mình chỉ đọc được tin nhắn chữ. Bạn gõ câu hỏi giúp mình nhé."
FAILED = "Xin lỗi, mình gặp lỗi khi trả lời tin nhắn này. Bạn thử hỏi lại theo cách khác nhé."
PICK_HINT = "(Gõ số {first}–{last} để chọn.)"
NO_SUCH_PICK = "Chỉ có {count} gợi ý ở trên, bạn gõ số từ 1 đến {count} để chọn nhé."
NO_CHOICES = "Hiện không có gợi ý nào để chọn. Bạn cứ gõ câu hỏi nhé."
STILL_OPEN = "Gợi ý ở câu trước vẫn chọn được (gõ số 1–{last}):"
NOTHING_PENDING = "Không có gì đang chờ bạn gửi hay hủy. Bạn cứ gõ câu hỏi nhé."
DROPPED = "Vâng, bỏ qua các gợi ý trên. Bạn cứ hỏi câu khác nhé."
ACKNOWLEDGED = "Vâng ạ. Bạn cần tra thêm số liệu nào cứ hỏi nhé."
# "ok" is not thanks (nor, with no answer to judge, a vote): it only acknowledges.
_ACKNOWLEDGEMENTS = {"ok", "oke", "okay", "oki", "okie", "ok a", "vang", "vang a", "da", "da vang", "u", "um",
                     "uh", "duoc roi", "da hieu", "hieu roi", "ro roi"}
ACTION_HINT = "(Gõ số để chọn, hoặc “gửi” / “hủy”.)"
# The kinds of place a choice may be picked by ("cái tỉnh ấy"), and the words that pick a share ("cái phần trăm")
_PICKED_KINDS = ("tinh", "huyen", "thi xa", "thanh pho", "xa")
_SHARE_WORDS = "tỷ lệ phần trăm"
_NUMBER = re.compile(r"\d+")
# What asking for a figure reads as ("số mấy", "bao nhiêu"): no word a choice must say to be the one asked of
_ASKING_WORDS = {"so", "bao", "nhieu"}
META = {
    "time": "Thời điểm của số liệu: {time} (bài đăng ngày {date}).",
    "source": "Thông tin trên lấy từ bài “{title}” — {publisher}, ngày {date}, tác giả {author}.{url}",
    "author": "Bài “{title}” do {author} viết ({publisher}, ngày {date}).",
    "no_author": "Bài “{title}” không nêu tên tác giả ({publisher}, ngày {date}).",
    "date": "Bài “{title}” đăng ngày {date} trên {publisher}.",
}
NO_AUTHOR_ROLE = "Bài viết không nói tác giả giữ chức vụ gì."
META_URL = " Đường dẫn: {url}"
META_NO_URL = " Bài không có đường dẫn trực tuyến."

Starter = Callable[[str, int, str, "str | None"], None]  # channel, broadcast id, status chat, status message


class Conversation:
    """The bot's side of every chat, for every channel."""

    def __init__(self, app: App, starter: Starter | None = None, clock: Callable[[], float] = time.monotonic,
                 flood: bool = True):
        conv = app.config.conversation
        self.app = app
        self.memory = Memory(conv.memory_minutes * 60, conv.memory_chats, clock)
        self.clock = clock
        self.starter = starter  # runs a confirmed broadcast (the runtime's, or a test's)
        # Off where one trusted person types (the terminal); else per user and, in groups, per group.
        self.users = FloodGate(conv.flood_per_minute, conv.flood_burst, clock) if flood else None
        self.groups = FloodGate(conv.group_flood_per_minute, conv.group_flood_burst, clock) if flood else None

    # ------------------------------------------------------------ what arrives

    async def handle(self, msg: Incoming, port: Port) -> None:
        """Reply to one message through its channel's port (or stay silent). A failure of the bot's own is
        logged and answered with an apology, so the user is not left waiting; a port that cannot send even that
        raises the first failure to its channel, as before."""
        try:
            await self._handle(msg, port)
        except Exception as error:  # noqa: BLE001 - whatever failed, the user gets one line and the log the rest
            log.exception("could not answer a message on %s", msg.channel)
            try:
                await port.send(msg.chat_id, _text(FAILED))
            except Exception:  # noqa: BLE001 - the port itself failed: the channel handles its own failures
                raise error from None

    async def _handle(self, msg: Incoming, port: Port) -> None:
        """`handle`, failures raised."""
        if len(msg.text) > MAX_INCOMING_CHARS:  # cut before any work: a forged 2 MB text must not hold the loop
            msg = replace(msg, text=msg.text[:MAX_INCOMING_CHARS])
        command = commands.find(msg.text)
        if msg.is_group and not split_command(msg.text)[0] and not msg.addressed and msg.attachment is None:
            return  # group chatter not meant for the bot
        if msg.attachment is not None and msg.is_group and not admin.command_of(msg.text) \
                and not msg.attachment.name.lower().endswith((".yaml", ".yml")):
            return  # files shared among staff are none of the bot's business
        verdict = self._flood(msg)
        if verdict == WARN:
            await port.send(msg.chat_id, _text(SLOW_DOWN.format(seconds=self._wait(msg))))
        if verdict != OK:
            return
        if msg.unsupported:
            await port.send(msg.chat_id, _text(TEXT_ONLY))
        elif msg.attachment is not None:
            await self._admin_reply(msg, port, await admin.receive_file(self.app, msg))
        elif command is not None and command.who == Who.ADMIN:
            if self.app.is_admin(msg.channel, msg.user_id):
                await port.typing(msg.chat_id)  # reloads and reports take a moment
            await self._admin_reply(msg, port, await admin.handle(self.app, msg, port.capabilities.files))
        elif command is not None:
            await self._routes[command.action](msg, port, split_command(msg.text)[1])
        elif split_command(msg.text)[0]:
            if not msg.is_group:  # in a group it may be another bot's command
                await self._help(msg, port, "")
        else:
            await self._words(msg, port, msg.text.strip())

    @property
    def _routes(self) -> dict[Action, Callable[[Incoming, Port, str], Awaitable[None]]]:
        """Everyone's commands (handlers/commands.py), each to its handler."""
        return {Action.HELP: self._help, Action.SOURCES: self._sources, Action.ASK: self._ask,
                Action.SUBSCRIBE: self._subscribe, Action.UNSUBSCRIBE: self._unsubscribe}

    async def press(self, press: Press, port: Port) -> PressResult:
        """A button pressed: pick, vote or broadcast decision."""
        kind, _, rest = press.action.partition(":")
        msg = Incoming(press.channel, press.chat_id, press.user_id, "")
        verdict = self._flood(msg)
        if verdict != OK:
            return PressResult(SLOW_DOWN.format(seconds=self._wait(msg)) if verdict == WARN else "")
        if kind == VOTE:
            question_id, _, vote = rest.partition(":")
            if not question_id.isdigit() or vote not in ("0", "1"):
                return PressResult()
            return PressResult(self._feedback(msg, int(question_id), int(vote)), drop_buttons=True)
        if kind == BROADCAST:
            return PressResult(await self._broadcast_decision(msg, port, rest, press.message_id))
        if kind == PICK and rest:
            await self._pick(msg, port, rest)
            return PressResult()
        log.warning("unknown button action %r", press.action)
        return PressResult()

    # ------------------------------------------------------------ words

    async def _words(self, msg: Incoming, port: Port, text: str) -> None:
        """Text that is not a command: an option chosen, feedback, a follow-up, or a question."""
        key = self.memory.key(msg)
        state = self.memory.get(key)
        actions = [o for o in state.options if not o.action.startswith(PICK + ":")]
        go = followup.confirmation_word(text)
        if actions:
            index = followup.picked(text, len(actions)) if not port.capabilities.buttons else None
            if go is not None or index is not None:
                chosen = actions[index] if index is not None else _action_for(actions, go)
                if chosen is not None:
                    self.memory.put(key, replace(state, options=()))
                    note = await self._broadcast_decision(msg, port, _target(chosen), "")
                    if note:
                        await port.send(msg.chat_id, _text(note))
                    return
        if _acknowledgement(text):  # "ok" acknowledges; it neither thanks nor votes
            await port.send(msg.chat_id, _text(ACKNOWLEDGED))
            return
        vote = followup.feedback(text)
        if vote is not None and state.feedback_for is not None:
            self.memory.put(key, replace(state, feedback_for=None))
            await port.send(msg.chat_id, _text(self._feedback(msg, state.feedback_for, vote)))
            return
        if go is not None and not actions:  # "hủy" with no draft waiting is not a question
            dropped = not go and bool(state.options)
            if dropped:
                self.memory.put(key, replace(state, options=()))
            await port.send(msg.chat_id, _text(DROPPED if dropped else NOTHING_PENDING))
            return
        picks = [o for o in state.options if o.action.startswith(PICK + ":")]
        if picks:
            index = followup.picked(text, len(picks))
            # ("còn viên chức thì sao?" among the choices: the one of viên chức, as "viên chức" alone picks it)
            shifted = engine_followup.shift(text)
            words = shifted.rest if shifted is not None else text
            chosen = (index,) if index is not None else () if self._asks_anew(text, picks) else \
                followup.picked_by_words(words, [self._described(o) for o in picks], [self._place_of(o) for o in picks],
                                         self.app.engine.kb.aliases.folded)
            if len(chosen) > 1:  # several of the place named: the question asked there, answered or not
                answer = self.app.engine.asked_of_place(state.last_question, text, [_target(picks[i]) for i in chosen])
                given = _facts_given(answer)
                await self._answer(msg, port, answer, text)
                if given:
                    self.memory.put(key, replace(self.memory.get(key), alternatives=tuple(
                        o for o in picks if _target(o) not in given)))
                return
            if chosen:
                await self._pick(msg, port, _target(picks[chosen[0]]))
                self.memory.put(key, replace(self.memory.get(key),
                                             alternatives=tuple(o for i, o in enumerate(picks) if i not in chosen)))
                return
            if followup.picked_beyond(text, len(picks)):  # "số 3" of two: the choices stay open
                await port.send(msg.chat_id, _text(NO_SUCH_PICK.format(count=len(picks))))
                return
        elif followup.picked_beyond(text, 0):
            # "số 1" with no choices on screen: said so, and the thread's last question stays what a correction
            # ("à nhầm, ý là huyện Hoành Bồ") asks again
            await port.send(msg.chat_id, _text(NO_CHOICES))
            return
        if state.alternatives and followup.the_other(text):
            # "còn bên kia?" after one of the choices was picked: the other one, or the one of the other place;
            # of several, which one is asked
            other = self._the_other(state, followup.other_kind(text))
            if other is not None:
                await self._take_alternative(msg, port, state, other)
            else:
                await self._answer(msg, port, self.app.engine.offer(text, [_target(o) for o in state.alternatives]),
                                   text)
            return
        elsewhere = self._at_the_other_place(text, state)
        if elsewhere is not None:  # "còn bên kia?" after the thread moved from one place to another: the first one
            text = elsewhere
        named = self._named_other(text, state) if state.alternatives and elsewhere is None else None
        if named is not None:  # "thế nghị quyết còn lại thì số mấy?" after one of the choices was picked
            await self._take_alternative(msg, port, state, named)
            return
        meant = self._meant_instead(text, state) if state.alternatives else None
        if meant is not None:  # "à thôi, ý mình là sở KHCN Lạng Sơn" after another place's choice: that place's
            await self._take_alternative(msg, port, state, meant)
            return
        recalled = self.app.engine.recall(text, _context(state))
        if recalled is not None and followup.meta(recalled[1]):
            # "còn bài về huyện lúc nãy thì ai viết?": about an earlier answer
            await self._meta(msg, port, followup.meta(recalled[1]), replace(state, last_fact=recalled[0].id))
            return
        kind = followup.meta(text) if state.last_fact else None
        earlier = followup.meta(text) if not state.last_fact and state.answered else None
        if earlier not in (None, "time") and self.app.engine.kb.fact(state.answered[0]) is not None:
            # "nguồn ở đâu, báo nào đưa?" after a decline (which has no source): of the last answer given, said again
            await self._meta(msg, port, earlier, replace(state, last_fact=state.answered[0]), again=True)
            return
        open_choices = _context(state).offered
        if kind == "time" and open_choices:
            # "ban hành ngày nào?" while choices are open asks of the question they clarify, not of the answer
            # before it: which one is asked again
            await self._answer(msg, port, self.app.engine.offer(text, list(open_choices)), text)
            return
        if kind is not None and self.app.engine.kb.fact(state.last_fact) is not None:
            await self._meta(msg, port, kind, state)
            return
        answer = self._resolve(text, state)
        await self._answer(msg, port, answer, text)

    def _the_other(self, state: ChatState, kind: str = "") -> Option | None:
        """The choice "bên kia" means: the one not taken, or the closest of the one other place the choices not
        taken are about (the picked one's place aside); None when it could be several. (`kind`: the kind of place
        named, "thị xã kia": of the choices, those about such a place, when any is.)"""
        options = state.alternatives
        if kind:
            options = [o for o in options if self.app.engine.of_kind(_target(o), kind)] or options
        if len(options) == 1:
            return options[0]
        picked = self._fact_place(state.last_fact)
        places = {o: self._place_of(o) for o in options}
        others = {p for p in places.values() if p != picked}
        if len(others) != 1:
            return None
        return next(o for o in options if places[o] in others)

    def _at_the_other_place(self, text: str, state: ChatState) -> str | None:
        """A message asking of "bên kia" with the other place named: the place the thread spoke of before the last
        answer's ("Hoành Bồ …, Sở KH&CN Lạng Sơn …, còn bên kia?"); None when it names no such place, or the
        thread has no other."""
        asked = followup.at_the_other_place(text)
        if asked is None:
            return None
        facts = [f for f in map(self.app.engine.kb.fact, state.answered) if f is not None]
        other = next((f.place for f in facts if f.place != facts[0].place), None)
        if other is None and asked and state.alternatives:
            # "thế bên kia thì … bao nhiêu …?" after one of two places' choices was picked: the other one's place;
            # "còn huyện kia …" of several: the one of that kind
            kind = followup.other_kind(text)
            kinded = [o for o in state.alternatives if self.app.engine.of_kind(_target(o), kind)] if kind else []
            choice = kinded[0] if len(kinded) == 1 else self._the_other(state)
            other = (self._place_of(choice) or None) if choice is not None else None
        if other is None:
            return None
        # (the place, not the fact's unit: "Trung tâm Hành chính công TX Đông Triều" is not all the town speaks of)
        return f"còn {other} {asked}" if asked else f"còn {other} thì sao?"

    async def _take_alternative(self, msg: Incoming, port: Port, state: ChatState, option: Option) -> None:
        """Answer with one of the choices not taken, which then is taken."""
        await self._pick(msg, port, _target(option))
        key = self.memory.key(msg)
        self.memory.put(key, replace(self.memory.get(key),
                                     alternatives=tuple(o for o in state.alternatives if o != option)))

    def _named_other(self, text: str, state: ChatState) -> Option | None:
        """The choice not taken that a message calls by what it is and asks only what it says ("thế nghị quyết còn
        lại thì số mấy, về việc gì?" of "Nghị quyết 10-NQ/TU … về vấn đề gì?"): the one such choice, else None."""
        named = followup.the_other_named(text)
        if named is None:
            return None
        analyse = self.app.engine.analyse
        called, asked = set(named[0].split()), set(analyse(named[1]).tokens) - _ASKING_WORDS

        def says(option: Option) -> set[str]:
            """The words of a choice, as typed and as read ("về vấn đề gì" reads "nội dung")."""
            described = self._described(option)
            return set(engine_followup.cleaned(described).split()) | set(analyse(described).tokens)

        fitting = [o for o in state.alternatives if (called | asked) <= says(o)]
        return fitting[0] if len(fitting) == 1 else None

    def _meant_instead(self, text: str, state: ChatState) -> Option | None:
        """The choice not taken that a correction or a follow-up naming only a place means ("à nhầm, ý là Lạng
        Sơn", "bên Đông Triều thì sao?" after Hải Dương's choice was picked): the one choice of that place."""
        meant = engine_followup.correction(text)
        if meant and message.asks_its_own(engine_followup.corrected_question(text)):
            return None
        if not meant:
            moved = engine_followup.shift(text)
            if moved is None or self.app.engine.analyse(moved.rest).tokens:
                return None  # (not a place alone: "còn thạc sĩ thì sao?")
            meant = moved.rest
        places = self.app.engine.analyse(meant).places
        of_place = [o for o in state.alternatives if self._place_of(o) in places]
        return of_place[0] if len(of_place) == 1 else None

    def _resolve(self, text: str, state: ChatState) -> Answer:
        """The answer to a message, read by the engine with what this conversation knows."""
        return self.app.engine.answer(text, context=_context(state))

    async def _answer(self, msg: Incoming, port: Port, answer: Answer, asked: str,
                      lines: list[Line] | None = None) -> None:
        """Log an answer, reply with it (or with the short `lines` given), and remember what it leaves open."""
        question_id = self.app.record(answer, msg.channel, msg.chat_id, msg.user_id)
        asked = answer.read_as or asked  # ("còn Đông Triều?" is remembered as the question it was read as)
        key = self.memory.key(msg)
        state = self.memory.get(key)
        options = _picks(answer)
        still_open = ()
        if answer.outcome == ANSWER:
            last = self.app.engine.kb.fact(state.last_fact) if state.last_fact else None
            # the choices not taken stay while the thread stays in the article picked ("cái còn lại thì sao" after
            # a follow-up about the choice taken)
            kept = state.alternatives if last is not None and last.article_id == answer.fact.article_id else ()
            picks = [o for o in state.options if o.action.startswith(PICK + ":")] if state.clarified else []
            if any(_target(o) == answer.fact.id for o in picks):
                # a choice the engine took for the reply ("ở thị xã ấy", "cái về sáp nhập thôn"): the others are the
                # choices not taken, as after "số 1" ("còn huyện kia …?")
                kept = tuple(o for o in picks if _target(o) != answer.fact.id)
            elif picks:
                # none of them: the reply named something the choices did not have ("cái ở Hải Dương" after others'
                # choices), and they all stay not taken ("còn bên kia?" then asks which of them)
                kept = tuple(picks)
            state = ChatState(asked, frozenset(answer.places), answer.fact.id, question_id,
                              answered=with_answer(state, *_facts_given(answer)), alternatives=kept)
        elif answer.outcome == CLARIFY:
            # (the choices not taken of an earlier pick stay: "còn cái huyện kia …?" after a question asked back)
            state = ChatState(asked, frozenset(answer.places), state.last_fact, None, options,
                              answered=state.answered, clarified=True, alternatives=state.alternatives)
        else:  # a decline never erases options still open; if there are none, its examples become them
            still_open = tuple(o for o in state.options if o.action.startswith(PICK + ":"))
            state = replace(state, feedback_for=None, options=still_open or options)
            # Chatter asking nothing ("hôm nay Hà Nội mưa to quá") leaves the thread as it was, places and all.
            # A correction ("à nhầm, ý là … Hải Dương cơ") asks the thread's question again, of the place it names.
            # (So does one of a place no article covers: "à nhầm, Lạng Sơn chứ" asks it of the place meant.)
            if answer.outcome == DECLINE and answer.reason in (NO_MATCH, NOT_GIVEN, UNKNOWN_PLACE) and (
                    message.asks(asked) or engine_followup.correction(asked) is not None):
                # Its topic and place still frame a follow-up ("Bắc Kạn thì sao?" after a decline).
                # ...and no earlier answer may be checked against it ("vậy là 50 người đúng không?")
                # A decline naming no place keeps the conversation's ("ai … thì được đưa vào diện gì?" in a
                # thread about Đông Triều is still about Đông Triều).
                state = replace(state, last_question=asked, last_places=frozenset(answer.places) or state.last_places,
                                last_fact="", clarified=False)
        self.memory.put(key, state)
        reply = self._answer_message(answer, options, question_id, port, still_open, lines)
        await port.send(msg.chat_id, reply)

    @staticmethod
    def _answer_message(answer: Answer, picks: tuple[Option, ...], question_id: int | None, port: Port,
                        still_open: tuple[Option, ...], lines: list[Line] | None = None) -> Outgoing:
        """An answer as a message: its lines (or the short `lines` given), its suggestions (`picks`) as options,
        👍/👎 under a fact. Where choices are typed back and earlier ones are still open, its examples are
        listed unnumbered and the earlier choices are listed again under them, numbered: the numbers keep
        choosing those, and the list they choose from is on screen."""
        rows: list[tuple[Option, ...]] = []
        if port.capabilities.buttons:
            lines = lines or answer_lines(answer)
            rows = [(o,) for o in picks]
            if answer.answered and question_id is not None:
                rows.append((Option("👍", f"{VOTE}:{question_id}:1"), Option("👎", f"{VOTE}:{question_id}:0")))
        elif still_open:
            lines = (lines or answer_lines(answer, number_examples=False)) \
                + [line(STILL_OPEN.format(last=len(still_open)))] + numbered(o.label for o in still_open)
        else:
            lines = lines or answer_lines(answer)
            if picks:
                lines.append(line(PICK_HINT.format(first=1, last=len(picks))))
        return Outgoing(tuple(lines), tuple(rows), answer=answer, question_id=question_id)

    def _asks_anew(self, text: str, picks: list[Option]) -> bool:
        """Whether a message names a place no choice is about, or a figure no choice says: a question of its own,
        not a choice picked by its words ("Thị xã Uông Bí có bao nhiêu trí thức?" after Đông Triều's example; "cái
        của Hoành Bồ", "cái của huyện, dự kiến năm 2019 ấy" do pick Hoành Bồ's)."""
        offered = {f.place for f in map(self._offered_fact, picks) if f is not None}
        if not self.app.engine.analyse(text).places <= offered:
            return True
        numbers = set(_NUMBER.findall(text))
        return bool(numbers) and not numbers <= set(_NUMBER.findall(" ".join(map(self._described, picks))))

    def _offered_fact(self, option: Option) -> Fact | None:
        """The fact an offered choice stands for (None if a reload took it away)."""
        return self.app.engine.kb.fact(_target(option))

    def _place_of(self, option: Option) -> str:
        """The place an offered fact is about ('' if it is gone)."""
        return self._fact_place(_target(option))

    def _fact_place(self, fact_id: str) -> str:
        """The place a fact is about ('' if a reload took it away)."""
        fact = self.app.engine.kb.fact(fact_id)
        return fact.place if fact is not None else ""

    def _described(self, option: Option) -> str:
        """What an offered fact may be picked by: its question, the unit it is about ("TX Đông Triều"), the kind of
        place its article calls its place ("cái của tỉnh ấy"), and a share's words when it gives one ("cái tính
        theo phần trăm")."""
        fact = self._offered_fact(option)
        if fact is None:
            return option.label
        kinds = [k for k in _PICKED_KINDS if self.app.engine.of_kind(fact.id, k)]
        share = _SHARE_WORDS if "%" in fact.answer else ""
        return " ".join((option.label, fact.unit, *kinds, share))

    async def _pick(self, msg: Incoming, port: Port, fact_id: str) -> None:
        """The user chose an offered fact: answer with it."""
        answer = self.app.engine.answer_fact(fact_id)
        await self._answer(msg, port, answer, answer.question)

    async def _meta(self, msg: Incoming, port: Port, kind: str, state: ChatState, again: bool = False) -> None:
        """"năm nào?", "nguồn ở đâu?", "ai viết bài này?": about the last answer (`again`: not the reply just above,
        so said first)."""
        engine = self.app.engine
        fact = engine.kb.fact(state.last_fact)
        art = engine.kb.articles[fact.article_id]
        url = META_URL.format(url=art.url) if art.url else META_NO_URL
        role = kind == "author_role"
        if kind in ("author", "author_role"):
            # the admin said the article names no author: said so, never "do không nêu viết"
            kind = "no_author" if art.author == NOT_STATED else "author"
        role = role and kind == "author"  # (of an article naming no author, there is no post to tell)
        lead = META[kind].format(time=fact.time, date=vn_date(art.date), title=art.title, publisher=art.publisher,
                                 author=art.author, url=url)
        # The author's post: the article's fact naming them, which the answer then is (or that it does not say).
        named = engine.naming_in_article(fact.id, art.author) if role else None
        answer = replace(engine.answer_fact((named or fact).id, msg.text), lead=lead)
        # The short reply alone: the answer it is about is just above (or, `again`, said first). A time is said
        # with its figure.
        short = [line(fact.answer, STRONG), line(lead)] if again else \
            [line(lead)] + ([line(fact.answer, STRONG)] if kind == "time" else [])
        if role:
            short += [line(named.answer, STRONG)] if named is not None else [line(NO_AUTHOR_ROLE)]
        await self._answer(msg, port, answer, state.last_question, short)

    def _feedback(self, msg: Incoming, question_id: int, vote: int) -> str:
        """Queue a 👍 (1) / 👎 (0) on a logged question; the short acknowledgement to show."""
        return FEEDBACK_THANKS if self.app.feedback(question_id, msg.user_id, vote) else NO_STORE

    def _flood(self, msg: Incoming) -> str:
        """OK, WARN or DROP for one more item from this user (and group); a flood's start and end are audited
        once each, never per item."""
        if self.users is None:
            return OK
        verdicts = [self.users.check((msg.channel, msg.user_id))]
        if msg.is_group:
            verdicts.append(self.groups.check((msg.channel, msg.chat_id)))
        for verdict in verdicts:
            if verdict.ended_flood:
                self.app.audit(msg.channel, msg.chat_id, msg.user_id, FLOOD, "ended",
                               f"{verdict.ended_flood} items dropped")
        action = DROP if any(v.action == DROP for v in verdicts) else WARN if any(
            v.action == WARN for v in verdicts) else OK
        if action == WARN:
            log.warning("flood from user %s in chat %s (%s): slowed down", self.app.pseudonym(msg.user_id),
                        self.app.pseudonym(msg.chat_id), msg.channel)
            self.app.audit(msg.channel, msg.chat_id, msg.user_id, FLOOD, "slowed", "")
        return action

    def _wait(self, msg: Incoming) -> int:
        """Seconds until this user (and group) may send again."""
        waits = [self.users.wait_seconds((msg.channel, msg.user_id))]
        if msg.is_group:
            waits.append(self.groups.wait_seconds((msg.channel, msg.chat_id)))
        return max(1, *waits)

    # ------------------------------------------------------------ commands

    async def _subscription(self, msg: Incoming, port: Port, subscribe: bool) -> str:
        """Subscribe or unsubscribe the chat; in a group only its admins may."""
        if msg.is_group and not await port.is_group_admin(msg.chat_id, msg.user_id):
            return ADMIN_ONLY
        store = self.app.store
        if store is None:
            return NO_STORE
        try:
            if subscribe:
                fresh = await asyncio.to_thread(store.subscribe, msg.channel, msg.chat_id, msg.chat_kind,
                                                msg.chat_title, msg.user_id)
                return SUBSCRIBED if fresh else ALREADY_SUBSCRIBED
            return UNSUBSCRIBED if await asyncio.to_thread(store.unsubscribe, msg.channel, msg.chat_id) \
                else NOT_SUBSCRIBED
        except (sqlite3.Error, OSError) as error:
            log.error("could not change the subscription of chat %s: %s", self.app.pseudonym(msg.chat_id), error)
            return STORE_BUSY

    async def _help(self, msg: Incoming, port: Port, rest: str) -> None:
        """/trogiup: how to use the bot (with the admin commands for an admin)."""
        await port.send(msg.chat_id, _text(self.help_text(self.app.is_admin(msg.channel, msg.user_id))))

    async def _sources(self, msg: Incoming, port: Port, rest: str) -> None:
        """/nguon: the articles in use."""
        await port.send(msg.chat_id, _text(self.sources_text()))

    async def _ask(self, msg: Incoming, port: Port, rest: str) -> None:
        """/hoi <question>: a question (in a group, without mentioning the bot)."""
        if not rest:
            await port.send(msg.chat_id, _text(ASK_USAGE))
        else:
            await self._words(msg, port, rest)

    async def _subscribe(self, msg: Incoming, port: Port, rest: str) -> None:
        """/dangky: this chat gets the broadcasts."""
        await port.send(msg.chat_id, _text(await self._subscription(msg, port, True)))

    async def _unsubscribe(self, msg: Incoming, port: Port, rest: str) -> None:
        """/huydangky: this chat no longer gets the broadcasts."""
        await port.send(msg.chat_id, _text(await self._subscription(msg, port, False)))

    def help_text(self, admin: bool = False) -> str:
        """Usage with a few example questions and the commands (an admin's too, for an admin)."""
        examples = "\n".join(f"• {s.question}" for s in self.app.engine.examples())
        return HELP_TEXT.format(examples=examples, commands="\n".join(commands.help_lines(admin)))

    def sources_text(self) -> str:
        """The articles the bot answers from, with how many facts each gives."""
        kb = self.app.engine.kb
        counts: dict[str, int] = {}
        for fact in kb.facts:
            counts[fact.article_id] = counts.get(fact.article_id, 0) + 1
        lines = [SOURCES_HEADER]
        for n, art in enumerate(sorted(kb.articles.values(), key=lambda a: a.date), 1):
            lines.append(SOURCES_ITEM.format(n=n, title=art.title, publisher=art.publisher, date=vn_date(art.date),
                                             author=art.author, facts=counts.get(art.id, 0)))
        return "\n".join(lines)

    # ------------------------------------------------------------ admins

    async def _admin_reply(self, msg: Incoming, port: Port, reply: admin.AdminReply | None) -> None:
        """An admin reply: its text, its options (buttons, or numbered lines and words), its chart, what follows."""
        while reply is not None:
            lines = [line(t) for t in reply.text.split("\n")]
            options = tuple(Option(label, f"{BROADCAST}:{action}") for label, action in reply.buttons)
            rows: tuple[tuple[Option, ...], ...] = ()
            if options and port.capabilities.buttons:
                rows = (options,)
            elif options:
                lines += numbered(o.label for o in options) + [line(ACTION_HINT)]
            if options:  # typed "gửi" / "hủy" work beside the buttons too (numbers only where they are shown)
                key = self.memory.key(msg)
                self.memory.put(key, replace(self.memory.get(key), options=options))
            await port.send(msg.chat_id, Outgoing(tuple(lines), rows, photo=reply.photo,
                                                         document=reply.document))
            reply = reply.then

    async def _broadcast_decision(self, msg: Incoming, port: Port, decision: str, message_id: str) -> str:
        """Send or cancel a previewed broadcast. The preview becomes its status message where the channel can
        edit; elsewhere a status message is sent. Returns a notice for the person who decided, '' if none."""
        action, _, number = decision.partition(":")
        if not number.isdigit() or self.app.store is None or action not in tuple(admin.Decision):
            return ""
        broadcast_id = int(number)
        try:
            if action == admin.Decision.SEND:
                text, start = await asyncio.to_thread(admin.confirm_broadcast, self.app, msg, broadcast_id)
            else:
                text, start = await asyncio.to_thread(admin.cancel_broadcast, self.app, msg, broadcast_id), False
        except (sqlite3.Error, OSError) as error:
            log.error("could not record the decision on broadcast %d: %s", broadcast_id, error)
            return STORE_BUSY
        if text in (admin.NOT_ADMIN, admin.NOT_DRAFT.format(id=broadcast_id)):
            return text  # the preview (or the finished status) stays as it is
        status = self._stoppable(msg, port, _text(text), broadcast_id) if start else _text(text)
        if message_id and port.capabilities.editing and await port.edit(msg.chat_id, message_id, status):
            status_message: str | None = message_id
        else:
            status_message = await port.send(msg.chat_id, status)
        if start and self.starter is not None:
            self.starter(port.channel, broadcast_id, msg.chat_id, status_message)
        return ""

    def _stoppable(self, msg: Incoming, port: Port, status: Outgoing, broadcast_id: int) -> Outgoing:
        """A running broadcast's status with its ✖ Hủy: a button, or a numbered line and the word "hủy"."""
        cancel = _cancel(broadcast_id)
        if port.capabilities.buttons:
            return replace(status, options=(cancel,))
        key = self.memory.key(msg)
        self.memory.put(key, replace(self.memory.get(key), options=cancel))
        return replace(status, lines=status.lines + tuple(numbered(o.label for o in cancel)) + (line(ACTION_HINT),))

    async def broadcast_status(self, port: Port, broadcast_id: int) -> Callable[[Progress], Awaitable[None]]:
        """How a running broadcast reports to the admin who started it: its status message is edited where
        the channel can edit; elsewhere a fresh message goes out now and then, and when it is done."""
        row = await asyncio.to_thread(self.app.store.broadcast, broadcast_id) or {}
        chat, message_id = row.get("status_chat"), row.get("status_message")
        every = self.app.config.broadcast.fresh_status_seconds
        last = [self.clock()]

        async def report(progress: Progress) -> None:
            if not chat:
                return  # started from the command line: it has its own progress bar
            status = _text(admin.progress_text(progress))
            if not progress.done and port.capabilities.buttons:
                status = replace(status, options=(_cancel(broadcast_id),))  # an edit keeps ✖ Hủy while it runs
            if port.capabilities.editing and message_id is not None:
                if await port.edit(chat, str(message_id), status) or not progress.done:
                    return
            elif not progress.done and self.clock() - last[0] < every:
                return
            last[0] = self.clock()
            await port.send(chat, status)

        return report

    # ------------------------------------------------------------ sending



def _text(text: str) -> Outgoing:
    """A plain message of one or more lines."""
    return Outgoing(tuple(line(t) for t in text.split("\n")))


def _cancel(broadcast_id: int) -> tuple[Option, ...]:
    """The ✖ Hủy of a broadcast being sent."""
    return (Option(admin.CANCEL_LABEL, f"{BROADCAST}:{admin.Decision.CANCEL}:{broadcast_id}"),)


def _target(option: Option) -> str:
    """What an option acts on, after its kind: a choice's fact id, a broadcast action's decision and id."""
    return option.action.partition(":")[2]


def _picks(answer: Answer) -> tuple[Option, ...]:
    """The facts an answer offers to choose from: its suggestions, else its examples."""
    return tuple(Option(s.question, f"{PICK}:{s.fact_id}") for s in answer.suggestions or answer.examples)


def _action_for(actions: list[Option], go: bool) -> Option | None:
    """The option "gửi" (go) or "hủy" chooses among an admin's options."""
    wanted = admin.Decision.SEND if go else admin.Decision.CANCEL
    return next((o for o in actions if o.action.split(":")[1] == wanted), None)


def _acknowledgement(text: str) -> bool:
    """Whether a message only acknowledges ("ok", "vâng", "được rồi")."""
    return " ".join(fold(text).replace("!", " ").replace(".", " ").split()) in _ACKNOWLEDGEMENTS


def _facts_given(answer: Answer) -> list[str]:
    """The facts an answer gives, in order (an answer of several facts gives each of its parts')."""
    return [p.fact.id for p in (answer.parts or (answer,)) if p.answered]


def _context(state: ChatState) -> Context:
    """What the engine is told of a conversation: the last question, its places, its answer, earlier answers."""
    offered = tuple(_target(o) for o in state.options if o.action.startswith(PICK + ":")) if state.clarified else ()
    return Context(state.last_question, state.last_places, state.last_fact, state.answered, offered)
