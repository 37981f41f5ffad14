"""HTTP server on 127.0.0.1 for the download-policy tests.

Usage: policy_httpd.py DIR PORTFILE
  GET /file/NAME    DIR/NAME with a strong ETag; If-None-Match → 304
  GET /gzip/NAME    DIR/NAME gzip-compressed (Content-Encoding: gzip)
  GET /slow         200 with a large Content-Length, then one byte every
                    0.2 s until the client goes away; touches DIR/.slow-started
  GET /redirect-http  302 to http://127.0.0.1:PORT/file/sdn.csv
Every response's status and path is appended to DIR/.requests
("200 /file/sdn.csv"), so a test can count full responses and 304s.
"""
import gzip
import hashlib
import http.server
import os
import sys
import time

DIR = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("policy_httpd: " + (fmt % args) + "\n")

    def note(self, status):
        with open(os.path.join(DIR, ".requests"), "a") as f:
            f.write(f"{status} {self.path}\n")

    def reply(self, status, body=b"", headers=()):
        self.note(status)
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        kind, _, name = self.path.lstrip("/").partition("/")
        if kind in ("file", "gzip"):
            path = os.path.join(DIR, os.path.basename(name))
            if not os.path.isfile(path):
                return self.reply(404)
            with open(path, "rb") as f:
                body = f.read()
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.reply(304, headers=[("ETag", etag)])
            headers = [("ETag", etag)]
            if kind == "gzip":
                body = gzip.compress(body)
                headers.append(("Content-Encoding", "gzip"))
            return self.reply(200, body, headers)
        if kind == "slow":
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Length", "100000000")
            self.end_headers()
            open(os.path.join(DIR, ".slow-started"), "w").close()
            try:
                while True:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                return
        if kind == "redirect-http":
            port = self.server.server_address[1]
            return self.reply(302, headers=[
                ("Location", f"http://127.0.0.1:{port}/file/sdn.csv")])
        return self.reply(404)


def main():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    with open(sys.argv[2] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(sys.argv[2] + ".tmp", sys.argv[2])
    srv.serve_forever()


if __name__ == "__main__":
    main()
