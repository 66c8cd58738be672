"""Entity mentions (kg.entities): long tables of "this text gives these mentions".

Each row is a few paragraphs written for the purpose (other years, ECOSOC and Security Council
styles, historical State names, hyphen variants, nesting, short forms, defined abbreviations,
dates, places) and every mention they should give, as (where, notation, text). Rows compare
the mention types they name (all but dates unless a row says otherwise).
"""

from __future__ import annotations

import pytest

from kg.entities import find_mentions
from kg.record import record_from_paragraphs

NAMES = ("instrument", "body", "crime_category", "member_state", "place")


def mentions_of(paragraphs, types=NAMES, **record):
    rec = record_from_paragraphs(paragraphs, **record)
    found = find_mentions(rec)
    for m in found:
        assert rec.normalised[m.span[0]:m.span[1]] == m.text, f"span {m.span} does not hold {m.text!r}"
    return [(m.where, m.notation, m.text) for m in found if m.type in types]


def check(paragraphs, expected, types=NAMES, **record):
    got = mentions_of(paragraphs, types, **record)
    missing = [m for m in expected if m not in got]
    extra = [m for m in got if m not in expected]
    assert not missing and not extra, f"missing {missing}, extra {extra}"


# -- names, longest match, nesting ---------------------------------------------------------------

NAMED = [
    pytest.param(
        ["Recalling the United Nations Convention against Transnational Organized Crime,"],
        [("PP1", "UNTOC", "United Nations Convention against Transnational Organized Crime")],
        id="full-name-of-a-convention"),
    pytest.param(
        ["Urges States to ratify the Convention against Transnational Organized Crime and the UNCAC,"],
        [("PP1", "UNTOC", "Convention against Transnational Organized Crime"), ("PP1", "UNCAC", "UNCAC")],
        id="name-without-united-nations-and-an-abbreviation"),
    pytest.param(
        ["Urges States parties to the Organized Crime Convention to implement it,"],
        [("PP1", "UNTOC", "Organized Crime Convention")],
        id="the-organized-crime-convention-named-first"),
    pytest.param(
        [("OP3", "Requests the Conference of the Parties to the United Nations Convention against "
                 "Transnational Organized Crime to continue its work;")],
        [("OP3", "COP-UNTOC", "Conference of the Parties to the United Nations Convention against "
                              "Transnational Organized Crime")],
        id="convention-nested-in-its-conference-is-no-second-mention"),
    pytest.param(
        ["Welcoming the entry into force of the Protocol against the Smuggling of Migrants by Land, Sea "
         "and Air, supplementing the United Nations Convention against Transnational Organized Crime,"],
        [("PP1", "SOM-PROTOCOL", "Protocol against the Smuggling of Migrants by Land, Sea and Air, "
                                 "supplementing the United Nations Convention against Transnational Organized Crime")],
        id="protocol-supplementing-the-convention-is-one-name"),
    pytest.param(
        ["Noting the Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts, "
         "and Components and Ammunition,"],
        [("PP1", "FIREARMS-PROTOCOL", "Protocol against the Illicit Manufacturing of and Trafficking in "
                                      "Firearms, Their Parts, and Components and Ammunition")],
        id="a-stray-comma-inside-a-name"),
    pytest.param(
        ["Recalling the Convention against Corruption, and concerned about corruption,"],
        [("PP1", "UNCAC", "Convention against Corruption"), ("PP1", "corruption", "corruption")],
        id="crime-word-inside-a-name-is-not-a-category"),
    pytest.param(
        [("OP5", "Invites the United Nations Office on Drugs and Crime and the Commission on Narcotic Drugs "
                 "to cooperate with the International Narcotics Control Board;")],
        [("OP5", "UNODC", "United Nations Office on Drugs and Crime"),
         ("OP5", "CND", "Commission on Narcotic Drugs"), ("OP5", "INCB", "International Narcotics Control Board")],
        id="bodies-of-the-drug-control-system"),
    pytest.param(
        [("OP2", "Requests the Security Council Committee established pursuant to resolution 1373 (2001) "
                 "concerning counter-terrorism to continue its dialogue with the Security Council;")],
        [("OP2", "CTC", "Security Council Committee established pursuant to resolution 1373 (2001) "
                        "concerning counter-terrorism"), ("OP2", "SC", "Security Council")],
        id="security-council-nested-in-its-committee"),
    pytest.param(
        ["Recalling the Single Convention on Narcotic Drugs of 1961 as amended by the 1972 Protocol, the "
         "Convention on Psychotropic Substances of 1971 and the United Nations Convention against Illicit "
         "Traffic in Narcotic Drugs and Psychotropic Substances of 1988,"],
        [("PP1", "SINGLE-CONVENTION-1961", "Single Convention on Narcotic Drugs of 1961 as amended by the 1972 Protocol"),
         ("PP1", "PSYCHOTROPIC-1971", "Convention on Psychotropic Substances of 1971"),
         ("PP1", "TRAFFIC-1988", "United Nations Convention against Illicit Traffic in Narcotic Drugs and "
                                 "Psychotropic Substances of 1988")],
        id="the-three-drug-control-conventions"),
    pytest.param(
        ["Welcoming the adoption of the United Nations Convention against Cybercrime and the entry into "
         "force of the Arms Trade Treaty,"],
        [("PP1", "CYBERCRIME-CONVENTION", "United Nations Convention against Cybercrime"),
         ("PP1", "ATT", "Arms Trade Treaty")],
        id="treaties-of-later-years"),
    pytest.param(
        ["Recalling the United Nations Standard Minimum Rules for Non-custodial Measures (the Tokyo Rules), "
         "the Riyadh Guidelines and the Beijing Rules,"],
        [("PP1", "TOKYO-RULES", "United Nations Standard Minimum Rules for Non-custodial Measures"),
         ("PP1", "TOKYO-RULES", "Tokyo Rules"), ("PP1", "RIYADH-GUIDELINES", "Riyadh Guidelines"),
         ("PP1", "BEIJING-RULES", "Beijing Rules")],
        id="standards-and-norms-by-their-city-names"),
    pytest.param(
        ["Welcoming the Kyoto Declaration on Advancing Crime Prevention, Criminal Justice and the Rule of Law: "
         "Towards the Achievement of the 2030 Agenda for Sustainable Development, adopted in Kyoto,"],
        [("PP1", "KYOTO-DECLARATION", "Kyoto Declaration on Advancing Crime Prevention, Criminal Justice and "
                                      "the Rule of Law: Towards the Achievement of the 2030 Agenda for Sustainable Development"),
         ("PP1", "KYOTO", "Kyoto")],
        id="declaration-named-for-a-city-and-the-city"),
    pytest.param(
        ["Looking forward to the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice, "
         "to be held in Abu Dhabi,"],
        [("PP1", "CONGRESS-15", "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice"),
         ("PP1", "ABU-DHABI", "Abu Dhabi")],
        id="fifteenth-congress-and-its-venue"),
    pytest.param(
        ["Recalling the Eighth United Nations Congress on the Prevention of Crime and the Treatment of Offenders,"],
        [("PP1", "CONGRESS-8", "Eighth United Nations Congress on the Prevention of Crime and the Treatment of Offenders")],
        id="earlier-congresses-under-their-old-name"),
    pytest.param(
        [("OP1", "Requests the Economic and Social Council and the Human Rights Council to consider the "
                 "report of the Secretary-General;")],
        [("OP1", "ECOSOC", "Economic and Social Council"), ("OP1", "HRC", "Human Rights Council"),
         ("OP1", "SG", "Secretary-General")],
        id="organs-and-the-secretary-general"),
    pytest.param(
        [("OP4", "Encourages cooperation with INTERPOL, the United Nations Interregional Crime and Justice "
                 "Research Institute and the United Nations Office of Counter-Terrorism;")],
        [("OP4", "INTERPOL", "INTERPOL"),
         ("OP4", "UNICRI", "United Nations Interregional Crime and Justice Research Institute"),
         ("OP4", "UNOCT", "United Nations Office of Counter-Terrorism")],
        id="partners-of-the-office"),
    pytest.param(
        ["Recalling the Human Rights Commission and the Commission on Human Rights,"],
        [("PP1", "CHR", "Human Rights Commission"), ("PP1", "CHR", "Commission on Human Rights")],
        id="two-names-of-the-former-commission"),
    pytest.param(
        ["Recalling the United Nations Convention against Transnational Organized Crime10 and the Protocols thereto,11"],
        [("PP1", "UNTOC", "United Nations Convention against Transnational Organized Crime"),
         ("PP1", "FIREARMS-PROTOCOL", "the Protocols thereto"), ("PP1", "SOM-PROTOCOL", "the Protocols thereto"),
         ("PP1", "TIP-PROTOCOL", "the Protocols thereto")],
        id="footnote-markers-glued-to-a-name-are-not-part-of-it"),
]


