"""Workforce Q&A bot core: knowledge, matching, answers, question log. Knows no chat platform."""
