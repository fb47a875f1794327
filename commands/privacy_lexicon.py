"""Given names and surnames common in the Netherlands, for the privacy guard's name heuristic.

A capitalised word is not enough to tell "Noah is bang" from "Thuis is het rustig", and a name written in
lower case or in capitals has no capital to go by at all. These lists are what a professional would
recognise as a name: given names common among children and parents in Dutch registers (Dutch, Moroccan,
Turkish, Surinamese, Antillean, Polish, Syrian, Eritrean and other families) and common surnames. All entries
are lower case, without accents where people often type them without (both forms where both are common).

A region can extend them in code; a name that is missing is still caught by the structural rules (a role
word before it, an age after it, two capitalised words). Names that are also ordinary Dutch words are listed
in HOMOGRAPHS: they count as a name only next to a role word or another name.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block of text: long lists stay readable as plain text."""
    return frozenset(text.split())


GIVEN_NAMES = _words(
    """
    aaron abdel abdelkader abdellah abderrahim abdul abdullah abdullahi abel abigail adam adem adil adnan
    adriaan adrian adrianus agnes agnieszka ahmad ahmed ahmet aicha aisha aischa ajda akif akin akosua alain
    alba alejandro aleksander aleksandra alex alexander alexandra alexandru ali alia alice alicia alina alisha
    alissa ali-reza alize alparslan alvin amal amani amara amber amelia amin amina amine amir amira amy ana
    anand ananya anas andrea andreas andrei andrzej angela angelique angelo anil anita anjali anna anne
    anneke annemarie annemiek anouk anthony anton antonio anwar anya aras ardit arie arjen arjun armand arne
    aron arthur arwen asha asia asiye asli asma astrid atakan ayaan ayden ayesha aylin ayoub ayse ayşe ayla
    azad aziz aziza badr baran barbara bart bas bastiaan bayu beatrix bella ben benjamin berat berkay bernard
    bert bianca bilal bilge birgit bjorn björn boaz boris bouchra boy bram brandon brenda brian britt brit
    burak büşra busra caitlin can carla carlos carmen caro carolien caroline casper cato cees cem cemal
    charlotte chayenne chelsea cheyenne chiara chloé chloe chris christa christiaan christian christina cindy
    cor cornelis cynthia daan dagmar damian dana daniel daniela daniëlle danielle danny dario david dean
    defne demi denise dennis derya desiree dewi dex diana dick didier diego dilan dina dirk djamila djenna
    djim dominique don donna doruk dragan driss duygu dylan ebru eda edith edwin eef efe egbert eline elif
    elisa elise elizabeth ella elly elodie emel emily emin emir emma emre enes eric erik ersin esma esmee
    esmée esra esther eva evelien evi evy ewa ezra fabian fadoua fahd faisal faith faouzia farah farid
    farida fatih fatima fatimah fatma fay fedde femke fenna ferdi fien finn floor floris francesca frank
    freek frits gabriel gaia gerard gerrit gert giovanni gizem glenn gökhan guus habib hafsa hakan hakim
    halima hamid hamza hana hanan hanna hannah hans harm hasan hassan hatice hava havin hayat helen helena
    hendrik henk henny herman hiba hicham hidde hind hira hugo huseyin hüseyin ibrahim ida idris ikram ilias
    ilona ilse ilyas iman imane imran inge ingrid ionela ionut irem isa isabel isabella isabelle ismail ivan
    ivo jaap jacob jacqueline jade jael jake jamal jamie jan jana janine jari jasmijn jasmin jasper javier
    jay jayden jaylen jaylinn jaymie jayson jelle jennifer jens jeroen jesse jessica jill jip jitske joanne
    jochem joep joey johan johannes john jolanda jonas jonathan joost joris jos jose josé josephine joshua
    joyce judith julia julian juliette julius jurre justin kaan kadir kai karim karima kasper kavita kayla
    kaylee kees kemal kenan kenneth kenzo kerem kevin khadija khalid kim kimberley koen kristel kwame kwasi
    lamia lana lara larissa lars latifa laura lauren layla lea leah leila lena lenn lennard leo leon levi
    lieke liam lily lina linda lisa lisanne livia liz lois lotte louise luca lucas lucy luka luna lune luuk
    lynn maaike madelief mahmoud maja malak malika manon marco marcel mare marek maria mariam marieke
    marijke marina mario mark marleen marlies marloes marouane marta martijn martin marwa mary maryam
    mateusz mathijs matteo matthijs max maxime maya meike melanie melek melike melissa melvin mehmet merel
    meryem mette michael michel michelle miguel mika mike mila milan mina mirjam mirre mo mohamed mohammad
    mohammed mona monique morris mounir mourad muhammed murat mustafa naima najib nadia nadine nadir naoufal
    natasha nathalie nathan naomi nawal nick nicky nicole nienke niels nils nina nisa noa noah noé noor
    nora norah nordin noureddine nova nuri olaf olga olivia omar onur oscar osman otis owen ozan pablo
    patrick paul paula pawel paweł peter petra philip piet pieter piotr pim pleun priscilla priya quinn
    quinten rachid radjesh rafael rahma rajesh ramazan ramon rania rashid ravi rayan rebecca redouan reza
    ricardo richard rick rik rob robbert robert robin rodney roel rohan roman romy ronald rosa rose ruben
    rutger ryan saar sabine sabrina sadia safa said saida salma sam samir samira sami sander sandra sanne
    sara sarah saskia selin selma sem senait senna serkan sevda shanti shanice sharon shirley siham silvia
    simon simone sjoerd sofia sofie soufiane soraya sophie stefan stefanie stijn sunil suzanne sven tamara
    tarik tariq tess tessa tesfay teun thijs thomas tijn tim timo tobias tom tomasz tommy ton tygo tyrone
    umut valentina vanessa vera victor vince vincent wendy wesley wessel wijnand willem wim wouter xavi
    yara yasin yasmina yasmine yassin yassine yavuz yigit younes youssef yusuf yunus zakaria zara zeynep
    zoë zoe zohra
    """
)

