"""Admin commands, channel-neutral: reload the knowledge, upload a knowledge file, statistics, unanswered.

Every action and every refused attempt is written to the audit log. Slow work (indexing, drawing the
chart) runs in a worker thread; the engine swap and the database writes stay on the caller's thread.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import errno
import functools
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Awaitable, Callable

from bot.authoring import drafts
from bot.service.app import App
from bot.service.broadcast import Progress
from bot.authoring.ingest import BINARY, EMPTY, ENCODING, TOO_BIG, Given, IngestError, draft, read_text
from bot.kb.knowledge import ARTICLES_DIR, TOP_FILES, KnowledgeError, write_file
from bot.service.reload import ADDED, CHANGED, REMOVED, Prepared, commit, prepare, staged, validate
from bot.engine.render import source_line
from bot.service.reports import Group, Stats, chart_png, stats, unanswered
from bot.storage.store import OverQuota

from handlers import commands
from handlers.commands import Action
from handlers.messages import Incoming, split_command

log = logging.getLogger(__name__)



class Decision(StrEnum):
    """An admin's decision on a previewed broadcast (button actions "b:go:<id>", "b:no:<id>")."""

    SEND = "go"
    CANCEL = "no"


class Outcome(StrEnum):
    """How an admin action ended, as the audit log records it."""

    OK = "ok"
    FAILED = "failed"
    REFUSED = "refused"
    DRAFT = "draft"
    CANCELLED = "cancelled"


OK, FAILED, REFUSED = Outcome.OK, Outcome.FAILED, Outcome.REFUSED
SYSTEM = "system"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.ya?ml$")

NOT_ADMIN = "Lệnh này chỉ dành cho quản trị viên của bot."
DATABASE_BUSY = "Cơ sở dữ liệu đang bận hoặc không ghi được; bạn thử lại sau ít phút nhé."
NO_LOG = "Nhật ký câu hỏi đang tắt, chưa có số liệu."
RELOADED = "Đã tải lại kiến thức trong {seconds} giây: {articles} bài báo, {facts} thông tin."
NO_CHANGE = "Không có thay đổi nào."
RELOAD_FAILED = "Không tải lại được ({count} lỗi), bot vẫn dùng kiến thức cũ:"
WHAT = {ADDED: "Thêm", REMOVED: "Bỏ", CHANGED: "Sửa"}
KIND = {"article": "bài báo", "fact": "thông tin"}
UPLOAD_NAME = "Tên tệp phải kết thúc bằng .yaml và chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới."
UPLOAD_TOO_BIG = "Tệp quá lớn ({size} byte, tối đa {limit} byte)."
UPLOAD_PRIVATE = "Hãy gửi tệp kiến thức trong tin nhắn riêng với bot."
UPLOAD_REFUSED = "Tệp {name} không hợp lệ ({count} lỗi), không có gì thay đổi:"
UPLOAD_SAVED = "Đã lưu {name}{backup}."
UPLOAD_BACKUP = " (bản cũ lưu tại {path})"
STATS_HEAD = ("Thống kê {days} ngày qua: {total} câu hỏi — trả lời {answer:.0%}, hỏi lại {clarify:.0%}, "
              "chưa có thông tin {decline:.0%}, chào hỏi {smalltalk:.0%}. 👍 {up} · 👎 {down}")
STATS_TOP = "Được hỏi nhiều nhất:"
STATS_LOST = ("⚠ {count} dòng nhật ký (câu hỏi, góp ý, thao tác) chưa ghi được vào cơ sở dữ liệu kể từ khi bot "
              "khởi động.")
STATS_DAYS = "Theo ngày:"
NOTHING_UNANSWERED = "Không có câu hỏi nào chưa trả lời được trong {days} ngày qua."
UNANSWERED_HEAD = "Câu hỏi chưa trả lời được trong {days} ngày qua (nhiều nhất trước):"
UNANSWERED_ITEM = "{n}. «{question}» — {count} lần, {why}{closest}"
# Why questions went unanswered, by the engine's rule (Answer.why.rule): what an admin could add.
UNANSWERED_WHY = {
    "unknown_place": "chưa có bài về địa phương, cơ quan này",
    "other_measure": "bài có nói về việc này nhưng không nêu con số được hỏi",
    "figure_not_given": "không có số liệu cho năm, con số được hỏi",
    "no_unit_named": "chưa nêu đơn vị, địa phương (bot đã hỏi lại)",
    "rivals": "nhiều thông tin gần giống (bot đã hỏi lại)",
    "near": "nhiều thông tin gần giống (bot đã hỏi lại)",
    "vague": "câu hỏi chung chung (bot đã hỏi lại)",
    "several": "hỏi nhiều ý, có ý chưa trả lời được",
}
UNANSWERED_WHY_OTHER = "chưa có thông tin"
UNANSWERED_CLOSEST = "; gần nhất: {fact} ({score:.0f} điểm)"
INGEST_USAGE = ("Gửi tệp .txt của bài báo kèm chú thích /themnguon (thêm tên báo nếu có, ví dụ: "
                "/themnguon Báo Lạng Sơn). Mình sẽ soạn bản nháp để bạn xem trước khi duyệt.")
