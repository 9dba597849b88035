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
)