@pytest.mark.parametrize("paragraphs,expected", NAMED)
def test_names_give_one_mention_each_and_nested_names_none(paragraphs, expected):
    check(paragraphs, expected)


# -- crime categories -----------------------------------------------------------------------------

CRIMES = [
    pytest.param(["Concerned about money laundering and money-laundering,"],
                 [("PP1", "money-laundering", "money laundering"), ("PP1", "money-laundering", "money-laundering")],
                 id="money-laundering-with-and-without-hyphen"),
    pytest.param(["Concerned about the laundering of the proceeds of corruption,"],
                 [("PP1", "money-laundering", "laundering"), ("PP1", "corruption", "proceeds of corruption")],
                 id="laundering-of-proceeds"),
    pytest.param(["Alarmed by identity related crimes, cyber-crime and human trafficking,"],
                 [("PP1", "identity-related crime", "identity related crimes"),
                  ("PP1", "cybercrime", "cyber-crime"), ("PP1", "trafficking in persons", "human trafficking")],
                 id="hyphen-and-plural-variants"),
    pytest.param(["Concerned by the financing of terrorism and by acts of terrorism,"],
                 [("PP1", "financing of terrorism", "financing of terrorism"),
                  ("PP1", "terrorism", "acts of terrorism")],
                 id="financing-of-terrorism-is-not-also-terrorism"),
    pytest.param(["Expressing its grave concern at organized crime, including smuggling of and trafficking in "
                  "human beings, narcotic drugs and small arms and light weapons,"],
                 [("PP1", "transnational organized crime", "organized crime"),
                  ("PP1", "smuggling of migrants", "human beings"),
                  ("PP1", "trafficking in persons", "trafficking in human beings"),
                  ("PP1", "drug trafficking", "narcotic drugs"),
                  ("PP1", "illicit trade in small arms and light weapons", "small arms and light weapons")],
                 id="coordinated-heads-and-objects"),
    pytest.param([("OP7", "Calls upon States to criminalize illicit trafficking in wildlife and in hazardous waste;")],
                 [("OP7", "wildlife crime", "illicit trafficking in wildlife"),
                  ("OP7", "hazardous waste trafficking", "hazardous waste")],
                 id="repeated-preposition-in-a-coordination"),
    pytest.param(["Concerned about transnational organized crime committed at sea and piracy,"],
                 [("PP1", "transnational organized crime", "transnational organized crime"),
                  ("PP1", "crime at sea", "crime committed at sea"), ("PP1", "piracy", "piracy")],
                 id="crime-terms-sharing-a-word-both-stand"),
    pytest.param(["Condemning the gender-related killing of women and girls and all violence against women,"],
                 [("PP1", "gender-related killing of women and girls", "gender-related killing of women and girls"),
                  ("PP1", "violence against women and girls", "violence against women")],
                 id="violence-against-women"),
    pytest.param(["Concerned at the use of new information technologies to abuse and exploit children and at "
                  "trafficking in cultural property,"],
                 [("PP1", "child sexual exploitation", "use of new information technologies to abuse and exploit children"),
                  ("PP1", "trafficking in cultural property", "trafficking in cultural property")],
                 id="emerging-policy-issues"),
    pytest.param(["Recalling the work of the International Consortium on Combating Wildlife Crime and the "
                  "Special Rapporteur on trafficking in persons, especially women and children,"],
                 [("PP1", "ICCWC", "International Consortium on Combating Wildlife Crime"),
                  ("PP1", "SR-TIP", "Special Rapporteur on trafficking in persons, especially women and children")],
                 id="crime-words-in-body-names-are-not-categories"),
    pytest.param(["Noting that organized criminal groups and terrorist groups benefit from illicit financial flows,"],
                 [("PP1", "illicit financial flows", "illicit financial flows")],
                 id="actors-are-not-crimes"),
]


