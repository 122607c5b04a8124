"""Turn an incoming message into a reply: commands, questions, picks, feedback and subscriptions.

Channel-neutral: adapters translate their updates into `Incoming` and send `Reply` back.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from bot.app import App
from bot.engine import ANSWER, Answer
from bot.flood import DROP, WARN
from bot.render import to_html, to_text, vn_date

HELP_COMMANDS = {"start", "help", "trogiup"}
SOURCES_COMMANDS = {"nguon", "sources"}
ASK_COMMANDS = {"hoi", "ask"}
SUBSCRIBE_COMMANDS = {"dangky", "subscribe"}
UNSUBSCRIBE_COMMANDS = {"huydangky", "unsubscribe"}
ADMIN_CHECKED = SUBSCRIBE_COMMANDS | UNSUBSCRIBE_COMMANDS

HELP_TEXT = (
    "Mình trả lời câu hỏi về số liệu cán bộ, công chức, viên chức theo các bài báo, kèm nguồn.\n"
    "Cứ gõ câu hỏi (có dấu hay không dấu đều được), ví dụ:\n{examples}\n"
    "Trong nhóm: gọi @tên_bot, trả lời tin nhắn của bot, hoặc dùng /hoi <câu hỏi>.\n"
    "Lệnh: /hoi — hỏi; /nguon — các bài báo đang dùng; /dangky, /huydangky — nhận hoặc thôi nhận "
    "thông báo cập nhật; /trogiup — hướng dẫn này."
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
FEEDBACK_UNKNOWN = "Không tìm thấy câu hỏi này nữa."


@dataclass(frozen=True)
class Incoming:
    """A message from any channel, reduced to what the conversation needs."""

    channel: str
    chat_id: str
    user_id: str
    text: str
    is_group: bool = False
    addressed: bool = True  # in a group: the bot was mentioned or replied to (a command always counts)
    chat_kind: str = "private"
    chat_title: str = ""
    is_chat_admin: bool = False  # set by the adapter for the commands in ADMIN_CHECKED


@dataclass(frozen=True)
class Choice:
    """A button or numbered option that answers one fact when picked."""

    label: str
    fact_id: str


@dataclass(frozen=True)
class Reply:
    """What to send back: the same message as plain text and as Telegram HTML, plus choices."""

    text: str
    html: str
    choices: tuple[Choice, ...] = ()
    answer: Answer | None = None
    question_id: int | None = None  # set when the reply answers a logged question: feedback refers to it

    @property
    def wants_feedback(self) -> bool:
        """Answers carry 👍/👎."""
        return self.answer is not None and self.answer.outcome == ANSWER and self.question_id is not None


def split_command(text: str) -> tuple[str, str]:
    """'/hoi@bot abc' -> ('hoi', 'abc'); plain text -> ('', text)."""
    text = text.strip()
    if not text.startswith("/"):
        return "", text
    head, _, rest = text.partition(" ")
    return head[1:].split("@", 1)[0].lower(), rest.strip()


def needs_admin_check(text: str) -> bool:
    """Whether the adapter must find out if the sender administers the chat before calling respond()."""
    return split_command(text)[0] in ADMIN_CHECKED


def respond(app: App, msg: Incoming) -> Reply | None:
    """The reply to one message, or None when the bot should stay silent."""
    command, rest = split_command(msg.text)
    if msg.is_group and not command and not msg.addressed:
        return None  # group chatter not meant for the bot
    if command in HELP_COMMANDS:
        return _plain(help_text(app))
    if command in SOURCES_COMMANDS:
        return _plain(sources_text(app))
    if command in SUBSCRIBE_COMMANDS | UNSUBSCRIBE_COMMANDS:
        return _plain(_subscription(app, msg, command in SUBSCRIBE_COMMANDS))
    if command and command not in ASK_COMMANDS:
        return None if msg.is_group else _plain(help_text(app))  # in a group it may be for another bot
    if command and not rest:
        return _plain(ASK_USAGE)
    return _question(app, msg, rest)


def _question(app: App, msg: Incoming, text: str) -> Reply | None:
    """Answer a question, unless the asker is flooding."""
    verdict = app.flood.check((msg.channel, msg.user_id))
    if verdict == DROP:
        return None
    if verdict == WARN:
        return _plain(SLOW_DOWN.format(seconds=app.flood.wait_seconds((msg.channel, msg.user_id))))
    answer = app.engine.answer(text)
    return answer_reply(answer, app.record(answer, msg.channel, msg.chat_id, msg.user_id))


def pick(app: App, msg: Incoming, fact_id: str) -> Reply:
    """The reply when a user picks a suggested fact; logged like a question."""
    answer = app.engine.answer_fact(fact_id)
    return answer_reply(answer, app.record(answer, msg.channel, msg.chat_id, msg.user_id))


def feedback(app: App, msg: Incoming, question_id: int, vote: int) -> str:
    """Store a 👍 (1) / 👎 (0) on a logged question; the short acknowledgement to show."""
    if app.store is None or not app.store.record_feedback(question_id, msg.user_id, vote):
        return FEEDBACK_UNKNOWN
    return FEEDBACK_THANKS


def answer_reply(answer: Answer, question_id: int | None = None) -> Reply:
    """A reply carrying an answer and its suggestions (or examples) as choices."""
    options = answer.suggestions or answer.examples
    return Reply(to_text(answer), to_html(answer), tuple(Choice(s.question, s.fact_id) for s in options),
                 answer, question_id)


def _subscription(app: App, msg: Incoming, subscribe: bool) -> str:
    """Subscribe or unsubscribe the chat; in a group only its admins may."""
    if msg.is_group and not msg.is_chat_admin:
        return ADMIN_ONLY
    if app.store is None:
        return NO_STORE
    if subscribe:
        fresh = app.store.subscribe(msg.channel, msg.chat_id, msg.chat_kind, msg.chat_title, msg.user_id)
        return SUBSCRIBED if fresh else ALREADY_SUBSCRIBED
    return UNSUBSCRIBED if app.store.unsubscribe(msg.channel, msg.chat_id) else NOT_SUBSCRIBED


def help_text(app: App) -> str:
    """Usage with a few example questions."""
    examples = "\n".join(f"• {s.question}" for s in app.engine.answer("").examples)
    return HELP_TEXT.format(examples=examples)


def sources_text(app: App) -> str:
    """The articles the bot answers from, with how many facts each gives."""
    kb = app.engine.kb
    counts: dict[str, int] = {}
    for fact in kb.facts:
        counts[fact.article_id] = counts.get(fact.article_id, 0) + 1
    lines = [SOURCES_HEADER]
    for n, art in enumerate(sorted(kb.articles.values(), key=lambda a: a.date), 1):
        lines.append(SOURCES_ITEM.format(n=n, title=art.title, publisher=art.publisher, date=vn_date(art.date),
                                         author=art.author, facts=counts.get(art.id, 0)))
    return "\n".join(lines)


def _plain(text: str) -> Reply:
    """A reply with no markup of its own (HTML-escaped for Telegram)."""
    return Reply(text, html.escape(text))
