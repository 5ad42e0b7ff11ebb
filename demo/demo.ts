// npm run demo: raw webhook deliveries from eight channels and a small CRM export -> persons ->
// one timeline per person. First what each channel sees on its own (multichannel silos), then the
// omnichannel view: one person, one history, and the evidence that linked them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type ContactRecord,
  type DeliveryEnvelope,
  type NormalizedBatch,
  type TimelineEntry,
  buildCustomerTimelines,
  normalizeDelivery,
  recordFromRow,
} from '../src/index.js';
import { CsvReader } from '../src/cli/io/csv.js';

const data = (name: string): string => readFileSync(fileURLToPath(new URL(`./data/${name}`, import.meta.url)), 'utf8');
const color = process.stdout.isTTY && !process.env['NO_COLOR'];
const bold = (s: string): string => (color ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string): string => (color ? `\x1b[2m${s}\x1b[22m` : s);
const CHANNEL_NAMES: Record<string, string> = {
  whatsapp: 'WhatsApp', sms: 'SMS', voice: 'Phone', email: 'Email', messenger: 'Messenger', instagram: 'Instagram',
  telegram: 'Telegram', line: 'LINE', webchat: 'Web chat', store: 'Store', crm: 'CRM', other: 'Other',
};
const channelName = (c: string): string => (CHANNEL_NAMES[c] ?? c).padEnd(9);
const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

// 1. Normalize every delivery (in a service: one webhook request at a time).
const envelopes = data('envelopes.jsonl').trim().split('\n').map((line) => JSON.parse(line) as DeliveryEnvelope);
const batches: NormalizedBatch[] = [];
for (const envelope of envelopes) {
  const result = await normalizeDelivery(envelope, { defaultCountry: 'BR', ownAddresses: ['@loja.example'] });
  if (result.success) batches.push(result.data);
  else console.error(`delivery rejected: ${result.issues[0].message}`);
}

// 2. The CRM export: rows -> contact records (column names recognised; one column mapped by config).
const reader = new CsvReader();
const [header, ...rows] = [...reader.push(data('crm.csv')), ...reader.end()].map((r) => r.fields);
const contacts: ContactRecord[] = rows.map((fields) => {
  const row = Object.fromEntries(header!.map((column, i) => [column, fields[i] ?? '']));
  const result = recordFromRow(row, {
    fallbackId: `crm:${row['customer_id']}`,
    source: 'crm.csv',
    defaultCountry: 'BR',
    // The Messenger PSID column needs its page; the landline column is recognised by name and marked
    // as a household number (weak evidence, never a link on its own).
    mapping: { messenger_psid: { field: 'user_id', namespace: 'messenger:page:112233445566778', channel: 'messenger' } },
  });
  if (!result.success) throw new Error(result.issues[0].message);
  return result.data.record;
});

const channelsUsed = new Set(batches.flatMap((b) => b.messages.map((m) => m.channel)));
console.log(bold(`omnilink demo: ${envelopes.length} webhook deliveries from ${channelsUsed.size} channels, and a CRM export of ${contacts.length} contacts`));

// 3. Multichannel: what each channel knows, alone.
console.log(`\n${bold('1. Multichannel: every channel is a silo')}`);
// One silo contact per channel account: what that channel's inbox would show as a "customer".
const silo = new Map<string, { label: string; name?: string; messages: Set<string> }>();
for (const batch of batches) {
  for (const record of batch.records) {
    const id = record.identifiers[0];
    const key = `${record.channel}|${id?.key ?? record.id}`;
    const entry = silo.get(key) ?? { label: `${channelName(record.channel)} ${id?.value ?? record.id}`, messages: new Set<string>() };
    if (record.name?.full !== undefined) entry.name = record.name.full;
    silo.set(key, entry);
  }
  for (const m of batch.messages) {
    const key = (m.direction === 'inbound' ? m.sender : m.recipients)[0]?.key;
    silo.get(`${m.channel}|${key}`)?.messages.add(m.id);
  }
}
for (const { label, name, messages } of [...silo.values()].sort((a, b) => (a.label < b.label ? -1 : 1))) {
  console.log(`  ${`${label}${name !== undefined ? `  "${name}"` : ''}`.padEnd(58)} ${dim(plural(messages.size, 'message'))}`);
}
console.log(dim(`  ${silo.size} separate "customers": each channel's agent sees one slice and asks the same questions again.`));

