"""End-user screening: a name against restricted-party lists (DOMAIN.md §2.6).

A name is compared in its normalised form: Unicode compatibility forms
folded (full-width letters and digits), case folded, ``&`` read as "and",
punctuation and spaces dropped, and company-form words taken off
(有限公司, 股份有限公司, Co., Ltd., Limited, Inc., GmbH, 株式会社 …).
Word order does not matter for Latin names: their words are also compared
sorted.

- **Listed** (an error): the normalised name, or its sorted words, equal a
  listed name or one of its other names.
- **Close** (a warning, accepted with a reason): a similarity of at least
  ``CLOSE`` (rapidfuzz's normalised Indel ratio, 0-100) to a listed name,
  its other names, in the name's own word order.  Candidates are found
  through the names' character trigrams: a name is compared with the listed
  names of about its length that share enough of its rarer trigrams (a close
  spelling keeps most of them), not with the whole list: 10,000 names
  against 5,000 listed ones take well under a second.

Rules (``Rule``) forbid an end use towards a country (MOFCOM 2026 No. 1: no
military end use for Japan) whatever the name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import chain

from rapidfuzz import fuzz

CLOSE = 88  # the similarity from which a name is a close match
_SUFFIXES_ZH = ("股份有限公司", "有限责任公司", "有限公司", "株式会社", "集团公司", "集团", "公司", "有限会社",
                "合同会社", "分公司", "总公司", "厂", "商行")
_SUFFIXES_EN = {
    "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "llp",
    "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "as", "oy",
    "kk", "pte", "pty", "sdn", "bhd", "jsc", "ooo", "oao", "pjsc", "zao", "sro", "spzoo", "group",
    "holding", "holdings", "the", "and", "kabushiki", "kaisha", "gk", "yk", "tmk", "pvt",
    "private", "cv", "sab", "rl", "ltda", "sl", "oyj",
}
# Traditional Chinese and Japanese forms of the characters of company names
# read as the simplified ones (機→机, 會→会, 関/關→关, 桜/櫻→樱): the same name
# on a list kept in Taiwan, Hong Kong or Japan
_FOLD_CJK = str.maketrans(
    "機電業東導體國際貿發発開華興達聯實產産廠術進應設備製鋼鐵鉄銅屬氣気車動無線網訊資環運輸儀醫藥薬療飛軍衛櫻桜會團協號灣臺島陽鋁礦鉱築統學測檢検驗験質優創務貨門長風龍亞歐義蘭羅區廣広營営紀結絡經経濟済紡織萬與樂楽書圖図變変邊辺寶鎢鎳鈷釹鐠鏑鋱釤鑭鈰鉬鈦鋰專専兩両對対處時縣県園陸廈韓愛熱鐘擊彈槍艦戰戦護類據點連隊壓縮調節話輪軸馬驅傳伝鏈維權歸總総館頭顯碼鑽積極麗濱浜紅綠緑黃藍銀億豐順鴻齊偉傑強錦滙匯銷購財險證証擴軟雲數訂計譯語標準認識較關関轉転輕軽單単帶帯澤沢賣売讀読擇択樣様劑剤德徳",
    "机电业东导体国际贸发发开华兴达联实产产厂术进应设备制钢铁铁铜属气气车动无线网讯资环运输仪医药药疗飞军卫樱樱会团协号湾台岛阳铝矿矿筑统学测检检验验质优创务货门长风龙亚欧义兰罗区广广营营纪结络经经济济纺织万与乐乐书图图变变边边宝钨镍钴钕镨镝铽钐镧铈钼钛锂专专两两对对处时县县园陆厦韩爱热钟击弹枪舰战战护类据点连队压缩调节话轮轴马驱传传链维权归总总馆头显码钻积极丽滨滨红绿绿黄蓝银亿丰顺鸿齐伟杰强锦汇汇销购财险证证扩软云数订计译语标准认识较关关转转轻轻单单带带泽泽卖卖读读择择样样剂剂德德")
_PREFIXES_ZH = ("株式会社", "有限会社", "合同会社")  # also written before the name in Japan
_FORM_WORDS_ZH = {*_SUFFIXES_ZH, *_PREFIXES_ZH, "股份", "有限", "有限责任", "股份有限"}
_WORD = re.compile(r"[0-9a-z]+|[^\W0-9a-z_]+", re.UNICODE)
# s.a. / b.v. / k.k. / s.p.a / k. k. read as one word
_DOTTED = re.compile(r"\b[a-z](?:\.\s*[a-z]\b)+\.?")
_BEFORE_FORM = {"de": {"cv", "rl"}}  # S.A. de C.V., S. de R.L.
_SKIP_POSTING = 60  # a trigram in more listed names than this finds no candidates


def _undot(match: re.Match) -> str:
    return re.sub(r"[^a-z]", "", match.group(0))


def _cjk(word: str) -> str:
    """A run of CJK characters without the company forms around it ("" when
    it is one: 股份 of 中航(股份)有限公司)."""
    if word in _FORM_WORDS_ZH:
        return ""
    for prefix in _PREFIXES_ZH:
        if word.startswith(prefix):
            word = word[len(prefix):]
            break
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES_ZH:
            if word.endswith(suffix) and len(word) > len(suffix):
                word, changed = word[: -len(suffix)], True
                break
    return "" if word in _FORM_WORDS_ZH else word


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKC", name or "").casefold().replace("&", " and ")
    text = _DOTTED.sub(_undot, text.translate(_FOLD_CJK))
    text = text.replace("'", "").replace("’", "")
    words = _WORD.findall(text)
    kept = []
    for i, word in enumerate(words):
        if word.isascii():
            if word in _SUFFIXES_EN or words[i + 1:i + 2] and \
                    words[i + 1] in _BEFORE_FORM.get(word, ()):
                continue
        else:
            word = _cjk(word)
            if not word:
                continue
        kept.append(word)
    return kept or words


def is_company_form(text: str) -> bool:
    """Whether ``text`` is only company-form words ("Ltd.", "Inc.", "S.A."): the
    tail of a name such as "Kanto Motor Co., Ltd.", not a name of its own."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    words = _WORD.findall(_DOTTED.sub(_undot, text))
    return bool(words) and all(w in _SUFFIXES_EN for w in words)


