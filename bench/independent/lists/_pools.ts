/**
 * Name, city, phone-plan and email-domain pools of the independent contact-list generator, per
 * country, as the tester wrote them (common names first: they are drawn with a Zipf-like weight).
 */
export type Country = 'BR' | 'MX' | 'US' | 'GB' | 'ES' | 'IN' | 'DE';

export interface Pool {
  readonly m: readonly string[];
  readonly f: readonly string[];
  readonly compoundF: readonly string[];
  readonly compoundM: readonly string[];
  /** Surnames (DIVERSE appends a long tail). */
  readonly sur: string[];
  readonly nick: Readonly<Record<string, readonly string[]>>;
  readonly junior: readonly string[];
  readonly cities: readonly string[];
  /** Area codes by city, under the name the country uses (ddd, lada, area, stdc, prov, std, vorw). */
  readonly ddd?: Readonly<Record<string, string>>;
  readonly lada?: Readonly<Record<string, string>>;
  readonly area?: Readonly<Record<string, readonly string[]>>;
  readonly stdc?: Readonly<Record<string, string>>;
  readonly prov?: Readonly<Record<string, string>>;
  readonly std?: Readonly<Record<string, string>>;
  readonly vorw?: Readonly<Record<string, string>>;
  readonly streets: readonly string[];
  readonly domains: readonly string[];
  /** Household mailbox local parts for a surname (one is picked). */
  readonly famEmail: (s: string) => string[];
  /** Weight of the country among households. */
  readonly w: number;
}

