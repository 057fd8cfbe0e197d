/**
 * Names of persons on the OFAC list (../shared/data/ofac, the 2021 snapshot) written in Greek or
 * Cyrillic script, by entry number: how a checkpoint would meet them in another script.
 *
 * - Greek: the rendering Greek news media use for these people (a Greek record of a foreigner
 *   spells the name so: μπ, ντ, γκ, τζ, γι for b, d, g, j, y, χ for h and kh).
 * - Cyrillic: the person's own name in the language of their country: Belarusian for the
 *   Belarus programme (Аляксандр Рыгоравіч Лукашэнка), Ukrainian for Ukrainians of the Ukraine
 *   programmes, Russian for Russians; one Belarusian also in its Russian form.
 *
 * Written for the evaluation of transliteration (bench/eval-cross-script.ts) from general
 * knowledge of these public figures' names, after the Greek foreign-name rule of
 * packages/matching/src/transliterate.ts was written and before the Ukrainian and Belarusian
 * one; not tuned on. The Latin side is read from the OFAC files at run time. Where the listing
 * gives no patronymic, none is written here.
 */
export interface NativeScriptName {
  readonly entNum: string;
  readonly script: 'greek' | 'belarusian' | 'ukrainian' | 'russian';
  readonly native: string;
}

export const OFAC_NATIVE_SCRIPT: readonly NativeScriptName[] = [
  // Greek renderings of foreign names
  { entNum: '12606', script: 'greek', native: 'Μουαμάρ Καντάφι' },
  { entNum: '12735', script: 'greek', native: 'Μπασάρ αλ-Άσαντ' },
  { entNum: '12725', script: 'greek', native: 'Μάχερ αλ-Άσαντ' },
  { entNum: '2676', script: 'greek', native: 'Αϊμάν αλ-Ζαουάχρι' },
  { entNum: '2686', script: 'greek', native: 'Χασάν Νασράλα' },
  { entNum: '23343', script: 'greek', native: 'Ραμζάν Καντίροφ' },
  { entNum: '22790', script: 'greek', native: 'Νικολάς Μαδούρο' },
  { entNum: '20157', script: 'greek', native: 'Κιμ Γιονγκ Ουν' },
  { entNum: '9758', script: 'greek', native: 'Νταούντ Ιμπραήμ' },
  { entNum: '18529', script: 'greek', native: 'Μοχάμεντ Ντέιφ' },
  { entNum: '23627', script: 'greek', native: 'Ισμαήλ Χανίγια' },
  { entNum: '6861', script: 'greek', native: 'Χοακίν Γκουσμάν' },
  { entNum: '21171', script: 'greek', native: 'Γεβγκένι Πριγκόζιν' },
  { entNum: '24283', script: 'greek', native: 'Όλεγκ Ντεριπάσκα' },
  { entNum: '24306', script: 'greek', native: 'Βίκτορ Βέξελμπεργκ' },
  { entNum: '24325', script: 'greek', native: 'Σουλεϊμάν Κερίμοφ' },
  { entNum: '10481', script: 'greek', native: 'Κασέμ Σολεϊμανί' },
  { entNum: '15945', script: 'greek', native: 'Αμπού Μοχάμαντ αλ-Τζολάνι' },
  { entNum: '18528', script: 'greek', native: 'Γιαχία Σινουάρ' },
  { entNum: '10725', script: 'greek', native: 'Ράμι Μαχλούφ' },
  { entNum: '26945', script: 'greek', native: 'Αλί Χαμενεΐ' },
  { entNum: '26950', script: 'greek', native: 'Μοχάμαντ Τζαβάντ Ζαρίφ' },
  { entNum: '16692', script: 'greek', native: 'Ιγκόρ Σέτσιν' },
  { entNum: '24083', script: 'greek', native: 'Αλεξέι Μίλερ' },
  { entNum: '16663', script: 'greek', native: 'Βίκτορ Μεντβεντσούκ' },
  { entNum: '16961', script: 'greek', native: 'Ιγκόρ Γκίρκιν' },
  { entNum: '10612', script: 'greek', native: 'Αμπντελμαλέκ Ντρουκντέλ' },
  { entNum: '8084', script: 'greek', native: 'Μοχτάρ Μπελμοχτάρ' },
  { entNum: '9760', script: 'greek', native: 'Αλεξάντρ Λουκασένκο' },
  { entNum: '16641', script: 'greek', native: 'Βίκτορ Γιανουκόβιτς' },
  { entNum: '16762', script: 'greek', native: 'Μικόλα Αζάροφ' },
  // Belarusian
  { entNum: '9760', script: 'belarusian', native: 'Аляксандр Рыгоравіч Лукашэнка' },
  { entNum: '9761', script: 'belarusian', native: 'Віктар Рыгоравіч Галаванаў' },
  { entNum: '9762', script: 'belarusian', native: 'Аляксандр Леанідавіч Зімоўскі' },
  { entNum: '9766', script: 'belarusian', native: 'Сцяпан Мікалаевіч Сухарэнка' },
  { entNum: '9768', script: 'belarusian', native: 'Дзмітрый Валер\'евіч Паўлічэнка' },
  { entNum: '9769', script: 'belarusian', native: 'Віктар Уладзіміравіч Шэйман' },
  { entNum: '9770', script: 'belarusian', native: 'Лідзія Міхайлаўна Ярмошына' },
  { entNum: '9771', script: 'belarusian', native: 'Наталля Уладзіміраўна Пяткевіч' },
  { entNum: '9797', script: 'belarusian', native: 'Віктар Аляксандравіч Лукашэнка' },
  { entNum: '9898', script: 'belarusian', native: 'Уладзімір Уладзіміравіч Навумаў' },
  { entNum: '29662', script: 'belarusian', native: 'Аляксандр Пятровіч Барсукоў' },
  { entNum: '29663', script: 'belarusian', native: 'Іван Уладзіміравіч Кубракоў' },
  { entNum: '29664', script: 'belarusian', native: 'Дзмітрый Уладзіміравіч Балаба' },
  { entNum: '29671', script: 'belarusian', native: 'Юрый Генадзьевіч Назаранка' },
  { entNum: '29674', script: 'belarusian', native: 'Вадзім Дзмітрыевіч Іпатаў' },
  { entNum: '30545', script: 'belarusian', native: 'Генадзь Аркадзьевіч Казакевіч' },
  { entNum: '31674', script: 'belarusian', native: 'Мікалай Карпянкоў' },
  { entNum: '31831', script: 'belarusian', native: 'Міхаіл Грыб' },
  { entNum: '31911', script: 'belarusian', native: 'Вольга Леанідаўна Дарашэнка' },
  { entNum: '31948', script: 'belarusian', native: 'Ірына Аляксандраўна Цэлікавец' },
  { entNum: '31950', script: 'belarusian', native: 'Наталля Іванаўна Качанава' },
  { entNum: '9760', script: 'russian', native: 'Александр Григорьевич Лукашенко' },
  // Ukrainian
  { entNum: '16641', script: 'ukrainian', native: 'Віктор Федорович Янукович' },
  { entNum: '16721', script: 'ukrainian', native: 'Олександр Вікторович Янукович' },
  { entNum: '16762', script: 'ukrainian', native: 'Микола Янович Азаров' },
  { entNum: '16737', script: 'ukrainian', native: 'Сергій Арбузов' },
  { entNum: '16601', script: 'ukrainian', native: 'Віталій Юрійович Захарченко' },
  { entNum: '16735', script: 'ukrainian', native: 'Едуард Анатолійович Ставицький' },
  { entNum: '16764', script: 'ukrainian', native: 'Андрій Петрович Клюєв' },
  { entNum: '17163', script: 'ukrainian', native: 'Олег Анатолійович Царьов' },
  { entNum: '17301', script: 'ukrainian', native: 'Сергій Анатолійович Здрилюк' },
  { entNum: '16715', script: 'ukrainian', native: 'Петро Анатолійович Зима' },
  { entNum: '30867', script: 'ukrainian', native: 'Дмитро Володимирович Ковальчук' },
  { entNum: '16663', script: 'ukrainian', native: 'Віктор Медведчук' },
  // Russian
  { entNum: '23343', script: 'russian', native: 'Рамзан Ахматович Кадыров' },
  { entNum: '21171', script: 'russian', native: 'Евгений Викторович Пригожин' },
  { entNum: '24283', script: 'russian', native: 'Олег Владимирович Дерипаска' },
  { entNum: '16961', script: 'russian', native: 'Игорь Всеволодович Гиркин' },
  { entNum: '16692', script: 'russian', native: 'Игорь Сечин' },
  { entNum: '24083', script: 'russian', native: 'Алексей Борисович Миллер' },
  { entNum: '16666', script: 'russian', native: 'Геннадий Тимченко' },
  { entNum: '16669', script: 'russian', native: 'Аркадий Ротенберг' },
  { entNum: '16642', script: 'russian', native: 'Сергей Валерьевич Аксёнов' },
  { entNum: '16958', script: 'russian', native: 'Денис Пушилин' },
  { entNum: '17261', script: 'russian', native: 'Наталья Владимировна Поклонская' },
];
