"""Deterministic red-flag check for emergencies and medicine-change questions.

Every user message passes through `check()` before the dialogue policy runs
(see `itb.rasa_guard`). It does not depend on the trained model, so the
emergency reply holds whatever the intent classifier predicts.

The lexicon below is the reviewed list of red flags from the clinic's fact
sheet. Patterns are written as words separated by spaces: each word must
appear in order, at most `GAP` words apart. A word may list alternatives with
`|` and may end in `*` to match any ending. Single words of six letters or
more also match with one typo (two from ten letters), so "unconsious" or
"siezure" still match.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence, Tuple

GAP = 3
MAX_TOKENS = 400

SELF_HARM = "self_harm"
GENERAL = "general"

# ---------------------------------------------------------------- lexicon
SELF_HARM_PATTERNS = (
    "suicid*|suicdal|sucidal|sucide|suiside*|suicde",
    "kill|killing|kil myself|meself|myslef|mysef|himself|herself|themselves|themself",
    "end|ending|take|taking my|own|his|her|their life",
    "end|ending it|things|everything",
    "want*|wnat*|wish*|going|ready|plan*|planning to die",
    "want*|wish* be|was|were dead",
    "better off dead|gone|without",
    "hurt|hurting|harm|harming|cut|cutting|burn|burning myself|meself|himself|herself|themselves",
    "self harm*|harming",
    "selfharm*",
    "dont|not want|wish live|alive|exist|living",
    "no reason|point live|living|going",
    "isnt|not|aint|never worth living|it",
    "dont want wake up tomorrow|again|anymore|ever",
    "never wake|waking up",
    "stockpil*|hoarding|saving pills|meds|baclofen",
    "jump*|drive|driving off bridge|building|roof|cliff",
    "cant go on like|anymore",
    "overdose|od on purpose",
    "want*|wanna|going|plan*|planning|try|trying overdose|od",
    "take|taking|swallow*|down all|whole|entire|every my|the|of pills|meds|baclofen|valium|medicine*|medication*|tablets|bottle|them|pill",
    "whole|entire bottle|pack|box",
    "saving|stockpil*|hoarding|collecting up|my pills|meds|baclofen|valium|tablets",
    "dont|not want* be here|around anymore|longer",
    "not be here",
    "at peace",
    "point living|life|going",
    "tired|sick of living|life|alive",
    "take|taking|swallow* every|all pill|pills|meds|tablets",
    "rather be dead|die",
    "cutting|cut again",
    "turn|crank* pump up|high dont|never|not wake",
    "done with life|living|everything|all",
    "no one|nobody would miss|care",
    "into traffic",
    "in front of train|car|bus|truck",
    "goodbye|suicide letter*|note*",
    "cant do this|it anymore",
    "gun|pistol|rifle|firearm",
    "see|find|no|any reason live|living|going|keep",
    "disappear forever|for",
    "sleep not|never wake",
    "am|im|being|such burden",
    "kms",
    "unalive",
)

GENERAL_PATTERNS = (
    # breathing
    "cant|hard|trouble|trubble|truble|difficulty|difficult|struggling|struggle|problem|problems|stopped|not|isnt|barely|slow|slowed|slowing|shallow|labored|laboured|hardly breath*|breth*|breat*|braeth*|brething|breahting",
    "short|shortness of breath*|breth*",
    "breath*|breth* slow*|shallow|labored|weird|funny|strange|fast|rapid|noisy|gurgling|hard|wrong|stopped|stopping|trouble|problem*|difficult*|issues",
    "breaths|breath a|per minute",
    "respiratory distress|failure|arrest",
    "gasping|gasp|choking",
    "turning|turned|going|look|looks|lips blue",
    "blue lips",
    # waking and fainting
    "cant|wont|doesnt|isnt|not|hard|didnt|couldnt|trouble|unable|difficult wake*|waking|woke|wakeup|awake|arouse|rouse",
    "cant|wont|doesnt|couldnt|not open eyes|eye",
    "cant|couldnt keep eyes|eye open",
    "nodding off",
    "out of it",
    "unresponsive|unresponsiv|unconscious*|nonresponsive",
    "not|isnt|wont|stopped|doesnt responding|respond|responsive|answering",
    "passed|passing|pass|blacked|blacking|black out",
    "faint|fainted|fainting|fainted|feinted|fainting",
    "collapsed|collapse|collapsing",
    "very|really|super|so|extremely|too|abnormally|unusually sleepy|drowsy|drowsey|sleapy|groggy|lethargic",
    "keeps|keep falling asleep",
    # seizures
    "seiz*|siez*|sezi*|seziure*|ceizure*|seis*|sieze*|seaz* !disorder|disorders|history|meds|medicine|medication|medications",
    "convuls*",
    "having|has a fit",
    "fitting",
    "shaking|jerking|twitching uncontrollably|uncontrolably|nonstop|all",
    "eyes rolled|rolling back|up",
    # chest
    "chest pain*|hurts|hurting|tight*|pressure|pains",
    "pain|pains in my|his|her|the chest",
    "heart attack",
    "having|has a stroke",
    # withdrawal
    "high|very|burning|spiking|huge fever|temp|temperature|fevr|feaver|fver",
    "fever|temp|temperature|fevr|feaver 101|102|103|104|105|39|40",
    "burning up|hot",
    "febrile",
    "headache|neck and|with fever|temp|temperature",
    "fever|fevers|fevr|feaver|temperature stiff*|spasm*|itch*|confus*|neck|headache|rigid|shaking|chills",
    "stiff*|spasm*|itch*|confus*|neck|headache|rigid|shaking|chills fever|fevers|fevr|feaver|temperature",
    "headache|head chills",
    "cant|couldnt bend|move|turn neck",
    "headache|head is|so unbearable|severe|terrible|excruciating|killing|pounding",
    "wheez*",
    "cant|couldnt get air",
    "stiff*|spasm*|spastic*|tight*|tone|rigid* back|returned|returning worse|hard|bad|badly|severe|fast|suddenly|strong|strongly|intense",
    "spasm*|spastic*|stiffness|muscles extreme|uncontrol*|violent|nonstop|worst|unbearable|crazy",
    "spasm*|stiffness|spasticity much|way|so|lot|really worse",
    "increasing|rising|worsening tone|spasticity|stiffness|spasms",
    "in|having|through|into withdraw*|withdrawl",
    "muscles|muscle|body|legs|arms rigid|locked|locking|seized|board",
    "rigid",
    "itch*|itchy|iching|itchin",
    "is|seems|seem|got|getting|very|really|so|suddenly|acting|hes|shes|im|totally|extremely confused|confussed|confusion|disoriented !about|by|with|on|regarding|what|how|why|which|whether|if|as|over|at",
    "disoriented",
    "hallucinat*|halucinat*|halluc*",
    "seeing|hearing things|bugs|people|spiders|voices|stuff",
    # overdose
    "overdose*|overdosed|overdosing|od|oded|overdoes",
    "took|taken|given|gave|swallowed double|extra|too|to|whole dose*|pill*|much|bottle",
    "floppy",
    "limp|floppy all|body|ragdoll",
    "very|really|so|completely|totally limp",
    # infection and nerves after a spinal tap or surgery
    "stiff neck",
    "neck is stiff",
    "severe|worst|terrible|unbearable|awful|excruciating|splitting|blinding headache|head|migraine",
    "cant|couldnt feel legs|feet|leg|anything",
    "lost|losing|no control of|over bladder|bowel*|pee|poop",
    "legs|leg|feet went|gone|are|is|suddenly dead|paralyzed",
    "lost|losing bladder|bowel*|feeling",
    "cant|couldnt control|hold bladder|bowel*|pee|poop",
    "wet|peed|pooped|soiled myself|himself|herself",
    # generic
    "emergency|emergancy|emergeny",
    "urgent|urgently",
    "need|needs help now|asap|immediately|fast",
    "something|somethings really|very|seriously|terribly|badly wrong",
    "not okay|ok|alright|breathing",
    "911",
    "ambulance|ambulence",
    "dying",
    "vomit*|throwing blood",
)

# A pump or alarm problem is an emergency together with any of these.
PUMP_PROBLEM = (
    "alarm*|alarn*|alerm*|beep*|beeb*|buzz*|sound*|sounding|chirp*",
    "pump empty|stopped|stopping|broke|broken|died|dead|failed|leak*|leaking",
    "pump ran|run|running out",
    "pump not|isnt|wont|doesnt|stopped working|work|pumping",
    "missed|skipped|late refill|refil",
    "ran|run|running out of medicine|baclofen|meds|medication",
)
SYMPTOM_WORDS = (
    "sick|ill|dizzy|dizy|fever|feverish|itch*|spasm*|stiff*|confus*|sleepy|drowsy|weak|numb|"
    "headache|vomit*|throwing|pain|hurts|tingl*|faint*|worse|febrile|shaking|sweating|rigid",
    "feel|feeling|feels|felt|look|looks|acting|seems weird|wierd|funny|strange|off|bad|terrible|awful|sick|hot",
)

# New weakness, numbness or loss of control is an emergency when it is sudden.
NERVE_PROBLEM = (
    "cant|couldnt move|walk|stand",
    "legs|leg gave|give|giving out|way",
    "numb*|paralyz*|paralys*|weak|weakness",
    "cant|couldnt pee|urinate|piss",
)
SUDDEN_WORDS = (
    "suddenly|sudden|now|today|tonight|morning|nowhere|new|just|spreading|overnight|woke",
    "all at once",
    "since|after the surgery|trial|procedure|tap|refill|operation|injection",
)

# Asked for help in so many words: never read as a general question.
ALWAYS_PATTERNS = (
    "should|do|can|must i|we call|calling 911|ambulance|er",
    "call|get|need|send ambulance|911 now|asap|please|immediately",
    "need|get|send|call an|a ambulance",
)

# Questions about a topic, not reports of something happening.
INFO_PATTERNS = (
    "signs|sign|symptoms|symptom|warning",
    "made|makes|make me|him|her|them|us|you",
    "what happens if|when",
    "what if",
    "what would",
    "in case",
    "is it normal",
    "is that normal",
    "how do|would|can|will i|we|you know|tell",
    "risk|risks|chance|chances|possible of",
    "cause|causes|caused|causing",
    "lead|leads to",
    "i read|heard|saw",
    "is that true",
    "back in",
    "201*|200*|199*",
    "controlled|managed",
    "history of",
    "as a child|kid|baby",
    "years|months ago",
    "used to",
    "once in|when|before",
    "in high school|college",
    "last year|month|summer|winter",
    "in the past",
    "what does|do mean",
    "should i worry",
    "can you overdose|od",
    "is overdose|withdrawal",
)
INFO_OPENERS = {
    "what", "whats", "how", "why", "can", "could", "will", "would", "does", "do",
    "is", "are", "should", "when", "which", "where", "if", "explain", "tell", "might", "may",
    "wondering", "curious", "question", "info", "information", "describe",
}
# Words that place a symptom in the present, with a real person: these keep
# an "informational" sentence an emergency.
PRESENT_PATTERNS = (
    "now|rn|currently|tonight|today|already",
    "right now",
    "at the moment",
    "this morning|afternoon|evening",
    "im|hes|shes|theyre|happening",
    "i|he|she|they|we|son|daughter|mom|mum|dad|husband|wife|child|kid|baby|mother|father|patient|brother|sister|grandma|grandpa|partner|friend am|is|are|keeps|keep|started|cant|wont|isnt|doesnt|just|seems|looks|having|getting",
    "help",
    "what do|should i|we do",
)

CONTRACTIONS = (
    (r"\bcan ?not\b", "cant"),
    (r"\bwill not\b", "wont"),
    (r"\bis not\b", "isnt"),
    (r"\bdoes not\b", "doesnt"),
    (r"\bdid not\b", "didnt"),
    (r"\bdo not\b", "dont"),
    (r"\bcould not\b", "couldnt"),
    (r"\bwas not\b", "wasnt"),
    (r"\b(?:not able|unable) to\b", "cant"),
    (r"\bi m\b", "im"),
    (r"\bhe s\b", "hes"),
    (r"\bshe s\b", "shes"),
    (r"\bwanna\b", "want to"),
    (r"\bmy self\b", "myself"),
    (r"\bgonna\b", "going to"),
    (r"\bcan t\b", "cant"),
    (r"\bwon t\b", "wont"),
    (r"\bdon t\b", "dont"),
    (r"\bisn t\b", "isnt"),
    (r"\bdoesn t\b", "doesnt"),
    (r"\bdidn t\b", "didnt"),
    (r"\bcouldn t\b", "couldnt"),
)


@dataclass(frozen=True)
class Finding:
    """What the check found in one message."""

    kind: str  # SELF_HARM or GENERAL
    pattern: str


Alternatives = Tuple[str, ...]
Pattern = Tuple[Tuple[Alternatives, ...], Alternatives]


def normalise(text: str) -> list[str]:
    """Lowercase words without accents, apostrophes or long letter runs."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\u2018\u2019\u02bc`´']", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)
    for pattern, replacement in CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    return text.split()[:MAX_TOKENS]