@pytest.mark.parametrize("paragraphs,expected", CRIMES)
def test_crime_categories_in_running_text(paragraphs, expected):
    check(paragraphs, expected)


# -- names the vocabulary lacks: crime words, short forms and organs inside them -------------------

UNLISTED_NAMES = [
    pytest.param((["Welcoming the Regional Action Plan against Human Trafficking and Migrant Smuggling, and "
                  "concerned about human trafficking,"],
                 [("PP1", "trafficking in persons", "human trafficking")]),
                 id="crime-words-in-title-case-belong-to-a-name"),
    pytest.param((["Noting the Global Report on Corruption in Sport and the Anti-Fraud Framework, and "
                  "resolved to fight corruption and fraud,"],
                 [("PP1", "corruption", "corruption"), ("PP1", "fraud", "fraud")]),
                 id="one-capitalised-crime-word-inside-a-title"),
    pytest.param((["Recognizing that: Corruption undermines the rule of law,"],
                 [("PP1", "corruption", "Corruption")]),
                 id="a-capital-opening-a-sentence-is-no-title"),
    pytest.param((["Recalling the Initiative against Trafficking in Persons, Especially Women and Children,"],
                 []),
                 id="no-coordinated-object-is-read-inside-a-title"),
    pytest.param(([("PP1", "Recalling the Convention on the Rights of the Child,"),
                  ("PP2", "Noting the work of the Convention on Road Traffic and of the Committee on "
                          "World Food Security,")],
                 [("PP1", "CRC", "Convention on the Rights of the Child")]),
                 id="a-short-form-heading-a-longer-title-is-another-name"),
    pytest.param(([("OP1", "Requests the United Nations Office on Drugs and Crime to report;"),
                  ("OP2", "Welcomes the cooperation of the Office of the Special Envoy on Road Safety;")],
                 [("OP1", "UNODC", "United Nations Office on Drugs and Crime")]),
                 id="the-office-of-someone-else"),
    pytest.param(([("PP1", "Recalling the United Nations Convention against Transnational Organized Crime,"),
                  ("PP2", "Welcoming the work of the Conference of the Parties at its eleventh session,")],
                 [("PP1", "UNTOC", "United Nations Convention against Transnational Organized Crime"),
                  ("PP2", "COP-UNTOC", "Conference of the Parties")]),
                 id="the-conference-of-the-parties-stays-a-short-form"),
    pytest.param((["Recalling the Protocol of 2014 to the Forced Labour Convention, 1930, and the Convention on the "
                  "Reduction of Statelessness,"],
                 [("PP1", "ILO-29-PROTOCOL", "Protocol of 2014 to the Forced Labour Convention, 1930"),
                  ("PP1", "STATELESSNESS-CONVENTION", "Convention on the Reduction of Statelessness")]),
                 id="instruments-whose-names-hold-other-names"),
    pytest.param((["Noting the work of the Committee on the Elimination of Discrimination against Women and of the "
                  "Special Rapporteur on the sale, sexual exploitation and sexual abuse of children,"],
                 [("PP1", "CEDAW-COMMITTEE", "Committee on the Elimination of Discrimination against Women"),
                  ("PP1", "SR-SALE-OF-CHILDREN", "Special Rapporteur on the sale, sexual exploitation and sexual "
                                                 "abuse of children")]),
                 id="a-treaty-body-and-a-mandate-named-whole"),
    pytest.param((["Taking note of the decision adopted by the General Assembly of the International Criminal Police "
                  "Organization and welcomed by the Secretary-General of the World Tourism Organization,"],
                 [("PP1", "INTERPOL", "International Criminal Police Organization"),
                  ("PP1", "UNWTO", "World Tourism Organization")]),
                 id="organs-of-other-organisations-are-not-the-united-nations-own"),
    pytest.param(([("OP1", "Requests the Fifth Committee of the General Assembly to consider the matter;")],
                 [("OP1", "GA-FIFTH-COMMITTEE", "Fifth Committee"), ("OP1", "GA", "General Assembly")]),
                 id="a-committee-of-its-own-assembly-stays"),
    pytest.param(([("PP1", "Recalling the work of the Commission on the Status of Women,"),
                  ("PP2", "Noting the report of the Special Rapporteur,"),
                  ("OP1", "Takes note of the reports submitted to the Council;")],
                 [("PP1", "CSW", "Commission on the Status of Women"),
                  ("FN1", "ECOSOC", "Economic and Social Council")],
                 {"footnotes": {1: ("Official Records of the Economic and Social Council, 2020, Supplement No. 7.",
                                    ["PP2"])}}),
                 id="far-from-its-antecedent-a-short-form-needs-its-own-name-in-the-text"),
]


