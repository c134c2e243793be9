package match

// englishInRussian are the English words of company names as Russian writes
// them: by sound, not letter by letter, so that transliteration alone does
// not bring them back ("Корпорейшн" is korporeyshn, not corporation). Russian
// registries, Cyrillic aliases on the EU and UK lists, and people typing a
// foreign company's name in Russian all spell them this way. The values are
// the words' generic spellings, or synonyms that lead there. transliterate
// reads a whole Cyrillic word found here as its English word. Words that are
// also Russian names or words (Марин, Стил, Си) are left out.
var englishInRussian = map[string]string{
	"компани": "company", "компэни": "company", "кампани": "company",
	"корпорейшн": "corporation", "корпорэйшн": "corporation", "корпорейшен": "corporation",
	"интернешнл": "international", "интернэшнл": "international", "интернешнал": "international",
	"интернейшнл": "international", "интернейшенал": "international",
	"трейдинг": "trading", "трэйдинг": "trading", "трейд": "trading", "трэйд": "trading",
	"груп": "group", "групп": "group", "холдинг": "holding", "холдингс": "holding",
	"сервис": "service", "сервисез": "service", "сервисиз": "service", "сервисес": "service",
	"шиппинг": "shipping", "шипинг": "shipping", "маритайм": "maritime",
	"энерджи": "energy", "энэрджи": "energy", "текнолоджи": "technology", "текнолоджиз": "technology",
	"текнолоджис": "technology", "технолоджи": "technology", "технолоджис": "technology",
	"индастриз": "industry", "индастрис": "industry", "индастри": "industry", "индастриал": "industrial",
	"менеджмент": "management", "мэнеджмент": "management", "логистикс": "logistics",
	"инвестментс": "investment", "инвестмент": "investment", "кэпитал": "capital", "кепитал": "capital",
	"глобал": "global", "дженерал": "general", "электроникс": "electronics", "электроник": "electronic",
	"инжиниринг": "engineering", "инжинеринг": "engineering", "системс": "system", "солюшнс": "solution",
	"солюшн": "solution", "ойл": "oil", "девелопмент": "development", "ресорсиз": "resource",
	"ресорсез": "resource", "ресурсиз": "resource", "консалтинг": "consulting", "партнерс": "partner",
	"партнёрс": "partner", "энтерпрайз": "enterprise", "энтерпрайзис": "enterprise", "энтерпрайзес": "enterprise",
	"файненс": "finance", "файнэнс": "finance", "файненшл": "financial", "файнэншл": "financial",
	"секьюрити": "security", "сикьюрити": "security", "траст": "trust", "уорлд": "world", "ворлд": "world",
	"нью": "new", "юнайтед": "united", "юниверсал": "universal", "ассошиэйтс": "associates",
	"ассошиейтс": "associates", "продактс": "product", "продукц": "product", "ресерч": "research",
	"рисерч": "research", "эйрлайнс": "airlines", "авиэйшн": "aviation", "майнинг": "mining",
	"пауэр": "power", "кемикал": "chemical", "кемикалс": "chemical",
	"фаундейшн": "foundation", "эдженси": "agency", "агенси": "agency", "офис": "office", "оффис": "office",
	"бранч": "branch", "комерциал": "commercial", "коммершл": "commercial", "коммершиал": "commercial",
	"эквипмент": "equipment", "машинери": "machinery", "софтвер": "software",
	"софтвэр": "software", "юнион": "union", "фанд": "fund",
	"лайн": "line", "лайнс": "line", "оушен": "ocean",
	"сентер": "center", "сентре": "center", "сентр": "center", "ресеарч": "research",
	"администрейшн": "administration", "ассосиэйшн": "association", "ассошиэйшн": "association",
	"продакшн": "production", "фэктори": "factory", "фактори": "factory", "плант": "plant",
	"ист": "east", "уэст": "west", "вест": "west", "норт": "north", "саут": "south",
}

// Lists also print these words in Latin letters as Russian spells them
// ("LLC BP Inzhiniring", "Treyding"): those spellings lead to the English
// word too. Short ones are left out: "vest" and "ist" are words of their own.
func init() {
	for cyr, en := range englishInRussian {
		if lat := transliterate(cyr); len(lat) >= 5 && synonyms[lat] == "" && !genericWords[lat] {
			synonyms[lat] = en
		}
	}
}
