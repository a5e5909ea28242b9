#!/usr/bin/python3
"""A real SMTP server for the outbox tests: Debian's aiosmtpd on loopback.

    smtp_server.py DIR [--port N] [--refuse-first N] [--reject] [--login USER:PASSWORD]

Prints "ready PORT" once it listens, then keeps each message it accepts in DIR as NNN.eml (the
bytes received) and NNN.json (envelope, and what a reader would see: read_mail.py's description), written
before the server answers 250, so that a message the client saw accepted is on disk. With
--refuse-first N it answers the first N messages' DATA with 451 (try again later); with --reject it
answers every DATA with 550. With --login it makes a self-signed certificate for 127.0.0.1 in
DIR/cert.pem (openssl) and requires STARTTLS and then AUTH with that user and password; the
failed logins are counted in DIR/auth-failures. Runs until killed.
"""
import argparse
import json
import os
import signal
import sys

from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from read_mail import describe  # noqa: E402


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
        base = os.path.join(self.folder, "%03d" % self.count)
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        record = describe(raw)
        record["mail_from"] = envelope.mail_from
        record["rcpt_tos"] = envelope.rcpt_tos
        record["auth"] = session.authenticated
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 OK"


def login_options(folder, login):
    import ssl
    import subprocess
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    user, password = login.split(":", 1)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        if not ok:
            with open(os.path.join(folder, "auth-failures"), "a") as f:
                f.write("x")
        return AuthResult(success=ok)

    return {"tls_context": context, "require_starttls": True, "authenticator": authenticator,
            "auth_required": True, "auth_require_tls": True}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--refuse-first", type=int, default=0)
    parser.add_argument("--reject", action="store_true")
    parser.add_argument("--login")
    args = parser.parse_args()
    port = args.port
    if port == 0:
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    handler = Handler(args.folder, args.refuse_first, args.reject)
    options = {}
    if args.login:
        options = login_options(args.folder, args.login)
    controller = Controller(handler, hostname="127.0.0.1", port=port, decode_data=False, **options)
    controller.start()
    print("ready %d" % port, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        signal.pause()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
