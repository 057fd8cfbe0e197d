/**
 * Fictional people for the screening benchmarks: given names and surnames of many origins,
 * written for this file from common-name knowledge (not taken from any watchlist), and the
 * seeded typo operations the positives are built with. No combination is meant to denote a
 * real person.
 */

export interface Origin {
  readonly name: string;
  readonly given: readonly string[];
  readonly surnames: readonly string[];
  readonly nationality: string;
}

const split = (s: string): string[] => s.trim().split(/\s+/);

export const ORIGINS: readonly Origin[] = [
  { name: 'english', nationality: 'gb', given: split('Oliver Harry George Jack Emily Olivia Amelia Jessica Thomas James William Charlotte Sophie Daniel Matthew Hannah Lucy Samuel Joseph Grace Benjamin Eleanor Henry Alice'), surnames: split('Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Hughes Edwards Turner Cooper Harris') },
  { name: 'german', nationality: 'de', given: split('Lukas Leon Finn Jonas Paul Felix Maximilian Anna Lea Lena Hannah Marie Johanna Katharina Julia Sebastian Tobias Florian Stefan Jürgen Uwe Dieter Sabine Petra Monika'), surnames: split('Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange') },
  { name: 'spanish', nationality: 'es', given: split('Alejandro Pablo Álvaro Hugo Diego Javier Sergio Lucía María Paula Carmen Laura Marta Elena Cristina Raquel Jorge Rubén Adrián Iván Nerea Ainhoa Irene Beatriz Rocío'), surnames: split('García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos') },
  { name: 'italian', nationality: 'it', given: split('Francesco Alessandro Lorenzo Matteo Leonardo Andrea Gabriele Riccardo Giulia Sofia Aurora Alice Ginevra Chiara Federica Valentina Giuseppe Antonio Salvatore Vincenzo Rosa Francesca Elisa Luca Marco'), surnames: split('Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti DeLuca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi') },
  { name: 'polish', nationality: 'pl', given: split('Jakub Kacper Szymon Mateusz Bartosz Michał Wojciech Krzysztof Zuzanna Julia Maja Zofia Agnieszka Katarzyna Małgorzata Magdalena Joanna Tomasz Paweł Łukasz Grzegorz Dorota Beata Ewa Piotr'), surnames: split('Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek Zając') },
  { name: 'russian', nationality: 'ru', given: split('Aleksandr Dmitriy Maksim Sergey Andrey Alexey Artem Ilya Kirill Mikhail Anastasiya Mariya Darya Anna Yelena Olga Tatyana Natalya Svetlana Irina Yekaterina Nikolay Vladimir Pavel Yuliya'), surnames: split('Smirnov Kuznetsov Popov Vasilyev Sokolov Mikhaylov Novikov Fyodorov Morozov Volkov Alekseyev Lebedev Semyonov Yegorov Pavlov Kozlov Stepanov Nikolayev Orlov Andreyev Makarov Zaytsev Solovyov Borisov Yakovlev') },
  { name: 'chinese', nationality: 'cn', given: split('Wei Fang Xiuying Na Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Tao Ming Chao Xiaoling Hui Gang Ping Hong Guiying Xin Bo'), surnames: split('Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Deng') },
  { name: 'japanese', nationality: 'jp', given: split('Haruto Yuto Sota Yuki Hayato Haruki Ryusei Koki Sakura Yui Hina Aoi Rin Yuna Mei Hiroshi Takashi Kenji Akira Satoshi Naoko Yoko Keiko Tomoko Daiki'), surnames: split('Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Ishikawa') },
  { name: 'korean', nationality: 'kr', given: split('Minjun Seojun Doyun Yejun Siwoo Hajun Jiho Seoyeon Seoyun Jiwoo Seohyun Minseo Hayoon Jiyoung Eunji Sungmin Jihoon Hyunwoo Donghyun Soyeon'), surnames: split('Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong') },
  { name: 'vietnamese', nationality: 'vn', given: split('Anh Minh Huy Khoa Phuc Quang Thanh Tuan Trang Linh Huong Thao Ngoc Lan Mai Hoa Duc Hieu Nam Long'), surnames: split('Nguyen Tran Le Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly') },
  { name: 'indian', nationality: 'in', given: split('Aarav Vihaan Arjun Sai Reyansh Krishna Ishaan Rohan Priya Ananya Diya Saanvi Aadhya Kavya Meera Rahul Amit Sanjay Vikram Sunita Anjali Deepika Pooja Rajesh Suresh'), surnames: split('Sharma Verma Gupta Patel Singh Kumar Reddy Nair Iyer Rao Mehta Shah Joshi Desai Kapoor Malhotra Chopra Banerjee Chatterjee Mukherjee Das Bose Pillai Menon Agarwal') },
  { name: 'nigerian', nationality: 'ng', given: split('Chukwuemeka Oluwaseun Adebayo Babatunde Chinedu Emeka Ifeanyi Obinna Tunde Ngozi Chiamaka Adaeze Funmilayo Yetunde Folake Nkechi Uchenna Olumide Kelechi Temitope'), surnames: split('Okafor Okonkwo Adeyemi Ogunleye Eze Nwosu Obi Adebayo Balogun Chukwu Onyeka Okeke Afolabi Olawale Nnamdi Ibekwe Oyelaran Akinola Uzoma Ezeani') },
  { name: 'ethiopian', nationality: 'et', given: split('Abebe Tesfaye Girma Dawit Yonas Solomon Tekle Bekele Almaz Tigist Meron Hirut Selam Genet Mulu Haile Getachew Kebede Berhanu Lemlem'), surnames: split('Tadesse Alemu Wolde Mengistu Gebremedhin Assefa Desta Tekeste Negash Ayele Bekele Tilahun Worku Mesfin Abera Demissie Kassa Mulugeta Shiferaw Yohannes') },
  { name: 'turkish', nationality: 'tr', given: split('Yusuf Eymen Ömer Mustafa Emir Mehmet Ahmet Ali Hüseyin İbrahim Zeynep Elif Defne Ayşe Fatma Emine Hatice Merve Büşra Kemal Murat Burak Cem Serkan Gökhan'), surnames: split('Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Erdoğan Güneş Akın') },
  { name: 'arabic', nationality: 'eg', given: split('Karim Tarek Amr Hany Sherif Wael Hossam Nader Ramy Yasser Mona Dina Rania Heba Noha Salma Nour Yasmin Laila Samira Fady Bassem Hazem Ashraf Magdy'), surnames: split('Mansour Fahmy Shalaby Soliman Hamdy Zaki Saad Naguib Farouk Helmy Ragab Gaber Metwally Shehata Abdelaziz Badawi ElSayed Kamal Lotfy Mostafa Radwan Sabry Tawfik Wahba Zaher') },
  { name: 'persian', nationality: 'ir', given: split('Amir Arash Babak Dariush Farhad Kamran Kourosh Mehdi Parviz Reza Shahram Siavash Azadeh Fereshteh Golnaz Leila Mahnaz Nasrin Parisa Roya Shirin Soheila Yasaman Navid Omid'), surnames: split('Ahmadi Mohammadi Hosseini Rezaei Moradi Karimi Jafari Rahimi Ghorbani Kazemi Sadeghi Bagheri Heidari Mousavi Shirazi Tehrani Esfahani Farahani Nikpour Rostami Soltani Tavakoli Zamani Yazdani Ebrahimi') },
  { name: 'brazilian', nationality: 'br', given: split('Miguel Arthur Heitor Bernardo Davi Gabriel Pedro Lucas Matheus Rafael Helena Valentina Laura Isabella Manuela Beatriz Larissa Camila Fernanda Juliana Thiago Gustavo Leandro Rodrigo Vinícius'), surnames: split('Silva Santos Oliveira Souza Lima Pereira Ferreira Costa Carvalho Almeida Ribeiro Alves Rocha Gomes Martins Araújo Barbosa Cardoso Teixeira Cavalcanti Monteiro Moura Nascimento Mendes Freitas') },
  { name: 'swedish', nationality: 'se', given: split('Erik Lars Karl Anders Johan Per Nils Mikael Björn Gustav Anna Eva Maria Karin Kristina Lena Ingrid Sara Emma Astrid Linnea Sven Olof Henrik Magnus'), surnames: split('Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Lindberg Lindström Lindqvist Berglund Sandberg Forsberg Sjöberg Wallin Engström Lundgren') },
  { name: 'greek', nationality: 'gr', given: split('Georgios Dimitrios Konstantinos Ioannis Nikolaos Panagiotis Christos Vasileios Athanasios Evangelos Maria Eleni Aikaterini Vasiliki Sofia Angeliki Dimitra Georgia Despoina Kyriaki'), surnames: split('Papadopoulos Papadakis Georgiou Oikonomou Vlachos Dimitriou Konstantinidis Nikolaidis Karagiannis Angelopoulos Makris Christodoulou Pappas Antoniou Ioannidis Mavridis Alexiou Samaras Theodorou Zervas') },
  { name: 'hungarian', nationality: 'hu', given: split('Bence Máté Levente Dominik Balázs Gergely Zoltán László István Attila Hanna Anna Luca Zsófia Réka Eszter Katalin Erzsébet Ildikó Krisztina'), surnames: split('Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács Juhász Lakatos Mészáros Oláh Simon Rácz Fekete') },
];


