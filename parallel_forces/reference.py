"""Every fixed fact the analyses use, defined once: who the permanent members are, the
words that name a state, the region of each country, country names, the organizations'
members, and the numbers the report prints. Nothing here depends on a convention.

Facts from outside the seed texts are marked as such, with where they come from.
"""

from __future__ import annotations

import pycountry

# --- the Security Council -------------------------------------------------------------

#: The five permanent members (UN Charter, Article 23).
P5 = ("China", "France", "Russia", "United Kingdom", "United States")

#: Words that name a state in an Annex cell (actors) or in the Council's words.
STATE_WORDS = {
    "China": ("China", "Chinese"),
    "France": ("France", "French"),
    "Russia": ("Russian Federation", "Russia", "Russian"),
    "United Kingdom": ("United Kingdom", "UK", "British"),
    "United States": ("United States", "US", "U.S."),
    "Australia": ("Australia",),
    "Netherlands": ("Netherlands", "Dutch"),
    "Portugal": ("Portugal",),
    "New Zealand": ("New Zealand",),
    "Malaysia": ("Malaysia",),
}

#: A member state an organization's force is credited to where the report itself does
#: so: the body (section "Legal Authority") says the Council named Russia for the CIS
#: force in Georgia.
ORG_STATES = {"CIS": ("Russia",)}

# --- places -----------------------------------------------------------------------------

#: UN M49 region and sub-region ("Standard country or area codes for statistical use") of
#: each country of deployment in the data (outside knowledge: the UN Statistics Division's
#: M49 list). Kosovo is coded SRB in the data (see data/README.md).
M49 = {
    "AFG": ("Asia", "Southern Asia"),
    "BIH": ("Europe", "Southern Europe"),
    "CAF": ("Africa", "Middle Africa"),
    "CIV": ("Africa", "Western Africa"),
    "COD": ("Africa", "Middle Africa"),
    "GEO": ("Asia", "Western Asia"),
    "HTI": ("Americas", "Caribbean"),
    "IRQ": ("Asia", "Western Asia"),
    "LBR": ("Africa", "Western Africa"),
    "MLI": ("Africa", "Western Africa"),
    "RWA": ("Africa", "Eastern Africa"),
    "SLE": ("Africa", "Western Africa"),
    "SOM": ("Africa", "Eastern Africa"),
    "SRB": ("Europe", "Southern Europe"),
    "TCD": ("Africa", "Middle Africa"),
    "TJK": ("Asia", "Central Asia"),
    "TLS": ("Asia", "South-eastern Asia"),
    "BFA": ("Africa", "Western Africa"),
    "MRT": ("Africa", "Western Africa"),
    "NER": ("Africa", "Western Africa"),
}
REGION_ORDER = ("Africa", "Asia", "Europe", "Americas", "Oceania")


def region(iso3: str) -> str:
    """The M49 region of a country of deployment; a KeyError names a code with none."""
    try:
        return M49[iso3][0]
    except KeyError:
        raise KeyError(f"Country {iso3!r} has no region in parallel_forces.reference.M49.") from None


def subregion(iso3: str) -> str:
    return M49[iso3][1]


#: Short names where the ISO 3166-1 name is long or inverted.
SHORT_NAMES = {"COD": "DR Congo", "SRB": "Serbia (incl. Kosovo)", "CIV": "Côte d’Ivoire"}
#: Countries whose name takes "the" in running text.
WITH_ARTICLE = frozenset({"CAF", "COD"})


def country_name(iso3: str) -> str:
    """A short English name: ``SHORT_NAMES``, else pycountry's common or ISO name."""
    if iso3 in SHORT_NAMES:
        return SHORT_NAMES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise ValueError(f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
    return getattr(country, "common_name", None) or country.name


def country_in_prose(iso3: str) -> str:
    """The country's name as a sentence uses it ("the Central African Republic")."""
    name = country_name(iso3)
    return f"the {name}" if iso3 in WITH_ARTICLE else name


def iso_numeric(iso3: str) -> str:
    """ISO 3166-1 numeric code ("004") of an alpha-3 code; ValueError if unknown."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise ValueError(f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
    return country.numeric


# --- leads -------------------------------------------------------------------------------

#: African states and organizations that lead forces ("the African Union and subregional
#: organizations in Africa").
AFRICAN_LEADS = ("AU", "ECOWAS", "ECCAS", "G5 Sahel")
#: The continent of each lead; a lead missing here stops a check that needs it.
LEAD_REGION = {
    "France": "Europe",
    "United Kingdom": "Europe",
    "Netherlands": "Europe",
    "United States": "North America",
    "Australia": "Oceania",
    "NATO": "Europe and North America",
    "EU": "Europe",
    "AU": "Africa",
    "ECOWAS": "Africa",
    "ECCAS": "Africa",
    "G5 Sahel": "Africa",
    "CIS": "Eurasia",
    "Russia": "Eurasia",
    "China": "Asia",
    "India": "Asia",
    "Brazil": "Latin America",
}
#: Members of the organizations that lead forces, among the countries in the data (outside
#: knowledge: the Annex does not list members). NATO and the EU have none of them.
MEMBERS = {
    "AU": frozenset(c for c, (r, _) in M49.items() if r == "Africa"),
    "ECOWAS": frozenset({"LBR", "SLE", "CIV", "MLI", "BFA", "NER"}),
    "ECCAS": frozenset({"CAF", "TCD", "COD"}),
    "G5 Sahel": frozenset({"MLI", "BFA", "TCD", "MRT", "NER"}),
    "CIS": frozenset({"GEO", "TJK"}),
    "NATO": frozenset(),
    "EU": frozenset(),
}
#: Asian and Latin American states and groupings looked for among contributors.
ASIAN_LATAM_STATES = (
    "Association of Southeast Asian Nations",
    "Bangladesh",
    "Brazil",
    "China",
    "India",
    "Indonesia",
    "Japan",
    "Malaysia",
    "Nepal",
    "Pakistan",
    "Philippines",
    "Singapore",
    "Thailand",
    "Argentina",
    "Chile",
    "Uruguay",
)

# --- what the report prints ------------------------------------------------------------

#: The countries the report names as hosting a parallel force "as of September 2019"
#: (Afghanistan, the Central African Republic, Iraq, Kosovo, Mali and Somalia), in the
#: data's codes (IPI 2019, its section on the context of parallel forces).
REPORT_ONGOING_COUNTRIES = ("AFG", "CAF", "IRQ", "SRB", "MLI", "SOM")
#: The month the report describes ("As of September 2019").
REPORT_MONTH = "2019-09"
#: The report's average duration ("an average duration of seven years").
REPORT_MEAN_DURATION_YEARS = 7
#: The report's count ("more than forty parallel forces").
REPORT_FORCES_MORE_THAN = 40

#: Where the Cold War ends: the two reasonable dates (the book's is a convention).
COLD_WAR_ENDS = {"1989-11": "fall of the Berlin Wall", "1991-12": "dissolution of the USSR"}
