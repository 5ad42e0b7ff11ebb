import type { ContactRecord } from '../model/contact-record.js';
import type { FieldSpec, FieldType } from './field-spec.js';

/** Options of {@link inferFields}. */
export interface InferFieldsOptions {
  /**
   * Attribute keys never to compare (a ground-truth column, row numbers, timestamps).
   * @defaultValue []
   */
  readonly excludeAttributes?: readonly string[];
  /**
   * A field is used when at least this fraction of records carry it.
   * @defaultValue 0.01
   */
  readonly minCoverage?: number;
}

/**
 * The attributes compared, by what their key says they describe: the person's birth, place, gender
 * or a personal document number. Identifier columns (email, phone, handle, customer id) never reach
 * here as attributes: contact rows read those, and what they left as an attribute names someone or
 * something else (`Owner Email`, `Page ID`, `Account Name`).
 */
const ATTRIBUTE_HINTS: readonly (readonly [RegExp, FieldType])[] = [
  // Before dates: `Country of Birth` is a country.
  [/(?:^|[^a-z])(?:gender|sex|sexo|genero|state|estado|region|province|provincia|uf|county|country|pais)(?:[^a-z]|$)/i, 'categorical'],
  [/birth|dob|nascimento|nacimiento/i, 'date'],
  [/zip|post.?code|postal|cep|plz/i, 'postcode'],
  [/city|suburb|town|cidade|ciudad|municip|locali[dt]/i, 'city'],
  [/addr|street|endere|direcc|(?:^|[^a-z])calle(?:[^a-z]|$)/i, 'address'],
  [/(?:^|[^a-z])(?:ssn|cpf|cnpj|rut|dni|nif|nie|curp|rfc|passport|soc_sec|social_security|national_id|tax_id|document|documento|licen[cs]e)(?:[^a-z]|$)/i, 'external_id'],
];

/** Words of a key naming someone or something other than the person (`To: (Address)`, `Store City`, `Owner Email`, `IP Address`). */
const NOT_THE_PERSON =
  /(?:^|[^a-z])(?:to|from|cc|bcc|owner|agent|rep|seller|store|shop|branch|company|business|employer|billing|bill|shipping|ship|delivery|page|bot|ip|mac|web|url|e?mail|sender|recipient|assistant|manager|emergency|parent|mother|father|spouse|referrer|account)(?:[^a-z]|$)/i;

/** Words of a key saying it describes a value, not the person (`Document Type`, `Tipo de Documento`, `Birth Order`, `Birthplace`, `Address Verified`, `License Plate`). */
const ABOUT_THE_VALUE =
  /(?:^|[^a-z])(?:type|tipo|kind|status|verified|verificado|valid|order|place|issuer|emissor|plate|placa|expiry|expiration|validade|vencimiento|count)(?:[^a-z]|$)|birthplace/i;

/**
 * Attributes that are never identity evidence: bookkeeping, free text, and the columns that carry an
 * answer rather than evidence (a ground truth left in the file, a household id, the `person_id`
 * and `match_probability` of an earlier run): compared, they would link by the answer. Tested on
 * the key lower-cased with runs of other characters as `_` (`Person ID` is `person_id`).
 */
const IGNORED =
  /^(?:id|rec_?id|record_?id|row|row_?id|index|created|updated|timestamp|time|notes?|comments?|message|text|body|source|source_?file|source_?dataset|dataset|channel|label|match_?id|match_?probability|match_?weight|match_?group|duplicate_?of|duplicate_?group|is_?duplicate|dedupe_?id|merge_?id|merged_?into|master_?id|master_?record_?id|survivor_?id|canonical_?id|golden_?record(?:_?id)?|same_?as|linked_?to|link_?score|confidence|z_?cluster|z_?min_?score|hh(?:_?(?:id|key))?|household(?:_.*)?|family_?id|(?:true|gold(?:en)?|gt|ground_?truth)(?:_(?:[a-z]+_)?(?:id|uuid|key|label|cluster|group|person|entity))?|(?:person|entity|cluster|truth)(?:_?(?:id|uuid|key))?|group_?(?:id|uuid|key)|truth_[a-z_]*|[a-z_]*_truth)$|(?:_at|_time|_ts)$/;

/** The key as IGNORED reads it: lower-cased, runs of other characters as `_`, without an earlier run's `omnilink_` prefix and `_2` suffix. */
function answerKey(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^omnilink_/, '')
    .replace(/_\d+$/, '');
}

function sanitize(key: string): string {
  return key.replace(/\W/g, '_');
}