INGEST_NO_FILES = ("Kênh này chưa nhận được tệp. Hãy soạn bản nháp trên máy chủ: "
                   "python -m bot ingest BAI_BAO.txt, rồi gõ /duyet MÃ_BẢN_NHÁP ở đây.")
DRAFT_UNCHECKED = ("Đã soạn bản nháp nhưng chưa tự kiểm tra được ({count} lỗi, ví dụ thiếu tiêu đề). Hãy bổ sung "
                   "trên máy chủ rồi duyệt bằng /duyet.")
DRAFT_TOO_BIG = "Bản nháp soạn từ bài này vượt giới hạn một tệp kiến thức; hãy chia bài thành nhiều tệp nhỏ hơn rồi gửi lại."
INGEST_ERRORS = {TOO_BIG: "Tệp quá lớn ({size} byte, tối đa {limit} byte).", BINARY: "Tệp này không phải văn bản.",
                 ENCODING: "Tệp không ở dạng văn bản UTF-8; hãy lưu lại dạng UTF-8 rồi gửi lại.",
                 EMPTY: "Tệp trống, không có gì để soạn."}
INGEST_DONE = ("Đã soạn bản nháp {id}: {facts} thông tin từ {figures} con số trong bài{uncovered}.\n"
               "Phần đoán: {guessed}.\nTự kiểm tra: {ok}/{total} thông tin trả lời đúng câu hỏi mẫu của chính nó.\n"
               "Xem tệp đính kèm; nếu đúng, gõ /duyet {id}.")
INGEST_UNCOVERED = "; {count} con số chưa có thông tin nào trích dẫn"
GUESSED_NAMES = {"title": "tiêu đề", "date": "ngày", "author": "tác giả", "publisher": "nơi đăng",
                 "places": "địa phương"}
APPROVE_USAGE = "Gõ /duyet kèm mã bản nháp. Đang chờ duyệt: {waiting}."
NO_SUCH_DRAFT = "Không có bản nháp «{id}». Đang chờ duyệt: {waiting}."
NONE_WAITING = "không có"
APPROVE_FAILED = "Chưa duyệt được bản nháp {id} ({count} lỗi), không có gì thay đổi:"
APPROVED = "Đã duyệt {id}: bài báo đã vào kho kiến thức."
CANNOT_WRITE = ("Không ghi được vào thư mục kiến thức ({reason}), nên chưa có gì thay đổi. Nhờ người quản trị "
                "máy chủ kiểm tra thư mục rồi gửi lại.")
READ_ONLY, NO_SPACE = "thư mục chỉ cho đọc", "ổ đĩa đã đầy"
FILE_KINDS = "Mình nhận tệp kiến thức .yaml, hoặc bài báo .txt kèm chú thích /themnguon."
BROADCAST_USAGE = "Gõ /thongbao kèm nội dung cần gửi, ví dụ: /thongbao Đã cập nhật số liệu mới của Bắc Kạn."
BROADCAST_TOO_LONG = "Nội dung dài {size} ký tự, tối đa {limit}."
NO_SUBSCRIBERS = "Chưa có cuộc trò chuyện nào đăng ký nhận thông báo (/dangky)."
PREVIEW = ("Xem trước thông báo #{id} — sẽ gửi tới {total} nơi nhận ({private} cuộc trò chuyện riêng, "
           "{groups} nhóm):{quota}\n\n{text}")