def _compile(patterns: Iterable[str]) -> Tuple[Tuple[str, Pattern], ...]:
    """Parse patterns. A last word starting with `!` lists words that must not
    directly follow the match ("confused !about" skips "confused about")."""
    compiled = []
    for source in patterns:
        words = source.split()
        negative: Alternatives = ()
        if words[-1].startswith("!"):
            negative = tuple(words.pop()[1:].split("|"))
        slots = tuple(tuple(word.split("|")) for word in words)
        compiled.append((source, (slots, negative)))
    return tuple(compiled)


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _allowed_typos(word: str) -> int:
    if len(word) >= 10:
        return 2
    if len(word) >= 6:
        return 1
    return 0


@lru_cache(maxsize=65536)
def _word_matches(token: str, word: str) -> bool:
    if word.endswith("*"):
        stem = word[:-1]
        if token.startswith(stem):
            return True
        typos = _allowed_typos(stem)
        return bool(typos) and len(token) >= len(stem) - typos and (
            _distance(token[: len(stem)], stem, typos) <= typos
        )
    if token == word:
        return True
    typos = _allowed_typos(word)
    return bool(typos) and _distance(token, word, typos) <= typos


def _slot_at(tokens: Sequence[str], start: int, slot: Alternatives) -> int:
    """Index of the first token at or after `start` (within GAP) matching the slot."""
    for index in range(start, min(len(tokens), start + GAP + 1)):
        if any(_word_matches(tokens[index], word) for word in slot):
            return index
    return -1


