/**
 * Name pools by origin. Each entry lists its spellings, most common first (the spelling a civil
 * register most often holds), and where it has one the form in its own script. Order within a
 * list is rank: sampling is Zipf-like, so "Mohamed", "Ahmed", "Yilmaz" and "Peeters" collide a lot,
 * as they do in real registers. Pools hold common given names and surnames only; no combination
 * is meant to denote a real person, and surnames tied to notorious cases are left out.
 */
import { cumulative, zipfWeights } from './rng.ts';

export const ORIGINS = ['maghrebi', 'levantine', 'turkish', 'french', 'flemish', 'chechen', 'bosnian', 'somali', 'albanian'] as const;
export type Origin = (typeof ORIGINS)[number];

export interface NameEntry {
  /** Spellings, most common first. */
  readonly forms: readonly string[];
  /** The name in its own script (Arabic, Cyrillic), when the pool has one. */
  readonly native?: string;
}

export interface NamePool {
  readonly origin: Origin;
  readonly male: readonly NameEntry[];
  readonly female: readonly NameEntry[];
  readonly surnames: readonly NameEntry[];
  readonly maleWeights: readonly number[];
  readonly femaleWeights: readonly number[];
  readonly surnameWeights: readonly number[];
  /** Nationality sets (ISO 3166-1 alpha-2, lower case) for people of this origin living here, weighted. */
  readonly nationalities: readonly (readonly string[])[];
  readonly nationalityWeights: readonly number[];
  /** Birth places with their country; the first few are local (second generation). */
  readonly birthPlaces: readonly (readonly [place: string, country: string])[];
  /** Nisba used in kunyas ("al-Belgiki"). */
  readonly nisba: readonly string[];
  /** Number of family-name parts: Somali names chain father's and grandfather's given names. */
  readonly familyNameParts: 1 | 2;
}

/** `n('Mohamed|Mohammed', 'محمد')`: compact entry notation. */
function n(spellings: string, native?: string): NameEntry {
  const forms = [...new Set(spellings.split('|'))];
  return native === undefined ? { forms } : { forms, native };
}

function pool(spec: Omit<NamePool, 'maleWeights' | 'femaleWeights' | 'surnameWeights' | 'nationalityWeights'> & {
  readonly nationalityShares: readonly number[];
}): NamePool {
  const { nationalityShares, ...rest } = spec;
  return {
    ...rest,
    maleWeights: cumulative(zipfWeights(spec.male.length, 0.9)),
    femaleWeights: cumulative(zipfWeights(spec.female.length, 0.8)),
    surnameWeights: cumulative(zipfWeights(spec.surnames.length, 0.7)),
    nationalityWeights: cumulative(nationalityShares),
  };
}

const LOCAL_BIRTH: readonly (readonly [string, string])[] = [
  ['Brussels', 'be'], ['Molenbeek-Saint-Jean', 'be'], ['Schaerbeek', 'be'], ['Anderlecht', 'be'], ['Antwerp', 'be'],
  ['Liège', 'be'], ['Charleroi', 'be'], ['Vilvoorde', 'be'], ['Verviers', 'be'], ['Paris', 'fr'], ['Roubaix', 'fr'],
];

