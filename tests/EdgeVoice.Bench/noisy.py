#!/usr/bin/env python3
"""The noisy-audio verdict rules (SpeechOptions NoisySnrDb, NoisyRivalMarginPerDb, OffSnrDb; EXPERIMENTS.md session 14)
re-applied offline to `speech families ... dump=FILE` dumps made with them off or on: RejectionRule.Decide is a pure
function of the dumped figures. Prints, per family and per condition, wrong actions and right commands asked back.

usage: noisy.py DUMP... [noisy=45] [perdb=0.25] [off=21] [rival=6] [confirm=2] [opposite=0]   (noisy=0 off=0: the rules off)
opposite=1: also ask back when the free loop heard the opposite of an action word and not the word (session 17, not taken).
"""
import sys
from families import rows, margin

OPPOSITES = {"on", "off", "open", "close", "start", "stop", "lock", "unlock", "seconds", "minutes", "hours"}
NUMBERS = set("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
              "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred".split())


def threshold(snr):
    """SpeechOptions' reject threshold at this SNR (RejectMargin −1, 0.8 per dB under 25, floor −7)."""
    return max(-7, -1 - 0.8 * max(0, 25 - snr))


PAIRS = [("on", "off"), ("open", "close"), ("start", "stop"), ("lock", "unlock"), ("pause", "resume"),
         ("seconds", "minutes"), ("minutes", "hours"), ("seconds", "hours")]


def asked_because(r, noisy, perdb, off, rival, confirm, opposite=0):
    """RejectionRule.AskBack on a dumped row (None: executed)."""
    m = margin(r)
    if m < threshold(r["snr"]) + confirm:
        return "margin"
    words = r["dec"][0]["text"].split()
    at_stake = [w for w in words if w in OPPOSITES or w in NUMBERS]
    below = max(0, noisy - r["snr"]) if at_stake else 0
    gap = float(r["gap"]) if r["gap"] else float("inf")
    if gap < rival + perdb * below:
        return "rival"
    free = set(r["dec"][1]["text"].split())
    if below > 0 and any(w not in free for w in at_stake):
        return "free loop"
    if r["snr"] < off and "off" in words:
        return "off"
    if opposite and any(w not in free and any(b in free for a, b in PAIRS + [(b, a) for a, b in PAIRS] if a == w) for w in words):
        return "opposite"
    return None


def main():
    opts = dict(noisy=45.0, perdb=0.25, off=21.0, rival=6.0, confirm=2.0, opposite=0.0)
    files = []
    for a in sys.argv[1:]:
        k, _, v = a.partition("=")
        if v and k in opts:
            opts[k] = float(v)
        else:
            files.append(a)
    per = {}
    for r in (r for f in files for r in rows(f)):
        if r["accepted"] != "True":
            continue
        cmd = r["dec"][0]
        right = bool(cmd["key"]) and cmd["key"] == r["meant"]
        why = asked_because(r, **opts)
        for key in (r["family"], "  " + r["condition"]):
            s = per.setdefault(key, dict(wrong=0, right=0, asked_right=0, asked=0))
            s["right"] += right
            s["asked"] += why is not None
            s["asked_right"] += right and why is not None
            s["wrong"] += why is None and bool(cmd["key"]) and not right
    print(" ".join(f"{k}={v}" for k, v in opts.items()))
    for k, s in per.items():
        print(f"{k:40s} wrong actions {s['wrong']:3d}   right commands asked back {s['asked_right']}/{s['right']}   asked back {s['asked']}")


if __name__ == "__main__":
    main()