QUOTA_LINE = "\nHạn mức tháng này còn {left}/{quota} tin; gửi xong còn {after}."
OVER_QUOTA = "Không gửi được: thông báo cần {need} tin nhưng hạn mức tháng này chỉ còn {left}/{quota} tin."
SEND_LABEL, CANCEL_LABEL = "✅ Gửi", "✖ Hủy"
UPDATE_LABEL, SKIP_LABEL = "📢 Gửi cập nhật", "Bỏ qua"
UPDATE_HEAD = "Cập nhật: bot đã có thêm {count} thông tin mới."
UPDATE_MORE = "… và {count} thông tin khác."
STARTED = "📢 Đang gửi thông báo #{id} tới {total} nơi nhận…"
NOT_DRAFT = "Thông báo #{id} đã được gửi hoặc đã hủy trước đó."
CANCELLED_TEXT = "Đã hủy thông báo #{id}."
STOPPED_TEXT = "Đã dừng thông báo #{id}: {dropped} nơi nhận còn lại sẽ không nhận được."
STOPPED_FINAL = "📢 Thông báo #{id} đã dừng theo yêu cầu: đã gửi {sent}/{total} nơi nhận, bỏ {dropped}."
PROGRESS = "📢 Thông báo #{id}: đã gửi {sent}/{total}, không gửi được {failed}, còn {remaining}{eta}."
PROGRESS_ETA = " — khoảng {seconds} giây nữa"
FINISHED = "📢 Thông báo #{id} đã gửi xong: {sent}/{total} nơi nhận{failed}{unconfirmed}."
FINISHED_FAILED = ", {failed} không gửi được"
FINISHED_UNCONFIRMED = " ({count} gửi lúc bot dừng đột ngột, chưa được xác nhận)"


@dataclass(frozen=True)
class AdminReply:
    """Text for the admin, and a chart or a file when there is one."""

    text: str
    photo: bytes | None = None
    document: tuple[str, bytes] | None = None  # (file name, content): a draft to review
    buttons: tuple[tuple[str, str], ...] = ()  # (label, action): the channel turns them into buttons
    then: "AdminReply | None" = None  # a second message (the update offer after a reload)


def command_of(text: str) -> Action | None:
    """The admin action a message asks for, if any."""
    command = commands.find(text)
    return command.action if command is not None and command.who == commands.Who.ADMIN else None


async def handle(app: App, msg: Incoming, files: bool = True) -> AdminReply | None:
    """Run an admin command, or None when the message is not one (`files`: the channel can receive them).
    Reloads wait for any other reload or upload; database work and reports run off the event loop."""
    action = command_of(msg.text)
    if action is None:
        return None
    if not app.is_admin(msg.channel, msg.user_id):
        return refuse(app, msg, action)
    rest = split_command(msg.text)[1]
    if action == Action.INGEST:
        return AdminReply(INGEST_USAGE if files else INGEST_NO_FILES)
    return await ROUTES[action](app, msg, rest)


Route = Callable[[App, Incoming, str], Awaitable[AdminReply]]


def _database(route: Route) -> Route:
    """A command that reads or writes the database: a database error answers 'busy' (and is logged)."""
    @functools.wraps(route)
    async def guarded(app: App, msg: Incoming, rest: str) -> AdminReply:
        if app.store is None:
            return AdminReply(NO_LOG)
        try:
            return await route(app, msg, rest)
        except (sqlite3.Error, OSError) as error:
            log.error("%s could not read or write the database: %s", route.__name__.strip("_"), error)
            return AdminReply(DATABASE_BUSY)
    return guarded


async def _reload(app: App, msg: Incoming, rest: str) -> AdminReply:
    """/tailai: reload the knowledge folder, then offer to announce what it added."""
    async with app.knowledge_lock:
        prepared = await asyncio.to_thread(prepare, app)
        text = finish_reload(app, msg.channel, msg.chat_id, msg.user_id, prepared)
    return AdminReply(text, then=await _offer(app, msg.channel, msg.chat_id, msg.user_id, prepared))


async def _approve(app: App, msg: Incoming, rest: str) -> AdminReply:
    """/duyet <id>: approve a draft."""
    return await approve_draft(app, msg, rest.strip())


@_database
async def _broadcast(app: App, msg: Incoming, rest: str) -> AdminReply:
    """/thongbao <text>: preview a broadcast."""
    return await asyncio.to_thread(preview_broadcast, app, msg, rest)


@_database
async def _stats(app: App, msg: Incoming, rest: str) -> AdminReply:
    """/thongke [days]: the statistics and their chart."""
    days = _days(rest, app.config.reports.days)
    data = await asyncio.to_thread(stats, app.store, days, app.config.reports.top)
    photo = await asyncio.to_thread(chart_png, data)
    _audit(app, msg, Action.STATS, OK, f"{days} days")
    return AdminReply(stats_text(app, data), photo)


