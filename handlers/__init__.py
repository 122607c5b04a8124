"""Conversation logic shared by every channel (terminal, Telegram, Zalo); knows nothing of HTTP."""
