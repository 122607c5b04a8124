"""`python -m bot`."""
import sys

from bot import interrupted

try:
    from bot.cli import main
except KeyboardInterrupt:  # Ctrl-C while the program was still loading: it stops as it would a moment later
    sys.exit(interrupted(sys.argv[1:]))
sys.exit(main())
