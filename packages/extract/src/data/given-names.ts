/**
 * Given names authored for person detection, grouped by origin so that gaps are visible.
 * A capitalised sequence that starts with one of these is a person name candidate; the list
 * is evidence, not a closed world (titles, age appositions and cue words find the rest).
 * Spellings cover the common French, Dutch, German and English transliterations.
 */
const ARABIC_MAGHREBI = `Abdallah Abdellah Abdullah Abdullahi Abdallahi Abdel Abdelaziz Abdelhak Abdelhamid Abdelhakim
Abdelilah Abdelkader Abdelkarim Abdellatif Abdelmajid Abdelmalek Abdelouahed Abderrahim Abderrahmane Abdelrahman
Abderrazak Abdeslam Abdessamad Abdou Abdul Abdulaziz Abdulkadir Abdulrahman Adel Adil Ahmad Ahmed Aicha Aïcha Aisha Ayesha
Akram Ali Amal Amar Amin Amina Amine Amir Ammar Anas Anouar Anwar Asma Asmae Atef Ayman Ayoub Aziz Badr Bachir Bashir
Bilal Bouchra Brahim Chafik Chakib Chaïma Chaima Chams Djamel Djamila Driss Essam Fadi Fadwa Fahd Faisal Farid Faris
Fatima Fatiha Fatma Fayçal Faycal Fouad Ghassan Habib Hafid Hafsa Hajar Hakim Halim Hamid Hamada Hamza Hanane Hassan
Hassane Hatim Haytham Hicham Hichem Hind Houda Houssam Hussein Hussain Hossam Ibrahim Ilham Ilias Ilyas Ilyes Imad
Imane Iman Ismael Ismaël Ismail Jalal Jamal Jamel Jamila Jaouad Jawad Kamal Kamel Karim Karima Khadija Khaled Khalid
Khalil Lahcen Laila Latifa Leila Lotfi Mahmoud Majid Malek Malika Marouane Marwan Mehdi Meriem Mohamed Mohammed Mohamad
Mohammad Mohamad Mokhtar Mounir Mourad Moussa Mustapha Mostafa Mustafa Nabil Nadia Nadir Naima Najat Najib Najim Nasser
Nawal Nizar Noura Nordine Noureddine Omar Oussama Osama Rabia Rachid Rashid Rachida Rafik Ramy Rania Redouane Reda Rida
Riad Ridouane Saad Sabri Said Saïd Saida Salah Saleh Salim Salma Samia Samir Samira Sami Sana Sara Sarah Sofiane Soufiane
Souad Sufyan Tarek Tarik Tariq Taha Wafa Walid Wassim Yacine Yassine Yasmina Yasmine Yahya Younes Younès Youssef Yousef
Yusuf Zakaria Zakariya Zineb Zainab Zaynab Ziad Zohra Haidar Hadi Abbas Bassam Kadour Hamadoun Boubacar Oumar Ousmane
Mamadou Moussa Amadou Ibrahima Aliou Cheikh Seydou Souleymane Aminata Mariam Fatoumata Awa Inès Ines Nour Noor`;

const TURKISH_KURDISH_PERSIAN = `Ahmet Mehmet Mustafa Emre Burak Murat Hakan Serkan Kemal Cem Kerem Yusuf Osman Ayşe Ayse Elif
Zeynep Emine Fatma Hülya Selin Deniz Ozan Onur Volkan Erkan Tolga Gökhan Gokhan Barış Baris Can Cengiz Ercan Ertan Orhan
Hüseyin Huseyin İbrahim Ismet Levent Metin Necati Recep Selim Serdar Sinan Taner Tuncay Uğur Ugur Yasin Yılmaz Zafer
Berk Emir Arda Efe Furkan Halil Kadir Koray Mert Oğuz Oguz Ömer Omer Sevda Songül Gül Merve Büşra Esra Özlem Ozlem
Azad Dilan Rojhat Şivan Sivan Baran Berivan Reza Hossein Mohsen Mehran Dariush Farhad Shirin Parisa Arash Babak Kaveh`;

const FRENCH = `Jean Pierre Michel Philippe Alain Nicolas Julien Thomas Antoine Mathieu Matthieu Olivier Sébastien Sebastien
François Francois Laurent Christophe Stéphane Stephane Marie Sophie Camille Julie Claire Isabelle Nathalie Céline
Aurélie Élodie Manon Chloé Léa Lucien Louis Hugo Théo Lucas Maxime Guillaume Romain Vincent Benoît Benoit Yves Didier
Patrick Bernard Jacques Henri Hervé Gilles Cédric Fabrice Frédéric Jérôme Arnaud Bruno Emmanuel Pascal Thierry Xavier
Chantal Sylvie Véronique Valérie Brigitte Catherine Martine Monique Nicole Sandrine Caroline Émilie Pauline Margaux
Amandine Anaïs Mathilde Hélène Françoise Geneviève Josiane Jeanne Juliette Lucie Océane Justine Noémie Baptiste Quentin`;

