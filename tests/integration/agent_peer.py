"""A desktop agent that takes alerts and never answers, for the hand-off
tests: it stands for an agent that dies between show and ack.

Usage: agent_peer.py SOCKET OUTFILE [CHANNEL]
Sends a hello (for CHANNEL, or every agent channel) and appends each line
the daemon sends to OUTFILE as {"received": UNIX_TIME, "msg": {...}}; runs
until the daemon closes the connection or it is killed.
"""
import json
import socket
import sys
import time

path, out = sys.argv[1], sys.argv[2]
hello = {"type": "hello", "version": 1}
if len(sys.argv) > 3:
    hello["channels"] = [sys.argv[3]]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(path)
s.sendall((json.dumps(hello) + "\n").encode())
for line in s.makefile("r", encoding="utf-8"):
    with open(out, "a") as f:
        f.write(json.dumps({"received": time.time(), "msg": json.loads(line)}) + "\n")
