"""The one spaCy pipeline for Norwegian bokmål, built once per process.

``spacy.blank("nb")`` plus three small registered components:
- ``nb_sentences``: sentence ends after . ! ? (also after a number: "i 2026. Neste ..."), at
  paragraph breaks and at list bullets, but not after ordinals before a month ("1. september") or
  common abbreviations;
- ``nb_lemmas``: lemmas from the Norsk Ordbank forms of spacy-lookups-data;
- ``nb_numbers``: ``token._.number`` for digits and Norwegian number words ("tolv", "tjuefem").
"""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from nlp_service.language.lexicon import load_lexicon, number_word_value

_MONTHS = {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
           "nov", "des"}
_ABBREVIATIONS = {"bl.a.", "f.eks.", "jf.", "nr.", "ca.", "kl.", "mill.", "mrd.", "kr.", "dvs.", "mv.", "m.m.",
                  "osv.", "evt.", "ev.", "inkl.", "ekskl.", "pga.", "iht.", "mht.", "tlf.", "stk.", "pr.",
                  "ref.", "vedr.", "o.l.", "m.fl.", "t.o.m.", "f.o.m.", "kap.", "avd.", "st.", "adm."}
# A month shortened before a year or a day ("aug. 2025–jul. 2026", "fra sept. 2025") ends no sentence.
_MONTH_ABBREVIATIONS = {"jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "des."}
_NUMBER_DOT = re.compile(r"^\d+\.$")
# Words after which a sentence goes on: a line that ends in one of them is wrapped, not finished.
_CONTINUES = {"og", "eller", "men", "samt", "i", "på", "til", "fra", "frå", "med", "av", "for", "om", "som", "at", "ved",
              "hos", "mot", "under", "mellom", "etter", "over", "gjennom", "blant", "en", "et", "ei", "ein", "eit",
              "den", "det", "de", "dei", "vår", "våre", "vårt", "sin", "sitt", "sine", "både", "der", "når", "fordi"}
_BULLETS = ("-", "•", "–", "*")
_BULLET_LETTERS = {"o", "▪", "●", "", "◦"}
_FIELD_START = re.compile(r"^\s*[\wæøåÆØÅ][\wæøåÆØÅ ./()\-]{0,40}:\s")
_QUESTION = re.compile(r"^\s*(hva|hvem|hvordan|hvorfor|hvor|hvilke|hvilken|kva|kven|korleis|kvifor|kor|kva for|når)\b", re.I)


def _line_before(doc: Doc, i: int, text: str) -> str:
    """The text of the line that the break at token ``i`` ends (up to and including token ``i``'s word).
    ``text`` is ``doc.text``, which spaCy builds anew from the tokens on each access: the caller reads it once."""
    tok = doc[i]
    end = tok.idx if tok.is_space else tok.idx + len(tok.text)
    return text[text.rfind("\n", 0, end) + 1:end]


def _line_after(doc: Doc, j: int, text: str) -> str:
    """The text of the line that starts at token ``j`` (``text`` is ``doc.text``, read once by the caller)."""
    if j >= len(doc):
        return ""
    start = doc[j].idx
    end = text.find("\n", start)
    return text[start:end if end >= 0 else len(text)]


_ACCOUNT_CODE = re.compile(r"\d{3,6}")
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})")
#: A four-digit number read as a year, not an amount or an account code (the check engine uses it too).
YEAR_NUMBER = re.compile(r"(?:19[5-9]\d|20[0-4]\d)")

if not Token.has_extension("number"):
    Token.set_extension("number", default=None)


_AMOUNT_END = re.compile(r"\d(?:,-|,–|,00)?$")


def _ends_in_amount(tokens: list) -> bool:
    """The tokens (in order) end with a number, "318.420,-" and "1 200,00" included."""
    tail = "".join(t.text for t in tokens[-3:])
    return bool(_AMOUNT_END.search(tail))


def _ledger_break(doc: Doc, i: int) -> bool:
    """The line break at token ``i`` comes before a ledger row: an account code (3-6 digits),
    then a word in title case ("1810 Tilskudd fra IMDi 1 450 000"), on a line that ends with a sum; and the
    line before ends with a number (the row above) or holds none (a sub-heading such as "Driftsinntekter").
    A sentence wrapped before a number ("kr 1\n450 000", "nådd\n200 NAV-ansatte", "i\n2050 Jessheim.") is
    not split."""
    nxt = doc[i + 1]
    if doc[i - 1].text.lower() in _CONTINUES or doc[i - 1].text == ",":
        return False  # "... hos Frivilligsentralen i\n3015 Drammen": a postal code in a wrapped sentence
    if _DATE.fullmatch(nxt.text) and _ends_in_amount(list(doc[max(0, i - 3):i])):
        return True  # a ledger of dated entries: "... kr 650 000\n31.03.2025 25-0488 Lønn prosjektleder ..."
    if not _ACCOUNT_CODE.fullmatch(nxt.text):
        return False
    line: list = []
    for tok in doc[i + 2:]:
        if tok.is_space and "\n" in tok.text:
            break
        if "\n" in tok.whitespace_:
            line.append(tok)
            break
        if not tok.is_space:
            line.append(tok)
    if len(line) < 2 or not line[0].is_title or not _ends_in_amount(line):
        return False
    before: list = []
    for tok in reversed(doc[:i]):
        if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
            break
        before.append(tok)
    if not before:
        return False
    if _ends_in_amount(list(reversed(before))):
        return True  # the row above ends with its sum (a code like 1990 is then an account, not a year)
    return not YEAR_NUMBER.fullmatch(nxt.text) and not any(t.text[:1].isdigit() for t in before)