@pytest.mark.parametrize("row", UNLISTED_NAMES)
def test_names_the_vocabulary_lacks_give_no_mention_of_what_they_hold(row):
    paragraphs, expected, *record = row
    check(paragraphs, expected, **(record[0] if record else {}))


# -- coordinated and paraphrased crime terms --------------------------------------------------------

COORDINATED = [
    pytest.param(["Alarmed that illicit trade contributes to the financing of other serious crimes and terrorism,"],
                 [("PP1", "terrorism", "terrorism"), ("PP1", "financing of terrorism", "terrorism")],
                 id="a-conjunct-that-is-no-object-is-passed-over"),
    pytest.param([("OP1", "Calls upon States to punish the financing, planning or perpetration of terrorist acts;")],
                 [("OP1", "terrorism", "terrorist acts"), ("OP1", "financing of terrorism", "terrorist acts")],
                 id="coordinated-nouns-before-the-preposition"),
    pytest.param([("OP1", "Urges States to combat illicit trafficking in wildlife, including, inter alia, species "
                          "listed in the appendices to the Convention on International Trade in Endangered Species of "
                          "Wild Fauna and Flora, in hazardous wastes and in precious metals;")],
                 [("OP1", "wildlife crime", "illicit trafficking in wildlife"),
                  ("OP1", "CITES", "Convention on International Trade in Endangered Species of Wild Fauna and Flora"),
                  ("OP1", "hazardous waste trafficking", "hazardous wastes"),
                  ("OP1", "trafficking in precious metals and stones", "precious metals")],
                 id="the-preposition-repeated-after-an-aside"),
    pytest.param(["Noting efforts against the illicit trade in conventional weapons, in particular in small arms "
                  "and light weapons,"],
                 [("PP1", "illicit trade in small arms and light weapons", "small arms and light weapons")],
                 id="in-particular-in"),
    pytest.param(["Condemning all forms of violence and discrimination against older women and against children,"],
                 [("PP1", "violence against women and girls", "women"), ("PP1", "violence against children", "children")],
                 id="violence-and-discrimination-against-two-targets"),
    pytest.param(["Determined to end violence against women, older persons and children,"],
                 [("PP1", "violence against women and girls", "violence against women"),
                  ("PP1", "violence against children", "children")],
                 id="violence-against-a-list-of-targets"),
    pytest.param(["Determined to end trafficking in and all forms of violence against and torture of children,"],
                 [("PP1", "trafficking in persons", "children"), ("PP1", "violence against children", "children"),
                  ("PP1", "torture", "torture")],
                 id="heads-coordinated-with-their-prepositions"),
    pytest.param(["Concerned about illicit drug cultivation, production, distribution and trafficking,"],
                 [("PP1", "drug trafficking", "drug cultivation, production, distribution and trafficking")],
                 id="a-modifier-shared-by-a-list-of-nouns"),
    pytest.param(["Resolved to combat trafficking in persons for the purpose of organ removal and trafficking in "
                  "human organs,"],
                 [("PP1", "trafficking in persons", "trafficking in persons"),
                  ("PP1", "organ trafficking", "trafficking in human organs")],
                 id="a-head-with-its-own-preposition-is-a-term-of-its-own"),
    pytest.param(["Concerned about trafficking in women and girls, including by increasing women's literacy,"],
                 [("PP1", "trafficking in persons", "trafficking in women and girls")],
                 id="one-mention-per-coordination-and-no-possessive-object"),
    pytest.param([("OP1", "Stresses the need to protect migrant women and girls from harassment and violence;")],
                 [("OP1", "violence against women and girls", "protect migrant women and girls from harassment and violence")],
                 id="protection-of-women-from-violence"),
    pytest.param([("OP1", "Urges States to assist child victims of all forms of violence;")],
                 [("OP1", "violence against children", "child victims of all forms of violence")],
                 id="child-victims-of-violence"),
    pytest.param(["Noting the risk of violence faced by older women and the violence, harassment and abuse that "
                  "women domestic workers face,"],
                 [("PP1", "violence against women and girls", "violence faced by older women"),
                  ("PP1", "violence against women and girls", "violence, harassment and abuse that women domestic workers face")],
                 id="violence-that-women-face"),
    pytest.param(["Condemning violence in all its forms and welcoming the protection of the rights of women,"],
                 [],
                 id="violence-without-a-target-is-no-category"),
    pytest.param(["Supporting anti-trafficking and counter-trafficking policies, and assistance to victims of "
                  "trafficking,"],
                 [("PP1", "trafficking in persons", "anti-trafficking"), ("PP1", "trafficking in persons", "counter-trafficking"),
                  ("PP1", "trafficking in persons", "victims of trafficking")],
                 id="trafficking-without-an-object"),
    pytest.param(["Concerned at child abuse materials, corrupt acts and domestic violence,"],
                 [("PP1", "child sexual exploitation", "child abuse materials"), ("PP1", "corruption", "corrupt acts"),
                  ("PP1", "violence against women and girls", "domestic violence")],
                 id="more-printed-variants"),
]


