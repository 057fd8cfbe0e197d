/**
 * ISO 3166-1 countries. Alpha-2 codes are the canonical form (lowercase, as FollowTheMoney
 * stores them); alpha-3 codes and English names are accepted on input. Names come from the
 * runtime's CLDR data (Intl.DisplayNames) so no list of names is kept here.
 */
const ALPHA2 = (
  'ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz ' +
  'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo fr ' +
  'ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ' +
  'ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt ' +
  'mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw ' +
  'sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug ' +
  'um us uy uz va vc ve vg vi vn vu wf ws xk ye yt za zm zw'
).split(' ');

/** Alpha-3 codes in the same order as ALPHA2 (xk: Kosovo's user-assigned XKX). */
const ALPHA3 = (
  'AND ARE AFG ATG AIA ALB ARM AGO ATA ARG ASM AUT AUS ABW ALA AZE BIH BRB BGD BEL BFA BGR BHR BDI BEN BLM BMU BRN BOL BES BRA BHS BTN BVT BWA BLR BLZ ' +
  'CAN CCK COD CAF COG CHE CIV COK CHL CMR CHN COL CRI CUB CPV CUW CXR CYP CZE DEU DJI DNK DMA DOM DZA ECU EST EGY ESH ERI ESP ETH FIN FJI FLK FSM FRO FRA ' +
  'GAB GBR GRD GEO GUF GGY GHA GIB GRL GMB GIN GLP GNQ GRC SGS GTM GUM GNB GUY HKG HMD HND HRV HTI HUN IDN IRL ISR IMN IND IOT IRQ IRN ISL ITA JEY JAM JOR JPN ' +
  'KEN KGZ KHM KIR COM KNA PRK KOR KWT CYM KAZ LAO LBN LCA LIE LKA LBR LSO LTU LUX LVA LBY MAR MCO MDA MNE MAF MDG MHL MKD MLI MMR MNG MAC MNP MTQ MRT MSR MLT ' +
  'MUS MDV MWI MEX MYS MOZ NAM NCL NER NFK NGA NIC NLD NOR NPL NRU NIU NZL OMN PAN PER PYF PNG PHL PAK POL SPM PCN PRI PSE PRT PLW PRY QAT REU ROU SRB RUS RWA ' +
  'SAU SLB SYC SDN SWE SGP SHN SVN SJM SVK SLE SMR SEN SOM SUR SSD STP SLV SXM SYR SWZ TCA TCD ATF TGO THA TJK TKL TLS TKM TUN TON TUR TTO TUV TWN TZA UKR UGA ' +
  'UMI USA URY UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM XKX YEM MYT ZAF ZMB ZWE'
).split(' ');

const byAlpha2 = new Set(ALPHA2);
const byAlpha3 = new Map(ALPHA3.map((code, i) => [code, ALPHA2[i] ?? '']));
const displayNames = new Intl.DisplayNames(['en'], { type: 'region' });
const byName = new Map<string, string>();
for (const code of ALPHA2) {
  const name = displayNames.of(code.toUpperCase());
  if (name) byName.set(name.toLowerCase(), code);
}
// Common short forms that CLDR spells differently.
for (const [name, code] of [['uk', 'gb'], ['united kingdom', 'gb'], ['usa', 'us'], ['united states', 'us'], ['russia', 'ru'], ['syria', 'sy'], ['iran', 'ir'], ['turkey', 'tr'], ['the netherlands', 'nl']] as const) {
  byName.set(name, code);
}

export function countryCodes(): readonly string[] {
  return ALPHA2;
}

/** The lowercase ISO alpha-2 code for a code or English name, or undefined. */
export function toCountryCode(raw: string): string | undefined {
  const text = raw.trim();
  const lower = text.toLowerCase();
  if (lower.length === 2) return byAlpha2.has(lower) ? lower : undefined;
  if (text.length === 3) {
    const code = byAlpha3.get(text.toUpperCase());
    if (code) return code;
  }
  return byName.get(lower);
}

/**
 * countryName('be') is "Belgium", by CLDR's names (Intl.DisplayNames), the browser's as the
 * server's; a value that is no region code ("Belgium", "") is given back as it is, where
 * Intl.DisplayNames throws a RangeError.
 */
export function countryName(code: string): string {
  try {
    return displayNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
