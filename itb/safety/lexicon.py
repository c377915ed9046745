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


# =================================================================== Spanish
# The same lists in Spanish (es). Every layer reads them in the same pass as
# the English ones (see "Both languages" at the end), so that a Spanish
# emergency inside an English conversation, or Spanish mixed with English
# words ("se le acabó el refill", "el pump está pitando"), is read whole. The
# matcher drops accents, so the patterns are written without them ("esta" is
# also "está"); words of five letters or fewer get no typo tolerance, so their
# common misspellings are listed ("bomba|bonba|vomba").
#
# Reviewed: NOT YET. Drafted 2026-12-01; awaiting sign-off by the ITB program
# nurse lead together with a Spanish-speaking clinician (until then every
# Spanish list below is a clinical change under review). Cases:
# tests/safety/test_layers_es.py.

_BOMBA_ES = "bomba|bonba|vomba|bomva|bonva|boma|bommba|bombita|pump|reservorio|deposito|aparato|aparatito|dispositivo"
_RECARGA_ES = "recarga|recargas|recargo|rellenado|relleno|rellenada|llenado|refill|refil|refills|rellenar|recargar"
_PASTILLAS_ES = (
    "pastilla|pastillas|pastiyas|pastias|pildora|pildoras|tableta|tabletas|medicina|medicinas|medicamento|medicamentos|"
    "baclofen|baclofeno|baclofin|backlofen|lioresal|tizanidina|zanaflex|diazepam|valium|remedio|remedios|pills|meds"
)
_PERSONA_ES = (
    "hijo|hija|nino|nina|bebe|mama|mami|papa|papi|esposo|esposa|marido|mujer|hermano|hermana|abuelo|abuela|"
    "abuelita|abuelito|paciente|pareja|novio|novia|tio|tia|amigo|amiga|senor|senora|suegro|suegra|nieto|nieta|"
    "ella|ellos|ellas|yo|nosotros|chamaco|chamaca|muchacho|muchacha"
)

