"""`python -m bot`."""
import sys

from bot import stop_at_once_on_ctrl_c

stop_at_once_on_ctrl_c(sys.argv[1:])  # Ctrl-C while the program loads: it stops as it would a moment later
from bot.cli import main  # noqa: E402

sys.exit(main())