@pytest.mark.parametrize("paragraphs,expected", COORDINATED)
def test_coordinated_and_paraphrased_crime_terms(paragraphs, expected):
    check(paragraphs, expected)


# -- Member States and places ---------------------------------------------------------------------

STATES = [
    pytest.param(["Welcoming the offer of Swaziland and of the former Yugoslav Republic of Macedonia,"],
                 [("PP1", "SWZ", "Swaziland"), ("PP1", "MKD", "the former Yugoslav Republic of Macedonia")],
                 id="historical-names"),
    pytest.param(["Thanking Eswatini, North Macedonia, Czechia and Türkiye,"],
                 [("PP1", "SWZ", "Eswatini"), ("PP1", "MKD", "North Macedonia"), ("PP1", "CZE", "Czechia"),
                  ("PP1", "TUR", "Türkiye")],
                 id="current-names"),
    pytest.param(["Noting the proposals of Côte d’Ivoire, Bolivia (Plurinational State of) and the Czech Republic,"],
                 [("PP1", "CIV", "Côte d’Ivoire"), ("PP1", "BOL", "Bolivia (Plurinational State of)"),
                  ("PP1", "CZE", "Czech Republic")],
                 id="typographic-apostrophe-and-bracketed-names"),
    pytest.param(["Welcoming the cooperation of Guinea-Bissau, Guinea, Papua New Guinea and the Gulf of Guinea States,"],
                 [("PP1", "GNB", "Guinea-Bissau"), ("PP1", "GIN", "Guinea"), ("PP1", "PNG", "Papua New Guinea"),
                  ("PP1", "GULF-OF-GUINEA", "Gulf of Guinea")],
                 id="longest-state-or-place-name-wins"),
    pytest.param(["Welcoming the statements of the Democratic Republic of the Congo, the Congo, the Republic of "
                  "Korea and the Democratic People's Republic of Korea,"],
                 [("PP1", "COD", "Democratic Republic of the Congo"), ("PP1", "COG", "Congo"),
                  ("PP1", "KOR", "Republic of Korea"), ("PP1", "PRK", "Democratic People's Republic of Korea")],
                 id="states-whose-names-nest"),
    pytest.param(["Noting the meeting held in El Salvador and the Salvador Declaration, adopted in Salvador, Brazil,"],
                 [("PP1", "SLV", "El Salvador"), ("PP1", "SALVADOR-DECLARATION", "Salvador Declaration"),
                  ("PP1", "SALVADOR", "Salvador, Brazil")],
                 id="a-city-inside-a-state-and-a-declaration"),
    pytest.param(["Noting the regional programmes for West Africa, the Sahel, Central Asia and Latin America and the Caribbean,"],
                 [("PP1", "WEST-AFRICA", "West Africa"), ("PP1", "SAHEL", "Sahel"), ("PP1", "CENTRAL-ASIA", "Central Asia"),
                  ("PP1", "LATIN-AMERICA-AND-THE-CARIBBEAN", "Latin America and the Caribbean")],
                 id="regions"),
    pytest.param(["Noting that the Commission meets in Vienna and the General Assembly in New York,"],
                 [("PP1", "VIENNA", "Vienna"), ("PP1", "GA", "General Assembly"), ("PP1", "NEW-YORK", "New York")],
                 id="venues"),
    pytest.param(["Recalling the Sendai Framework for Disaster Risk Reduction, the Paris Agreement and the Samoa "
                  "Pathway, adopted in Sendai, in Paris and in Samoa,"],
                 [("PP1", "SENDAI", "Sendai"), ("PP1", "PARIS", "Paris"), ("PP1", "WSM", "Samoa")],
                 id="places-heading-unlisted-names-are-no-places"),
    pytest.param([("OP1", "Welcomes the meeting held in Vienna, Austria;"), ("OP2", "Decides to meet in Vienna Recalls;")],
                 [("OP1", "VIENNA", "Vienna"), ("OP1", "AUT", "Austria"), ("OP2", "VIENNA", "Vienna")],
                 id="a-place-before-another-place-or-a-clause-stays"),
    pytest.param(["Recognizing the chad of a ballot and Georgia's offer, and thanking Chad,"],
                 [("PP1", "GEO", "Georgia"), ("PP1", "TCD", "Chad")],
                 id="one-word-state-names-match-as-printed"),
]


@pytest.mark.parametrize("paragraphs,expected", STATES)
def test_member_states_and_places(paragraphs, expected):
    check(paragraphs, expected)


# -- short forms ----------------------------------------------------------------------------------

