"""Webhook receiver on 127.0.0.1 for integration tests.

Usage: receiver.py OUTDIR PORTFILE SECRET [SECRET...]
Each POST is appended to OUTDIR/received.jsonl as one JSON line:
{"id", "timestamp", "signature", "sig_ok", "body"} where sig_ok says
whether one of the v1 signatures verifies against one of the secrets
(Standard Webhooks: HMAC-SHA256 over "id.timestamp.body", key = base64
part of whsec_...). OUTDIR/.status, when present, holds the HTTP status
to answer (default 204); such failed requests go to failed.jsonl.
"""
import base64
import hashlib
import hmac
import http.server
import json
import os
import sys

OUT = sys.argv[1]
SECRETS = sys.argv[3:]


def verify(msg_id, ts, body, header):
    signed = f"{msg_id}.{ts}.".encode() + body
    want = set()
    for s in SECRETS:
        key = base64.b64decode(s.split("_", 1)[1])
        mac = hmac.new(key, signed, hashlib.sha256).digest()
        want.add("v1," + base64.b64encode(mac).decode())
    return any(sig in want for sig in header.split())


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("receiver: " + (fmt % args) + "\n")

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        status = 204
        sf = os.path.join(OUT, ".status")
        if os.path.exists(sf):
            with open(sf) as f:
                status = int(f.read().strip())
        rec = {
            "id": self.headers.get("webhook-id"),
            "timestamp": self.headers.get("webhook-timestamp"),
            "signature": self.headers.get("webhook-signature"),
            "sig_ok": verify(self.headers.get("webhook-id", ""),
                             self.headers.get("webhook-timestamp", ""),
                             body, self.headers.get("webhook-signature", "")),
            "status": status,
            "body": json.loads(body),
        }
        name = "received.jsonl" if 200 <= status < 300 else "failed.jsonl"
        with open(os.path.join(OUT, name), "a") as f:
            f.write(json.dumps(rec) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


def main():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[2] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(sys.argv[2] + ".tmp", sys.argv[2])
    srv.serve_forever()


if __name__ == "__main__":
    main()