SURNAMES = _words(
    """
    aalbers abdi abdullah achahbar aerts ahmadi akbulut akkaya aksoy al-masri amrani arslan aslan atmani
    aydin aydın azzouzi baars bakker bakkali bennani benali bekker berends bergman beukers biharie blom boer
    boukhari bosman bouali bouchtaoui boumediene bouzid brands brouwer bruijn bulut castelijns çelik celik
    claassen coban cornelissen dahri dam de demir dekker dijkman dijkstra dogan doğan driessen el-amrani
    elbaz erdogan erkens essadki evers faber franken gerritsen goossens groen haddou haile hamdaoui heijden
    hendriks hermans hoekstra huisman jacobs janssen jansen jonker karaca kaplan kaya koç koc kok kool koster
    kowalski kromodimedjo kuijpers kuipers lambrechts lammers laroui maas mahabier martens meijer mertens
    mohan mulder nowak ouali öztürk ozturk özdemir ozdemir peeters peters pinas pool popescu post prins
    ramdin ramdas ramsaransing sahin şahin sanches schouten sedoc slot smit smits soekhoe tahiri tas
    timmermans tjon tuncer usta verbeek verhoef verhoeven vermeulen verschuren visser vos wagenaar willems
    wouters yildiz yıldız yilmaz yılmaz yücel ziani zijlstra zwart
    """
) - {"de"}

# Given names that are also ordinary Dutch words (or abbreviations) in lower case: a name only next to a role
# word or another name ("moeder roos", not "een roos"; "jan" is also the month).
HOMOGRAPHS = _words(
    """
    amber bas ben boy can don els frank hoop iris jade jan mare mark max mo rob roman rosa rose storm ton
    wil will
    """
)
