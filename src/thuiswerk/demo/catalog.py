"""The fixed material of the demo government: real Flemish entities, Flemish names, equipment,
internet providers and planned initiatives. Sizes and policies are plausible, not official."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class DemoEntity:
    code: str
    name: str
    size: int  # relative headcount (all sizes add up to about 36,500); scaled to --staff
    field_share: float  # share of staff whose work cannot be done at home (roads, ships, care...)
    material: str  # the entity's own material support: "full", "basic" or "none"


ENTITIES: tuple[DemoEntity, ...] = (
    # Kanselarij, Bestuur, Buitenland en Justitie; Financiën en Begroting
    DemoEntity("DKB", "Departement Kanselarij en Buitenland", 480, 0.05, "basic"),
    DemoEntity("AIV", "Agentschap Informatie Vlaanderen", 360, 0.03, "full"),
    DemoEntity("AFB", "Agentschap Facilitair Bedrijf", 1150, 0.35, "basic"),
    DemoEntity("AGO", "Agentschap Overheidspersoneel", 420, 0.05, "full"),
    DemoEntity("ABB", "Agentschap Binnenlands Bestuur", 310, 0.05, "basic"),
    DemoEntity("AUDV", "Audit Vlaanderen", 95, 0.02, "full"),
    DemoEntity("DBRC", "Dienst van de Bestuursrechtscolleges", 120, 0.05, "none"),
    DemoEntity("AJH", "Agentschap Justitie en Handhaving", 980, 0.35, "basic"),
    DemoEntity("DFB", "Departement Financiën en Begroting", 380, 0.05, "full"),
    DemoEntity("VLABEL", "Vlaamse Belastingdienst", 520, 0.05, "full"),
    # Onderwijs en Vorming
    DemoEntity("OV", "Departement Onderwijs en Vorming", 1450, 0.06, "basic"),
    DemoEntity("AGODI", "Agentschap voor Onderwijsdiensten", 430, 0.05, "basic"),
    DemoEntity(
        "AHOVOKS",
        "Agentschap voor Hoger Onderwijs, Volwassenenonderwijs, Kwalificaties en Studietoelagen",
        380,
        0.05,
        "basic",
    ),
    DemoEntity("AGION", "Agentschap voor Infrastructuur in het Onderwijs", 90, 0.05, "none"),
    DemoEntity("VLOR", "Vlaamse Onderwijsraad", 30, 0.03, "none"),
    # Welzijn, Volksgezondheid en Gezin
    DemoEntity("WVG", "Departement Welzijn, Volksgezondheid en Gezin", 560, 0.05, "basic"),
    DemoEntity("AZG", "Agentschap Zorg en Gezondheid", 820, 0.08, "basic"),
    DemoEntity("OPG", "Agentschap Opgroeien", 3100, 0.40, "none"),
    DemoEntity("VAPH", "Vlaams Agentschap voor Personen met een Handicap", 330, 0.05, "basic"),
    DemoEntity("VSB", "Agentschap Vlaamse Sociale Bescherming", 260, 0.05, "basic"),
    DemoEntity("UGP", "Agentschap Uitbetaling Groeipakket", 210, 0.05, "basic"),
    DemoEntity("AII", "Agentschap Integratie en Inburgering", 720, 0.30, "none"),
    # Werk en Sociale Economie; Economie, Wetenschap en Innovatie
    DemoEntity("WSE", "Departement Werk en Sociale Economie", 470, 0.05, "basic"),
    DemoEntity(
        "VDAB", "Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding", 5200, 0.20, "full"
    ),
    DemoEntity("SYNTRA", "Syntra Vlaanderen", 190, 0.05, "basic"),
    DemoEntity("EWI", "Departement Economie, Wetenschap en Innovatie", 260, 0.04, "full"),
    DemoEntity("VLAIO", "Agentschap Innoveren en Ondernemen", 420, 0.05, "full"),
    DemoEntity("FWO", "Fonds Wetenschappelijk Onderzoek - Vlaanderen", 130, 0.03, "basic"),
    DemoEntity("FIT", "Flanders Investment & Trade", 430, 0.10, "basic"),
    # Cultuur, Jeugd en Media; Sport; Toerisme
    DemoEntity("CJM", "Departement Cultuur, Jeugd en Media", 460, 0.05, "basic"),
    DemoEntity("SPV", "Sport Vlaanderen", 820, 0.55, "none"),
    DemoEntity("TVL", "Toerisme Vlaanderen", 230, 0.10, "basic"),
    DemoEntity("LITV", "Literatuur Vlaanderen", 25, 0.0, "none"),
    DemoEntity("VRM", "Vlaamse Regulator voor de Media", 22, 0.0, "none"),
    DemoEntity("KMSKA", "Koninklijk Museum voor Schone Kunsten Antwerpen", 110, 0.45, "none"),
    # Mobiliteit en Openbare Werken
    DemoEntity("MOW", "Departement Mobiliteit en Openbare Werken", 520, 0.10, "basic"),
    DemoEntity("AWV", "Agentschap Wegen en Verkeer", 2650, 0.35, "basic"),
    DemoEntity("MDK", "Agentschap Maritieme Dienstverlening en Kust", 1250, 0.50, "basic"),
    DemoEntity("LOODS", "DAB Loodswezen", 640, 0.90, "none"),
    DemoEntity("DVW", "De Vlaamse Waterweg", 1500, 0.45, "basic"),
    # Omgeving; Landbouw en Visserij
    DemoEntity("OMG", "Departement Omgeving", 1350, 0.08, "full"),
    DemoEntity("ANB", "Agentschap voor Natuur en Bos", 920, 0.45, "basic"),
    DemoEntity("VMM", "Vlaamse Milieumaatschappij", 1050, 0.15, "full"),
    DemoEntity("OVAM", "Openbare Vlaamse Afvalstoffenmaatschappij", 410, 0.08, "full"),
    DemoEntity("VLM", "Vlaamse Landmaatschappij", 620, 0.20, "basic"),
    DemoEntity("AOE", "Agentschap Onroerend Erfgoed", 460, 0.15, "basic"),
    DemoEntity("INBO", "Instituut voor Natuur- en Bosonderzoek", 360, 0.25, "basic"),
    DemoEntity("VEKA", "Vlaams Energie- en Klimaatagentschap", 210, 0.04, "full"),
    DemoEntity("VREG", "Vlaamse Regulator van de Elektriciteits- en Gasmarkt", 75, 0.02, "full"),
    DemoEntity("WIV", "Agentschap Wonen in Vlaanderen", 330, 0.05, "basic"),
    DemoEntity("VMSW", "Vlaamse Maatschappij voor Sociaal Wonen", 420, 0.10, "basic"),
    DemoEntity("DLV", "Departement Landbouw en Visserij", 720, 0.12, "basic"),
    DemoEntity(
        "ILVO", "Instituut voor Landbouw-, Visserij- en Voedingsonderzoek", 760, 0.45, "none"
    ),
    DemoEntity("APM", "Agentschap Plantentuin Meise", 210, 0.50, "none"),
    # Strategic advisory councils and small bodies
    DemoEntity("SERV", "Sociaal-Economische Raad van Vlaanderen", 60, 0.02, "full"),
    DemoEntity("MINA", "Minaraad", 14, 0.0, "none"),
    DemoEntity("SALV", "Strategische Adviesraad voor Landbouw en Visserij", 8, 0.0, "none"),
    DemoEntity(
        "SARO", "Strategische Adviesraad Ruimtelijke Ordening - Onroerend Erfgoed", 7, 0.0, "none"
    ),
    DemoEntity(
        "SARWGG", "Strategische Adviesraad voor Welzijn, Gezondheid en Gezin", 9, 0.0, "none"
    ),
    DemoEntity("MORA", "Mobiliteitsraad van Vlaanderen", 8, 0.0, "none"),
    DemoEntity(
        "SARC", "Strategische Adviesraad voor Cultuur, Jeugd, Sport en Media", 7, 0.0, "none"
    ),
    DemoEntity("VARIO", "Vlaamse Adviesraad voor Innoveren en Ondernemen", 6, 0.0, "none"),
    DemoEntity("SARIV", "Strategische Adviesraad voor Internationaal Vlaanderen", 5, 0.0, "none"),
    DemoEntity("VLABEST", "Vlaamse Adviesraad voor Bestuurszaken", 5, 0.0, "none"),
    DemoEntity("VWR", "Vlaamse Woonraad", 6, 0.0, "none"),
    DemoEntity(
        "VTC", "Vlaamse Toezichtcommissie voor de verwerking van persoonsgegevens", 10, 0.0, "none"
    ),
)

FIRST_NAMES: tuple[str, ...] = (
    "Jan", "Peter", "Tom", "Koen", "Bart", "Wim", "Pieter", "Stijn", "Dirk", "Luc",
    "Johan", "Filip", "Kristof", "Jeroen", "Joris", "Geert", "Steven", "Sven", "Thomas", "Jonas",
    "Lucas", "Arne", "Wout", "Ruben", "Maarten", "Hans", "Marc", "Patrick", "Frederik", "Bram",
    "Thijs", "Lars", "Senne", "Vincent", "Nick", "Dries", "Yannick", "Olivier", "Mathias", "Jef",
    "Mohamed", "Youssef", "Ahmed", "Mehmet", "Emre", "Rachid", "Nicolas", "Frédéric", "Stéphane",
    "Benoît", "An", "Els", "Inge", "Katrien", "Sofie", "Ilse", "Veerle", "Griet", "Hilde",
    "Leen", "Lies", "Nathalie", "Evelien", "Annelies", "Sarah", "Lotte", "Eline", "Marieke",
    "Hanne", "Joke", "Kim", "Nele", "Tine", "Ann", "Greet", "Marleen", "Caroline", "Charlotte",
    "Emma", "Julie", "Laura", "Elke", "Fien", "Lien", "Saar", "Febe", "Zoë", "Chloë", "Noémie",
    "Fatima", "Samira", "Nadia", "Amina", "Yasmina", "Elif", "Ayşe", "Hélène", "Sandrine",
    "Mieke", "Ellen",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Hermans", "Aerts", "Lambrechts", "Dumont", "Pauwels",
    "Vermeulen", "Michiels", "Van den Broeck", "Verhaegen", "De Clercq", "Martens", "Cools",
    "Van Damme", "Desmet", "Claeys", "Coppens", "Smets", "Verstraete", "Van de Velde",
    "Vandenberghe", "Declercq", "De Vos", "Van Acker", "Segers", "Bogaerts", "Verbeke", "Stevens",
    "Leemans", "De Backer", "Van Hecke", "Vanhove", "De Meyer", "Geerts", "Van Dyck", "Hendrickx",
    "Verhoeven", "Van Laere", "De Wilde", "Mahieu", "Roels", "Van Looy", "Wuyts", "Lemmens",
    "Thys", "Heylen", "Verlinden", "Van Rompaey", "Deprez", "Van Goethem", "Nys", "Beerens",
    "De Ridder", "Vervoort", "Van Hoof", "Schepens", "Van der Linden", "De Cock", "Geeraerts",
    "Vandamme", "Van Parys", "Depuydt", "Vanderstraeten", "Callens", "Demeulemeester", "Lauwers",
    "Sels", "Van Belle", "Moens", "Baert", "Verschueren", "Meeus", "Huysmans", "Gevaert",
    "Vandenbussche", "D'hondt", "Van Camp", "Verheyen", "Dewulf", "Van Gucht", "Cuypers",
    "El Amrani", "Benali", "Yilmaz", "Kaya", "Öztürk", "Bouzid", "Lefèvre", "Dupont", "Müller",
)  # fmt: skip

# Internet providers of the third-party payer, with a typical monthly price in 2021 (EUR) and
# the relative number of staff who chose each.
PROVIDERS: tuple[tuple[str, Decimal, int], ...] = (
    ("Proximus", Decimal("49.99"), 40),
    ("Telenet", Decimal("52.00"), 34),
    ("Orange", Decimal("42.00"), 12),
    ("Scarlet", Decimal("31.00"), 8),
    ("EDPnet", Decimal("44.99"), 4),
    ("Mobile Vikings", Decimal("35.00"), 2),
)

# Yearly price changes of the providers (Belgian telecom prices follow the index in January).
PRICE_INDEX: dict[int, Decimal] = {
    2021: Decimal("1.000"),
    2022: Decimal("1.025"),
    2023: Decimal("1.095"),
    2024: Decimal("1.125"),
    2025: Decimal("1.150"),
    2026: Decimal("1.170"),
}


@dataclass(frozen=True)
class EquipmentItem:
    item: str
    category: str
    prices: tuple[str, ...]
    ownership: str  # "loan", "gift", or "either"
    inventoried: bool  # loans carry an inventory number in the item name


EQUIPMENT: dict[str, EquipmentItem] = {
    "headset": EquipmentItem(
        "Headset met ruisonderdrukking",
        "headset",
        ("59.00", "79.95", "99.00", "129.00"),
        "gift",
        False,
    ),
    "screen": EquipmentItem(
        "Beeldscherm 24 inch", "screen", ("149.00", "169.95", "189.00", "219.00"), "loan", True
    ),
    "screen27": EquipmentItem(
        "Beeldscherm 27 inch USB-C", "screen", ("239.00", "269.00", "299.00"), "loan", True
    ),
    "chair": EquipmentItem(
        "Bureaustoel ergonomisch", "chair", ("229.00", "289.00", "349.00", "449.00"), "either", True
    ),
    "desk": EquipmentItem(
        "Zit-sta bureau elektrisch", "desk", ("349.00", "429.00", "549.00", "599.00"), "loan", True
    ),
    "laptop": EquipmentItem(
        "Laptop 14 inch", "laptop", ("849.00", "999.00", "1149.00", "1349.00"), "loan", True
    ),
    "docking": EquipmentItem(
        "Dockingstation USB-C", "other", ("149.00", "189.00", "229.00"), "loan", True
    ),
    "keyboard": EquipmentItem(
        "Toetsenbord en muis – draadloos", "other", ("39.00", "49.95", "69.00"), "gift", False
    ),
    "footrest": EquipmentItem("Voetensteun", "other", ("24.95", "34.50"), "gift", False),
    "laptopstand": EquipmentItem("Laptopstandaard", "other", ("29.95", "39.95"), "gift", False),
}

# What a teleworker of an entity with this policy is offered: (item key, share who take it).
MATERIAL_POLICIES: dict[str, tuple[tuple[str, float], ...]] = {
    "full": (
        ("headset", 0.85),
        ("screen", 0.80),
        ("screen27", 0.45),
        ("chair", 0.55),
        ("desk", 0.12),
        ("docking", 0.40),
        ("keyboard", 0.30),
        ("footrest", 0.08),
    ),
    "basic": (("headset", 0.60), ("screen", 0.60)),
    "none": (),
}


# The web catalog every demo entity starts with: (item key, maximum per employee). Items its
# material policy does not offer are in the catalog but not offered (HR can switch them on).
CATALOG: tuple[tuple[str, int], ...] = (
    ("chair", 1),
    ("screen", 2),
    ("headset", 1),
    ("laptopstand", 1),
    ("keyboard", 1),
    ("docking", 1),
)


@dataclass(frozen=True)
class CatalogEntry:
    name: str
    category: str
    unit_cost: Decimal
    max_per_employee: int
    ownership: str
    active: bool


def catalog_of(entity: DemoEntity) -> list[CatalogEntry]:
    """The demo catalog of an entity: the usual price of each item, a loan where it may be both."""
    offered = {key for key, _ in MATERIAL_POLICIES[entity.material]}
    entries = []
    for key, maximum in CATALOG:
        item = EQUIPMENT[key]
        ownership = "loan" if item.ownership == "either" else item.ownership
        active = entity.material == "full" or key in offered
        entries.append(
            CatalogEntry(
                item.item, item.category, Decimal(item.prices[0]), maximum, ownership, active
            )
        )
    return entries


@dataclass(frozen=True)
class InitiativeTemplate:
    kind: str
    title: str
    motivation: str
    months: int
    budget_per_head: Decimal


# AIV's plans, as an answer to questions 3 and 4 could state them.
AIV_INITIATIVES: tuple[InitiativeTemplate, ...] = (
    InitiativeTemplate(
        "material",
        "Tweede beeldscherm en dockingstation voor elke thuiswerker",
        "Uit de bevraging van het personeel in 2023 blijkt dat een op drie thuiswerkers met "
        "één scherm werkt; een tweede scherm en een dockingstation verhogen de kwaliteit van "
        "het werk thuis en beperken klachten over nek en rug.",
        6,
        Decimal("240"),
    ),
    InitiativeTemplate(
        "financial",
        "Derdebetalersregeling uitbreiden naar mobiel internet",
        "Personeelsleden zonder vaste internetaansluiting (bv. jonge collega's die een "
        "studio huren) kunnen vandaag geen gebruik maken van de derdebetalersregeling; een "
        "mobiel abonnement maakt de tussenkomst toegankelijk voor iedereen.",
        12,
        Decimal("90"),
    ),
)

# Plans that other entities file (material for those without their own material support).
OTHER_INITIATIVES: tuple[InitiativeTemplate, ...] = (
    InitiativeTemplate(
        "material",
        "Ergonomisch thuiswerkpakket",
        "De entiteit heeft tot nu toe geen eigen materiële ondersteuning; de preventieadviseur "
        "raadt een bureaustoel en een extern beeldscherm aan voor wie structureel thuiswerkt.",
        12,
        Decimal("380"),
    ),
    InitiativeTemplate(
        "material",
        "Uitleendienst voor beeldschermen en headsets",
        "Een centrale uitleendienst laat toe om materiaal opnieuw in te zetten wanneer "
        "personeelsleden vertrekken of van werkpatroon veranderen.",
        9,
        Decimal("150"),
    ),
    InitiativeTemplate(
        "financial",
        "Informatiecampagne thuiswerkvergoeding",
        "Niet alle personeelsleden die structureel thuiswerken, hebben een goedgekeurde "
        "telewerkovereenkomst en ontvangen daardoor geen vergoeding.",
        3,
        Decimal("4"),
    ),
    InitiativeTemplate(
        "financial",
        "Evaluatie van de derdebetalersregeling",
        "De facturen van de providers stijgen sneller dan de forfaitaire vergoeding; een "
        "evaluatie moet uitwijzen of de regeling voor de entiteit en het personeel voordelig "
        "blijft.",
        6,
        Decimal("8"),
    ),
)
