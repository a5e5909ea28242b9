#!/usr/bin/python3
"""A real SMTP server for the outbox tests: Debian's aiosmtpd on loopback.

    smtp_server.py DIR [--port N] [--refuse-first N] [--reject]

Prints "ready PORT" once it listens, then keeps each message it accepts in DIR as NNN.eml (the
bytes received) and NNN.json (envelope, decoded Subject and body: what a reader would see), written
before the server answers 250, so that a message the client saw accepted is on disk. With
--refuse-first N it answers the first N messages' DATA with 451 (try again later); with --reject it
answers every DATA with 550. Runs until killed.
"""
import argparse
import email
import email.policy
import json
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder, refuse_first, reject):
        self.folder, self.refuse_left, self.reject, self.count = folder, refuse_first, reject, 0

    async def handle_DATA(self, server, session, envelope):
        if self.reject:
            return "550 5.7.1 refused by the test server"
        if self.refuse_left > 0:
            self.refuse_left -= 1
            return "451 4.3.0 try again later"
        self.count += 1
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        base = os.path.join(self.folder, "%03d" % self.count)
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "date": str(message["date"]),
            "message_id": str(message["message-id"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": message.get_content().replace("\r\n", "\n"),
        }
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--refuse-first", type=int, default=0)
    parser.add_argument("--reject", action="store_true")
    args = parser.parse_args()
    port = args.port
    if port == 0:
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    handler = Handler(args.folder, args.refuse_first, args.reject)
    controller = Controller(handler, hostname="127.0.0.1", port=port, decode_data=False)
    controller.start()
    print("ready %d" % port, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        signal.pause()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
