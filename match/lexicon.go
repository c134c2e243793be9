package match

import "strings"

// LegalForm is the generic class of a company's legal form. Forms from
// different countries that mean the same thing share a class, so that
// "Kaspersky Group LLC" meets "OOO Kaspersky Group".
type LegalForm string

// Legal form classes.
const (
	FormLLC  LegalForm = "LLC" // limited liability company: OOO, TOV, GmbH, SARL, S.r.l., sp. z o.o.
	FormJSC  LegalForm = "JSC" // joint stock company: AO, ZAO, OAO, PAO, CJSC, AG, S.A., N.V.
	FormLTD  LegalForm = "LTD" // private limited company
	FormPLC  LegalForm = "PLC" // public limited company
	FormINC  LegalForm = "INC" // incorporated
	FormLP   LegalForm = "LP"  // partnerships: LP, LLP, KG
	FormSUE  LegalForm = "SUE" // state unitary enterprise: FGUP, GUP, MUP
	FormFree LegalForm = "FZE" // free-zone establishment
)

// legalForms maps a normalised word sequence to its class. Spelled-out forms
// are listed in the transliterations the lists use.
var legalForms = map[string]LegalForm{
	"llc": FormLLC, "ooo": FormLLC, "tov": FormLLC, "gmbh": FormLLC, "sarl": FormLLC, "srl": FormLLC,
	"sro": FormLLC, "sp zoo": FormLLC, "kft": FormLLC, "bv": FormLLC, "ltda": FormLLC, "doo": FormLLC,
	"limited liability company": FormLLC, "limited liability co": FormLLC,
	"obshchestvo s ogranichennoi otvetstvennostyu": FormLLC, "obshchestvo s ogranichennoy otvetstvennostyu": FormLLC,
	"obshchestvo s ogranichennoj otvetstvennostju": FormLLC, "obshchestvo s ogranichennoi otvetstvennostiu": FormLLC,
	"obshestvo s ogranichennoy otvetstvennostyu": FormLLC,
	"tovarystvo z obmezhenoyu vidpovidalnistyu":  FormLLC, "tovarystvo z obmezhenoiu vidpovidalnistiu": FormLLC,
	"gesellschaft mit beschrankter haftung": FormLLC, "sociedad de responsabilidad limitada": FormLLC,
	"societe a responsabilite limitee": FormLLC, "societa a responsabilita limitata": FormLLC,
	"fz llc": FormLLC, "fzllc": FormLLC,
	"ood": FormLLC, "eood": FormLLC, "osoo": FormLLC, "sprl": FormLLC, "bvba": FormLLC, "aps": FormLLC,
	"sia": FormLLC, "uab": FormLLC, "ou": FormLLC, "eirl": FormLLC, "llk": FormLLC, "s de rl": FormLLC, "s de rl de cv": FormLLC,
	"sociedad de responsabilidad limitada de capital variable": FormLLC,
	"spolka z ograniczona odpowiedzialnoscia":                  FormLLC, "societatea cu raspundere limitata": FormLLC,
	"societate cu raspundere limitata": FormLLC,

	"jsc": FormJSC, "ao": FormJSC, "zao": FormJSC, "oao": FormJSC, "pao": FormJSC, "cjsc": FormJSC,
	"ojsc": FormJSC, "pjsc": FormJSC, "at": FormJSC, "pat": FormJSC, "prat": FormJSC, "ag": FormJSC,
	"sa": FormJSC, "spa": FormJSC, "nv": FormJSC, "ab": FormJSC, "asa": FormJSC, "oyj": FormJSC,
	"sae": FormJSC, "saog": FormJSC, "saoc": FormJSC, "jsco": FormJSC,
	"joint stock company": FormJSC, "joint stock co": FormJSC, "closed joint stock company": FormJSC,
	"open joint stock company": FormJSC, "public joint stock company": FormJSC,
	"private joint stock company": FormJSC, "joint stock commercial bank": FormJSC,
	"aktsionernoe obshchestvo": FormJSC, "aktsionernoye obshchestvo": FormJSC, "aktsionernoe obshestvo": FormJSC,
	"zakrytoe aktsionernoe obshchestvo": FormJSC, "otkrytoe aktsionernoe obshchestvo": FormJSC,
	"publichnoe aktsionernoe obshchestvo": FormJSC, "zakrytoye aktsionernoye obshchestvo": FormJSC,
	"otkrytoye aktsionernoye obshchestvo": FormJSC, "publichnoye aktsionernoye obshchestvo": FormJSC,
	"aktsionerne tovarystvo": FormJSC, "pryvatne aktsionerne tovarystvo": FormJSC,
	"publichne aktsionerne tovarystvo": FormJSC, "aktiengesellschaft": FormJSC,
	"sociedad anonima": FormJSC, "societe anonyme": FormJSC, "societa per azioni": FormJSC,
	"naamloze vennootschap": FormJSC, "societate pe actiuni": FormJSC, "societatea pe actiuni": FormJSC,
	"sa de cv": FormJSC, "sab de cv": FormJSC, "sapi de cv": FormJSC, "sociedad anonima de capital variable": FormJSC,
	"sas": FormJSC, "sal": FormJSC, "ca": FormJSC, "ka": FormJSC, "ead": FormJSC, "kk": FormJSC, "kabushiki kaisha": FormJSC,

	"ltd": FormLTD, "limited": FormLTD, "pvt ltd": FormLTD, "pte ltd": FormLTD, "pty ltd": FormLTD,
	"private limited": FormLTD, "pty": FormLTD, "pte": FormLTD, "pvt": FormLTD,
	"sdn bhd": FormLTD, "sendirian berhad": FormLTD, "bhd": FormLTD, "berhad": FormLTD, "oy": FormLTD,
	"pt": FormLTD, "limitada": FormLTD,
	"plc": FormPLC, "pls": FormPLC, "public limited company": FormPLC,
	"inc": FormINC, "incorporated": FormINC, "ink": FormINC, "inkorporeyted": FormINC,
	"lp": FormLP, "llp": FormLP, "kg": FormLP, "limited partnership": FormLP,
	"limited liability partnership": FormLP, "gmbh and co kg": FormLP,
	"fgup": FormSUE, "gup": FormSUE, "mup": FormSUE, "fsue": FormSUE,
	"federal state unitary enterprise": FormSUE, "state unitary enterprise": FormSUE,
	"federalnoe gosudarstvennoe unitarnoe predpriyatie": FormSUE,
	"fze": FormFree, "fzco": FormFree, "fzc": FormFree, "dmcc": FormFree, "dmkk": FormFree, "fzko": FormFree, "fzk": FormFree,
}

