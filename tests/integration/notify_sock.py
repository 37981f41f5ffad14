"""sd_notify(3) listener on a Unix datagram socket, for integration tests.

Usage: notify_sock.py SOCKET OUTFILE
Each datagram is appended to OUTFILE as one line, its assignments joined
by "|" (e.g. "READY=1|STATUS=..."). The socket exists once OUTFILE.ready
does.
"""
import os
import socket
import sys

path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
open(out + ".ready", "w").close()
while True:
    msg = s.recv(65536).decode("utf-8", "replace")
    with open(out, "a") as f:
        f.write("|".join(msg.strip().split("\n")) + "\n")