export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export interface FictionalPerson {
  readonly name: string;
  readonly birthDate: string;
  readonly nationality: string;
  readonly gender: 'm' | 'f';
}

/** One fictional person: one or two given names, one or (Spanish, Brazilian) two surnames. */
export function fictionalPerson(random: () => number): FictionalPerson {
  const origin = pick(random, ORIGINS);
  const given = [pick(random, origin.given)];
  if (random() < 0.3) given.push(pick(random, origin.given));
  const surnames = [pick(random, origin.surnames)];
  if ((origin.name === 'spanish' || origin.name === 'brazilian') && random() < 0.6) surnames.push(pick(random, origin.surnames));
  const year = 1940 + Math.floor(random() * 65);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return {
    name: [...new Set(given)].join(' ') + ' ' + [...new Set(surnames)].join(' '),
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    nationality: origin.nationality,
    gender: random() < 0.5 ? 'm' : 'f',
  };
}

export const TYPO_KINDS = ['insertion', 'deletion', 'transposition', 'substitution', 'droppedToken', 'swappedOrder'] as const;
export type TypoKind = (typeof TYPO_KINDS)[number];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** "SURNAME, Given Names" -> "Given Names SURNAME"; plain names are returned unchanged. */
export function plainOrder(name: string): string {
  const comma = name.indexOf(',');
  return comma < 0 ? name : `${name.slice(comma + 1).trim()} ${name.slice(0, comma).trim()}`;
}

