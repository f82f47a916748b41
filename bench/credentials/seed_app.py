"""The seed's TURN credentials API (section 2.2 of the seed design), as designed: FastAPI, one async
handler, no authentication, the caller picks the username, TTL 86400, port 3479 in the URIs. It is the
benchmark peer only; its flaws are what turnkit's endpoint fixes (docs/credentials.md)."""
import base64
import hashlib
import hmac
from datetime import datetime

from fastapi import FastAPI

app = FastAPI()

TURN_SECRET = "bench-secret-not-used-anywhere-else"
TURN_SERVER = "turn.example.com:3479"


def generate_turn_credentials(username: str, ttl: int = 86400) -> dict:
    timestamp = int(datetime.now().timestamp()) + ttl
    turn_username = f"{timestamp}:{username}"
    hmac_obj = hmac.new(TURN_SECRET.encode(), turn_username.encode(), hashlib.sha1)
    password = base64.b64encode(hmac_obj.digest()).decode()
    return {
        "username": turn_username,
        "password": password,
        "ttl": ttl,
        "uris": [
            f"turn:{TURN_SERVER}?transport=udp",
            f"turn:{TURN_SERVER}?transport=tcp",
        ],
    }


@app.get("/turn-credentials")
async def get_turn_credentials(username: str):
    return generate_turn_credentials(username)