const MAGHREBI = pool({
  origin: 'maghrebi',
  male: [
    n('Mohamed|Mohammed|Muhammad|Mohamad|Mohammad|Mouhamed|Mohamet', 'محمد'),
    n('Ahmed|Ahmad|Ahmet|Amed', 'أحمد'),
    n('Youssef|Youssouf|Yusuf|Yousef|Youcef|Yussef', 'يوسف'),
    n('Karim|Kareem|Karime', 'كريم'),
    n('Hamza|Hamzah|Hamsa', 'حمزة'),
    n('Omar|Oumar|Umar|Omer', 'عمر'),
    n('Ali|Aly', 'علي'),
    n('Mehdi|Mahdi|Mehdy', 'مهدي'),
    n('Bilal|Bilel|Billal', 'بلال'),
    n('Ayoub|Ayub|Ayoube|Ayyub', 'أيوب'),
    n('Ilyas|Ilias|Elias|Iliass|Ilyes', 'إلياس'),
    n('Abdeslam|Abdesalam|Abdessalam|Abd al-Salam|Abdel Salam|Abdul Salam', 'عبد السلام'),
    n('Rachid|Rashid|Rachide|Rasheed', 'رشيد'),
    n('Khalid|Khaled|Khalit|Halid', 'خالد'),
    n('Mustapha|Mustafa|Moustapha|Moustafa', 'مصطفى'),
    n('Abdelkader|Abdelkader|Abd al-Qadir|Abdulkadir|Abdelkadir', 'عبد القادر'),
    n('Abdelaziz|Abd al-Aziz|Abdulaziz|Abdelazis', 'عبد العزيز'),
    n('Nabil|Nabile|Nabeel', 'نبيل'),
    n('Samir|Sameer|Samire', 'سمير'),
    n('Soufiane|Sofiane|Sufyan|Soufian|Sofian', 'سفيان'),
    n('Zakaria|Zakariya|Zakariae|Zacharia', 'زكريا'),
    n('Anouar|Anwar|Anour', 'أنور'),
    n('Jamal|Djamal|Djamel|Jamel|Gamal', 'جمال'),
    n('Brahim|Ibrahim|Ibrahime|Ebrahim', 'إبراهيم'),
    n('Driss|Idriss|Idris|Dris', 'إدريس'),
    n('Said|Saïd|Saeed|Sayed', 'سعيد'),
    n('Tarik|Tarek|Tariq|Tareq', 'طارق'),
    n('Yassine|Yacine|Yasin|Yassin', 'ياسين'),
    n('Adil|Adel|Aadil', 'عادل'),
    n('Hassan|Hasan|Hacene', 'حسن'),
    n('Hicham|Hisham|Hichem|Hesham', 'هشام'),
    n('Mourad|Murad|Morad', 'مراد'),
    n('Nordine|Noureddine|Nour-Eddine|Nur al-Din|Nourdine', 'نور الدين'),
    n('Redouane|Redwan|Ridouane|Ridwan|Rédouane', 'رضوان'),
    n('Abderrahmane|Abdelrahman|Abd al-Rahman|Abdurrahman|Abderahman', 'عبد الرحمن'),
    n('Younes|Younès|Yunus|Younis', 'يونس'),
    n('Othmane|Othman|Osman|Outhmane|Uthman', 'عثمان'),
    n('Ismail|Ismaïl|Ismael|Smail', 'إسماعيل'),
    n('Amine|Amin|Lamine', 'أمين'),
    n('Walid|Oualid|Waleed', 'وليد'),
  ],
  female: [
    n('Fatima|Fatma|Fatiha|Fatimah', 'فاطمة'),
    n('Khadija|Khadidja|Hadija|Khadijah', 'خديجة'),
    n('Aicha|Aïcha|Aisha|Aysha|Aischa', 'عائشة'),
    n('Meryem|Maryam|Myriam|Meriem|Mariam', 'مريم'),
    n('Nadia|Nadja|Nadiya', 'نادية'),
    n('Samira|Sameera|Samirah', 'سميرة'),
    n('Houda|Huda|Hoda', 'هدى'),
    n('Imane|Iman|Imen|Eman', 'إيمان'),
    n('Latifa|Latefa|Lateefa', 'لطيفة'),
    n('Malika|Maleka|Malikah', 'مليكة'),
    n('Najat|Nadjat|Nagat', 'نجاة'),
    n('Salma|Selma|Salmah', 'سلمى'),
    n('Yasmina|Yasmine|Jasmina|Yasmin', 'ياسمينة'),
    n('Zineb|Zeineb|Zaynab|Zainab', 'زينب'),
    n('Hafsa|Hafsah|Hafssa', 'حفصة'),
    n('Souad|Suad|Soad', 'سعاد'),
    n('Naima|Naïma|Naeema', 'نعيمة'),
    n('Asmae|Asma|Asmaa', 'أسماء'),
    n('Loubna|Lubna|Lobna', 'لبنى'),
    n('Siham|Sihame|Seham', 'سهام'),
    n('Hanane|Hanan|Hanene', 'حنان'),
    n('Karima|Karimah|Kerima', 'كريمة'),
    n('Rachida|Rashida|Rachidah', 'رشيدة'),
    n('Sanae|Sanaa|Sana', 'سناء'),
    n('Ikram|Ikrame|Ikraam', 'إكرام'),
  ],
  surnames: [
    n('El Amrani|El-Amrani|Elamrani|Al Amrani|Amrani', 'العمراني'),
    n('Benali|Ben Ali|Ben-Ali|Bin Ali|Benalli', 'بن علي'),
    n('El Idrissi|El-Idrissi|Idrissi|Al-Idrisi|Elidrissi', 'الإدريسي'),
    n('Bouzid|Bouzide|Bou Zid|Bouzit', 'بوزيد'),
    n('Tahiri|Tahari|Taheri', 'الطاهري'),
    n('Alaoui|Alaoui|El Alaoui|Alawi', 'العلوي'),
    n('Haddad|Hadad|Haddade', 'حداد'),
    n('Azzouzi|Azouzi|Azzuzi', 'العزوزي'),
    n('Bakkali|Bakali|El Bakkali|Baqali', 'البقالي'),
    n('El Mansouri|Mansouri|El-Mansouri|Al-Mansuri', 'المنصوري'),
    n('Cherkaoui|Charkaoui|Cherqaoui|Sharqawi', 'الشرقاوي'),
    n('Bennani|Benani|Ben Nani', 'بناني'),
    n('El Khattabi|Khattabi|El-Khatabi|Al-Khattabi', 'الخطابي'),
    n('Ziani|Ziyani|Zyani', 'الزياني'),
    n('Saidi|Saïdi|Essaidi|Es-Saidi', 'السعيدي'),
    n('Rachidi|Rashidi|Errachidi', 'الرشيدي'),
    n('El Ouardi|Ouardi|El Wardi|Elouardi', 'الوردي'),
    n('Zerouali|Zeroual|Zarwali', 'الزروالي'),
    n('Belkacem|Belkassem|Belgacem|Bel Kacem', 'بلقاسم'),
    n('Bouazza|Bouaza|Bu Azza', 'بوعزة'),
    n('El Hajji|Hajji|El Hadji|Elhajji', 'الحجي'),
    n('Benmoussa|Ben Moussa|Benmousa|Bin Musa', 'بن موسى'),
    n('Kaddouri|Kadouri|Qaddouri', 'القدوري'),
    n('El Fassi|Fassi|El-Fasi', 'الفاسي'),
    n('Tazi|Tazy', 'التازي'),
    n('El Yousfi|Yousfi|El Youssfi|Elyousfi', 'اليوسفي'),
    n('Meziane|Meziani|Mezian', 'مزيان'),
    n('Belhadj|Bel Hadj|Belhaj|Benhadj', 'بلحاج'),
    n('Brahimi|Brahmi|Ibrahimi', 'براهيمي'),
    n('Bensalah|Ben Salah|Bensaleh|Bin Salih', 'بن صالح'),
    n('Khelifi|Khalifi|Kelifi', 'خليفي'),
    n('Trabelsi|Trabelssi|Tarabulsi', 'الطرابلسي'),
    n('Gharbi|Ghorbi|Garbi', 'الغربي'),
    n('Hammami|Hamami|El Hammami', 'الحمامي'),
    n('Ben Salem|Bensalem|Ben-Salem|Bin Salim', 'بن سالم'),
    n('Ben Youssef|Benyoussef|Ben Yousef|Bin Yusuf', 'بن يوسف'),
  ],
  nationalities: [['be'], ['be', 'ma'], ['ma'], ['fr', 'ma'], ['fr'], ['be', 'dz'], ['dz'], ['tn'], ['nl', 'ma']],
  nationalityShares: [30, 28, 12, 6, 5, 5, 4, 5, 5],
  birthPlaces: [...LOCAL_BIRTH, ['Tangier', 'ma'], ['Nador', 'ma'], ['Al Hoceima', 'ma'], ['Tetouan', 'ma'], ['Casablanca', 'ma'], ['Oujda', 'ma'], ['Oran', 'dz'], ['Algiers', 'dz'], ['Tunis', 'tn'], ['Sfax', 'tn']],
  nisba: ['al-Belgiki', 'al-Baljiki', 'al-Maghribi', 'al-Faransi', 'al-Hollandi', 'al-Jazairi', 'al-Tunisi', 'al-Rifi'],
  familyNameParts: 1,
});

