package match

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ANGLO-CARIBBEAN CO., LTD.", "anglo caribbean co ltd"},
		{"Kaspersky's Laboratory", "kaspersky laboratory"},
		{"ЗАО «Лаборатория Касперского»", "zao laboratoriya kasperskogo"},
		{"ТОВ «Лабораторія Касперського – Україна»", "tov laboratoriya kasperskoho ukrayina"},
		{"ООО «Группа компаний Касперского»", "ooo gruppa kompaniy kasperskogo"},
		{"Щёлково Агрохим", "shchelkovo agrokhim"},
		{"Société Générale S.A.", "societe generale s a"},
		{"Müller & Söhne GmbH", "muller and sohne gmbh"},
		{"INT'L TRADING", "intl trading"},
		{"Straße", "strasse"},
		{"ＫＡＳＰＥＲＳＫＹ", "kaspersky"}, // full-width letters, NFKC
		{"Ηλεκτρονική Αθηνών", "ilektroniki athinon"},
		{"  spaced\tout\n ", "spaced out"},
		{"ООО «Трейдинг Корпорейшн»", "ooo trading corporation"}, // English words written by sound
		{"Си Цзиньпин", "si tszinpin"},                           // a name that is also such a word stays one
		// Chinese in pinyin: a short run is a person's name, surname first.
		{"习近平", "xi jinping"},
		{"吕明", "lu ming"},
		{"华为技术有限公司", "hua wei ji shu you xian gong si"},
		{"OOO 中国", "ooo zhong guo"},
		// A legal form written onto the name in capitals is parted from it.
		{"SiemensAG", "siemens ag"},
		{"AcmeGmbH Trading", "acme gmbh trading"},
		{"McDonald", "mcdonald"}, // a capital inside a name that is no form
		{"DeAG", "deag"},         // too short a name before it
		{"ZAO", "zao"},

		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokensJoinInitialisms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kaspersky Lab Italia S.r.l.", "kaspersky lab italia srl"},
		{"J.S.C. Kaspersky", "jsc kaspersky"},
		{"John F Kennedy", "john f kennedy"},
		{"Sp. z o.o. Polimex", "sp zoo polimex"},
		// A series numeral before a form in initials is a word of its own.
		{"Apollo Partners V L.P.", "apollo partners v lp"},
		{"Corporativo Title I, S.A. de C.V.", "corporativo title isa de cv"}, // an initial after other words
	}
	for _, tt := range tests {
		if got := strings.Join(Tokens(tt.in), " "); got != tt.want {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPrepareRecognisesLegalForms(t *testing.T) {
	tests := []struct {
		name string
		want []LegalForm
	}{
		{"OOO Kaspersky Group", []LegalForm{FormLLC}},
		{"Kaspersky Group Limited Liability Company", []LegalForm{FormLLC}},
		{"Obshchestvo S Ogranichennoi Otvetstvennostyu Gruppa Kompanii Kasperskogo", []LegalForm{FormLLC}},
		{"Aktsionernoe Obshchestvo Laboratoriya Kasperskogo", []LegalForm{FormJSC}},
		{"Joint Stock Company Kaspersky Lab", []LegalForm{FormJSC}},
		{"Kaspersky Lab ZAO", []LegalForm{FormJSC}},
		{"Kaspersky Labs GmbH", []LegalForm{FormLLC}},
		{"ПАО «Сбербанк»", []LegalForm{FormJSC}},
		{"Kaspersky Labs Ltd.", []LegalForm{FormLTD}},
		{"Sociedad Anonima Minera", []LegalForm{FormJSC}},
		{"Stay At Home Co", nil}, // "at" inside a name is a word, not the Ukrainian AT
		{"Minera Rio Presidio, S.A. de C.V.", []LegalForm{FormJSC}},
		{"Grupo Zait, S. de R.L. de C.V.", []LegalForm{FormLLC}},
		{"VABO-2005 EOOD", []LegalForm{FormLLC}},
		{"Petronas Sdn. Bhd.", []LegalForm{FormLTD}},
		{"Trio Energy DMCC", []LegalForm{FormFree}},
		{"Lama Foods International Offshore S.A.L.", []LegalForm{FormJSC}},
		{"Sal Holdings", nil}, // an ambiguous form is a name word at the start of one
	}
	for _, tt := range tests {
		var got []LegalForm
		for _, w := range Prepare(tt.name).words {
			if w.kind == legal {
				got = append(got, w.form)
			}
		}
		if strings.Join(forms(got), ",") != strings.Join(forms(tt.want), ",") {
			t.Errorf("Prepare(%q) legal forms = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func forms(fs []LegalForm) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

func TestWordKeyFoldsRomanisations(t *testing.T) {
	same := [][2]string{
		{"borshchev", "borschev"}, {"andrey", "andrei"}, {"tikhonov", "tihonov"},
		{"aleksei", "alexei"}, {"alekseyeva", "alekseeva"}, {"dukhvalov", "doukhvalov"},
		{"kasperskiy", "kaspersky"}, {"mikhaylovich", "mihailovich"},
		{"dzhose", "jose"}, {"dzhabarov", "jabarov"}, // Дж is how Russian writes J
	}
	for _, p := range same {
		if wordKey(p[0]) != wordKey(p[1]) {
			t.Errorf("wordKey(%q)=%q, wordKey(%q)=%q: want equal", p[0], wordKey(p[0]), p[1], wordKey(p[1]))
		}
	}
	if wordKey("kasper") == wordKey("kaspersky") {
		t.Error("kasper and kaspersky must stay different words")
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"ANGLO-CARIBBEAN CO., LTD.", "ЗАО «Лаборатория Касперского»", "Ηλεκτρονική", "Int'l & Co", "\xff\xfe", "ǅungla", "a'", "'s", "ß̈"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, n)
		}
		if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
			t.Fatalf("Normalize(%q) = %q has stray spaces", s, n)
		}
		p := Prepare(s)
		for _, w := range p.words {
			if w.text == "" || w.key == "" {
				t.Fatalf("Prepare(%q) produced an empty word", s)
			}
		}
	})
}

func TestCoreDropsLegalForms(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Oracle Corporation", "oracle"},
		{"ORACLE", "oracle"},
		{"The Toro Company", "toro"},
		{"Seazen Group Ltd.", "seazen"},
		{"Kaspersky Labs Limited", "kaspersky lab"},
		{"OOO", ""},
	}
	for _, tt := range tests {
		if got := Prepare(tt.name).Core(); got != tt.want {
			t.Errorf("Prepare(%q).Core() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNumbersReadAsDigits(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Brigade Forty-Four", "brigade 44"},
		{"Brigade Forty 4", "brigade 44"},
		{"Three Percenters", "3 percenters"},
		{"KKR Asian Fund III L.P.", "kkr asian fund 3 lp"},
		{"Citigroup Capital Trust XV", "citigroup capital trust 15"},
		{"Li Xi", "li xi"}, // a numeral only after a generic word
		{"Xi Jinping", "xi jinping"},
		{"Capital Trust I", "capital trust 1"}, // I, V, X at the end or before the form
		{"Blackstone Partners V L.P.", "blackstone partners 5 lp"},
		{"Fund V Holdings", "fund v holdings"},
		{"Malcolm X", "malcolm x"},
	}
	for _, tt := range tests {
		if got := preparedWords(tt.name); got != tt.want {
			t.Errorf("Prepare(%q) words = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCountryNamesReadAsInitials(t *testing.T) {
	tests := []struct{ name, want string }{
		{"United States Department of State", "us department state"},
		{"U.S. Department of State", "us department state"},
		{"Bank of the United Arab Emirates", "bank uae"},
		{"United Kingdom Trading Ltd", "uk trading ltd"},
		{"United States of America Holdings", "usa holdings"},
		{"United Airlines", "united airlines"},
	}
	for _, tt := range tests {
		if got := preparedWords(tt.name); got != tt.want {
			t.Errorf("Prepare(%q) words = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// preparedWords is the words Prepare reads in name, as the name spells them.
func preparedWords(name string) string {
	var got []string
	for _, w := range Prepare(name).words {
		got = append(got, w.orig)
	}
	return strings.Join(got, " ")
}

// wordKey, which folds as the rules write, keys every string as replacing
// first and folding after does.
func FuzzWordKeyFoldsAsItWrites(f *testing.F) {
	for _, s := range []string{"", "kaspersky", "shchyolkovo", "tchaikovsky", "mississippi", "1100", "yyy", "cyy", "zzz11", "Касперский", "schch"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := foldRules.Replace(s)
		var want []byte
		var prev byte
		for i := 0; i < len(folded); i++ {
			c := folded[i]
			if c == 'y' {
				c = 'i'
			}
			if c == prev && (c < '0' || c > '9') {
				continue
			}
			want = append(want, c)
			prev = c
		}
		if got := wordKey(s); got != string(want) {
			t.Fatalf("wordKey(%q) = %q, want %q", s, got, want)
		}
	})
}
