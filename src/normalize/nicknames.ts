import { lazy } from '../internal/lazy.js';

/**
 * Given-name groups for Portuguese, Spanish and English: `canonical:variant variant …`, all folded
 * (lowercase ASCII, see foldText). A group is one name with its spelling variants, diminutives and
 * nicknames; the canonical name is the group id. A token may be in several groups (`alex`, `tony`,
 * `beto`). Compiled into a map on first use.
 */
const GROUPS = `
jose:ze zeca zezinho zezito pepe pepito pepin chepe cheche joselito jose
josefa:pepa pepita fina finita
francisco:chico chiquinho xico paco paquito pancho panchito kiko quico curro fran cisco frank francis
francisca:chica chiquinha paca paquita pancha quica fran francis
antonio:tono tonho toninho tonico toni tony tonio anton antony to
antonia:tonha toninha tona toni tonia
manuel:manolo manu manel manoel nelo manolito lolo
manuela:manu manuelita nela manoela
guadalupe:lupe lupita pita lupi
jesus:chuy chucho chuchito chus
ignacio:nacho nachito inaki
enrique:quique kike enriquito
alejandro:alex ale jandro alejo sandro
alejandra:ale alex jandra
alexandre:alex xande xandinho ale
alexandra:alex sasha lexi alexa sandy xanda
alexander:alex sasha xander alec lex sandy al
dolores:lola lolita loli
concepcion:concha conchita chon conce
rosario:charo chayo rosi
eduardo:edu dudu du eddie eddy lalo
eduarda:duda dudinha
luis:lula lucho luisito luiz luisinho lu
luisa:lu luisinha luiza
fernando:nando fer fernandinho nandinho
fernanda:nanda fer fe nandinha
carlos:carlinhos caca carlitos charly charlie cacau
carla:carlinha
carlos eduardo:cadu
maria jose:majo mariajo
maria luisa:malu
maria eduarda:duda
jose maria:chema
maria jesus:chus
maria del carmen:mamen maica
maria fernanda:mafe
jose luis:joselu
juan carlos:juanca
rafael:rafa rafinha
rafaela:rafa rafinha
gabriel:gabi biel gabo gabe
gabriela:gabi gaby gabizinha gabriella
beatriz:bia bea beti tita
roberto:beto betinho rober robertinho bob
alberto:beto albertinho al
humberto:beto
gilberto:giba gil beto
norberto:beto
adalberto:beto
ricardo:rica ricardinho rick ricky cado richi richie rich
joao:joaozinho jao joca juca
pedro:pedrinho perico pedrito peu pete
paulo:paulinho paulao
pablo:pablito
miguel:migue miguelito miguelzinho
rodrigo:digo rodriguinho rodri
daniel:dani danny dan danielzinho
daniela:dani dany danny
juan:juanito juancho juanjo
maria:mari mariazinha maruja mariquinha mery
ana:aninha anita nana ani anna ann anne annie
isabel:isa bel bela belinha chabela isabela isabella isabelle izabel
teresa:tere teresinha teca tete teresita theresa tess tessa terry
cristina:cris tina crissy cristininha christina
patricia:pati paty patty pat tricia trish patricinha pato
luciana:lu lulu
lucia:lu lucita luzia
marcos:marquinhos marco marcao
vicente:chente vicentinho vince
guillermo:memo guille willy
jorge:jorginho coque
gonzalo:gonza chalo
santiago:santi chago
sebastiao:tiao bastiao sebastian sebas
sebastian:sebas seba basti
benedito:dito
raimundo:mundico mundinho
sergio:serginho checo
federico:fede quico
rogelio:roge
socorro:coco socorrito
mercedes:meche merche mecha
asuncion:chon
ramon:moncho
salvador:chava chavo salva
graciela:chela
gregorio:goyo greg
leonardo:leo leozinho nardo
leonel:leo
mariana:mari
vitoria:vivi vic vitorinha
felipe:pipe lipe felipinho fe phil
renato:renatinho
tiago:thiago tiaguinho
guilherme:gui guigui
gustavo:gus guga guto
augusto:guto
henrique:rique henriquinho
mateus:matheus teteu mateo matias
lucas:luquinhas
bruno:bruninho
vinicius:vini
marcelo:marcelinho celo
adriana:dri
rodolfo:rudi fito
alfredo:fredo
joaquim:quim joaquin quino
joaquin:quino kino joaquim
emanuel:manu emmanuel
juliana:ju juju
julia:ju juju julie
julio:julinho
camila:mila cami
fabiana:fabi
fabio:fabinho
leticia:lele leti
priscila:pri
larissa:lari
jessica:jess jessie
vanessa:van nessa
andreia:deia andrea
andre:andrezinho
marcia:marcinha
claudia:clau
claudio:claudinho
regina:re
rosa:rosinha rosita
cecilia:ceci
carolina:carol carolzinha caro carrie
veronica:vero ronnie
natalia:nat natalie natasha nati
valeria:vale valerie val
raquel:quel rachel
sofia:sofi sophie sophia
fatima:fati
cleber:cleberson
wellington:well
washington:washi
edson:edinho
ronaldo:ronaldinho ron
reinaldo:rei
anderson:ande
cesar:cesinha
osvaldo:vado
oswaldo:vado
valdemar:vado
aparecida:cida
conceicao:ceica cao conca sao
filipa:pipa
margarita:magos mago marga margot maggie
martin:tincho martinho
pilar:pili pilarica
terezinha:tete
filomena:mena
madalena:lena madalen magdalena
helena:lena nena elena
elena:lena nena helena
susana:susi suzana
william:bill will billy liam willy willie wills
robert:bob rob bobby robbie bert
elizabeth:liz beth betty eliza libby lizzie bess bessie betsy elisabeth lisa
margaret:maggie peggy meg marge margie greta daisy
katherine:kate katie kathy kat cathy catherine kathryn katharine kay kitty
richard:rick dick rich richie ricky
james:jim jimmy jamie jimbo
john:johnny jack jon
michael:mike mikey mick mickey
thomas:tom tommy
christopher:chris kit topher
jennifer:jen jenny jenn
susan:sue susie suzy
joseph:joe joey jo
charles:charlie chuck chas chaz
david:dave davy
edward:ed eddie ted teddy ned
henry:hank harry hal
matthew:matt matty
nicholas:nick nicky nico
benjamin:ben benny benji
jonathan:jon jonny
samuel:sam sammy
andrew:andy drew
anthony:tony ant
stephen:steve stevie steven
timothy:tim timmy
gregory:greg
jeffrey:jeff
kenneth:ken kenny
donald:don donnie
ronald:ron ronnie
douglas:doug
lawrence:larry
raymond:ray
gerald:gerry jerry
peter:pete
frederick:fred freddie freddy
francis:frank fran
franklin:frank
albert:al bert
alfred:alf fred
arthur:art
eugene:gene
harold:hal harry
walter:walt wally
leonard:leo len lenny
vincent:vince vinny
philip:phil pip phillip
zachary:zach zack
nathaniel:nate nat nathan
jacob:jake
abigail:abby gail
barbara:barb barbie babs
deborah:deb debbie
dorothy:dot dotty dolly
eleanor:ellie nell nora
jacqueline:jackie
judith:judy
kimberly:kim
laura:laurie
mary:molly polly mae mamie
melissa:mel missy
pamela:pam
rebecca:becky becca
sarah:sally sadie sara
stephanie:steph
victoria:vicky tori vic
virginia:ginny
christine:chris tina chrissy
cynthia:cindy
samantha:sam sammie
amanda:mandy manda
angela:angie
caroline:carol carrie
valerie:val
andrea:andy
josephine:jo josie
frances:fran fanny
emily:em emmy
olivia:liv livvy
madeline:maddie
allison:ally
nancy:nan
patrick:pat paddy
dominic:dom
theodore:ted teddy theo
oliver:ollie
jessica:jess jessie
charlotte:lottie charlie lotte
ursula:uschi ulla
mohammed:mohd mohamed muhammad mohammad md
vikram:vicky vik
`;

