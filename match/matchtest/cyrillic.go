package matchtest

import "strings"

// cyrillicForms are the Russian abbreviations of the forms Russian names carry.
var cyrillicForms = map[string]string{
	"ooo": "ООО", "llc": "ООО", "limited liability company": "ООО",
	"ao": "АО", "jsc": "АО", "joint stock company": "АО",
	"oao": "ОАО", "ojsc": "ОАО", "open joint stock company": "ОАО",
	"zao": "ЗАО", "cjsc": "ЗАО", "closed joint stock company": "ЗАО",
	"pao": "ПАО", "pjsc": "ПАО", "public joint stock company": "ПАО",
}

var phraseWords = set("of", "the", "for", "and", "de", "del", "la", "los", "las", "y", "et", "und")

// englishInCyrillic is how Russian writes the English words of company
// names: by sound, not by letter (Corporation -> Корпорейшн).
var englishInCyrillic = map[string]string{
	"company": "компани", "co": "ко", "corporation": "корпорейшн", "corp": "корп",
	"international": "интернешнл", "trading": "трейдинг", "trade": "трейд", "group": "груп",
	"holding": "холдинг", "holdings": "холдингс", "bank": "банк", "services": "сервисез",
	"service": "сервис", "shipping": "шиппинг", "marine": "марин", "maritime": "маритайм",
	"energy": "энерджи", "technology": "текнолоджи", "technologies": "текнолоджиз",
	"industries": "индастриз", "industrial": "индастриал", "management": "менеджмент",
	"logistics": "логистикс", "investment": "инвестмент", "investments": "инвестментс",
	"capital": "кэпитал", "global": "глобал", "general": "дженерал", "electronics": "электроникс",
	"engineering": "инжиниринг", "systems": "системс", "solutions": "солюшнс", "oil": "ойл",
	"development": "девелопмент", "resources": "ресорсиз", "consulting": "консалтинг",
	"limited": "лимитед", "ltd": "лтд", "inc": "инк", "llc": "ллк", "plc": "плс",
	"partners": "партнерс", "enterprise": "энтерпрайз", "enterprises": "энтерпрайзис",
	"import": "импорт", "export": "экспорт", "finance": "файненс", "security": "секьюрити",
	"star": "стар", "line": "лайн", "lines": "лайнс", "sea": "си", "ocean": "оушен",
	"trust": "траст", "world": "уорлд", "new": "нью", "east": "ист", "west": "уэст",
}

// cyrillicLetters reverse the common Russian romanisations, longest first
// at each position; single letters follow in cyrillicLetter.
var cyrillicLetters = []struct{ latin, cyr string }{
	{"shch", "щ"}, {"sch", "ш"}, {"kh", "х"}, {"zh", "ж"}, {"ts", "ц"}, {"tz", "ц"}, {"ch", "ч"},
	{"sh", "ш"}, {"yu", "ю"}, {"ya", "я"}, {"ye", "е"}, {"ph", "ф"}, {"th", "т"},
	{"ck", "к"}, {"qu", "кв"}, {"ee", "и"}, {"oo", "у"},
}

var cyrillicLetter = map[byte]string{
	'a': "а", 'b': "б", 'c': "к", 'd': "д", 'e': "е", 'f': "ф", 'g': "г", 'h': "х", 'i': "и",
	'j': "дж", 'k': "к", 'l': "л", 'm': "м", 'n': "н", 'o': "о", 'p': "п", 'q': "к", 'r': "р",
	's': "с", 't': "т", 'u': "у", 'v': "в", 'w': "в", 'x': "кс", 'y': "ы", 'z': "з",
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// ToCyrillic writes a Latin-script name in Cyrillic the way a Russian
// speaker would render it (Kaspersky Lab -> Касперски Лаб, OOO Foo -> ООО Фоо),
// reversing the romanisations lists use (kh, zh, ts, ch, sh, shch, yu, ya).
// Letters off the basic Latin alphabet, digits and punctuation pass through.
func ToCyrillic(name string) string {
	ws := strings.Fields(name)
	pre, suf := formSpan(ws)
	out := make([]string, 0, len(ws))
	if f, ok := cyrillicForms[cores(ws[:pre])]; ok {
		out = append(out, f)
	} else {
		pre = 0
	}
	form := ""
	if f, ok := cyrillicForms[cores(ws[len(ws)-suf:])]; ok && suf > 0 {
		form = f
	} else {
		suf = 0
	}
	for _, w := range ws[pre : len(ws)-suf] {
		out = append(out, cyrillicWord(w))
	}
	if form != "" {
		out = append(out, form)
	}
	return strings.Join(out, " ")
}

// cyrillicWord renders one word, keeping its case pattern.
func cyrillicWord(w string) string {
	if letters, tail, ok := splitWord(w); ok {
		if c, known := englishInCyrillic[strings.ToLower(letters)]; known {
			return recase(c, letters) + tail
		}
	}
	s := strings.ToLower(stripMarks(w))
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c < 'a' || c > 'z' {
			r := []rune(s[i:])[0]
			b.WriteRune(r)
			i += len(string(r))
			continue
		}
		n, cyr := 1, cyrillicLetter[c]
		for _, l := range cyrillicLetters {
			if strings.HasPrefix(s[i:], l.latin) {
				n, cyr = len(l.latin), l.cyr
				break
			}
		}
		atEnd := i+n == len(s) || s[i+n] < 'a' || s[i+n] > 'z'
		atStart := i == 0 || s[i-1] < 'a' || s[i-1] > 'z'
		switch {
		case n > 1:
		case c == 'y' && i+1 < len(s) && s[i+1] == 'o':
			n, cyr = 2, "ё" // Pyotr
			if atStart || isVowel(s[i-1]) {
				cyr = "йо" // Yosef
			}
		case c == 'y' && !atStart && isVowel(s[i-1]):
			cyr = "й" // Nikolay
		case c == 'y' && atEnd && !atStart && s[i-1] == 'k':
			cyr = "ий" // Kaspersky
		case c == 'y' && atEnd:
			cyr = "и" // Dmitry, Military
		case c == 'y' && atStart:
			cyr = "и"
		case c == 'e' && atStart:
			cyr = "э"
		case c == 'c' && !atEnd && strings.IndexByte("eiy", s[i+1]) >= 0:
			cyr = "с"
		}
		b.WriteString(cyr)
		i += n
	}
	return recase(b.String(), w)
}