ANAPHORA = [
    pytest.param([("PP1", "Recalling the United Nations Convention against Corruption,"),
                  ("PP2", "Welcoming the increase in the number of States parties to the Convention,")],
                 [("PP1", "UNCAC", "United Nations Convention against Corruption"), ("PP2", "UNCAC", "the Convention")],
                 id="the-convention-in-the-next-paragraph"),
    pytest.param([("PP1", "Recalling the Convention on the Rights of the Child and the United Nations Convention "
                          "against Transnational Organized Crime, and urging States to implement the Convention,")],
                 [("PP1", "CRC", "Convention on the Rights of the Child"),
                  ("PP1", "UNTOC", "United Nations Convention against Transnational Organized Crime"),
                  ("PP1", "UNTOC", "the Convention")],
                 id="the-convention-is-the-last-one-named"),
    pytest.param([("PP1", "Recalling the United Nations Convention against Transnational Organized Crime and the "
                          "Protocols thereto,")],
                 [("PP1", "UNTOC", "United Nations Convention against Transnational Organized Crime"),
                  ("PP1", "FIREARMS-PROTOCOL", "the Protocols thereto"), ("PP1", "SOM-PROTOCOL", "the Protocols thereto"),
                  ("PP1", "TIP-PROTOCOL", "the Protocols thereto")],
                 id="the-protocols-thereto-are-the-three-protocols"),
    pytest.param([("PP1", "Recalling the Convention on the Rights of the Child and the Optional Protocols thereto,")],
                 [("PP1", "CRC", "Convention on the Rights of the Child"), ("PP1", "CRC-OP", "the Optional Protocols thereto")],
                 id="the-optional-protocols-thereto-follow-the-child-convention"),
    pytest.param([("OP1", "Requests the United Nations Office on Drugs and Crime to assist States;"),
                  ("OP2", "Invites Member States to support the Commission on Narcotic Drugs;"),
                  ("OP3", "Requests the Office to report to the Commission;")],
                 [("OP1", "UNODC", "United Nations Office on Drugs and Crime"),
                  ("OP2", "CND", "Commission on Narcotic Drugs"),
                  ("OP3", "UNODC", "the Office"), ("OP3", "CND", "the Commission")],
                 id="the-office-and-the-last-commission"),
    pytest.param([("OP1", "Takes note of the work of the Commission on the Status of Women and of the Commission "
                          "on Crime Prevention and Criminal Justice, and invites the Commission to continue it;")],
                 [("OP1", "CSW", "Commission on the Status of Women"),
                  ("OP1", "CCPCJ", "Commission on Crime Prevention and Criminal Justice"),
                  ("OP1", "CCPCJ", "the Commission")],
                 id="the-commission-is-the-nearest-commission"),
    pytest.param([("PP1", "Recalling the United Nations Convention against Corruption,"),
                  ("PP2", "Welcoming the outcome of the ninth session of the Conference of the States Parties "
                          "to the Convention and the work of the Conference,")],
                 [("PP1", "UNCAC", "United Nations Convention against Corruption"),
                  ("PP2", "COSP-UNCAC", "Conference of the States Parties to the Convention"),
                  ("PP2", "COSP-UNCAC", "the Conference")],
                 id="conference-of-the-parties-to-the-convention-last-named"),
    pytest.param([("PP1", "Recalling the United Nations Convention against Corruption,"),
                  ("PP2", "Noting the work of the Conference of the Parties to the Convention,")],
                 [("PP1", "UNCAC", "United Nations Convention against Corruption"),
                  ("PP2", "COSP-UNCAC", "Conference of the Parties to the Convention")],
                 id="misnamed-conference-follows-its-treaty"),
    pytest.param([("PP1", "Recalling the United Nations Convention against Transnational Organized Crime and the "
                          "United Nations Convention against Corruption,"),
                  ("PP2", "Noting the sessions of the Working Group on Trafficking in Persons,"),
                  ("PP3", "Welcoming the ratification of the Convention by many States,")],
                 [("PP1", "UNTOC", "United Nations Convention against Transnational Organized Crime"),
                  ("PP1", "UNCAC", "United Nations Convention against Corruption"),
                  ("PP2", "WG-TIP", "Working Group on Trafficking in Persons")],
                 id="outside-the-window-two-candidates-give-nothing"),
    pytest.param([("PP1", "Recalling the United Nations Convention against Transnational Organized Crime,"),
                  ("PP2", "Noting the sessions of the Working Group on Trafficking in Persons,"),
                  ("PP3", "Welcoming the ratification of the Convention by many States,")],
                 [("PP1", "UNTOC", "United Nations Convention against Transnational Organized Crime"),
                  ("PP2", "WG-TIP", "Working Group on Trafficking in Persons"), ("PP3", "UNTOC", "the Convention")],
                 id="outside-the-window-the-only-convention-named"),
    pytest.param([("OP1", "Takes note of the report of the Thirteenth United Nations Congress on Crime Prevention "
                          "and Criminal Justice;"),
                  ("OP2", "Welcomes the Doha Declaration adopted by the Congress;")],
                 [("OP1", "CONGRESS-13", "Thirteenth United Nations Congress on Crime Prevention and Criminal Justice"),
                  ("OP2", "DOHA-DECLARATION", "Doha Declaration"), ("OP2", "CONGRESS-13", "the Congress")],
                 id="the-congress"),
    pytest.param([("PP1", "Recalling the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially "
                          "Women and Children, and the Protocol against the Smuggling of Migrants by Land, Sea and Air,"),
                  ("PP2", "Urging States to accede to the Protocol,")],
                 [("PP1", "TIP-PROTOCOL", "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children"),
                  ("PP1", "SOM-PROTOCOL", "Protocol against the Smuggling of Migrants by Land, Sea and Air"),
                  ("PP2", "SOM-PROTOCOL", "the Protocol")],
                 id="the-protocol-is-the-last-protocol"),
    pytest.param([("OP1", "Notes the cooperation between the Counter-Terrorism Committee and its Executive Directorate;")],
                 [("OP1", "CTC", "Counter-Terrorism Committee"), ("OP1", "CTED", "its Executive Directorate")],
                 id="its-executive-directorate"),
    pytest.param([("PP1", "Recalling the Doha Declaration,"),
                  ("PP2", "Reaffirming the Universal Declaration of Human Rights, and noting that the Declaration "
                          "guides the work of the Nelson Mandela Rules and that the Rules apply to all prisoners,")],
                 [("PP1", "DOHA-DECLARATION", "Doha Declaration"), ("PP2", "UDHR", "Universal Declaration of Human Rights"),
                  ("PP2", "UDHR", "the Declaration"), ("PP2", "NELSON-MANDELA-RULES", "Nelson Mandela Rules"),
                  ("PP2", "NELSON-MANDELA-RULES", "the Rules")],
                 id="the-declaration-and-the-rules-last-named"),
    pytest.param([("OP1", "Urges all States to ratify the Convention and to support the Office;")],
                 [],
                 id="a-short-form-without-any-antecedent-gives-nothing"),
]