const LEVANTINE = pool({
  origin: 'levantine',
  male: [
    n('Mohammad|Mohammed|Muhammad|Mohamad|Mhd', 'محمد'),
    n('Ahmad|Ahmed|Ahmet', 'أحمد'),
    n('Mahmoud|Mahmud|Mahmood|Mahmut', 'محمود'),
    n('Abdullah|Abdallah|Abdellah|Abd Allah', 'عبد الله'),
    n('Khaled|Khalid|Haled', 'خالد'),
    n('Ammar|Amar|Ammer', 'عمار'),
    n('Firas|Feras|Firass', 'فراس'),
    n('Hussam|Housam|Hossam|Husam', 'حسام'),
    n('Wael|Wa\'el|Wail', 'وائل'),
    n('Ziad|Ziyad|Zyad', 'زياد'),
    n('Mazen|Mazin|Maazen', 'مازن'),
    n('Samer|Sameer|Samir', 'سامر'),
    n('Rami|Ramy|Rame', 'رامي'),
    n('Fadi|Fady|Fade', 'فادي'),
    n('Anas|Ennes|Anes', 'أنس'),
    n('Muhannad|Mohannad|Mouhannad', 'مهند'),
    n('Omar|Umar|Omer', 'عمر'),
    n('Hussein|Hussain|Husayn|Hosein', 'حسين'),
    n('Yaser|Yasser|Yasir', 'ياسر'),
    n('Tariq|Tarek|Tarik', 'طارق'),
  ],
  female: [
    n('Rana|Ranaa', 'رنا'),
    n('Lina|Leena|Lena', 'لينا'),
    n('Hiba|Heba|Hibah', 'هبة'),
    n('Nour|Noor|Nur', 'نور'),
    n('Rasha|Racha|Rasha\'', 'رشا'),
    n('Dima|Deema', 'ديما'),
    n('Maha|Mahaa', 'مها'),
    n('Reem|Rim|Rima', 'ريم'),
    n('Zainab|Zeinab|Zaynab', 'زينب'),
    n('Huda|Houda|Hoda', 'هدى'),
    n('Fatima|Fatma|Fatimah', 'فاطمة'),
    n('Aya|Ayah|Aia', 'آية'),
  ],
  surnames: [
    n('Al-Hassan|Al Hassan|Alhassan|El Hassan|Hassan', 'الحسن'),
    n('Al-Khatib|Al Khatib|Khatib|El Khatib|Alkhatib', 'الخطيب'),
    n('Al-Ahmad|Al Ahmad|Alahmad|El Ahmad', 'الأحمد'),
    n('Al-Masri|Al Masri|Masri|El Masri', 'المصري'),
    n('Al-Halabi|Halabi|El Halabi', 'الحلبي'),
    n('Al-Jaburi|Al-Jubouri|Jabouri|Al Jabouri', 'الجبوري'),
    n('Al-Obeidi|Al-Ubaydi|Obeidi|Al Obaidi', 'العبيدي'),
    n('Al-Dulaimi|Dulaimi|Al Dleimi|Al-Dulaymi', 'الدليمي'),
    n('Al-Shami|Shami|Al Chami|Chami', 'الشامي'),
    n('Najjar|Al-Najjar|Nadjar|Najar', 'النجار'),
    n('Hamdan|Hamdane|Hamdaan', 'حمدان'),
    n('Saleh|Salih|Salah|Saleh', 'صالح'),
    n('Al-Zoubi|Zoubi|Al Zu\'bi|Alzoubi', 'الزعبي'),
    n('Al-Tamimi|Tamimi|Al Tamimi|Et-Tamimi', 'التميمي'),
    n('Darwish|Darwiche|Derviş|Darwisch', 'درويش'),
    n('Mansour|Mansur|Mansoor', 'منصور'),
    n('Al-Ali|Al Ali|Alali|El Ali', 'العلي'),
  ],
  nationalities: [['sy'], ['iq'], ['be', 'sy'], ['jo'], ['lb']],
  nationalityShares: [45, 25, 15, 8, 7],
  birthPlaces: [['Aleppo', 'sy'], ['Homs', 'sy'], ['Damascus', 'sy'], ['Raqqa', 'sy'], ['Deir ez-Zor', 'sy'], ['Mosul', 'iq'], ['Baghdad', 'iq'], ['Fallujah', 'iq'], ['Amman', 'jo'], ['Tripoli', 'lb'], ['Brussels', 'be']],
  nisba: ['al-Suri', 'al-Halabi', 'al-Iraqi', 'al-Mosuli', 'al-Shami', 'al-Urduni'],
  familyNameParts: 1,
});

