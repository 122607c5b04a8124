"""The command table: every slash command, declared once as data. Routing (handlers/conversation.py for everyone's
commands, handlers/admin.py for admins'), the help text and Telegram's command menu are all read from it.

To add a command: add its Action, a row here, and its handler in the module that routes its audience (a unit
test checks that every row has one)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handlers.messages import split_command


class Who(StrEnum):
    """Who may run a command."""

    EVERYONE = "everyone"
    ADMIN = "admin"  # listed under admins.<channel> in config.yaml


class Action(StrEnum):
    """What a command (or a file sent to the bot) does; admin actions are also the audit log's action names."""

    HELP = "help"
    ASK = "ask"
    SOURCES = "sources"
    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"
    RELOAD = "reload"
    STATS = "stats"
    UNANSWERED = "unanswered"
    BROADCAST = "broadcast"
    INGEST = "ingest"
    APPROVE = "approve"
    UPLOAD = "upload"  # a knowledge file sent as a document: no command of its own


@dataclass(frozen=True)
class Command:
    """One slash command: its Vietnamese name, other names it answers to, who may run it, what follows it, a
    one-line Vietnamese description, and the action that handles it."""

    name: str
    aliases: tuple[str, ...]
    who: Who
    description: str
    action: Action
    argument: str = ""  # what to type after it, as the help shows it ("<câu hỏi>", "[số ngày]")

    def usage(self) -> str:
        """'/thongke [số ngày]'."""
        return f"/{self.name} {self.argument}".rstrip()


COMMANDS: tuple[Command, ...] = (
    Command("hoi", ("ask",), Who.EVERYONE, "hỏi số liệu cán bộ, công chức, viên chức", Action.ASK, "<câu hỏi>"),
    Command("nguon", ("sources",), Who.EVERYONE, "các bài báo đang dùng", Action.SOURCES),
    Command("dangky", ("subscribe",), Who.EVERYONE, "nhận thông báo cập nhật", Action.SUBSCRIBE),
    Command("huydangky", ("unsubscribe",), Who.EVERYONE, "thôi nhận thông báo cập nhật", Action.UNSUBSCRIBE),
    Command("trogiup", ("start", "help"), Who.EVERYONE, "hướng dẫn sử dụng", Action.HELP),
    Command("tailai", ("reload",), Who.ADMIN, "tải lại kiến thức từ thư mục", Action.RELOAD),
    Command("thongke", ("stats",), Who.ADMIN, "thống kê câu hỏi, kèm biểu đồ", Action.STATS, "[số ngày]"),
    Command("chuatraloi", ("unanswered",), Who.ADMIN, "câu hỏi chưa trả lời được", Action.UNANSWERED, "[số ngày]"),
    Command("thongbao", ("broadcast",), Who.ADMIN, "gửi thông báo tới các nơi đã đăng ký", Action.BROADCAST,
            "<nội dung>"),
    Command("themnguon", ("addsource",), Who.ADMIN, "soạn bản nháp từ tệp .txt bài báo gửi kèm", Action.INGEST,
            "[tên báo]"),
    Command("duyet", ("approve",), Who.ADMIN, "duyệt bản nháp vào kho kiến thức", Action.APPROVE, "<mã bản nháp>"),
)
_BY_NAME = {name: c for c in COMMANDS for name in (c.name, *c.aliases)}
UPLOAD_HELP = "Gửi tệp .yaml (tin nhắn riêng) — thay hoặc thêm một tệp kiến thức."


def find(text: str) -> Command | None:
    """The command a message starts with, if it is one of the table's ("/hoi@bot abc" -> hoi)."""
    return _BY_NAME.get(split_command(text)[0])


def of(who: Who) -> tuple[Command, ...]:
    """The commands of one audience, in the table's order."""
    return tuple(c for c in COMMANDS if c.who == who)


def help_lines(admin: bool) -> list[str]:
    """The commands as the help lists them: everyone's, and for an admin the admin commands too."""
    lines = ["Lệnh:"] + [f"{c.usage()} — {c.description}" for c in of(Who.EVERYONE)]
    if admin:
        lines += ["Lệnh quản trị:"] + [f"{c.usage()} — {c.description}" for c in of(Who.ADMIN)] + [UPLOAD_HELP]
    return lines


def menu() -> list[tuple[str, str]]:
    """(name, description) of everyone's commands, for a platform's command menu."""
    return [(c.name, c.description[:1].upper() + c.description[1:]) for c in of(Who.EVERYONE)]
