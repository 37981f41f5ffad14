"""Static HTTP server on 127.0.0.1 for integration tests.

Usage: httpd.py DIR PORTFILE
Serves DIR with Last-Modified / If-Modified-Since and ETag / If-None-Match
(strong ETag = SHA-256 of the body), writes the chosen port to PORTFILE.
A file DIR/.status holding a number makes every response that status.
"""
import hashlib
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("httpd: " + (fmt % args) + "\n")

    def send_head(self):
        forced = os.path.join(self.directory, ".status")
        if os.path.exists(forced):
            with open(forced) as f:
                code = int(f.read().strip())
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        path = self.translate_path(self.path)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                etag = '"' + hashlib.sha256(f.read()).hexdigest()[:32] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            self._etag = etag
        return super().send_head()

    def end_headers(self):
        etag = getattr(self, "_etag", None)
        if etag:
            self.send_header("ETag", etag)
            self._etag = None
        super().end_headers()


def main():
    directory, portfile = sys.argv[1], sys.argv[2]
    handler = lambda *a, **kw: Handler(*a, directory=directory, **kw)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