/** Fresh pools (DIVERSE mutates the surname lists). */
export function pools(): Record<Country, Pool> {
  return {
    BR: {
      m: ['José', 'João', 'Antônio', 'Francisco', 'Carlos', 'Paulo', 'Pedro', 'Lucas', 'Luiz', 'Marcos', 'Gabriel', 'Rafael', 'Daniel', 'Marcelo', 'Bruno', 'Eduardo', 'Felipe', 'Raimundo', 'Rodrigo', 'Sebastião', 'Thiago', 'Vinícius', 'Gustavo', 'Matheus'],
      f: ['Maria', 'Ana', 'Francisca', 'Antônia', 'Adriana', 'Juliana', 'Márcia', 'Fernanda', 'Patrícia', 'Aline', 'Sandra', 'Camila', 'Amanda', 'Bruna', 'Jéssica', 'Letícia', 'Júlia', 'Luciana', 'Vanessa', 'Mariana', 'Gabriela', 'Rafaela', 'Beatriz', 'Larissa'],
      compoundF: ['Maria José', 'Ana Paula', 'Maria Aparecida', 'Maria de Fátima', 'Ana Clara', 'Maria Eduarda'],
      compoundM: ['João Pedro', 'José Carlos', 'Luiz Carlos', 'João Victor', 'Carlos Eduardo', 'José Roberto'],
      sur: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas', 'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira', 'Araújo', 'Cavalcanti', 'Wojciechowski', 'Tavares', 'Pinheiro'],
      nick: { 'José': ['Zé', 'Zezinho'], 'Francisco': ['Chico', 'Chiquinho'], 'Antônio': ['Toninho', 'Tonho'], 'Maria': ['Mari', 'Maricota'], 'Fernanda': ['Nanda', 'Fê'], 'Gabriel': ['Biel'], 'Rafael': ['Rafa'], 'Juliana': ['Ju', 'Juju'], 'Patrícia': ['Paty'], 'Eduardo': ['Dudu', 'Edu'], 'Luiz': ['Lu'], 'Marcelo': ['Celo'], 'Gabriela': ['Gabi'], 'Rafaela': ['Rafa'], 'Beatriz': ['Bia'], 'Mariana': ['Mari'], 'Vinícius': ['Vini'], 'Matheus': ['Teteu'], 'Felipe': ['Lipe'], 'Daniel': ['Dani'], 'Luciana': ['Lu'], 'Francisca': ['Chica', 'Chiquinha'], 'Antônia': ['Toninha'], 'Sebastião': ['Tião'], 'Raimundo': ['Mundinho'], 'Gustavo': ['Guga', 'Gu'], 'Thiago': ['Thi'], 'Camila': ['Mila', 'Cami'], 'Letícia': ['Lelê'], 'Júlia': ['Ju'] },
      junior: ['Filho', 'Júnior', 'Neto'], cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Salvador', 'Fortaleza', 'Recife', 'Curitiba', 'Porto Alegre', 'Campinas', 'Goiânia'],
      ddd: { 'São Paulo': '11', 'Rio de Janeiro': '21', 'Belo Horizonte': '31', 'Salvador': '71', 'Fortaleza': '85', 'Recife': '81', 'Curitiba': '41', 'Porto Alegre': '51', 'Campinas': '19', 'Goiânia': '62' },
      streets: ['Rua das Flores', 'Av. Paulista', 'Rua São João', 'Rua XV de Novembro', 'Av. Brasil', 'Rua Sete de Setembro', 'Rua da Consolação', 'Rua Tiradentes'],
      domains: ['gmail.com', 'gmail.com', 'gmail.com', 'hotmail.com', 'hotmail.com', 'yahoo.com.br', 'outlook.com', 'uol.com.br', 'bol.com.br', 'terra.com.br'],
      famEmail: (s) => [`familia.${s}`, `familia${s}`, `fam.${s}`, `casa.${s}`, `${s}.familia`],
      w: 30,
    },
    MX: {
      m: ['José', 'Juan', 'Luis', 'Carlos', 'Jesús', 'Miguel', 'Francisco', 'Alejandro', 'Roberto', 'Jorge', 'Ricardo', 'Fernando', 'Eduardo', 'Manuel', 'Guillermo', 'Ignacio', 'Enrique', 'Alberto', 'Pedro', 'Sergio'],
      f: ['María', 'Guadalupe', 'Juana', 'Margarita', 'Verónica', 'Rosa', 'Leticia', 'Patricia', 'Elizabeth', 'Alejandra', 'Gabriela', 'Adriana', 'Dolores', 'Rosario', 'Concepción', 'Claudia', 'Araceli', 'Yolanda', 'Silvia', 'Fernanda'],
      compoundF: ['María Guadalupe', 'María de Jesús', 'Ana María', 'María Fernanda', 'María del Carmen'],
      compoundM: ['José Luis', 'Juan Carlos', 'José Antonio', 'Luis Fernando', 'Juan Manuel', 'Miguel Ángel'],
      sur: ['García', 'Hernández', 'Martínez', 'López', 'González', 'Rodríguez', 'Pérez', 'Sánchez', 'Ramírez', 'Flores', 'Cruz', 'Gómez', 'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Castillo', 'Moreno', 'Romero', 'Chávez', 'Rivera', 'Xicoténcatl', 'Ochoa'],
      nick: { 'José': ['Pepe', 'Chepe'], 'Guadalupe': ['Lupita', 'Lupe'], 'Francisco': ['Paco', 'Pancho'], 'Jesús': ['Chuy', 'Chucho'], 'Enrique': ['Quique'], 'Alejandro': ['Alex', 'Ale'], 'Guillermo': ['Memo'], 'Roberto': ['Beto'], 'Alberto': ['Beto'], 'Ignacio': ['Nacho'], 'Concepción': ['Conchita', 'Concha'], 'Dolores': ['Lola'], 'Rosario': ['Chayo'], 'Eduardo': ['Lalo'], 'Manuel': ['Manolo', 'Manu'], 'Fernando': ['Fer'], 'María': ['Mari'], 'Alejandra': ['Ale'], 'Gabriela': ['Gaby'], 'Ricardo': ['Richi'], 'Patricia': ['Paty'], 'Margarita': ['Mago'], 'Sergio': ['Checo'] },
      junior: ['Jr.', 'Jr'], cities: ['Ciudad de México', 'Guadalajara', 'Monterrey', 'Puebla', 'Tijuana', 'León', 'Querétaro', 'Mérida'],
      lada: { 'Ciudad de México': '55', 'Guadalajara': '33', 'Monterrey': '81', 'Puebla': '222', 'Tijuana': '664', 'León': '477', 'Querétaro': '442', 'Mérida': '999' },
      streets: ['Av. Insurgentes Sur', 'Calle Hidalgo', 'Av. Juárez', 'Calle Morelos', 'Av. Reforma', 'Calle 5 de Mayo'],
      domains: ['gmail.com', 'gmail.com', 'hotmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.mx', 'live.com.mx', 'prodigy.net.mx'],
      famEmail: (s) => [`familia.${s}`, `familia${s}`, `fam${s}`, `casa${s}`],
      w: 20,
    },
    US: {
      m: ['James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Charles', 'Christopher', 'Daniel', 'Matthew', 'Anthony', 'Steven', 'Andrew', 'Joshua', 'Kenneth', 'Edward', 'Jose'],
      f: ['Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Nancy', 'Margaret', 'Katherine', 'Ashley', 'Emily', 'Rebecca', 'Deborah', 'Stephanie', 'Maria', 'Rachel'],
      compoundF: [], compoundM: [],
      sur: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', "O'Brien", 'McDonald', 'Nguyen', 'Kowalczyk'],
      nick: { 'Robert': ['Bob', 'Rob', 'Bobby'], 'William': ['Bill', 'Will', 'Billy'], 'Michael': ['Mike'], 'James': ['Jim', 'Jimmy', 'Jamie'], 'Richard': ['Rick', 'Dick', 'Rich'], 'Joseph': ['Joe', 'Joey'], 'Thomas': ['Tom', 'Tommy'], 'Charles': ['Charlie', 'Chuck'], 'Christopher': ['Chris'], 'Daniel': ['Dan', 'Danny'], 'Matthew': ['Matt'], 'Anthony': ['Tony'], 'Steven': ['Steve'], 'Andrew': ['Andy', 'Drew'], 'Joshua': ['Josh'], 'Kenneth': ['Ken', 'Kenny'], 'Edward': ['Ed', 'Eddie', 'Ted'], 'Elizabeth': ['Liz', 'Beth', 'Betsy', 'Lizzie'], 'Jennifer': ['Jen', 'Jenny'], 'Patricia': ['Pat', 'Patty', 'Trish'], 'Susan': ['Sue', 'Susie'], 'Jessica': ['Jess'], 'Margaret': ['Maggie', 'Peggy', 'Meg'], 'Katherine': ['Kate', 'Katie', 'Kathy'], 'Rebecca': ['Becky', 'Becca'], 'Deborah': ['Debbie', 'Deb'], 'Stephanie': ['Steph'], 'Barbara': ['Barb'], 'Nancy': ['Nan'] },
      junior: ['Jr.', 'Jr', 'II'], cities: ['New York', 'Los Angeles', 'Chicago', 'Houston', 'Miami', 'Boston', 'Atlanta', 'Seattle'],
      area: { 'New York': ['212', '718', '917', '646'], 'Los Angeles': ['213', '310', '323'], 'Chicago': ['312', '773'], 'Houston': ['713', '832'], 'Miami': ['305', '786'], 'Boston': ['617', '857'], 'Atlanta': ['404', '678'], 'Seattle': ['206', '425'] },
      streets: ['Main St', 'Oak Ave', 'Maple Dr', 'Park Ave', 'Elm St', '2nd St', 'Washington Blvd', 'Lake Shore Dr'],
      domains: ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'hotmail.com', 'aol.com', 'outlook.com', 'icloud.com', 'comcast.net'],
      famEmail: (s) => [`the${s}s`, `${s}family`, `${s}.family`, `${s}household`],
      w: 15,
    },
    GB: {
      m: ['Oliver', 'Jack', 'Harry', 'George', 'James', 'David', 'Paul', 'Andrew', 'Mark', 'Thomas', 'William', 'Daniel', 'Christopher', 'Richard', 'Peter', 'Stephen', 'Henry', 'Charles'],
      f: ['Olivia', 'Amelia', 'Sarah', 'Emma', 'Charlotte', 'Margaret', 'Elizabeth', 'Sophie', 'Emily', 'Jessica', 'Victoria', 'Rebecca', 'Susan', 'Helen', 'Catherine', 'Alexandra'],
      compoundF: [], compoundM: [],
      sur: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Clarke', 'Patel', 'Fitzgerald-Hughes'],
      nick: { 'Oliver': ['Ollie'], 'Henry': ['Harry', 'Hal'], 'Andrew': ['Andy'], 'Margaret': ['Maggie', 'Meg', 'Peggy'], 'Charles': ['Charlie'], 'Charlotte': ['Lottie', 'Charlie'], 'Elizabeth': ['Liz', 'Lizzie', 'Beth'], 'Thomas': ['Tom'], 'William': ['Will', 'Bill'], 'Daniel': ['Dan'], 'Christopher': ['Chris'], 'Richard': ['Rich', 'Dick'], 'Peter': ['Pete'], 'Stephen': ['Steve'], 'James': ['Jim', 'Jamie'], 'Victoria': ['Vicky', 'Tori'], 'Rebecca': ['Becky'], 'Catherine': ['Kate', 'Cathy'], 'Alexandra': ['Alex', 'Sasha'], 'Sophie': ['Soph'], 'Emily': ['Em'] },
      junior: ['Jr', 'Jnr'], cities: ['London', 'Manchester', 'Birmingham', 'Leeds', 'Glasgow', 'Bristol', 'Liverpool'],
      stdc: { 'London': '20', 'Manchester': '161', 'Birmingham': '121', 'Leeds': '113', 'Glasgow': '141', 'Bristol': '117', 'Liverpool': '151' },
      streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Green Lane', 'Park Road'],
      domains: ['gmail.com', 'gmail.com', 'hotmail.co.uk', 'yahoo.co.uk', 'btinternet.com', 'outlook.com', 'sky.com', 'live.co.uk'],
      famEmail: (s) => [`the${s}s`, `${s}family`, `${s}.household`],
      w: 10,
    },
    ES: {
      m: ['Antonio', 'Manuel', 'José', 'Francisco', 'David', 'Javier', 'Daniel', 'Juan', 'Carlos', 'Jesús', 'Alejandro', 'Miguel', 'Rafael', 'Pablo', 'Sergio', 'Fernando'],
      f: ['María', 'Carmen', 'Ana', 'Isabel', 'Laura', 'Lucía', 'Cristina', 'Marta', 'Pilar', 'Dolores', 'Teresa', 'Elena', 'Raquel', 'Sara', 'Paula', 'Rosa'],
      compoundF: ['María Carmen', 'María Teresa', 'Ana María', 'María José', 'María Pilar'], compoundM: ['José Antonio', 'José Luis', 'Juan Carlos', 'Francisco Javier', 'José Manuel'],
      sur: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Echeverría', 'Iglesias'],
      nick: { 'Francisco': ['Paco', 'Curro', 'Fran'], 'José': ['Pepe'], 'Manuel': ['Manolo', 'Manu'], 'Javier': ['Javi'], 'Daniel': ['Dani'], 'Alejandro': ['Álex', 'Alex'], 'Jesús': ['Chus', 'Chuchi'], 'Dolores': ['Lola'], 'Isabel': ['Isa', 'Chabela'], 'Teresa': ['Tere'], 'Cristina': ['Cris'], 'Pilar': ['Pili'], 'Rafael': ['Rafa'], 'Antonio': ['Toni', 'Antoñito'], 'Fernando': ['Nando', 'Fer'], 'Concepción': ['Concha'], 'Rosa': ['Rosi'], 'Raquel': ['Raque'], 'Sergio': ['Sergi'] },
      junior: ['Jr'], cities: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Zaragoza', 'Málaga', 'Bilbao'],
      prov: { 'Madrid': '91', 'Barcelona': '93', 'Valencia': '96', 'Sevilla': '95', 'Zaragoza': '976', 'Málaga': '952', 'Bilbao': '94' },
      streets: ['Calle Mayor', 'Gran Vía', 'Calle de Alcalá', 'Paseo de la Castellana', 'Avenida Diagonal', 'Calle Real'],
      domains: ['gmail.com', 'gmail.com', 'hotmail.com', 'hotmail.es', 'yahoo.es', 'outlook.es', 'telefonica.net'],
      famEmail: (s) => [`familia.${s}`, `familia${s}`, `casa${s}`],
      w: 8,
    },
    IN: {
      m: ['Rahul', 'Amit', 'Rajesh', 'Suresh', 'Vijay', 'Sanjay', 'Mohammed', 'Ramesh', 'Arjun', 'Rohit', 'Anil', 'Deepak', 'Manoj', 'Ravi', 'Sunil', 'Vikram'],
      f: ['Priya', 'Pooja', 'Anjali', 'Sunita', 'Neha', 'Lakshmi', 'Kavita', 'Deepika', 'Anita', 'Meena', 'Divya', 'Swati', 'Rekha', 'Shreya', 'Aishwarya', 'Nisha'],
      compoundF: [], compoundM: [],
      sur: ['Kumar', 'Sharma', 'Singh', 'Patel', 'Gupta', 'Reddy', 'Das', 'Verma', 'Rao', 'Iyer', 'Nair', 'Joshi', 'Mehta', 'Chatterjee', 'Banerjee', 'Khan', 'Agarwal', 'Pillai', 'Subramanian', 'Venkataraman'],
      nick: { 'Rajesh': ['Raju'], 'Mohammed': ['Mohd', 'Md'], 'Lakshmi': ['Laxmi'], 'Vikram': ['Vicky'], 'Deepika': ['Deepu'], 'Aishwarya': ['Ash', 'Aishu'], 'Suresh': ['Suri'], 'Ramesh': ['Ramu'], 'Shreya': ['Shre'], 'Priya': ['Pri'], 'Divya': ['Divi'] },
      junior: ['Jr'], cities: ['Mumbai', 'Delhi', 'Bengaluru', 'Chennai', 'Hyderabad', 'Pune', 'Kolkata'],
      std: { 'Mumbai': '22', 'Delhi': '11', 'Bengaluru': '80', 'Chennai': '44', 'Hyderabad': '40', 'Pune': '20', 'Kolkata': '33' },
      streets: ['MG Road', 'Link Road', 'Station Road', 'Nehru Nagar', 'Gandhi Marg', 'Park Street'],
      domains: ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.co.in', 'rediffmail.com', 'hotmail.com', 'outlook.com'],
      famEmail: (s) => [`${s}family`, `${s}.family`, `${s}parivar`],
      w: 10,
    },
    DE: {
      m: ['Thomas', 'Michael', 'Andreas', 'Stefan', 'Peter', 'Wolfgang', 'Jürgen', 'Klaus', 'Frank', 'Markus', 'Christian', 'Alexander', 'Matthias', 'Tobias', 'Lukas', 'Jan'],
      f: ['Sabine', 'Petra', 'Monika', 'Andrea', 'Claudia', 'Anna', 'Susanne', 'Stefanie', 'Katharina', 'Julia', 'Birgit', 'Ursula', 'Christina', 'Sandra', 'Nicole', 'Jana'],
      compoundF: ['Anna-Lena', 'Marie-Luise'], compoundM: ['Karl-Heinz', 'Hans-Peter'],
      sur: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Krüger', 'Hartmann', 'Größmann'],
      nick: { 'Andreas': ['Andi'], 'Stefanie': ['Steffi'], 'Katharina': ['Kathi', 'Katja'], 'Christian': ['Chris'], 'Alexander': ['Alex'], 'Matthias': ['Matze', 'Hias'], 'Tobias': ['Tobi'], 'Susanne': ['Susi'], 'Michael': ['Micha'], 'Christina': ['Tina'], 'Wolfgang': ['Wolf'], 'Julia': ['Jule'], 'Ursula': ['Uschi'], 'Markus': ['Max'], 'Thomas': ['Tom'], 'Nicole': ['Nici'] },
      junior: ['jun.', 'Jr'], cities: ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt am Main', 'Stuttgart', 'Düsseldorf'],
      vorw: { 'Berlin': '30', 'Hamburg': '40', 'München': '89', 'Köln': '221', 'Frankfurt am Main': '69', 'Stuttgart': '711', 'Düsseldorf': '211' },
      streets: ['Hauptstraße', 'Schulstraße', 'Bahnhofstraße', 'Gartenstraße', 'Dorfstraße', 'Bergstraße'],
      domains: ['gmail.com', 'gmx.de', 'gmx.de', 'web.de', 'web.de', 't-online.de', 'yahoo.de', 'outlook.de'],
      famEmail: (s) => [`familie.${s}`, `familie${s}`, `fam.${s}`],
      w: 7,
    },
  };
}

