"""Webhook receiver on 127.0.0.1 for integration tests.

Usage: receiver.py OUTDIR PORTFILE SECRET [SECRET...]
Each POST is appended to OUTDIR/received.jsonl as one JSON line:
{"id", "timestamp", "signature", "sig_ok", "status", "path", "body"} where
sig_ok says whether one of the v1 signatures verifies against one of the
secrets (Standard Webhooks: HMAC-SHA256 over "id.timestamp.body", key =
base64 part of whsec_...). OUTDIR/.status, when present, holds the HTTP
status to answer (default 204); such failed requests go to failed.jsonl.

Scripted faults: OUTDIR/.script holds one action per line; each request
takes the first line (and removes it):
  NNN           answer status NNN without processing (failed.jsonl)
  500-after     process (received.jsonl), then answer 500
  429 SECS      answer 429 with Retry-After: SECS
  302           answer 302 with Location: /followed
  hang SECS     read the request, say nothing for SECS, then close
  close         read the request and close the connection unanswered
Every request (any method, any action) is logged to requests.jsonl.
Environment: RECEIVER_PORT binds that port (default: any free one);
RECEIVER_DELAY sleeps that many seconds before answering each request.
"""
import base64
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading
import time

OUT = sys.argv[1]
SECRETS = sys.argv[3:]
LOCK = threading.Lock()
DELAY = float(os.environ.get("RECEIVER_DELAY", "0"))


def verify(msg_id, ts, body, header):
    signed = f"{msg_id}.{ts}.".encode() + body
    want = set()
    for s in SECRETS:
        key = base64.b64decode(s.split("_", 1)[1])
        mac = hmac.new(key, signed, hashlib.sha256).digest()
        want.add("v1," + base64.b64encode(mac).decode())
    return any(sig in want for sig in header.split())


def next_action():
    """Pops the first line of .script, or returns None."""
    sf = os.path.join(OUT, ".script")
    with LOCK:
        if not os.path.exists(sf):
            return None
        with open(sf) as f:
            lines = [ln.strip() for ln in f if ln.strip()]
        if not lines:
            return None
        with open(sf + ".tmp", "w") as f:
            f.write("".join(ln + "\n" for ln in lines[1:]))
        os.rename(sf + ".tmp", sf)
        return lines[0]


def append(name, rec):
    with LOCK:
        with open(os.path.join(OUT, name), "a") as f:
            f.write(json.dumps(rec) + "\n")
            f.flush()
            os.fsync(f.fileno())


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("receiver: " + (fmt % args) + "\n")

    def do_GET(self):
        append("requests.jsonl", {"method": "GET", "path": self.path})
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        action = next_action()
        status = 204
        sf = os.path.join(OUT, ".status")
        if action is None and os.path.exists(sf):
            with open(sf) as f:
                status = int(f.read().strip())
        rec = {
            "id": self.headers.get("webhook-id"),
            "timestamp": self.headers.get("webhook-timestamp"),
            "signature": self.headers.get("webhook-signature"),
            "sig_ok": verify(self.headers.get("webhook-id", ""),
                             self.headers.get("webhook-timestamp", ""),
                             body, self.headers.get("webhook-signature", "")),
            "path": self.path,
            "action": action,
            "body": json.loads(body) if body else None,
        }
        append("requests.jsonl", {"method": "POST", "path": self.path,
                                  "id": rec["id"], "action": action,
                                  "time": time.time()})
        if DELAY:
            time.sleep(DELAY)
        extra = []
        if action is not None:
            word = action.split()
            if word[0] == "hang":
                time.sleep(float(word[1]))
                self.close_connection = True
                return
            if word[0] == "close":
                self.close_connection = True
                return
            if word[0] == "500-after":
                rec["status"] = 500
                append("received.jsonl", rec)
                self.answer(500, [])
                return
            status = int(word[0])
            if status == 429 and len(word) > 1:
                extra.append(("Retry-After", word[1]))
            if status in (301, 302, 303, 307, 308):
                extra.append(("Location", "/followed"))
        rec["status"] = status
        append("received.jsonl" if 200 <= status < 300 else "failed.jsonl",
               rec)
        self.answer(status, extra)

    def answer(self, status, extra):
        self.send_response(status)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()


def main():
    port = int(os.environ.get("RECEIVER_PORT", "0"))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    srv.daemon_threads = True
    with open(sys.argv[2] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(sys.argv[2] + ".tmp", sys.argv[2])
    srv.serve_forever()


if __name__ == "__main__":
    main()
