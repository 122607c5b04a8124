"""Command line: `python -m bot COMMAND`; each command has --help."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from bot import SERVICES, ctrl_c_raises, interrupted
from channels import PLATFORMS

from bot.service import logs
from bot.service.config import CONFIG_ENV, DEFAULTS, ConfigError, load_config
from bot.kb.knowledge import KnowledgeError, load_knowledge

if TYPE_CHECKING:
    from bot.engine.core import Answer

SHOWN_UNCOVERED = 20  # figures (and self-check misses) ingest lists; the count is always given


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, as wide as argparse makes it, without importing shutil for that width (shutil,
    with zlib, bz2 and lzma, was 1.7 ms of every start, for a help rarely printed)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size() gives it: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _Unbuilt:
    """Stands for the parser of a command that is not being run: its options are not built."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        """Nothing to build."""

    def add_mutually_exclusive_group(self, **kwargs: object) -> "_Unbuilt":
        """Nothing to build."""
        return self


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """All commands and their options; with `only`, the one command named so (if any): building every command's
    parser was a twentieth of the start of `ask`."""
    parser = argparse.ArgumentParser(
        prog="python -m bot", formatter_class=_Formatter,
        description="Workforce Q&A bot for Vietnamese public-sector staff: answers from cited news articles.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_: str, func: Callable[..., int]) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return _Unbuilt()  # type: ignore[return-value]
        p = sub.add_parser(name, help=help_, description=help_, formatter_class=_Formatter)
        p.add_argument("--config", default=None, metavar="PATH",
                       help=f"your configuration file, layered over the shipped defaults ({DEFAULTS}); only the "
                            f"keys you change (default: ${CONFIG_ENV}, else ./config.yaml when present)")
        p.set_defaults(func=func)
        return p

    command("chat", "Chat with the bot in this terminal on the bundled knowledge (no token, no network).", _chat)
    p = command("ask", "Answer questions given as arguments, or one per line on stdin until EOF.", _ask)
    p.add_argument("questions", nargs="*", metavar="QUESTION", help="questions to answer (default: read stdin)")
    p.add_argument("--json", action="store_true", help="print one JSON object per question")
    p.add_argument("--no-log", action="store_true", help="do not record the questions in the question log")
    p.add_argument("--conversation", action="store_true",
                   help="the lines are the turns of one conversation (follow-ups refer to earlier turns); "
                        "a line that is exactly --- starts a new conversation and prints nothing")
    p = command("facts", "List every fact in the knowledge base.", _facts)
    p.add_argument("--json", action="store_true", help="one JSON object per line (default: a readable list)")
    p = command("check", "Validate the knowledge folder and print a summary; exit 1 on any problem. Also lists "
                         "sentences of an article with a figure that no fact quotes.", _check)
    p.add_argument("--figures", action="store_true",
                   help="list every figure of every article text with the facts that quote it")
    p.add_argument("--strict", action="store_true", help="exit 1 when a sentence with a figure is quoted by no fact")
    p = command("ingest", "Draft knowledge files from articles' raw texts: metadata guessed where not given, "
                          "one draft fact per figure a sentence counts, an office holder or a date; one summary "
                          "line per article (the full summary for a single one). A failed article never stops "
                          "the others.", _ingest)
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help="article texts (UTF-8), or folders of *.txt")
    p.add_argument("--id", default="", help="article id (one article only; default: from place, year and title)")
    p.add_argument("--title", default="", help="headline (one article only; default: guessed from the text)")
    p.add_argument("--publisher", default="", help="newspaper or site (default: guessed, else to be filled in); "
                                                   "'unknown': stated as not known where the text does not say")
    p.add_argument("--date", default="", metavar="YYYY-MM-DD", help="publication date (default: guessed)")
    p.add_argument("--author", default="", help="author (default: the byline or signature); 'unknown': stated "
                                                "as not known where the text does not say")
    p.add_argument("--url", default="", help="address of the article online")
    p.add_argument("--place", default="", help="the place it is about (default: the gazetteer's most named)")
    p.add_argument("--out", default=None, metavar="DIR", help="where to write the drafts (default: knowledge/drafts)")
    p = command("approve", "Validate reviewed drafts as article files with the whole folder, move them under "
                           "knowledge/articles/ and make the running bot reload.", _approve)
    p.add_argument("id", nargs="?", metavar="ID", help="the draft's id (its file name in knowledge/drafts/)")
    p.add_argument("--all", action="store_true", help="approve every draft that validates; list the others with "
                                                      "their problems")
    command("reload", "Make the running bot reload the knowledge folder (SIGHUP via its pid file) and print "
                      "what changed; exit 1 if it refused the new knowledge.", _reload)
    p = command("stats", "Print question statistics from the question log.", _stats)
    p.add_argument("--days", type=int, default=None, help="period in days, 1 or more (default: reports.days in config)")
    p.add_argument("--chart", metavar="FILE.png", default=None, help="also write the per-day chart as a PNG")
    p = command("unanswered", "Print declined and clarified questions, near-duplicates grouped, most frequent first.",
                _unanswered)
    p.add_argument("--days", type=int, default=None, help="period in days, 1 or more (default: reports.days in config)")
    p = command("broadcast", "Send an update to every subscribed chat of a channel, with a progress bar; or "
                             "resume.", _broadcast)
    p.add_argument("--channel", choices=PLATFORMS, default="telegram",
                   help="the channel whose subscribers get it (default: telegram)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--text", help="the message")
    what.add_argument("--file", metavar="FILE", help="read the message from a UTF-8 text file")
    what.add_argument("--resume", action="store_true", help="finish broadcasts cut short by a stop or a crash")
    what.add_argument("--retry-failed", type=int, metavar="ID", help="send again to the failed recipients of one")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = command("broadcasts", "List past broadcasts with their counts, or one broadcast's failed recipients, or "
                              "cancel one.", _broadcasts)
    p.add_argument("--id", type=int, default=None, help="show this broadcast's failed recipients and reasons")
    p.add_argument("--cancel", type=int, default=None, metavar="ID",
                   help="cancel a draft or a broadcast being sent: the bot stops within the messages in flight "
                        "and never resumes it")
    command("serve", "Run every channel enabled in config.yaml (telegram.enabled, zalo.enabled) in one process "
                     "until Ctrl-C or SIGTERM; tokens come from TELEGRAM_BOT_TOKEN and ZALO_BOT_TOKEN.", _serve)
    for name, token_env in (("telegram", "TELEGRAM_BOT_TOKEN"), ("zalo", "ZALO_BOT_TOKEN")):
        p = command(name, f"Run only the {name.capitalize()} channel (token in {token_env}) until Ctrl-C or SIGTERM.",
                    _serve_one)
        p.add_argument("--webhook", metavar="URL", default=None,
                       help="public HTTPS URL for webhook mode (default: long polling); listen address, port and "
                            "path come from config.yaml")
    p = command("doctor", "Check the set-up live, one line per check: configuration, knowledge, database, and for "
                          "each enabled channel its token and bot name, webhook state and whether updates can "
                          "arrive; exit 0 only if every check passes.", _doctor)
    p.add_argument("--send-to", action="append", default=[], metavar="[CHANNEL:]ID",
                   help="also send a test message to this chat (e.g. an admin: telegram:123456789 or zalo:abc…; "
                        "a bare ID when one channel is enabled); may be repeated")
    p = command("backup", "Copy the database while the bot serves (SQLite's online backup API), checked, with "
                          "its id salt.", _backup)
    p.add_argument("target", nargs="?", default=None, metavar="FILE",
                   help="where to write it (default: backups/bot-<UTC time>.sqlite3 beside the database)")
    p = command("restore", "Replace the database with a backup after checking it; refused while the bot runs "
                           "(stop it first). The current database is kept beside it.", _restore)
    p.add_argument("source", metavar="FILE", help="a backup written by `python -m bot backup`")
    if only is not None and not sub.choices:  # not a command's name: every command, to say which there are
        return _parser()
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    try:
        return _run(_parse(list(sys.argv[1:] if argv is None else argv)))
    except KeyboardInterrupt:  # Ctrl-C at any moment, however far the command got: no traceback
        return interrupted(list(argv) if argv is not None else sys.argv[1:])


def _parse(argv: list[str]) -> argparse.Namespace:
    """The command line parsed: by the named command's parser alone when the first word names one, else (help,
    a mistake) by every command's, which lists them."""
    return _parser(argv[0] if argv and not argv[0].startswith("-") else None).parse_args(argv)


