package matchtest

import "strings"

// synWords are the parts synthetic names are built from: real-world generic
// and place words, legal forms across languages, common given and family
// names of several cultures, and syllables for invented brand stems.
var synWords = struct {
	onsets, vowels, codas, brandEnds, pinyin                 []string
	generic, places, legalSuffix, legalPrefix, sea           []string
	slavicGiven, slavicFamily, arabicGiven, arabicFamily     []string
	persianGiven, persianFamily, westernGiven, westernFamily []string
	eastAsianFamily, countries, programs                     []string
}{
	onsets:    synSplit("b|br|c|ch|d|dr|f|g|gr|h|k|kr|l|m|n|p|pr|r|s|st|sh|t|tr|v|z|zh|kh|sv|vl|y"),
	vowels:    synSplit("a|e|i|o|u|a|o|ia|ea|ou|ai|e"),
	codas:     synSplit("n|r|l|s|x|m|k|t|st|nd"),
	brandEnds: synSplit("tex|tech|tron|ex|co|com|sys|lab|net|gen|med|prom|neft|gaz|stroy|trans|invest|energo|mash|ia|on|ar|is|ico|ora|ix|ium|soft|line|corp|mar|avia|snab|impex"),
	pinyin: synSplit("Zhong|Hua|Xin|Tai|Guo|Jin|Long|Hai|Da|Fu|Heng|Sheng|Tian|Hong|Kang|Rui|Bao|Cheng|Yuan|Feng|" +
		"Ming|Wei|Jia|Xing|Li|Dong|Nan|Bei|Shan|Yi|Tong|Hui|Ke|Chang|Ding|An|Yong|Qiang|Zhi|Shun"),
	generic: synSplit("Trading|Group|Industrial|Shipping|Bank|Technologies|International|Holding|Holdings|" +
		"Investment|Investments|Energy|Petroleum|Oil|Gas|Engineering|Construction|Logistics|Import|Export|" +
		"Development|Resources|Services|Systems|Solutions|Electronics|Machinery|Chemical|Chemicals|" +
		"Pharmaceutical|Metals|Mining|Steel|Aviation|Marine|Maritime|Transport|Capital|Finance|Financial|" +
		"Insurance|Commercial|General|Global|United|National|Scientific|Research|Production|Manufacturing|" +
		"Enterprise|Industries|Agro|Foods|Textile|Equipment|Defense|Precision|Instruments|Software|Network|" +
		"Telecom|Media|Consulting|Partners|Ventures|Supply|Components|Materials|Power|Navigation|Lines|" +
		"Tankers|Freight|Cargo|Petrochemical|Electric|Automation|Digital|Security|Medical|Exchange|Trust|" +
		"Credit|Agency|Center|Institute|Factory|Plant|Bureau|Design|Tech|Lab|Company|Corporation|Fuel|" +
		"Electro|Machine|Building|Motors|Aerospace|Semiconductor|Micro|Optics|Nuclear|Auto|Commodities"),
	places: synSplit("Moscow:RU|Saint Petersburg:RU|Novosibirsk:RU|Kazan:RU|Ural:RU|Siberian:RU|Volga:RU|" +
		"Tehran:IR|Isfahan:IR|Persian Gulf:IR|Dubai:AE|Sharjah:AE|Abu Dhabi:AE|Hong Kong:HK|Shanghai:CN|" +
		"Shenzhen:CN|Beijing:CN|Guangzhou:CN|Damascus:SY|Aleppo:SY|Caracas:VE|Pyongyang:KP|Minsk:BY|" +
		"Istanbul:TR|Baku:AZ|Tashkent:UZ|Almaty:KZ|Kabul:AF|Karachi:PK|Singapore:SG|Beirut:LB|Baghdad:IQ|" +
		"Havana:CU|Yangon:MM|Caspian:RU|Baltic:RU|Eurasian:RU|Far East:RU|Black Sea:RU|Gulf:AE|Crimea:UA|" +
		"Donetsk:UA|Limassol:CY|Nicosia:CY|Kuala Lumpur:MY|Muscat:OM|Doha:QA|Sanaa:YE|Khartoum:SD"),
	legalSuffix: synSplit("LLC|Ltd|Ltd.|Limited|GmbH|AG|S.A.|SA|S.A.R.L.|Co., Ltd.|Co. Ltd|Company Limited|" +
		"Inc.|Corp.|Corporation|JSC|PJSC|OJSC|CJSC|FZE|FZCO|FZ-LLC|LLP|B.V.|N.V.|S.p.A.|S.r.l.|" +
		"Pte. Ltd.|Sdn. Bhd.|Pvt. Ltd.|A.S.|Sp. z o.o.|Oy|AB|PLC|Co.|Trading LLC"),
	legalPrefix: synSplit("OOO|AO|ZAO|OAO|PAO|TOO|Joint Stock Company|Limited Liability Company|" +
		"Closed Joint Stock Company|Open Joint Stock Company|Public Joint Stock Company|" +
		"Federal State Unitary Enterprise|Obshchestvo s Ogranichennoi Otvetstvennostyu|Aktsionernoe Obshchestvo"),
	sea: synSplit("OCEAN|STAR|SEA|PACIFIC|ATLANTIC|GLORY|PRIDE|SPIRIT|NEPTUNE|HORIZON|DAWN|PEARL|" +
		"JEWEL|QUEEN|PRINCESS|EAGLE|FALCON|WAVE|BREEZE|LUCKY|FORTUNE|GRACE|VICTORY|ARIA|NOBLE|" +
		"GOLDEN|SILVER|BLUE|ROYAL|EXPRESS|VOYAGER|NAVIGATOR|MARINER|CAPE|BAY|ISLAND|CORAL"),
	slavicGiven: synSplit("Aleksandr|Aleksei|Andrei|Anatoly|Boris|Dmitry|Evgeny|Igor|Ivan|Konstantin|" +
		"Mikhail|Nikolai|Oleg|Pavel|Roman|Sergei|Vladimir|Viktor|Yury|Vasily|Gennady|Arkady|Denis|" +
		"Maksim|Artem|Ruslan|Stanislav|Vadim|Valery|Grigory|Leonid|Timur|Kirill|Fyodor|Ilya|Petr|Yaroslav"),
	slavicFamily: synSplit("Ivanov|Smirnov|Kuznetsov|Popov|Vasiliev|Petrov|Sokolov|Mikhailov|Novikov|" +
		"Fedorov|Morozov|Volkov|Alekseev|Lebedev|Semenov|Egorov|Pavlov|Kozlov|Stepanov|Nikolaev|Orlov|" +
		"Andreev|Makarov|Nikitin|Zakharov|Zaitsev|Solovyov|Borisov|Yakovlev|Grigoriev|Romanov|Vorobyov|" +
		"Sergeev|Kuzmin|Frolov|Shevchenko|Kovalenko|Bondarenko|Tkachenko|Kravchenko|Lukashenko|Tikhonov"),
	arabicGiven: synSplit("Mohammed|Ahmed|Ali|Hassan|Hussein|Omar|Abdullah|Abdul Rahman|Khalid|Ibrahim|" +
		"Youssef|Mahmoud|Mustafa|Saeed|Hamid|Tariq|Faisal|Nasser|Walid|Samir|Bashar|Rami|Hamza|Bilal|" +
		"Abd al-Aziz|Abu Bakr|Salim|Jamal|Karim|Fadi|Ayman|Anas|Marwan|Zaid"),
	arabicFamily: synSplit("al-Hassan|al-Masri|al-Rashid|al-Tikriti|Makhlouf|al-Assad|al-Sayed|" +
		"al-Qahtani|al-Harbi|al-Shammari|Haddad|Khoury|Nasrallah|Hamdan|al-Zawahiri|al-Baghdadi|Mansour|" +
		"Saleh|Aziz|Habib|al-Amin|Darwish|Qasim|al-Jabouri|al-Dulaimi|Barakat|Shalish|Fares"),
	persianGiven: synSplit("Ali|Reza|Hossein|Mohammad|Mahmoud|Hassan|Mehdi|Saeed|Abbas|Javad|" +
		"Mohsen|Majid|Hamid|Amir|Behrouz|Farhad|Kourosh|Dariush|Parviz|Nasser|Qasem|Esmail|Gholam"),
	persianFamily: synSplit("Hosseini|Mousavi|Rezaei|Ahmadi|Mohammadi|Karimi|Rahimi|Jafari|Sadeghi|" +
		"Ghorbani|Rostami|Salehi|Shirazi|Tehrani|Esfahani|Soleimani|Larijani|Velayati|Zarif|Rouhani"),
	eastAsianFamily: synSplit("Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|" +
		"He|Lin|Gao|Luo|Kim|Lee|Park|Choi|Jung|Kang|Cho|Yoon|Jang|Ri|Pak|Han"),
	westernGiven: synSplit("John|Michael|David|James|Robert|Maria|Carlos|Jose|Juan|Luis|Pedro|Miguel|" +
		"Antonio|Francisco|Jorge|Ricardo|Hans|Peter|Thomas|Andreas|Stefan|Pierre|Jean|Marco|Giuseppe|" +
		"Paolo|Ahmet|Mehmet|Mustafa|Emre|Nikos|Yannis|George|William|Richard|Daniel|Anna|Elena"),
	westernFamily: synSplit("Smith|Johnson|Brown|Garcia|Rodriguez|Martinez|Lopez|Gonzalez|Hernandez|" +
		"Perez|Sanchez|Ramirez|Torres|Flores|Rivera|Gomez|Diaz|Cabello|Maduro|Muller|Schmidt|Schneider|" +
		"Fischer|Weber|Rossi|Russo|Ferrari|Dubois|Martin|Bernard|Yilmaz|Kaya|Demir|Sahin|Celik|" +
		"Papadopoulos|Georgiou|Taylor|Wilson|Anderson|Saab|Pulido|Vargas|Castro|Ortega"),
	countries: synSplit("RU|RU|RU|RU|IR|IR|IR|CN|CN|CN|AE|AE|SY|KP|BY|VE|HK|HK|TR|LB|IQ|AF|PK|" +
		"CU|MM|US|GB|DE|CY|SG|MY|KZ|UZ|UA|YE|SD|LY|NI|GE|AM"),
	programs: synSplit("SDGT|RUSSIA-EO14024|IRAN|NPWMD|SYRIA|DPRK3|BELARUS-EO14038|UKRAINE-EO13662|" +
		"CYBER2|GLOMAG|VENEZUELA-EO13850|IFSR|SDNTK|IRAN-EO13902|CAATSA - RUSSIA"),
}

func synSplit(s string) []string { return strings.Split(s, "|") }