SELF_HARM_PATTERNS_ES = (
    "suicid*|suisid*|sucid*|suicida|suisida",
    "quiero|quisiera|kiero|qiero|deseo|ganas|pensando|pienso|planeo|prefiero morir|morirme|morirse|morime|moririme|morrir !de|del",
    "quiero|quisiera|kiero|qiero|deseo|ganas|pensando|pienso|planeo|voy|intente|intento|intentar|intentado "
    "matarme|matarse|mtarme|matrme|suicidarme|suicidarse|sucidarme",
    "me quiero|kiero|qiero|quisiera matar|morir|suicidar !de|del",
    "me voy matar|suicidar",
    "no quiero|kiero|qiero|quisiera vivir|bivir|vivr|existir|despertarme",
    "no quiero|kiero|qiero seguir|continuar viviendo|vivo|viva|asi",
    "no quiero|kiero|qiero estar vivo|viva|mundo",
    "ya no quiero|kiero|qiero estar aqui|aca",
    "no vale pena vivir|bivir|vida|existir|luchar|viviendo",
    "vida|vivir no vale|tiene pena|sentido",
    "no aguanto|soporto|aguantamos mas|ya !de|que|del|tiempo|sentado|sentada|parado|parada",
    "ya no aguanto|soporto !la|el|los|las|esta|este|estos|estas|tanta|tanto|a|al|mi|mis|su|sus",
    "no puedo mas !de|que|del|tiempo|dosis|pastillas|baclofen|medicina|agua|comida|sentado|sentada|con",
    "no puedo mas con mi|la|este|esta vida|sufrimiento|dolor",
    "no puedo con esta|mi|la vida",
    "ya no puedo seguir !con|en|de|a|el|la|los|las|tomando|yendo|pagando|trabajando|manejando|caminando",
    "no puedo seguir asi|adelante|viviendo",
    "mejor muerto|muerta|muertos|morirme|morir|mato|muero|muere|desaparezco|desaparecer|desaparecerme !de|del",
    "ojala muriera|muera|morir|morirme|muerto|muerta",
    "quiero|quisiera|deseo|ojala estar|estuviera muerto|muerta",
    "estarian|estarias|estaria|estariamos|vivirian|viviria|seria|serian mejor|felices sin mi|el|ella "
    "!silla|bomba|dolor|pastillas|medicina|esposo|esposa|marido|mujer|trabajo|ex|novio|novia|casa|seguro|doctor|tratamiento|programa",
    "quiero|quisiera|kiero|qiero|ganas desaparecer|desaparecerme|esfumarme !el|la|los|las|ese|esa|este|esta|mi|su|sus|mis",
    "quiero|quisiera|kiero|ganas dejar existir",
    "dormir|dormirme para siempre",
    "no despertar|despertarme|despertara nunca|jamas|mas",
    "tomarme|tragarme|tomarmelas|tragarmelas|tomarmelo|tragarmelo todas|todo|todos|frasco|caja|bote|botella|puno|monton",
    "voy|va|van|quiero|pienso|ganas|planeo tomar|tomarme|tomarse|tomarselas|tragar|tragarme todas|frasco|caja|bote|botella|puno",
    "acabar|terminar|acabe|termine con todo|vida",
    "poner|ponerle|ponerme|darle fin vida|todo|existencia",
    "quitarme|quitarse|quitar|quitarle vida",
    "hacerme|hacerse dano|danio|dao !al|con|cuando|levantando|cargando|si",
    "lastimarme|lastimarse|herirme|herirse|autolesion*|autolesionarme !al|con|la|el|cuando|levantando|cargando|si|espalda",
    "cortarme|cortarse|cortandome|cortarmelas venas|munecas|brazos|piel|piernas",
    "cortarme|cortarse|cortandome !el|la|los|las|un|una|con|pelo|cabello|unas|barba|dedo|uno",
    "volvi cortarme|cortar|lastimarme",
    "soy|ser|sere|somos|siento una|un carga|estorbo",
    "nadie extranaria|extranarian|notaria|echaria|importo|importaria",
    "sobredosis|sobredosi proposito|adrede|intencional*|aproposito",
    "quiero|voy|pienso|pensando|pensado|ganas|planeo|intentar|intente tomar|tomarme|hacer sobredosis",
    "quiero|pienso|planeo|intentar sobredosis",
    "letal|mortal dosis|cantidad",
    "dosis|cantidad letal|mortal",
    "cuantas|cuanto|cuantos matar*|matan|mata|mataria|matarian|morir|mortal|letal",
    "ahorcar*|ahorcandome|colgarme|colgarse",
    "tirarme|aventarme|lanzarme|arrojarme|tirarse|aventarse|lanzarse "
    "puente|edificio|techo|azotea|balcon|tren|metro|trafico|vias|ventana|carros|camion",
    "pegarme|darme|pegarse|darse|pegar tiro|balazo|disparo",
    "carta|nota|mensaje despedida|suicida",
    "adios|despedirme para siempre",
    "guardando|juntando|ahorrando|acumulando|escondiendo|guarde|junte|ahorre|acumule "
    "pastillas|pastiyas|pildoras|baclofen|baclofeno|medicina|tabletas|valium|tizanidina",
    "pensamientos|ideas|pienso muerte|morir|matarme|morirme",
    "razon|razones|motivo|motivos|sentido vivir|bivir|existir",
    "cansado|cansada|harto|harta|arto|arta vivir|vida|existir",
    "no encuentro|encuentra|veo|ve|tiene sentido vida|vivir|seguir|existir",
    "ojala no despertara|despertar|despierte|despertarme",
    "plan|planeado|planeando|planes|forma|manera|como matarme|suicidarme|morirme|matarse|suicidarse",
    "para matarme|suicidarme|matarse|suicidarse|morir|morirme|morirse !de|del",
    "me puedo|podria|puedes matar|suicidar",
    "para|hasta no despertar|despertarme|despierte !a|al|la|el|los|las",
    "corto|corte|corta|cortaba|cortando|cortó brazos|munecas|venas|piernas|muslos",
    "tirar|aventar|aventarme|lanzar|arrojar|tiro|avento|lanzo|aviento|saltar|brincar puente|edificio|azotea|balcon|tren|metro|vias|ventana|trafico|rio|precipicio|barranco",
    "no aguanto mas de verdad|veras",
    "prefiero|preferiria|preferible muerto|muerta|morir|morirme !de|del",
    "mejor si no estuviera|existiera|viviera|naciera",
    "irme este mundo",
    "ir|irme|voy para siempre",
    "me haciendo|hago|hice|hacer dano|danio !en|al|con|jugando|cuando|levantando|cargando|cayendo|caminando",
    "lastime|lastimo|lastimando|lastima|corte|corto|cortando|pego|pegue|quemo|queme|golpeo|golpee|rasguno|rasgune|arranco|arranque|chocar|choco|tome|hice|hago|hizo|tomo proposito|aproposito|adrede",
    "quemo|queme|quemarme|quemandome cigarro|cigarros|cigarrillo|cigarrillos|encendedor",
    "frasco|soga|cuerda|arma|pistola|cuchillo|navaja listo|lista|listos|preparado|preparada|cargada",
    "dejarme|dejarse morir",
    "se va matar|suicidar",
    "importa|importaria|igual vivir|morir|morirme",
    "no fuerzas|ganas|animo|motivos|razones vivir|bivir|existir|viviendo",
    "no haber|hubiera nacido",
    "para que sigo|seguir viviendo",
    "para que vivo|vivir",
    "quiero|quisiera|kiero morir|morirme de verdad|veras",
    "salida matarme|morir|morirme|suicidarme|suicidio|muerte",
    "forma|manera|metodo morir|morirme|matarme|suicidarme",
    "tengo|tiene por que vivir",
    "dormirme no despertar|despertarme",
    "nunca hubiera|haber nacido",
    "arrepiento haber nacido",
    "dejar estar vivo|viva",
    "dejar sufrir para siempre",
    "apagar|quitar|vaciar bomba|pump para siempre",
    "alivio|mejor|felices muriera|muriese|muera|desapareciera",
    "nadie cuenta muero|muriera|desapareciera|desaparezco|muera",
    "nadie haria|haria|hago falta",
    "estrellarme|estrellar carro|coche|auto|pared|camion",
    "hago|hace|hice|hizo|hacerme cortadas|cortes|cortaditas",
    "golpeo|golpea|pego|pega|golpeando|pegando cabeza pared",
    "quemo|queme|quema|quemando brazos|piel|mano|manos|piernas",
    "lastimo|lastima triste|mal|enojada|enojado|ansiosa|ansioso|sola|solo",
    "dosis|pastilla|pastillas|algo|forma mate|maten|matara",
    "regale|regalo|regalando|regalo mis|sus cosas",
    "arreglado|preparado|listo|arreglada cuando no este|estemos",
    "despidio|despedi todos",
    "ultima vez escribo|hablamos|escribir",
    "pastillas|pastiyas|pildoras escondidas|juntadas|acumuladas",
    "corto|corte|cortarme|cortando|cortandome|lastimo|hice|hago navaja|cuchilla|gillette|vidrio",
    "voy saltar|aventarme|tirarme|lanzarme|brincar !de|la|el|una|un|cuerda",
    "ya tengo|compre cuerda|soga|arma|pistola|veneno|navaja",
    "perdonenme|perdoname|perdonen voy hacer",
    "mi adios|despedida !de|del",
    "mi ultimo mensaje|adios",
    "no veran|veras|verian mas|nunca",
    "no voy estar !en|disponible|libre|para|a|con|ahi|alla|presente|listo|lista|aca|de",
    "nadie llorar|llorara|lloraria|extranar",
    "golpeo|pego|golpea|pega|golpeando pared",
    "hacerme|hago|hice moretones|heridas|cortadas",
    "hasta morir|morirme|matarme",
    "como mato|matarme|matarse",
    "pastillas|baclofen|baclofeno|dosis|miligramos|tizanidina|valium letal|letales|mortal|mortales",
    "mortal|letal tomarse|tomar|tomarme pastillas|frasco",
)

