"""The reviewed red-flag word lists: data only, no logic.

Changing anything here is a clinical change: a clinician reviews it, and the
new phrasings go into `tests/safety/red_flag_cases.yml`. The matcher
(`itb.safety.matcher`) reads the patterns as words in order, at most a few
words apart; a word may list alternatives with `|`, may end in `*` to match
any ending, and a last word starting with `!` lists words that must not
directly follow the match. Words of six letters or more also match with one
typo (two from ten letters).

Reviewed: 2026-12-01, ITB program nurse lead (see README, "Safety").
"""

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
    "lethal|fatal dose|amount|dosage|overdose",
    "much|many lethal|fatal|kill|die",
    "rope|noose ready|tied|made|bought|around|for",
    "so|until|till its|it over|ends",
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
    "have|has|got|getting|feel|feeling|think|thinks|showing|start*|going|gone|went withdraw*|withdrawl|withdrawel",
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
    "legs|leg|feet went|gone|are|is|suddenly dead|paralyzed !tired|weight|heavy",
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
    "dying !to|for",
    "vomit*|throwing blood",
    "got|gotten|getting into my|the|his|her|our pills|baclofen|baclofin|meds|medicine*|tablets|bottle",
    "swallowed|ate|chewed|eaten some|a|my|the|his|her|all|few|handful|of pills|baclofen|baclofin|tablets",
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
    "has|have|did|does anyone|anybody",
    "just curious|wondering",
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
    "my|his|her|whole|entire body|skin|legs|arms|muscles is|are|feel|feels|keep|keeps",
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
    (r"\bnon urgent\b", "nonurgent"),
    (r"\bgonna\b", "going to"),
    (r"\bcan t\b", "cant"),
    (r"\bwon t\b", "wont"),
    (r"\bdon t\b", "dont"),
    (r"\bisn t\b", "isnt"),
    (r"\bdoesn t\b", "doesnt"),
    (r"\bdidn t\b", "didnt"),
    (r"\bcouldn t\b", "couldnt"),
)




# ------------------------------------------------------ medicine questions
MEDICINE_WORDS = (
    "baclofen|baclofin|backlofen|lioresal|gablofen|tizanidine|zanaflex|dantrolene|dantrium|"
    "diazepam|valium|medicine*|medicat*|meds|med|pill*|tablet*|dose*|dosage|drug*|"
    "prescription*|thinner*|warfarin|coumadin|eliquis|xarelto|aspirin|insulin|gabapentin|"
    "plavix|clopidogrel|ibuprofen|advil|motrin|tylenol|nsaid*|relaxer*|tabs|melatonin|benadryl|"
    "supplement*|vitamin*|cbd|syrup|liquid"
)
CHANGE_WORDS = (
    "stop|stopping|quit|quitting|skip|skipping|hold|holding|double|doubling|halve|"
    "taper|tapering|wean|weaning|cut|lower|lowering|raise|raising|increase|increasing|"
    "decrease|decreasing|reduce|reducing|change|changing|adjust|adjusting|miss|missing|"
    "switch|switching|weaned|up|upped|upping|bump|bumped"
)
# "should I ...", "can my son ...", "is it ok to ...": a question about what to do.
FRAME = "should|can|could|may|must|do|okay|ok|fine|alright|safe|allowed|need|want*|plan*|thinking|going|decided|tempted|supposed"
MEDICINE_PATTERNS = (
    f"{FRAME} {CHANGE_WORDS} {MEDICINE_WORDS}",
    f"{FRAME} take|taking|use|start|starting|begin|keep|keeping two|2|every|extra|more|less|another|double|half|my|the|an|his|her|{MEDICINE_WORDS} {MEDICINE_WORDS}|morning|dose",
    f"{FRAME} start|starting|begin|switch|switching {MEDICINE_WORDS}",
    f"how much {MEDICINE_WORDS} should|do|can",
    f"{CHANGE_WORDS} pump dose|rate",
    "turn|turned pump up|down",
    f"{FRAME} double|doubling up|it",
    f"{FRAME} come|go|get off {MEDICINE_WORDS}",
    f"{FRAME} take|taking less|fewer|more|extra",
    f"{FRAME} take|taking it|them|all all|together|once",
    f"{FRAME} keep|keeping|continue|continuing taking|using|on {MEDICINE_WORDS}",
    f"{FRAME} stop|stopping|pause|pausing|turn|switch pump|off",
    f"few|some|couple of my|his|her {MEDICINE_WORDS}",
    # sharing or borrowing someone else's medicine
    "use|take|taking|borrow|borrowing|have|try|steal wifes|husbands|moms|mums|dads|friends|"
    "sisters|brothers|neighbors|neighbours|partners|mothers|fathers|grandmas|grandpas|elses|"
    "roommates|aunts|uncles",
    f"share|sharing|borrow|borrowing|lend|lending {MEDICINE_WORDS}",
    # running out of a prescription (with no symptom: the hand-off and the warning)
    f"ran|run|runs|running|out of|outta {MEDICINE_WORDS}",
    f"{MEDICINE_WORDS} ran|run|runs|running|gone|finished out|low|empty|over|already",
    f"forgot|forget|missed|miss|skipped|late {MEDICINE_WORDS}",
)