const DUTCH_FLEMISH_GERMAN_NORDIC = `Jan Pieter Johan Koen Bart Wouter Jeroen Sander Bram Joris Stijn Dirk Geert Sven Lotte Sanne
Anke Els Inge Femke Lieve Griet Hilde Katrien Kristof Kris Tom Wim Joost Ruben Niels Thijs Maarten Freek Sjoerd Dries
Ward Jens Lars Nils Ole Mette Kirsten Ingrid Astrid Karin Katrin Björn Bjorn Anders Henrik Mikkel Rasmus Frederik Søren
Magnus Erik Per Sigrid Hans Klaus Stefan Jürgen Juergen Markus Michael Andreas Matthias Tobias Florian Sebastian Uwe
Wolfgang Dieter Helmut Günter Frank Jörg Torsten Heike Sabine Ursula Petra Monika Birgit Susanne Julia Lena Hanna
Hannah Leonie Lukas Felix Maximilian Moritz Jonas Paul Finn Lennart`;

const SLAVIC_CAUCASIAN_CENTRAL_ASIAN = `Ivan Dmitri Dmitry Dmitrij Sergei Sergey Alexei Alexey Aleksei Andrei Andrey Vladimir
Nikolai Nikolay Mikhail Pavel Oleg Igor Yuri Yury Piotr Tomasz Marek Krzysztof Paweł Pawel Jakub Milan Dragan Goran Zoran
Nenad Marko Bogdan Olga Natalia Natalya Irina Svetlana Tatiana Tatyana Anna Ekaterina Yekaterina Agnieszka Katarzyna
Magdalena Ivana Jelena Milica Dragana Vesna Aleksandar Aleksandr Alexander Viktor Vitaly Konstantin Maxim Roman Denis
Artem Artyom Stanislav Boris Ramzan Akhmed Aslan Magomed Rustam Ruslan Zelimkhan Islam Shamil Timur Anzor Adlan Khamzat
Said-Magomed Madina Zarema Kheda Lyoma Umar Usman Abu-Bakar Jamshid Farrukh Dilshod Bakhtiyor Sardor Otabek Rustem
Nurlan Azamat Bekzod Sherzod Shukhrat Zafar Alisher Dilnoza Gulnara`;

const BALKAN_ALBANIAN = `Arben Besnik Driton Dritan Ermal Fatos Gent Ilir Lirim Valon Blerim Edin Emir Mirsad Admir Senad
Elvis Agron Bujar Fitim Granit Kujtim Labinot Mentor Naim Shpresa Vjosa Arta Drita Fjolla Edona Armend Bekim Besim
Enver Hajrudin Jasmin Kenan Mehmed Nermin Refik Safet Amra Lejla Selma Mirza Haris Adnan Almir Dino Eldin Kemal`;

const AFRICAN_SOMALI = `Abdirahman Abdirizak Abdiaziz Abdi Mohamud Farah Hodan Warsame Yusuf Ayaan Ifrah Sahra Fartun
Hamdi Mukhtar Liban Ahmed Kwame Kofi Chinedu Emeka Ngozi Oluwaseun Tunde Babatunde`;

const SOUTH_ASIAN = `Imran Asif Zahid Shahid Usman Waqas Aamir Amir Irfan Kashif Naveed Nadeem Rizwan Sajid Tahir
Junaid Bilal Hamid Rahul Sanjay Arjun Vikram Priya Anjali Sunita Deepak Ravi Suresh Abdul-Karim Shabana Nasreen Saima
Mahmood Mehmood Javed Pervez`;

const ENGLISH_ROMANCE = `John James David Michael Peter Paul Mark Daniel Robert Richard William Charles George Edward
Henry Joseph Christopher Matthew Andrew Anthony Steven Kevin Brian Gary Timothy Jason Ryan Jacob Nathan Samuel Benjamin
Helen Sarah Emma Emily Jessica Rebecca Rachel Laura Hannah Charlotte Olivia Amelia Sophia Grace Lucy Elizabeth Margaret
Susan Karen Linda Barbara Patricia Jennifer Michelle Kate Katherine Alice Victoria Claire Louise Jane Mary
Carlos José Jose Juan Miguel Luis Antonio Manuel Francisco Javier Alejandro Pablo Diego Sergio Raúl Raul Pedro Fernando
Jorge Alberto Rafael Ángel Carmen Lucía Lucia Elena Isabel Pilar Rosa Teresa Cristina Marco Giuseppe Luca Andrea
Giovanni Francesco Alessandro Matteo Lorenzo Davide Stefano Roberto Paolo Salvatore Chiara Giulia Francesca Alessia
Martina Federica Valentina Silvia Simona João Joao Tiago Rui Nuno Bruno Ana Beatriz Inês`;

function words(block: string): string[] {
  return block.split(/\s+/).filter((w) => w.length > 0);
}

export const GIVEN_NAMES: readonly string[] = [
  ...words(ARABIC_MAGHREBI),
  ...words(TURKISH_KURDISH_PERSIAN),
  ...words(FRENCH),
  ...words(DUTCH_FLEMISH_GERMAN_NORDIC),
  ...words(SLAVIC_CAUCASIAN_CENTRAL_ASIAN),
  ...words(BALKAN_ALBANIAN),
  ...words(AFRICAN_SOMALI),
  ...words(SOUTH_ASIAN),
  ...words(ENGLISH_ROMANCE),
];