@pytest.mark.parametrize("paragraphs,expected", ANAPHORA)
def test_short_forms_resolve_to_the_last_named_antecedent(paragraphs, expected):
    check(paragraphs, expected)


def test_capitalised_short_form_at_the_start_of_a_sentence():
    check([("PP1", "Recalling the Convention on the Rights of the Child. The Convention binds its parties,")],
          [("PP1", "CRC", "Convention on the Rights of the Child"), ("PP1", "CRC", "The Convention")])


def test_short_form_in_a_footnote_looks_back_at_the_paragraphs_citing_it():
    check([("PP1", "Recalling the United Nations Convention against Corruption,")],
          [("PP1", "UNCAC", "United Nations Convention against Corruption"),
           ("FN1", "UNCAC", "the Convention")],
          footnotes={1: ("Adopted with the Convention in resolution 58/4.", ["PP1"])})


# -- abbreviations defined in the text ------------------------------------------------------------

DEFINED = [
    pytest.param([("PP1", "Recalling the United Nations Rules for the Treatment of Women Prisoners and Non-custodial "
                          "Measures for Women Offenders (the Bangkok Rules),"),
                  ("OP1", "Encourages States to apply the Bangkok Rules;")],
                 [("PP1", "BANGKOK-RULES", "United Nations Rules for the Treatment of Women Prisoners and "
                                           "Non-custodial Measures for Women Offenders"),
                  ("PP1", "BANGKOK-RULES", "Bangkok Rules"), ("OP1", "BANGKOK-RULES", "Bangkok Rules")],
                 id="defined-name-that-is-also-a-label"),
    pytest.param([("PP1", "Welcoming the International Anti-Corruption Academy (the Anti-Corruption Academy),"),
                  ("OP1", "Invites States to support the Anti-Corruption Academy;")],
                 [("PP1", "IACA", "International Anti-Corruption Academy"), ("PP1", "IACA", "Anti-Corruption Academy"),
                  ("OP1", "IACA", "Anti-Corruption Academy")],
                 id="a-new-alias-for-the-rest-of-the-document"),
    pytest.param([("PP1", "Recalling the Ad Hoc Committee on the Elaboration of a Convention against Transnational "
                          "Organized Crime (hereinafter \u201cthe Palermo Committee\u201d),"),
                  ("PP2", "Noting that the Palermo Committee met in Vienna,")],
                 [("PP1", "AHC-UNTOC", "Ad Hoc Committee on the Elaboration of a Convention against Transnational Organized Crime"),
                  ("PP1", "AHC-UNTOC", "Palermo Committee"), ("PP2", "AHC-UNTOC", "Palermo Committee"),
                  ("PP2", "VIENNA", "Vienna")],
                 id="hereinafter-in-quotation-marks"),
    pytest.param([("PP1", "Noting that the Negotiating Committee met,"),
                  ("PP2", "Recalling the Ad Hoc Committee on the Elaboration of a Convention against Transnational "
                          "Organized Crime (the Negotiating Committee),")],
                 [("PP2", "AHC-UNTOC", "Ad Hoc Committee on the Elaboration of a Convention against Transnational Organized Crime"),
                  ("PP2", "AHC-UNTOC", "Negotiating Committee")],
                 id="an-alias-counts-only-after-its-definition"),
    pytest.param([("PP1", "Recalling the Forced Labour Convention (Supplementary Measures),"),
                  ("PP2", "Noting that Supplementary Measures were taken,")],
                 [("PP1", "ILO-29", "Forced Labour Convention")],
                 id="a-bracketed-title-part-is-no-abbreviation"),
    pytest.param([("PP1", "Noting that forced labour (the Labour Problem) persists,"),
                  ("PP2", "Noting the Labour Problem,")],
                 [("PP1", "forced labour", "forced labour")],
                 id="crime-categories-define-no-aliases"),
]


@pytest.mark.parametrize("paragraphs,expected", DEFINED)
def test_abbreviations_defined_in_the_text_become_aliases(paragraphs, expected):
    check(paragraphs, expected)


# -- dates ----------------------------------------------------------------------------------------