/** Common given names without a nickname group (they still help tell given from family names). */
const COMMON_GIVEN = `
clara alice laura heloisa lorena livia giovanna eloa lara antonella isadora yasmin vitor arthur heitor
davi bernardo enzo lorenzo benicio nicolas theo miguel gael bento noah otavio caua murilo pietro
rafael diego hugo alvaro adrian mario javier ivan marta carmen pilar paula elena sara martina irene
lourdes rocio silvia monica noelia nuria ines marina alba aitana ainhoa iker unai mikel aitor
emma ava mia amelia harper evelyn liam elijah mason logan ethan aiden grace chloe
zoe lily hannah ella scarlett aria luna nora riley layla brooklyn leah jack owen wyatt luke thelma theresa thereza thea
ryan dylan tyler kevin brian jason eric adam aaron sean kyle justin brandon austin
igor yuri tatiana sonia vera silvana simone sandra denise eliane elaine solange rosana rosangela
luana bianca bruna debora tamires thais viviane jaqueline juliano fabricio leandro rogerio
maicon maycon wesley jefferson emerson everton robson adilson nilson nelson elias
jean pierre marie louis claude luc michel philippe francois jacques yves rene antoine anne sophie
elisa eloisa eliana estela ester emilia erica edna linda mark karen nancy betty helen donna carol ruth sharon
`;

const NICKNAME_INDEX = lazy(() => {
  const index = new Map<string, string[]>();
  const add = (token: string, group: string): void => {
    const groups = index.get(token);
    if (groups === undefined) index.set(token, [group]);
    else if (!groups.includes(group)) groups.push(group);
  };
  for (const line of GROUPS.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const canonical = line.slice(0, colon);
    add(canonical, canonical);
    for (const v of line.slice(colon + 1).split(' ')) if (v.length > 0) add(v, canonical);
  }
  for (const groups of index.values()) groups.sort();
  return index;
});

const GIVEN_NAMES = lazy(() => {
  const names = new Set<string>(NICKNAME_INDEX().keys());
  for (const name of COMMON_GIVEN.split(/\s+/)) if (name.length > 0) names.add(name);
  return names;
});

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * The given-name groups a folded token belongs to: canonical group ids (`'ze'` → `['jose']`,
 * `'tony'` → `['anthony', 'antonio']`, `'jose'` → `['jose']`); `[]` when the token is not a known
 * given name or nickname. Pass tokens through {@link foldText} first (`'José'` is not folded).
 * Two given names are nickname-compatible when their groups intersect. The table covers a few
 * hundred Portuguese, Spanish and English names and is built on first call.
 *
 * @example
 * ```ts
 * nicknameGroups('ze');    // ['jose']
 * nicknameGroups('chico'); // ['francisco']
 * nicknameGroups('bill');  // ['william']
 * nicknameGroups('xyz');   // []
 * ```
 */
export function nicknameGroups(token: string): readonly string[] {
  return NICKNAME_INDEX().get(token) ?? EMPTY;
}

/** @internal True when the folded token is a known given name or nickname (used to split given from family names). */
export function isKnownGivenName(token: string): boolean {
  return GIVEN_NAMES().has(token);
}