const TURKISH = pool({
  origin: 'turkish',
  male: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'Murat', 'Emre', 'Burak', 'Yusuf', 'Ömer', 'Osman', 'Kemal', 'Serkan', 'Volkan', 'Fatih', 'Cem', 'Kadir', 'Halil', 'Süleyman', 'Tolga', 'Furkan', 'Enes', 'Oğuz'].map((f) => n(f)),
  female: ['Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Merve', 'Büşra', 'Esra', 'Özlem', 'Sibel', 'Derya', 'Gül', 'Hülya', 'Songül'].map((f) => n(f)),
  surnames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Korkmaz', 'Aktaş', 'Güneş'].map((f) => n(f)),
  nationalities: [['be', 'tr'], ['tr'], ['be'], ['nl', 'tr'], ['de', 'tr']],
  nationalityShares: [45, 20, 20, 10, 5],
  birthPlaces: [...LOCAL_BIRTH.slice(0, 9), ['Emirdağ', 'tr'], ['Afyonkarahisar', 'tr'], ['Kayseri', 'tr'], ['Istanbul', 'tr'], ['Ankara', 'tr'], ['Gaziantep', 'tr'], ['Konya', 'tr']],
  nisba: ['al-Turki', 'al-Belgiki'],
  familyNameParts: 1,
});

