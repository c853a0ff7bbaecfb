"""Localised column names of Outlook's and the Mac address book's exports, in English terms.

Keys and values are normalised as ``header_key`` does (case-folded letters and digits only).
"""

from __future__ import annotations

# language -> {localised key: English key}
_BY_LANGUAGE: dict[str, dict[str, str]] = {
    "de": {
        "vorname": "firstname",
        "weiterevornamen": "middlename",
        "nachname": "lastname",
        "firma": "company",
        "emailadresse": "emailaddress",
        "emailtyp": "emailtype",
        "emailangezeigtername": "emaildisplayname",
        "email2adresse": "email2address",
        "email3adresse": "email3address",
        "telefongeschäftlich": "businessphone",
        "mobiltelefon": "mobilephone",
        "telefonprivat": "homephone",
        "notizen": "notes",
        "kategorien": "categories",
        "webseite": "webpage",
        "arbeitemail": "workemail",
        "privatemail": "homeemail",
        "andereemail": "otheremail",
        "arbeittelefon": "workphone",
        "mobil": "mobilephone",
    },
    "fr": {
        "prénom": "firstname",
        "deuxièmeprénom": "middlename",
        "nom": "lastname",
        "société": "company",
        "fonction": "jobtitle",
        "adressedemessagerie": "emailaddress",
        "typedemessagerie": "emailtype",
        "nomcompletdeladressedemessagerie": "emaildisplayname",
        "adressedemessagerie2": "email2address",
        "adressedemessagerie3": "email3address",
        "téléphonebureau": "businessphone",
        "télmobile": "mobilephone",
        "téléphonedomicile": "homephone",
        "catégories": "categories",
        "emailprofessionnel": "workemail",
        "emailpersonnel": "homeemail",
    },
    "es": {
        "nombre": "firstname",
        "segundonombre": "middlename",
        "apellidos": "lastname",
        "organización": "company",
        "compañía": "company",
        "puesto": "jobtitle",
        "direccióndecorreoelectrónico": "emailaddress",
        "tipodecorreoelectrónico": "emailtype",
        "nombreparamostrardelcorreoelectrónico": "emaildisplayname",
        "dirección2decorreoelectrónico": "email2address",
        "direccióndecorreoelectrónico2": "email2address",
        "dirección3decorreoelectrónico": "email3address",
        "direccióndecorreoelectrónico3": "email3address",
        "teléfonodeltrabajo": "businessphone",
        "teléfonomóvil": "mobilephone",
        "particular": "homephone",
        "notas": "notes",
        "categorías": "categories",
        "páginaweb": "webpage",
    },
    "it": {
        "nome": "firstname",
        "secondonome": "middlename",
        "cognome": "lastname",
        "società": "company",
        "posizione": "jobtitle",
        "indirizzopostaelettronica": "emailaddress",
        "tipopostaelettronica": "emailtype",
        "nomevisualizzatopostaelettronica": "emaildisplayname",
        "indirizzopostaelettronica2": "email2address",
        "indirizzopostaelettronica3": "email3address",
        "ufficio": "businessphone",
        "cellulare": "mobilephone",
        "abitazione": "homephone",
        "categorie": "categories",
        "paginaweb": "webpage",
    },
    "nl": {
        "voornaam": "firstname",
        "middelstenaam": "middlename",
        "achternaam": "lastname",
        "bedrijf": "company",
        "functie": "jobtitle",
        "emailadres": "emailaddress",
        "emailtype": "emailtype",
        "weergavenaamvooremail": "emaildisplayname",
        "emailadres2": "email2address",
        "emailadres3": "email3address",
        "telefoonopwerk": "businessphone",
        "mobieletelefoon": "mobilephone",
        "telefoonthuis": "homephone",
        "notities": "notes",
        "categorieën": "categories",
        "webpagina": "webpage",
    },
    "pt": {
        "segundonome": "middlename",
        "sobrenome": "lastname",
        "apelido": "lastname",
        "empresa": "company",
        "cargo": "jobtitle",
        "endereçodeemail": "emailaddress",
        "endereçodecorreioeletrónico": "emailaddress",
        "endereçodecorreioelectrónico": "emailaddress",
        "tipodeemail": "emailtype",
        "nomedeexibiçãodoemail": "emaildisplayname",
        "endereçodeemail2": "email2address",
        "endereçodeemail3": "email3address",
        "telefonecomercial": "businessphone",
        "telefonecelular": "mobilephone",
        "telemóvel": "mobilephone",
        "telefoneresidencial": "homephone",
        "anotações": "notes",
        "categorias": "categories",
        "páginadaweb": "webpage",
    },
    "ja": {
        "名": "firstname",
        "ミドルネーム": "middlename",
        "姓": "lastname",
        "会社名": "company",
        "役職": "jobtitle",
        "電子メールアドレス": "emailaddress",
        "電子メールの種類": "emailtype",
        "電子メール表示名": "emaildisplayname",
        "電子メール2アドレス": "email2address",
        "電子メール3アドレス": "email3address",
        "会社電話": "businessphone",
        "勤務先電話": "businessphone",
        "携帯電話": "mobilephone",
        "自宅電話": "homephone",
        "メモ": "notes",
        "分類": "categories",
        "webページ": "webpage",
    },
}

TRANSLATIONS: dict[str, str] = {}
LANGUAGES: dict[str, list[str]] = {}
for _language, _names in _BY_LANGUAGE.items():
    for _local, _english in _names.items():
        TRANSLATIONS.setdefault(_local, _english)
        LANGUAGES.setdefault(_local, []).append(_language)


def language_of(keys: list[str]) -> str:
    """The language most of a header's localised column names belong to; "en" when none are."""
    votes: dict[str, int] = {}
    for key in keys:
        for language in LANGUAGES.get(key, []):
            votes[language] = votes.get(language, 0) + 1
    return max(votes, key=lambda language: votes[language]) if votes else "en"
