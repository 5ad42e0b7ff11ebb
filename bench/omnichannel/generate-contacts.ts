/**
 * Seeded generator of realistic omnichannel contact lists with ground truth, for judging
 * `omnilink dedupe` the way a customer's data team would: one CSV that mixes a CRM export, store
 * (POS) sign-ups, and the contact lists of WhatsApp, SMS, voice, email, web chat, Messenger,
 * Instagram and Telegram, for customers in Brazil, Mexico, Argentina, Spain, the US and Portugal.
 *
 *   npx tsx bench/omnichannel/generate-contacts.ts --persons 2000 --seed 1 --out /tmp/contacts.csv [--jsonl /tmp/contacts.jsonl] [--preset realistic|family-stress] [--countries BR,MX]
 *
 * Every row has a `truth` column (the person) and a `household` column (the family it belongs to),
 * which the CLI must not read as evidence: run it with `--truth-column truth` and a `--config` of
 * `{"columns": {"household": "ignore"}}`. A side file (`<out>.meta.jsonl`) says, per row, which of
 * the person's underlying identifiers the row carries and which kind of noise was applied, so an
 * evaluation can explain its misses; it is never given to the engine.
 *
 * Same seed and options, same file, byte for byte.
 *
 * What the data looks like (see {@link PRESETS} for every proportion, with the reason for it):
 * - persons live in households (65% alone among the customers, 22% two, 9% three, 4% four); family
 *   members share a surname (spouses in Spanish-speaking countries keep their own), an address, often
 *   a landline, sometimes a family email (`familia.souza@…`) and, for a child or an elderly parent
 *   without a phone of their own, a parent's mobile; some households hold twins, or a father and a
 *   son with the same name plus Filho/Jr (often left out);
 * - each person appears as 1–6 rows (32/24/18/12/8/6%), on channels drawn by country (WhatsApp-heavy
 *   in Latin America, SMS-heavy in the US), the CRM sometimes twice with different customer ids;
 * - names: accents dropped, upper/lower case, `Surname, Given`, only one of two surnames, middle
 *   initials, nicknames (José/Zé/Pepe, Francisco/Chico/Paco, William/Bill, Roberto/Beto...),
 *   typos and Souza/Sousa-type spelling swaps, married surnames, WhatsApp/Instagram profile names
 *   (`Ana 🌸`, `Mãe`, `Beto Mecânico`), US caller-id names (`SMITH JOHN` cut at 15 characters);
 * - phones in the shapes each source produces: E.164, international with spaces, national with and
 *   without trunk 0, `whatsapp:+…`, WhatsApp ids without `+`, old Brazilian 12-digit WhatsApp ids,
 *   Mexico `+52 1`/`044`, Argentina `+54 9`/`0 11 15-…`/caller ids without the 9, local numbers
 *   without area code, extensions, digit typos, a previous number on old rows;
 * - emails with case noise, spaces, Gmail dots and +tags, googlemail.com, domain and local typos,
 *   `Name <address>` in email exports, work addresses, shared `info@`/`contato@` and office numbers,
 *   placeholders (`000000000`, `test@test.com`, `sem email`);
 * - handles (`@ana.souza`, profile URLs), Messenger PSIDs and Telegram ids only on their channel's
 *   rows; CRM rows with a customer id unique per row, address, city, postcode, country and a birth
 *   date in mixed formats (US rows MM/DD/YYYY).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Rng, createRng } from '../generate.js';

export type Country = 'BR' | 'MX' | 'AR' | 'ES' | 'US' | 'PT';
export type RowChannel = 'whatsapp' | 'sms' | 'voice' | 'email' | 'webchat' | 'messenger' | 'instagram' | 'telegram' | 'store' | 'crm';

/** Every proportion the generator uses. Probabilities are per person, per household or per row as named. */
export interface GeneratorPreset {
  /** Share of persons per country. */
  readonly countries: Readonly<Record<Country, number>>;
  /** Weights of household sizes 1..4 (customers of one business who live together). */
  readonly householdSizes: readonly number[];
  /** Weights of 1..6 rows per person. */
  readonly rowsPerPerson: readonly number[];
  /** Per household (of two or more): has a landline, by country. */
  readonly landline: Readonly<Record<Country, number>>;
  /** Per row of CRM / voice / store: the household landline is the phone given (when the household has one). */
  readonly landlineOnRow: { readonly crm: number; readonly voice: number; readonly store: number };
  /** Per household of two or more: a family email that members use. */
  readonly familyEmail: number;
  /** Per email-bearing row of a member of such a household: the family email instead of their own. */
  readonly familyEmailOnRow: number;
  /** Per household of two or more: a child/elder without a phone uses a parent's mobile. */
  readonly sharedMobile: number;
  /** Per household of two or more that has an adult couple: twins among the children (when size >= 3). */
  readonly twins: number;
  /** Per household with a father and a son: the son has the father's name + Filho/Jr. */
  readonly junior: number;
  /** Persons who are B2B contacts of one of the companies (office number, info@). */
  readonly officeContacts: number;
  /** Companies per 1,000 persons. */
  readonly companiesPerThousand: number;
  /** Per person: has a personal email. */
  readonly email: number;
  /** Per person: has a previous mobile number that still shows on old rows. */
  readonly oldMobile: number;
  /** Per person: their old number was recycled to another customer (needs oldMobile). */
  readonly recycled: number;
  /** Per row that carries a phone or email from a typed source (CRM, store, web chat): a placeholder. */
  readonly placeholder: number;
}

/**
 * Presets. `realistic` is calibrated so that exact matching of normalized emails and phones lands
 * near the published baseline (pairwise precision ≈ 0.997, recall ≈ 0.40). `family-stress` keeps
 * everything but makes households share their landline, family email and mobiles much more often,
 * to count family merges on enough cases.
 */
export const PRESETS: Readonly<Record<'realistic' | 'family-stress', GeneratorPreset>> = {
  realistic: {
    // A Latin-American-first business with Iberian and US customers.
    countries: { BR: 0.38, MX: 0.18, AR: 0.12, ES: 0.1, US: 0.12, PT: 0.1 },
    householdSizes: [0.65, 0.22, 0.09, 0.04],
    rowsPerPerson: [0.32, 0.24, 0.18, 0.12, 0.08, 0.06],
    // Fixed lines are declining; older, Iberian and Argentine households keep them more.
    landline: { BR: 0.3, MX: 0.3, AR: 0.4, ES: 0.45, US: 0.25, PT: 0.4 },
    // Most people give their mobile; the landline shows on some CRM rows (home_phone column),
    // some calls and a few store sign-ups.
    landlineOnRow: { crm: 0.08, voice: 0.1, store: 0.03 },
    familyEmail: 0.05,
    familyEmailOnRow: 0.3,
    sharedMobile: 0.015,
    twins: 0.08,
    junior: 0.2,
    officeContacts: 0.01,
    companiesPerThousand: 2,
    email: 0.82,
    oldMobile: 0.08,
    recycled: 0.01,
    placeholder: 0.015,
  },
  'family-stress': {
    countries: { BR: 0.38, MX: 0.18, AR: 0.12, ES: 0.1, US: 0.12, PT: 0.1 },
    householdSizes: [0.3, 0.35, 0.2, 0.15],
    rowsPerPerson: [0.32, 0.24, 0.18, 0.12, 0.08, 0.06],
    landline: { BR: 0.7, MX: 0.7, AR: 0.7, ES: 0.7, US: 0.7, PT: 0.7 },
    landlineOnRow: { crm: 0.5, voice: 0.5, store: 0.3 },
    familyEmail: 0.3,
    familyEmailOnRow: 0.5,
    sharedMobile: 0.1,
    twins: 0.4,
    junior: 0.6,
    officeContacts: 0.03,
    companiesPerThousand: 3,
    email: 0.82,
    oldMobile: 0.08,
    recycled: 0.05,
    placeholder: 0.03,
  },
};

/** Channel weights per country (how a row's channel is drawn). */
const CHANNEL_WEIGHTS: Readonly<Record<Country, Readonly<Record<RowChannel, number>>>> = {
  BR: { whatsapp: 28, crm: 18, email: 10, sms: 4, voice: 7, instagram: 10, messenger: 5, webchat: 7, store: 9, telegram: 2 },
  MX: { whatsapp: 28, crm: 17, email: 9, sms: 4, voice: 8, instagram: 8, messenger: 10, webchat: 7, store: 8, telegram: 1 },
  AR: { whatsapp: 28, crm: 17, email: 10, sms: 3, voice: 8, instagram: 10, messenger: 6, webchat: 7, store: 8, telegram: 3 },
  ES: { whatsapp: 22, crm: 18, email: 13, sms: 5, voice: 9, instagram: 9, messenger: 5, webchat: 8, store: 8, telegram: 3 },
  US: { whatsapp: 6, crm: 20, email: 16, sms: 16, voice: 10, instagram: 9, messenger: 8, webchat: 8, store: 6, telegram: 1 },
  PT: { whatsapp: 20, crm: 18, email: 13, sms: 6, voice: 9, instagram: 9, messenger: 6, webchat: 8, store: 9, telegram: 2 },
};

/** The output columns, in order. */
export const COLUMNS: readonly string[] = [
  'record_id', 'source', 'channel', 'name', 'first_name', 'last_name', 'email', 'phone', 'home_phone', 'whatsapp',
  'instagram', 'telegram', 'telegram_id', 'psid', 'customer_id', 'dob', 'address', 'city', 'postcode', 'country',
  'household', 'truth',
];

// ---------------------------------------------------------------------------------------------
// Name pools

type Sex = 'F' | 'M';
interface GivenName {
  readonly name: string;
  readonly sex: Sex;
  /** Nicknames people actually go by (the person picks one, or none). */
  readonly nicks?: readonly string[];
}

const g = (name: string, sex: Sex, ...nicks: string[]): GivenName => (nicks.length > 0 ? { name, sex, nicks } : { name, sex });

