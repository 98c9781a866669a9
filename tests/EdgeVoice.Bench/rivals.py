#!/usr/bin/env python3
"""The rival check's rule re-applied offline on a `speech families dump=FILE` dump (its last column: the heard
sentence's forced score and frames, then per kind of rival the nearest one's sentence, score, differing frames and
whether executing it would be right). Prints per family: covered heard exactly, asked back, wrong actions, and
the right commands the check asks back. Fit on the dev families, read on the others (EXPERIMENTS.md, session 13).

usage: rivals.py DUMP... [OPPOSITE NUMBER NAME [FLOOR]]   margins per frame of the differing words (default 10 5 5 15)
"""
import sys

from families import rows, margin

KINDS = ["Opposite", "Number", "Name", "Area"]


def checks(r):
    """Per kind: the heard sentence's score minus the rival's and the frames where the two differ."""
    cell = r["extra"]
    if not cell:
        return None
    heard, *rivals = cell.split("|")
    hs, hf = (int(x) for x in heard.split(":"))
    out = []
    for v in rivals:
        kind, text, score, frames, _ = v.split(":")
        if text:
            out.append((kind, hs - int(score), int(frames) if int(frames) > 0 else hf))
    return out


def main():
    paths = [a for a in sys.argv[1:] if not a.replace(".", "").replace("-", "").isdigit()]
    nums = [float(a) for a in sys.argv[1:] if a not in paths]
    opp, num, name, floor = (nums + [10, 5, 5, 15][len(nums):])[:4]
    need = {"Opposite": opp, "Number": num, "Name": name, "Area": name}
    out = {}
    for p in paths:
        for r in rows(p):
            s = out.setdefault(r["family"], dict(cov=0, exact=0, asked=0, wrong=0, right_asked=0))
            cmd, ok = r["dec"][0], r["accepted"] == "True"
            thr = max(-7, -1 - 0.8 * max(0, 25 - r["snr"]))
            c = checks(r)
            unsure = margin(r) < thr + 2 or (c is not None and any(d / max(f, floor) < need[k] for k, d, f in c))
            if r["covered"]:
                s["cov"] += 1
                s["exact"] += ok and cmd["text"] == r["spoken"]
            if ok and unsure:
                s["asked"] += 1
                s["right_asked"] += bool(cmd["key"]) and cmd["key"] == r["meant"]
            if ok and not unsure and cmd["key"] and cmd["key"] != r["meant"]:
                s["wrong"] += 1
                print(f"  wrong: {r['family']} {r['condition']} '{r['said']}' -> '{cmd['text']}'")
    for f, s in sorted(out.items()):
        print(f"{f}: exact {s['exact']}/{s['cov']} asked {s['asked']} (right {s['right_asked']}) WRONG {s['wrong']}")


if __name__ == "__main__":
    main()