GENERAL_PATTERNS_ES = (
    # respiración
    "no|apenas|casi|dificultad|dificil|cuesta|costando|trabajo|problemas|problema|batallando|batalla "
    "respirar|respira|respiro|respirando|respiraba|respire|respiracion|respirr|respiar|resirar",
    "falta|faltaba|falto|faltando|falte aire|aigre|airee|respiracion|aliento",
    "le|me va|fue|iba aire|respiracion",
    "ahog*|aogando|aogandose|ajogando !de",
    "respira|respirando|respiracion|respiraba lento|lenta|lentisimo|despacio|poco|poquito|raro|rara|feo|fea|"
    "superficial|entrecortad*|ruido|ruidos|extrano|extrana|rapido|rapida|agitad*|dificil|mal|cortito|cortita|corta",
    "labios|boca|cara|unas|piel morado|morada|morados|moradas|moradito|moradita|azul|azules|amoratad*",
    "puso|poniendo|pone|vuelve|volviendo morado|morada|azul|moradito|moradita",
    "paro|paros respiratorio|cardiaco|cardiorespiratorio|cardiorrespiratorio",
    "jadeando|boqueando",
    "asfixi*|asfixando",
    "ataque|crisis asma|asmatic*",
    # despertar, desmayo
    "no|nadie|imposible|dificil|cuesta|costo|costando|apenas|casi "
    "despertarlo|despertarla|despertarle|despierta|despiertan|despertamos|reacciona|reacciono|reaccionar|reaccionaba !al",
    "cierran|cerrando|cierra ojos",
    "no despertar a|al !tiempo|la|las|horas",
    "no se desperto",
    "no|apenas|casi responde|respondia|respondio|contesta|contestaba "
    "!mis|mi|los|las|el|la|al|tus|sus|su|mensajes|mensaje|llamadas|llamada|telefono|correo|correos|preguntas|pregunta|whatsapp|email|emails|en|por|"
    "to|from|yet|after|with|at|for|of",
    "no abre|abrir|abria ojos|ojo|hojos",
    "no mantener*|mantenerse|quedarse|mantiene despiert*",
    "quedando|queda|quedo dormido|dormida cada|mientras|hablando|comiendo|parado|parada|sentado|sentada",
    "cabeceando",
    "como ido|ida|zombi|zombie|drogado|drogada|borracho|borracha|trapo|muneco|muneca|muerto|muerta",
    "inconscient*|inconcient*|insconscient*|inconsient*|inconciencia",
    "desmay*|desmall*|desvanec*",
    "perdi*|pierde conocimient*|conosimient*|sentido|conciencia|consciencia|conocimento",
    "colaps*|desplom*",
    "muy|super|demasiado|tan|extremadamente|exageradamente|sumamente|re dormido|dormida|somnolient*|adormilad*|amodorrad*",
    "todo|toda|completamente|totalmente|cuerpo flojo|floja|flojito|flojita|aguado|aguada|desguanzad*",
    # sobredosis
    "sobredosi*|sobredoci*",
    "se tomo|trago|comio doble|demas|extra|frasco|caja|bote|botella|muchas|varias|triple|puno|monton|blister",
    "me tome|trague|comi doble|demas|extra|frasco|caja|bote|botella|muchas|varias|triple|puno|monton|blister",
    "le|les|accidentalmente|equivocacion|error dimos|di|dio|dieron|puse|pusieron|pusimos|pusiste doble|demas|extra|triple|frasco",
    "tome|tomaron|dimos|di|dieron|puse|pusieron|pusimos dos|2 veces",
    "dimos|di|dio|dieron|puse|pusieron|pusimos|tome|tomaron|trago|trague de mas",
    "comio|trago pastillas|pastiyas|pildoras|tabletas|baclofen|baclofeno|medicina|medicinas",
    # convulsiones
    "convuls*|combuls*|conbuls*|comvuls*",
    "ataque|ataques epilep*|convuls*|epileptico",
    "dio|da|dan|dando|teniendo|tuvo|vino|viene|agarro|con|tiene ataque|ataques|ataquito !de|del|al|cardiaco|cardiaca|en|desde",
    "tiembla|temblando|sacude|sacudiendo|brinca|brincando|sacudidas|temblores|espasmos|rigidez sin parar|control|controlarse|detenerse",
    "tiembla|temblando|sacude|sacudiendo|sacudidas|temblores|jalones incontrolabl*|descontrolad*|todo|toda|entero|entera|violent*",
    "ojos blanco|volteados|atras|arriba",
    "volteo|voltearon|volteando|voltea|volteaba|voltean ojos",
    "espuma boca",
    "mordio|mordiendo|muerde lengua",
    # pecho, corazón
    "dolor|dolores|presion|opresion|apreton|aprieta|duele|dolo pecho|pexo|pesho|torax",
    "pecho duele|aprieta|apretado|oprime|arde|dolor",
    "dolor|dolores|presion|opresion fuerte|fuertisimo|terrible|horrible|intenso|insoportable|tremendo pecho|pexo|pesho|torax",
    "infart*|imfart*",
    "ataque corazon|cardiac*|cardiaco",
    "derrame|embolia cerebral",
    "cara|boca chueca|chueco|torcida|torcido|caida !de|del",
    "habla|hablando|palabras enredado|enredada|arrastrando|arrastra|trabada|trabado",
    "arrastra|arrastrando palabras",
    "embolia",
    # abstinencia
    "tiene|tengo|tienen|tenga|esta|estoy|estan|en|con|entrando|entro|creo|parece|sindrome|sintomas|signos|senales|"
    "teniendo|empezo|empezando abstinencia|abstinencias|abstenencia",
    "fiebre|calentura|fievre|fiebe alta|altisima|altisimo|39|40|41|42|102|103|104|105",
    "temperatura|temperaturas alta|altisima|39|40|41|42|102|103|104|105 !grados|c|centigrados|f|fahrenheit",
    "39|40|41|42|103|104|105 grados|de fiebre|calentura|temperatura",
    "ardiendo|hirviendo|volando|quemandose en|de fiebre|calentura",
    "fiebre|calentura|febril|temperatura|fievre|fiebe "
    "cuello|cabeza|rigid*|tieso|tiesa|tiesos|espasm*|comezon|comeson|picazon|pisazon|confundid*|confusion|desorientad*|"
    "escalofrio*|temblor*|tiembla|temblando|convuls*|herida|delira*|alucina*",
    "cuello|cabeza|rigid*|tieso|tiesa|tiesos|espasm*|comezon|comeson|picazon|pisazon|confundid*|confusion|desorientad*|"
    "escalofrio*|temblor*|tiembla|temblando|convuls*|herida|delira*|alucina* fiebre|calentura|febril|fievre|fiebe",
    "fiebre|calentura|temperatura desde|despues cirugia|operacion|operaron|puncion|prueba|implante|cateter",
    "cirugia|operacion|operaron|puncion|prueba|implante fiebre|calentura",
    "rigido|rigida|rigidos|rigidas|rijido|rijida",
    "muy|super|bien|todo|toda|completamente|totalmente|puso|quedo|tan tieso|tiesa|tiesos|tiesas|tiezo|tieza",
    "duro|dura|duros|duras|tieso|tiesa como tabla|piedra|palo|roca",
    "rigidez|espasmos|espasmo|espasticidad|calambres|contracciones "
    "extrema|extremos|fuerte|fuertes|fortisimos|fuertisimos|terrible|terribles|horrible|horribles|insoportable*|peor|peores|"
    "empeor*|violent*|incontrolabl*|descontrolad*",
    "volvieron|regresaron|volvio|regreso espasmos|espasmo|rigidez|espasticidad|contracciones !cuando",
    "comezon|comeson|picazon|pisazon|picor|pica|pican|rasca|rascando|rasquina "
    "todo|cuerpo|ronchas|granos|sarpullido|salpullido|erupcion|parar|horrible|terrible|insoportable",
    "mucha|muchisima|tremenda|horrible|terrible|insoportable comezon|comeson|picazon|pisazon|picor|rasquina",
    "rascando|rasca|rascandose sangrar|sangre|herida|carne",
    "confundido|confundida|confundidos|desorientado|desorientada|desorientados|delirando|delira|delirio|incoherente* "
    "!con|sobre|por|de|acerca|respecto|en|porque|que|si|entre|cual|cuando|como|la|el|los|las|lo",
    "no reconoce|reconocia",
    "no sabe donde|quien",
    "dice|habla cosas sin|raras|extranas|incoherentes",
    "dice|habla incoherencias|disparates",
    "alucina|alucinando|alucinaciones|alucinacion|alucinado|alucinada|alucinar|alucinaba|alusina|alusinando|halucina|halucinando",
    "ve|ven|veo|veia|viendo|oye|oyendo|oigo|oia|escucha|escuchando|escucho|escuchaba bichos|voces|aranas|insectos|fantasmas|animalitos|gusanos",
    "ve|ven|veo|viendo|oye|oyendo|escucha|escuchando|mira cosas|gente|personas|animales no estan|existen|hay|esta|existe",
    "ve|ven|veo|viendo|oye|oyendo|escucha|escuchando|mira cosas|gente|personas|animales raras|inexistentes|imaginarias",
    # infección y nervios después de una punción o cirugía
    "cuello rigido|rigida|tieso|tiesa|duro|dura|tenso|tensa",
    "no mover|doblar|agachar|voltear|bajar cuello",
    "dolor cabeza fuerte|fuertisimo|horrible|terrible|insoportable|espantoso|intenso|tremendo|atroz|brutal|explota|estalla",
    "fuerte|fuertisimo|terrible|horrible|insoportable|espantoso|intenso|tremendo|peor|atroz|brutal dolor cabeza",
    "cabeza explotar|estallar|explota|estalla|revienta|reventar",
    "herida|incision|cicatriz|puntos|costura roja|rojo|rojiza|colorada|hinchada|hinchado|inflamada|inflamado|supura|supurando|"
    "pus|saliendo|drena|drenando|abierta|abrio|caliente|sangra|sangrando|chorrea|chorreando",
    "bomba|bonba|pump|puntos hinchada|hinchado|inflamada|inflamado|supura|supurando|pus|roja|rojo|caliente",
    "sale|saliendo|salia|brota pus|liquido",
    "abrio|abrieron|reventaron|zafaron herida|puntos|incision|cicatriz",
    "supura|supurando|supuracion|supurar",
    "roja|rojo|hinchada|hinchado|inflamada|inflamado|caliente|supura|supurando|pus fiebre|calentura|escalofrio*",
    "fiebre|calentura roja|rojo|hinchada|hinchado|inflamada|inflamado|supura|supurando|pus",
    "no siente|siento|sentir|sentia piernas|pies|pierna|cintura",
    "perdi*|pierde|sin control vejiga|orina|esfinter*|intestin*|pipi|popo",
    "hizo|orino|mojo|defeco encima|pantalones",
    "hizo pipi|popo encima|pantalones",
    "no aguantar|aguanta|controlar|controla|retener orina|pipi|pis|popo|vejiga",
    # generales
    "emergencia|emergensia|emerjencia|emergencias|emerjencias",
    "auxilio|socorro|auxilo",
    "ayuda|ayudenme|ayudeme|ayudaa urgente|rapido|inmediata",
    "algo anda|esta|va mal|grave",
    "ambulancia|ambulansia|anbulancia|ambulancias",
    "muriendo|muero|muere !de|del|por|x|en",
    "vomit*|vomita|arroja* sangre",
    "sangra|sangrando|sangrado mucho|muchisimo|chorros|mucha",
    "no para|deja sangrar",
)