/**
 * One seeded typo of a name; undefined when the name cannot take it (a dropped token needs
 * three or more words, an edit needs a word of four letters or more).
 */
export function typo(name: string, kind: TypoKind, random: () => number): string | undefined {
  const words = plainOrder(name).split(/\s+/).filter((w) => w !== '');
  if (kind === 'droppedToken') {
    if (words.length < 3) return undefined;
    words.splice(Math.floor(random() * words.length), 1);
    return words.join(' ');
  }
  if (kind === 'swappedOrder') {
    if (words.length < 2) return undefined;
    const i = Math.floor(random() * (words.length - 1));
    [words[i], words[i + 1]] = [words[i + 1] as string, words[i] as string];
    return words.join(' ');
  }
  const editable = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4);
  if (editable.length === 0) return undefined;
  const [word, at] = pick(random, editable);
  const p = Math.floor(random() * word.length);
  const letter = pick(random, [...LETTERS]);
  let changed: string;
  switch (kind) {
    case 'insertion': changed = word.slice(0, p) + letter + word.slice(p); break;
    case 'deletion': changed = word.slice(0, p) + word.slice(p + 1); break;
    case 'substitution': {
      let l = letter;
      while (l === word[p]?.toLowerCase()) l = pick(random, [...LETTERS]);
      changed = word.slice(0, p) + l + word.slice(p + 1);
      break;
    }
    case 'transposition': {
      const q = Math.min(p, word.length - 2);
      changed = word.slice(0, q) + (word[q + 1] ?? '') + (word[q] ?? '') + word.slice(q + 2);
      break;
    }
  }
  words[at] = changed;
  return words.join(' ');
}