// maxLegalWords is the longest legal form, in words.
var maxLegalWords = func() int {
	n := 0
	for k := range legalForms {
		n = max(n, strings.Count(k, " ")+1)
	}
	return n
}()

// synonyms gives common words one spelling: abbreviations, plurals and the
// transliterated Russian words lists print ("laboratoriya", "gruppa").
var synonyms = map[string]string{
	"labs": "lab", "laboratory": "lab", "laboratories": "lab", "laboratoriya": "lab",
	"laboratoriia": "lab", "laboratorija": "lab", "labor": "lab", "labour": "lab", "laboratorio": "lab",
	"laboratoire": "lab", "laboratorium": "lab",
	"gruppa": "group", "groupe": "group", "gruppe": "group", "grupo": "group", "grupa": "group",
	"grupp": "group", "groups": "group",
	"co": "company", "companies": "company", "kompanii": "company", "kompaniya": "company",
	"kompaniia": "company", "compania": "company", "compagnie": "company", "cie": "company",
	"cia": "company", "comp": "company",
	"corp": "corporation", "corpn": "corporation", "korp": "corporation", "ko": "company", "korporatsiya": "corporation",
	"korporatsiia": "corporation",
	"intl":         "international", "int": "international", "internat": "international",
	"internatsional": "international", "internacional": "international", "internationale": "international",
	"mfg": "manufacturing", "tech": "technology", "technologies": "technology",
	"tekhnologii": "technology", "tekhnologiya": "technology", "technologie": "technology",
	"svcs": "service", "svc": "service", "services": "service", "servis": "service",
	"hldgs": "holding", "holdings": "holding", "hldg": "holding",
	"ind": "industry", "inds": "industry", "industries": "industry", "industrial": "industry",
	"enterprises": "enterprise", "ent": "enterprise", "predpriyatie": "enterprise",
	"sys": "system", "systems": "system", "sistemy": "system",
	"solutions": "solution", "products": "product", "resources": "resource",
	"investments": "investment", "trade": "trading", "dept": "department",
	"natl": "national", "assn": "association", "assoc": "association", "univ": "university",
	"ctr": "center", "centre": "center", "tsentr": "center", "bros": "brothers",
	"mgmt": "management", "eng": "engineering", "engg": "engineering",
	"elec": "electric", "electronics": "electronic", "comm": "communication",
	"communications": "communication", "networks": "network", "partners": "partner",
	"shipping": "ship", "ships": "ship", "bank": "bank", "banka": "bank", "banque": "bank",
	"banco": "bank", "1st": "first",
}