// 4. Omnichannel: resolve records into persons and merge their timelines.
const hub = buildCustomerTimelines(batches, { contacts, defaultCountry: 'BR' });
console.log(`\n${bold('2. Omnichannel: one person, one history')}`);
const persons = hub.timeline.persons().map((id) => ({ id, golden: hub.resolver.goldenRecord(id), usage: hub.timeline.channelUsage(id) }));
persons.sort((a, b) => b.usage.messageCount - a.usage.messageCount);
const generic = new Set(hub.resolver.genericIdentifierKeys());
for (const { id, golden, usage } of persons) {
  const name = golden?.name?.value.full ?? [golden?.name?.value.given, golden?.name?.value.family].filter(Boolean).join(' ') ?? '';
  const person = hub.resolver.person(id)!;
  const household = person.identifiers.some((i) => i.key !== undefined && generic.has(i.key));
  const note = !name && household ? '  (kept apart: a household landline alone does not say who called)' : '';
  console.log(`\n  ${bold(`● ${name || 'Unknown caller'}`)}  ${dim(id)}${dim(note)}`);
  console.log(`    channels  ${usage.channels.map((c) => CHANNEL_NAMES[c]).join(', ')}${usage.preferredChannel ? `   prefers ${CHANNEL_NAMES[usage.preferredChannel]}` : ''}`);
  const ids = [...(golden?.phones ?? []).map((p) => p.value), ...(golden?.emails ?? []).map((e) => e.value)];
  if (ids.length > 0) console.log(`    contact   ${ids.join(', ')}`);
  const evidence = person.recordIds.flatMap((r) => hub.resolver.explain(r)?.path.slice(0, 1) ?? []);
  for (const link of evidence) {
    const why = link.via === 'identifier' ? `same ${(link.key ?? '').replace(/^([a-z_]+):/, '$1 ')}` : link.via === 'scored' ? `match probability ${link.probability?.toFixed(3)}` : link.via;
    console.log(`    ${dim('linked')}    ${labelOf(link.a).padEnd(28)} ─  ${labelOf(link.b).padEnd(28)} ${dim(why)}`);
  }
  const conversations = hub.timeline.conversationsOf(id);
  console.log(`    ${dim(`timeline: ${plural(usage.messageCount, 'message')} in ${plural(conversations.length, 'conversation')}`)}`);
  let conversation: string | undefined;
  for (const entry of hub.timeline.timelineOf(id).entries) {
    if (entry.conversationId !== conversation) {
      conversation = entry.conversationId;
      const c = conversations.find((x) => x.id === conversation);
      if (c) console.log(`    ${dim(`── conversation ${c.channels.length > 1 ? 'across' : 'on'} ${c.channels.map((x) => CHANNEL_NAMES[x]).join(' → ')}`)}`);
    }
    console.log(`    ${when(entry.occurredAt)}  ${channelName(entry.channel)} ${entry.direction === 'inbound' ? '←' : '→'} ${describe(entry)}`);
  }
}

/** A short human label for a record: its channel and first identifier (or CRM id). */
function labelOf(recordId: string): string {
  const r = hub.resolver.record(recordId);
  if (!r) return recordId;
  if (r.channel === 'crm') return `CRM ${recordId.replace(/^crm:/, '')}${r.name?.full ? ` (${r.name.full})` : ''}`;
  const id = r.identifiers.find((i) => i.kind !== 'visitor_id' || r.identifiers.length === 1) ?? r.identifiers[0];
  return `${CHANNEL_NAMES[r.channel]} ${id?.value ?? recordId}`;
}

function describe(e: TimelineEntry): string {
  const parts: string[] = [];
  if (e.kind === 'call') parts.push(`call, ${e.call?.status ?? ''}${e.call?.durationSeconds ? `, ${Math.round(e.call.durationSeconds / 60)} min` : ''}`);
  else if (e.text) parts.push(clip(e.text.replace(/\s+/g, ' '), 60));
  else if (e.attachments.length > 0) parts.push(`[${e.attachments.map((a) => a.type).join(', ')}]`);
  else parts.push(`[${e.kind}]`);
  if (e.attachments.length > 0 && e.text) parts.push(`[${e.attachments.map((a) => a.type).join(', ')}]`);
  if (e.reactions?.length) parts.push(dim(`(reacted ${e.reactions.map((r) => r.emoji).join('')})`));
  if (e.autoReply) parts.push(dim('(auto-reply)'));
  if (e.direction === 'outbound') parts.push(dim(`(${e.status})`));
  return parts.join(' ');
}

// 5. What the engine refused to merge on its own.
console.log(`\n${bold('3. Left for an agent to review (never merged automatically)')}`);
const suggestions = hub.resolver.suggestions();
if (suggestions.length === 0) console.log(`  ${dim('nothing: every pair was clearly the same person or clearly not')}`);
for (const s of suggestions) console.log(`  ${labelOf(s.a)}  ~  ${labelOf(s.b)}\n    ${dim(s.reason.replace(/\b(?:[a-z]+:contact:|crm:)[^\s,()]+/g, (id) => labelOf(id)))}`);
const delivered = batches.reduce((n, b) => n + b.messages.length, 0);
const kept = persons.reduce((n, p) => n + p.usage.messageCount, 0);
console.log(dim(`\n${delivered} message deliveries -> ${kept} messages (redeliveries and repeated call callbacks folded), ${silo.size} channel contacts + ${contacts.length} CRM rows -> ${hub.resolver.persons().length} persons (${persons.length} with messages, shown above).`));
