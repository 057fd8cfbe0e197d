/**
 * Word lists that drive the rules: titles, cue words, organisation heads, particles, kinship
 * terms and the capitalised function words that open sentences. Stored as folded keys.
 */
import { foldKey } from './normalise.ts';

function set(block: string): ReadonlySet<string> {
  return new Set(block.split(/\s+/).filter((w) => w.length > 0).map((w) => foldKey(w.replace(/_/g, ' '))));
}

/** Honorifics and ranks written before a name; "Mr Benali" makes Benali a person. */
export const TITLES = set(`mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady sheikh shaykh imam mullah
mufti emir amir hajj haji sayyid monsieur madame mme mlle m. herr frau dhr mevr señor señora sr sra signor signora
judge justice prosecutor magistrate inspector commissioner superintendent officer constable agent detective sergeant
sgt lieutenant lt captain capt colonel col general gen major maj commander cmdr corporal private minister president
mayor senator deputy lawyer attorney counsel barrister solicitor suspect defendant witness victim brother sister
father mother uncle aunt cousin professor chief`);

/** Kinship terms; the value is the relation kind recorded on `family`. */
export const KINSHIP: ReadonlyMap<string, string> = new Map(
  `brother sister son daughter father mother wife husband cousin uncle aunt nephew niece grandfather grandmother
grandson granddaughter stepbrother stepsister stepfather stepmother stepson stepdaughter half-brother half-sister
brother-in-law sister-in-law father-in-law mother-in-law son-in-law daughter-in-law partner spouse fiancé fiancée
fiance fiancee widow widower twin`
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .flatMap((w) => [[w, w], [`${w}s`, w]] as [string, string][]),
);
export const KINSHIP_PATTERN = [...KINSHIP.keys()].sort((a, b) => b.length - a.length).join('|');

export const ASSOCIATE_PATTERN = 'associate|associates|friend|friends|accomplice|accomplices|acquaintance|co-defendant|co-conspirator|confidant|flatmate|roommate|right-hand man|henchman|lieutenant|lieutenants';
export const NEIGHBOUR_PATTERN = 'neighbour|neighbours|neighbor|neighbors';

/** Lower-case particles inside names (el, ben, ould, van der, de la…). */
export const PARTICLES = set(`al el ad ar as ash at az an ben bin ibn bint abu abou ould ait aït bou van von der den de
di da du des la le los las dos das del della ter ten te op zu y e`);
/** Particles that may open a surname-only mention ("ould Abdallahi", "van den Broeck"). */
export const LEADING_PARTICLES = set(`ould ben bin ibn abu abou van von`);
/** Connectors that may join the parts of an organisation name. */
export const ORG_CONNECTORS = set(`of for and the et de du des d' la le del della di of_the for_the de_la & against`);

/**
 * Words that make a capitalised sequence an organisation wherever they stand
 * ("Federal Judicial Police", "Van Damme Logistics BV", "Katiba Dounzou").
 */
export const ORG_WORDS = set(`group network cell brigade brigades battalion front army movement organisation organization
party police policing polizei politie polizia policía policia gendarmerie carabinieri guardia ministry ministère
department directorate direction service services agency office unit court tribunal bureau council committee commission
association foundation bank company corporation corp inc ltd llc limited plc sa sarl sas sprl srl bv bvba nv gmbh ag ab
as aps oy sh.p.k. sh.p.k s.p.a. s.p.a spa holding holdings trading logistics transport transports motors airlines airways imports
import export exports reizen travel telecom mosque centre center university school academy institute hospital guard
federation union coalition alliance authority prefecture forces squad regiment division command syndicate cartel gang
clan brotherhood jamaat jamaah jamaa katiba katibat ansar harakat haraka saraya jund kataib liwa tanzim hizb jabhat
jaish ahrar fatah europol interpol eurojust frontex nato`);
/** Organisation heads that take a complement: "Ministry of the Interior", "Unit for Threat Analysis". */
export const ORG_HEADS = set(`ministry department directorate direction service services agency office unit court
bureau council committee commission association foundation bank university institute academy federation union
brigade army front movement organisation organization party authority command centre center school guard`);
/** Lower-case descriptors after a name: "the Frères du Levant network". */
export const ORG_DESCRIPTORS = 'network|cell|group|gang|clan|militia|organisation|organization|movement|brigade|faction';
/** Organisations known by one word. */
export const KNOWN_ORGS = set(`Europol Interpol Eurojust Frontex NATO Carabinieri Gendarmerie Mossos Ertzaintza Bundeswehr
Bundespolizei Politie Polizei`);
/** Upper-case tokens that are not organisations. */
export const NON_ORG_ACRONYMS = set(`ID DNA CCTV GPS SIM USB GSM IMEI IBAN SMS PDF DOB EUR USD GBP SEK CHF DKK NOK TATP
IED AK TV UK US USA EU UN VIP ATM PIN IP PC RESTRICTED CONFIDENTIAL SECRET UNCLASSIFIED NOTE MEMO TLP AM PM CEO
KC QC MP OK ISO HQ NB PS BMW VW`);