const GIVEN: Readonly<Record<Country, readonly GivenName[]>> = {
  BR: [
    g('José', 'M', 'Zé', 'Zezinho'), g('João', 'M', 'Joãozinho'), g('Antônio', 'M', 'Toninho', 'Tonho'), g('Francisco', 'M', 'Chico', 'Chiquinho'),
    g('Carlos', 'M', 'Carlinhos', 'Cacá'), g('Paulo', 'M', 'Paulinho'), g('Pedro', 'M', 'Pedrinho'), g('Lucas', 'M'), g('Luiz', 'M'), g('Marcos', 'M'),
    g('Luís', 'M'), g('Gabriel', 'M', 'Biel', 'Gabi'), g('Rafael', 'M', 'Rafa'), g('Daniel', 'M', 'Dani'), g('Marcelo', 'M'), g('Bruno', 'M'),
    g('Eduardo', 'M', 'Edu', 'Dudu'), g('Felipe', 'M', 'Lipe'), g('Rodrigo', 'M', 'Digo'), g('Roberto', 'M', 'Beto'), g('Ricardo', 'M', 'Rica'),
    g('Fernando', 'M', 'Nando'), g('Gustavo', 'M', 'Guga', 'Gus'), g('Thiago', 'M', 'Thi'), g('Leonardo', 'M', 'Léo'), g('Matheus', 'M', 'Teteu'),
    g('Vinícius', 'M', 'Vini'), g('Sebastião', 'M', 'Tião'), g('Raimundo', 'M'), g('Manoel', 'M', 'Mané'), g('Joaquim', 'M', 'Quim'),
    g('João Pedro', 'M', 'JP'), g('Carlos Eduardo', 'M', 'Cadu'), g('Luiz Fernando', 'M'), g('José Carlos', 'M', 'Zé Carlos'),
    g('Maria', 'F', 'Mari'), g('Ana', 'F', 'Aninha'), g('Francisca', 'F', 'Chica'), g('Antônia', 'F', 'Toninha'), g('Adriana', 'F', 'Dri'),
    g('Juliana', 'F', 'Ju', 'Juju'), g('Márcia', 'F'), g('Fernanda', 'F', 'Nanda', 'Fê'), g('Patrícia', 'F', 'Paty'), g('Aline', 'F'),
    g('Sandra', 'F'), g('Camila', 'F', 'Cami', 'Mila'), g('Amanda', 'F', 'Mandy'), g('Bruna', 'F'), g('Jéssica', 'F', 'Jé'), g('Letícia', 'F', 'Lê', 'Lelê'),
    g('Beatriz', 'F', 'Bia'), g('Larissa', 'F', 'Lari'), g('Mariana', 'F', 'Mari'), g('Vanessa', 'F', 'Nessa'), g('Gabriela', 'F', 'Gabi'),
    g('Rafaela', 'F', 'Rafa'), g('Luciana', 'F', 'Lu'), g('Raimunda', 'F'), g('Maria Aparecida', 'F', 'Cida'), g('Ana Paula', 'F'),
    g('Maria Eduarda', 'F', 'Duda'), g('Ana Clara', 'F'), g('Maria Clara', 'F'), g('Conceição', 'F', 'Ção'),
  ],
  PT: [
    g('João', 'M'), g('José', 'M', 'Zé'), g('António', 'M', 'Tó', 'Toni'), g('Manuel', 'M', 'Manel', 'Nelo'), g('Francisco', 'M', 'Chico', 'Kiko'),
    g('Rui', 'M'), g('Nuno', 'M'), g('Tiago', 'M'), g('Diogo', 'M'), g('Miguel', 'M'), g('Pedro', 'M'), g('Ricardo', 'M'), g('Luís', 'M'),
    g('Jorge', 'M'), g('Paulo', 'M'), g('Carlos', 'M'), g('Duarte', 'M'), g('Gonçalo', 'M'),
    g('Maria', 'F'), g('Ana', 'F'), g('Inês', 'F'), g('Beatriz', 'F', 'Bia'), g('Mariana', 'F'), g('Joana', 'F', 'Jo'), g('Catarina', 'F', 'Cat'),
    g('Sofia', 'F'), g('Rita', 'F'), g('Filipa', 'F', 'Pipa'), g('Teresa', 'F', 'Teté'), g('Isabel', 'F', 'Bela'), g('Helena', 'F', 'Lena'),
    g('Maria João', 'F'), g('Ana Rita', 'F'), g('Conceição', 'F', 'São'),
  ],
  ES: [
    g('José', 'M', 'Pepe', 'Pepito'), g('Antonio', 'M', 'Toni', 'Toño'), g('Manuel', 'M', 'Manolo', 'Manu'), g('Francisco', 'M', 'Paco', 'Curro', 'Fran'),
    g('David', 'M'), g('Juan', 'M', 'Juanito'), g('Javier', 'M', 'Javi'), g('José Luis', 'M', 'Josélu'), g('Daniel', 'M', 'Dani'), g('Carlos', 'M'),
    g('Jesús', 'M', 'Chus'), g('Alejandro', 'M', 'Álex'), g('Miguel', 'M'), g('Rafael', 'M', 'Rafa'), g('Pablo', 'M'), g('Sergio', 'M'),
    g('Fernando', 'M', 'Nando'), g('Jorge', 'M'), g('Ignacio', 'M', 'Nacho'), g('Enrique', 'M', 'Quique'), g('Juan Carlos', 'M', 'Juanca'),
    g('María', 'F', 'Mari'), g('Carmen', 'F', 'Mamen'), g('Ana', 'F'), g('Isabel', 'F', 'Isa', 'Chabela'), g('Laura', 'F'), g('Cristina', 'F', 'Cris'),
    g('Marta', 'F'), g('Lucía', 'F'), g('Dolores', 'F', 'Lola'), g('Pilar', 'F', 'Pili'), g('Elena', 'F'), g('María José', 'F', 'Majo'),
    g('Rosario', 'F', 'Charo'), g('Concepción', 'F', 'Concha'), g('Paula', 'F'), g('Raquel', 'F'), g('Mercedes', 'F', 'Merche'),
  ],
  MX: [
    g('José', 'M', 'Pepe', 'Chepe'), g('Juan', 'M', 'Juanito'), g('Luis', 'M'), g('Carlos', 'M', 'Carlitos'), g('Jorge', 'M'), g('Miguel', 'M'),
    g('Francisco', 'M', 'Pancho', 'Paco'), g('Jesús', 'M', 'Chuy', 'Chucho'), g('Alejandro', 'M', 'Alex', 'Ale'), g('Ricardo', 'M'),
    g('Roberto', 'M', 'Beto'), g('Eduardo', 'M', 'Lalo'), g('Fernando', 'M', 'Fer'), g('Arturo', 'M'), g('Ignacio', 'M', 'Nacho'),
    g('Enrique', 'M', 'Kike'), g('José Luis', 'M'), g('Juan Carlos', 'M'), g('Guillermo', 'M', 'Memo'), g('Rodolfo', 'M', 'Fito'),
    g('María', 'F'), g('Guadalupe', 'F', 'Lupe', 'Lupita'), g('Juana', 'F'), g('Margarita', 'F', 'Magos'), g('Verónica', 'F', 'Vero'),
    g('Leticia', 'F', 'Lety'), g('Rosa', 'F'), g('Patricia', 'F', 'Paty'), g('Elizabeth', 'F', 'Liz'), g('Alejandra', 'F', 'Ale'),
    g('Gabriela', 'F', 'Gaby'), g('Adriana', 'F'), g('Claudia', 'F', 'Clau'), g('María Guadalupe', 'F', 'Lupita'), g('Ana María', 'F'),
    g('María Fernanda', 'F', 'Marifer'), g('Socorro', 'F', 'Coco'),
  ],
  AR: [
    g('Juan', 'M', 'Juanchi'), g('Carlos', 'M', 'Carlitos'), g('Jorge', 'M'), g('Luis', 'M', 'Lucho'), g('Daniel', 'M'), g('Roberto', 'M', 'Beto'),
    g('Miguel', 'M'), g('José', 'M', 'Pepe'), g('Alejandro', 'M', 'Ale'), g('Diego', 'M'), g('Martín', 'M', 'Tincho'), g('Pablo', 'M'),
    g('Sebastián', 'M', 'Seba'), g('Matías', 'M', 'Mati'), g('Facundo', 'M', 'Facu'), g('Nicolás', 'M', 'Nico'), g('Santiago', 'M', 'Santi'),
    g('Juan Pablo', 'M', 'Juampi'), g('Francisco', 'M', 'Fran', 'Pancho'),
    g('María', 'F'), g('Graciela', 'F', 'Grace'), g('Silvia', 'F'), g('Patricia', 'F', 'Pato'), g('Laura', 'F'), g('Claudia', 'F'),
    g('Marcela', 'F'), g('Andrea', 'F'), g('Florencia', 'F', 'Flor'), g('Carolina', 'F', 'Caro'), g('Valeria', 'F', 'Vale'),
    g('Lucía', 'F', 'Lu'), g('Sofía', 'F', 'Sofi'), g('Agustina', 'F', 'Agus'), g('Camila', 'F', 'Cami'), g('María Laura', 'F'),
  ],
  US: [
    g('James', 'M', 'Jim', 'Jimmy'), g('John', 'M', 'Johnny', 'Jack'), g('Robert', 'M', 'Bob', 'Rob', 'Bobby'), g('Michael', 'M', 'Mike'),
    g('William', 'M', 'Bill', 'Will', 'Billy'), g('David', 'M', 'Dave'), g('Richard', 'M', 'Rick', 'Dick'), g('Joseph', 'M', 'Joe'),
    g('Thomas', 'M', 'Tom'), g('Charles', 'M', 'Charlie', 'Chuck'), g('Christopher', 'M', 'Chris'), g('Daniel', 'M', 'Dan'),
    g('Matthew', 'M', 'Matt'), g('Anthony', 'M', 'Tony'), g('Steven', 'M', 'Steve'), g('José', 'M'), g('Carlos', 'M'),
    g('Mary', 'F'), g('Patricia', 'F', 'Patty', 'Trish'), g('Jennifer', 'F', 'Jen', 'Jenny'), g('Linda', 'F'), g('Elizabeth', 'F', 'Liz', 'Beth'),
    g('Barbara', 'F', 'Barb'), g('Susan', 'F', 'Sue'), g('Jessica', 'F', 'Jess'), g('Sarah', 'F'), g('Karen', 'F'), g('Nancy', 'F'),
    g('Margaret', 'F', 'Peggy', 'Maggie'), g('Katherine', 'F', 'Kate', 'Katie'), g('Emily', 'F'), g('Ashley', 'F'), g('María', 'F'),
  ],
};

const SURNAMES: Readonly<Record<Country, readonly string[]>> = {
  BR: [
    'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins',
    'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira',
    'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas', 'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira', 'Araújo', 'Conceição',
    'Magalhães', 'Guimarães', 'Cavalcanti', 'Azevedo', 'Batista', 'Campos', 'Castro', 'Pinto', 'Correia', 'Monteiro', 'Barros',
  ],
  PT: [
    'Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Martins', 'Jesus', 'Sousa', 'Fernandes', 'Gonçalves',
    'Gomes', 'Lopes', 'Marques', 'Alves', 'Almeida', 'Ribeiro', 'Pinto', 'Carvalho', 'Teixeira', 'Moreira', 'Correia', 'Mendes', 'Nunes',
    'Soares', 'Vieira', 'Monteiro', 'Cardoso', 'Rocha', 'Neves', 'Coelho', 'Cruz', 'Cunha', 'Pires', 'Ramos', 'Reis', 'Simões',
  ],
  ES: [
    'García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz',
    'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez',
    'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio',
  ],
  MX: [
    'Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez',
    'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Moreno',
    'Castillo', 'Romero', 'Álvarez', 'Méndez', 'Chávez', 'Rivera', 'Juárez', 'Ramos', 'Domínguez', 'Herrera', 'Medina', 'Castro',
  ],
  AR: [
    'González', 'Rodríguez', 'Gómez', 'Fernández', 'López', 'Díaz', 'Martínez', 'Pérez', 'García', 'Sánchez', 'Romero', 'Sosa',
    'Álvarez', 'Torres', 'Ruiz', 'Ramírez', 'Flores', 'Acosta', 'Benítez', 'Medina', 'Herrera', 'Suárez', 'Aguirre', 'Giménez',
    'Gutiérrez', 'Pereyra', 'Rossi', 'Russo', 'Ferrari', 'Bianchi', 'Molina', 'Castro', 'Ortiz', 'Silva', 'Luna', 'Rojas',
  ],
  US: [
    'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
    'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis',
    'Robinson', 'Walker', 'Young', 'Allen', 'King', "O'Brien", 'McDonald', 'Nguyen', 'Murphy', 'Sullivan', 'Kowalski',
  ],
};

/** The particle a Brazilian surname takes when it takes one (da Silva, dos Santos, de Souza). */
const BR_PARTICLE: Readonly<Record<string, string>> = { Silva: 'da', Santos: 'dos', Souza: 'de', Oliveira: 'de', Conceição: 'da', Almeida: 'de', Andrade: 'de', Freitas: 'de', Carvalho: 'de', Castro: 'de', Barros: 'de', Nascimento: 'do' };

/**
 * Long tails (less common names) added after the common ones above. Names are drawn with Zipf-like
 * weights by position (rank^-0.6), so Silva, García or Smith come up far more often than Lacerda,
 * but name collisions between unrelated persons stay near real rates (see the README).
 */
const GIVEN_TAIL: Readonly<Record<Country, Readonly<Record<Sex, readonly string[]>>>> = {
  BR: {
    M: ['Alexandre', 'André', 'Diego', 'Renato', 'Sérgio', 'Fábio', 'Júlio César', 'Otávio', 'Caio', 'Henrique', 'Murilo', 'Igor', 'Renan', 'Wagner', 'Wellington', 'Anderson', 'Cláudio', 'Márcio', 'Rogério', 'Samuel', 'Davi', 'Arthur', 'Heitor', 'Bernardo', 'Enzo', 'Miguel', 'Benedito', 'Valdir', 'Adriano', 'Everton', 'Cristiano', 'Jonas', 'Hugo', 'Otávio Augusto', 'Severino'],
    F: ['Cristiane', 'Simone', 'Daniela', 'Renata', 'Tatiane', 'Priscila', 'Débora', 'Carla', 'Paula', 'Viviane', 'Natália', 'Isabela', 'Sofia', 'Alice', 'Laura', 'Helena', 'Valentina', 'Lívia', 'Cecília', 'Elaine', 'Rosângela', 'Sônia', 'Vera', 'Lúcia', 'Tereza', 'Rita', 'Silvana', 'Cláudia', 'Eliane', 'Jaqueline', 'Kelly', 'Michele', 'Thaís', 'Yasmin', 'Lorena'],
  },
  PT: {
    M: ['André', 'Bruno', 'Rodrigo', 'Hugo', 'Sérgio', 'Vítor', 'Fernando', 'Alexandre', 'Filipe', 'Martim', 'Afonso', 'Tomás', 'Henrique', 'Simão', 'Rafael', 'Fábio', 'Hélder', 'Joaquim', 'Armando', 'Artur'],
    F: ['Cláudia', 'Sónia', 'Patrícia', 'Marta', 'Daniela', 'Carla', 'Andreia', 'Vera', 'Susana', 'Cristina', 'Matilde', 'Leonor', 'Carolina', 'Lara', 'Margarida', 'Francisca', 'Raquel', 'Sara', 'Diana', 'Fátima'],
  },
  ES: {
    M: ['Luis', 'Ángel', 'Adrián', 'Diego', 'Álvaro', 'Óscar', 'Rubén', 'Ramón', 'Vicente', 'Andrés', 'Joaquín', 'Santiago', 'Eduardo', 'Víctor', 'Roberto', 'Mario', 'Iván', 'Jaime', 'Marcos', 'Gonzalo', 'Hugo', 'Iker', 'Raúl', 'Alberto', 'Emilio'],
    F: ['Josefa', 'Francisca', 'Teresa', 'Antonia', 'Sara', 'Rosa', 'Ángela', 'Sonia', 'Silvia', 'Beatriz', 'Patricia', 'Nuria', 'Irene', 'Julia', 'Alba', 'Andrea', 'Sofía', 'Claudia', 'Noelia', 'Rocío', 'Inmaculada', 'Montserrat', 'Yolanda', 'Lorena', 'Eva'],
  },
  MX: {
    M: ['Manuel', 'Pedro', 'Antonio', 'Ramón', 'Héctor', 'Raúl', 'Sergio', 'Javier', 'Óscar', 'Víctor', 'Mario', 'Daniel', 'Rafael', 'Alfredo', 'Armando', 'Gerardo', 'Ernesto', 'Martín', 'Salvador', 'Jaime', 'Joel', 'Rubén', 'Hugo', 'Raymundo', 'Santiago', 'Emiliano', 'Diego', 'Iván'],
    F: ['Silvia', 'Teresa', 'Laura', 'Martha', 'Lucía', 'Yolanda', 'Araceli', 'Norma', 'Sandra', 'Mónica', 'Alicia', 'Carmen', 'Josefina', 'Esperanza', 'Irma', 'Beatriz', 'Lorena', 'Karla', 'Diana', 'Sofía', 'Valeria', 'Ximena', 'Daniela', 'Brenda', 'Marisol', 'Itzel'],
  },
  AR: {
    M: ['Gustavo', 'Ricardo', 'Eduardo', 'Hugo', 'Héctor', 'Sergio', 'Marcelo', 'Fernando', 'Gabriel', 'Lucas', 'Ezequiel', 'Gonzalo', 'Joaquín', 'Tomás', 'Lautaro', 'Federico', 'Leandro', 'Hernán', 'Ariel', 'Rubén', 'Osvaldo', 'Walter', 'Néstor'],
    F: ['Mónica', 'Susana', 'Norma', 'Mariana', 'Romina', 'Natalia', 'Gabriela', 'Paula', 'Julieta', 'Micaela', 'Martina', 'Victoria', 'Milagros', 'Rocío', 'Soledad', 'Verónica', 'Cecilia', 'Alejandra', 'Liliana', 'Beatriz', 'Daniela'],
  },
  US: {
    M: ['Mark', 'Donald', 'Paul', 'Andrew', 'Joshua', 'Kenneth', 'Kevin', 'Brian', 'George', 'Timothy', 'Ronald', 'Jason', 'Edward', 'Jeffrey', 'Ryan', 'Jacob', 'Gary', 'Nicholas', 'Eric', 'Jonathan', 'Stephen', 'Larry', 'Justin', 'Scott', 'Brandon', 'Benjamin', 'Samuel', 'Gregory', 'Alexander', 'Patrick', 'Frank', 'Raymond', 'Jack', 'Dennis', 'Jerry', 'Tyler', 'Aaron', 'Luis', 'Juan'],
    F: ['Lisa', 'Betty', 'Sandra', 'Donna', 'Carol', 'Ruth', 'Sharon', 'Michelle', 'Laura', 'Kimberly', 'Deborah', 'Dorothy', 'Amy', 'Angela', 'Helen', 'Anna', 'Brenda', 'Pamela', 'Nicole', 'Samantha', 'Christine', 'Rachel', 'Carolyn', 'Janet', 'Catherine', 'Heather', 'Diane', 'Julie', 'Joyce', 'Victoria', 'Kelly', 'Christina', 'Lauren', 'Joan', 'Evelyn', 'Olivia', 'Judith', 'Megan', 'Cheryl', 'Andrea'],
  },
};