def _run(args: argparse.Namespace) -> int:
    """Load the configuration and run the command; its errors are one clear line."""
    if getattr(args, "command", None) not in SERVICES:
        ctrl_c_raises()  # a service keeps stopping at once until its runtime takes Ctrl-C; the rest clean up
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # `ask --no-log` logs at most a word about the index cache, through lazy loggers: its logging is set up at
    # that first record, if ever (importing logging was 5 ms of its start)
    deferred = args.command == "ask" and args.no_log and not args.conversation
    logs.setup(config.log_level, config.logs.file, config.logs.max_bytes, config.logs.backups,
               config.logs.library_debug, deferred=deferred)
    from bot.service.app import StoreError
    try:
        return args.func(args, config)
    except KnowledgeError as exc:
        count = len(exc.problems)
        print(f"error: the knowledge base is invalid ({count} problem{'s' if count > 1 else ''}):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`facts --json | head -1`): nothing more to say, and nothing to flush to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _chat(args: argparse.Namespace, config) -> int:
    """Interactive terminal chat (log lines below warnings would interleave with it)."""
    import logging

    from bot.runtime import chat

    from bot.service.app import App
    logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
    status = chat(App.create(config))
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `chat | head -1`: the reader left; the chat ended for that reason
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status


def _ask(args: argparse.Namespace, config) -> int:
    """Answer arguments or stdin lines, in order, one output per input."""
    from bot.service.app import App
    from bot.engine.render import json_line, to_text
    if args.json and args.conversation:
        import json  # imported only for JSON output (a start printing text does without it)
    app = App.create(config, log=not args.no_log)
    held: list[Answer] = []  # JSON answers not written yet
    if args.questions:
        questions = args.questions
    elif args.json and not args.conversation:
        # Each answer is written before the next line is waited for: the answers held are written before any read
        # that may wait; while more lines are already there, up to _HELD_LINES answers go out in one write (a
        # write or two per answer, unbuffered as containers run Python, were 5% of a batch's time).
        questions = _lines(sys.stdin, lambda: _write_json(held, json_line, flush=True))
    else:
        questions = (line.rstrip("\r\n") for line in sys.stdin)
    try:
        if args.conversation:
            import asyncio

            from channels.terminal import converse
            emit = (lambda record: print(json.dumps(record, ensure_ascii=False), flush=True)) if args.json else \
                (lambda record: print(record["answer"] + "\n", flush=True))
            asyncio.run(converse(app, questions, emit))
            return 0
        failed = 0
        try:
            for question in questions:
                try:
                    answer = app.ask(question, "cli")
                except Exception:  # noqa: BLE001 - one question's failure must not lose the batch's other answers
                    import logging
                    failed += 1
                    logging.getLogger(__name__).exception("could not answer %r", question[:80])
                    _write_json(held, json_line, flush=True)  # (in order: the answers before it first)
                    print(_failed_line(question, args.json), flush=True)
                    continue
                if args.json:
                    held.append(answer)
                    if args.questions or len(held) >= _HELD_LINES:
                        _write_json(held, json_line, flush=not args.questions)
                else:
                    print(to_text(answer) + "\n", flush=True)
        finally:
            _write_json(held, json_line, flush=True)  # answers made before an interruption are not lost
        return 1 if failed else 0
    finally:
        app.flush()  # the question log is written in the background


_HELD_LINES = 64  # JSON answers written together at most, while more questions are waiting


def _failed_line(question: str, as_json: bool) -> str:
    """What `ask` prints for a question it failed to answer: the chat's apology, or a JSON record saying so."""
    from handlers.conversation import FAILED
    if not as_json:
        return FAILED + "\n"
    import json
    return json.dumps({"question": question, "answered": False, "outcome": "error", "answer": FAILED,
                       "sources": [], "suggestions": [], "why": {"rule": "error"}}, ensure_ascii=False)


def _write_json(answers: list[Answer], json_line: Callable[[Answer], str], flush: bool) -> None:
    """Print the JSON lines of answers held back, in one write, and forget them. They are written out together
    when written, not each after its answer: the engine and the encoder, taking turns for every answer, each
    found less of its own in the processor's caches (the encoding of a batch took nearly twice as long)."""
    if answers:
        print("\n".join(map(json_line, answers)), flush=flush)
        answers.clear()


_READ_SIZE = 8192  # bytes of input read at once at most (as sys.stdin reads)


def _lines(stream, before_waiting: Callable[[], None]) -> Iterator[str]:
    """The lines of a text stream without their line ends, as `for line in stream` gives them (decoded as the
    stream decodes, each ending at a line feed), read from its file in chunks: before_waiting() is called before
    each read that may wait for input, never while lines already read are left (a system call per line, to ask
    whether more input was there, cost a batch more than the writes it saved). A stream that is no file is read
    as it is."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # a test's StringIO
        yield from (line.rstrip("\r\n") for line in stream)
        return
    import codecs
    decoder = codecs.getincrementaldecoder(stream.encoding)(stream.errors)
    rest = ""
    while True:
        before_waiting()
        chunk = os.read(fd, _READ_SIZE)
        rest += decoder.decode(chunk, final=not chunk)
        *lines, rest = rest.split("\n")
        for line in lines:
            yield line.rstrip("\r\n")
        if not chunk:
            break
    if rest:
        yield rest.rstrip("\r\n")


def _facts(args: argparse.Namespace, config) -> int:
    """Print every fact."""
    import json

    from bot.service.app import build_engine
    from bot.engine.render import source_json
    engine = build_engine(config)
    for fact in engine.kb.facts:
        if args.json:
            record = {"id": fact.id, "answer": fact.answer, "quote": fact.quote, "place": fact.place,
                      "sources": [source_json(s) for s in engine.sources(fact)]}
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(f"{fact.id}: {fact.answer}")
    return 0


def _check(args: argparse.Namespace, config) -> int:
    """Validate and summarise; report figures no fact quotes."""
    from bot.kb.provenance import figure_uses, uncovered_sentences
    kb = load_knowledge(config.knowledge_dir, config.file_limits)
    print(f"knowledge OK: {config.knowledge_dir}")
    print(f"  articles:  {len(kb.articles)}")
    print(f"  facts:     {len(kb.facts)}")
    print(f"  phrasings: {kb.phrasing_count}")
    print(f"  aliases:   {len(kb.aliases.folded) + len(kb.aliases.accented)}")
    print(f"  places:    {len(kb.places)}")
    for art in sorted(kb.articles.values(), key=lambda a: a.id):
        n = sum(1 for f in kb.facts if f.article_id == art.id)
        print(f"  - {art.id}: {n} facts ({art.title})")
    if args.figures:
        print("figures of the article texts and the facts quoting them:")
        for use in figure_uses(kb):
            quoted = ", ".join(use.facts) or "NOT QUOTED"
            print(f"  {use.article.id}  {use.figure.value:>12} {use.figure.kind:<8} {quoted}")
    from bot.authoring.drafts import waiting
    pending = waiting(config)
    if pending:
        print(f"drafts waiting for review ({len(pending)}; never served until approved):")
        for draft in pending:
            guessed = f"; guessed: {', '.join(draft.guessed)}" if draft.guessed else ""
            print(f"  {draft.id}: {draft.facts} facts ({draft.title}){guessed} -> python -m bot approve {draft.id}")
    missing = uncovered_sentences(kb)
    if missing:
        print(f"warning: {len(missing)} sentences with a figure are quoted by no fact:")
        for use in missing:
            where = f"{use.article.file}:{use.line}" if use.line else use.article.file
            print(f"  {where}: ({use.figure.value}) {use.sentence[:160]}")
    else:
        print("  every figure of every article is quoted by a fact")
    return 1 if missing and args.strict else 0


def _ingest(args: argparse.Namespace, config) -> int:
    """Draft knowledge from article texts; a summary per article; exit 1 if any failed."""
    import datetime as dt

    from bot.authoring.ingest import id_problem
    if args.date:
        try:
            dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"error: --date must be YYYY-MM-DD, not {args.date!r}", file=sys.stderr)
            return 2
    if args.id and id_problem(args.id):
        print(f"error: --id {id_problem(args.id)}", file=sys.stderr)
        return 2
    files, missing = _article_files(args.articles)
    if missing:
        print(f"error: cannot read {missing}: no such file or folder", file=sys.stderr)
        return 2
    if not files:
        print(f"error: no *.txt article in {', '.join(args.articles)}", file=sys.stderr)
        return 2
    if len(files) > 1 and (args.id or args.title):
        print("error: --id and --title name one article; give them with a single file", file=sys.stderr)
        return 2
    kb = load_knowledge(config.knowledge_dir, config.file_limits)
    if len(files) == 1:
        return _ingest_one(args, config, kb, files[0], detailed=True)
    failed, started = 0, time.perf_counter()
    for n, path in enumerate(files, 1):
        print(f"[{n}/{len(files)}] ", end="", flush=True)
        failed += _ingest_one(args, config, kb, path, detailed=False) != 0
    took = time.perf_counter() - started
    print(f"{len(files)} articles: {len(files) - failed} drafted, {failed} failed ({took:.1f} s, "
          f"{took / len(files):.2f} s per article); review them, then: python -m bot approve --all")
    return 1 if failed else 0


def _article_files(names: list[str]) -> tuple[list[Path], str]:
    """The article files named (folders give their *.txt files, sorted), and the first name that is neither."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.glob("*.txt") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            return [], name
    return list(dict.fromkeys(files)), ""


def _ingest_one(args: argparse.Namespace, config, kb, path: Path, detailed: bool) -> int:
    """Draft one article and print its summary (or its error), in one line unless `detailed`."""
    from bot.authoring import drafts
    from bot.authoring.ingest import Given, IngestError, draft, read_text
    started = time.perf_counter()
    try:
        text = read_text(path.read_bytes(), config.ingest.max_bytes)
        given = Given(args.id, args.title, args.publisher, args.date, args.author, args.url, args.place)
        result = draft(text, given, kb)
        if not args.id:
            result = drafts.unique(config, result, Path(args.out) if args.out else None)
        written = drafts.write(config, result, Path(args.out) if args.out else None)
    except IngestError as exc:
        print(f"error: {path}: {exc}", file=sys.stderr if detailed else sys.stdout, flush=True)
        return 1
    except OSError as exc:
        print(f"error: {path}: {exc.strerror} ({exc.filename or path})", file=sys.stderr if detailed else sys.stdout,
              flush=True)
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop a bulk ingest of the others
        import logging
        logging.getLogger(__name__).exception("could not draft %s", path)
        print(f"error: {path}: could not draft it ({type(exc).__name__}; a bug, logged); nothing written for it",
              file=sys.stderr if detailed else sys.stdout, flush=True)
        return 1
    took = time.perf_counter() - started
    if detailed:
        print(drafts_summary(config, result, written, took))
    else:
        article = result.article
        todo = [name for name in ("publisher", "author", "date", "title") if not article.get(name)]
        print(f"{path.name} -> {article['id']}: {len(result.facts)} facts, place {article['places'][0] or '?'}"
              + (f", new place {', '.join(p['name'] for p in result.new_places)}" if result.new_places else "")
              + (f", {len(result.uncovered)} figures uncovered" if result.uncovered else "")
              + (f", to fill in: {', '.join(todo)}" if todo else "") + f" ({took:.2f} s)", flush=True)
    return 0


def drafts_summary(config, result, path: Path, seconds: float) -> str:
    """What ingest found, for the command line (the chat shows its own)."""
    from bot.authoring import drafts
    lines = [f"draft written: {path} ({seconds:.2f} s)",
             f"  facts drafted: {len(result.facts)}",
             f"  figures in the text: {result.figures_found}; not covered by any draft fact: {len(result.uncovered)}"]
    lines += [f"    {u}" for u in result.uncovered[:SHOWN_UNCOVERED]]
    if len(result.uncovered) > SHOWN_UNCOVERED:
        lines.append(f"    … and {len(result.uncovered) - SHOWN_UNCOVERED} more")
    article = result.article
    for name in result.guessed:
        value = article.get(name) if name != "places" else ", ".join(article["places"])
        lines.append(f"  guessed {name}: {value or '(not found: fill it in)'}")
    for place in result.new_places:
        lines.append(f"  new place proposed for the gazetteer: {place['name']} ({place['kind']})")
    if result.facts:
        try:
            ok, total, missed = drafts.self_check(config, result)
        except KnowledgeError as error:  # a place or date still to fill in: approve will list them, located
            lines.append(f"  self-check: not run, the draft does not validate yet ({len(error.problems)} "
                         "problems; fill in what is missing, then approve lists any left)")
        else:
            more = f" and {len(missed) - SHOWN_UNCOVERED} more" if len(missed) > SHOWN_UNCOVERED else ""
            lines.append(f"  self-check: {ok}/{total} draft facts answer their own first phrasing"
                         + (f" (review: {', '.join(missed[:SHOWN_UNCOVERED])}{more})" if missed else ""))
    lines.append(f"review it, then: python -m bot approve {article['id']}")
    return "\n".join(lines)


def _approve(args: argparse.Namespace, config) -> int:
    """Approve a draft (or every draft that validates), then have the running bot reload."""
    from bot.authoring.drafts import ApproveError, approve, approve_all
    if bool(args.id) == bool(args.all):
        print("error: give a draft id, or --all", file=sys.stderr)
        return 2
    try:
        if args.all:
            def show(draft_id: str, target: Path | None, problems: list[str]) -> None:
                if target is not None:
                    print(f"approved: {target}", flush=True)
                else:
                    print(f"not approved: {draft_id} ({len(problems)} problem{'s' if len(problems) > 1 else ''}):")
                    for problem in problems:
                        print(f"  {problem}")
            outcome = approve_all(config, show)
            print(f"{len(outcome.approved)} drafts approved, {len(outcome.refused)} left for review")
            status = 1 if outcome.refused else 0
            if not outcome.approved:
                return status
        else:
            target = approve(config, args.id)
            print(f"approved: {target}")
            status = 0
    except ApproveError as exc:
        print(f"error: draft {args.id} cannot be approved ({len(exc.problems)} problem"
              f"{'s' if len(exc.problems) > 1 else ''}):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write in {config.knowledge_dir}: {exc.strerror}"
              + (f" ({exc.filename})" if exc.filename else ""), file=sys.stderr)
        return 1
    if _running_pid(config.pid_file) is None:
        print("no running bot found: the articles are served from its next start")
        return status
    return _reload(args, config) or status


def _serve(args: argparse.Namespace, config) -> int:
    """Run the enabled channels."""
    from bot.service.app import App
    from bot.runtime import enabled_channels
    app = App.create(config)
    return _run_service(app, enabled_channels(app), {})


def _serve_one(args: argparse.Namespace, config) -> int:
    """Run one channel (`telegram` or `zalo`)."""
    from bot.service.app import App
    if args.webhook and not args.webhook.startswith("https://"):
        print("error: --webhook needs an https:// URL (the platforms only call HTTPS webhooks)", file=sys.stderr)
        return 2
    return _run_service(App.create(config), [args.command], {args.command: args.webhook} if args.webhook else {})


def _run_service(app, names: list[str], webhooks: dict[str, str]) -> int:
    """Serve until stopped; a setup problem is one line on stderr."""
    from bot.runtime import AlreadyRunning, SetupError, serve
    try:
        return serve(app, names, webhooks)
    except (AlreadyRunning, SetupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _running_pid(pid_file: Path) -> int | None:
    """The pid of the bot holding the pid file's lock (None when none runs, whatever pid the file names)."""
    from bot.runtime import running_pid
    return running_pid(pid_file)


def _reload(args: argparse.Namespace, config) -> int:
    """Signal the running bot and wait for its audit record of the reload."""
    from bot.service.app import open_store
    pid = _running_pid(config.pid_file)
    if pid is None:
        print(f"error: no running bot found (pid file {config.pid_file}); nothing to reload.", file=sys.stderr)
        try:
            kb = load_knowledge(config.knowledge_dir, config.file_limits)
        except KnowledgeError as exc:
            print(f"The knowledge folder also has {len(exc.problems)} problems:", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        print(f"The knowledge folder is valid ({len(kb.articles)} articles, {len(kb.facts)} facts).",
              file=sys.stderr)
        return 1
    store = open_store(config)
    last = store.last_audit_id()
    os.kill(pid, signal.SIGHUP)
    deadline = time.monotonic() + config.reload.wait_seconds
    while time.monotonic() < deadline:
        for row in store.audit_since(last):
            if row["action"] == "reload":
                print(f"reload {row['detail']}")
                return 0 if row["outcome"] == "ok" else 1
        time.sleep(0.2)
    print(f"error: the bot (pid {pid}) did not report a reload within {config.reload.wait_seconds:.0f} s; "
          "see its log", file=sys.stderr)
    return 1


def _stats(args: argparse.Namespace, config) -> int:
    """Statistics as tables."""
    from bot.service.app import build_engine, open_store
    from bot.service.reports import OUTCOMES, chart_png, stats
    days = _period(args.days, config)
    if days is None:
        return 2
    chart = Path(args.chart) if args.chart else None
    if chart is not None and not chart.parent.is_dir():
        print(f"error: cannot write the chart to {chart}: the folder {chart.parent} does not exist", file=sys.stderr)
        return 2
    data = stats(open_store(config), days, config.reports.top)
    kb = build_engine(config).kb
    print(f"Questions in the last {days} days: {data.total}")
    print(f"{'outcome':<10} {'count':>6} {'share':>7}")
    for outcome in OUTCOMES:
        print(f"{outcome:<10} {data.totals.get(outcome, 0):>6} {data.rate(outcome):>7.1%}")
    print(f"votes: {data.up} up, {data.down} down")
    print("top facts:")
    for fact_id, count in data.top_facts:
        fact = kb.fact(fact_id)
        print(f"{count:>7}  {fact_id}  ({fact.questions[0] if fact else 'no longer in the knowledge'})")
    print("per day:")
    print(f"  {'day':<10} {'total':>6} " + " ".join(f"{o:>9}" for o in OUTCOMES))
    for day, counts in data.per_day:
        print(f"  {day:<10} {sum(counts.values()):>6} " + " ".join(f"{counts.get(o, 0):>9}" for o in OUTCOMES))
    if chart is not None:
        try:
            chart.write_bytes(chart_png(data))
        except OSError as exc:
            print(f"error: cannot write the chart to {chart}: {exc.strerror}", file=sys.stderr)
            return 1
        print(f"chart written to {chart}")
    return 0


def _period(days: int | None, config) -> int | None:
    """The period asked for with --days (the configured one if not given); None, with one line said, if it is
    not a period (0 or fewer days)."""
    if days is None:
        return config.reports.days
    if days < 1:
        print(f"error: --days must be 1 or more (got {days})", file=sys.stderr)
        return None
    return days


def _unanswered(args: argparse.Namespace, config) -> int:
    """Unanswered questions as a table."""
    from bot.service.app import build_engine, open_store
    from bot.service.reports import unanswered
    days = _period(args.days, config)
    if days is None:
        return 2
    groups = unanswered(open_store(config), build_engine(config), days, config.reports.similar,
                        config.reports.top, config.reports.max_rows)
    print(f"Declined or clarified questions in the last {days} days, grouped: {len(groups)} shown")
    print(f"{'count':>5} {'declined':>8} {'clarified':>9}  {'why (rule)':<17} {'closest fact (score)':<36} question")
    for g in groups:
        closest = f"{g.best_fact} ({g.best_score:.0f})" if g.best_fact else "-"
        print(f"{g.count:>5} {g.outcomes['decline']:>8} {g.outcomes['clarify']:>9}  {g.rule or '-':<17} "
              f"{closest:<36} {g.question}")
    return 0


def _broadcast(args: argparse.Namespace, config) -> int:
    """Create and send, resume, or retry broadcasts from a terminal."""
    import getpass

    from channels import module

    from bot.service.logs import protect
    from bot.service.app import open_store
    channel = module(args.channel)
    token = os.environ.get(channel.TOKEN_ENV, "").strip()
    if not token:
        print(f"error: set {channel.TOKEN_ENV} to the bot token", file=sys.stderr)
        return 2
    protect(token)
    store = open_store(config)
    user = f"cli:{getpass.getuser()}"
    if args.resume:
        ids = store.unfinished_broadcasts(args.channel)
        if not ids:
            print("nothing to resume")
            return 0
    elif args.retry_failed is not None:
        row = store.broadcast(args.retry_failed)
        if row is None or row["channel"] != args.channel:
            print(f"error: no {args.channel} broadcast {args.retry_failed}", file=sys.stderr)
            return 2
        print(f"{store.retry_failed(args.retry_failed)} failed recipients queued again")
        ids = [args.retry_failed]
    else:
        created = _new_broadcast(args, store, user, args.channel, config)
        if created is None:
            return 2
        ids = [created]
    import asyncio
    return asyncio.run(_send_broadcasts(config, channel, token, store, ids, args.channel))


def _new_broadcast(args: argparse.Namespace, store, user: str, channel: str, config) -> int | None:
    """Read the message, show who gets it, confirm, and write the broadcast; None if it should not go."""
    limits = config.broadcast_limits(channel)
    try:
        text = (args.text if args.text is not None else Path(args.file).read_text(encoding="utf-8")).strip()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
        return None
    if not text or len(text) > limits.max_chars:
        print(f"error: the message must have 1 to {limits.max_chars} characters (it has {len(text)})",
              file=sys.stderr)
        return None
    recipients = store.active_subscribers(channel)
    if not recipients:
        print("error: no chat has subscribed (/dangky)", file=sys.stderr)
        return None
    groups = sum(1 for _, kind in recipients if kind != "private")
    print(f"{len(recipients)} recipients ({len(recipients) - groups} private chats, {groups} groups)")
    if limits.monthly_quota:
        left = limits.monthly_quota - store.broadcast_messages_this_month(channel)
        print(f"monthly quota: {max(0, left)} of {limits.monthly_quota} messages left")
        if len(recipients) > left:
            print(f"error: this broadcast needs {len(recipients)} messages but only {max(0, left)} are left this "
                  "month", file=sys.stderr)
            return None
    if not args.yes:
        if not sys.stdin.isatty():
            print("error: not a terminal: pass --yes to send without confirmation", file=sys.stderr)
            return None
        if input("Send? [y/N] ").strip().lower() not in {"y", "yes", "c", "co", "có"}:
            print("cancelled")
            return None
    broadcast_id = store.create_broadcast(channel, user, text)
    store.start_broadcast(broadcast_id, recipients)
    store.audit("cli", None, user, "broadcast", "ok", f"#{broadcast_id} started for {len(recipients)} recipients")
    return broadcast_id


async def _send_broadcasts(config, channel, token: str, store, ids: list[int], name: str) -> int:
    """Run broadcasts one after another with a progress bar on stderr."""
    import dataclasses

    from bot.service import broadcast as bc
    limits = config.broadcast_limits(name)
    limits = dataclasses.replace(limits, progress_seconds=min(1.0, limits.progress_seconds))
    status = 0
    async with channel.broadcast_sender(config, token) as sender:
        for broadcast_id in ids:
            try:
                final = await bc.run(store, sender, broadcast_id, limits, _progress_bar)
            except bc.AlreadyRunning as exc:
                print(f"error: {exc}", file=sys.stderr)
                status = 1
                continue
            print(f"broadcast {broadcast_id}: {final.sent} sent, {final.failed} failed of {final.total}"
                  + (f"; {final.unconfirmed} unconfirmed (may have arrived; never sent twice)"
                     if final.unconfirmed else ""))
            status = status or (1 if final.failed else 0)
    return status


def _cancel_broadcast(store, broadcast_id: int) -> int:
    """Cancel a draft or stop a running broadcast, with an audit row."""
    if store.cancel_broadcast(broadcast_id):
        print(f"broadcast {broadcast_id} cancelled (it had not started)")
    else:
        dropped = store.stop_broadcast(broadcast_id)
        if dropped is None:
            row = store.broadcast(broadcast_id)
            state = f"is {row['status']}, not running" if row else "does not exist"
            print(f"error: broadcast {broadcast_id} {state}", file=sys.stderr)
            return 1
        print(f"broadcast {broadcast_id} cancelled: {dropped} recipients not yet reached will not be sent to")
    import getpass
    store.audit("cli", None, f"cli:{getpass.getuser()}", "broadcast", "cancelled", f"#{broadcast_id}")
    return 0


async def _progress_bar(p) -> None:
    """One line on stderr, rewritten in place."""
    width = 30
    done = (p.sent + p.failed) / p.total if p.total else 1.0
    bar = "#" * int(done * width) + "-" * (width - int(done * width))
    eta = f", about {int(p.eta_seconds) + 1} s left" if p.eta_seconds is not None and not p.done else ""
    sys.stderr.write(f"\r[{bar}] {p.sent}/{p.total} sent, {p.failed} failed{eta}   " + ("\n" if p.done else ""))
    sys.stderr.flush()


def _broadcasts(args: argparse.Namespace, config) -> int:
    """Past broadcasts as a table, or one broadcast's failures."""
    from bot.service.app import open_store
    store = open_store(config)
    if args.cancel is not None:
        return _cancel_broadcast(store, args.cancel)
    if args.id is not None:
        row = store.broadcast(args.id)
        if row is None:
            print(f"error: no broadcast {args.id}", file=sys.stderr)
            return 2
        failed = store.failed_deliveries(args.id)
        print(f"broadcast {args.id} ({row['status']}): {len(failed)} recipients not reached")
        for d in failed:
            print(f"  {d['chat']:>16} {d['state']:<8} {d['error']}")
        unsure = store.unconfirmed_deliveries(args.id)
        if unsure:
            print(f"{len(unsure)} sent without a confirmation (they may have arrived; never sent twice):")
            for d in unsure:
                print(f"  {d['chat']:>16} {d['error'] or 'the bot stopped while sending'}")
        return 0
    rows = store.broadcasts()
    if not rows:
        print("no broadcasts yet (admins start one with /thongbao, or: python -m bot broadcast --text ...)")
        return 0
    print(f"{'id':>4} {'created':<25} {'status':<9} {'total':>6} {'sent':>6} {'failed':>6} {'left':>5} "
          f"{'unconf.':>7}  by / text")
    for row in rows:
        c = row["counts"]
        failed = c.get("failed", 0) + c.get("blocked", 0)
        left = c.get("pending", 0) + c.get("sending", 0)
        text = row["text"].replace("\n", " ")[:40]
        print(f"{row['id']:>4} {row['created']:<25} {row['status']:<9} {row['total'] or 0:>6} {c.get('sent', 0):>6} "
              f"{failed:>6} {left:>5} {row['unconfirmed']:>7}  {row['by_user']}: {text}")
    return 0


# ---------------------------------------------------------------- operations


def _service_pid(config) -> int | None:
    """The running service's pid, known from its pid-file lock (None when no service holds it)."""
    from bot.runtime import PidLock
    return PidLock(config.pid_file).holder()


def _doctor(args: argparse.Namespace, config) -> int:
    """One line per check; 0 only if all pass."""
    import asyncio

    from channels.base import FAIL, INFO, OK
    from channels import module
    lines: list[tuple[str, str]] = [(OK, f"config: {config.path}" + (" (over the shipped defaults)"
                                                                       if config.path != DEFAULTS else ""))]
    lines += _doctor_local(config)
    running = _service_pid(config)
    lines.append((INFO, f"service: running (pid {running})" if running else "service: not running"))
    names = [n for n in PLATFORMS if config.channel(n).enabled]
    if not names:
        lines.append((FAIL, "no channel is enabled (telegram.enabled, zalo.enabled)"))
    targets = _send_targets(args.send_to, names)
    if isinstance(targets, str):
        lines.append((FAIL, targets))
        targets = {}
    for name in names:
        mod = module(name)
        token = os.environ.get(mod.TOKEN_ENV, "").strip()
        if not token:
            lines.append((FAIL, f"{name}: set {mod.TOKEN_ENV} to the bot token"))
            continue
        logs.protect(token)
        checks = asyncio.run(mod.doctor(config, token, targets.get(name, ""), running is not None,
                                        "Kiểm tra kết nối: bot đã sẵn sàng trả lời.",
                                        os.environ.get(mod.SECRET_ENV, "")))
        lines += [(status, f"{name}: {text}") for status, text in checks]
    if running and config.service.health_port:
        lines.append(_doctor_health(config))
    for status, text in lines:
        print(f"{status:<4} {text}")
    failed = sum(1 for status, _ in lines if status == FAIL)
    print(f"{'all checks passed' if not failed else f'{failed} check(s) failed'}")
    return 1 if failed else 0


def _send_targets(given: list[str], names: list[str]) -> dict[str, str] | str:
    """--send-to values by channel, or what is wrong with them."""
    out = {}
    for value in given:
        channel, _, chat = value.rpartition(":") if value.split(":", 1)[0] in PLATFORMS else ("", "", value)
        if not channel:
            if len(names) != 1:
                return f"--send-to {value}: say which channel (telegram:ID or zalo:ID)"
            channel = names[0]
        if channel not in names:
            return f"--send-to {value}: channel {channel} is not enabled"
        out[channel] = chat
    return out


def _doctor_local(config) -> list[tuple[str, str]]:
    """Knowledge, database and folders."""
    from channels.base import FAIL, OK
    import sqlite3

    from bot.storage.store import SCHEMA_VERSION
    from bot.service.app import StoreError, open_store
    lines = []
    try:
        kb = load_knowledge(config.knowledge_dir, config.file_limits)
        lines.append((OK, f"knowledge: {len(kb.facts)} facts in {len(kb.articles)} articles "
                            f"({config.knowledge_dir})"))
    except KnowledgeError as exc:
        lines.append((FAIL, f"knowledge: {len(exc.problems)} problems in {config.knowledge_dir} (run: python -m bot "
                              "check)"))
    try:
        store = open_store(config)
        with store.db.conn:
            store.db.execute("begin immediate")
        lines.append((OK, f"database: writable, schema {store.schema_version()}/{SCHEMA_VERSION} "
                            f"({config.database})"))
        store.close()
    except (StoreError, sqlite3.Error) as exc:
        lines.append((FAIL, f"database: {exc}"))
    folder = config.pid_file.parent
    writable = os.access(folder if folder.exists() else folder.parent, os.W_OK)
    lines.append((OK if writable else FAIL,
                  f"pid file folder {folder}: {'writable' if writable else 'not writable'}"))
    return lines


def _doctor_health(config) -> tuple[str, str]:
    """The running service's /healthz."""
    from channels.base import FAIL, OK
    import urllib.error
    import urllib.request
    url = f"http://{config.service.health_listen}:{config.service.health_port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=10):
            return OK, f"health: {url} ready"
    except urllib.error.HTTPError as exc:
        return FAIL, f"health: {url} answered {exc.code}: {exc.read().decode(errors='replace')[:300]}"
    except OSError as exc:
        return FAIL, f"health: {url} not reachable ({exc})"


def _backup(args: argparse.Namespace, config) -> int:
    """Copy the database online, with its salt."""
    import datetime as dt
    import shutil
    import sqlite3

    from bot.storage.store import check_database, copy_database
    if not config.database.exists():
        print(f"error: no database at {config.database}", file=sys.stderr)
        return 2
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = Path(args.target) if args.target else config.database.parent / "backups" / f"bot-{stamp}.sqlite3"
    try:
        copy_database(config.database, target)
        counts = check_database(target)
        salt = config.database.with_name(config.database.name + ".salt")
        if salt.exists():
            shutil.copyfile(salt, target.with_name(target.name + ".salt"))
            os.chmod(target.with_name(target.name + ".salt"), 0o600)
    except (sqlite3.Error, OSError) as exc:
        print(f"error: backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"backup written: {target} ({', '.join(f'{n} {t}' for t, n in counts.items())})")
    return 0


def _restore(args: argparse.Namespace, config) -> int:
    """Check a backup and put it in place while holding the service's pid-file lock."""
    import shutil
    import sqlite3

    from bot.runtime import AlreadyRunning, PidLock, SetupError
    from bot.storage.store import check_database, restore_database
    source = Path(args.source)
    try:
        counts = check_database(source)
    except sqlite3.Error as exc:
        print(f"error: {source} is not a usable backup ({exc})", file=sys.stderr)
        return 1
    lock = PidLock(config.pid_file)
    try:
        lock.acquire()  # no service may run on the database while it is replaced, nor start meanwhile
    except AlreadyRunning as exc:
        print(f"error: {exc}: stop it before restoring", file=sys.stderr)
        return 2
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        kept = restore_database(source, config.database)
        salt = source.with_name(source.name + ".salt")
        if salt.exists():
            shutil.copyfile(salt, config.database.with_name(config.database.name + ".salt"))
            os.chmod(config.database.with_name(config.database.name + ".salt"), 0o600)
    except (sqlite3.Error, OSError) as exc:
        print(f"error: restore failed: {exc}", file=sys.stderr)
        return 1
    finally:
        lock.release()
    print(f"restored {config.database} from {source} ({', '.join(f'{n} {t}' for t, n in counts.items())})")
    if kept:
        print(f"the previous database is kept as {kept}")
    return 0
