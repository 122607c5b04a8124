"""The terminal channel: chat with the bot on the bundled knowledge, no account, no network."""
from __future__ import annotations

import sys
from typing import TextIO

from handlers.conversation import Incoming, Reply, pick, respond

from .app import App

CHANNEL = "cli"
PROMPT = "Bạn: "
BOT = "Bot: "
WELCOME = "Trợ lý tra cứu cán bộ, công chức, viên chức. Gõ câu hỏi; /trogiup để xem hướng dẫn; Ctrl-D hoặc /thoat để thoát."
QUIT = {"/thoat", "/quit", "/exit"}
PICK_HINT = "(Gõ số {first}–{last} để chọn.)"


def chat(app: App, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Read questions until EOF; a number picks one of the last reply's choices."""
    stdout.write(WELCOME + "\n")
    choices: tuple = ()
    while True:
        stdout.write(PROMPT)
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            return 0
        text = line.strip()
        if text.lower() in QUIT:
            return 0
        msg = Incoming(CHANNEL, "terminal", "terminal", text)
        if text.isdigit() and 1 <= int(text) <= len(choices):
            reply = pick(app, msg, choices[int(text) - 1].fact_id)
        else:
            reply = respond(app, msg)
        if reply is None:  # flood control went silent
            continue
        choices = reply.choices
        _show(reply, stdout)


def _show(reply: Reply, stdout: TextIO) -> None:
    """Print a reply, numbering its choices so they can be picked."""
    stdout.write(BOT + reply.text + "\n")
    if reply.choices:
        stdout.write(PICK_HINT.format(first=1, last=len(reply.choices)) + "\n")