#: Abbreviated units that stand after an amount: "verdsett til 320 000 kr. I tillegg ..." ends a sentence there
#: (before an amount, "kr. 500", the abbreviation is followed by the number, not by a capitalised word).
_UNITS_AFTER_NUMBER = {"kr.", "mill.", "mrd."}


def _unit_after_number(doc: Doc, k: int, nxt) -> bool:
    """Token ``k`` is "kr"/"kr." (or "mill.", "mrd.") right after a number, and ``nxt`` begins a new sentence."""
    word = doc[k].text.lower().rstrip(".") + "."
    return word in _UNITS_AFTER_NUMBER and k > 0 and doc[k - 1].text[-1:].isdigit() and nxt.is_title


@Language.component("nb_sentences")
def nb_sentences(doc: Doc) -> Doc:
    doc_text = doc.text
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        text = token.text
        start = False
        if "\n\n" in token.whitespace_ + (text if token.is_space else ""):
            # a paragraph break; but a "paragraph" that goes on in lower case after a word or number with no
            # closing punctuation is one sentence the PDF reader broke ("Vi reknar med 14\n\ndeltakarar, ...")
            # (not a heading and its value, "Målgruppe" / "kvinner med kort botid", nor a list item "o norskkurs")
            prev = text if not token.is_space else (doc[i - 1].text if i > 0 else "")
            before = _line_before(doc, i, doc_text).split()
            start = not (nxt.is_lower and prev[-1:].isalnum() and nxt.text not in _BULLET_LETTERS
                         and (len(before) >= 4 or prev.lower() in _CONTINUES))
        elif token.is_space and "\n" in text and (nxt.text in _BULLETS or nxt.is_title):
            # a line break before a bullet or a capitalised line; but a line that ends in a comma or a word that
            # cannot end a sentence ("... fra innvandrerforeningene og\nHarstad frivilligsentral") wraps one,
            # unless the next line is a form field or the line is a question heading ("Hvem samarbeider dere med")
            prev = doc[i - 1].text.lower() if i > 0 else ""
            start = nxt.text in _BULLETS or not (prev == "," or prev in _CONTINUES) \
                or bool(_FIELD_START.match(_line_after(doc, i + 1, doc_text))) \
                or bool(_QUESTION.match(_line_before(doc, i, doc_text)))
        elif token.is_space and "\n" in text and i > 0 and _ledger_break(doc, i):
            start = True  # table rows of account codes: "... 305 000 298 412 \n 10900 Pensjon 37 000"
        elif text in (".", "!", "?", "…") or text.endswith(("!", "?")):
            prev = doc[i - 1].text.lower() + "." if i > 0 else ""
            start = (prev not in _ABBREVIATIONS or _unit_after_number(doc, i - 1, nxt)) and not nxt.is_lower \
                and not nxt.is_punct and not (re.split(r"[–-]", prev)[-1] in _MONTH_ABBREVIATIONS
                                              and nxt.text[:1].isdigit())  # ("2025–jul. 2026")
        elif _NUMBER_DOT.match(text):
            # "1. september" is a date; "i 2026. Neste" ends a sentence.
            start = nxt.is_title and nxt.text.lower() not in _MONTHS
        elif text.lower() in _UNITS_AFTER_NUMBER:
            start = _unit_after_number(doc, i, nxt)
        elif text.endswith(".") and len(text) > 1 and text.lower() not in _ABBREVIATIONS and text[-2].isalpha():
            start = nxt.is_title and not nxt.is_punct and text.lower() not in _ABBREVIATIONS
        if start:
            j = i + 1
            while j < len(doc) and doc[j].is_space:
                j += 1
            if j < len(doc):
                doc[j].is_sent_start = True
                for k in range(i + 1, j):
                    doc[k].is_sent_start = False
    return doc


# Pronouns and particles whose forms are also rare verb or noun forms in Ordbank ("vi" of "vie").
_OWN_LEMMA = {"vi", "de", "dem", "oss", "meg", "deg", "seg", "han", "hun", "den", "det", "dette", "disse",
              "som", "at", "og", "i", "på", "til", "for", "med", "av", "om", "man", "dere", "deres", "ut"}


@Language.component("nb_lemmas")
def nb_lemmas(doc: Doc) -> Doc:
    lexicon = load_lexicon()
    for token in doc:
        lower = token.text.lower()
        if token.is_space or token.is_punct:
            token.lemma_ = token.text
        elif lower in _OWN_LEMMA:
            token.lemma_ = lower
        else:
            token.lemma_ = lexicon.lemma(token.text)
    return doc


@Language.component("nb_numbers")
def nb_numbers(doc: Doc) -> Doc:
    for token in doc:
        text = token.text
        value: int | None = None
        if text.isdigit():
            value = int(text)
        elif re.fullmatch(r"\d{1,3}(?:[ .\u00a0]\d{3})+", text):
            value = int(re.sub(r"\D", "", text))
        else:
            value = number_word_value(text)
        token._.number = value
    return doc


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.blank("nb")
    nlp.add_pipe("nb_sentences")
    nlp.add_pipe("nb_lemmas")
    nlp.add_pipe("nb_numbers")
    load_lexicon()  # once per process, not at the first document
    return nlp


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in get_nlp()(text).sents if s.text.strip()]