/** The long surname tails DIVERSE adds (US and GB also get FEBRL's common surnames, see febrl-surnames.txt). */
export const DIVERSE_SURNAMES: Readonly<Partial<Record<Country, readonly string[]>>> = {
  BR: ['Azevedo', 'Batista', 'Borges', 'Brito', 'Campos', 'Castro', 'Correia', 'Cunha', 'Duarte', 'Farias', 'Fonseca', 'Garcia', 'Guimarães', 'Leite', 'Macedo', 'Magalhães', 'Medeiros', 'Miranda', 'Monteiro', 'Moraes', 'Moura', 'Neves', 'Paiva', 'Peixoto', 'Pires', 'Queiroz', 'Rezende', 'Sales', 'Sampaio', 'Siqueira', 'Toledo', 'Valente', 'Vasconcelos', 'Xavier', 'Bezerra', 'Coelho', 'Figueiredo', 'Lacerda', 'Prado', 'Quintana'],
  MX: ['Acosta', 'Aguirre', 'Alvarado', 'Ávila', 'Bautista', 'Cabrera', 'Camacho', 'Campos', 'Cervantes', 'Contreras', 'Delgado', 'Domínguez', 'Escobar', 'Espinoza', 'Estrada', 'Figueroa', 'Fuentes', 'Guerrero', 'Ibarra', 'Juárez', 'Lara', 'Luna', 'Maldonado', 'Medina', 'Mejía', 'Miranda', 'Navarro', 'Núñez', 'Orozco', 'Pacheco', 'Padilla', 'Quintero', 'Salazar', 'Sandoval', 'Soto', 'Tapia', 'Trejo', 'Valdez', 'Velázquez', 'Zamora'],
  ES: ['Blanco', 'Bravo', 'Cabello', 'Calvo', 'Campos', 'Cano', 'Carrasco', 'Castro', 'Cortés', 'Crespo', 'Delgado', 'Diez', 'Garrido', 'Gallego', 'Herrera', 'Lozano', 'Marín', 'Medina', 'Molina', 'Morales', 'Ortega', 'Pascual', 'Prieto', 'Ramos', 'Rubio', 'Santos', 'Sanz', 'Serrano', 'Suárez', 'Vázquez', 'Vicente', 'Vidal'],
  DE: ['Lange', 'Werner', 'Krause', 'Lehmann', 'Schmitt', 'Schmid', 'Meier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß', 'Jung', 'Hahn', 'Schubert', 'Vogel', 'Friedrich', 'Keller', 'Günther', 'Frank', 'Berger', 'Winkler'],
  IN: ['Bhat', 'Chauhan', 'Desai', 'Dubey', 'Ghosh', 'Hegde', 'Jain', 'Kapoor', 'Kulkarni', 'Malhotra', 'Menon', 'Mishra', 'Mukherjee', 'Pandey', 'Saxena', 'Shah', 'Shetty', 'Sinha', 'Srivastava', 'Tiwari', 'Trivedi', 'Yadav', 'Bose', 'Naidu', 'Chopra'],
};