/** Vehicle makes: "a grey Peugeot 308" is a vehicle, not a person. */
export const VEHICLE_MAKES = set(`Peugeot Renault Citroën Citroen Ford Volkswagen VW Audi BMW Mercedes Mercedes-Benz Opel
Fiat Toyota Nissan Honda Hyundai Kia Skoda Škoda Seat Dacia Volvo Mazda Suzuki Mitsubishi Lexus Porsche Jeep
Land Rover Range Tesla Alfa Lancia Iveco Scania MAN DAF Yamaha Kawasaki Ducati Vespa Chevrolet Chrysler Dodge`);

/** Capitalised words that open sentences or headings and never start a name. */
export const STOPWORDS = set(`a an the this that these those there here he she it they we you i his her its their our
my your him them us who whom whose which what when where why how and or but nor so yet if then than as at by for from
in into of on onto to with without within about above after against along among around before behind below beneath
beside between beyond during except inside near off out outside over since through throughout till toward towards
under until up upon via per also all any both each every few many more most much no none not only other same some
such one two three four five six seven eight nine ten first second third fourth fifth last next another several
according although though because while whereas however meanwhile moreover furthermore therefore thus hence
nevertheless instead still already again once yesterday today tomorrow tonight earlier later now then
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december is are was were be been has have had do does did will would shall
should can could may might must let please dear yes
в во на с со к ко у о об по из от до за для при без после затем потом позже тогда также кроме однако он она они оно
его её ее их мы вы я это этот эта эти там здесь вчера сегодня утром вечером днём ночью`);

/** Capitalised words that open a sentence or heading but may also open an organisation name. */
export const SOFT_STOPWORDS = set(`police
prosecutors investigators officers authorities detectives jurors residents witnesses neighbours neighbors sources
officials analysts security intelligence subject subjects assessment contact requested recommendation summary report
press release incident log note analyst case ref ref. re annex appendix section page item sir madam
seized vehicle analysis search second third team report prepared call calls records detail phone telephone mobile
email e-mail address passport id card number registration plate threat threat-level level national federal local
regional public state central northern southern eastern western north south east west new old former late main key
christmas easter ramadan eid islamic muslim christian jewish jihadist salafist`);

/** Capitalised nouns that are not names even inside a sequence of capitals. */
export const NON_NAME_WORDS = set(`airport station street road avenue square bridge hotel market mall centre center hall
park stadium prison court crown palace cathedral church synagogue mosque museum tower building house university
school hospital clinic district province region county state city town village republic kingdom island islands sea
ocean river lake mountain mount valley desert coast border bay strait channel gulf peninsula
information system database operation operations assessment intelligence summary release note report memo log brief
briefs analysis division unit desk team`);

/**
 * Names of towns that are also words or surnames of the reports' languages, read as the town only
 * after a locative ("in Namen", "naar Luik"), never by the town's size alone: Dutch "namen" (names)
 * and "luik" (a hatch), for Namur and Liège; "Bergen", a surname and a Dutch and German word
 * (mountains), for Mons and Norway's Bergen; Dutch "aken" (barges), for Aachen; French "trêves"
 * (truces), for Trier.
 */
export const PLACE_NAMES_ALSO_WORDS = set(`namen luik bergen aken trèves`);

/**
 * Prepositions after which a known place name is read as a place, in English, Dutch ("naar Luik",
 * "te Namen", "uit", "vanuit", "bij"), French ("à", "vers", "depuis") and German ("nach", "aus", "bei").
 */
export const LOCATIVE_PATTERN = /(?:^|[^\p{L}])(?:in|at|near|from|to|via|outside|around|towards|toward|into|through|across|between|of|and|for|reach|reached|leave|left|visit|visited|entered|crossed|north of|south of|east of|west of|naar|te|uit|vanuit|bij|à|vers|depuis|nach|aus|bei)\s+(?:the\s+)?$/iu;