def _matches(tokens: Sequence[str], pattern: Pattern) -> bool:
    slots, negative = pattern
    first, rest = slots[0], slots[1:]
    for index, token in enumerate(tokens):
        if not any(_word_matches(token, word) for word in first):
            continue
        position = index
        for slot in rest:
            position = _slot_at(tokens, position + 1, slot)
            if position < 0:
                break
        else:
            following = tokens[position + 1] if position + 1 < len(tokens) else ""
            if following not in negative:
                return True
    return False


def _first_match(tokens: Sequence[str], patterns) -> Optional[str]:
    for source, pattern in patterns:
        if _matches(tokens, pattern):
            return source
    return None


_SELF_HARM = _compile(SELF_HARM_PATTERNS)
_GENERAL = _compile(GENERAL_PATTERNS)
_PUMP = _compile(PUMP_PROBLEM)
_SYMPTOMS = _compile(SYMPTOM_WORDS)
_NERVES = _compile(NERVE_PROBLEM)
_SUDDEN = _compile(SUDDEN_WORDS)
_ALWAYS = _compile(ALWAYS_PATTERNS)
_INFO = _compile(INFO_PATTERNS)
_PRESENT = _compile(PRESENT_PATTERNS)


def _is_information_question(tokens: Sequence[str]) -> bool:
    """A general question about a red flag ("what are the signs of ...")."""
    asks = bool(tokens) and tokens[0] in INFO_OPENERS or _first_match(tokens, _INFO)
    return bool(asks) and not _first_match(tokens, _PRESENT)