DATES = [
    pytest.param(["Recalling its resolution 46/152 of 18 December 1991,"], [("PP1", "1991-12-18", "18 December 1991")],
                 id="day-month-year"),
    pytest.param(["Meeting on December 3, 2015,"], [("PP1", "2015-12-03", "December 3, 2015")], id="month-day-year"),
    pytest.param(["Adopted on 2016-01-05,"], [("PP1", "2016-01-05", "2016-01-05")], id="iso-date"),
    pytest.param(["Held in Doha from 12 to 19 April 2015,"],
                 [("PP1", "2015-04-12", "12"), ("PP1", "2015-04-19", "19 April 2015")], id="range-within-a-month"),
    pytest.param(["Held from 30 November to 4 December 2015,"],
                 [("PP1", "2015-11-30", "30 November"), ("PP1", "2015-12-04", "4 December 2015")], id="range-across-months"),
    pytest.param(["Recalling resolutions 2012/18 and 26 July 2012 and its resolution of December 1991 of 2005,"],
                 [("PP1", "2012-07-26", "26 July 2012")], id="no-day-from-a-resolution-number-nor-a-month-alone"),
    pytest.param(["Noting the meeting of 31 February 2015,"], [], id="impossible-date-is-none"),
    pytest.param([("OP40", "Decides to consider the question at its seventy-first session, on 1st March 2017;")],
                 [("OP40", "2017-03-01", "1st March 2017")], id="ordinal-day"),
]


@pytest.mark.parametrize("paragraphs,expected", DATES)
def test_dates_become_iso_dates(paragraphs, expected):
    check(paragraphs, expected, types=("date",))


# -- head, footnotes, styles ----------------------------------------------------------------------

def test_mentions_in_head_lines_and_footnotes_keep_their_position():
    check([("PP1", "Recalling the United Nations Convention against Corruption,")],
          [("HEAD", "ECOSOC", "Economic and Social Council"), ("HEAD", "CCPCJ", "Commission on Crime Prevention and Criminal Justice"),
           ("PP1", "UNCAC", "United Nations Convention against Corruption"), ("FN1", "ECOSOC", "Economic and Social Council")],
          head=["Resolution adopted by the Economic and Social Council", "on the recommendation of the "
                "Commission on Crime Prevention and Criminal Justice"],
          footnotes={1: ("Official Records of the Economic and Social Council, 2013, Supplement No. 10.", ["PP1"])})


def test_security_council_style_text():
    check([("PP1", "Reaffirming its resolution 2195 (2014) on terrorism and cross-border crime,"),
           ("OP1", "Calls upon Member States to prevent the financing of terrorism and to cooperate with the "
                   "Counter-Terrorism Committee Executive Directorate and the United Nations Office on Drugs and Crime;")],
          [("PP1", "terrorism", "terrorism"), ("OP1", "financing of terrorism", "financing of terrorism"),
           ("OP1", "CTED", "Counter-Terrorism Committee Executive Directorate"),
           ("OP1", "UNODC", "United Nations Office on Drugs and Crime")],
          body="Security Council")


def test_ecosoc_style_text_recommending_a_draft():
    check([("PP1", "Recalling General Assembly resolution 69/193 and the Doha Declaration on Integrating Crime "
                   "Prevention and Criminal Justice into the Wider United Nations Agenda,")],
          [("PP1", "GA", "General Assembly"),
           ("PP1", "DOHA-DECLARATION", "Doha Declaration on Integrating Crime Prevention and Criminal Justice "
                                       "into the Wider United Nations Agenda")],
          body="Economic and Social Council")


def test_every_mention_names_concept_iri_and_preferred_label():
    rec = record_from_paragraphs(["Recalling the Palermo Convention and the UNTOC,"])
    (m,) = [m for m in find_mentions(rec) if m.type == "instrument"]
    assert (m.id, m.label) == ("https://w3id.org/unkg/id/instrument/UNTOC",
                               "United Nations Convention against Transnational Organized Crime")


def test_a_match_never_runs_across_two_paragraphs():
    assert mentions_of([("PP1", "Recalling the work of the United Nations"), ("PP2", "Office on Drugs and Crime,")]) \
        == [("PP2", "UNODC", "Office on Drugs and Crime")]


def test_empty_record_gives_no_mentions():
    assert find_mentions(record_from_paragraphs([])) == []


def test_a_text_longer_than_spacy_max_length_is_matched_in_pieces():
    paragraph = "Recalling the United Nations Convention against Corruption and " + "the rule of law, " * 3000
    rec = record_from_paragraphs([paragraph] * 60)
    assert len(rec.normalised) > 1_000_000
    found = [m for m in find_mentions(rec) if m.notation == "UNCAC"]
    assert len(found) == 60 and all(rec.normalised[m.span[0]:m.span[1]] == m.text for m in found)


# -- spans over real texts ------------------------------------------------------------------------

def test_spans_hold_over_the_seeds(seeds_dir):
    import kg

    for path in sorted(seeds_dir.iterdir()):
        rec = kg.extract_file(path)
        assert rec.mentions, f"{path.name}: no mentions"
        for m in rec.mentions:
            assert rec.normalised[m.span[0]:m.span[1]] == m.text, f"{path.name}: {m}"


def test_spans_hold_over_corpus_texts(corpus_dir):
    from lxml import etree

    import kg

    files = sorted((corpus_dir / "akn").glob("*.xml"))[::100]
    assert files
    for path in files:
        paragraphs = [" ".join("".join(p.itertext()).split()) for p in etree.parse(str(path)).iter("{*}p")]
        rec = kg.extract_text("\n\n".join(p for p in paragraphs if p), path.name)
        for m in rec.mentions:
            assert rec.normalised[m.span[0]:m.span[1]] == m.text, f"{path.name}: {m}"