const FRENCH = pool({
  origin: 'french',
  male: ['Jean', 'Pierre', 'Nicolas', 'Julien', 'Thomas', 'Kevin', 'Maxime', 'Antoine', 'Romain', 'Sébastien', 'Mathieu', 'Olivier', 'Christophe', 'Laurent', 'Guillaume', 'Jérémy', 'David', 'Alexandre', 'Florian', 'Quentin', 'Lucas', 'Hugo'].map((f) => n(f)),
  female: ['Marie', 'Julie', 'Camille', 'Sophie', 'Céline', 'Émilie', 'Aurélie', 'Laura', 'Manon', 'Sarah', 'Pauline', 'Léa', 'Chloé', 'Claire', 'Nathalie'].map((f) => n(f)),
  surnames: [
    n('Martin'), n('Dubois|Du Bois|Dubois'), n('Bernard'), n('Thomas'), n('Robert'), n('Richard'), n('Petit'), n('Durand'),
    n('Leroy|Le Roy|Leroi'), n('Moreau'), n('Simon'), n('Laurent'), n('Lefebvre|Lefèvre|Lefevre|Lefèbvre'), n('Michel'),
    n('Garcia'), n('David'), n('Bertrand'), n('Roux|Leroux'), n('Vincent'), n('Fournier'), n('Morel'), n('Girard'),
    n('Lambert'), n('Bonnet'), n('Dupont|Du Pont|Dupond'), n('Lemaire|Le Maire|Lemaître'), n('Fontaine|Lafontaine'),
  ],
  nationalities: [['be'], ['fr']],
  nationalityShares: [60, 40],
  birthPlaces: [['Brussels', 'be'], ['Liège', 'be'], ['Charleroi', 'be'], ['Namur', 'be'], ['Mons', 'be'], ['Verviers', 'be'], ['Paris', 'fr'], ['Lille', 'fr'], ['Roubaix', 'fr'], ['Lyon', 'fr']],
  nisba: ['al-Faransi', 'al-Belgiki'],
  familyNameParts: 1,
});