# A pump or alarm problem is an emergency together with any of these.
PUMP_PROBLEM_ES = (
    "alarma|alarmas|alarmando|pitido|pitidos|pitando|pitaba|pita|pito|chillido|chillando|bip|bips|biip",
    f"{_BOMBA_ES} suena|sonando|sono|sonaba|ruido|ruidos|pita|pitando|chilla|alarma|vacia|vacio|seca|acabo|acabando|agotada|agoto",
    f"suena|sonando|sono|sonaba|pitando|pita|acabo|acabaron|vacio|vacia|termino|agoto {_BOMBA_ES}",
    f"{_BOMBA_ES} no|dejo|paro funciona|funcionar|bombea|trabaja|jala",
    f"{_BOMBA_ES} fallo|falla|fallando|descompuso|descompuesta|rompio|rota|murio|apago|apagada|muerta|averiada",
    f"no fui|fuimos|llegue|llegamos|pude|pudimos|alcance|alcanzamos|vine|vino|fue {_RECARGA_ES}",
    f"perdi|perdio|perdimos|falte|falto|faltamos|salte|salto|olvide|olvido|olvidamos|cancel*|pospus*|reprogram*|"
    f"atras*|retras*|paso|pasaron|venci*|brinque {_RECARGA_ES}",
    f"acabo|acabaron|terminaron|termino|agoto|agotaron {_PASTILLAS_ES}",
    f"quedo|quedaron|quede|quedamos sin {_PASTILLAS_ES}|{_BOMBA_ES}|bateria|pila",
)
SYMPTOM_WORDS_ES = (
    "mareado|mareada|mareo|mareos|fiebre|calentura|febril|comezon|comeson|picazon|pisazon|pica|pican|picor|espasm*|rigid*|"
    "tieso|tiesa|confundid*|confusion|somnolient*|debil|debilidad|adormecid*|entumid*|hormigueo|vomit*|nausea*|desmay*|"
    "temblando|tiembla|temblor*|sudando|sudor*|calambre*|convuls*|alucina*|enfermo|enferma|escalofrio*",
    "siente|siento|sentia|sentimos|veo|ve|estoy|actua|actuando|anda|ando mal|raro|rara|extrano|extrana|fatal|terrible|horrible|peor",
)

