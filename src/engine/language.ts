// Is the message English? The engine reads English only (wink-nlp's English model, English cue lists), so a message
// in another language is "not checked" rather than "reads clearly". Decided cheaply and conservatively: only clear
// evidence of another language counts (mostly non-Latin letters, or another language's common words outnumbering
// English ones), because code, names and jargon make short English messages look foreign to statistical detectors
// (franc and tinyld both called 4-6% of our English corpus something else).

export type Language = 'en' | 'other';

/** Letters outside the Latin script, as a share of all letters, above which a message is not English. */
const NON_LATIN_SHARE = 0.5;
const MIN_LETTERS = 4;

/** English function words: the glue of any English sentence, whatever its subject. */
const ENGLISH = new Set(
  `the a an to of and or in on at for with is are was were be been it this that these those i we you he she they me us
  my our your their not no do does did will would can could should have has had but if so as by from what when how why
  which who there here just also then than about into out up all any some more it's i'm we'll i'll don't can't won't`.split(/\s+/),
);

/**
 * Common words of the languages Slack workspaces most often mix with English (Spanish, Portuguese, French, German,
 * Italian, Dutch) that are not English words too ("die", "come", "son", "con", "per" and the like are left out).
 */
const OTHER = new Set(
  `el la los las lo del al que y es por para con una uno pero como más muy está este esta esto ese eso sin sobre también
  ya hay ser fue son puedo hacer tiene todo todos cuando donde porque yo nosotros ellos usted
  os não é são uma com mas mais muito está isso essa esse ele ela eles você nós também já quando onde porque sem sobre
  le les des et est pas je nous vous ils elle une avec mais pour dans sur très aussi être avoir fait cette ça qui où
  der das und ist nicht ich wir ihr sie ein eine mit auf für von zu dem den auch noch nur wie aber oder wenn dass
  sind war haben hat wird werden kann können mich mir uns schon jetzt hier
  il di che è sono questo questa anche più molto perché quando dove della delle degli gli nel nella
  het een niet ik wij jij zijn met voor ook maar wel nog naar bij dat deze
  se te mi tu su nos hoy mañana aquí ahora bien gracias hola vamos vou hoje amanhã obrigado fazer
  va faire demain aujourd'hui merci bonjour oui morgen heute danke bitte machen grazie domani oggi fare`.split(/\s+/),
);

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;
const WORD = /[\p{L}']+/gu;

/** 'other' only on clear evidence; anything short, mixed or unclear is read as English. */
export function languageOf(prose: string): Language {
  let letters = 0;
  let nonLatin = 0;
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i) | 0x20; // ASCII letters fold to a-z; most of a message never reaches the regexes
    if (c >= 0x61 && c <= 0x7a && prose.charCodeAt(i) < 0x80) letters++;
    else if (prose.charCodeAt(i) >= 0x80 && LETTER.test(prose[i]!)) {
      letters++;
      if (!LATIN.test(prose[i]!)) nonLatin++;
    }
  }
  if (letters < MIN_LETTERS) return 'en';
  if (nonLatin / letters > NON_LATIN_SHARE) return 'other';
  let english = 0;
  let other = 0;
  for (const [word] of prose.toLowerCase().matchAll(WORD)) {
    if (ENGLISH.has(word)) english++;
    else if (OTHER.has(word)) other++;
  }
  return other >= 3 && other > 2 * english ? 'other' : 'en';
}