@_database
async def _unanswered(app: App, msg: Incoming, rest: str) -> AdminReply:
    """/chuatraloi [days]: the questions not answered, grouped."""
    days, reports = _days(rest, app.config.reports.days), app.config.reports
    groups = await asyncio.to_thread(unanswered, app.store, app.engine, days, reports.similar, reports.top,
                                     reports.max_rows)
    _audit(app, msg, Action.UNANSWERED, OK, f"{days} days")
    return AdminReply(unanswered_text(groups, days))


async def _offer(app: App, channel: str, chat: str, user: str, prepared: Prepared) -> AdminReply | None:
    """The update offer after a reload, off the event loop; none when the database cannot take a draft."""
    try:
        return await asyncio.to_thread(update_offer, app, channel, chat, user, prepared)
    except (sqlite3.Error, OSError) as error:
        log.error("no update offer: the database cannot take a draft (%s)", error)
        return None


def refuse(app: App, msg: Incoming, action: str) -> AdminReply:
    """Refuse a non-admin politely and record the attempt (their ids hashed, as in the question log)."""
    log.warning("refused %s by user %s in chat %s (%s)", action, app.pseudonym(msg.user_id),
                app.pseudonym(msg.chat_id), msg.channel)
    _audit(app, msg, action, REFUSED, msg.text[:200])
    return AdminReply(NOT_ADMIN)


def finish_reload(app: App, channel: str, chat: str | None, user: str | None, prepared: Prepared) -> str:
    """Commit a prepared reload (if valid), audit it, and say what happened."""
    commit(app, prepared)
    outcome = OK if prepared.ok else FAILED
    log.info("knowledge reload by %s/%s: %s", channel, user, summary(prepared))
    app.audit(channel, chat, user, Action.RELOAD, outcome, summary(prepared))
    return reload_text(app, prepared)


async def reload_in_background(app: App, source: str) -> Prepared:
    """A reload not asked in a chat (SIGHUP, folder watch): after any other reload or upload, build off the
    loop, commit, audit, log."""
    async with app.knowledge_lock:
        prepared = await asyncio.to_thread(prepare, app)
        finish_reload(app, SYSTEM, None, source, prepared)
    return prepared


def summary(prepared: Prepared) -> str:
    """One English line for the audit log and the command line."""
    if not prepared.ok:
        return _refusal(prepared.problems)
    counts = {w: sum(1 for c in prepared.changes if c.what == w) for w in (ADDED, REMOVED, CHANGED)}
    kb = prepared.engine.kb
    return (f"ok in {prepared.seconds:.2f} s: {len(kb.articles)} articles, {len(kb.facts)} facts; "
            f"{counts[ADDED]} added, {counts[REMOVED]} removed, {counts[CHANGED]} changed")


def _refusal(problems) -> str:
    """One English line naming every problem."""
    return f"refused, {len(problems)} problems: " + "; ".join(str(p) for p in problems)


def reload_text(app: App, prepared: Prepared) -> str:
    """The admin's reply: the diff and the time taken, or every problem."""
    if not prepared.ok:
        return "\n".join([RELOAD_FAILED.format(count=len(prepared.problems))]
                         + [f"• {p}" for p in prepared.problems])
    kb = prepared.engine.kb
    lines = [RELOADED.format(seconds=f"{prepared.seconds:.2f}".replace(".", ","), articles=len(kb.articles),
                             facts=len(kb.facts))]
    for change in prepared.changes:
        field = f" ({change.field})" if change.field else ""
        lines.append(f"{WHAT[change.what]}: {KIND[change.kind]} {change.id}{field}")
    if not prepared.changes:
        lines.append(NO_CHANGE)
    return "\n".join(lines)


