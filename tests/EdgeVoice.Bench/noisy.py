#!/usr/bin/env python3
"""RejectionRule.AskBack re-applied offline to `speech families ... dump=FILE` dumps (VoiceFamilies' rows, or
SourceFamilies' 21-column rows), with the noisy-audio options changed: the verdict is a pure function of the dumped
figures. Prints, per dump, commands executed right and wrong under the options, and how many rows the replay at the
product's options does not reproduce (`unexplained`: the dump does not carry the device-name check or EndsInNoise; such
a row is kept asked back). EXPERIMENTS.md, sessions 14 and 34.

usage: noisy.py DUMP... [noisy=45] [perdb=0.25] [off=21] [rival=1] [confirm=2] [unheard=4] [ring=8]
Session 14's rules alone: rival=6 unheard=0 ring=1e9.
"""
import math
import re
import sys
from pathlib import Path
from families import rows

SRC = Path(__file__).resolve().parents[2] / "src"


def _source(path):
    return (SRC / path).read_text(encoding="utf-8")


# The words at stake and the whole replies, read from the product's own lists (Rivals.Opposites, Replies.Yes and No) so
# that the replay cannot drift from the rule it replays.
PAIRS = re.findall(r'\("(\w+)", "(\w+)"\)', re.search(r"Opposites =(.*?);", _source("EdgeVoice.Speech/PocketSphinx/Rivals.cs"), re.S).group(1))
OPPOSITES = {w for p in PAIRS for w in p}
# CommandGrammar.NumberWords(0..100), word by word.
NUMBERS = set("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
              "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred".split())
_replies = _source("EdgeVoice.Core/Replies.cs")
_yes, _no = (re.findall(r'"([^"]+)"', re.search(name + r" = \[(.*?)\];", _replies).group(1)) for name in (r"\bYes", r"\bNo"))
# Replies.IsWhole: a reply alone or with a courtesy after it.
WHOLE = {f"{r} {t}".strip() for r in _yes + _no for t in ("", "thanks", "please", "thank you")}
PRODUCT = dict(noisy=45.0, perdb=0.25, off=21.0, rival=1.0, confirm=2.0, unheard=4.0, ring=8.0)


def threshold(snr):
    """SpeechOptions' reject threshold at this SNR (RejectMargin −1, 0.8 per dB under 25, floor −7)."""
    return max(-7, -1 - 0.8 * max(0, 25 - snr))


def load(path):
    """One dict per accepted clip: text, free loop, margin, SNR, gap, ring, the product's verdict, right or wrong."""
    if len(open(path, encoding="utf-8").readline().split("\t")) == 21:
        for line in open(path, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if len(f) == 21 and f[11] == "True" and f[18]:
                yield dict(text=f[3], free=f[6], margin=float(f[9]), snr=float(f[8]), gap=f[13], ring=f[20], unsure=f[12] == "True",
                           right=f[18] == f[16], said=f[2])
        return
    for r in rows(path):
        c, fr = r["dec"][0], r["dec"][1]
        if r["accepted"] == "True" and c["key"] and c["frames"]:
            yield dict(text=c["text"], free=fr["text"], margin=(c["score"] - fr["score"]) / c["frames"], snr=r["snr"], gap=r["gap"],
                       ring=r["ring"], unsure=r["unsure"] == "True", right=c["key"] == r["meant"], said=r["said"])


def asked_because(r, noisy, perdb, off, rival, confirm, unheard, ring):
    """RejectionRule.AskBack on a dumped row (None: executed)."""
    m, snr = r["margin"], r["snr"]
    if m < threshold(snr) + confirm:
        return "margin"
    words = r["text"].split()
    free = set(r["free"].split())
    at_stake = [] if r["text"] in WHOLE else [w for w in words if w in OPPOSITES or w in NUMBERS]
    if m < threshold(snr) + unheard and any(w in OPPOSITES and w not in free for w in at_stake):
        return "unheard action"
    below = max(0, noisy - snr) if at_stake else 0
    gap = float(r["gap"]) if r["gap"] else None
    if gap == -math.inf:
        return "forced"
    if gap is not None and gap < rival + perdb * below:
        return "rival"
    if at_stake and gap is not None and math.isnan(gap):
        return "no rival path"
    if below > 0 and any(w not in free for w in at_stake):
        return "free loop"
    rang = math.inf if r["ring"] == "inf" else float(r["ring"]) if r["ring"] else None
    if "off" in words and (snr < off or rang is not None and rang > ring):
        return "off"
    if "start" in at_stake and rang is not None and rang > ring:
        return "start"
    return "ring" if at_stake and rang == math.inf else None


def main():
    opts = dict(PRODUCT)
    files = []
    for a in sys.argv[1:]:
        k, _, v = a.partition("=")
        if v and k in opts:
            opts[k] = float(v)
        else:
            files.append(a)
    print(" ".join(f"{k}={v:g}" for k, v in opts.items()))
    for f in files:
        right = wrong = unexplained = 0
        for r in load(f):
            product = asked_because(r, **PRODUCT) is not None
            odd = r["unsure"] and not product
            unexplained += r["unsure"] != product
            if odd or asked_because(r, **opts) is not None:
                continue
            right += r["right"]
            wrong += not r["right"]
            if not r["right"]:
                print(f"    wrong: '{r['said']}' -> '{r['text']}' SNR {r['snr']:.1f} gap {r['gap']}")
        print(f"{f}: executed right {right}, wrong {wrong} (unexplained at the product's options: {unexplained})")


if __name__ == "__main__":
    main()