# New weakness, numbness or loss of control is an emergency when it is sudden.
NERVE_PROBLEM_ES = (
    "no mover|caminar|pararse|pararme|levantarse|levantarme|moverse|moverme|mueve|camina",
    "piernas|pierna doblaron|doblan|vencen|vencieron|fallan|fallaron|fallando|aguadas",
    "entumid*|entumecid*|adormecid*|paraliz*|paralis*|debil|debilidad|hormigueo",
    "no orinar|orina|orino|orinado|pipi|pis",
    "no hacer pipi|pis",
)
SUDDEN_WORDS_ES = (
    "repente|derrepente|repentin*|subito|subitamente|hoy|ahora|ahorita|anoche|nuevo|nueva|recien|madrugada|amaneci|amanecio",
    "desde|despues cirugia|operacion|prueba|puncion|recarga|refill|inyeccion|procedimiento|implante",
)

# Asked for help in so many words: never read as a general question.
ALWAYS_PATTERNS_ES = (
    "llamo|llamamos|llamar|llame|llamen|marco|marcar|marcamos|marquen 911|ambulancia|emergencias",
    "necesito|necesita|necesitamos|manden|mande|envien|pidan|pide|pidame|llamen una|la ambulancia",
)

# Questions about a topic, not reports of something happening.
INFO_PATTERNS_ES = (
    "sintoma|sintomas|senales|senal|signos|signo|senas",
    "que pasa|pasaria|sucede|sucederia|ocurre|ocurriria|hago|hacer|hacemos|debo si|cuando",
    "en caso",
    "por si",
    "es|sera|seria|son normal|normales|comun|comunes|posible|cierto|verdad",
    "puede|pueden|podria|podrian|suele|suelen causar|provocar|dar|producir|ocasionar",
    "causa|causar|causan|provoca|provocar|provocan|produce|producir|ocasiona",
    "bomba|baclofen|baclofeno|medicina|pastillas|terapia|cirugia|itb|prueba|recarga|abstinencia|sobredosis "
    "ayuda|ayudan|sirve|sirven|funciona|funcionan|quita|quitan|reduce|reducen|disminuye|alivia|controla|da|dan|trae|traen",
    "riesgo|riesgos|probabilidad|posibilidad|peligro de|que",
    "lei|escuche|oi|dicen|dijeron|leido|escuchado|oido que|en|sobre",
    "alguien|alguno|alguna|algun ha|han|tuvo|tenido|sabe",
    "curiosidad|curioso|curiosa|pregunto|preguntaba",
    "pregunta|duda|dudas|preguntita",
    "historial|antecedentes|historia de",
    "cuando era|eras|eramos nino|nina|chico|chica|pequeno|pequena|joven|bebe|chiquito|chiquita",
    "de|desde nino|nina|chico|chica|pequeno|pequena|joven|chiquito|chiquita|bebe",
    "desde siempre",
    "desde|por la|su|mi|el lesion|esclerosis|paralisis|accidente|nacimiento|derrame",
    "hace|hacia anos|meses|decadas",
    "ano|mes|verano|invierno|otono|primavera pasado|pasada",
    "en el pasado",
    "solia|solian|daban|sufria|sufrian",
    "que significa|quiere decir",
    "debo|deberia preocupar*|preocuparme",
    "puede|pueden|puedes sobredosis|abstinencia",
    "es|son sobredosis|abstinencia",
    "efecto|efectos secundario|secundarios|adverso|adversos|colateral|colaterales",
    "quisiera|quiero|gustaria|queria saber|entender|informacion",
    "urgente|grave|peligroso|malo si|cuando",
    "debe|deberia|deben estar|verse|ponerse|quedar",
    f"si {_BOMBA_ES}|alarma pita|suena|sono|pitando|alarma|falla|deja|para",
    "convuls*|ataques|epilep* controladas|controlados|controlada|controlado",
    "serviria|servirian|ayudaria|ayudarian|funcionaria|funcionarian|convendria|afectaria|quitaria|mejoraria",
)
# General questions that skip the clinical combinations too, wherever they
# stand (a Spanish yes/no question often opens with "la" or "el").
INFO_QUESTION_ES = (
    "que pasa|pasaria|sucede|sucederia|ocurre|ocurriria si|cuando",
    "es|sera|seria|son normal|normales|comun|comunes|posible",
    "puede|pueden|podria|podrian|suele|suelen causar|provocar|dar|producir|ocasionar",
    "causa|causar|causan|provoca|provocar|provocan|produce|producir|ocasiona",
    "bomba|baclofen|baclofeno|medicina|pastillas|terapia|cirugia|itb|prueba|recarga|abstinencia|sobredosis "
    "ayuda|ayudan|sirve|sirven|funciona|funcionan|quita|quitan|reduce|reducen|disminuye|alivia|controla|da|dan|trae|traen",
    "riesgo|riesgos|probabilidad|posibilidad de|que",
    "efecto|efectos secundario|secundarios|adverso|adversos|colateral|colaterales",
)
INFO_OPENERS_ES = {
    "que", "q", "cual", "cuales", "como", "cuando", "cuanto", "cuanta", "cuantos", "cuantas", "donde",
    "quien", "quienes", "puede", "pueden", "podria", "podrian", "puedo", "podemos", "debo", "debe",
    "deberia", "debemos", "sera", "seria", "existe", "explica", "explicame", "expliqueme", "explicar",
    "dime", "digame", "cuentame", "cuenteme", "informacion", "pregunta", "preguntita", "duda",
    "curiosidad", "porque", "porq", "xq", "pq",
}
# Questions that open with two words ("por qué ...", "¿es normal ...").
INFO_OPENING_PHRASES_ES = (
    ("por", "que"), ("por", "q"), ("para", "que"), ("es", "normal"), ("es", "posible"),
    ("es", "cierto"), ("es", "verdad"), ("es", "peligroso"), ("son", "normales"), ("hay", "riesgo"),
    ("hay", "peligro"), ("a", "que"), ("de", "que"), ("en", "que"), ("con", "que"), ("y", "que"),
)
# Words that place a symptom in the present, with a real person (Spanish often
# drops the subject: "está rígido", "no respira").
PRESENT_PATTERNS_ES = (
    "ahora|ahorita|ahoritita|horita|orita|ya|actualmente|todavia|hoy|anoche !no",
    "esta manana|tarde|noche|madrugada",
    "estoy|estamos|esta|estan|ando|andamos|sigue|siguen",
    "me|se|le siento|siente|sienta|sentimos",
    f"{_PERSONA_ES} esta|estan|sigue|siguen|empezo|comenzo|acaba|no|anda|puso|quedo",
    "no puede|respira|despierta|responde|reacciona|contesta",
    "se|le|me esta|estan|estaba|puso",
    "ayuda|ayudenme|ayudeme|auxilio|socorro !con|a|al|para|en|mucho|bastante|algo|si|saber",
    "que hago|hacemos !si|cuando|para|con|en|antes|despues",
    "que debo|debemos|tengo|tenemos hacer !si|cuando|para|con|en|antes|despues",
    "todo|cuerpo|piel|piernas|brazos|musculos esta|estan|se|siente|sienten",
    "no es|son normal|normales|comun",
)