async def receive_file(app: App, msg: Incoming) -> AdminReply:
    """A document sent to the bot: refused before it is downloaded unless it is an admin's, in a private chat,
    and small enough; a .yaml is validated and installed like any upload, a .txt sent with /themnguon is
    drafted into knowledge."""
    attachment = msg.attachment
    name = attachment.name.lower()
    article = name.endswith(".txt")
    if not app.is_admin(msg.channel, msg.user_id):
        return refuse(app, msg, Action.INGEST if article else Action.UPLOAD)
    if msg.is_group:
        return AdminReply(UPLOAD_PRIVATE)
    if article:
        if command_of(msg.text) != Action.INGEST:
            return AdminReply(INGEST_USAGE)
        limit = app.config.ingest.max_bytes
        if attachment.size > limit:
            return AdminReply(INGEST_ERRORS[TOO_BIG].format(size=attachment.size, limit=limit))
        return await ingest_article(app, msg, await attachment.fetch())
    if not name.endswith((".yaml", ".yml")):
        return AdminReply(FILE_KINDS)
    if attachment.size > app.config.reload.max_upload_bytes:
        return too_big(app, msg, attachment.name, attachment.size)
    return await upload(app, msg, attachment.name, await attachment.fetch())


async def ingest_article(app: App, msg: Incoming, data: bytes) -> AdminReply:
    """Draft knowledge from an article's text (the rest of the caption, if any, is its publisher); reply with
    what was found and the draft file to review."""
    try:
        text = read_text(data, app.config.ingest.max_bytes)
    except IngestError as error:
        return AdminReply(INGEST_ERRORS[error.reason].format(size=len(data), limit=app.config.ingest.max_bytes))
    publisher = split_command(msg.text)[1]
    try:
        result, path, (ok, total, _) = await asyncio.to_thread(_draft_and_check, app, text, publisher)
    except OSError as error:
        return cannot_write(app, msg, Action.INGEST, error)
    except IngestError:  # the draft itself would be over the knowledge file limit
        _audit(app, msg, Action.INGEST, FAILED, "draft over the file size limit")
        return AdminReply(DRAFT_TOO_BIG)
    except KnowledgeError as error:  # the draft is written but cannot be checked yet (a field still empty)
        _audit(app, msg, Action.INGEST, FAILED, f"self-check: {error}"[:2000])
        return AdminReply(DRAFT_UNCHECKED.format(count=len(error.problems)))
    _audit(app, msg, Action.INGEST, OK, f"{path.name}: {len(result.facts)} facts, {len(result.uncovered)} figures uncovered")
    guessed = [f"{GUESSED_NAMES[g]} «{_shown(result.article, g)}»" for g in result.guessed if g in GUESSED_NAMES]
    uncovered = INGEST_UNCOVERED.format(count=len(result.uncovered)) if result.uncovered else ""
    text = INGEST_DONE.format(id=result.article["id"], facts=len(result.facts), figures=result.figures_found,
                              uncovered=uncovered, guessed="; ".join(guessed) or "không", ok=ok, total=total)
    return AdminReply(text, document=(path.name, path.read_bytes()))


def _draft_and_check(app: App, text: str, publisher: str):
    """Draft, write and self-check (in a worker thread)."""
    result = draft(text, Given(publisher=publisher), app.engine.kb)
    path = drafts.write(app.config, result)
    check = drafts.self_check(app.config, result) if result.facts else (0, 0, [])
    return result, path, check


def _shown(article: dict, name: str) -> str:
    """A guessed field as the admin reads it."""
    value = ", ".join(article["places"]) if name == "places" else article.get(name)
    return str(value) if value else "chưa có, cần điền"


async def approve_draft(app: App, msg: Incoming, draft_id: str) -> AdminReply:
    """Approve a reviewed draft and reload, one at a time with uploads and reloads."""
    if not draft_id:
        return AdminReply(APPROVE_USAGE.format(waiting=await _waiting(app)))
    if draft_id not in {w.id for w in await asyncio.to_thread(drafts.waiting, app.config)}:
        _audit(app, msg, Action.APPROVE, FAILED, f"{draft_id}: no such draft"[:2000])
        return AdminReply(NO_SUCH_DRAFT.format(id=draft_id, waiting=await _waiting(app)))
    async with app.knowledge_lock:
        try:
            target = await asyncio.to_thread(drafts.approve, app.config, draft_id)
        except OSError as error:
            return cannot_write(app, msg, Action.APPROVE, error)
        except drafts.ApproveError as error:
            _audit(app, msg, Action.APPROVE, FAILED, f"{draft_id}: {error}"[:2000])
            return AdminReply("\n".join([APPROVE_FAILED.format(id=draft_id, count=len(error.problems))]
                                        + [f"• {_unlocated(app, p)}" for p in error.problems]))
        _audit(app, msg, Action.APPROVE, OK, str(target.name))
        prepared = await asyncio.to_thread(prepare, app)
        reloaded = finish_reload(app, msg.channel, msg.chat_id, msg.user_id, prepared)
    return AdminReply(APPROVED.format(id=draft_id) + "\n" + reloaded,
                      then=await _offer(app, msg.channel, msg.chat_id, msg.user_id, prepared))


