"""What the people in the demo write: the words of beleidsmedewerkers, per regeling.

The texts are content, not interface: like everything users type, they are stored as written and
not translated.
"""

from dataclasses import dataclass

from samen.demo.people import GGD, ODRU, RDWI, VRU


@dataclass(frozen=True)
class ResultText:
    indicator: str
    unit: str
    baseline: int
    target: int


@dataclass(frozen=True)
class GoalText:
    title: str
    text: str
    benefit: str  # "{name}" is the partner's name
    results: tuple[ResultText, ...] = ()
    commitments: tuple[str, ...] = ()
    edit: str = ""  # a sentence another partner adds while drafting
    objection: str = ""  # when set, one partner objects and the goal is amended
    amended: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Texts:
    ambitions: tuple[tuple[str, str, int, int], ...]  # title, description, hours a month, budget in euro
    intentions: tuple[str, str]  # first and second honesty round
    red_lines: tuple[str, str]
    conditions: str
    goals: tuple[GoalText, ...]  # the last one is still in a consent round
    cost_signal: tuple[str, str]
    paying_too_much: tuple[str, str]
    delivery: tuple[str, str]  # raised by one partner about another: a deviation it never announced
    concern: tuple[str, str]
    compliment: tuple[str, str]
    other: tuple[str, str]
    reading_signal: tuple[str, str]
    replies: tuple[str, ...]
    outcome: str
    readings: tuple[tuple[str, str], ...]  # stance, text
    deviation: str
    accountability: tuple[str, str, str]  # question, reply, a question still waiting
    successes: tuple[tuple[str, str], ...]
    spotlights: tuple[str, ...]
    going_well: tuple[str, ...]
    sticking: tuple[str, ...]
    digest_summary: str


REPLIES = (
    "Dank voor het melden. Wij herkennen dit en nemen het mee naar het ambtelijk overleg van volgende week.",
    "Goed dat u dit deelt. Kunt u de cijfers van het afgelopen kwartaal sturen? Dan leggen we ze naast de onze.",
    "Bij ons speelt hetzelfde. Laten we het agenderen voor het AB, met een voorstel van de directie erbij.",
    "We hebben dit intern besproken; ons voorstel is de evaluatie in het najaar af te wachten en dan te besluiten.",
)