# A symptom right after these, or after "no", "sin", "ni" with only words like
# "tiene", "hay", "le" between ("no tiene fiebre", "no le da comezón"), does
# not count.
NEGATIONS_ES = frozenset({"sin", "ni", "ningun", "ninguna", "ningunos", "ningunas", "nada", "niega", "tampoco", "nunca", "jamas"})
NEGATORS_ES = frozenset({"no", "sin", "ni", "nunca", "jamas", "tampoco"})
# Symptom words that "sin", "ni", "ningún" (or "no tiene", "no hay", "ya no le
# dan") negate in the word list ("sin fiebre, sin comezón", "no está rígido").
SYMPTOM_NOUNS_ES = frozenset({
    "fiebre", "calentura", "temperatura", "comezon", "picazon", "picor", "escalofrios", "espasmos", "rigidez",
    "dolor", "sintomas", "sintoma", "problemas", "problema", "mareo", "mareos", "ronchas", "convulsiones",
    "alucinaciones", "confusion", "vomito", "vomitos", "pus", "hormigueo", "debilidad", "molestias",
    "rigido", "rigida", "tieso", "tiesa", "confundido", "confundida",
})
NEGATION_FILLERS_ES = frozenset({
    "tiene", "tengo", "tienen", "tenia", "tenido", "hay", "habia", "presenta", "le", "me", "se", "da", "dio", "ha",
    "han", "tuvo", "siente", "siento", "ningun", "ninguna", "nada", "de", "la", "el", "los", "las", "un",
    "una", "ni", "mas", "tanta", "tanto", "mucha", "mucho", "esta", "estan", "estoy", "ve", "dan",
    "pone", "ponen", "pusieron",
})

# ------------------------------------------------------ medicine questions (es)
MEDICINE_WORDS_ES = (
    "baclofen|baclofeno|baclofin|backlofen|lioresal|gablofen|tizanidina|zanaflex|dantroleno|dantrium|diazepam|valium|"
    "medicina|medicinas|medicamento|medicamentos|pastilla|pastillas|pastiyas|pildora|pildoras|tableta|tabletas|dosis|"
    "dosi|docis|remedio|remedios|farmaco|farmacos|receta|anticoagulante*|warfarina|coumadin|eliquis|xarelto|aspirina|"
    "insulina|gabapentina|ibuprofeno|paracetamol|tylenol|advil|relajante*|vitamina*|suplemento*|jarabe|gotas|"
    "clopidogrel|plavix|melatonina|benadryl|pills|meds|med"
)
CHANGE_WORDS_ES = (
    "dejar|deje|dejo|dejarlo|dejarla|dejarlas|dejarlos|suspender|suspendo|suspenderlo|suspenderla|parar|paro|pararle|"
    "quitar|quito|quitarme|quitarle|cambiar|cambio|cambiarle|cambiarme|bajar|bajarle|bajarme|reducir|reduzco|reducirle|"
    "disminuir|disminuyo|subir|subo|subirle|subirme|aumentar|aumento|aumentarle|duplicar|duplico|doblar|doblo|saltar|"
    "saltarme|saltarle|salto|brincar|brincarme|omitir|omito|partir|parto|retirar|ajustar|ajusto|combinar|mezclar|"
    "interrumpir|espaciar|adelantar|atrasar|posponer|dejarle"
)
FRAME_ES = (
    "puedo|puede|podemos|pueden|podria|debo|debe|debemos|deberia|deberiamos|tengo|tiene|tenemos|hay|necesito|"
    "necesita|quiero|quiere|queremos|pienso|pensando|planeo|voy|vamos|conviene|bien|seguro|recomienda|recomiendan|"
    "permitido|importa|problema|mejor|decidi|tentado|tentada"
)
_MEDICINE_ALL = f"{MEDICINE_WORDS_ES}|" + (
    "lioresal|gablofen|tizanidine|medicine*|medicat*|pill*|tablet*|dose*|dosage|drug*"
)
MEDICINE_PATTERNS_ES = (
    f"{FRAME_ES} {CHANGE_WORDS_ES} {_MEDICINE_ALL}",
    f"{FRAME_ES} tomar|tomarme|tomarlo|tomarla|tomarlas|tomarle|darle|darles|dar|usar|empezar|comenzar|iniciar|seguir|continuar "
    f"dos|doble|otra|otro|mas|menos|media|medio|mitad|extra|la|las|el|los|mis|sus|mi|su|{_MEDICINE_ALL} {_MEDICINE_ALL}",
    f"{FRAME_ES} empezar|comenzar|iniciar|cambiar|cambiarme|pasar|pasarme {_MEDICINE_ALL}",
    f"cuanto|cuanta|cuantas|cuantos {_MEDICINE_ALL} debo|puedo|tengo|le|tomo|doy|tomar|darle|debe|puede",
    f"le|les|me|lo bajo|subo|quito|doblo|duplico|salto|aumento|reduzco|suspendo|dejo {_MEDICINE_ALL}|{_BOMBA_ES}",
    f"subo|bajo|subimos|bajamos|subirle|bajarle|subir|bajar|apagar|apago|apagamos|aumentar|aumentarle|reducir|ajustar|"
    f"programar|reprogramar {_BOMBA_ES}|velocidad|flujo",
    f"{FRAME_ES} apagar|parar|quitar|quitarme|retirar|desconectar|sacar|sacarme|detener {_BOMBA_ES}",
    f"{FRAME_ES} tomar|tomarlo|tomarlas|tomarlos|tomarme|darle juntas|juntos|junto|mismo",
    f"{FRAME_ES} seguir|continuar tomando|con|usando|dandole {_MEDICINE_ALL}",
    f"{FRAME_ES} duplicar|doblar|duplicarla|doblarla|duplicarle|repetir|reponer dosis|toma",
    # someone else's medicine
    f"{_MEDICINE_ALL} de|del mi|su|un|una|otra|otro|alguien "
    f"{_PERSONA_ES}|vecino|vecina|cunado|cunada|companero|companera|alguien|otra|otro|persona",
    f"prest*|compartir|comparto|compartimos|compartirle|compartan|compartes|pedir|pedirle|regalar|regalaron|regalo {_MEDICINE_ALL}",
    f"{_MEDICINE_ALL} prestad*|prestada|prestadas|prestados|regalad*",
    # running out, forgetting
    f"acabaron|acabo|acabando|terminaron|termino|terminando|agoto|agotaron|falta|faltan|faltaron|queda|quedan {_MEDICINE_ALL}",
    f"quede|quedo|quedamos|estoy|esta|estamos sin {_MEDICINE_ALL}",
    f"olvide|olvido|olvidamos|olvidaron|salte|salto|brinque|perdi|perdio {_MEDICINE_ALL}",
    f"no tome|tomo|di|dimos|le {_MEDICINE_ALL}",
    f"farmacia no|surtio|surtieron|tiene|tienen {_MEDICINE_ALL}",
)