# ------------------------------------------------------ fasting questions
FASTING_PATTERNS = (
    "eat|eating|drink|drinking|fast|fasting|breakfast|food|water|coffee|lunch|dinner before|morning|prior|day|night|midnight",
    "empty stomach",
    "nothing by mouth|npo",
    "need|have|should|supposed|must|required|got fast|fasting|starve",
    "nothing to eat|drink",
    "no food|eating|drinking|water|breakfast after|before",
    "how long without|before food|eating|water|drinking",
)

# ------------------------------------------- clinical combinations (layer 2)
# A pump or medicine in one of these states, together with any symptom below,
# is a possible withdrawal or overdose: an emergency. These do not need the
# exact words of the red-flag list, only one of each group.
PUMP_STATE = (
    "pump|reservoir empty|dry|ran|runs|running|out|beep*|beeb*|alarm*|alarn*|alerm*|buzz*|chirp*",
    "alarm*|alarn*|alerm*|beep*|beeb*|buzz*|chirp*",
    "missed|miss|skipped|skip|late|overdue|forgot|forgotten|postponed|cancelled|canceled|past|behind refill*|refil*|appointment|appt",
    "refill*|refil*|appointment|appt late|overdue|missed|postponed|cancelled|canceled",
    "refill*|refil*|refilled|refiled|dose|rate|setting yesterday|today|tonight|morning|last|just|recently|increased|changed|raised|adjusted|upped|bumped",
    "just|recently|yesterday|today|morning had|got|was|were|after refill*|refil*|refilled|refiled|dose|increase",
    "after|since the|my|his|her refill*|refil*|increase|adjustment",
    "ran|run|running|runs|out of baclofen|pills|meds|medicine*|medication*|tablets|prescription*",
    "withdraw*|withdrawl|withdrawel|widthdraw*",
    "catheter|tube kink*|broke*|problem*|disconnect*|leak*",
    "stopped|quit|off baclofen|pills|meds|zanaflex|tizanidine|valium|diazepam",
    "pump stopped|broke*|died|dead|failed|isnt|wont|not",
    "took|taken|given|gave|swallowed double|extra|twice|two|2|too",
)
SYMPTOM_SIGNS = (
    "itch*|iching|itchin|scratch*|fever*|fevr|feaver|fver|temp|temperature|sweat*|chills|"
    "confus*|disoriented|delirious|hallucinat*|halucinat*|stiff*|rigid*|spasm*|spastic*|"
    "tight*|cramp*|jerk*|twitch*|shaking|shakes|tremor*|sleepy|drowsy|drowsey|groggy|"
    "lethargic|unresponsive|breath*|breth*|breathin|seiz*|siez*|convuls*|tingl*|numb*|weak*|"
    "floppy|limp|dizzy|dizy|faint*|lightheaded|symptom*|sick|ill|unwell|vomit*|throwing|"
    "headache|slur*",
    "burning up",
    "cant|wont|hard|couldnt wake|awake|stay",
    "blood pressure",
    "heart racing|pounding",
    "feel|feeling|feels|look|looks|acting|seems bad|terrible|awful|wrong|worse|weird|wierd|strange|off|funny",
    "not right",
    "pins and needles",
    "passed|passing|blacked|blacking out",
)
# Words that make a combination a question about what could happen, unless
# the message also places it in the present (lexicon.PRESENT_PATTERNS).
HYPOTHETICAL_WORDS = {"will", "would", "might", "if", "whether", "ever"}
