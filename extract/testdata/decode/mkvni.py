# mkvni.py writes vni.txt from sample.utf8.txt with a hand-made VNI-Windows
# table (no converter library): base letter + mark byte; ơ ư đ and toned i, ỵ
# are single bytes; upper-case mark bytes are 0x20 below the lower-case ones.
import unicodedata
tone = {'\u0301': 0xf9, '\u0300': 0xf8, '\u0309': 0xfb, '\u0303': 0xf5, '\u0323': 0xef}
circ = {None: 0xe2, '\u0301': 0xe1, '\u0300': 0xe0, '\u0309': 0xe5, '\u0303': 0xe3, '\u0323': 0xe4}
breve = {None: 0xea, '\u0301': 0xe9, '\u0300': 0xe8, '\u0309': 0xfa, '\u0303': 0xfc, '\u0323': 0xeb}
itone = {'\u0301': 0xed, '\u0300': 0xec, '\u0309': 0xe6, '\u0303': 0xf3, '\u0323': 0xf2}


def vni_char(c):
    if c == 'đ':
        return bytes([0xf1])
    if c == 'Đ':
        return bytes([0xd1])
    d = unicodedata.normalize('NFD', c)
    if len(d) == 1:
        return c.encode('latin-1')
    base = d[0]
    sh = 0x20 if base.isupper() else 0
    b = base.lower()
    mod = t = None
    for m in d[1:]:
        if m in '\u0302\u0306\u031b':
            mod = m
        else:
            t = m
    out = bytearray()
    if mod == '\u031b':
        out.append((0xf4 if b == 'o' else 0xf6) - sh)
        if t:
            out.append(tone[t] - sh)
    elif mod == '\u0302':
        out += bytes([ord(base), circ[t] - sh])
    elif mod == '\u0306':
        out += bytes([ord(base), breve[t] - sh])
    elif b == 'i':
        out.append(itone[t] - sh)
    elif b == 'y' and t == '\u0323':
        out.append(0xee - sh)
    else:
        out += bytes([ord(base), tone[t] - sh])
    return bytes(out)


s = open('sample.utf8.txt', encoding='utf-8').read()
open('vni.txt', 'wb').write(b''.join(vni_char(c) for c in s))