TEXTS: dict[str, Texts] = {
    VRU: Texts(
        ambitions=(
            (
                "Opkomsttijden brandweer binnen de norm",
                "In alle kernen is de brandweer binnen de wettelijke opkomsttijd ter plaatse, ook in de daguren.",
                160,
                250000,
            ),
            (
                "Samen voorbereid op crises",
                "Elke gemeente heeft een geoefende crisisorganisatie en kent de regionale risico's.",
                120,
                80000,
            ),
            (
                "Vrijwilligers behouden",
                "Het aantal brandweervrijwilligers daalt niet verder; posten in kleine kernen blijven bemenst.",
                80,
                150000,
            ),
        ),
        intentions=(
            "Wij willen de veiligheidsregio als stevige partner behouden, maar de bijdrage moet voorspelbaar blijven.",
            "Sinds de begrotingswijziging van vorig jaar weegt de kostenontwikkeling voor ons zwaarder. We blijven "
            "volledig deelnemen, maar willen vooraf meebeslissen over nieuwe taken.",
        ),
        red_lines=(
            "Geen sluiting van een kazerne in onze gemeente zonder besluit van onze raad.",
            "De gemeentelijke bijdrage stijgt niet meer dan de loon- en prijsindex.",
        ),
        conditions="Wij gaan door, mits de verdeelsleutel in 2026 wordt geëvalueerd.",
        goals=(
            GoalText(
                "Opkomsttijd in de daguren verbeteren",
                "We brengen de opkomsttijd in de daguren in de kleine kernen terug naar de norm door "
                "dagdienstroosters en uitruk op maat.",
                "Voor {name}: inwoners in de buitengebieden krijgen dezelfde zorg als in de stad.",
                (
                    ResultText("Uitrukken binnen de opkomstnorm (daguren)", "procent", 71, 90),
                    ResultText("Posten met dagdienstrooster", "aantal", 3, 12),
                ),
                (
                    "Dagdienstrooster invoeren op de posten in onze gemeente",
                    "Werkgevers benaderen voor vrijstelling van vrijwilligers",
                ),
                edit="Daarbij kijken we ook naar samenwerking met buurregio's over de grens.",
            ),
            GoalText(
                "Iedere gemeente oefent de crisisorganisatie",
                "Elke gemeente oefent minstens eens per jaar met haar crisisorganisatie, samen met de regio.",
                "Voor {name}: onze piketfunctionarissen zijn geoefend en kennen hun rol.",
                (ResultText("Gemeenten die dit jaar oefenden", "aantal", 9, 26),),
                ("Jaarlijkse oefening plannen met de regio",),
                objection="Een jaarlijkse oefening is voor kleine gemeenten niet haalbaar naast de gewone taken.",
                amended="Elke gemeente oefent eens per twee jaar; kleine gemeenten kunnen samen met een buurgemeente "
                "oefenen. De regio levert de oefenleiding.",
                reason="Na het bezwaar van een kleine gemeente: haalbaar voor iedereen.",
            ),
            GoalText(
                "Meer vrijwilligers in de kleine kernen",
                "We werven samen nieuwe vrijwilligers en maken het combineren met werk makkelijker.",
                "Voor {name}: onze posten blijven bemenst en lokaal verankerd.",
                (ResultText("Nieuwe vrijwilligers per jaar", "aantal", 40, 90),),
                ("Wervingscampagne in de eigen kernen",),
            ),
            GoalText(
                "Eerlijkere verdeelsleutel voor de bijdragen",
                "We herzien de verdeelsleutel zodat de bijdrage beter aansluit bij risico's en inwonertal, met een "
                "overgangsperiode van drie jaar.",
                "Voor {name}: een bijdrage die we kunnen uitleggen aan onze raad.",
            ),
        ),
        cost_signal=(
            "Kosten nieuwe meldkamersystemen hoger dan begroot",
            "In de tweede bestuursrapportage staat een overschrijding van 1,2 miljoen op de meldkamer. Dat "
            "was bij de begroting niet voorzien; voor ons betekent het een extra bijdrage van ruim 40.000 euro.",
        ),
        paying_too_much=(
            "Wij betalen te veel voor risicobeheersing",
            "Onze bijdrage voor advisering risicobeheersing is gelijk aan die van grotere gemeenten, terwijl"
            " we de helft minder adviesaanvragen indienen.",
        ),
        delivery=(
            "Post wordt 's nachts niet meer bemenst",
            "Wij horen van inwoners dat de post in de nachtelijke uren vaker onbemand is. Volgens artikel 3.1 "
            "hoort de basisbrandweerzorg overal gelijk te zijn.",
        ),
        concern=(
            "Zorg over de toon in het algemeen bestuur",
            "In het laatste AB werden voorstellen van kleine gemeenten snel weggezet. Wij willen dat bespreken.",
        ),
        compliment=(
            "Complimenten voor de inzet bij de storm",
            "De samenwerking tussen brandweer en gemeentelijke crisisteams tijdens de storm was uitstekend.",
        ),
        other=(
            "Vraag over de planning van de risicoprofielen",
            "Wanneer komt het nieuwe regionaal risicoprofiel? Onze raad wil het meenemen in het veiligheidsplan.",
        ),
        reading_signal=(
            "Wat valt onder 'basisbrandweerzorg'?",
            "Artikel 3.1 noemt de brandweerzorg zonder te zeggen wat de basis is. Wij lezen dat anders dan "
            "de directie.",
        ),
        replies=REPLIES,
        outcome="Besproken in het AB; de directie komt met een voorstel bij de kadernota.",
        readings=(
            ("zoals_geschreven", "Wij lezen de taken zoals ze in de regeling staan: de regio voert ze volledig uit."),
            (
                "eigen_invulling",
                "Wij houden de advisering over evenementen bij de eigen gemeente; de regio adviseert "
                "alleen bij grote evenementen.",
            ),
            (
                "anders",
                "Volgens ons valt de nazorg na een brand niet onder de taken van de regio maar van de gemeente.",
            ),
        ),
        deviation="Wij voeren de advisering over kleine evenementen vanaf 1 januari zelf uit, met eigen mensen.",
        accountability=(
            "Het dagdienstrooster zou in het voorjaar ingaan. Hoe staat het ermee, en wat is er nodig?",
            "Het rooster start in september; de werving van dagvrijwilligers liep vertraging op door de krappe "
            "arbeidsmarkt.",
            "Het aantal posten met een dagdienstrooster blijft achter bij de planning. Wat is uw verwachting?",
        ),
        successes=(
            (
                "Eerste post met dagdienstrooster",
                "De post in Woudenberg draait als eerste met een dagdienstrooster; "
                "de opkomsttijd overdag daalde met drie minuten.",
            ),
            (
                "Gezamenlijke crisisoefening geslaagd",
                "Zes gemeenten oefenden samen een scenario met hoogwater; de evaluatie is gedeeld met alle partners.",
            ),
            (
                "Veertig nieuwe vrijwilligers",
                "De wervingscampagne leverde in één jaar veertig nieuwe vrijwilligers op, vooral in de kleine kernen.",
            ),
            (
                "Risicoprofiel op tijd klaar",
                "Het regionaal risicoprofiel is samen met alle gemeenten opgesteld en op tijd vastgesteld.",
            ),
        ),
        spotlights=(
            "Dank aan het team risicobeheersing voor de snelle adviezen tijdens de evenementenzomer.",
            "Dank aan de piketofficieren die de oefening zo goed hebben voorbereid.",
        ),
        going_well=("De lijnen met de regio zijn kort.", "Goede voorbereiding van het AB."),
        sticking=("De kostenontwikkeling komt laat op tafel.", "Kleine gemeenten voelen zich niet altijd gehoord."),
        digest_summary="De veiligheidsregio ligt op koers bij de opkomsttijden; de kosten van de meldkamer vragen "
        "aandacht van de raden.",
    ),
    GGD: Texts(
        ambitions=(
            (
                "Gezond opgroeien in de hele regio",
                "Elk kind in de regio krijgt dezelfde jeugdgezondheidszorg, ook bij krapte.",
                140,
                180000,
            ),
            (
                "Minder gezondheidsverschillen",
                "De gezondheidsverschillen tussen wijken en kernen worden kleiner.",
                100,
                120000,
            ),
            (
                "Voorbereid op een volgende pandemie",
                "De GGD kan binnen twee weken opschalen voor testen, vaccineren en bron- en contactonderzoek.",
                60,
                90000,
            ),
        ),
        intentions=(
            "Wij willen dat de GGD de publieke gezondheid in de hele regio op hetzelfde niveau houdt.",
            "Onze raad vraagt scherper om lokaal maatwerk in de jeugdgezondheidszorg. We blijven in het "
            "basispakket, maar willen ruimte voor plustaken die we zelf betalen.",
        ),
        red_lines=(
            "Het consultatiebureau in onze kern blijft open.",
            "Geen bezuiniging op de vaccinatiegraad.",
        ),
        conditions="Wij gaan door, mits de plustaken apart worden begroot en verantwoord.",
        goals=(
            GoalText(
                "Vaccinatiegraad boven de 90 procent",
                "We brengen de vaccinatiegraad van het Rijksvaccinatieprogramma in alle gemeenten boven de 90 procent,"
                " met extra inzet in wijken waar die achterblijft.",
                "Voor {name}: minder uitbraken van mazelen en kinkhoest in onze wijken.",
                (
                    ResultText("Vaccinatiegraad BMR (regiogemiddelde)", "procent", 86, 92),
                    ResultText("Wijken met een inloopspreekuur", "aantal", 4, 15),
                ),
                ("Inloopspreekuren in de wijken mogelijk maken", "Sleutelfiguren in de wijk betrekken"),
                edit="Met bijzondere aandacht voor de wijken met de laagste vaccinatiegraad.",
            ),
            GoalText(
                "Eén werkwijze voor de jeugdgezondheidszorg",
                "Alle consultatiebureaus werken met dezelfde werkwijze en hetzelfde dossier; plustaken blijven "
                "mogelijk per gemeente.",
                "Voor {name}: één aanspreekpunt voor ouders en onze wijkteams.",
                (ResultText("Consultatiebureaus op de nieuwe werkwijze", "procent", 20, 100),),
                ("Wijkteam koppelen aan het consultatiebureau",),
                objection="Wij willen eerst weten wat dit kost voor onze plustaken.",
                amended="Alle consultatiebureaus werken met dezelfde werkwijze en hetzelfde dossier. De kosten van "
                "plustaken worden apart begroot, zodat elke gemeente zelf kiest.",
                reason="Na het bezwaar over de kosten van plustaken: die staan nu apart.",
            ),
            GoalText(
                "Opschaalplan pandemie klaar en geoefend",
                "De GGD heeft een opschaalplan voor testen en vaccineren, geoefend met alle gemeenten.",
                "Voor {name}: we weten wat we moeten doen als het weer gebeurt.",
                (ResultText("Oefeningen opschaalplan", "aantal", 0, 4),),
                ("Locatie voor een priklocatie aanwijzen",),
            ),
            GoalText(
                "Gezonde schoolomgeving",
                "Elke school in de regio werkt met het programma Gezonde School; de GGD ondersteunt met advies.",
                "Voor {name}: gezondere kinderen en minder schooluitval.",
            ),
        ),
        cost_signal=(
            "Kosten jeugdgezondheidszorg hoger dan verwacht",
            "De kosten per kind in de jeugdgezondheidszorg liggen 8 procent hoger dan in de begroting.",
        ),
        paying_too_much=(
            "Wij betalen te veel voor de plustaken",
            "De plustaak opvoedondersteuning wordt ons volledig berekend, terwijl we minder uren afnemen.",
        ),
        delivery=(
            "Consultatiebureau vaker gesloten",
            "Het consultatiebureau in onze buurgemeente is twee dagen per week dicht; dat wijkt af van de "
            "afspraak over bereikbaarheid.",
        ),
        concern=(
            "Zorg over de personeelskrapte",
            "Het aantal jeugdartsen daalt; we vragen ons af of de basistaken overeind blijven.",
        ),
        compliment=(
            "Compliment voor de hittecampagne",
            "De hittecampagne voor ouderen was goed op tijd en bereikte veel inwoners.",
        ),
        other=(
            "Vraag over de gezondheidsmonitor",
            "Kunnen de cijfers van de gezondheidsmonitor per wijk worden gedeeld?",
        ),
        reading_signal=(
            "Wat zijn 'taken in het belang van de volksgezondheid'?",
            "Wij lezen artikel 38 ruimer dan de GGD; volgens ons vallen de plustaken er niet onder.",
        ),
        replies=REPLIES,
        outcome="De GGD komt met een kostenoverzicht per gemeente bij de begroting.",
        readings=(
            ("zoals_geschreven", "Wij lezen het artikel zoals het er staat."),
            ("eigen_invulling", "Voor ons vallen de plustaken buiten dit artikel; die spreken we apart af."),
            ("anders", "Volgens ons mag het algemeen bestuur hier geen nieuwe taken aan toevoegen zonder de raden."),
        ),
        deviation="Wij kopen de plustaak opvoedondersteuning vanaf volgend jaar in bij ons eigen wijkteam.",
        accountability=(
            "Het inloopspreekuur in onze wijk zou dit voorjaar starten. Wanneer kunnen ouders terecht?",
            "Het spreekuur start na de zomer; we zochten eerst een locatie die voor ouders goed bereikbaar is.",
            "De vaccinatiegraad in uw gemeente daalde het laatste kwartaal. Wat doet u eraan?",
        ),
        successes=(
            (
                "Vaccinatiegraad boven de 90 procent",
                "Voor het eerst ligt de BMR-vaccinatiegraad in de hele regio boven de 90 procent.",
            ),
            ("Inloopspreekuur in tien wijken", "Ouders kunnen nu in tien wijken zonder afspraak binnenlopen."),
            ("Opschaalplan geoefend", "Alle gemeenten oefenden het opschaalplan met de GGD."),
            ("Gezonde School in Houten", "Alle basisscholen in Houten hebben het vignet Gezonde School."),
        ),
        spotlights=(
            "Dank aan de jeugdverpleegkundigen die de inloopspreekuren mogelijk maakten.",
            "Dank aan het team infectieziektebestrijding voor de snelle aanpak van de uitbraak.",
        ),
        going_well=("De GGD denkt mee met onze wijkteams.", "Heldere cijfers uit de monitor."),
        sticking=("De kosten van plustaken zijn onduidelijk.", "Lange reactietijd op vragen van de raad."),
        digest_summary="De vaccinatiegraad stijgt en de jeugdgezondheidszorg werkt met één werkwijze; de kosten "
        "van plustaken worden apart zichtbaar.",
    ),
    ODRU: Texts(
        ambitions=(
            (
                "Vergunningen op tijd",
                "Omgevingsvergunningen worden binnen de wettelijke termijn verleend, ook onder de Omgevingswet.",
                120,
                60000,
            ),
            (
                "Toezicht dat risico's volgt",
                "Toezicht en handhaving richten zich op de bedrijven met de grootste risico's voor milieu "
                "en gezondheid.",
                90,
                40000,
            ),
            (
                "Samen naar een circulaire regio",
                "De omgevingsdienst helpt gemeenten en bedrijven met energiebesparing.",
                60,
                100000,
            ),
        ),
        intentions=(
            "Wij willen een omgevingsdienst die snel en deskundig adviseert, dichtbij onze ondernemers.",
            "Sinds de Omgevingswet is de werkdruk gestegen. Wij willen dat de dienst kwaliteit levert, ook als dat "
            "meer kost; andere partners willen vooral besparen. Dat gesprek moeten we voeren.",
        ),
        red_lines=(
            "Geen extra bijdrage zonder afspraken over de doorlooptijden.",
            "Het lokale loket voor ondernemers blijft bij de gemeente.",
        ),
        conditions="Wij gaan door, mits de doorlooptijden elk kwartaal worden gerapporteerd.",
        goals=(
            GoalText(
                "Vergunningen binnen de termijn",
                "95 procent van de omgevingsvergunningen wordt binnen de wettelijke termijn verleend.",
                "Voor {name}: ondernemers weten waar ze aan toe zijn.",
                (
                    ResultText("Vergunningen binnen de termijn", "procent", 78, 95),
                    ResultText("Gemiddelde doorlooptijd", "dagen", 64, 42),
                ),
                ("Vooroverleg met aanvragers organiseren", "Adviezen binnen twee weken aanleveren"),
                edit="Ook bij complexe aanvragen met een milieutoets.",
            ),
            GoalText(
                "Risicogericht toezicht",
                "We bezoeken de bedrijven met het hoogste risico elk jaar en de overige bedrijven op basis van een "
                "risicoanalyse.",
                "Voor {name}: minder overlast en meer vertrouwen van inwoners.",
                (ResultText("Hoogrisicobedrijven jaarlijks bezocht", "procent", 60, 100),),
                ("Risicoanalyse van bedrijven in onze gemeente aanleveren",),
                objection="Wij missen de afspraken over wat dit kost.",
                amended="We bezoeken de bedrijven met het hoogste risico elk jaar, binnen de bestaande begroting; de "
                "overige bedrijven op basis van een risicoanalyse.",
                reason="Na het bezwaar: binnen de bestaande begroting.",
            ),
            GoalText(
                "Energiebesparing bij bedrijven",
                "De omgevingsdienst controleert de energiebesparingsplicht bij alle plichtige bedrijven.",
                "Voor {name}: minder uitstoot en lagere energiekosten voor onze ondernemers.",
                (ResultText("Gecontroleerde plichtige bedrijven", "procent", 15, 80),),
                ("Ondernemersvereniging informeren",),
            ),
            GoalText(
                "Eén tarief per product",
                "We spreken één tarief per product af, zodat elke gemeente betaalt voor wat ze afneemt.",
                "Voor {name}: een rekening die we kunnen uitleggen.",
            ),
        ),
        cost_signal=(
            "Uurtarief hoger dan verwacht",
            "Het uurtarief voor 2025 stijgt met 9 procent; dat is meer dan de index in de kadernota.",
        ),
        paying_too_much=(
            "Wij betalen te veel voor toezicht",
            "Wij betalen voor 800 uur toezicht, maar de dienst leverde er vorig jaar 520.",
        ),
        delivery=(
            "Adviezen komen te laat",
            "Adviezen over milieu komen bij onze buurgemeente structureel na de afgesproken twee weken.",
        ),
        concern=(
            "Zorg over het verloop van personeel",
            "Het verloop bij de dienst is hoog; ervaren vergunningverleners vertrekken naar de markt.",
        ),
        compliment=(
            "Compliment voor het vooroverleg",
            "Het vooroverleg over de uitbreiding van het bedrijventerrein verliep uitstekend.",
        ),
        other=("Vraag over de dienstverleningsovereenkomst", "Wanneer wordt de DVO voor volgend jaar vastgesteld?"),
        reading_signal=(
            "Wat betekent 'het basistakenpakket'?",
            "Artikel 23 verwijst naar het basistakenpakket; wij lezen dat anders dan de dienst.",
        ),
        replies=REPLIES,
        outcome="Afgesproken: een kwartaalrapportage van de doorlooptijden per gemeente.",
        readings=(
            ("zoals_geschreven", "Wij lezen het artikel zoals het er staat."),
            ("eigen_invulling", "Wij houden de bouwtaken zelf; de dienst doet alleen de milieutaken."),
            ("anders", "Volgens ons horen de asbesttaken niet bij het basistakenpakket."),
        ),
        deviation="Wij nemen de vergunningverlening voor bouwactiviteiten vanaf 1 juli weer zelf ter hand.",
        accountability=(
            "De adviezen zouden binnen twee weken komen. Hoe gaat u dat borgen?",
            "We hebben een vaste adviseur per gemeente aangewezen en rapporteren elk kwartaal.",
            "De doorlooptijd bij uw gemeente loopt op. Wat is er nodig om de termijn te halen?",
        ),
        successes=(
            ("Doorlooptijd onder de 50 dagen", "De gemiddelde doorlooptijd daalde onder de 50 dagen."),
            ("Alle hoogrisicobedrijven bezocht", "Dit jaar zijn alle hoogrisicobedrijven bezocht."),
            ("Energiescan voor 200 bedrijven", "Tweehonderd bedrijven kregen een energiescan."),
        ),
        spotlights=("Dank aan de vergunningverleners die de piek na de invoering van de Omgevingswet opvingen.",),
        going_well=("Goed vooroverleg.", "De dienst is bereikbaar."),
        sticking=("De tarieven zijn onduidelijk.", "Kwaliteit en kosten trekken aan elkaar."),
        digest_summary="Meer vergunningen binnen de termijn; het toezicht richt zich op de grootste risico's.",
    ),
    RDWI: Texts(
        ambitions=(
            (
                "Meer inwoners aan het werk",
                "Meer inwoners met een bijstandsuitkering vinden werk dat bij hen past.",
                100,
                200000,
            ),
            ("Bestaanszekerheid", "Inwoners met schulden worden eerder gevonden en geholpen.", 80, 120000),
        ),
        intentions=(
            "Wij willen dat de RDWI inwoners dichtbij helpt en dat onze wijkteams goed samenwerken met de dienst.",
            "Wij willen dat de RDWI inwoners dichtbij helpt.",
        ),
        red_lines=("Het werkplein in onze gemeente blijft open.", "Geen wachtlijst bij de schuldhulpverlening."),
        conditions="Wij gaan door, mits het werkplein open blijft.",
        goals=(
            GoalText(
                "Vroegsignalering van schulden",
                "We vinden inwoners met betalingsachterstanden binnen drie maanden en bieden hulp aan.",
                "Voor {name}: minder inwoners in de problemen.",
            ),
        ),
        cost_signal=("Uitvoeringskosten hoger", "De uitvoeringskosten per uitkering stijgen harder dan verwacht."),
        paying_too_much=(
            "Te veel voor re-integratie",
            "Wij betalen voor re-integratie naar inwonertal, terwijl we minder klanten hebben.",
        ),
        delivery=("Wachttijd bij het werkplein", "De wachttijd bij het werkplein is langer dan afgesproken."),
        concern=("Zorg over de aansluiting met de wijkteams", "De wijkteams weten de dienst nog niet goed te vinden."),
        compliment=("Goede start", "De kennismaking met de klantmanagers was waardevol."),
        other=("Vraag over de planning", "Wanneer komt het werkplan voor dit jaar?"),
        reading_signal=("Wat is 'taakstelling'?", "Artikel 4 spreekt van taakstelling; wij lezen dat anders."),
        replies=REPLIES,
        outcome="Besproken in het ambtelijk overleg.",
        readings=(("zoals_geschreven", "Wij lezen het artikel zoals het er staat."),),
        deviation="Wij houden de schuldhulpverlening voorlopig bij ons eigen wijkteam.",
        accountability=("", "", ""),
        successes=(
            ("Kick-off met alle wijkteams", "Alle wijkteams en klantmanagers kwamen samen om kennis te maken."),
        ),
        spotlights=("Dank aan het kwartiermakersteam voor de goede start.",),
        going_well=("Goede kennismaking.",),
        sticking=("Nog onduidelijk wie waarvoor is.",),
        digest_summary="",
    ),
}