const FLEMISH = pool({
  origin: 'flemish',
  male: ['Jan', 'Pieter', 'Tom', 'Bart', 'Koen', 'Wouter', 'Stijn', 'Jeroen', 'Dirk', 'Geert', 'Kris', 'Joris', 'Thijs', 'Sander', 'Niels', 'Ruben', 'Jonas', 'Brecht'].map((f) => n(f)),
  female: ['An', 'Els', 'Sofie', 'Lies', 'Katrien', 'Leen', 'Griet', 'Evelien', 'Lotte', 'Sara', 'Nele', 'Hanne', 'Eline', 'Ine', 'Marieke'].map((f) => n(f)),
  surnames: [
    n('Peeters|Peters|Pieters'), n('Janssens|Jansens|Janssen'), n('Maes|Maas'), n('Jacobs|Jacobus'), n('Mertens|Martens'),
    n('Willems|Willemsen'), n('Claes|Claeys|Claes'), n('Goossens|Goosens|Gossens'), n('Wouters|Wauters'),
    n('De Smet|Desmet|De Smedt'), n('Van de Velde|Vandevelde|Van De Velde|Vande Velde'), n('Vermeulen|Ver Meulen'),
    n('De Vos|Devos'), n('Van den Broeck|Vandenbroeck|Van Den Broeck|Vanden Broeck'), n('Hermans|Harmans'),
    n('Verstraete|Verstraeten'), n('De Backer|Debacker|De Bakker'), n('Smets|Smedts'), n('De Clercq|Declercq|De Klerck'),
    n('Lemmens|Lemmes'),
  ],
  nationalities: [['be'], ['nl']],
  nationalityShares: [85, 15],
  birthPlaces: [['Antwerp', 'be'], ['Ghent', 'be'], ['Mechelen', 'be'], ['Vilvoorde', 'be'], ['Leuven', 'be'], ['Brussels', 'be'], ['Bruges', 'be'], ['Rotterdam', 'nl']],
  nisba: ['al-Belgiki', 'al-Hollandi', 'al-Baljiki'],
  familyNameParts: 1,
});

const CHECHEN = pool({
  origin: 'chechen',
  male: [
    n('Magomed|Mahomed|Magamed|Magomet', 'Магомед'), n('Akhmed|Ahmed|Achmed|Akhmad', 'Ахмед'), n('Ruslan|Rouslan', 'Руслан'),
    n('Aslan|Aslane', 'Аслан'), n('Islam|Islame', 'Ислам'), n('Adam|Adame', 'Адам'), n('Zelimkhan|Zelimhan|Selimchan', 'Зелимхан'),
    n('Movsar|Mowsar|Movsare', 'Мовсар'), n('Khamzat|Hamzat|Chamzat', 'Хамзат'), n('Umar|Oumar|Umarr', 'Умар'),
    n('Alikhan|Alihan|Alichan', 'Алихан'), n('Timur|Timour', 'Тимур'), n('Musa|Moussa|Mussa', 'Муса'), n('Anzor|Anzour', 'Анзор'),
  ],
  female: [
    n('Kheda|Heda|Cheda', 'Хеда'), n('Zarema|Sarema', 'Зарема'), n('Madina|Medina', 'Мадина'), n('Aminat|Aminate', 'Аминат'),
    n('Liana|Lyana', 'Лиана'), n('Petimat|Petimate', 'Петимат'), n('Malika|Malica', 'Малика'), n('Raisa|Raissa', 'Раиса'),
    n('Seda|Sedda', 'Седа'),
  ],
  surnames: [
    n('Magomadov|Magomadow|Magomadoff', 'Магомадов'), n('Akhmadov|Ahmadov|Achmadow|Akhmadoff', 'Ахмадов'),
    n('Umarov|Oumarov|Umarow|Umaroff', 'Умаров'), n('Saidov|Saïdov|Saidow', 'Саидов'), n('Israilov|Israïlov|Israilow', 'Исраилов'),
    n('Musayev|Moussaiev|Musaev|Mussajew', 'Мусаев'), n('Khasanov|Hasanov|Chassanow', 'Хасанов'), n('Yusupov|Ioussoupov|Jusupow', 'Юсупов'),
    n('Ibragimov|Ibraguimov|Ibragimow', 'Ибрагимов'), n('Idrisov|Idrissov|Idrisow', 'Идрисов'), n('Gairbekov|Gairbekow|Gaïrbekov', 'Гаирбеков'),
    n('Vakhaev|Vakhayev|Wachajew', 'Вахаев'),
  ],
  nationalities: [['ru'], ['be', 'ru'], ['be']],
  nationalityShares: [55, 25, 20],
  birthPlaces: [['Grozny', 'ru'], ['Gudermes', 'ru'], ['Urus-Martan', 'ru'], ['Shali', 'ru'], ['Argun', 'ru'], ['Liège', 'be'], ['Verviers', 'be']],
  nisba: ['al-Shishani'],
  familyNameParts: 1,
});