const SURNAME_TAIL: Readonly<Record<Country, readonly string[]>> = {
  BR: ['Pires', 'Moraes', 'Cunha', 'Correa', 'Nogueira', 'Farias', 'Bezerra', 'Miranda', 'Fonseca', 'Medeiros', 'Brito', 'Tavares', 'Duarte', 'Reis', 'Xavier', 'Leite', 'Queiroz', 'Siqueira', 'Borges', 'Assis', 'Peixoto', 'Lacerda', 'Sampaio', 'Coelho', 'Maciel', 'Melo', 'Aguiar', 'Paiva', 'Prado', 'Rezende', 'Vasconcelos', 'Bastos', 'Brandão', 'Menezes', 'Matos', 'Viana', 'Fagundes', 'Lins', 'Godoy', 'Toledo', 'Porto', 'Camargo', 'Franco', 'Moura', 'Sales', 'Rangel', 'Pacheco', 'Falcão', 'Amaral', 'Bueno', 'Chaves', 'Cordeiro', 'Dantas', 'Esteves', 'Figueiredo', 'Galvão', 'Holanda', 'Jardim', 'Leal', 'Lobo', 'Macedo', 'Neves', 'Pimentel', 'Quintana', 'Rios', 'Sobral', 'Tenório', 'Valente', 'Werneck', 'Zanetti', 'Bianchi', 'Rossi', 'Yamamoto', 'Tanaka', 'Haddad', 'Kowalski'],
  PT: ['Matos', 'Fonseca', 'Tavares', 'Sá', 'Antunes', 'Leite', 'Miranda', 'Morais', 'Barbosa', 'Faria', 'Lourenço', 'Baptista', 'Henriques', 'Mota', 'Guerreiro', 'Amaral', 'Campos', 'Nogueira', 'Freitas', 'Castro', 'Valente', 'Abreu', 'Magalhães', 'Paiva', 'Brandão', 'Vaz', 'Figueiredo', 'Loureiro', 'Machado', 'Araújo', 'Quintas', 'Seixas', 'Xavier', 'Garcia', 'Brito', 'Cabral', 'Domingues', 'Esteves', 'Fialho', 'Godinho', 'Jorge', 'Leal', 'Madeira', 'Neto', 'Oliveira', 'Palma', 'Rebelo', 'Salgado', 'Tomé', 'Vieira'],
  ES: ['Iglesias', 'Medina', 'Garrido', 'Cortés', 'Castillo', 'Santos', 'Lozano', 'Guerrero', 'Cano', 'Prieto', 'Méndez', 'Cruz', 'Calvo', 'Gallego', 'Vidal', 'León', 'Márquez', 'Herrera', 'Peña', 'Flores', 'Cabrera', 'Campos', 'Vega', 'Fuentes', 'Carrasco', 'Díez', 'Caballero', 'Reyes', 'Nieto', 'Aguilar', 'Pascual', 'Santana', 'Herrero', 'Montero', 'Lorenzo', 'Hidalgo', 'Giménez', 'Ibáñez', 'Ferrer', 'Durán', 'Santiago', 'Benítez', 'Mora', 'Vicente', 'Vargas', 'Arias', 'Carmona', 'Crespo', 'Román', 'Pastor', 'Soto', 'Sáez', 'Velasco', 'Moya', 'Soler', 'Parra', 'Esteban', 'Bravo', 'Gallardo', 'Rojas', 'Aranda', 'Bermúdez', 'Cuesta', 'Echeverría', 'Figueroa', 'Goñi', 'Irigoyen', 'Jurado', 'Lara', 'Luque', 'Miranda', 'Ochoa', 'Pardo', 'Quintana', 'Rivas', 'Salinas', 'Toledo', 'Urrutia', 'Valverde', 'Zamora'],
  MX: ['Vargas', 'Guzmán', 'Salazar', 'Contreras', 'Estrada', 'Rojas', 'Luna', 'Ortega', 'Guerrero', 'Sandoval', 'Cortés', 'Santiago', 'Ríos', 'Navarro', 'Soto', 'Alvarado', 'Silva', 'Campos', 'Cervantes', 'Vega', 'Ibarra', 'Rosas', 'Mejía', 'Fuentes', 'Carrillo', 'Espinoza', 'Valdez', 'Cabrera', 'Acosta', 'Bautista', 'Velázquez', 'Trejo', 'Nava', 'Salas', 'Zamora', 'Arellano', 'Lara', 'Pacheco', 'Padilla', 'Escobar', 'Ochoa', 'Cisneros', 'Solís', 'Villanueva', 'Zúñiga', 'Montes', 'Maldonado', 'Beltrán', 'Cárdenas', 'Durán', 'Galván', 'Hidalgo', 'Lozano', 'Miranda', 'Núñez', 'Olvera', 'Peña', 'Quintero', 'Rangel', 'Serrano', 'Tapia', 'Urbina', 'Villegas', 'Yáñez', 'Zavala', 'Arriaga', 'Becerra', 'Cuevas', 'Esquivel', 'Figueroa', 'Gallegos'],
  AR: ['Cabrera', 'Ríos', 'Figueroa', 'Quiroga', 'Moreno', 'Ojeda', 'Ledesma', 'Vera', 'Muñoz', 'Godoy', 'Paz', 'Peralta', 'Vega', 'Carrizo', 'Coronel', 'Castillo', 'Maldonado', 'Domínguez', 'Blanco', 'Villalba', 'Navarro', 'Cáceres', 'Ferreyra', 'Morales', 'Arias', 'Correa', 'Vázquez', 'Mansilla', 'Lucero', 'Campos', 'Gallo', 'Costa', 'Greco', 'Fontana', 'Lombardi', 'Marino', 'Ricci', 'Bruno', 'Conti', 'Schmidt', 'Müller', 'Bustos', 'Chávez', 'Duarte', 'Escobar', 'Funes', 'Gil', 'Ibáñez', 'Juárez', 'Leiva', 'Miranda', 'Núñez', 'Olmos', 'Ponce', 'Quinteros', 'Rivero', 'Santillán', 'Toledo', 'Urquiza', 'Valdez', 'Zalazar', 'Albornoz', 'Barrios', 'Cardozo'],
  US: ['Hall', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Torres', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Flores', 'Morris', 'Cook', 'Rogers', 'Morgan', 'Peterson', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Gomez', 'Kelly', 'Howard', 'Ward', 'Cox', 'Diaz', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'James', 'Reyes', 'Cruz', 'Hughes', 'Price', 'Myers', 'Long', 'Foster', 'Sanders', 'Ross', 'Morales', 'Powell', 'Jenkins', 'Perry', 'Russell', 'Patel', 'Kim', 'Chen', 'Singh', 'Sullivan', 'Butler', 'Barnes', 'Fisher', 'Henderson', 'Coleman', 'Simmons', 'Patterson', 'Jordan', 'Reynolds', 'Hamilton', 'Graham', 'Wallace', 'Woods', 'Cole', 'West', 'Owens', 'Marshall', 'Ellis', 'Stevens', 'Tran', 'Shah', 'Cohen', 'Schwartz', 'Rossi', 'Murray', 'Ford', 'Hayes', 'Gibson', 'Bryant'],
};

/** Zipf-like pick: the item at position i has weight (i + 1)^-0.6. */
function zipfPick<T>(rng: Rng, items: readonly T[]): T {
  let total = 0;
  for (let i = 0; i < items.length; i++) total += (i + 1) ** -0.6;
  let x = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    x -= (i + 1) ** -0.6;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

const US_MIDDLE: Readonly<Record<Sex, readonly string[]>> = {
  F: ['A.', 'B.', 'C.', 'E.', 'J.', 'L.', 'M.', 'R.', 'S.', 'Ann', 'Lee', 'Marie', 'Lynn', 'Elizabeth', 'Rose', 'Jean'],
  M: ['A.', 'B.', 'C.', 'D.', 'E.', 'J.', 'L.', 'M.', 'R.', 'S.', 'Lee', 'James', 'Michael', 'Allen', 'Ray', 'Joseph'],
};
/** Twin given-name pairs (similar on purpose: the hardest family case). */
const TWINS: Readonly<Record<Country, readonly (readonly [GivenName, GivenName])[]>> = {
  BR: [[g('Pedro', 'M'), g('Paulo', 'M')], [g('Maria Eduarda', 'F', 'Duda'), g('Maria Clara', 'F')], [g('Gabriel', 'M', 'Biel'), g('Rafael', 'M', 'Rafa')], [g('Ana Clara', 'F'), g('Ana Luiza', 'F')]],
  PT: [[g('João', 'M'), g('Tiago', 'M')], [g('Ana Rita', 'F'), g('Ana Sofia', 'F')]],
  ES: [[g('Pablo', 'M'), g('Hugo', 'M')], [g('Lucía', 'F'), g('Laura', 'F')]],
  MX: [[g('José Luis', 'M'), g('Jorge Luis', 'M')], [g('María Fernanda', 'F', 'Marifer'), g('María José', 'F', 'Majo')]],
  AR: [[g('Juan Pablo', 'M', 'Juampi'), g('Juan Martín', 'M')], [g('Sofía', 'F', 'Sofi'), g('Valentina', 'F', 'Vale')]],
  US: [[g('Ethan', 'M'), g('Evan', 'M')], [g('Emily', 'F'), g('Emma', 'F')]],
};

const EMOJI = ['🌸', '✨', '💙', '🙏', '⚽', '🌻', '❤️', '😊', '🦋', '🔥', '🌹', '☀️'];
const PROFILE_ROLE: Readonly<Record<Country, readonly string[]>> = {
  BR: ['Mãe', 'Mamãe', 'Pai', 'Vó', 'Tia'], PT: ['Mãe', 'Avó', 'Pai'], ES: ['Mamá', 'Papá', 'Abuela'], MX: ['Mamá', 'Mami', 'Papá', 'Abuelita'],
  AR: ['Mamá', 'Papá', 'Abu'], US: ['Mom', 'Dad', 'Grandma'],
};
const TRADE: Readonly<Record<Country, readonly string[]>> = {
  BR: ['Imóveis', 'Mecânico', 'Corretora', 'Doces', 'Advocacia', 'Estética', 'Fotografia', 'Personal'],
  PT: ['Imobiliária', 'Fotografia', 'Cabeleireira'], ES: ['Inmobiliaria', 'Fotografía', 'Abogada', 'Taller'],
  MX: ['Bienes Raíces', 'Repostería', 'Taller', 'Uñas', 'Seguros'], AR: ['Propiedades', 'Fotografía', 'Uñas', 'Seguros'],
  US: ['Realty', 'Photography', 'Insurance', 'Nails', 'Fitness'],
};

// ---------------------------------------------------------------------------------------------
// Places

interface City {
  readonly name: string;
  /** Spellings seen in exports. */
  readonly variants: readonly string[];
  /** Area code (national significant prefix) for phones; '' where there is none. */
  readonly area: string;
}

const CITIES: Readonly<Record<Country, readonly City[]>> = {
  BR: [
    { name: 'São Paulo', variants: ['Sao Paulo', 'SAO PAULO', 'SP', 'S. Paulo', 'São Paulo - SP'], area: '11' },
    { name: 'Rio de Janeiro', variants: ['Rio', 'RJ', 'RIO DE JANEIRO', 'Rio de Janeiro/RJ'], area: '21' },
    { name: 'Belo Horizonte', variants: ['BH', 'Belo Horizonte - MG', 'BELO HORIZONTE'], area: '31' },
    { name: 'Curitiba', variants: ['CURITIBA', 'Curitiba/PR'], area: '41' },
    { name: 'Porto Alegre', variants: ['POA', 'Porto Alegre - RS'], area: '51' },
    { name: 'Salvador', variants: ['SALVADOR', 'Salvador/BA'], area: '71' },
    { name: 'Recife', variants: ['RECIFE', 'Recife - PE'], area: '81' },
    { name: 'Fortaleza', variants: ['FORTALEZA'], area: '85' },
    { name: 'Campinas', variants: ['CAMPINAS', 'Campinas/SP'], area: '19' },
    { name: 'Brasília', variants: ['Brasilia', 'BSB', 'Brasília - DF'], area: '61' },
  ],
  PT: [
    { name: 'Lisboa', variants: ['Lisbon', 'LISBOA'], area: '21' },
    { name: 'Porto', variants: ['PORTO', 'Oporto'], area: '22' },
    { name: 'Braga', variants: ['BRAGA'], area: '253' },
    { name: 'Coimbra', variants: ['COIMBRA'], area: '239' },
  ],
  ES: [
    { name: 'Madrid', variants: ['MADRID', 'Madrid (Madrid)'], area: '91' },
    { name: 'Barcelona', variants: ['BARCELONA', 'Barna'], area: '93' },
    { name: 'Valencia', variants: ['València', 'VALENCIA'], area: '96' },
    { name: 'Sevilla', variants: ['Seville', 'SEVILLA'], area: '95' },
  ],
  MX: [
    { name: 'Ciudad de México', variants: ['CDMX', 'Mexico City', 'México D.F.', 'CIUDAD DE MEXICO', 'Cd. de México'], area: '55' },
    { name: 'Guadalajara', variants: ['GDL', 'Guadalajara, Jal.', 'GUADALAJARA'], area: '33' },
    { name: 'Monterrey', variants: ['MTY', 'Monterrey, N.L.', 'MONTERREY'], area: '81' },
    { name: 'Puebla', variants: ['PUEBLA', 'Puebla, Pue.'], area: '222' },
  ],
  AR: [
    { name: 'Buenos Aires', variants: ['CABA', 'Capital Federal', 'Ciudad Autónoma de Buenos Aires', 'BUENOS AIRES', 'Bs. As.'], area: '11' },
    { name: 'Córdoba', variants: ['Cordoba', 'CÓRDOBA'], area: '351' },
    { name: 'Rosario', variants: ['ROSARIO', 'Rosario, Santa Fe'], area: '341' },
  ],
  US: [
    { name: 'Miami', variants: ['MIAMI', 'Miami, FL'], area: '305' },
    { name: 'Houston', variants: ['HOUSTON', 'Houston TX'], area: '713' },
    { name: 'Los Angeles', variants: ['LA', 'Los Angeles, CA', 'LOS ANGELES'], area: '213' },
    { name: 'New York', variants: ['NYC', 'New York City', 'NEW YORK'], area: '212' },
    { name: 'San Antonio', variants: ['SAN ANTONIO'], area: '210' },
  ],
};

const STREETS: Readonly<Record<Country, readonly string[]>> = {
  BR: ['Rua das Flores', 'Rua Augusta', 'Av. Paulista', 'Rua Sete de Setembro', 'Rua XV de Novembro', 'Av. Brasil', 'Rua Barão de Mauá', 'Rua Tiradentes', 'Av. Getúlio Vargas', 'Rua São João', 'Rua Dom Pedro II', 'Travessa da Paz'],
  PT: ['Rua Augusta', 'Avenida da Liberdade', 'Rua de Santa Catarina', 'Rua do Carmo', 'Avenida da Boavista', 'Rua Direita'],
  ES: ['Calle Mayor', 'Calle de Alcalá', 'Gran Vía', 'Avenida de la Constitución', 'Calle del Sol', 'Paseo de Gracia', 'Calle Real'],
  MX: ['Av. Insurgentes Sur', 'Calle Hidalgo', 'Av. Juárez', 'Calle Morelos', 'Av. Reforma', 'Calle 5 de Mayo', 'Av. Revolución'],
  AR: ['Av. Corrientes', 'Av. Santa Fe', 'Calle Florida', 'Av. Rivadavia', 'Calle San Martín', 'Av. Belgrano', 'Calle Mitre'],
  US: ['Main St', 'Oak Ave', 'Maple Dr', 'Park Blvd', 'Elm St', 'Washington Ave', 'Cedar Ln', '2nd St'],
};

const EMAIL_DOMAINS: Readonly<Record<Country, readonly (readonly [string, number])[]>> = {
  BR: [['gmail.com', 55], ['hotmail.com', 18], ['outlook.com', 6], ['yahoo.com.br', 8], ['uol.com.br', 4], ['bol.com.br', 3], ['icloud.com', 4], ['terra.com.br', 2]],
  PT: [['gmail.com', 50], ['hotmail.com', 18], ['sapo.pt', 14], ['outlook.pt', 8], ['iol.pt', 5], ['icloud.com', 5]],
  ES: [['gmail.com', 50], ['hotmail.es', 18], ['hotmail.com', 8], ['yahoo.es', 8], ['outlook.es', 8], ['telefonica.net', 4], ['icloud.com', 4]],
  MX: [['gmail.com', 52], ['hotmail.com', 26], ['outlook.com', 8], ['yahoo.com.mx', 8], ['prodigy.net.mx', 4], ['icloud.com', 2]],
  AR: [['gmail.com', 55], ['hotmail.com', 20], ['yahoo.com.ar', 10], ['outlook.com', 6], ['live.com.ar', 4], ['fibertel.com.ar', 5]],
  US: [['gmail.com', 45], ['yahoo.com', 16], ['outlook.com', 8], ['hotmail.com', 8], ['icloud.com', 10], ['aol.com', 5], ['comcast.net', 4], ['me.com', 4]],
};
const DOMAIN_TYPOS: Readonly<Record<string, readonly string[]>> = {
  'gmail.com': ['gmial.com', 'gmail.con', 'gamil.com', 'gmail.com.br', 'gmai.com', 'gmaill.com'],
  'hotmail.com': ['hotmial.com', 'hotmail.com.br', 'hotmal.com', 'hotmail.co'],
  'outlook.com': ['outlok.com', 'outlook.com.br'],
  'yahoo.com.br': ['yahoo.com', 'yaho.com.br'],
  'yahoo.com': ['yaho.com', 'yahoo.co'],
  'hotmail.es': ['hotmail.com', 'hotmial.es'],
};

/** Placeholders cashiers and agents type; the first ones are the usual, the last ones rarer. */
const PLACEHOLDER_PHONES: readonly (readonly [string, number])[] = [['000000000', 30], ['0000000000', 15], ['(11) 99999-9999', 10], ['1234567890', 10], ['00000000000', 10], ['11111111', 5], ['999999999', 5], ['0', 10], ['-', 5]];
const PLACEHOLDER_EMAILS: readonly (readonly [string, number])[] = [
  ['test@test.com', 20], ['no email', 15], ['noemail@noemail.com', 10], ['n/a', 10], ['sin correo', 8], ['-', 8], ['nao possui', 6], ['none@none.com', 5],
  ['sem@email.com', 4], ['naotem@naotem.com', 3], ['x@x.com', 3], ['email@email.com', 3],
];

// ---------------------------------------------------------------------------------------------
// The world

interface Phone {
  readonly country: Country;
  readonly kind: 'mobile' | 'landline' | 'office';
  readonly area: string;
  /** Subscriber number (for BR mobiles with the ninth digit; for AR without the 15). */
  readonly sub: string;
  /** Id of the underlying line, for the meta file. */
  readonly lineId: string;
}

interface Company {
  readonly id: string;
  readonly country: Country;
  readonly name: string;
  readonly domain: string;
  readonly roleEmail: string;
  readonly switchboard: Phone;
}

interface Household {
  readonly id: string;
  readonly country: Country;
  readonly city: City;
  readonly address: { readonly street: string; readonly number: number; readonly unit: string | undefined };
  readonly postcode: string;
  readonly landline: Phone | undefined;
  readonly familyEmail: string | undefined;
  readonly members: Person[];
}

interface Person {
  readonly id: string;
  readonly household: Household;
  readonly country: Country;
  readonly sex: Sex;
  readonly given: string;
  readonly nick: string | undefined;
  readonly middle: string | undefined;
  /** Surnames as the person writes them in full (`['Ferreira', 'da Silva']`). */
  readonly surnames: readonly string[];
  /** An older form of the surnames (before marriage), or undefined. */
  readonly maiden: readonly string[] | undefined;
  readonly suffix: string | undefined;
  readonly dob: { readonly y: number; readonly m: number; readonly d: number };
  email: string | undefined;
  workEmail: string | undefined;
  mobile: Phone | undefined;
  /** A mobile of someone else in the household, used when the person has none. */
  borrowedMobile: Phone | undefined;
  oldMobile: Phone | undefined;
  readonly instagram: string | undefined;
  readonly telegramUser: string | undefined;
  readonly telegramId: string;
  readonly psid: string;
  readonly company: Company | undefined;
  /** Stable profile names (a person sets them once). */
  readonly waProfile: string;
  readonly igName: string;
  readonly fbName: string;
  readonly role: 'adult' | 'child' | 'twin' | 'junior' | 'elder';
}

/** Per-row facts for the evaluation (never shown to the engine). */
export interface RowMeta {
  readonly record_id: string;
  readonly person: string;
  readonly household: string;
  readonly country: Country;
  readonly channel: RowChannel;
  /** Underlying identifiers on the row: `mobile:<line>`, `landline:<line>`, `email:<person>`, `familyEmail:<household>`, ... */
  readonly ids: readonly string[];
  /** Noise applied, by field (`phone:local`, `email:domain-typo`, `name:nickname`, ...). */
  readonly noise: readonly string[];
  readonly role: Person['role'];
  readonly company?: string;
}

export interface GeneratedContacts {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
  readonly meta: readonly RowMeta[];
  readonly stats: Readonly<Record<string, number>>;
}

/** Options of {@link generateContacts}. */
export interface GenerateContactsOptions {
  /** Persons to generate. @defaultValue 2000 */
  readonly persons?: number;
  /** @defaultValue 1 */
  readonly seed?: number;
  /** @defaultValue 'realistic' */
  readonly preset?: keyof typeof PRESETS;
  /** Restrict to these countries (weights renormalized). @defaultValue all */
  readonly countries?: readonly Country[];
}

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = rng.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  return weighted(
    rng,
    weights.map((w, i) => [i, w] as const),
  );
}

function digits(rng: Rng, n: number, first = '0123456789'): string {
  let s = first[rng.int(first.length)] ?? '0';
  for (let i = 1; i < n; i++) s += String(rng.int(10));
  return s;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

function slug(s: string): string {
  return fold(s).toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The surname a person is called by: the last in Portuguese-speaking countries, the first elsewhere. */
function primarySurname(country: Country, surnames: readonly string[]): string {
  const s = country === 'BR' || country === 'PT' ? surnames[surnames.length - 1] : surnames[0];
  return s ?? '';
}

/** Two different surnames (a second draw that repeats the first is drawn again). */
function distinct(first: string, pick: () => string): string[] {
  for (let i = 0; i < 10; i++) {
    const second = pick();
    if (second !== first) return [first, second];
  }
  return [first];
}

function stripParticle(s: string): string {
  return s.replace(/^(?:da|de|do|das|dos|del|de la) /i, '');
}

class World {
  readonly rng: Rng;
  readonly preset: GeneratorPreset;
  readonly households: Household[] = [];
  readonly persons: Person[] = [];
  readonly companies: Company[] = [];
  private readonly usedEmails = new Set<string>();
  private readonly usedLines = new Set<string>();
  private readonly usedHandles = new Set<string>();
  private readonly usedIds = new Set<string>();
  private lineCount = 0;
  private personCount = 0;

  constructor(seed: number, preset: GeneratorPreset, private readonly countries: readonly (readonly [Country, number])[]) {
    this.rng = createRng(seed);
    this.preset = preset;
  }

  uniqueId(n: number, first: string): string {
    for (;;) {
      const id = digits(this.rng, n, first);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  phone(country: Country, kind: Phone['kind'], area: string): Phone {
    const rng = this.rng;
    for (;;) {
      let sub: string;
      switch (country) {
        case 'BR':
          sub = kind === 'mobile' ? `9${digits(rng, 8, '6789')}` : digits(rng, 8, '2345');
          break;
        case 'MX':
          sub = digits(rng, 10 - area.length, '12345678');
          break;
        case 'AR':
          sub = digits(rng, 10 - area.length, kind === 'mobile' ? '2345679' : '45');
          break;
        case 'ES':
          // Spanish and Portuguese numbers have no separate area code: landlines start with it.
          sub = kind === 'mobile' ? digits(rng, 9, '67') : `${area}${digits(rng, 9 - area.length, '2345678')}`;
          area = '';
          break;
        case 'PT':
          sub = kind === 'mobile' ? `9${rng.pick(['1', '2', '3', '6'])}${digits(rng, 7)}` : `${area}${digits(rng, 9 - area.length, '2345678')}`;
          area = '';
          break;
        case 'US':
          sub = `${digits(rng, 3, '2346789')}${digits(rng, 4)}`;
          if (sub.startsWith('555')) continue;
          break;
      }
      const key = `${country}${area}${sub}`;
      if (this.usedLines.has(key)) continue;
      this.usedLines.add(key);
      return { country, kind, area, sub, lineId: `L${(this.lineCount++).toString(36)}` };
    }
  }

  city(country: Country): City {
    return this.rng.pick(CITIES[country]);
  }

  postcode(country: Country): string {
    const rng = this.rng;
    switch (country) {
      case 'BR':
        return `${digits(rng, 5, '0123456789')}-${digits(rng, 3)}`;
      case 'PT':
        return `${digits(rng, 4, '123456789')}-${digits(rng, 3)}`;
      case 'AR':
        return `${rng.pick(['C', 'B', 'X', 'S'])}${digits(rng, 4, '12')}${rng.chance(0.5) ? rng.pick(['AAB', 'ABC', 'DKA']) : ''}`;
      default:
        return digits(rng, 5, '123456789');
    }
  }

  email(localParts: readonly string[], country: Country, domain?: string): string {
    const rng = this.rng;
    const d = domain ?? weighted(rng, EMAIL_DOMAINS[country]);
    for (let attempt = 0; ; attempt++) {
      let local = rng.pick(localParts);
      if (attempt > 0 || rng.chance(0.3)) local += rng.chance(0.5) ? String(rng.int(100)).padStart(2, '0') : String(1950 + rng.int(60));
      const e = `${local}@${d}`;
      // One mailbox per address as the provider sees it: Gmail ignores dots.
      const mailbox = d === 'gmail.com' ? `${local.replace(/\./g, '')}@${d}` : e;
      if (!this.usedEmails.has(mailbox)) {
        this.usedEmails.add(mailbox);
        return e;
      }
    }
  }

  handle(candidates: readonly string[]): string {
    const rng = this.rng;
    for (let attempt = 0; ; attempt++) {
      let h = rng.pick(candidates);
      if (attempt > 0 || rng.chance(0.25)) h += rng.pick(['_', '.', '']) + String(rng.int(1000));
      h = h.slice(0, 30);
      if (!this.usedHandles.has(h)) {
        this.usedHandles.add(h);
        return h;
      }
    }
  }

  country(): Country {
    return weighted(this.rng, this.countries);
  }

  surnamesFor(country: Country): string[] {
    const rng = this.rng;
    const pool = [...new Set([...SURNAMES[country], ...SURNAME_TAIL[country]])];
    const pick = (): string => zipfPick(rng, pool);
    switch (country) {
      case 'BR': {
        // mother's + father's surname, sometimes with a particle; some people have one surname
        const father = pick();
        const particle = BR_PARTICLE[father] !== undefined && rng.chance(0.4) ? `${BR_PARTICLE[father]} ` : '';
        const mother = pick();
        return rng.chance(0.65) && mother !== father ? [mother, `${particle}${father}`] : [`${particle}${father}`];
      }
      case 'PT':
        return rng.chance(0.8) ? distinct(pick(), pick) : [pick()];
      case 'ES':
      case 'MX':
        return distinct(pick(), pick);
      case 'AR':
        return rng.chance(0.2) ? distinct(pick(), pick) : [pick()];
      case 'US':
        return [pick()];
    }
  }

  /** Build households and persons. */
  populate(total: number): void {
    const rng = this.rng;
    const p = this.preset;
    // Companies: a shared switchboard and role email; their contacts are spread over the data.
    const companies = Math.max(1, Math.round((total * p.companiesPerThousand) / 1000));
    for (let i = 0; i < companies; i++) {
      const country = this.country();
      const surname = rng.pick(SURNAMES[country]);
      const kind = rng.pick(['Imobiliária', 'Contabilidade', 'Consultoria', 'Seguros', 'Logística', 'Distribuidora']);
      const name = country === 'US' ? `${surname} ${rng.pick(['Realty', 'Logistics', 'Insurance', 'Consulting'])}` : `${kind} ${surname}`;
      const domain = `${slug(name)}.${country === 'US' ? 'com' : country === 'BR' ? 'com.br' : country.toLowerCase()}`;
      const city = this.city(country);
      this.companies.push({ id: `co${i}`, country, name, domain, roleEmail: `${rng.pick(['contato', 'info', 'atendimento', 'ventas', 'office', 'comercial'])}@${domain}`, switchboard: this.phone(country, 'office', city.area) });
    }
    let householdIndex = 0;
    while (this.persons.length < total) {
      const country = this.country();
      const size = Math.min(total - this.persons.length, 1 + weightedIndex(rng, p.householdSizes));
      const city = this.city(country);
      const hh: Household = {
        id: `h${householdIndex++}`,
        country,
        city,
        address: { street: rng.pick(STREETS[country]), number: 1 + rng.int(rng.chance(0.7) ? 2000 : 200), unit: rng.chance(0.45) ? String(1 + rng.int(20)) + rng.pick(['', 'A', 'B', '1', '2']) : undefined },
        postcode: this.postcode(country),
        landline: size >= 2 && rng.chance(p.landline[country]) ? this.phone(country, 'landline', city.area) : size === 1 && rng.chance(p.landline[country] * 0.5) ? this.phone(country, 'landline', city.area) : undefined,
        familyEmail: undefined,
        members: [],
      };
      this.households.push(hh);
      this.fillHousehold(hh, size);
    }
    // Office contacts: some adults are B2B contacts of a company.
    const adults = this.persons.filter((x) => x.role === 'adult');
    for (const person of adults) {
      if (!rng.chance(p.officeContacts * (this.persons.length / Math.max(1, adults.length)))) continue;
      // colleagues work where they live
      const local = this.companies.filter((c) => c.country === person.country);
      if (local.length === 0) continue;
      const company = rng.pick(local);
      (person as { company: Company | undefined }).company = company;
      person.workEmail = `${slug(person.given.split(' ')[0] ?? '')}.${slug(stripParticle(primarySurname(person.country, person.surnames)))}@${company.domain}`;
    }
    // Recycled numbers: an old mobile of one customer now belongs to another customer.
    for (const person of this.persons) {
      if (person.oldMobile === undefined || !rng.chance(p.recycled)) continue;
      const other = rng.pick(this.persons);
      if (other === person || other.household === person.household || other.country !== person.country || other.mobile === undefined) continue;
      other.mobile = person.oldMobile;
    }
  }

  private fillHousehold(hh: Household, size: number): void {
    const rng = this.rng;
    const p = this.preset;
    const country = hh.country;
    const familySurnames = this.surnamesFor(country);
    const year = 2024;
    const headAge = size === 1 ? 19 + rng.int(60) : 30 + rng.int(40);
    const head = this.makePerson(hh, { role: 'adult', sex: rng.chance(0.5) ? 'F' : 'M', surnames: familySurnames, birthYear: year - headAge });
    const members: Person[] = [head];
    if (size >= 2) {
      const couple = rng.chance(size === 2 ? 0.65 : 0.9);
      if (couple) {
        const sex: Sex = head.sex === 'F' ? 'M' : 'F';
        // Spouses: in Brazil/Portugal/US the wife often takes the husband's surname; Spanish-speaking
        // countries keep their own.
        const own = this.surnamesFor(country);
        let surnames = own;
        let maiden: string[] | undefined;
        if (sex === 'F' && (country === 'BR' || country === 'PT') && rng.chance(0.6)) {
          surnames = [own[0] ?? '', primarySurname(country, familySurnames)];
          maiden = own;
        } else if (sex === 'F' && country === 'US' && rng.chance(0.75)) {
          surnames = familySurnames;
          maiden = own;
        }
        members.push(this.makePerson(hh, { role: 'adult', sex, surnames, maiden, birthYear: year - headAge + rng.int(9) - 4 }));
      }
      const father = members.find((m) => m.sex === 'M');
      const mother = members.find((m) => m.sex === 'F');
      // Children carry the mother's then the father's surname (BR/PT), the father's then the mother's (ES/MX/AR), or the family's (US).
      const childSurnames = (): string[] => {
        if (father === undefined || mother === undefined || country === 'US') return familySurnames;
        if (country === 'BR' || country === 'PT') return [primarySurname(country, mother.maiden ?? mother.surnames), primarySurname(country, father.surnames)];
        return [father.surnames[0] ?? '', mother.surnames[0] ?? ''];
      };
      let remaining = size - members.length;
      const childYear = year - headAge + 22 + rng.int(15);
      if (remaining >= 2 && rng.chance(p.twins)) {
        const [a, b] = rng.pick(TWINS[country]);
        members.push(this.makePerson(hh, { role: 'twin', sex: a.sex, surnames: childSurnames(), birthYear: childYear, given: a, twinOf: undefined }));
        const first = members[members.length - 1]!;
        members.push(this.makePerson(hh, { role: 'twin', sex: b.sex, surnames: childSurnames(), birthYear: childYear, given: b, twinOf: first }));
        remaining -= 2;
      }
      if (remaining >= 1 && father !== undefined && rng.chance(p.junior)) {
        const suffix = country === 'BR' ? rng.pick(['Filho', 'Filho', 'Júnior', 'Neto']) : country === 'US' ? rng.pick(['Jr.', 'Jr', 'II']) : country === 'PT' ? 'Filho' : undefined;
        members.push(this.makePerson(hh, { role: 'junior', sex: 'M', surnames: father.surnames, birthYear: childYear + rng.int(6), given: { name: father.given, sex: 'M', ...(father.nick !== undefined ? { nicks: [father.nick] } : {}) }, suffix }));
        remaining--;
      }
      while (remaining > 0) {
        const elder = rng.chance(0.15);
        members.push(
          this.makePerson(hh, elder
            ? { role: 'elder', sex: rng.chance(0.7) ? 'F' : 'M', surnames: this.surnamesFor(country), birthYear: year - headAge - 25 - rng.int(10) }
            : { role: 'child', sex: rng.chance(0.5) ? 'F' : 'M', surnames: childSurnames(), birthYear: Math.min(year - 15, childYear + rng.int(8)) }),
        );
        remaining--;
      }
      if (rng.chance(p.familyEmail)) {
        const name = primarySurname(country, familySurnames);
        const local = [`familia.${slug(stripParticle(name))}`, `familia${slug(stripParticle(name))}`, `${slug(stripParticle(name))}family`, `casa.${slug(stripParticle(name))}`, `${slug(head.given.split(' ')[0] ?? '')}e${slug(members[1]?.given.split(' ')[0] ?? 'filhos')}`];
        (hh as { familyEmail: string | undefined }).familyEmail = this.email(local, country);
      }
      // A child or an elder without a phone borrows a parent's mobile.
      if (rng.chance(p.sharedMobile)) {
        const lender = members.find((m) => m.role === 'adult' && m.mobile !== undefined);
        const borrower = members.find((m) => m !== lender && m.role !== 'junior') ;
        if (lender !== undefined && borrower !== undefined) {
          borrower.mobile = undefined;
          borrower.borrowedMobile = lender.mobile;
        }
      }
    }
    this.persons.push(...members);
  }

  private makePerson(
    hh: Household,
    o: { role: Person['role']; sex: Sex; surnames: readonly string[]; birthYear: number; maiden?: readonly string[] | undefined; given?: GivenName; suffix?: string | undefined; twinOf?: Person | undefined },
  ): Person {
    const rng = this.rng;
    const p = this.preset;
    const country = hh.country;
    // Siblings and parents do not share a given name (except a Jr/Filho, passed in as o.given).
    const taken = new Set(hh.members.map((m) => m.given));
    const pool = [...GIVEN[country].filter((x) => x.sex === o.sex), ...GIVEN_TAIL[country][o.sex].map((name) => g(name, o.sex))].filter((x) => !taken.has(x.name));
    const given = o.given ?? zipfPick(rng, pool);
    const nick = given.nicks !== undefined && rng.chance(0.45) ? rng.pick(given.nicks) : undefined;
    const middle = country === 'US' && rng.chance(0.5) ? rng.pick(US_MIDDLE[o.sex]) : undefined;
    const dob = o.twinOf !== undefined ? o.twinOf.dob : { y: o.birthYear, m: 1 + rng.int(12), d: 1 + rng.int(28) };
    const first = slug(given.name.split(' ')[0] ?? given.name);
    const fullGiven = slug(given.name);
    const sur = slug(stripParticle(primarySurname(country, o.surnames)));
    const sur0 = slug(stripParticle(o.surnames[0] ?? ''));
    const nk = nick !== undefined ? slug(nick) : first;
    const yy = String(dob.y).slice(2);
    const locals = [`${first}.${sur}`, `${first}${sur}`, `${first}_${sur}`, `${first[0]}${sur}`, `${first}.${sur}${yy}`, `${fullGiven}${sur}`, ...(sur0 !== sur ? [`${first}.${sur0}.${sur}`] : []), `${nk}${sur}`, `${sur}.${first}`, `${nk}_${yy}`];
    const email = o.role === 'child' && rng.chance(0.3) ? undefined : rng.chance(p.email) ? this.email(locals, country) : undefined;
    const mobile = o.role === 'elder' && rng.chance(0.2) ? undefined : this.phone(country, 'mobile', hh.city.area);
    const oldMobile = rng.chance(p.oldMobile) ? this.phone(country, 'mobile', hh.city.area) : undefined;
    const handles = [`${first}.${sur}`, `${first}${sur}`, `${nk}.${sur}`, `${nk}_${sur}`, `${first}_${sur}_`, `${nk}${yy}`, `_${first}${sur}`, `${first}.${sur0}`];
    const instagram = rng.chance(o.role === 'elder' ? 0.2 : 0.65) ? this.handle(handles) : undefined;
    const telegramUser = rng.chance(0.6) ? this.handle(handles.map((h) => h.replace(/\./g, '_')).filter((h) => h.length >= 5)) : undefined;
    const display = (nick !== undefined && rng.chance(0.5) ? nick : (given.name.split(' ')[0] ?? given.name));
    const lastName = stripParticle(primarySurname(country, o.surnames));
    const waRoll = rng.next();
    const waProfile =
      waRoll < 0.3 ? display
        : waRoll < 0.62 ? `${display} ${lastName}`
          : waRoll < 0.7 ? `${display} ${rng.pick(EMOJI)}`
            : waRoll < 0.74 ? `${display} ${lastName} ${rng.pick(EMOJI)}`
              : waRoll < 0.78 ? `${display} ${lastName} ${rng.pick(TRADE[country])}`
                : waRoll < 0.8 ? `${rng.pick(['Dr. ', 'Dra. ', 'Prof. '])}${display} ${lastName}`
                  : waRoll < 0.83 && (o.role === 'adult' || o.role === 'elder') ? rng.pick(PROFILE_ROLE[country])
                    : waRoll < 0.86 ? rng.pick([`~ ${display}`, '.', `${display[0] ?? ''}.${lastName[0] ?? ''}.`, rng.pick(EMOJI)])
                      : `${given.name} ${o.surnames.join(' ')}`;
    const igRoll = rng.next();
    const igName =
      igRoll < 0.2 ? ''
        : igRoll < 0.55 ? `${display} ${lastName}`
          : igRoll < 0.7 ? `${display} ${rng.pick(EMOJI)}`
            : igRoll < 0.8 ? `${display} | ${rng.pick(TRADE[country])}`
              : igRoll < 0.9 ? `${given.name} ${o.surnames.join(' ')}`
                : display.toLowerCase();
    const fbName = rng.chance(0.2) && nick !== undefined ? `${nick} ${lastName}` : rng.chance(0.6) ? `${given.name.split(' ')[0] ?? ''} ${lastName}` : `${given.name} ${o.surnames.join(' ')}`;
    const person: Person = {
      id: `P${this.personCount++}`,
      household: hh,
      country,
      sex: o.sex,
      given: given.name,
      nick,
      middle,
      surnames: o.surnames,
      maiden: o.maiden,
      suffix: o.suffix,
      dob,
      email,
      workEmail: undefined,
      mobile,
      borrowedMobile: undefined,
      oldMobile,
      instagram,
      telegramUser,
      telegramId: this.uniqueId(rng.chance(0.5) ? 9 : 10, '123456789'),
      psid: this.uniqueId(16, '123'),
      company: undefined,
      waProfile: waProfile.trim(),
      igName,
      fbName,
      role: o.role,
    };
    hh.members.push(person);
    return person;
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering values as sources write them

const CC: Readonly<Record<Country, string>> = { BR: '55', MX: '52', AR: '54', ES: '34', US: '1', PT: '351' };

type PhoneUse = 'whatsapp' | 'telephony' | 'telegram' | 'crm' | 'store' | 'webchat';

/**
 * Share of typed phones written in international form, by source: a CRM serving six countries keeps
 * many numbers with their country code (sign-up forms with a country picker), a store's POS rarely.
 */
const INTERNATIONAL_SHARE: Readonly<Record<'crm' | 'store' | 'webchat', number>> = { crm: 0.45, webchat: 0.25, store: 0.08 };

/** An international spelling of a phone, as typed into a form. */
function renderInternational(rng: Rng, ph: Phone, noise: string[]): string {
  const cc = CC[ph.country];
  const a = ph.area;
  const s = ph.sub;
  const nsn = `${a}${s}`;
  const dash = `${s.slice(0, -4)}-${s.slice(-4)}`;
  const shape = (name: string, value: string): string => {
    noise.push(`phone:${name}`);
    return value;
  };
  switch (ph.country) {
    case 'BR':
      return weighted(rng, [[() => shape('intl-spaced', `+55 ${a} ${dash}`), 45], [() => shape('e164', `+55${nsn}`), 30], [() => shape('intl-spaced', `+55 (${a}) ${dash}`), 15], [() => shape('intl-no-plus', `55 ${a} ${s}`), 10]])();
    case 'MX': {
      const sp = a.length === 2 ? `${a} ${s.slice(0, 4)} ${s.slice(4)}` : `${a} ${s.slice(0, 3)} ${s.slice(3)}`;
      return weighted(rng, [[() => shape('intl-spaced', `+52 ${sp}`), 50], [() => shape('e164', `+52${nsn}`), 30], [() => shape('intl-spaced-mx-1', `+52 1 ${sp}`), 20]])();
    }
    case 'AR':
      if (ph.kind !== 'mobile') return shape('intl-spaced', `+54 ${a} ${dash}`);
      return weighted(rng, [[() => shape('intl-spaced-ar-9', `+54 9 ${a} ${dash}`), 50], [() => shape('e164-ar-9', `+549${nsn}`), 25], [() => shape('intl-spaced-ar-no-9', `+54 ${a} ${dash}`), 25]])();
    case 'ES':
    case 'PT':
      return weighted(rng, [[() => shape('intl-spaced', `+${cc} ${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}`), 50], [() => shape('e164', `+${cc}${s}`), 35], [() => shape('intl-00', `00${cc} ${s}`), 15]])();
    case 'US':
      return weighted(rng, [[() => shape('intl-spaced', `+1 ${a} ${s.slice(0, 3)} ${s.slice(3)}`), 40], [() => shape('intl-spaced', `+1 (${a}) ${s.slice(0, 3)}-${s.slice(3)}`), 30], [() => shape('e164', `+1${a}${s}`), 30]])();
  }
}

/** A phone as one source writes it; `noise` names the shape (for the evaluation). */
function renderPhone(rng: Rng, ph: Phone, use: PhoneUse, noise: string[]): string {
  const cc = CC[ph.country];
  const a = ph.area;
  const s = ph.sub;
  const split = (x: string, at: number): string => `${x.slice(0, at)}-${x.slice(at)}`;
  const shape = (name: string, value: string): string => {
    noise.push(`phone:${name}`);
    return value;
  };
  if ((use === 'crm' || use === 'store' || use === 'webchat') && rng.chance(INTERNATIONAL_SHARE[use])) return renderInternational(rng, ph, noise);
  switch (ph.country) {
    case 'BR': {
      const nsn = `${a}${s}`;
      const dash = split(s, s.length - 4);
      if (use === 'whatsapp') {
        const old = ph.kind === 'mobile' ? `${a}${s.slice(1)}` : nsn;
        return weighted(rng, [
          [() => shape('wa-id', `${cc}${nsn}`), 50], [() => shape('wa-id-old-br', `${cc}${old}`), 20], [() => shape('whatsapp-prefix', `whatsapp:+${cc}${nsn}`), 12],
          [() => shape('e164', `+${cc}${nsn}`), 10], [() => shape('intl-spaced', `+${cc} ${a} ${dash}`), 8],
        ])();
      }
      if (use === 'telephony') return weighted(rng, [[() => shape('e164', `+${cc}${nsn}`), 75], [() => shape('intl-spaced', `+${cc} ${a} ${dash}`), 10], [() => shape('national-trunk', `0${a}${s}`), 10], [() => shape('national', nsn), 5]])();
      if (use === 'telegram') return shape('wa-id', `${cc}${nsn}`);
      return weighted(rng, [
        [() => shape('national', `(${a}) ${dash}`), 30], [() => shape('national', nsn), 12], [() => shape('national', `${a} ${dash}`), 14], [() => shape('intl-spaced', `+${cc} ${a} ${dash}`), 14],
        [() => shape('e164', `+${cc}${nsn}`), 8], [() => shape('national-trunk', `0${a} ${dash}`), 5], [() => shape('national-carrier', `0 21 ${a} ${dash}`), 1], [() => shape('local', dash), 6],
        [() => shape('intl-no-plus', `${cc} ${a} ${s}`), 5], [() => shape('national', `${a}.${s.slice(0, -4)}.${s.slice(-4)}`), 3], [() => shape('national', `(0${a}) ${dash}`), 2],
      ])();
    }
    case 'MX': {
      const nsn = `${a}${s}`;
      const sp = a.length === 2 ? `${a} ${s.slice(0, 4)} ${s.slice(4)}` : `${a} ${s.slice(0, 3)} ${s.slice(3)}`;
      if (use === 'whatsapp') return weighted(rng, [[() => shape('wa-id-mx-521', `521${nsn}`), 62], [() => shape('wa-id', `52${nsn}`), 10], [() => shape('whatsapp-prefix', `whatsapp:+521${nsn}`), 13], [() => shape('intl-spaced-mx-1', `+52 1 ${sp}`), 15]])();
      if (use === 'telephony') return weighted(rng, [[() => shape('e164', `+52${nsn}`), 80], [() => shape('intl-spaced', `+52 ${sp}`), 10], [() => shape('national', nsn), 10]])();
      if (use === 'telegram') return shape('wa-id', `52${nsn}`);
      return weighted(rng, [
        [() => shape('national', sp), 30], [() => shape('national', nsn), 15], [() => shape('national', `(${a}) ${s.slice(0, -4)}-${s.slice(-4)}`), 12], [() => shape('intl-spaced', `+52 ${sp}`), 12],
        [() => shape('intl-spaced-mx-1', `+52 1 ${sp}`), 8], [() => shape('national-mx-044', `044 ${sp}`), 6], [() => shape('national-mx-01', `01 ${sp}`), 4], [() => shape('e164', `+52${nsn}`), 8], [() => shape('local', `${s.slice(0, -4)}-${s.slice(-4)}`), 5],
      ])();
    }
    case 'AR': {
      const nsn = `${a}${s}`;
      const mob = ph.kind === 'mobile';
      const dash = split(s, s.length - 4);
      if (use === 'whatsapp') return weighted(rng, [[() => shape('wa-id-ar-549', `549${nsn}`), 65], [() => shape('whatsapp-prefix', `whatsapp:+549${nsn}`), 15], [() => shape('intl-spaced-ar-9', `+54 9 ${a} ${dash}`), 20]])();
      if (use === 'telephony') {
        // Argentine caller ids of mobiles often come without the 9.
        if (!mob) return shape('e164', `+54${nsn}`);
        return weighted(rng, [[() => shape('e164-ar-9', `+549${nsn}`), 55], [() => shape('e164-ar-no-9', `+54${nsn}`), 40], [() => shape('national-ar-15', `0${a}15${s}`), 5]])();
      }
      if (use === 'telegram') return shape('wa-id-ar-549', `549${nsn}`);
      if (!mob) return weighted(rng, [[() => shape('national', `(0${a}) ${dash}`), 45], [() => shape('national', `${a} ${dash}`), 25], [() => shape('intl-spaced', `+54 ${a} ${dash}`), 15], [() => shape('local', dash), 15]])();
      return weighted(rng, [
        [() => shape('national-ar-15', `0${a} 15-${dash}`), 22], [() => shape('national-ar-15', `${a} 15 ${s.slice(0, -4)} ${s.slice(-4)}`), 14], [() => shape('intl-spaced-ar-9', `+54 9 ${a} ${dash}`), 18],
        [() => shape('e164-ar-9', `+549${nsn}`), 8], [() => shape('intl-spaced-ar-no-9', `+54 ${a} ${dash}`), 10], [() => shape('local-ar-15', `15-${dash}`), 8],
        [() => shape('national-ar-no-15', `${a} ${dash}`), 10], [() => shape('national-ar-15', `(0${a}) 15-${dash}`), 10],
      ])();
    }
    case 'ES':
    case 'PT': {
      const n = s;
      const spaced = `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
      if (use === 'whatsapp') return weighted(rng, [[() => shape('wa-id', `${cc}${n}`), 70], [() => shape('whatsapp-prefix', `whatsapp:+${cc}${n}`), 15], [() => shape('intl-spaced', `+${cc} ${spaced}`), 15]])();
      if (use === 'telephony') return weighted(rng, [[() => shape('e164', `+${cc}${n}`), 85], [() => shape('national', n), 15]])();
      if (use === 'telegram') return shape('wa-id', `${cc}${n}`);
      return weighted(rng, [
        [() => shape('national', spaced), 30], [() => shape('national', n), 25], [() => shape('national', `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}`), 10],
        [() => shape('intl-spaced', `+${cc} ${spaced}`), 18], [() => shape('intl-00', `00${cc} ${n}`), 7], [() => shape('e164', `+${cc}${n}`), 10],
      ])();
    }
    case 'US': {
      const ex = s.slice(0, 3);
      const line = s.slice(3);
      if (use === 'whatsapp') return weighted(rng, [[() => shape('wa-id', `1${a}${s}`), 70], [() => shape('whatsapp-prefix', `whatsapp:+1${a}${s}`), 15], [() => shape('e164', `+1${a}${s}`), 15]])();
      if (use === 'telephony') return weighted(rng, [[() => shape('e164', `+1${a}${s}`), 85], [() => shape('national', `${a}${s}`), 15]])();
      if (use === 'telegram') return shape('wa-id', `1${a}${s}`);
      return weighted(rng, [
        [() => shape('national', `(${a}) ${ex}-${line}`), 35], [() => shape('national', `${a}-${ex}-${line}`), 20], [() => shape('national', `${a}.${ex}.${line}`), 10],
        [() => shape('intl-spaced', `+1 ${a} ${ex} ${line}`), 10], [() => shape('national', `1-${a}-${ex}-${line}`), 8], [() => shape('national', `${a}${s}`), 12], [() => shape('e164', `+1${a}${s}`), 5],
      ])();
    }
  }
}

function phoneTypo(rng: Rng, raw: string): string {
  const positions: number[] = [];
  for (let i = 0; i < raw.length; i++) if (/\d/.test(raw[i]!)) positions.push(i);
  if (positions.length < 6) return raw;
  const at = positions[positions.length - 1 - rng.int(Math.min(7, positions.length - 3))]!;
  if (rng.chance(0.5)) {
    const next = positions[positions.indexOf(at) + 1];
    if (next !== undefined && raw[at] !== raw[next]) return raw.slice(0, at) + raw[next] + raw.slice(at + 1, next) + raw[at] + raw.slice(next + 1);
  }
  const d = (Number(raw[at]) + 1 + rng.int(8)) % 10;
  return raw.slice(0, at) + String(d) + raw.slice(at + 1);
}

/** An email as one source writes it. */
function renderEmail(rng: Rng, email: string, typed: boolean, channel: RowChannel, noise: string[]): string {
  let [local, domain] = email.split('@') as [string, string];
  const r = rng.next();
  if (domain === 'gmail.com' && r < 0.05) {
    // Gmail ignores dots: people write them or not
    local = local.includes('.') ? local.replace(/\./g, '') : `${local.slice(0, Math.max(1, local.length >> 1))}.${local.slice(Math.max(1, local.length >> 1))}`;
    noise.push('email:gmail-dots');
  } else if (domain === 'gmail.com' && r < 0.065) {
    domain = 'googlemail.com';
    noise.push('email:googlemail');
  } else if ((domain === 'gmail.com' || domain.startsWith('outlook') || domain === 'icloud.com') && r < 0.1) {
    local = `${local}+${rng.pick(['loja', 'compras', 'promo', 'news', 'tienda', 'shop'])}`;
    noise.push('email:plus-tag');
  }
  if (typed && rng.chance(0.03)) {
    const typos = DOMAIN_TYPOS[domain];
    if (typos !== undefined) {
      domain = rng.pick(typos);
      noise.push('email:domain-typo');
    }
  }
  if (typed && rng.chance(0.015) && local.length > 4) {
    const i = 1 + rng.int(local.length - 2);
    local = rng.chance(0.5) ? local.slice(0, i) + local.slice(i + 1) : local.slice(0, i) + local[i + 1] + local[i] + local.slice(i + 2);
    noise.push('email:local-typo');
  }
  let out = `${local}@${domain}`;
  const c = rng.next();
  if (c < 0.08) {
    out = out.replace(/(^|[._])([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    noise.push('email:case');
  } else if (c < 0.11) {
    out = out.toUpperCase();
    noise.push('email:case');
  }
  if (typed && rng.chance(0.03)) {
    out = rng.pick([` ${out}`, `${out} `, ` ${out} `, `${out}.`, `${out};`]);
    noise.push('email:padding');
  }
  if (channel === 'email' && rng.chance(0.04)) {
    out = `<${out}>`;
    noise.push('email:angle');
  }
  return out;
}

function typo(rng: Rng, s: string): string {
  if (s.length < 4) return s;
  const i = 1 + rng.int(s.length - 2);
  if (s[i] === ' ' || s[i + 1] === ' ') return s;
  const keys = 'qwertyuiopasdfghjklzxcvbnm';
  switch (rng.int(4)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + s[i] + s.slice(i);
    case 2:
      return s.slice(0, i) + keys[rng.int(keys.length)] + s.slice(i + 1);
    default:
      return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
}

/** Spelling variants people really alternate between. */
function spellingSwap(rng: Rng, s: string): string {
  const swaps: [RegExp, string][] = [
    [/z/, 's'], [/s(?=a$)/, 'z'], [/Th/, 'T'], [/y/, 'i'], [/ph/, 'f'], [/ç/, 'ss'], [/ll/, 'l'], [/iz$/, 'is'], [/is$/, 'iz'], [/ei/, 'e'], [/ss/, 'ç'],
  ];
  const applicable = swaps.filter(([re]) => re.test(s));
  if (applicable.length === 0) return s;
  const [re, to] = rng.pick(applicable);
  return s.replace(re, to);
}

interface NameParts {
  readonly given: string;
  readonly family: string;
}

/** A person's name as a typed or profile source gives it. */
function nameParts(rng: Rng, person: Person, channel: RowChannel, noise: string[]): NameParts | undefined {
  const country = person.country;
  let given = person.given;
  let surnames = [...person.surnames];
  if (person.maiden !== undefined && rng.chance(0.3)) {
    surnames = [...person.maiden];
    noise.push('name:maiden');
  }
  const typed = channel === 'crm' || channel === 'store' || channel === 'webchat' || channel === 'voice';
  const chat = channel === 'whatsapp' || channel === 'instagram' || channel === 'messenger' || channel === 'telegram' || channel === 'webchat';
  // Nickname
  if (person.nick !== undefined && rng.chance(chat ? 0.45 : channel === 'crm' ? 0.05 : 0.2)) {
    given = person.nick;
    noise.push('name:nickname');
  } else if (given.includes(' ') && rng.chance(0.4)) {
    given = given.split(' ')[0]!;
    noise.push('name:first-given-only');
  }
  if (person.middle !== undefined && rng.chance(0.35)) given = `${given} ${person.middle}`;
  // Surnames: one of two, or initials
  let family: string;
  if (surnames.length > 1 && rng.chance(chat ? 0.75 : 0.4)) {
    family = primarySurname(country, surnames);
    noise.push('name:one-surname');
  } else family = surnames.join(' ');
  if (person.suffix !== undefined && rng.chance(channel === 'crm' ? 0.6 : channel === 'email' || channel === 'store' ? 0.3 : 0.1)) family = `${family} ${person.suffix}`;
  if (rng.chance(0.04) && given.includes(' ')) {
    const [f, ...rest] = given.split(' ');
    given = `${f} ${rest.map((x) => `${x[0]}.`).join(' ')}`;
    noise.push('name:initial');
  } else if (rng.chance(0.03)) {
    given = `${person.given[0]}.`;
    noise.push('name:initial');
  }
  if (surnames.length > 1 && rng.chance(0.06)) {
    const parts = family.split(' ');
    family = parts.map((x, i) => (i === 0 || i === parts.length - 1 ? x : `${x[0]}.`)).join(' ');
    noise.push('name:initial');
  }
  // Typos and spelling swaps
  if (typed && rng.chance(0.07)) {
    if (rng.chance(0.5)) given = typo(rng, given);
    else family = typo(rng, family);
    noise.push('name:typo');
  } else if (rng.chance(0.05)) {
    const before = `${given}|${family}`;
    if (rng.chance(0.5)) family = spellingSwap(rng, family);
    else given = spellingSwap(rng, given);
    if (`${given}|${family}` !== before) noise.push('name:spelling');
  }
  return { given, family };
}

function caseNoise(rng: Rng, s: string, channel: RowChannel, noise: string[]): string {
  const upper = channel === 'store' ? 0.45 : channel === 'crm' ? 0.2 : channel === 'voice' ? 0.3 : 0.04;
  const lower = channel === 'webchat' ? 0.35 : channel === 'whatsapp' || channel === 'instagram' ? 0.12 : 0.04;
  const accents = channel === 'store' || channel === 'crm' || channel === 'voice' ? 0.35 : channel === 'webchat' ? 0.3 : 0.1;
  let out = s;
  if (rng.chance(accents) && fold(out) !== out) {
    out = fold(out);
    noise.push('name:no-accents');
  }
  const r = rng.next();
  if (r < upper) {
    out = out.toUpperCase();
    noise.push('name:upper');
  } else if (r < upper + lower) {
    out = out.toLowerCase();
    noise.push('name:lower');
  }
  if (rng.chance(0.03)) out = rng.pick([`  ${out}`, `${out} `, out.replace(' ', '  ')]);
  return out;
}

function renderDob(rng: Rng, person: Person, noise: string[]): string {
  let { y, m, d } = person.dob;
  if (rng.chance(0.03)) {
    const k = rng.int(3);
    if (k === 0 && d <= 12) [m, d] = [d, m];
    else if (k === 1) y += rng.chance(0.5) ? 1 : -1;
    else d = 1 + ((d + 9) % 28);
    noise.push('dob:slip');
  }
  if (rng.chance(0.015)) {
    noise.push('dob:placeholder');
    return rng.pick(['01/01/1900', '1900-01-01', '01/01/1970']);
  }
  if (person.country === 'US') return rng.chance(0.6) ? `${pad2(m)}/${pad2(d)}/${y}` : `${y}-${pad2(m)}-${pad2(d)}`;
  return weighted(rng, [
    [`${pad2(d)}/${pad2(m)}/${y}`, 45], [`${y}-${pad2(m)}-${pad2(d)}`, 30], [`${d}/${m}/${String(y).slice(2)}`, 8], [`${pad2(d)}-${pad2(m)}-${y}`, 9], [`${pad2(d)}.${pad2(m)}.${y}`, 5], [`${y}${pad2(m)}${pad2(d)}`, 3],
  ]);
}

function renderAddress(rng: Rng, hh: Household): string {
  const a = hh.address;
  let street = a.street;
  if (rng.chance(0.3)) street = street.replace(/^Rua /, 'R. ').replace(/^Avenida /, 'Av. ').replace(/^Calle /, 'C/ ').replace(/^Av\. /, 'Avenida ');
  const unitWord: Record<Country, string> = { BR: 'apto', PT: 'º', ES: 'piso', MX: 'Int.', AR: 'Dpto', US: 'Apt' };
  let line: string;
  if (hh.country === 'US') line = `${a.number} ${street}${a.unit !== undefined ? ` ${unitWord.US} ${a.unit}` : ''}`;
  else line = `${street}${rng.chance(0.7) ? ',' : ''} ${a.number}${a.unit !== undefined && rng.chance(0.8) ? `${rng.chance(0.5) ? ',' : ''} ${unitWord[hh.country]} ${a.unit}` : ''}`;
  return rng.chance(0.2) ? fold(line).toUpperCase() : line;
}

function countryLabel(rng: Rng, c: Country): string {
  const labels: Record<Country, readonly string[]> = { BR: ['BR', 'Brasil', 'Brazil'], MX: ['MX', 'México', 'Mexico'], AR: ['AR', 'Argentina'], ES: ['ES', 'España', 'Spain'], US: ['US', 'USA', 'United States'], PT: ['PT', 'Portugal'] };
  return rng.pick(labels[c]);
}

// ---------------------------------------------------------------------------------------------
// Rows

function makeRow(world: World, person: Person, channel: RowChannel, ordinal: number): { row: Record<string, string>; meta: Omit<RowMeta, 'record_id'> } {
  const rng = world.rng;
  const p = world.preset;
  const hh = person.household;
  const row: Record<string, string> = { channel };
  const ids: string[] = [];
  const noise: string[] = [];
  const ownMobile = person.mobile ?? person.borrowedMobile;
  const old = ordinal > 0 && person.oldMobile !== undefined && (channel === 'crm' || channel === 'store' || channel === 'sms' || channel === 'voice') && rng.chance(0.35);
  const mobileId = (ph: Phone): string => (ph === person.borrowedMobile ? `borrowedMobile:${ph.lineId}` : ph === person.oldMobile ? `oldMobile:${ph.lineId}` : `mobile:${ph.lineId}`);

  const phoneValue = (ph: Phone, use: PhoneUse): string => {
    ids.push(ph.kind === 'landline' ? `landline:${ph.lineId}` : ph.kind === 'office' ? `office:${ph.lineId}` : mobileId(ph));
    let v = renderPhone(rng, ph, use, noise);
    if ((use === 'crm' || use === 'store' || use === 'webchat') && rng.chance(0.025)) {
      v = phoneTypo(rng, v);
      noise.push('phone:typo');
    }
    return v;
  };
  const personalEmail = (): string | undefined => {
    if (hh.familyEmail !== undefined && rng.chance(p.familyEmailOnRow)) {
      ids.push(`familyEmail:${hh.id}`);
      return hh.familyEmail;
    }
    if (person.email === undefined) return undefined;
    ids.push(`email:${person.id}`);
    return person.email;
  };
  const placeholder = (kind: 'phone' | 'email'): string => {
    noise.push(`${kind}:placeholder`);
    ids.push(`placeholder:${kind}`);
    return weighted(rng, kind === 'phone' ? PLACEHOLDER_PHONES : PLACEHOLDER_EMAILS);
  };
  const fullName = (): string | undefined => {
    const parts = nameParts(rng, person, channel, noise);
    if (parts === undefined) return undefined;
    return caseNoise(rng, `${parts.given} ${parts.family}`, channel, noise);
  };

  switch (channel) {
    case 'whatsapp': {
      row.source = rng.pick(['whatsapp_business', 'wa_cloud_api', 'twilio_whatsapp']);
      const ph = old ? person.oldMobile : ownMobile;
      if (ph !== undefined) row.whatsapp = phoneValue(ph, 'whatsapp');
      else row.whatsapp = phoneValue(world.phone(person.country, 'mobile', hh.city.area), 'whatsapp');
      row.name = person.waProfile;
      noise.push('name:profile');
      if (rng.chance(0.1)) {
        const e = personalEmail();
        if (e !== undefined) row.email = renderEmail(rng, e, true, 'webchat', noise);
      }
      break;
    }
    case 'sms': {
      row.source = rng.pick(['twilio_sms', 'sms_gateway']);
      const ph = old ? person.oldMobile : ownMobile ?? hh.landline;
      if (ph !== undefined) row.phone = phoneValue(ph, 'telephony');
      if (rng.chance(0.15)) {
        const n = fullName();
        if (n !== undefined) row.name = n;
      } else noise.push('name:missing');
      break;
    }
    case 'voice': {
      row.source = rng.pick(['pbx_calls', 'twilio_voice', 'call_center']);
      const useLandline = hh.landline !== undefined && rng.chance(p.landlineOnRow.voice);
      const office = person.company !== undefined && rng.chance(0.3);
      const ph = office ? person.company!.switchboard : useLandline ? hh.landline : old ? person.oldMobile : ownMobile ?? hh.landline;
      if (ph !== undefined) row.phone = phoneValue(ph, 'telephony');
      const r = rng.next();
      if (person.country === 'US' && r < 0.3) {
        // caller id name (CNAM): LAST FIRST, 15 characters
        row.name = fold(`${person.surnames[person.surnames.length - 1]} ${person.given}`).toUpperCase().slice(0, 15);
        noise.push('name:cnam');
      } else if (r < 0.45) {
        const n = fullName();
        if (n !== undefined) row.name = rng.chance(0.3) ? `${rng.pick(person.sex === 'F' ? ['Sra. ', 'Dona ', 'Sra '] : ['Sr. ', 'Sr '])}${n.split(' ')[0] ?? n}` : n;
      } else if (r < 0.5) {
        row.name = rng.pick(['cliente', 'Cliente', 'desconhecido', 'unknown', 'CLIENTE']);
        noise.push('name:placeholder');
      } else noise.push('name:missing');
      break;
    }
    case 'email': {
      row.source = rng.pick(['gmail_inbox', 'zendesk_email', 'helpdesk']);
      const work = person.workEmail !== undefined && rng.chance(0.5);
      const e = work ? person.workEmail : personalEmail();
      if (work) ids.push(`workEmail:${person.id}`);
      if (e !== undefined) row.email = renderEmail(rng, e, false, channel, noise);
      else row.email = renderEmail(rng, world.email([slug(person.given.split(' ')[0] ?? 'x') + String(rng.int(100))], person.country), false, channel, noise);
      if (rng.chance(0.8)) {
        const n = fullName();
        if (n !== undefined) row.name = n;
      } else noise.push('name:missing');
      if (rng.chance(0.15) && ownMobile !== undefined) row.phone = phoneValue(ownMobile, 'webchat');
      if (row.email.startsWith('<') && row.name !== undefined && rng.chance(0.5)) {
        row.email = `${row.name} ${row.email}`;
        noise.push('email:display-name');
      }
      break;
    }
    case 'webchat': {
      row.source = rng.pick(['site_chat', 'intercom', 'zendesk_chat']);
      const n = fullName();
      if (n !== undefined) row.name = rng.chance(0.35) ? (n.split(' ')[0] ?? n) : n;
      if (row.name !== undefined && !row.name.includes(' ')) noise.push('name:given-only');
      if (rng.chance(0.65)) {
        const e = rng.chance(p.placeholder) ? placeholder('email') : personalEmail();
        if (e !== undefined) row.email = ids.includes('placeholder:email') ? e : renderEmail(rng, e, true, channel, noise);
      }
      if (rng.chance(0.5) && ownMobile !== undefined) row.phone = phoneValue(ownMobile, 'webchat');
      break;
    }
    case 'messenger': {
      row.source = 'messenger_page';
      row.psid = person.psid;
      ids.push(`psid:${person.id}`);
      row.name = person.fbName;
      noise.push('name:profile');
      // inbox tools keep what the customer typed in the conversation as contact fields
      if (rng.chance(0.45)) {
        if (rng.chance(0.55) && person.email !== undefined) row.email = renderEmail(rng, personalEmail() ?? person.email, true, 'webchat', noise);
        else if (ownMobile !== undefined) row.phone = phoneValue(ownMobile, 'webchat');
      }
      break;
    }
    case 'instagram': {
      row.source = 'instagram_dm';
      const h = person.instagram ?? slug(person.given);
      ids.push(`instagram:${person.id}`);
      row.instagram = weighted(rng, [[h, 60], [`@${h}`, 25], [`https://instagram.com/${h}`, 5], [h.replace(/^./, (c) => c.toUpperCase()), 10]]);
      if (person.igName !== '') row.name = person.igName;
      else noise.push('name:missing');
      noise.push('name:profile');
      if (rng.chance(0.4)) {
        if (rng.chance(0.5) && person.email !== undefined) row.email = renderEmail(rng, personalEmail() ?? person.email, true, 'webchat', noise);
        else if (ownMobile !== undefined) row.phone = phoneValue(ownMobile, 'webchat');
      }
      break;
    }
    case 'telegram': {
      row.source = 'telegram_bot';
      row.telegram_id = person.telegramId;
      ids.push(`telegramId:${person.id}`);
      if (person.telegramUser !== undefined) {
        row.telegram = rng.chance(0.3) ? `@${person.telegramUser}` : person.telegramUser;
        ids.push(`telegram:${person.id}`);
      }
      row.first_name = person.nick !== undefined && rng.chance(0.3) ? person.nick : (person.given.split(' ')[0] ?? person.given);
      if (rng.chance(0.6)) row.last_name = stripParticle(primarySurname(person.country, person.surnames));
      if (rng.chance(0.5) && ownMobile !== undefined) row.phone = phoneValue(ownMobile, 'telegram');
      break;
    }
    case 'store': {
      row.source = rng.pick(['pos_loja_centro', 'pos_shopping', 'store_signup']);
      const n = fullName();
      if (n !== undefined) row.name = n;
      const useLandline = hh.landline !== undefined && rng.chance(p.landlineOnRow.store);
      if (rng.chance(p.placeholder)) row.phone = placeholder('phone');
      else {
        const ph = useLandline ? hh.landline : old ? person.oldMobile : ownMobile ?? hh.landline;
        if (ph !== undefined) row.phone = phoneValue(ph, 'store');
      }
      if (rng.chance(0.35)) {
        const e = rng.chance(p.placeholder * 2) ? placeholder('email') : personalEmail();
        if (e !== undefined) row.email = ids.includes('placeholder:email') ? e : renderEmail(rng, e, true, channel, noise);
      }
      row.country = countryLabel(rng, person.country);
      break;
    }
    case 'crm': {
      row.source = rng.pick(['crm_export', 'crm_export', 'legacy_crm', 'ecommerce_signup']);
      row.customer_id = `${rng.pick(['C', 'CUS-', 'CLI'])}${world.uniqueId(7, '123456789')}`;
      if (rng.chance(0.6)) {
        const parts = nameParts(rng, person, channel, noise);
        if (parts !== undefined) {
          row.first_name = caseNoise(rng, parts.given, channel, noise);
          row.last_name = caseNoise(rng, parts.family, channel, noise);
          if (rng.chance(0.03)) {
            [row.first_name, row.last_name] = [row.last_name, row.first_name];
            noise.push('name:swapped-columns');
          }
        }
      } else {
        const parts = nameParts(rng, person, channel, noise);
        if (parts !== undefined) {
          const commaOrder = rng.chance(0.2);
          row.name = caseNoise(rng, commaOrder ? `${parts.family}, ${parts.given}` : `${parts.given} ${parts.family}`, channel, noise);
          if (commaOrder) noise.push('name:surname-first');
        }
      }
      const work = person.company !== undefined && rng.chance(0.6);
      if (rng.chance(p.placeholder)) row.email = placeholder('email');
      else if (work && rng.chance(0.4)) {
        row.email = person.company!.roleEmail;
        ids.push(`roleEmail:${person.company!.id}`);
      } else if (work) {
        row.email = renderEmail(rng, person.workEmail!, true, channel, noise);
        ids.push(`workEmail:${person.id}`);
      } else if (rng.chance(0.85)) {
        const e = personalEmail();
        if (e !== undefined) row.email = renderEmail(rng, e, true, channel, noise);
      }
      if (rng.chance(p.placeholder)) row.phone = placeholder('phone');
      else if (work && rng.chance(0.5)) {
        row.phone = phoneValue(person.company!.switchboard, 'crm');
        if (rng.chance(0.5)) {
          const ext = 100 + rng.int(300);
          row.phone += person.country === 'BR' || person.country === 'PT' ? rng.pick([` ramal ${ext}`, ` r. ${ext}`]) : person.country === 'US' ? rng.pick([` ext. ${ext}`, ` x${ext}`]) : rng.pick([` ext. ${ext}`, ` int. ${ext}`, ` anexo ${ext}`]);
          noise.push('phone:extension');
        }
      } else if (rng.chance(0.88)) {
        const ph = old ? person.oldMobile : ownMobile;
        if (ph !== undefined) row.phone = phoneValue(ph, 'crm');
      }
      if (hh.landline !== undefined && rng.chance(p.landlineOnRow.crm)) row.home_phone = phoneValue(hh.landline, 'crm');
      if (rng.chance(0.65)) row.dob = renderDob(rng, person, noise);
      if (rng.chance(0.7)) {
        row.address = renderAddress(rng, hh);
        row.city = rng.chance(0.6) ? hh.city.name : rng.pick(hh.city.variants);
        if (rng.chance(0.8)) row.postcode = rng.chance(0.15) ? hh.postcode.replace('-', '') : hh.postcode;
      } else if (rng.chance(0.5)) row.city = hh.city.name;
      if (rng.chance(0.8)) row.country = countryLabel(rng, person.country);
      if (person.instagram !== undefined && rng.chance(0.1)) {
        row.instagram = `@${person.instagram}`;
        ids.push(`instagram:${person.id}`);
      }
      break;
    }
  }
  return {
    row,
    meta: { person: person.id, household: hh.id, country: person.country, channel, ids, noise: [...new Set(noise)], role: person.role, ...(person.company !== undefined ? { company: person.company.id } : {}) },
  };
}

/**
 * Generate a contact list: rows (shuffled, ids assigned after shuffling), the meta of each row and
 * summary statistics of what was generated.
 *
 * @example
 * ```ts
 * const { rows, meta } = generateContacts({ persons: 100, seed: 7 });
 * ```
 */
export function generateContacts(options: GenerateContactsOptions = {}): GeneratedContacts {
  const total = options.persons ?? 2000;
  const preset = PRESETS[options.preset ?? 'realistic'];
  const countries = (Object.entries(preset.countries) as [Country, number][]).filter(([c]) => options.countries === undefined || options.countries.includes(c));
  if (countries.length === 0) throw new Error('no country left');
  const world = new World(options.seed ?? 1, preset, countries);
  world.populate(total);
  const rng = world.rng;
  const made: { row: Record<string, string>; meta: Omit<RowMeta, 'record_id'> }[] = [];
  for (const person of world.persons) {
    const n = 1 + weightedIndex(rng, preset.rowsPerPerson);
    const weights = { ...CHANNEL_WEIGHTS[person.country] };
    // Channels the person cannot be on
    if (person.email === undefined && person.workEmail === undefined && person.household.familyEmail === undefined) weights.email = 0;
    // A borrowed phone's WhatsApp shows its owner's profile: the borrower shows up on typed rows only.
    if (person.mobile === undefined) weights.whatsapp = 0;
    if (person.instagram === undefined) weights.instagram = 0;
    if (person.role === 'elder') {
      weights.instagram /= 4;
      weights.telegram /= 4;
    }
    for (let k = 0; k < n; k++) {
      const channel = weighted(rng, Object.entries(weights) as [RowChannel, number][]);
      made.push(makeRow(world, person, channel, k));
      // a second row on the same channel is less likely (but CRM duplicates and several chats happen)
      weights[channel] /= channel === 'crm' ? 2 : 3;
    }
  }
  for (let i = made.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [made[i], made[j]] = [made[j]!, made[i]!];
  }
  const rows: Record<string, string>[] = [];
  const meta: RowMeta[] = [];
  made.forEach((m, i) => {
    const record_id = `r${String(i + 1).padStart(6, '0')}`;
    const out: Record<string, string> = {};
    for (const c of COLUMNS) out[c] = '';
    Object.assign(out, m.row, { record_id, household: m.meta.household, truth: m.meta.person });
    rows.push(out);
    meta.push({ record_id, ...m.meta });
  });
  const stats: Record<string, number> = {
    persons: world.persons.length,
    households: world.households.length,
    multiPersonHouseholds: world.households.filter((h) => h.members.length > 1).length,
    householdsWithLandline: world.households.filter((h) => h.landline !== undefined).length,
    householdsWithFamilyEmail: world.households.filter((h) => h.familyEmail !== undefined).length,
    personsBorrowingMobile: world.persons.filter((x) => x.borrowedMobile !== undefined).length,
    twins: world.persons.filter((x) => x.role === 'twin').length,
    juniors: world.persons.filter((x) => x.role === 'junior').length,
    officeContacts: world.persons.filter((x) => x.company !== undefined).length,
    companies: world.companies.length,
    rows: rows.length,
  };
  // Unrelated persons (different households) who share a first given name and main surname: the
  // pairs a name-only matcher would merge.
  const byName = new Map<string, Map<string, number>>();
  for (const x of world.persons) {
    const key = `${slug(x.given.split(' ')[0] ?? '')}|${slug(stripParticle(primarySurname(x.country, x.surnames)))}`;
    const households = byName.get(key) ?? new Map<string, number>();
    households.set(x.household.id, (households.get(x.household.id) ?? 0) + 1);
    byName.set(key, households);
  }
  let sameName = 0;
  for (const households of byName.values()) {
    let total = 0;
    let within = 0;
    for (const n of households.values()) {
      total += n;
      within += (n * (n - 1)) / 2;
    }
    sameName += (total * (total - 1)) / 2 - within;
  }
  stats.unrelatedSameNamePairs = sameName;
  for (const m of meta) stats[`rows.${m.channel}`] = (stats[`rows.${m.channel}`] ?? 0) + 1;
  for (const m of meta) stats[`rows.country.${m.country}`] = (stats[`rows.country.${m.country}`] ?? 0) + 1;
  return { columns: COLUMNS, rows, meta, stats };
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The rows as CSV text (header first, `\n` line ends). */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, string>>[]): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

/** The rows as JSONL (empty cells left out). */
export function toJsonl(columns: readonly string[], rows: readonly Readonly<Record<string, string>>[]): string {
  return rows.map((r) => JSON.stringify(Object.fromEntries(columns.filter((c) => (r[c] ?? '') !== '').map((c) => [c, r[c]])))).join('\n') + '\n';
}

function main(argv: readonly string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = arg('--out') ?? 'contacts.csv';
  const data = generateContacts({
    persons: Number(arg('--persons') ?? 2000),
    seed: Number(arg('--seed') ?? 1),
    preset: (arg('--preset') ?? 'realistic') as keyof typeof PRESETS,
    ...(arg('--countries') !== undefined ? { countries: arg('--countries')!.split(',') as Country[] } : {}),
  });
  writeFileSync(out, toCsv(data.columns, data.rows));
  writeFileSync(`${out}.meta.jsonl`, data.meta.map((m) => JSON.stringify(m)).join('\n') + '\n');
  const jsonl = arg('--jsonl');
  if (jsonl !== undefined) writeFileSync(jsonl, toJsonl(data.columns, data.rows));
  console.log(JSON.stringify(data.stats, null, 1));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
