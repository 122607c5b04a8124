"""`python -m bot`."""
import gc
import sys

from bot import stop_at_once_on_ctrl_c

stop_at_once_on_ctrl_c(sys.argv[1:])  # Ctrl-C while the program loads: it stops as it would a moment later
# Loading the modules makes tens of thousands of objects that live as long as the process (classes, functions,
# patterns) and no garbage: no collection need ever scan them. Those scans were 4 ms of the start of `ask`.
gc.disable()
from bot.cli import main  # noqa: E402

gc.freeze()
gc.enable()
sys.exit(main())