async def _waiting(app: App) -> str:
    """The ids of the drafts waiting for review, as the admin reads them."""
    waiting = await asyncio.to_thread(drafts.waiting, app.config)
    return ", ".join(w.id for w in waiting) or NONE_WAITING


def _unlocated(app: App, problem: str) -> str:
    """A problem as an admin in a chat reads it: file names relative to the knowledge folder, no server path."""
    return str(problem).replace(str(app.config.knowledge_dir) + os.sep, "")


async def upload(app: App, msg: Incoming, filename: str, data: bytes) -> AdminReply:
    """Validate an uploaded knowledge file with the folder as it will be after saving it; save it (the old one
    backed up) and reload. Uploads and reloads go one at a time, so two uploads valid alone cannot together
    leave the folder invalid."""
    if not app.is_admin(msg.channel, msg.user_id):
        return refuse(app, msg, Action.UPLOAD)
    if msg.is_group:
        return AdminReply(UPLOAD_PRIVATE)
    if app.store is None:
        return AdminReply(NO_LOG)
    if not _SAFE_NAME.fullmatch(filename):
        return _upload_refused(app, msg, filename, UPLOAD_NAME)
    if len(data) > app.config.reload.max_upload_bytes:
        return too_big(app, msg, filename, len(data))
    relative = Path(filename) if filename in TOP_FILES else Path(ARTICLES_DIR) / filename
    async with app.knowledge_lock:
        try:
            problems, backup = await asyncio.to_thread(_stage_and_save, app, relative, data)
        except OSError as error:
            return cannot_write(app, msg, Action.UPLOAD, error)
        if problems:
            text = "\n".join([UPLOAD_REFUSED.format(name=filename, count=len(problems))] + [f"• {p}" for p in problems])
            return _upload_refused(app, msg, filename, text, detail=_refusal(problems))
        _audit(app, msg, Action.UPLOAD, OK, f"{relative}" + (f" (previous kept as {backup})" if backup else ""))
        prepared = await asyncio.to_thread(prepare, app)
        reloaded = finish_reload(app, msg.channel, msg.chat_id, msg.user_id, prepared)
    saved = UPLOAD_SAVED.format(name=relative, backup=UPLOAD_BACKUP.format(path=backup) if backup else "")
    return AdminReply(saved + "\n" + reloaded,
                      then=await _offer(app, msg.channel, msg.chat_id, msg.user_id, prepared))


def _stage_and_save(app: App, relative: Path, data: bytes) -> tuple[list[str], str]:
    """Validate the folder with the new file in a scratch copy; if valid, save it. (problems, backup path)."""
    with staged(app.config) as copy:
        (copy / relative).write_bytes(data)
        problems = validate(app, copy)
        if problems:
            return [str(p).replace(str(copy) + os.sep, "") for p in problems], ""
    return [], _save(app.config.knowledge_dir, relative, data, app.config.reload.backups_dir)


def cannot_write(app: App, msg: Incoming, action: Action, error: OSError) -> AdminReply:
    """The knowledge folder cannot be written (read-only, no permission, disk full): one ERROR line, an audit
    row, and one clear reply; nothing in the folder has changed."""
    log.error("%s: cannot write the knowledge folder %s: %s", action, app.config.knowledge_dir, error)
    _audit(app, msg, action, FAILED, f"cannot write the knowledge folder: {error}"[:2000])
    reason = NO_SPACE if error.errno == errno.ENOSPC else READ_ONLY
    return AdminReply(CANNOT_WRITE.format(reason=reason))


def too_big(app: App, msg: Incoming, filename: str, size: int) -> AdminReply:
    """Refuse a knowledge file over the size limit (callers can say so before downloading it)."""
    limit = app.config.reload.max_upload_bytes
    return _upload_refused(app, msg, filename, UPLOAD_TOO_BIG.format(size=size, limit=limit))


def _upload_refused(app: App, msg: Incoming, filename: str, text: str, detail: str = "") -> AdminReply:
    """Refuse an upload, record why."""
    _audit(app, msg, Action.UPLOAD, FAILED, f"{filename}: {detail or text}"[:2000])
    return AdminReply(text)


