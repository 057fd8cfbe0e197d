/**
 * ISO 3166-1 countries with English (and common local) names, demonyms and an approximate
 * centroid, authored for the place gazetteer. Format per line:
 * `alpha2|name;alias…|demonym;…|lat|lon`. Centroids are rounded to a tenth of a degree:
 * they place a country on a map, not a person in it.
 */
export const COUNTRY_TABLE = `
AF|Afghanistan|Afghan;afghan;afghane;Afghaanse|33.9|67.7
AL|Albania;Shqipëria;Albanie;Albanië|Albanian;albanais;albanaise;Albanese|41.2|20.2
DZ|Algeria;Algérie;Algerije|Algerian;algérien;algérienne;Algerijnse|28.0|1.7
AD|Andorra|Andorran|42.5|1.6
AO|Angola|Angolan|-11.2|17.9
AR|Argentina|Argentine;Argentinian|-38.4|-63.6
AM|Armenia|Armenian|40.1|45.0
AU|Australia|Australian|-25.3|133.8
AT|Austria;Österreich;Autriche;Oostenrijk|Austrian;autrichien;autrichienne|47.5|14.6
AZ|Azerbaijan|Azerbaijani;Azeri|40.1|47.6
BH|Bahrain|Bahraini|26.0|50.6
BD|Bangladesh|Bangladeshi|23.7|90.4
BY|Belarus|Belarusian|53.7|28.0
BE|Belgium;België;Belgique|Belgian;belge;Belgische|50.5|4.5
BJ|Benin|Beninese|9.3|2.3
BT|Bhutan|Bhutanese|27.5|90.4
BO|Bolivia|Bolivian|-16.3|-63.6
BA|Bosnia and Herzegovina;Bosnia;Bosnie-Herzégovine;Bosnië|Bosnian;bosnien;bosnienne|43.9|17.7
BW|Botswana|Botswanan|-22.3|24.7
BR|Brazil;Brasil|Brazilian|-14.2|-51.9
BN|Brunei|Bruneian|4.5|114.7
BG|Bulgaria;Bulgarie;Bulgarije|Bulgarian;bulgare|42.7|25.5
BF|Burkina Faso|Burkinabe|12.2|-1.6
BI|Burundi|Burundian|-3.4|29.9
KH|Cambodia|Cambodian|12.6|104.9
CM|Cameroon|Cameroonian|7.4|12.4
CA|Canada|Canadian|56.1|-106.3
CF|Central African Republic|Central African|6.6|20.9
TD|Chad;Tchad;Tsjaad|Chadian;tchadien;tchadienne|15.5|18.7
CL|Chile|Chilean|-35.7|-71.5
CN|China;Chine|Chinese;chinois;chinoise|35.9|104.2
CO|Colombia|Colombian|4.6|-74.3
KM|Comoros|Comorian|-11.9|43.9
CG|Congo;Republic of the Congo|Congolese|-0.2|15.8
CD|Democratic Republic of the Congo;DR Congo;DRC|Congolese;congolais;congolaise|-4.0|21.8
CR|Costa Rica|Costa Rican|9.7|-83.8
CI|Côte d'Ivoire;Ivory Coast|Ivorian|7.5|-5.5
HR|Croatia;Hrvatska|Croatian|45.1|15.2
CU|Cuba|Cuban|21.5|-77.8
CY|Cyprus|Cypriot|35.1|33.4
CZ|Czech Republic;Czechia|Czech|49.8|15.5
DK|Denmark;Danmark;Danemark;Denemarken|Danish;danois;danoise|56.3|9.5
DJ|Djibouti|Djiboutian|11.8|42.6
DO|Dominican Republic|Dominican|18.7|-70.2
EC|Ecuador|Ecuadorian|-1.8|-78.2
EG|Egypt;Égypte;Egypte|Egyptian;égyptien;égyptienne;Egyptische|26.8|30.8
SV|El Salvador|Salvadoran|13.8|-88.9
GQ|Equatorial Guinea|Equatorial Guinean|1.7|10.3
ER|Eritrea|Eritrean|15.2|39.8
EE|Estonia|Estonian|58.6|25.0
ET|Ethiopia|Ethiopian|9.1|40.5
FI|Finland;Suomi|Finnish|61.9|25.7
FR|France|French;français;française;Franse|46.2|2.2
GA|Gabon|Gabonese|-0.8|11.6
GM|Gambia;The Gambia|Gambian|13.4|-15.3
GE|Georgia|Georgian|42.3|43.4
DE|Germany;Deutschland;Allemagne;Duitsland|German;allemand;allemande;Duitse|51.2|10.5
GH|Ghana|Ghanaian|7.9|-1.0
GR|Greece;Hellas;Grèce;Griekenland|Greek;grec;grecque;Griekse|39.1|21.8
GT|Guatemala|Guatemalan|15.8|-90.2
GN|Guinea|Guinean|9.9|-9.7
GW|Guinea-Bissau|Bissau-Guinean|11.8|-15.2
HT|Haiti|Haitian|19.0|-72.3
HN|Honduras|Honduran|15.2|-86.2
HU|Hungary|Hungarian|47.2|19.5
IS|Iceland|Icelandic|64.9|-19.0
IN|India|Indian|20.6|79.0
ID|Indonesia|Indonesian|-0.8|113.9
IR|Iran|Iranian;iranien;iranienne;Iraanse|32.4|53.7
IQ|Iraq;Irak|Iraqi;irakien;irakienne;Iraakse|33.2|43.7
IE|Ireland|Irish|53.4|-8.2
IL|Israel|Israeli|31.0|34.9
IT|Italy;Italia;Italie;Italië|Italian;italien;italienne;Italiaanse|41.9|12.6
JM|Jamaica|Jamaican|18.1|-77.3
JP|Japan|Japanese|36.2|138.3
JO|Jordan;Jordanie;Jordanië|Jordanian;jordanien;jordanienne|30.6|36.2
KZ|Kazakhstan|Kazakh;Kazakhstani|48.0|66.9
KE|Kenya|Kenyan|-0.0|37.9
XK|Kosovo|Kosovar;Kosovan;kosovar;kosovare|42.6|20.9
KW|Kuwait|Kuwaiti|29.3|47.5
KG|Kyrgyzstan|Kyrgyz|41.2|74.8
LA|Laos|Lao;Laotian|19.9|102.5
LV|Latvia|Latvian|56.9|24.6
LB|Lebanon;Liban;Libanon|Lebanese;libanais;libanaise;Libanese|33.9|35.9
LS|Lesotho|Basotho|-29.6|28.2
LR|Liberia|Liberian|6.4|-9.4
LY|Libya;Libye;Libië|Libyan;libyen;libyenne|26.3|17.2
LI|Liechtenstein|Liechtensteiner|47.2|9.6
LT|Lithuania|Lithuanian|55.2|23.9
LU|Luxembourg;Luxemburg|Luxembourgish;Luxembourger;luxembourgeois;luxembourgeoise|49.8|6.1
MG|Madagascar|Malagasy|-18.8|46.9
MW|Malawi|Malawian|-13.3|34.3
MY|Malaysia|Malaysian|4.2|102.0
MV|Maldives|Maldivian|3.2|73.2
ML|Mali|Malian;malien;malienne;Malinese|17.6|-4.0
MT|Malta|Maltese|35.9|14.4
MR|Mauritania|Mauritanian|21.0|-10.9
MU|Mauritius|Mauritian|-20.3|57.6
MX|Mexico|Mexican|23.6|-102.6
MD|Moldova|Moldovan|47.4|28.4
MC|Monaco|Monegasque|43.7|7.4
MN|Mongolia|Mongolian|46.9|103.8
ME|Montenegro|Montenegrin|42.7|19.4
MA|Morocco;Maroc;Marokko|Moroccan;marocain;marocaine;Marokkaanse|31.8|-7.1
MZ|Mozambique|Mozambican|-18.7|35.5
MM|Myanmar;Burma|Burmese|21.9|95.9
NA|Namibia|Namibian|-22.9|18.5
NP|Nepal|Nepalese;Nepali|28.4|84.1
NL|Netherlands;The Netherlands;Holland;Nederland;Pays-Bas|Dutch;néerlandais;néerlandaise;Nederlandse|52.1|5.3
NZ|New Zealand|New Zealander|-40.9|174.9
NI|Nicaragua|Nicaraguan|12.9|-85.2
NE|Niger|Nigerien|17.6|8.1
NG|Nigeria|Nigerian|9.1|8.7
KP|North Korea|North Korean|40.3|127.5
MK|North Macedonia;Macedonia|Macedonian|41.6|21.7
NO|Norway;Norge|Norwegian|60.5|8.5
OM|Oman|Omani|21.5|55.9
PK|Pakistan|Pakistani;pakistanais;pakistanaise|30.4|69.3
PS|Palestine;West Bank;Gaza Strip|Palestinian;palestinien;palestinienne|31.9|35.2
PA|Panama|Panamanian|8.5|-80.8
PG|Papua New Guinea|Papua New Guinean|-6.3|143.9
PY|Paraguay|Paraguayan|-23.4|-58.4
PE|Peru|Peruvian|-9.2|-75.0
PH|Philippines|Filipino;Philippine|12.9|121.8
PL|Poland;Polska;Pologne;Polen|Polish;polonais;polonaise;Poolse|51.9|19.1
PT|Portugal|Portuguese|39.4|-8.2
QA|Qatar|Qatari|25.4|51.2
RO|Romania;Roumanie;Roemenië|Romanian;roumain;roumaine;Roemeense|45.9|25.0
RU|Russia;Russian Federation;Russie;Rusland|Russian;russe;Russische|61.5|105.3
RW|Rwanda|Rwandan|-1.9|29.9
SA|Saudi Arabia;Arabie saoudite;Saoedi-Arabië|Saudi;saoudien;saoudienne|23.9|45.1
SN|Senegal;Sénégal|Senegalese;sénégalais;sénégalaise|14.5|-14.5
RS|Serbia;Srbija|Serbian|44.0|21.0
SL|Sierra Leone|Sierra Leonean|8.5|-11.8
SG|Singapore|Singaporean|1.4|103.8
SK|Slovakia|Slovak|48.7|19.7
SI|Slovenia|Slovenian;Slovene|46.2|15.0
SO|Somalia;Somalie;Somalië|Somali;somalien;somalienne;Somalische|5.2|46.2
ZA|South Africa|South African|-30.6|22.9
KR|South Korea|South Korean|35.9|127.8
SS|South Sudan|South Sudanese|6.9|31.3
ES|Spain;España;Espagne;Spanje|Spanish;espagnol;espagnole;Spaanse|40.5|-3.7
LK|Sri Lanka|Sri Lankan|7.9|80.8
SD|Sudan|Sudanese|12.9|30.2
SR|Suriname|Surinamese|3.9|-56.0
SE|Sweden;Sverige;Suède;Zweden|Swedish;suédois;suédoise|60.1|18.6
CH|Switzerland;Schweiz;Suisse;Zwitserland|Swiss;suisse;Zwitserse|46.8|8.2
SY|Syria;Syrie;Syrië|Syrian;syrien;syrienne;Syrische|34.8|39.0
TW|Taiwan|Taiwanese|23.7|121.0
TJ|Tajikistan;Tadjikistan|Tajik;tadjik;tadjike|38.9|71.3
TZ|Tanzania|Tanzanian|-6.4|34.9
TH|Thailand|Thai|15.9|101.0
TG|Togo|Togolese|8.6|0.8
TN|Tunisia;Tunisie;Tunesië|Tunisian;tunisien;tunisienne;Tunesische|33.9|9.5
TR|Turkey;Türkiye;Turquie;Turkije|Turkish;turc;turque;Turkse|39.0|35.2
TM|Turkmenistan|Turkmen|38.97|59.6
UG|Uganda|Ugandan|1.4|32.3
UA|Ukraine|Ukrainian|48.4|31.2
AE|United Arab Emirates;UAE|Emirati|23.4|53.8
GB|United Kingdom;UK;Britain;Great Britain;England;Scotland;Wales;Northern Ireland;Royaume-Uni|British;English;Scottish;Welsh;britannique|55.4|-3.4
US|United States;United States of America;USA;America|American|37.1|-95.7
UY|Uruguay|Uruguayan|-32.5|-55.8
UZ|Uzbekistan|Uzbek|41.4|64.6
VE|Venezuela|Venezuelan|6.4|-66.6
VN|Vietnam|Vietnamese|14.1|108.3
YE|Yemen;Yémen;Jemen|Yemeni;yéménite|15.6|48.5
ZM|Zambia|Zambian|-13.1|27.8
ZW|Zimbabwe|Zimbabwean|-19.0|29.2
`;