# For the other regelingen of the register (the benchmarks' national data set): words that fit any GR.
GENERIC = Texts(
    ambitions=(
        (
            "Samen de uitvoering op orde",
            "De regeling voert haar taken uit zoals afgesproken, tegen voorspelbare kosten.",
            80,
            50000,
        ),
    ),
    intentions=("Wij willen dat de regeling haar taken goed uitvoert en dat de kosten voorspelbaar blijven.", ""),
    red_lines=("De bijdrage stijgt niet meer dan de index.", "Onze raad besluit over nieuwe taken."),
    conditions="Wij gaan door, mits de kosten elk jaar worden geëvalueerd.",
    goals=(
        GoalText(
            "Taken binnen de begroting uitvoeren",
            "De regeling voert alle afgesproken taken uit binnen de begroting en rapporteert elk kwartaal.",
            "Voor {name}: voorspelbare kosten en een dienstverlening waarop we kunnen rekenen.",
            (ResultText("Afgesproken taken op tijd uitgevoerd", "procent", 70, 95),),
            ("Kwartaalrapportage aanleveren",),
        ),
        GoalText(
            "Heldere verantwoording aan de raden",
            "Elke raad krijgt twee keer per jaar een heldere raadsbrief.",
            "Voor {name}: een raad die weet wat de regeling doet.",
        ),
    ),
    cost_signal=("Kosten hoger dan begroot", "De uitvoeringskosten liggen hoger dan in de begroting."),
    paying_too_much=("Wij betalen te veel", "Onze bijdrage past niet bij wat wij afnemen."),
    delivery=("Levering wijkt af", "De dienstverlening wijkt af van wat is afgesproken."),
    concern=("Zorg over de samenwerking", "Wij merken dat de partners elkaar minder goed weten te vinden."),
    compliment=("Compliment voor de uitvoering", "De uitvoering verliep dit jaar soepel; dank aan het team."),
    other=("Vraag over de planning", "Wanneer komt het jaarplan voor volgend jaar?"),
    reading_signal=("Verschil in lezing", "Wij lezen de taakomschrijving anders dan de directie."),
    replies=REPLIES,
    outcome="Besproken in het ambtelijk overleg.",
    readings=(("zoals_geschreven", "Wij lezen het artikel zoals het er staat."),),
    deviation="Wij voeren deze taak voorlopig zelf uit.",
    accountability=("", "", ""),
    successes=(
        ("Jaarplan op tijd klaar", "Het jaarplan is samen met alle partners opgesteld en op tijd vastgesteld."),
    ),
    spotlights=("Dank aan het team dat de uitvoering dit jaar draaiende hield.",),
    going_well=("Korte lijnen.",),
    sticking=("De kosten komen laat op tafel.",),
    digest_summary="",
)