const BOSNIAN = pool({
  origin: 'bosnian',
  male: ['Edin', 'Emir', 'Adnan', 'Mirza', 'Amir', 'Haris', 'Kenan', 'Senad', 'Nermin', 'Elvir', 'Almir', 'Jasmin', 'Dženan', 'Armin', 'Tarik'].map((f) => n(f)),
  female: ['Amra', 'Lejla', 'Selma', 'Aida', 'Emina', 'Merima', 'Adna', 'Amina', 'Alma', 'Sabina'].map((f) => n(f)),
  surnames: ['Hodžić', 'Hadžić', 'Begić', 'Delić', 'Kovačević', 'Mehmedović', 'Hasanović', 'Husić', 'Halilović', 'Salihović', 'Omerović', 'Mujić', 'Alić', 'Spahić', 'Džafić', 'Karić'].map((f) => n(f)),
  nationalities: [['ba'], ['be', 'ba'], ['be']],
  nationalityShares: [40, 35, 25],
  birthPlaces: [['Sarajevo', 'ba'], ['Zenica', 'ba'], ['Tuzla', 'ba'], ['Bihać', 'ba'], ['Mostar', 'ba'], ['Brussels', 'be'], ['Antwerp', 'be']],
  nisba: ['al-Bosni'],
  familyNameParts: 1,
});

const SOMALI = pool({
  origin: 'somali',
  male: [
    n('Mohamed|Maxamed|Mohammed|Mahamed'), n('Abdi|Cabdi|Abdy'), n('Ahmed|Axmed|Ahmad'),
    n('Abdirahman|Cabdiraxmaan|Abdurahman|Abdirahmaan'), n('Hassan|Xasan|Hasan'), n('Ali|Cali'),
    n('Omar|Cumar|Umar'), n('Yusuf|Yuusuf|Yousouf'), n('Abdullahi|Cabdullaahi|Abdulahi'),
    n('Mahad|Mahat'), n('Farah|Faarax|Farax'), n('Liban|Liibaan|Libaan'), n('Ismail|Ismaaciil|Ismaciil'),
    n('Jama|Jaamac|Jamac'), n('Osman|Cismaan|Usman'), n('Nur|Nuur|Noor'), n('Aden|Aadan|Adan'),
    n('Warsame|Warsama|Warsamé'), n('Hussein|Xuseen|Husein'),
  ],
  female: [
    n('Hodan|Hodaan'), n('Fadumo|Faadumo|Fatuma'), n('Hawa|Xawa|Haawo'), n('Amina|Aamina|Amino'),
    n('Sahra|Saxra|Sahro'), n('Ifrah|Ifraax|Ifra'), n('Nasra|Nasro|Naasra'), n('Ayan|Ayaan'),
    n('Deeqa|Deqa|Deka'), n('Halima|Xaliimo|Halimo'),
  ],
  // Somali names chain given, father's and grandfather's names: the "surname" is the father's given name.
  surnames: [
    n('Farah|Faarax|Farax'), n('Ali|Cali'), n('Hassan|Xasan|Hasan'), n('Mohamed|Maxamed|Mohammed'), n('Warsame|Warsama'), n('Abdi|Cabdi'),
    n('Jama|Jaamac|Jamac'), n('Osman|Cismaan'), n('Aden|Aadan'), n('Hussein|Xuseen'), n('Nur|Nuur'), n('Mohamud|Maxamuud|Mahmoud'),
    n('Egal|Cigaal|Igal'), n('Ahmed|Axmed'), n('Ismail|Ismaaciil'), n('Yusuf|Yuusuf'), n('Dirie|Diiriye|Diriye'), n('Guled|Guuleed'),
  ],
  nationalities: [['so'], ['be', 'so'], ['nl', 'so'], ['be']],
  nationalityShares: [45, 25, 15, 15],
  birthPlaces: [['Mogadishu', 'so'], ['Kismayo', 'so'], ['Baidoa', 'so'], ['Hargeisa', 'so'], ['Nairobi', 'ke'], ['Brussels', 'be'], ['Antwerp', 'be']],
  nisba: ['al-Somali'],
  familyNameParts: 2,
});

