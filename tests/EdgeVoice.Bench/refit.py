#!/usr/bin/env python3
"""Re-fits the grammar recogniser's reject thresholds from per-clip dumps of the speech bench.

    dotnet run -c Release --project tests/EdgeVoice.Bench -- speech dump=/tmp/bench.tsv
    dotnet run -c Release --project tests/EdgeVoice.Bench -- speech heldout dump=/tmp/heldout.tsv
    tests/EdgeVoice.Bench/refit.py /tmp/bench.tsv /tmp/heldout.tsv [--now -1 0.8 -7]

Thresholds are fitted on the rows of the Bench set only and then applied, unchanged, to the other sets:
a change to the recogniser is compared with today's code at its own best thresholds, not at thresholds
tuned for today's margins (a change that raises every margin is otherwise a lower threshold in disguise).
The threshold is SpeechOptions' rule: max(LowestRejectMargin, RejectMargin - NoiseRelaxPerDb * max(0, CleanSnrDb - snr)).
"""
import argparse
import csv


def load(paths):
    rows = []
    for path in paths:
        with open(path, newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                r["margin"] = float(r["margin"]) if r["margin"] not in ("-Infinity", "-∞", "NaN") else float("-inf")
                r["snr_db"] = float(r["snr_db"])
                r["seconds"] = float(r["seconds"])
                rows.append(r)
    return rows


def count(rows, reject, relax, lowest, clean, longest):
    """(commands heard as said and accepted, chatter accepted) at these thresholds."""
    right = false = 0
    for r in rows:
        if not r["candidate"] or r["decoy"] == "True" or r["seconds"] > longest:
            continue
        if r["margin"] < max(lowest, reject - relax * max(0.0, clean - r["snr_db"])):
            continue
        if r["kind"] == "chatter":
            false += 1
        elif r["same"] == "True":
            right += 1
    return right, false


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dumps", nargs="+")
    p.add_argument("--now", nargs=3, type=float, metavar=("REJECT", "RELAX", "LOWEST"), default=(-1, 0.8, -7))
    p.add_argument("--clean", type=float, default=25, help="CleanSnrDb")
    p.add_argument("--longest", type=float, default=6, help="MaxCommandSeconds")
    a = p.parse_args()
    rows = load(a.dumps)
    sets = sorted({r["set"] for r in rows}, key=lambda s: (s != "Bench", s))
    by_set = {s: [r for r in rows if r["set"] == s] for s in sets}
    sizes = {s: (sum(r["kind"] == "command" for r in v), sum(r["kind"] == "chatter" for r in v)) for s, v in by_set.items()}

    def line(params):
        return "  ".join(f"{s} {c}/{sizes[s][0]} commands, {f}/{sizes[s][1]} chatter"
                         for s in sets for c, f in [count(by_set[s], *params, a.clean, a.longest)])

    print(f"now {tuple(a.now)}: {line(a.now)}")
    if "Bench" not in by_set:
        return
    best = {}
    for reject in [x / 2 for x in range(-30, 41)]:
        for relax in (0, 0.4, 0.8, 1.2, 1.6, 2.0):
            for lowest in [reject - d for d in (0, 2, 4, 6, 8, 10, 14)]:
                right, false = count(by_set["Bench"], reject, relax, lowest, a.clean, a.longest)
                if false not in best or right > best[false][0]:
                    best[false] = (right, (reject, relax, lowest))
    for false in sorted(best)[:4]:
        print(f"best on Bench with {false} chatter accepted {best[false][1]}: {line(best[false][1])}")


if __name__ == "__main__":
    main()
