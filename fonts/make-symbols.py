#!/usr/bin/env python3
"""Makes fonts/VanbanSymbols.ttf: the symbols of DejaVu Sans 2.37 (Debian's
fonts-dejavu-core 2.37-6, DejaVuSans.ttf, sha256 abdc775b…82322) that
Vietnamese office text uses and Liberation Serif lacks: arrows, check marks,
bullets, shapes, dingbats, circled numbers. Renamed "Vanban Symbols", as the
Bitstream Vera licence asks of a modified font. fontTools 4.68.0; the output
is the same bytes on every run.

    python3 fonts/make-symbols.py /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts/VanbanSymbols.ttf
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

RANGES = [
    (0x2022, 0x2022),  # • bullet
    (0x2023, 0x2023),  # ‣
    (0x2043, 0x2043),  # ⁃
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2300, 0x23FF),  # miscellaneous technical
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ②
    (0x25A0, 0x25FF),  # geometric shapes: ■ □ ▶ ● ○
    (0x2600, 0x26FF),  # miscellaneous symbols: ☎ ☐ ☑ ★
    (0x2700, 0x27BF),  # dingbats: ✓ ✔ ✗ ➡ ➤
    (0x27F0, 0x27FF),  # supplemental arrows A
    (0x2900, 0x297F),  # supplemental arrows B
    (0x2B00, 0x2BFF),  # miscellaneous symbols and arrows: ⬅ ⬆ ⬇
]

source, target = sys.argv[1], sys.argv[2]
font = TTFont(source, recalcTimestamp=False)
options = subset.Options()
options.hinting = False
options.layout_features = ["*"]
options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
options.recalc_timestamp = False
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=[c for first, last in RANGES for c in range(first, last + 1)])
subsetter.subset(font)
names = font["name"]
for record in names.names:
    if record.nameID in (1, 16):
        record.string = "Vanban Symbols"
    elif record.nameID == 3:
        record.string = "Vanban Symbols: DejaVu Sans 2.37 subset"
    elif record.nameID == 4:
        record.string = "Vanban Symbols"
    elif record.nameID == 6:
        record.string = "VanbanSymbols"
font.save(target)