const ALBANIAN = pool({
  origin: 'albanian',
  male: ['Arben', 'Besnik', 'Driton', 'Agron', 'Fatos', 'Genc', 'Ilir', 'Kushtrim', 'Labinot', 'Valon', 'Blerim', 'Arbër', 'Endrit', 'Leutrim', 'Fitim'].map((f) => n(f)),
  female: ['Arta', 'Blerta', 'Drita', 'Elira', 'Fjolla', 'Mimoza', 'Liridona', 'Teuta', 'Valbona', 'Shqipe'].map((f) => n(f)),
  surnames: ['Krasniqi', 'Gashi', 'Morina', 'Shala', 'Rexhepi', 'Bytyqi', 'Kelmendi', 'Hasani', 'Bajrami', 'Shabani', 'Ahmeti', 'Zeqiri', 'Halili', 'Berisha'].map((f) => n(f)),
  nationalities: [['xk'], ['al'], ['be', 'xk'], ['mk']],
  nationalityShares: [40, 20, 25, 15],
  birthPlaces: [['Pristina', 'xk'], ['Prizren', 'xk'], ['Gjilan', 'xk'], ['Tirana', 'al'], ['Tetovo', 'mk'], ['Brussels', 'be'], ['Liège', 'be']],
  nisba: ['al-Albani', 'al-Kosovi'],
  familyNameParts: 1,
});

export const NAME_POOLS: Readonly<Record<Origin, NamePool>> = {
  maghrebi: MAGHREBI,
  levantine: LEVANTINE,
  turkish: TURKISH,
  french: FRENCH,
  flemish: FLEMISH,
  chechen: CHECHEN,
  bosnian: BOSNIAN,
  somali: SOMALI,
  albanian: ALBANIAN,
};

/** Prophetic and companion names commonly taken in kunyas ("Abu Hamza"). */
export const KUNYA_NAMES: readonly string[] = [
  'Hamza', 'Omar', 'Musab', 'Bakr', 'Ubayda', 'Suleiman', 'Khalid', 'Yusuf', 'Talha', 'Qaqa', 'Walid', 'Anas', 'Mohammed', 'Abdallah', 'Ibrahim', 'Idris', 'Zubayr', 'Muadh',
];

/** Everyday short forms and nicknames, by first spelling of a given name. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Mohamed: ['Momo', 'Hamid', 'Mimoun'],
  Mohammad: ['Hamoudi', 'Mhd'],
  Abdeslam: ['Abdel', 'Slam'],
  Abdelkader: ['Kader', 'Abdel'],
  Abdelaziz: ['Aziz'],
  Abderrahmane: ['Abdel', 'Rahman'],
  Youssef: ['Youss', 'Yoyo'],
  Brahim: ['Brahm'],
  Mustapha: ['Mous', 'Mousti'],
  Nordine: ['Nono'],
  Soufiane: ['Souf'],
  Zakaria: ['Zak', 'Zaki'],
  Magomed: ['Magi', 'Maga'],
  Mehmet: ['Memo'],
  Abdirahman: ['Abdi'],
  Nicolas: ['Nico'],
  Sébastien: ['Seb'],
  Alexandre: ['Alex'],
  Khadija: ['Dija'],
  Fatima: ['Fati', 'Tima'],
};
