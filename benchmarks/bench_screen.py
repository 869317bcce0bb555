"""End-user screening speed.

Figure (target from the export-compliance issue): 10,000 counterparty names
screened against a 5,000-entry restricted-party list (each entry with an
other name) in under 1 s, the list's index built included.  The floor,
measured in the same run, is the exact lookup alone (every name normalised
and looked up in a dict of the listed names): the ratio says what finding
close matches costs on top.

    .venv/bin/python benchmarks/bench_screen.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from magdesk.core.screening import ListedParty, Screen, normalise, sorted_key  # noqa: E402

EN = ("Advanced", "Alpha", "Apex", "Asia", "Atlas", "Beacon", "Blue", "Crown", "Delta", "East",
      "Eagle", "Electric", "Energy", "Fuji", "Global", "Golden", "Grand", "Green", "Harbor",
      "Hokuto", "Industrial", "Kiri", "Magnet", "Magnetics", "Materials", "Metal", "Motor",
      "Nippon", "Nord", "North", "Ocean", "Pacific", "Pioneer", "Precision", "Prime", "Rare",
      "Royal", "Sakura", "Silver", "Star", "Summit", "Sun", "Systems", "Tech", "Trading",
      "Union", "United", "Vector", "West", "Wind")
SUFFIX = ("Co., Ltd.", "Inc.", "GmbH", "Limited", "Corporation", "K.K.", "LLC", "S.A.", "")
ZH = "东南西北中华金银铜铁磁稀土科技精密机械电机材料永新恒达宏盛泰安联合国际贸易实业发展"
ZH_SUFFIX = ("有限公司", "股份有限公司", "集团有限公司", "株式会社", "")


def name(rnd: random.Random) -> str:
    if rnd.random() < 0.4:
        return "".join(rnd.choice(ZH) for _ in range(rnd.randint(4, 8))) + rnd.choice(ZH_SUFFIX)
    words = rnd.sample(EN, rnd.randint(1, 3))
    coined = "".join(rnd.choice("bcdfghjklmnprstvz") + rnd.choice("aeiou") for _ in range(3))
    words.insert(rnd.randrange(len(words) + 1), coined.title())
    return " ".join(words) + " " + rnd.choice(SUFFIX)


def main() -> int:
    rnd = random.Random(2026)
    listed = [ListedParty(i, name(rnd), (name(rnd),), "JP", "测试名单") for i in range(5000)]
    names = [name(rnd) for _ in range(9800)]
    names += [p.name.upper() for p in listed[:100]] + [p.name[:-1] for p in listed[100:200]]

    start = time.perf_counter()
    keys = {}
    for p in listed:
        for n in (p.name, *p.other_names):
            keys[normalise(n)] = p
            keys[sorted_key(n)] = p
    floor_hits = sum(normalise(n) in keys or sorted_key(n) in keys for n in names)
    floor = time.perf_counter() - start

    start = time.perf_counter()
    screen = Screen(listed)
    hits = [screen.check(n) for n in names]
    seconds = time.perf_counter() - start
    exact = sum(bool(h) and h[0].exact for h in hits)
    close = sum(bool(h) and not h[0].exact for h in hits)
    print(f"{len(names):,} names against {len(listed):,} listed parties: {seconds:.2f} s "
          f"({exact} exact, {close} close) (target < 1)")
    print(f"floor, exact lookup alone: {floor:.2f} s ({floor_hits} exact)")
    print(f"ratio: {seconds / floor:.1f}")
    ok = seconds < 1 and exact >= 100 and floor_hits == exact
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
