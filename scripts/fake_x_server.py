#!/usr/bin/env python3
"""A small fake of the X API v2, just enough for sportello-cli sync and the outbox (scripts/soak.sh).

Serves, under /2:
  GET  /2/users/{account}/mentions   mentions, newest first, paged (max_results, pagination_token),
                                     since_id honoured; every first page (no pagination_token)
                                     first creates NEW_PER_SYNC new mentions, so each sync has work
  GET  /2/dm_events                  no direct messages ({"meta":{"result_count":0}})
  GET  /2/tweets/{id}                the tweet, or X's 200 "Not Found Error"
  GET  /2/users/{account}/tweets     the account's replies (read-back), since_id honoured, newest first
  POST /2/tweets                     creates a reply at once, records it, then waits POST_DELAY
                                     (random, up to the bound) before answering, so a SIGKILL can land
                                     between the POST and its answer; the same text to the same post
                                     again is refused as X does (403, duplicate content)

Every batch of new mentions ({"ev":"mentions","ids":[...]}) and every POST is appended to the log (JSON Lines, flushed): {"ev":"post",...} when it arrives and
{"ev":"answered",...} when the answer is written (or the write failed). The soak reads the log.

Usage: fake_x_server.py PORT_FILE LOG_FILE ACCOUNT_ID
  Binds 127.0.0.1 on a free port and writes the port to PORT_FILE.
Environment: POST_DELAY_MAX (seconds, default 1.5), GET_DELAY (seconds, default 0.03),
  NEW_PER_SYNC (default 40), SEED.
"""
import json
import os
import random
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PORT_FILE, LOG_FILE, ACCOUNT = sys.argv[1], sys.argv[2], sys.argv[3]
POST_DELAY_MAX = float(os.environ.get("POST_DELAY_MAX", "1.5"))
GET_DELAY = float(os.environ.get("GET_DELAY", "0.03"))
NEW_PER_SYNC = int(os.environ.get("NEW_PER_SYNC", "40"))
rng = random.Random(int(os.environ.get("SEED", "1")))

lock = threading.Lock()
next_id = [1_000_000_000]
mentions = []          # dicts, oldest first
tweets = {}            # id -> tweet (mentions and replies)
replies = []           # the account's replies, oldest first
post_seq = [0]
log = open(LOG_FILE, "a", buffering=1)


def now_iso():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_id():
    next_id[0] += 1 + rng.randrange(5)
    return str(next_id[0])


def add_mentions(n):
    for _ in range(n):
        tid = new_id()
        k = len(mentions)
        t = {"id": tid, "text": "@assicura Buongiorno, ho bisogno di aiuto con la pratica %d" % k,
             "author_id": str(500_000 + k), "created_at": now_iso(), "conversation_id": tid, "lang": "it"}
        mentions.append(t)
        tweets[tid] = t
    write_log({"ev": "mentions", "t": time.time(), "ids": [t["id"] for t in mentions[-n:]]})


def write_log(obj):
    log.write(json.dumps(obj) + "\n")
    log.flush()
    os.fsync(log.fileno())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def page(self, items, q, newest_first=True):
        since = q.get("since_id", [None])[0]
        if since:
            items = [t for t in items if int(t["id"]) > int(since)]
        items = sorted(items, key=lambda t: int(t["id"]), reverse=newest_first)
        size = int(q.get("max_results", ["100"])[0])
        start = int(q.get("pagination_token", ["0"])[0] or 0)
        chunk = items[start:start + size]
        meta = {"result_count": len(chunk)}
        if chunk:
            meta["newest_id"], meta["oldest_id"] = chunk[0]["id"], chunk[-1]["id"]
        if start + size < len(items):
            meta["next_token"] = str(start + size)
        out = {"meta": meta}
        if chunk:
            out["data"] = chunk
        return out

    def do_GET(self):
        time.sleep(GET_DELAY)
        u = urlparse(self.path)
        q = parse_qs(u.query)
        parts = u.path.strip("/").split("/")
        with lock:
            if parts[:2] == ["2", "users"] and len(parts) == 4 and parts[3] == "mentions":
                if "pagination_token" not in q:
                    add_mentions(NEW_PER_SYNC)
                out = self.page(mentions, q)
                users = [{"id": t["author_id"], "username": "cliente%s" % t["author_id"],
                          "name": "Cliente %s" % t["author_id"]} for t in out.get("data", [])]
                if users:
                    out["includes"] = {"users": users}
                return self.answer(200, out)
            if parts[:2] == ["2", "dm_events"]:
                return self.answer(200, {"meta": {"result_count": 0}})
            if parts[:2] == ["2", "users"] and len(parts) == 4 and parts[3] == "tweets":
                return self.answer(200, self.page(replies, q))
            if parts[:2] == ["2", "tweets"] and len(parts) == 3:
                t = tweets.get(parts[2])
                if t is None:
                    return self.answer(200, {"errors": [{"title": "Not Found Error", "type":
                                                         "https://api.twitter.com/2/problems/resource-not-found"}]})
                return self.answer(200, {"data": t})
        self.answer(404, {"title": "Not Found Error", "detail": self.path})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        u = urlparse(self.path)
        if u.path.rstrip("/") != "/2/tweets":
            return self.answer(404, {"title": "Not Found Error"})
        try:
            req = json.loads(body)
            text = req["text"]
            target = req["reply"]["in_reply_to_tweet_id"]
        except (ValueError, KeyError, TypeError):
            return self.answer(400, {"title": "Invalid Request"})
        with lock:
            post_seq[0] += 1
            seq = post_seq[0]
            dup = any(r["text"] == text and r["referenced_tweets"][0]["id"] == target for r in replies)
            rid = None
            if not dup:
                rid = new_id()
                r = {"id": rid, "text": text, "author_id": ACCOUNT, "created_at": now_iso(),
                     "conversation_id": target, "referenced_tweets": [{"type": "replied_to", "id": target}]}
                replies.append(r)
                tweets[rid] = r
            write_log({"ev": "post", "seq": seq, "t": time.time(), "target": target, "text": text,
                       "created": rid, "duplicate": dup})
        delay = rng.uniform(0.0, POST_DELAY_MAX)
        time.sleep(delay)
        ok = True
        try:
            if dup:
                self.answer(403, {"title": "Forbidden", "type": "about:blank", "status": 403,
                                  "detail": "You are not allowed to create a Tweet with duplicate content."})
            else:
                self.answer(201, {"data": {"id": rid, "text": text}})
        except OSError:
            ok = False
        write_log({"ev": "answered", "seq": seq, "t": time.time(), "written": ok})


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client killed mid-request is the point of the soak: not worth a traceback.
        if isinstance(sys.exc_info()[1], (ConnectionError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def main():
    server = Server(("127.0.0.1", 0), Handler)
    with open(PORT_FILE + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(PORT_FILE + ".tmp", PORT_FILE)
    server.serve_forever()


if __name__ == "__main__":
    main()
