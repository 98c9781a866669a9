#!/usr/bin/env python3
"""Verdict rules tried offline on a `speech families dump=FILE` dump (one row per clip, every decoder's
hypothesis, score, frames and the rule tier's intents). Prints, per family and rule: covered heard exactly,
asked back, wrong actions, no-intent clips rejected. Fit a threshold on one family, read it on the others.

usage: families.py DUMP [MARGIN ...] [gap=G]   ask back every command under this margin too; one value: list the wrong
       actions; gap=G: the rival check at RivalMargin G instead of the one the dump was made with (-inf: none)
The dumped gap is the check's score difference per frame of the utterance, counting at most 150 frames
(RejectionRule.RivalFrames); dumps made before session 31 divide by all the utterance's frames.
"""
import sys

COLS = ["family", "condition", "said", "spoken", "covered", "meant", "no_intent", "snr", "seconds", "accepted", "unsure", "gap", "rival", "ring"]


def rows(path):
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        r = dict(zip(COLS, f))
        dec = f[len(COLS):]
        if len(dec) % 6 or not dec:
            continue  # a row still being written
        r["dec"] = [dict(text=dec[i], score=int(dec[i + 1]), frames=int(dec[i + 2]), post=int(dec[i + 3]), key=dec[i + 4], outcome=dec[i + 5])
                    for i in range(0, len(dec), 6)]
        r["covered"] = r["covered"] == "True"
        r["no_intent"] = r["no_intent"] == "True"
        r["snr"] = float(r["snr"])
        r["seconds"] = float(r["seconds"])
        yield r


def margin(r):
    cmd, free = r["dec"][0], r["dec"][1]
    return (cmd["score"] - free["score"]) / cmd["frames"] if cmd["frames"] and cmd["text"] else float("-inf")


def score(rs, sure, gap=None):
    """Figures per family when commands under `sure` (margin per frame over the free loop) are asked back too,
    and, with `gap`, those whose nearest rival fits less than `gap` per frame worse than the heard sentence."""
    out = {}
    for r in rs:
        s = out.setdefault(r["family"], dict(cov=0, exact=0, asked=0, wrong=0, ni=0, rej=0))
        cmd = r["dec"][0]
        ok = r["accepted"] == "True"
        if gap is None:
            unsure = ok and (r["unsure"] == "True" or margin(r) < sure)
        else:
            rival = float(r["gap"]) if r["gap"] else float("inf")
            unsure = ok and (margin(r) < sure or rival < gap or r["unsure"] == "True" and not r["gap"])
        if r["covered"]:
            s["cov"] += 1
            if ok and cmd["text"] == r["spoken"]:
                s["exact"] += 1
        if ok and unsure:
            s["asked"] += 1
        if r["no_intent"]:
            s["ni"] += 1
            if not ok:
                s["rej"] += 1
        if ok and not unsure and cmd["key"] and cmd["key"] != r["meant"]:
            s["wrong"] += 1
            if sure == SHOW:
                print(f"    wrong: {r['family']} {r['condition']} '{r['said']}' -> '{cmd['text']}' margin {margin(r):.2f}")
    return out


SHOW = None


def main():
    global SHOW
    rs = list(rows(sys.argv[1]))
    gap = next((float(a[4:]) for a in sys.argv[2:] if a.startswith("gap=")), None)
    sweep = [float(x) for x in sys.argv[2:] if not x.startswith("gap=")] or [-9, 0, 2, 4, 6, 8, 10, 12]
    SHOW = sweep[0] if len(sweep) == 1 else None
    for sure in sweep:
        res = score(rs, sure, gap)
        cells = [f"{f[:6]} exact {s['exact']}/{s['cov']} asked {s['asked']} WRONG {s['wrong']} rejected {s['rej']}/{s['ni']}" for f, s in sorted(res.items())]
        print(f"sure {sure:4}: " + " | ".join(cells))


if __name__ == "__main__":
    main()
