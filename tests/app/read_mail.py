#!/usr/bin/python3
"""Reads an e-mail message as a mail reader would, with Python's email package, for the tests.

    read_mail.py FILE      prints the message's description as JSON

describe() is also what tests/app/smtp_server.py records for each message it receives: the
decoded headers (display names and addresses apart), the MIME structure, each part's type,
charset, transfer encoding and decoded text, the parser's defects, and the longest line.
"""
import email
import email.policy
import email.utils
import json
import sys


def describe(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    from_name, from_address = email.utils.parseaddr(str(message["from"]))
    to_name, to_address = email.utils.parseaddr(str(message["to"]))
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": str(part["content-transfer-encoding"]),
            "content": part.get_content().replace("\r\n", "\n"),
        })
    defects = [type(d).__name__ for d in message.defects]
    for part in message.walk():
        defects += [type(d).__name__ for d in part.defects]
    text = next((p["content"] for p in parts if p["content_type"] == "text/plain"), None)
    html = next((p["content"] for p in parts if p["content_type"] == "text/html"), None)
    lines = raw.split(b"\r\n")
    return {
        "subject": str(message["subject"]),
        "from": str(message["from"]),
        "from_name": from_name,
        "from_address": from_address,
        "to": str(message["to"]),
        "to_name": to_name,
        "to_address": to_address,
        "date": str(message["date"]),
        "date_parsed": email.utils.parsedate_to_datetime(str(message["date"])).isoformat()
        if message["date"] else None,
        "message_id": str(message["message-id"]),
        "mime_version": str(message["mime-version"]),
        "content_type": message.get_content_type(),
        "charset": message.get_content_charset(),
        "parts": parts,
        "body": text if text is not None else "",
        "html": html if html is not None else "",
        "defects": defects,
        "longest_line": max(len(line) for line in lines),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
    }


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        print(json.dumps(describe(f.read()), ensure_ascii=False))