# ------------------------------------------------------ fasting questions (es)
FASTING_PATTERNS_ES = (
    "comer|comemos|coma|coman|comido|desayunar|desayuno|desayune|beber|bebo|agua|cafe|comida|alimento|alimentos|liquidos|"
    "almorzar|cenar|jugo|leche|cafecito antes|previo|medianoche|madrugada",
    "comer|desayunar|beber|agua|cafe|comida|liquidos|almorzar|cenar dia|noche|manana prueba|cirugia|recarga|operacion|"
    "procedimiento|cita|trial|puncion|refill",
    "ayun*|aiunas",
    "estomago|panza|barriga|pansa vacio|vacia",
    "sin comer|beber|desayunar|agua|comida|alimentos|liquidos",
    "nada por|de boca|comer|tomar|beber",
    "tomar|tomo|beber agua|cafe|liquidos|jugo|leche|cafecito antes|previo|medianoche",
    "cuantas|cuanto horas|tiempo sin|antes comer|comida|desayunar|agua|beber",
)

# ----------------------------------------- clinical combinations (layer 2, es)
PUMP_STATE_ES = (
    f"{_BOMBA_ES} vacia|vacio|seca|acabo|acabando|agotada|agoto|vaciando|termino|terminando|alarma|pitando|pita|suena|sonando|sono",
    f"{_BOMBA_ES} sin medicina|medicamento|baclofen|baclofeno|carga|bateria|pila",
    f"acabo|acabaron|acabando|vacio|vacia|vaciaron|termino|terminaron|agoto|agotaron|seco {_BOMBA_ES}|{_PASTILLAS_ES}",
    f"quedo|quedaron|quede|quedamos sin {_PASTILLAS_ES}|{_BOMBA_ES}|bateria|pila|recarga",
    "alarma|alarmas|alarmando|pitido|pitidos|pitando|pitaba|pita|pito|chillido|chillando|bip|bips|biip",
    f"bateria|pila {_BOMBA_ES}",
    f"{_BOMBA_ES} bateria|pila",
    f"no fui|fuimos|llegue|llegamos|pude|pudimos|alcance|alcanzamos|vine|vino|fue|hicieron|hizo {_RECARGA_ES}",
    f"perdi|perdio|perdimos|falte|falto|faltamos|salte|salto|olvide|olvido|olvidamos|cancel*|pospus*|reprogram*|"
    f"atras*|retras*|paso|pasaron|venci*|brinque {_RECARGA_ES}",
    f"{_RECARGA_ES} atrasad*|retrasad*|vencid*|cancelad*|pospuest*|perdida|olvidada",
    f"{_RECARGA_ES} no fui|fuimos|llegamos|pudimos|fue|vino|hicieron",
    f"no fui|fuimos|llegue|llegamos|pude|pudimos|alcance|alcanzamos cita {_RECARGA_ES}",
    f"recien|apenas|hoy|ayer|anoche|acaban recargaron|rellenaron|llenaron|recargo|relleno|subieron|aumentaron|cambiaron|ajustaron|{_RECARGA_ES}",
    "dimos|di|dio|dieron|tome|tomaron|puse|pusieron de mas",
    f"{_RECARGA_ES}|dosis|cambio|ajuste|aumento ayer|hoy|anoche|recien|reciente|apenas",
    f"{_RECARGA_ES}|dosis|cambio|ajuste esta manana|tarde|noche",
    f"despues|desde {_RECARGA_ES}|aumento|ajuste|cambio|subieron|subida|reprogramaron|programaron",
    f"le|me|les subieron|aumentaron|cambiaron|ajustaron|bajaron|subio|subi|programaron|reprogramaron "
    f"dosis|{_BOMBA_ES}|medicina|baclofen|velocidad",
    "abstinencia|abstinencias|abstenencia",
    f"deje|dejo|dejamos|suspendi|suspendio|suspendimos|paro|pare|paramos|quito|quite|sin {_PASTILLAS_ES}",
    "cateter|tubo|tubito|manguera doblado|doblo|roto|rompio|zafo|safo|desconect*|fuga|salio|movio|problema|tapado|tapo|falla",
    f"{_BOMBA_ES} no|dejo|paro funciona|bombea|trabaja",
    f"{_BOMBA_ES} fallo|falla|descompuso|descompuesta|rompio|rota|murio|apago|muerta",
    "tome|tomaron|dimos|di|dieron|trague|puse|pusieron|pusimos doble|demas|extra",
    "se|le tomo|dio|dieron|trago doble|demas|extra",
)
SYMPTOM_SIGNS_ES = (
    "comezon|comeson|picazon|pisazon|picor|pica|pican|picando|rasca|rascando|rascandose|rascarme|rascarse|rascandome|rasquina|fiebre|fievre|fiebe|calentura|"
    "febril|temperatura|sudor|sudando|suda|sudoroso|sudorosa|escalofrio*|confundid*|confusion|confuso|confusa|desorientad*|"
    "delira|delirando|delirio|alucina|alucinando|alucinaciones|alucinacion|alucinado|alucinada|rigid*|rijid*|tieso|tiesa|tiesos|"
    "tiesas|espasm*|calambre*|contraccion*|tirones|jalones|temblor*|tiembla|temblando|somnolient*|somnolencia|dormido|dormida|"
    "adormilad*|respira|respirar|respiracion|respirando|convuls*|combuls*|hormigueo|hormiguea|hormigueando|entumid*|"
    "entumecid*|adormecid*|debil|debilidad|flojo|floja|flojito|flojita|mareo|mareado|mareada|mareos|desmay*|vomit*|nausea*|"
    "sintoma*|enfermo|enferma|malito|malita|malestar|agitado|agitada|inquieto|inquieta",
    "dolor cabeza",
    "mucho|muchisimo|tanto|demasiado|tiene|tengo|da|dio|con sueno|somnolencia",
    "duro|dura|duros|duras como tabla|piedra|palo|roca",
    "cuerpo|piernas|brazos|musculos duro|dura|duros|duras|tenso|tensos|tensa|tensas",
    "presion baja|bajo|bajita|bajisima|arterial",
    "presion|tension en|de 50|60|70|80",
    "bajo|bajon|bajando presion",
    "corazon|pulso acelerado|acelerada|rapido|mil|disparado|latiendo",
    "palpitacion*|taquicardia",
    "siente|siento|sentia|veo|ve|esta|estoy|actua|actuando|anda|ando mal|peor|fatal|terrible|horrible|extrano|extrana|raro|rara",
    "no|cuesta despierta|despertar|despertarlo|despertarla|reacciona|responde",
    "ve|ven|veo|veia|viendo|oye|oyendo|oigo|oia|escucha|escuchando|escucho|escuchaba cosas|bichos|voces|gente|animales|aranas|insectos",
)
# Hypothetical questions in Spanish ("¿y si se acaba la bomba ...?").
HYPOTHETICAL_WORDS_ES = frozenset({
    "pasaria", "ocurriria", "sucederia", "podria", "podrian", "llegara", "llegase", "hubiera", "ocurriera",
    "pasara", "sucediera", "fallara", "fallase",
})
HYPOTHETICAL_PATTERNS_ES = (
    "pasa|sucede|ocurre|hago|hacemos|hacer|debo|normal|urgente|grave|peligroso|malo|pregunto|saber|duda|preocupa si",
    "en caso",
    "por si",
)

