"""The patient's language: English or Spanish, read from each message, kept per conversation.

* `detect(text)`: the language a message is clearly written in, or None when
  it is too short or too mixed to tell ("sí", "ok", "1", a name). Uses the
  pinned language-ID library lingua, restricted to English and Spanish.
* `choice(text)`: a patient asking for a language ("English", "Español",
  "en español por favor", "can you speak spanish").
* `LanguageDetector`: the NLU step that turns both into a `language` entity,
  which fills the `language` slot (domain.yml). A message that tells nothing
  keeps the conversation's language; a channel may pass the language its page
  or its own records show as `metadata.language`, used for such a message.
  An explicit choice is the intent `set_language`.

Every response has a Spanish variation in domain.yml with the condition
`language: es`; the English one is the default (itb/content/nlg.py picks).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

ENGLISH = "en"
SPANISH = "es"
SUPPORTED = (ENGLISH, SPANISH)
DEFAULT = ENGLISH
NAMES = {ENGLISH: "English", SPANISH: "Español"}
SLOT = "language"
INTENT = "set_language"

# A message changes the conversation's language only when it has this many
# words, one of them a function word of that language (so a name, a number or
# "sí" never does), and the library is this sure (`make language-report`).
MIN_WORDS = 3
MIN_CONFIDENCE = 0.8
FUNCTION_WORDS = {
    ENGLISH: frozenset(
        "the a an is are was my i im i'm me you your to of and in on for it what how can do does did will "
        "when why where who should could would this that with about have has be get if not no".split()
    ),
    SPANISH: frozenset(
        "el la los las de del que y en un una mi mis es son esta está estoy por para con se lo le como cómo "
        "cuando cuándo qué que cuál cual puedo puede tengo tiene hay me yo usted su sus al pero muy ya "
        "necesito quiero sobre si sí no".split()
    ),
}
# A whole message that greets in Spanish sets Spanish, short as it is.
SPANISH_GREETINGS = {"hola", "buenos dias", "buen dia", "buenas", "buenas tardes", "buenas noches", "hola buenos dias",
                     "hola buenas tardes", "hola buenas noches", "hola buenas"}

_ASK_SPANISH = {
    "espanol", "spanish", "en espanol", "in spanish", "espanol por favor", "espanol porfavor",
    "en espanol por favor", "spanish please", "spanish por favor", "habla espanol", "hablas espanol",
    "habla usted espanol", "hablan espanol", "speak spanish", "do you speak spanish",
    "can you speak spanish", "can we speak spanish", "can you answer in spanish", "in spanish please",
    "quiero espanol",
    "quiero hablar en espanol", "prefiero espanol", "mejor en espanol", "castellano", "en castellano",
    "se puede en espanol", "puede ser en espanol", "escribame en espanol", "contesteme en espanol",
    "switch to spanish", "cambiar a espanol",
}
_ASK_ENGLISH = {
    "english", "ingles", "en ingles", "in english", "english please", "ingles por favor",
    "en ingles por favor", "in english please", "speak english", "do you speak english", "can you speak english",
    "habla ingles", "hablas ingles", "quiero ingles", "prefiero ingles", "mejor en ingles",
    "can we speak english", "can you answer in english", "back to english", "switch to english",
    "cambiar a ingles",
}


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


def choice(text: Any) -> Optional[str]:
    """The language a patient asks for in so many words, else None."""
    if not isinstance(text, str) or len(text) > 60:
        return None
    plain = _plain(text)
    for prefix in ("please ", "por favor ", "ok ", "hola ", "hi "):
        if plain.startswith(prefix):
            plain = plain[len(prefix):]
    if plain in _ASK_SPANISH:
        return SPANISH
    if plain in _ASK_ENGLISH:
        return ENGLISH
    return None


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    # Low-accuracy mode (trigram models only): 13 MB instead of 86, and with the
    # word-count and function-word rules it tells more messages right, not fewer
    # (`make language-report`).
    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SPANISH)
        .with_preloaded_language_models()
        .with_low_accuracy_mode()
        .build()
    )


def _words(text: str) -> List[str]:
    return re.findall(r"[^\W\d_]{2,}", text)


@lru_cache(maxsize=4096)
def _detect(text: str) -> Optional[str]:
    words = [word.lower() for word in _words(text)]
    if _plain(text) in SPANISH_GREETINGS:
        return SPANISH
    if len(words) < MIN_WORDS:
        return None
    from lingua import Language

    codes = {Language.ENGLISH: ENGLISH, Language.SPANISH: SPANISH}
    values = _detector().compute_language_confidence_values(text[:1000])
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    found = codes.get(values[0].language)
    if found is None or not FUNCTION_WORDS[found].intersection(words):
        return None
    return found


def detect(text: Any) -> Optional[str]:
    """The language `text` is clearly written in, or None when it cannot be told."""
    if not isinstance(text, str) or not text.strip():
        return None
    return _detect(text.strip())


def supported(value: Any) -> Optional[str]:
    """`value` as a supported language code ("es-MX" -> "es"), or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower()[:2]
    return code if code in SUPPORTED else None


def of_message(text: Any, hint: Any = None) -> Optional[str]:
    """The language a message sets: an explicit choice, the text's own
    language, else the channel's hint (`metadata.language`), else None."""
    return choice(text) or detect(text) or supported(hint)


def of_slots(slots: Optional[Dict[Text, Any]]) -> str:
    """The conversation's language from its slots (English when unset)."""
    return supported((slots or {}).get(SLOT)) or DEFAULT


def of_tracker(tracker: Any) -> str:
    """The conversation's language from a tracker (Rasa's or the action SDK's)."""
    try:
        return supported(tracker.get_slot(SLOT)) or DEFAULT
    except Exception:  # noqa: BLE001 - any tracker-like object; English when it has no slots
        return DEFAULT


def warm_up() -> None:
    """Load the models now (at server start) rather than on the first message."""
    _detect("this warms the language models up")