// looseWords are generic words that say little about what a company does:
// two names that differ only in them ("Homs Refinery Corporation", "The
// Homs Refinery Company") do not conflict.
var looseWords = setOf(
	"company", "corporation", "group", "holding", "international", "enterprise", "global",
	"general", "new", "first", "united", "universal", "worldwide", "world", "affiliate", "plc",
	"partner", "associates", "trading", "organization", "organisation",
)

// synonymKeys finds a synonym or generic word by its folded key, so that
// the romanisations the tables do not spell out still resolve.
var synonymKeys = func() map[string]string {
	m := make(map[string]string, len(synonyms)+len(genericWords))
	for g := range genericWords {
		m[wordKey(g)] = g
	}
	for k, v := range synonyms {
		m[wordKey(k)] = v
	}
	return m
}()

// genericWords are words that name what a company does or is rather than
// which company it is. They count, but far less than a distinctive word,
// so "Lab Ltd" does not meet "Kaspersky Lab".
var genericWords = setOf(
	"lab", "group", "company", "corporation", "international", "manufacturing", "technology",
	"service", "holding", "industry", "enterprise", "system", "solution", "product", "resource",
	"investment", "trading", "department", "national", "association", "university", "center",
	"brothers", "management", "engineering", "electric", "electronic", "communication", "network",
	"partner", "ship", "bank", "global", "general", "import", "export", "research", "institute",
	"development", "capital", "energy", "construction", "logistics", "marine", "petroleum",
	"oil", "gas", "software", "security", "government", "media", "consulting", "agency",
	"factory", "plant", "scientific", "production", "union", "fund", "foundation", "ministry",
	"state", "federal", "trust", "finance", "financial", "insurance", "office", "branch",
	"commercial", "industrial", "equipment", "machinery", "chemical", "chemicals", "materials",
	"transport", "airlines", "aviation", "shipyard", "store", "stores", "agro", "metal", "steel",
	"mining", "power", "electronics", "trade", "world", "worldwide", "universal", "new", "first",
	"united", "associates", "design", "academy", "school", "bureau", "committee", "council",
	"organization", "organisation", "society", "charity", "plc", "affiliate", "branch",
)

// stopWords carry no identity and are not compared. Name particles (van,
// de, al, bin) are kept: in a person's name they are part of it.
var stopWords = setOf("the", "of", "and", "for", "und", "et", "y", "e", "a", "an", "in", "on", "by", "to")

// ambiguousForms are legal forms that are also ordinary words or initials;
// they count as legal forms only as the first or last word of a name.
var ambiguousForms = setOf("at", "sa", "ag", "ab", "ao", "spa", "pat", "nv", "bv", "kg", "lp", "pty", "ink",
	"pte", "pvt", "doo", "sae", "asa", "pt", "sia")

// trailingForms are legal forms that are also ordinary words and that
// names carry only at their end: "Profit Corporation, C.A.", not "Ca Bank".
var trailingForms = setOf("sas", "sal", "ca", "ka", "ou", "fzk", "kk", "oy", "aps", "ead", "bhd", "pls")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
