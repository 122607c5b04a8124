"""Turn an incoming message into a reply: commands, questions, and picks of a suggested fact."""
from __future__ import annotations

import html
from dataclasses import dataclass

from bot.app import App
from bot.engine import Answer
from bot.render import to_html, to_text, vn_date

HELP_COMMANDS = {"start", "help", "trogiup"}
SOURCES_COMMANDS = {"nguon", "sources"}
ASK_COMMANDS = {"hoi", "ask"}
HELP_TEXT = (
    "Mình trả lời câu hỏi về số liệu cán bộ, công chức, viên chức theo các bài báo, kèm nguồn.\n"
    "Cứ gõ câu hỏi (có dấu hay không dấu đều được), ví dụ:\n{examples}\n"
    "Lệnh: /nguon — các bài báo đang dùng; /trogiup — hướng dẫn này."
)
SOURCES_HEADER = "Các bài báo mình đang dùng:"
SOURCES_ITEM = "{n}. {title} — {publisher}, {date}, tác giả {author} ({facts} thông tin)"


@dataclass(frozen=True)
class Incoming:
    """A message from any channel, reduced to what the conversation needs."""

    channel: str
    chat_id: str
    user_id: str
    text: str


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


def split_command(text: str) -> tuple[str, str]:
    """'/hoi@bot abc' -> ('hoi', 'abc'); plain text -> ('', text)."""
    text = text.strip()
    if not text.startswith("/"):
        return "", text
    head, _, rest = text.partition(" ")
    return head[1:].split("@", 1)[0].lower(), rest.strip()


def respond(app: App, msg: Incoming) -> Reply:
    """The reply to one message."""
    command, rest = split_command(msg.text)
    if command in HELP_COMMANDS:
        return _plain(help_text(app))
    if command in SOURCES_COMMANDS:
        return _plain(sources_text(app))
    if command and command not in ASK_COMMANDS:
        return _plain(help_text(app))
    return answer_reply(app.ask(rest, msg.channel, msg.chat_id, msg.user_id))


def pick(app: App, msg: Incoming, fact_id: str) -> Reply:
    """The reply when a user picks a suggested fact; logged like a question."""
    answer = app.engine.answer_fact(fact_id)
    app.record(answer, msg.channel, msg.chat_id, msg.user_id)
    return answer_reply(answer)


def answer_reply(answer: Answer) -> Reply:
    """A reply carrying an answer and its suggestions (or examples) as choices."""
    options = answer.suggestions or answer.examples
    return Reply(to_text(answer), to_html(answer), tuple(Choice(s.question, s.fact_id) for s in options), answer)


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
