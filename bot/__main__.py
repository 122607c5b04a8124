"""`python -m bot`."""
import sys

try:
    from bot.cli import main
except KeyboardInterrupt:  # Ctrl-C while the program was still loading: it stops as it would a moment later
    sys.exit(0 if sys.argv[1:2] and sys.argv[1] in ("chat", "serve", "telegram", "zalo") else 130)
sys.exit(main())