/**
 * Places under city level or under names the GeoNames ≥1000 extract lacks: English exonyms,
 * and the French, Dutch and German names of Belgian and nearby towns ("Anvers", "Luik",
 * "Aix-la-Chapelle"); districts carry their own coordinates. Format:
 * `name;alias…|country|lat|lon|population`. As for countries, the first name is the place's
 * (English where English has one of its own) and every alias finds the same place under it, so a
 * report writing "Antwerpen" and one writing "Anvers" name one town. The population is at least
 * GeoNames' for the town, so that the place named here is the one chosen under its GeoNames name.
 */
export const PLACE_SUPPLEMENT = `
Antwerp;Antwerpen;Anvers|BE|51.22|4.40|529000
Ghent;Gent;Gand|BE|51.05|3.72|263000
Bruges;Brugge|BE|51.21|3.22|118000
Leuven;Louvain|BE|50.88|4.70|101000
Mechelen;Malines|BE|51.02574|4.47762|77530
Kortrijk;Courtrai|BE|50.82803|3.26487|73879
Ostend;Oostende;Ostende|BE|51.21551|2.927|69011
Mons;Bergen|BE|50.45413|3.95229|91277
Liège;Luik;Lüttich|BE|50.63373|5.56749|182597
Namur;Namen|BE|50.4669|4.86746|106284
Tournai;Doornik|BE|50.60715|3.38932|67721
Aalst;Alost|BE|50.93604|4.0355|77534
Roeselare;Roulers|BE|50.94653|3.12269|56016
Ypres;Ieper|BE|50.85114|2.88569|35089
Menen;Menin|BE|50.79722|3.12245|31916
Oudenaarde;Audenarde|BE|50.85168|3.60891|27935
Ronse;Renaix|BE|50.74574|3.6005|24204
Dendermonde;Termonde|BE|51.02869|4.10106|43055
Lier;Lierre|BE|51.13128|4.57041|33272
Veurne;Furnes|BE|51.07316|2.66803|11983
Tongeren;Tongres|BE|50.78054|5.46484|29816
Sint-Truiden;Saint-Trond|BE|50.81679|5.18647|37859
Arlon;Aarlen|BE|49.68333|5.81667|26179
Wavre;Waver|BE|50.71717|4.60138|32112
Nivelles;Nijvel|BE|50.59833|4.32848|24149
Jodoigne;Geldenaken|BE|50.72357|4.86914|11930
Soignies;Zinnik|BE|50.57904|4.07129|24869
Enghien;Edingen|BE|50.68373|4.03284|11367
Ath;Aat|BE|50.62937|3.77801|26681
Molenbeek;Molenbeek-Saint-Jean;Sint-Jans-Molenbeek|BE|50.86|4.32|97000
Schaerbeek;Schaarbeek|BE|50.87|4.38|133000
Anderlecht|BE|50.84|4.31|120000
Laeken;Laken|BE|50.88|4.35|50000
Ixelles;Elsene|BE|50.83|4.37|87000
Forest;Vorst|BE|50.81|4.32|56000
Saint-Gilles;Sint-Gillis|BE|50.83|4.34|50000
Jette|BE|50.88|4.33|52000
Etterbeek|BE|50.84|4.39|48000
Uccle;Ukkel|BE|50.80|4.34|83000
Borgerhout|BE|51.21|4.44|45000
Brussels;Bruxelles;Brussel|BE|50.85045|4.34878|1019022
Gosselies|BE|50.47|4.43|22000
Rekkem|BE|50.79|3.17|3800
Sterpenich|BE|49.65|5.89|600
Aachen;Aix-la-Chapelle;Aken|DE|50.77664|6.08342|265208
Trier;Trèves|DE|49.75565|6.63935|100129
Lille;Rijsel|FR|50.63297|3.05858|228328
Dunkirk;Dunkerque;Duinkerke|FR|51.03297|2.377|71287
Maastricht;Maestricht|NL|50.84833|5.68889|122378
Raqqa;Al-Raqqa|SY|35.95|39.01|220000
Deir ez-Zor|SY|35.34|40.14|210000
Idlib|SY|35.93|36.63|165000
Mosul|IQ|36.34|43.13|1740000
Fallujah|IQ|33.35|43.78|275000
Tetouan|MA|35.57|-5.37|380000
Fnideq|MA|35.85|-5.36|77000
Nørrebro;Norrebro|DK|55.69|12.55|80000
Rinkeby|SE|59.39|17.93|16000
Harburg|DE|53.46|9.98|170000
Wilhelmsburg|DE|53.50|10.00|54000
Neukölln|DE|52.48|13.44|330000
Kreuzberg|DE|52.50|13.40|150000
Saint-Denis|FR|48.94|2.36|112000
Saint-Ouen|FR|48.91|2.33|50000
Sevran|FR|48.94|2.53|51000
Trappes|FR|48.78|2.00|32000
Lunel|FR|43.68|4.14|26000
Pristina;Prishtina|XK|42.67|21.17|200000
Gaza|PS|31.50|34.47|590000
Jerusalem|IL|31.78|35.22|900000
Kyiv;Kiev|UA|50.45|30.52|2900000
Mecca|SA|21.39|39.86|1500000
Cologne;Köln;Keulen|DE|50.94|6.96|1080000
Munich|DE|48.14|11.58|1470000
Nuremberg|DE|49.45|11.08|520000
Hanover|DE|52.37|9.73|530000
Vienna|AT|48.21|16.37|1900000
Prague|CZ|50.08|14.44|1300000
Warsaw|PL|52.23|21.01|1790000
Lisbon|PT|38.72|-9.14|545000
Rome|IT|41.90|12.50|2800000
Milan|IT|45.46|9.19|1370000
Turin|IT|45.07|7.69|870000
Naples|IT|40.85|14.27|960000
Florence|IT|43.77|11.26|380000
Venice|IT|45.44|12.32|260000
Genoa|IT|44.41|8.93|580000
The Hague;Den Haag|NL|52.08|4.31|550000
Copenhagen|DK|55.68|12.57|640000
Gothenburg|SE|57.71|11.97|580000
Athens|GR|37.98|23.73|660000
Moscow|RU|55.76|37.62|12500000
Saint Petersburg|RU|59.94|30.31|5400000
Belgrade|RS|44.80|20.47|1200000
Bucharest|RO|44.43|26.10|1880000
Tbilisi|GE|41.72|44.79|1100000
Cairo|EG|30.04|31.24|9500000
Algiers|DZ|36.75|3.06|2900000
Tripoli|LY|32.89|13.19|1150000
Tunis|TN|36.81|10.18|700000
Damascus|SY|33.51|36.29|1700000
Aleppo|SY|36.20|37.16|1600000
Baghdad|IQ|33.34|44.40|7200000
Basra|IQ|30.51|47.78|1300000
Tehran|IR|35.69|51.39|8700000
Kabul|AF|34.53|69.17|4400000
Beirut|LB|33.89|35.50|1900000
Grozny|RU|43.31|45.69|300000
Marrakesh|MA|31.63|-8.01|930000
Fez|MA|34.03|-5.00|1100000
Zurich|CH|47.37|8.54|420000
Geneva|CH|46.20|6.15|200000
`;