def normalise(name: str) -> str:
    """The name as compared: see the module's note."""
    return "".join(_words(name))


def sorted_key(name: str) -> str:
    """The normalised name with its words in sorted order (word order not counting)."""
    return "".join(sorted(_words(name)))


@dataclass(frozen=True, slots=True)
class ListedParty:
    id: int | None
    name: str
    other_names: tuple[str, ...] = ()
    country: str = ""
    list_name: str = ""
    date_listed: date | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """No ``end_uses`` (EndUse codes) towards ``country`` (ISO alpha-2) from ``since``."""

    country: str
    end_uses: tuple[str, ...]
    since: date | None = None
    source: str = ""
    source_en: str = ""  # the source in English (``source`` when none)


@dataclass(frozen=True, slots=True)
class Hit:
    exact: bool
    party: ListedParty
    listed_as: str  # the listed name (or other name) matched
    score: int  # 100 for an exact match


class Screen:
    """The restricted-party lists, indexed for screening."""

    def __init__(self, parties: Iterable[ListedParty], rules: Iterable[Rule] = ()):
        self.parties: list[ListedParty] = list(parties)
        self.rules = tuple(rules)
        self.exact: dict[str, list[tuple[int, str]]] = {}
        self.keys: list[tuple[str, int, str]] = []  # (key, party index, listed name)
        self.lengths: list[int] = []  # of each key
        self.grams: dict[str, list[int]] = {}  # trigram -> the keys holding it
        for i, party in enumerate(self.parties):
            for listed in (party.name, *party.other_names):
                words = _words(listed)
                natural, ordered = "".join(words), "".join(sorted(words))
                if not natural:
                    continue
                for key in {natural, ordered}:  # exact in either word order
                    self.exact.setdefault(key, []).append((i, listed))
                k = len(self.keys)
                self.keys.append((natural, i, listed))
                self.lengths.append(len(natural))
                for gram in _grams(natural):
                    self.grams.setdefault(gram, []).append(k)

    def __bool__(self) -> bool:
        return bool(self.parties or self.rules)

    def check(self, name: str) -> list[Hit]:
        """The listed parties ``name`` matches: exact ones, else close ones (best first)."""
        words = _words(name)
        natural, ordered = "".join(words), "".join(sorted(words))
        hits = {}
        for key in {natural, ordered} - {""}:
            for i, listed in self.exact.get(key, ()):
                hits.setdefault(i, Hit(True, self.parties[i], listed, 100))
        if hits:
            return list(hits.values())
        best: dict[int, Hit] = {}
        key = natural  # a close spelling is compared in its own word order
        grams = [p for p in map(self.grams.get, _grams(key)) if p is not None]
        # The trigrams that tell names apart: those of few listed names (a
        # trigram of "trading" or "有限" is in hundreds and decides nothing).
        rare = [p for p in grams if len(p) <= _SKIP_POSTING] or grams
        shared = Counter(chain.from_iterable(rare))
        need = max(1, len(rare) // 3)
        low, high = len(key) * CLOSE / (200 - CLOSE), len(key) * (200 - CLOSE) / CLOSE
        lengths = self.lengths
        for k in [k for k, n in shared.items() if n >= need and low <= lengths[k] <= high]:
            listed_key, i, listed = self.keys[k]
            score = fuzz.ratio(key, listed_key, score_cutoff=CLOSE)
            if score and (i not in best or score > best[i].score):
                best[i] = Hit(False, self.parties[i], listed, round(score))
        return sorted(best.values(), key=lambda h: -h.score)

    def forbidden(self, country: str, end_use: str, on: date | None = None) -> Rule | None:
        """The rule that forbids ``end_use`` towards ``country`` on day ``on``, if any."""
        for rule in self.rules:
            if rule.country == country and end_use in rule.end_uses and \
                    (rule.since is None or on is None or on >= rule.since):
                return rule
        return None


def _grams(key: str) -> set[str]:
    if len(key) < 3:
        return {key}
    return {key[i:i + 3] for i in range(len(key) - 2)}
