"""The Zalo Bot Platform channel: its own small API client (client.py) and the adapter (channel.py)."""
from channels.zalo.channel import NAME, SECRET_ENV, TOKEN_ENV, ZaloChannel, broadcast_sender, create, doctor

__all__ = ["NAME", "SECRET_ENV", "TOKEN_ENV", "ZaloChannel", "broadcast_sender", "create", "doctor"]