/**
 * Zero-configuration fields: look at what the records carry and compare that. Names become
 * `given_name` + `family_name`; every identifier kind present becomes its field; birth date,
 * postcode, city, address line and region are used when present; attributes are compared only
 * when their key says they describe the person (`dob`, `zip`, `city`, `address`, `gender`, `state`,
 * a document number such as `ssn` or `cpf`). Other attributes (an export's page ids, counts,
 * labels, owners, timestamps) are never compared: give them a {@link FieldSpec} to compare them.
 *
 * @example
 * ```ts
 * inferFields([{ id: '1', channel: 'crm', identifiers: [{ kind: 'email', value: 'a@b.co', verified: false }], name: { full: 'Ana Souza' } }]);
 * // [{ name: 'given_name', type: 'given_name' }, { name: 'family_name', type: 'family_name' }, { name: 'email', type: 'email' }]
 * ```
 */
export function inferFields(records: readonly ContactRecord[], options?: InferFieldsOptions): FieldSpec[] {
  const n = records.length;
  const min = Math.max(1, Math.ceil(n * (options?.minCoverage ?? 0.01)));
  const exclude = new Set(options?.excludeAttributes ?? []);
  let names = 0;
  let birth = 0;
  let postcode = 0;
  let city = 0;
  let line = 0;
  let region = 0;
  const kinds = new Map<string, number>();
  const attrs = new Map<string, { count: number; distinct: Set<string> }>();
  for (const r of records) {
    if (r.name !== undefined && (r.name.full ?? r.name.given ?? r.name.family ?? '').trim().length > 0) names++;
    if (r.birthDate !== undefined) birth++;
    if (r.address?.postcode !== undefined) postcode++;
    if (r.address?.city !== undefined) city++;
    if (r.address?.line !== undefined) line++;
    if (r.address?.region !== undefined) region++;
    for (let k = 0; k < r.identifiers.length; k++) {
      const kind = r.identifiers[k]?.kind;
      if (kind === undefined) continue;
      let first = true;
      for (let e = 0; e < k; e++) if (r.identifiers[e]?.kind === kind) first = false;
      if (first) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    if (r.attributes !== undefined) {
      for (const [key, value] of Object.entries(r.attributes)) {
        if (typeof value !== 'string' || value.trim().length === 0 || exclude.has(key) || IGNORED.test(answerKey(key))) continue;
        let a = attrs.get(key);
        if (a === undefined) {
          a = { count: 0, distinct: new Set() };
          attrs.set(key, a);
        }
        a.count++;
        if (a.distinct.size <= n) a.distinct.add(value.trim().toLowerCase());
      }
    }
  }
  const fields: FieldSpec[] = [];
  const used = new Set<string>();
  const push = (name: string, type: FieldType, source?: string): void => {
    let unique = name;
    for (let k = 2; used.has(unique); k++) unique = `${name}_${k}`;
    used.add(unique);
    fields.push({ name: unique, type, ...(source !== undefined ? { source } : {}) });
  };
  const has = (kind: string): boolean => (kinds.get(kind) ?? 0) >= min;
  if (names >= min) {
    push('given_name', 'given_name');
    push('family_name', 'family_name');
  }
  if (has('email')) push('email', 'email');
  if (has('phone')) push('phone', 'phone');
  if (has('username') || has('user_id')) push('handle', 'handle');
  if (has('external_id') || has('loyalty_id')) push('external_id', 'external_id');
  if (birth >= min) push('birth_date', 'date');
  if (postcode >= min) push('postcode', 'postcode');
  if (city >= min) push('city', 'city');
  if (line >= min) push('address', 'address');
  if (region >= min) push('region', 'categorical', 'address.region');
  for (const [key, a] of [...attrs.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (a.count < Math.max(min, Math.ceil(n * 0.05))) continue;
    // Any other column (a page id, a count, a label, a store, a timestamp, an owner) is kept but
    // never compared: the rows of one export share its values, and compared they joined strangers.
    const folded = key.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    const type = NOT_THE_PERSON.test(folded) || ABOUT_THE_VALUE.test(folded) ? undefined : ATTRIBUTE_HINTS.find(([re]) => re.test(folded))?.[1];
    if (type === undefined) continue;
    // A document number is one person's: on every record once it cannot be evidence, and a column
    // of a few values repeated (`CPF`/`RG`, `B`/`AB`) is a kind, not a number.
    if (type === 'external_id' && (a.distinct.size >= a.count || (a.distinct.size <= 50 && a.distinct.size * 10 <= a.count))) continue;
    push(sanitize(key), type, `attributes.${key}`);
  }
  return fields;
}
