"""What a service running for months meets (issue 18), through real processes: the command line's answers to
look-alike digits, drafts with changed figures, a stale pid file, a deleted database, cancelled broadcasts."""
from __future__ import annotations

import pytest

from tests.system.test_cli import run


@pytest.mark.parametrize("figure, lead", [("¹⁰⁰", "Chưa đúng"), ("½", "Chưa đúng"), ("⑨②", "Đúng."),
                                          ("9\u200b2", "Đúng.")])
def test_ask_reads_look_alike_digits_as_digits(figure, lead):
    """`python -m bot ask`: the article says 92."""
    done = run(["ask", "--no-log", f"Sở KH&CN Hải Dương có {figure} đoàn viên công đoàn đúng không?"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(lead), done.stdout[:200]