def _combined(tokens: Sequence[str]) -> Optional[str]:
    """Red flags made of two parts: a pump problem with a symptom, or a
    nerve problem that came on suddenly."""
    for first, second in ((_PUMP, _SYMPTOMS), (_NERVES, _SUDDEN)):
        found = _first_match(tokens, first)
        if found and _first_match(tokens, second):
            return found + " + " + (_first_match(tokens, second) or "")
    return None


def check(text: object) -> Optional[Finding]:
    """Return a Finding if the message describes a possible emergency."""
    if not isinstance(text, str) or not text.strip():
        return None
    tokens = normalise(text)
    if not tokens:
        return None
    found = _first_match(tokens, _SELF_HARM)
    if found:
        return Finding(SELF_HARM, found)
    found = _first_match(tokens, _ALWAYS)
    if found:
        return Finding(GENERAL, found)
    found = _first_match(tokens, _GENERAL) or _combined(tokens)
    if found and not _is_information_question(tokens):
        return Finding(GENERAL, found)
    return None


# ------------------------------------------------------ medicine questions
MEDICINE_WORDS = (
    "baclofen|baclofin|backlofen|lioresal|gablofen|tizanidine|zanaflex|dantrolene|dantrium|"
    "diazepam|valium|medicine*|medicat*|meds|med|pill*|tablet*|dose*|dosage|drug*|"
    "prescription*|thinner*|warfarin|coumadin|eliquis|xarelto|aspirin|insulin|gabapentin|"
    "plavix|clopidogrel|ibuprofen|advil|motrin|tylenol|nsaid*|relaxer*|tabs"
)
CHANGE_WORDS = (
    "stop|stopping|quit|quitting|skip|skipping|hold|holding|double|doubling|halve|"
    "taper|tapering|wean|weaning|cut|lower|lowering|raise|raising|increase|increasing|"
    "decrease|decreasing|reduce|reducing|change|changing|adjust|adjusting|miss|missing|"
    "switch|switching|weaned"
)
# "should I ...", "can my son ...", "is it ok to ...": a question about what to do.
FRAME = "should|can|could|may|must|do|okay|ok|safe|allowed|need|want*|plan*|thinking|going|decided|tempted|supposed"
MEDICINE_PATTERNS = (
    f"{FRAME} {CHANGE_WORDS} {MEDICINE_WORDS}",
    f"{FRAME} take|taking|use|start|starting|begin|keep|keeping two|2|every|extra|more|less|another|double|half|my|the|an|his|her|{MEDICINE_WORDS} {MEDICINE_WORDS}|morning|dose",
    f"{FRAME} start|starting|begin|switch|switching {MEDICINE_WORDS}",
    f"how much {MEDICINE_WORDS} should|do|can",
    f"{CHANGE_WORDS} pump dose|rate",
    "turn|turned pump up|down",
    f"{FRAME} double|doubling up|it",
    f"{FRAME} come|go|get off {MEDICINE_WORDS}",
    "eat|eating|drink|drinking|fast|fasting|breakfast|food|water before|morning|prior|day",
    "empty stomach",
    "nothing by mouth|npo",
)
_MEDICINE = _compile(MEDICINE_PATTERNS)


def is_medicine_change_question(text: object) -> bool:
    """True for questions about starting, stopping, skipping or changing medicine."""
    if not isinstance(text, str) or not text.strip():
        return False
    return _first_match(normalise(text), _MEDICINE) is not None
