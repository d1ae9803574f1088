/**
 * Free-mail and mobile-carrier addresses: anyone can have one, so they say nothing about the
 * company a person works for. Scoring gives corporate addresses the fit points; account
 * matching must never join two leads on one of these domains.
 */
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Global webmail.
  'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'rocketmail.com', 'outlook.com', 'hotmail.com',
  'live.com', 'msn.com', 'passport.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aim.com',
  'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io',
  'zoho.com', 'zohomail.com', 'mail.com', 'email.com', 'usa.com', 'yandex.com', 'yandex.ru', 'ya.ru',
  'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'rambler.ru', 'fastmail.com', 'fastmail.fm', 'hushmail.com',
  'gmx.com', 'gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'web.de', 't-online.de', 'laposte.net', 'orange.fr',
  'free.fr', 'libero.it', 'virgilio.it', 'btinternet.com', 'comcast.net', 'verizon.net', 'att.net',
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com', 'aliyun.com',
  'naver.com', 'daum.net', 'hanmail.net', 'kakao.com', 'yahoo.com.tw', 'yahoo.com.hk', 'rediffmail.com',
  // Japan: webmail.
  'yahoo.co.jp', 'ymail.ne.jp', 'outlook.jp', 'outlook.co.jp', 'hotmail.co.jp', 'live.jp', 'msn.co.jp',
  'excite.co.jp', 'goo.jp', 'mail.goo.ne.jp', 'livedoor.com', 'infoseek.jp', 'auone.jp', 'mopera.net',
  'zoho.jp', 'gmail.co.jp',
  // Japan: mobile carriers (feature-phone and smartphone addresses).
  'docomo.ne.jp', 'ezweb.ne.jp', 'au.com', 'softbank.ne.jp', 'i.softbank.jp', 'disney.ne.jp',
  'vodafone.ne.jp', 'pdx.ne.jp', 'willcom.com', 'y-mobile.ne.jp', 'ymobile.ne.jp', 'emobile.ne.jp',
  'uqmobile.jp', 'rakumail.jp', 'rakuten.jp', 'povo.jp', 'ahamo.jp', 'linemo.jp',
  // Japan: consumer internet providers, whose addresses people keep for life.
  'nifty.com', 'nifty.ne.jp', 'biglobe.ne.jp', 'ocn.ne.jp', 'so-net.ne.jp', 'plala.or.jp', 'dion.ne.jp',
  'jcom.home.ne.jp', 'jcom.zaq.ne.jp', 'zaq.ne.jp', 'bb.excite.co.jp', 'odn.ne.jp', 'hi-ho.ne.jp',
  'eonet.ne.jp', 'ybb.ne.jp', 'tnc.ne.jp', 'commufa.jp', 'asahi-net.or.jp', 'people.or.jp', 'kcn.ne.jp',
  'cty-net.ne.jp', 'wakwak.com', 'coara.or.jp', 'mbn.or.jp', 'tiki.ne.jp', 'sannet.ne.jp', 'dti.ne.jp',
]);

/**
 * Whole families that differ only in the country part: gmx.*, yahoo.* and hotmail.* / outlook.*
 * exist under dozens of national domains.
 */
const FREE_MAIL_FAMILIES = /^(?:gmx|yahoo|hotmail|outlook|live|windowslive|yandex|aol)\.(?:[a-z]{2,3})(?:\.[a-z]{2})?$/u;

/**
 * Carrier and provider mail often sits under a subdomain (xx.ocn.ne.jp, a.so-net.ne.jp,
 * ab.auone-net.jp, c.vodafone.ne.jp): these providers hand such subdomains to private users only.
 */
const FREE_MAIL_PARENTS: ReadonlySet<string> = new Set([
  'ocn.ne.jp', 'so-net.ne.jp', 'biglobe.ne.jp', 'nifty.com', 'plala.or.jp', 'dion.ne.jp', 'odn.ne.jp',
  'eonet.ne.jp', 'ybb.ne.jp', 'vodafone.ne.jp', 'softbank.ne.jp', 'disney.ne.jp', 'zaq.ne.jp',
  'home.ne.jp', 'tnc.ne.jp', 'hi-ho.ne.jp', 'asahi-net.or.jp', 'wakwak.com', 'mopera.net', 'pdx.ne.jp',
  'dti.ne.jp', 'ezweb.ne.jp',
]);

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/u;

/** The domain of an email address, lowercased and width-folded (ｇｍａｉｌ．ｃｏｍ, ＠); undefined when there is none. */
export function emailDomain(email: string | null | undefined): string | undefined {
  if (!email) return undefined;
  // Most addresses are plain ASCII, which NFKC leaves as it is; a re-score reads 100,000 of them.
  const text = (PRINTABLE_ASCII.test(email) ? email : email.normalize('NFKC')).trim().toLowerCase();
  const at = text.lastIndexOf('@');
  if (at < 0) return undefined;
  // A trailing dot (gmail.com.) is the DNS root, not part of the name.
  const domain = text.slice(at + 1).replace(/^[\s<]+|[\s>.]+$/gu, '');
  return domain.length > 0 && !/\s/u.test(domain) ? domain : undefined;
}

/** True for an address at a free-mail, carrier or consumer-provider domain. */
export function isFreeMailDomain(domain: string): boolean {
  if (FREE_MAIL_DOMAINS.has(domain) || FREE_MAIL_FAMILIES.test(domain)) return true;
  // Each parent the domain sits under (a.b.ocn.ne.jp: b.ocn.ne.jp, ocn.ne.jp, ne.jp), looked up
  // in the set: a re-score asks this of every lead, so no string is built per parent listed.
  for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
    if (FREE_MAIL_PARENTS.has(domain.slice(dot + 1))) return true;
  }
  return false;
}

/** True when the address is at a free-mail domain; false for a company address or no address. */
export function isFreeMail(email: string | null | undefined): boolean {
  const domain = emailDomain(email);
  return domain !== undefined && isFreeMailDomain(domain);
}
