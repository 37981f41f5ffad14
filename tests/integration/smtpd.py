"""SMTP server on 127.0.0.1 for integration tests (aiosmtpd).

Usage: smtpd.py MODE OUTDIR PORTFILE CERT KEY USER PASSWORD
MODE is starttls (STARTTLS required, AUTH only inside TLS), smtps (TLS from
the first byte) or plain (no STARTTLS offered; AUTH would be accepted in
clear, so a client that sends it would leak the password).
Each message goes to OUTDIR/mail-N.eml; OUTDIR/mail.jsonl gets one line per
message {"file", "mail_from", "rcpt_tos", "auth"}. Every byte the client
sends is appended to OUTDIR/wire.log through a small relay in front of the
server, so a test can check what crossed the wire in clear.
"""
import json
import os
import socket
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

MODE, OUT, PORTFILE, CERT, KEY, USER, PASSWORD = sys.argv[1:8]
LOCK = threading.Lock()


class Handler:
    n = 0

    async def handle_DATA(self, server, session, envelope):
        with LOCK:
            Handler.n += 1
            name = f"mail-{Handler.n}.eml"
            with open(os.path.join(OUT, name), "wb") as f:
                f.write(envelope.original_content)
            with open(os.path.join(OUT, "mail.jsonl"), "a") as f:
                f.write(json.dumps({
                    "file": name, "mail_from": envelope.mail_from,
                    "rcpt_tos": envelope.rcpt_tos,
                    "auth": session.auth_data.login.decode()
                    if isinstance(session.auth_data, LoginPassword) else None,
                }) + "\n")
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and
          auth_data.login.decode() == USER and
          auth_data.password.decode() == PASSWORD)
    return AuthResult(success=ok, auth_data=auth_data)


def pipe(src, dst, log):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if log is not None:
                with LOCK:
                    with open(os.path.join(OUT, "wire.log"), "ab") as f:
                        f.write(data)
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def relay(listener, backend_port):
    while True:
        c, _ = listener.accept()
        b = socket.create_connection(("127.0.0.1", backend_port))
        threading.Thread(target=pipe, args=(c, b, True), daemon=True).start()
        threading.Thread(target=pipe, args=(b, c, None), daemon=True).start()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def main():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(CERT, KEY)
    kw = dict(authenticator=authenticator, auth_require_tls=(MODE != "plain"))
    if MODE == "starttls":
        kw.update(tls_context=ctx, require_starttls=True)
    elif MODE == "smtps":
        kw.update(ssl_context=ctx)
    backend = free_port()
    ctl = Controller(Handler(), hostname="127.0.0.1", port=backend, **kw)
    ctl.start()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    threading.Thread(target=relay, args=(listener, backend),
                     daemon=True).start()
    with open(PORTFILE + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.rename(PORTFILE + ".tmp", PORTFILE)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