def _audit(app: App, msg: Incoming, action: str, outcome: str, detail: str) -> None:
    """Record an admin action of a chat message (when there is a database)."""
    app.audit(msg.channel, msg.chat_id, msg.user_id, action, outcome, detail)


def _save(folder: Path, relative: Path, data: bytes, backups_dir: str) -> str:
    """Write a knowledge file atomically; an existing one is first copied to the backups folder."""
    target = folder / relative
    backup = ""
    if target.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_path = folder / backups_dir / f"{relative.stem}.{stamp}{relative.suffix}"
        backup_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, backup_path)
        backup = str(backup_path.relative_to(folder))
    write_file(target, data)
    return backup


def stats_text(app: App, data: Stats) -> str:
    """The statistics as a short message."""
    lines = [STATS_HEAD.format(days=data.days, total=data.total, answer=data.rate("answer"),
                               clarify=data.rate("clarify"), decline=data.rate("decline"),
                               smalltalk=data.rate("smalltalk"), up=data.up, down=data.down)]
    if app.lost_rows():
        lines.append(STATS_LOST.format(count=app.lost_rows()))
    if data.top_facts:
        lines.append(STATS_TOP)
        for n, (fact_id, count) in enumerate(data.top_facts, 1):
            fact = app.engine.kb.fact(fact_id)
            lines.append(f"{n}. {fact.questions[0] if fact else fact_id} — {count} lần")
    if data.per_day:
        lines.append(STATS_DAYS)
        lines += [f"{day}: {sum(c.values())}" for day, c in data.per_day]
    return "\n".join(lines)


def unanswered_text(groups: list[Group], days: int) -> str:
    """Unanswered questions, grouped, most frequent first, with the closest fact."""
    if not groups:
        return NOTHING_UNANSWERED.format(days=days)
    lines = [UNANSWERED_HEAD.format(days=days)]
    for n, g in enumerate(groups, 1):
        closest = UNANSWERED_CLOSEST.format(fact=g.best_fact, score=g.best_score) if g.best_fact else ""
        why = UNANSWERED_WHY.get(g.rule, UNANSWERED_WHY_OTHER)
        lines.append(UNANSWERED_ITEM.format(n=n, question=g.question, count=g.count, why=why, closest=closest))
    return "\n".join(lines)


ROUTES = {Action.RELOAD: _reload, Action.STATS: _stats, Action.UNANSWERED: _unanswered,
          Action.BROADCAST: _broadcast, Action.APPROVE: _approve}  # /themnguon alone only says how to send a file


def _days(arg: str, default: int) -> int:
    """The period asked for ("/thongke 7"), else the default."""
    arg = arg.strip()
    return int(arg) if arg.isdigit() and 0 < int(arg) <= 3650 else default


# ---------------------------------------------------------------- broadcasts


def preview_broadcast(app: App, msg: Incoming, text: str) -> AdminReply:
    """A draft broadcast and its preview, with send and cancel buttons."""
    text = text.strip()
    if not text:
        return AdminReply(BROADCAST_USAGE)
    limit = app.config.broadcast_limits(msg.channel).max_chars
    if len(text) > limit:
        return AdminReply(BROADCAST_TOO_LONG.format(size=len(text), limit=limit))
    return _draft(app, msg.channel, msg.chat_id, msg.user_id, text, SEND_LABEL, CANCEL_LABEL)


def update_offer(app: App, channel: str, chat: str, user: str, prepared: Prepared) -> AdminReply | None:
    """After a reload that added facts: a ready broadcast summarising them, one tap away."""
    added = [prepared.engine.kb.fact(c.id) for c in prepared.changes if c.kind == "fact" and c.what == ADDED] \
        if prepared.ok else []
    if not added or app.store is None or not app.store.active_subscribers(channel):
        return None
    lines = [UPDATE_HEAD.format(count=len(added))]
    limit = app.config.broadcast_limits(channel).max_chars - len(UPDATE_MORE)
    for n, fact in enumerate(added):
        entry = f"• {fact.answer}\n  Nguồn: {source_line(prepared.engine.sources(fact)[0])}"
        if sum(len(x) + 1 for x in lines) + len(entry) > limit:
            lines.append(UPDATE_MORE.format(count=len(added) - n))
            break
        lines.append(entry)
    return _draft(app, channel, chat, user, "\n".join(lines), UPDATE_LABEL, SKIP_LABEL)


