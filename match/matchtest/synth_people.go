package matchtest

import (
	"fmt"
	"strings"
)

// person returns an individual's name in one of several cultures' forms,
// and aliases: another order, another romanisation.
func (g *synGen) person() (name string, aliases []string) {
	var given, family string
	switch p := g.r.IntN(100); {
	case p < 35: // Slavic, with patronymic in most listings
		given, family = g.pick(synWords.slavicGiven), g.slavicSurname()
		if g.chance(65) {
			given += " " + synPatronymic(g.pick(synWords.slavicGiven))
		}
	case p < 55: // Arabic
		given = g.pick(synWords.arabicGiven)
		if g.chance(50) {
			given += " " + g.pick([]string{"bin", "ibn", "Abu"}) + " " + g.pick(synWords.arabicGiven)
		}
		family = g.pick(synWords.arabicFamily)
	case p < 70: // Chinese and Korean
		given = g.pick(synWords.pinyin) + strings.ToLower(g.pick(synWords.pinyin))
		family = g.pick(synWords.eastAsianFamily)
	case p < 82: // Persian
		given, family = g.pick(synWords.persianGiven), g.pick(synWords.persianFamily)
		if g.chance(40) {
			family = synWord(g.r, false) + g.pick([]string{"i", "zadeh", "pour", "nejad"})
		}
	default: // Western and Latin American
		given, family = g.pick(synWords.westernGiven), g.pick(synWords.westernFamily)
		if g.chance(40) {
			family += " " + g.pick(synWords.westernFamily)
		}
	}
	name = given + " " + family
	if g.chance(30) {
		name = strings.ToUpper(family) + ", " + given
	}
	if g.chance(40) {
		aliases = append(aliases, family+" "+given)
		if v := synRomanise(given + " " + family); g.chance(50) {
			aliases = append(aliases, v)
		}
	}
	return name, aliases
}

func (g *synGen) slavicSurname() string {
	if g.chance(50) {
		return g.pick(synWords.slavicFamily)
	}
	return synWord(g.r, false) + g.pick([]string{"ov", "ev", "in", "enko", "sky", "chuk", "ko"})
}

func synPatronymic(father string) string {
	switch {
	case strings.HasSuffix(father, "y"), strings.HasSuffix(father, "i"):
		return father[:len(father)-1] + "evich"
	case strings.HasSuffix(father, "a"):
		return father[:len(father)-1] + "ovich"
	}
	return father + "ovich"
}

// synRomanise gives another common romanisation of a name.
var synRomanise = strings.NewReplacer("kh", "h", "Kh", "H", "ov ", "off ", "yu", "iu", "Yu", "Iu",
	"y", "i", "Mohammed", "Muhammad", "Mohammad", "Mohamed", "sh", "ch", "ou", "u").Replace

// vessel returns a ship's name, in capitals as the lists print them, and
// sometimes a former name.
func (g *synGen) vessel() (name string, aliases []string) {
	mk := func() string {
		switch g.r.IntN(4) {
		case 0:
			return g.pick(synWords.sea) + " " + g.pick(synWords.sea)
		case 1:
			return strings.ToUpper(synStem(g.seed, g.stream, 2*g.i+g.r.IntN(2)))
		case 2:
			return g.pick(synWords.sea) + " " + fmt.Sprint(1+g.r.IntN(30))
		}
		return strings.ToUpper(g.brand(0)) + " " + g.pick(synWords.sea)
	}
	name = mk()
	if g.chance(50) {
		aliases = append(aliases, mk())
	}
	return name, aliases
}