# Phrases with an alarming word that are no red flag: the red-flag layers read
# these words as blank ("la alarma del reloj", "cada seis meses", "parálisis
# cerebral", "pastillas para las convulsiones", "vivo a 50 kms").
NOT_RED_FLAG_ES = (
    "alarma|alarmas|pitido|pitidos|timbre reloj|despertador|celular|telefono|movil|carro|coche|casa|humo|incendio|incendios|"
    "microondas|auto|vecino|vecinos|edificio|escuela|trabajo|horno",
    "reloj|despertador|celular|telefono|movil|microondas|carro|coche|auto|horno|lavadora|secadora|incendio|incendios|humo "
    "pita|pitando|pitaba|pito|sono|sonando|suena|alarma|pitido",
    "seis|seiscientos|seiscientas",
    "0*|1*|2*|3*|4*|5*|6*|7*|8*|9*|unos|unas|como|varios|muchos|pocos kms|km",
    "paralisis|paralisys|paralysis cerebral|infantil|facial",
    "no es|era|sea urgente",
    "nada|no urgente",
    "sin urgencia|prisa",
    "numero|telefono|linea|sala|servicio|servicios|caso|contacto|contactos|plan|tarjeta|kit|boton|salida|salidas|protocolo "
    "emergencia|emergencias|urgencia|urgencias",
    "me|nos|te despertaron|desperto|desperte|despertaste",
    "pude|pudimos|puedo|podia contestar|responder|contesto",
    "para|contra|anti las|la|los convuls*|ataques|epilep*",
    "miedo|temor|riesgo|peligro de|a abstinencia|sobredosis|convuls*",
    "evitar|evito|prevenir|previene|prevengo abstinencia|sobredosis|infeccion|convuls*",
    "rigidez|espasmos|espasticidad|comezon|picazon|calentura|tension mejoro|mejoraron|mejorado|mejorando|mejor|controlados|controladas|controlado|controlada",
    "casi me|le|nos da|dio|daba infarto|ataque",
    "desmay*|muero|muere|moria de|del emocion|risa|hambre|felicidad|gusto|alegria|nervios|calor|frio|sueno|ganas|verguenza",
    "tenia|tenian|sufria|sufrian|solia|solian espasmos|rigidez|convuls*|ataques|abstinencia|fiebre",
    "muerto|muerta|muertos|muertas de risa|cansancio|sueno|hambre|frio|calor|miedo|verguenza|aburrimiento|ganas|nervios|envidia",
)

# =========================================================== both languages
# What every layer reads: English and Spanish together, in one pass.
SELF_HARM_ALL = SELF_HARM_PATTERNS + SELF_HARM_PATTERNS_ES
GENERAL_ALL = GENERAL_PATTERNS + GENERAL_PATTERNS_ES
PUMP_PROBLEM_ALL = PUMP_PROBLEM + PUMP_PROBLEM_ES
SYMPTOM_WORDS_ALL = SYMPTOM_WORDS + SYMPTOM_WORDS_ES
NERVE_PROBLEM_ALL = NERVE_PROBLEM + NERVE_PROBLEM_ES
SUDDEN_WORDS_ALL = SUDDEN_WORDS + SUDDEN_WORDS_ES
ALWAYS_ALL = ALWAYS_PATTERNS + ALWAYS_PATTERNS_ES
INFO_ALL = INFO_PATTERNS + INFO_PATTERNS_ES
INFO_OPENERS_ALL = frozenset(INFO_OPENERS | INFO_OPENERS_ES)
PRESENT_ALL = PRESENT_PATTERNS + PRESENT_PATTERNS_ES
PUMP_STATE_ALL = PUMP_STATE + PUMP_STATE_ES
SYMPTOM_SIGNS_ALL = SYMPTOM_SIGNS + SYMPTOM_SIGNS_ES
MEDICINE_ALL = MEDICINE_PATTERNS + MEDICINE_PATTERNS_ES
FASTING_ALL = FASTING_PATTERNS + FASTING_PATTERNS_ES
HYPOTHETICAL_ALL = frozenset(HYPOTHETICAL_WORDS | HYPOTHETICAL_WORDS_ES)