def _draft(app: App, channel: str, chat: str, user: str, text: str, send: str, cancel: str) -> AdminReply:
    """Store a draft and preview it."""
    recipients = app.store.active_subscribers(channel)
    if not recipients:
        return AdminReply(NO_SUBSCRIBERS)
    refusal, quota = _quota(app, channel, len(recipients))
    if refusal:
        return AdminReply(refusal)
    broadcast_id = app.store.create_broadcast(channel, user, text)
    groups = sum(1 for _, kind in recipients if kind != "private")
    app.audit(channel, chat, user, Action.BROADCAST, Outcome.DRAFT, f"#{broadcast_id} for {len(recipients)} recipients")
    preview = PREVIEW.format(id=broadcast_id, total=len(recipients), private=len(recipients) - groups,
                             groups=groups, quota=quota, text=text)
    return AdminReply(preview, buttons=((send, f"{Decision.SEND}:{broadcast_id}"),
                                        (cancel, f"{Decision.CANCEL}:{broadcast_id}")))


def confirm_broadcast(app: App, msg: Incoming, broadcast_id: int) -> tuple[str, bool]:
    """The admin pressed send: snapshot the recipients and start. Returns the status text and whether to run."""
    if not app.is_admin(msg.channel, msg.user_id):
        refuse(app, msg, Action.BROADCAST)
        return NOT_ADMIN, False
    recipients = app.store.active_subscribers(msg.channel)
    row = app.store.broadcast(broadcast_id)
    if row is None or row["channel"] != msg.channel:
        return NOT_DRAFT.format(id=broadcast_id), False
    quota = app.config.broadcast_limits(msg.channel).monthly_quota
    try:
        if not app.store.start_broadcast(broadcast_id, recipients, quota):
            return NOT_DRAFT.format(id=broadcast_id), False
    except OverQuota as over:
        return OVER_QUOTA.format(need=len(recipients), left=over.left, quota=quota), False
    _audit(app, msg, Action.BROADCAST, OK, f"#{broadcast_id} started for {len(recipients)} recipients")
    return STARTED.format(id=broadcast_id, total=len(recipients)), True


def _quota(app: App, channel: str, needed: int) -> tuple[str, str]:
    """Against the channel's monthly quota, if it has one: a refusal when the messages needed exceed what is
    left, else the line the preview shows."""
    quota = app.config.broadcast_limits(channel).monthly_quota
    if not quota:
        return "", ""
    left = max(0, quota - app.store.broadcast_messages_this_month(channel))
    if needed > left:
        return OVER_QUOTA.format(need=needed, left=left, quota=quota), ""
    return "", QUOTA_LINE.format(left=left, quota=quota, after=left - needed)


def cancel_broadcast(app: App, msg: Incoming, broadcast_id: int) -> str:
    """The admin pressed cancel on a draft, or on a broadcast being sent (it stops)."""
    if not app.is_admin(msg.channel, msg.user_id):
        refuse(app, msg, Action.BROADCAST)
        return NOT_ADMIN
    if app.store.cancel_broadcast(broadcast_id):
        _audit(app, msg, Action.BROADCAST, Outcome.CANCELLED, f"#{broadcast_id}")
        return CANCELLED_TEXT.format(id=broadcast_id)
    dropped = app.store.stop_broadcast(broadcast_id)
    if dropped is None:
        return NOT_DRAFT.format(id=broadcast_id)
    _audit(app, msg, Action.BROADCAST, Outcome.CANCELLED, f"#{broadcast_id} while sending: {dropped} recipients dropped")
    return STOPPED_TEXT.format(id=broadcast_id, dropped=dropped)


def progress_text(p: Progress) -> str:
    """The admin's status message."""
    if p.done and p.cancelled:
        return STOPPED_FINAL.format(id=p.broadcast_id, sent=p.sent, total=p.total, dropped=p.cancelled)
    if p.done:
        failed = FINISHED_FAILED.format(failed=p.failed) if p.failed else ""
        unconfirmed = FINISHED_UNCONFIRMED.format(count=p.unconfirmed) if p.unconfirmed else ""
        return FINISHED.format(id=p.broadcast_id, sent=p.sent, total=p.total, failed=failed, unconfirmed=unconfirmed)
    eta = PROGRESS_ETA.format(seconds=int(p.eta_seconds) + 1) if p.eta_seconds is not None else ""
    return PROGRESS.format(id=p.broadcast_id, sent=p.sent, total=p.total, failed=p.failed, remaining=p.remaining,
                           eta=eta)
