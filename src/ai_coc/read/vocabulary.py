"""Words of the manifest format that code needs without loading the pydantic models."""

from __future__ import annotations

MANIFEST_VERSION = "ai-coc/v1"

#: The controlled vocabulary of ``uses[].categories`` shipped with the tool.
CATEGORIES: tuple[str, ...] = (
    "text-drafting",
    "translation",
    "image-generation",
    "video-generation",
    "audio-generation",
    "voice-cloning",
    "synthetic-persons",
    "code-assistance",
    "chatbot",
    "counselling",
    "data-analysis",
    "transcription",
    "search",
    "recruiting",
    "staff-evaluation",
    "beneficiary-decisions",
    "surveillance",
    "biometric-identification",
    "emotion-recognition",
    "political-persuasion",
    "content-moderation",
    "anonymisation",
    "risk-scoring",
    "classification",
    "forecasting",
)

#: What each category means, in English and German (shown by ``init`` and in the docs).
CATEGORY_NAMES: dict[str, dict[str, str]] = {
    "text-drafting": {"en": "drafting texts", "de": "Texte entwerfen"},
    "translation": {"en": "translation", "de": "Übersetzung"},
    "image-generation": {"en": "generating images", "de": "Bilderzeugung"},
    "video-generation": {"en": "generating videos", "de": "Videoerzeugung"},
    "audio-generation": {"en": "generating audio", "de": "Audioerzeugung"},
    "voice-cloning": {"en": "cloning voices", "de": "Stimmen nachbilden"},
    "synthetic-persons": {"en": "synthetic persons", "de": "künstliche Personen"},
    "code-assistance": {"en": "help with program code", "de": "Hilfe beim Programmieren"},
    "chatbot": {"en": "chatbot", "de": "Chatbot"},
    "counselling": {"en": "counselling", "de": "Beratung"},
    "data-analysis": {"en": "data analysis", "de": "Datenauswertung"},
    "transcription": {"en": "transcription", "de": "Transkription"},
    "search": {"en": "search", "de": "Suche"},
    "recruiting": {"en": "recruiting", "de": "Personalauswahl"},
    "staff-evaluation": {"en": "evaluating staff", "de": "Beurteilung von Mitarbeitenden"},
    "beneficiary-decisions": {
        "en": "decisions about beneficiaries",
        "de": "Entscheidungen über Leistungsberechtigte",
    },
    "surveillance": {"en": "surveillance", "de": "Überwachung"},
    "biometric-identification": {
        "en": "biometric identification",
        "de": "biometrische Identifizierung",
    },
    "emotion-recognition": {"en": "recognising emotions", "de": "Emotionserkennung"},
    "political-persuasion": {"en": "political persuasion", "de": "politische Beeinflussung"},
    "content-moderation": {"en": "content moderation", "de": "Inhaltsmoderation"},
    "anonymisation": {
        "en": "anonymising or redacting documents",
        "de": "Anonymisieren oder Schwärzen von Dokumenten",
    },
    "risk-scoring": {
        "en": "risk or fraud scoring",
        "de": "Risikobewertung oder Betrugserkennung",
    },
    "classification": {
        "en": "sorting or routing cases, reports or documents",
        "de": "Sortieren oder Weiterleiten von Fällen, Meldungen oder Dokumenten",
    },
    "forecasting": {
        "en": "forecasts, valuations and models of what may happen",
        "de": "Vorhersagen, Schätzungen und Modelle künftiger Entwicklungen",
    },
}

#: Categories of a use that people deal with themselves, not only through staff
#: (`people.interaction` defaults to `direct` for them).
DIRECT_CATEGORIES: tuple[str, ...] = (
    "chatbot",
    "counselling",
    "beneficiary-decisions",
    "content-moderation",
)
