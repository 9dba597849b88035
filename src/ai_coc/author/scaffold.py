"""Writing a commented starter manifest (``ai-coc init``) and adding a use to one.

The questions follow the reflection template for introducing an AI tool: which tool and
provider, for what, who benefits and who may be disadvantaged, which barriers arise, who
was involved, what is known about the origin of the data and about the labour behind the
model, who is responsible and when the next review is.

The manifest is built as a small tree of entries (:class:`Entry`). The same tree gives the
YAML text (with a comment above every key, in English or German) and the plain data the
text must parse back to; :func:`render` checks that it does, so an answer with a colon, a
quote or a hash sign can never break the file.

Nothing here prints or reads the terminal: the questions go through an :class:`Asker`, which
the command supplies (click prompts) and tests can replace.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ai_coc.errors import InputError
from ai_coc.read.vocabulary import CATEGORIES, CATEGORY_NAMES, DIRECT_CATEGORIES, MANIFEST_VERSION

#: Where editors find the schema: the ``$id`` of :func:`ai_coc.read.manifest.json_schema`, published
#: with the documentation (a test keeps the two equal).
SCHEMA_URL = "https://ai-coc.readthedocs.io/en/latest/_static/ai-usage.schema.json"
MODELINE_PREFIX = "# yaml-language-server: $schema="

EVIDENCE_STATUSES: tuple[str, ...] = (
    "known",
    "partial",
    "not_disclosed",
    "unknown",
    "not_applicable",
)
STATUSES: tuple[str, ...] = ("proposed", "pilot", "active")
AUDIENCES: tuple[str, ...] = ("internal", "members", "clients", "public")
OUTPUT_KINDS: tuple[str, ...] = (
    "text", "image", "video", "audio", "translation", "code", "data", "decision-support",
)  # fmt: skip
AI_SHARES: tuple[str, ...] = ("assisted", "substantial", "full")
#: Evidence statuses that need a justification.
NEEDS_JUSTIFICATION: frozenset[str] = frozenset({"partial", "not_disclosed", "unknown"})

WIDTH = 88

# --- texts ------------------------------------------------------------------------------
# Each field has a ``prompt`` (the question asked in a terminal) and a ``comment`` (written
# above the key in the manifest). Plain language: the reader may be a volunteer.

TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "header": {
        "comment": {
            "en": "AI manifest of this project (format ai-coc/v1), written by `ai-coc init`.\n"
            "It says where the project uses AI, or that it deliberately does not. Keys stay "
            "in English; you may write every answer in any language.\n"
            "Empty fields are gaps: `ai-coc check` explains each one and what to write.",
            "de": "KI-Manifest dieses Projekts (Format ai-coc/v1), angelegt mit `ai-coc init`.\n"
            "Es beschreibt, wo das Projekt KI einsetzt – oder dass es bewusst darauf "
            "verzichtet. Die Schlüssel bleiben englisch; Antworten dürfen auf Deutsch sein.\n"
            "Leere Felder sind Lücken: `ai-coc check` erklärt jede davon und was hinein gehört.",
        },
    },
    "intro": {
        "prompt": {
            "en": "A few questions about your AI use follow (the reflection template of the "
            "Code of Conduct Demokratische KI). Press Enter to skip a question; you can fill "
            "in the gap later, `ai-coc check` will remind you.",
            "de": "Es folgen einige Fragen zu Ihrem KI-Einsatz (die Reflexionsvorlage zum "
            "Code of Conduct Demokratische KI). Mit Enter überspringen Sie eine Frage; die "
            "Lücke können Sie später füllen, `ai-coc check` erinnert Sie daran.",
        },
    },
    "manifest": {
        "comment": {
            "en": "Format of this file. Do not change.",
            "de": "Format dieser Datei. Bitte nicht ändern.",
        },
    },
    "project": {
        "comment": {
            "en": "The project (usually this repository).",
            "de": "Das Projekt (meist dieses Repository).",
        },
    },
    "project.name": {
        "prompt": {"en": "Name of the project", "de": "Name des Projekts"},
        "comment": {"en": "Short name of the project.", "de": "Kurzer Name des Projekts."},
    },
    "project.organisation": {
        "prompt": {"en": "Name of your organisation", "de": "Name Ihrer Organisation"},
        "comment": {
            "en": "The organisation responsible for the project.",
            "de": "Die Organisation, die für das Projekt verantwortlich ist.",
        },
    },
    "project.description": {
        "prompt": {
            "en": "What is the project about, in one sentence?",
            "de": "Worum geht es im Projekt, in einem Satz?",
        },
        "comment": {
            "en": "What the project is, in a sentence.",
            "de": "Das Projekt in einem Satz.",
        },
    },
    "contacts": {
        "comment": {
            "en": "Who answers for the AI use, and where people can ask or object.",
            "de": "Wer für den KI-Einsatz geradesteht und wo Menschen fragen oder "
            "widersprechen können.",
        },
    },
    "contacts.accountable.role": {
        "prompt": {
            "en": "Who is responsible for the AI use? (a role, e.g. management)",
            "de": "Wer ist für den KI-Einsatz verantwortlich? (eine Rolle, z. B. Geschäftsführung)",
        },
        "comment": {
            "en": "Person or role accountable for the AI use (principle 6).",
            "de": "Person oder Rolle, die für den KI-Einsatz verantwortlich ist (Prinzip 6).",
        },
    },
    "contacts.accountable.email": {
        "prompt": {
            "en": "E-mail address of the responsible person or role",
            "de": "E-Mail-Adresse der verantwortlichen Person oder Rolle",
        },
        "comment": {"en": "How to reach them.", "de": "So ist sie erreichbar."},
    },
    "contacts.feedback": {
        "prompt": {
            "en": "Where can people ask questions or object to the AI use? (e-mail or web page)",
            "de": "Wo können Menschen Fragen stellen oder dem KI-Einsatz widersprechen? "
            "(E-Mail oder Webseite)",
        },
        "comment": {
            "en": "E-mail or web page where affected people can ask, complain or object "
            "(principles 4 and 6). Shown in the public notice.",
            "de": "E-Mail oder Webseite, über die Betroffene fragen, sich beschweren oder "
            "widersprechen können (Prinzipien 4 und 6). Steht im öffentlichen Hinweis.",
        },
    },
    "review": {
        "comment": {
            "en": "When this manifest was last checked and when the next review is due.",
            "de": "Wann dieses Manifest zuletzt geprüft wurde und wann die nächste "
            "Prüfung ansteht.",
        },
    },
    "review.reviewed_by": {
        "prompt": {
            "en": "Who answered these questions? (names or roles, separated by commas)",
            "de": "Wer hat diese Fragen beantwortet? (Namen oder Rollen, durch Kommas getrennt)",
        },
        "comment": {"en": "Who did the review.", "de": "Wer die Prüfung gemacht hat."},
    },
    "review.next_review_due": {
        "prompt": {
            "en": "When is the next review? (YYYY-MM-DD)",
            "de": "Wann ist die nächste Überprüfung? (JJJJ-MM-TT)",
        },
        "comment": {
            "en": "Date of the next review. Tools and terms change quickly: look again at "
            "least once a year.",
            "de": "Datum der nächsten Überprüfung. Werkzeuge und Bedingungen ändern sich "
            "schnell: mindestens einmal im Jahr neu hinsehen.",
        },
    },
    "transparency": {
        "comment": {
            "en": "The organisation's public notice on its AI use (principle 3).",
            "de": "Der öffentliche Hinweis der Organisation zu ihrem KI-Einsatz (Prinzip 3).",
        },
    },
    "transparency.notice": {
        "prompt": {
            "en": "Where is (or will be) your public AI notice? (file in this repository or URL)",
            "de": "Wo steht Ihr öffentlicher KI-Hinweis, oder wo soll er stehen? (Datei in "
            "diesem Repository oder URL)",
        },
        "comment": {
            "en": "Path in this repository or URL. `ai-coc notice --output FILE` writes the "
            "notice from this manifest.",
            "de": "Pfad in diesem Repository oder URL. `ai-coc notice --output DATEI` erzeugt "
            "den Hinweis aus diesem Manifest.",
        },
    },
    "ai_used": {
        "prompt": {
            "en": "Does this project use AI (or plan to)?",
            "de": "Setzt dieses Projekt KI ein (oder ist es geplant)?",
        },
        "comment": {
            "en": "true: the project uses AI (list each use under `uses`). false: it "
            "deliberately does not (explain under `non_uses`).",
            "de": "true: das Projekt setzt KI ein (jeden Einsatz unter `uses` eintragen). "
            "false: es verzichtet bewusst darauf (unter `non_uses` begründen).",
        },
    },
    "non_uses": {
        "comment": {
            "en": "Decisions NOT to use AI. Doing without is a real option (principle 1).",
            "de": "Entscheidungen GEGEN KI. Verzicht ist eine echte Möglichkeit (Prinzip 1).",
        },
    },
    "non_uses.area": {
        "prompt": {
            "en": "For which task did you decide against AI?",
            "de": "Für welche Aufgabe haben Sie sich gegen KI entschieden?",
        },
        "comment": {"en": "The task.", "de": "Die Aufgabe."},
    },
    "non_uses.considered": {
        "prompt": {
            "en": "Which AI tool or approach did you consider?",
            "de": "Welches KI-Werkzeug oder welchen Ansatz haben Sie erwogen?",
        },
        "comment": {"en": "What was considered.", "de": "Was erwogen wurde."},
    },
    "non_uses.reasons": {
        "prompt": {
            "en": "Why did you decide against it? (costs for people, environment, trust, ...)",
            "de": "Warum haben Sie sich dagegen entschieden? (Kosten für Menschen, Umwelt, "
            "Vertrauen, ...)",
        },
        "comment": {
            "en": "Why AI is not used, in your own words.",
            "de": "Warum keine KI eingesetzt wird, in eigenen Worten.",
        },
    },
    "non_uses.decided_by": {
        "prompt": {"en": "Who decided?", "de": "Wer hat entschieden?"},
        "comment": {"en": "Who decided, and when.", "de": "Wer entschieden hat, und wann."},
    },
    "non_uses.revisit_on": {
        "comment": {
            "en": "When to look at the decision again.",
            "de": "Wann die Entscheidung wieder angeschaut wird.",
        },
    },
    "uses": {
        "comment": {
            "en": "Every AI use of the project, one entry each. "
            "Add another with `ai-coc init --add-use`.",
            "de": "Jeder KI-Einsatz des Projekts, je ein Eintrag. "
            "Weitere mit `ai-coc init --add-use` hinzufügen.",
        },
    },
    "use.added": {
        "comment": {
            "en": "Added with `ai-coc init --add-use` on {date}.",
            "de": "Hinzugefügt mit `ai-coc init --add-use` am {date}.",
        },
    },
    "use.name": {
        "prompt": {
            "en": "What do you use AI for? (a short name, e.g. 'Newsletter translation')",
            "de": "Wofür setzen Sie KI ein? (ein kurzer Name, z. B. „Übersetzung des Newsletters“)",
        },
        "comment": {
            "en": "`id`: stable short name in kebab-case (findings and waivers refer to it). "
            "`name`: what people call it.",
            "de": "`id`: fester Kurzname in Kleinbuchstaben mit Bindestrichen (Hinweise und "
            "Ausnahmen beziehen sich darauf). `name`: wie man den Einsatz nennt.",
        },
    },
    "use.status": {
        "prompt": {
            "en": "Status: proposed (only planned), pilot (being tried) or active "
            "(in regular use)?",
            "de": "Stand: proposed (nur geplant), pilot (wird erprobt) oder active (im "
            "regulären Einsatz)?",
        },
        "comment": {
            "en": "proposed, pilot, active, paused, retired or rejected.",
            "de": "proposed (geplant), pilot (Erprobung), active (im Einsatz), paused "
            "(pausiert), retired (beendet) oder rejected (abgelehnt).",
        },
    },
    "use.categories": {
        "prompt": {
            "en": "What does the AI do? One or more of: {choices} (separated by commas)",
            "de": "Was macht die KI? Einer oder mehrere dieser Begriffe: {choices} (durch "
            "Kommas getrennt)",
        },
        "comment": {
            "en": "What the use does (fixed list; `ai-coc check` warns about unknown words).",
            "de": "Was der Einsatz tut (feste Liste; `ai-coc check` warnt bei "
            "unbekannten Wörtern).",
        },
    },
    "use.audience": {
        "prompt": {
            "en": "Who uses it or receives its results: internal (staff only), members, "
            "clients or public?",
            "de": "Wer nutzt ihn oder bekommt die Ergebnisse: internal (nur Mitarbeitende), "
            "members (Mitglieder), clients (Klient*innen) oder public (Öffentlichkeit)?",
        },
        "comment": {
            "en": "internal, members, clients or public.",
            "de": "internal (intern), members (Mitglieder), clients (Klient*innen) oder "
            "public (Öffentlichkeit).",
        },
    },
    "use.system": {
        "comment": {"en": "The AI system used.", "de": "Das eingesetzte KI-System."},
    },
    "use.system.tool": {
        "prompt": {
            "en": "Which AI tool do you use? (product name)",
            "de": "Welches KI-Werkzeug nutzen Sie? (Produktname)",
        },
        "comment": {"en": "Product or tool name.", "de": "Name des Produkts oder Werkzeugs."},
    },
    "use.system.provider": {
        "prompt": {
            "en": "Which company or body provides it?",
            "de": "Welches Unternehmen oder welche Stelle bietet es an?",
        },
        "comment": {"en": "The provider.", "de": "Der Anbieter."},
    },
    "use.system.openness": {
        "comment": {
            "en": "open-source, open-weights, closed or unknown.",
            "de": "open-source, open-weights, closed (geschlossen) oder unknown (unbekannt).",
        },
    },
    "use.system.hosting": {
        "comment": {
            "en": "self-hosted, on-device, eu-cloud, non-eu-cloud or unknown.",
            "de": "self-hosted (selbst betrieben), on-device (auf dem Gerät), eu-cloud, "
            "non-eu-cloud oder unknown (unbekannt).",
        },
    },
    "use.purpose": {
        "prompt": {
            "en": "For what purpose? Which problem does it solve?",
            "de": "Zu welchem Zweck? Welches Problem löst der Einsatz?",
        },
        "comment": {
            "en": "What problem the use solves (principle 1).",
            "de": "Welches Problem der Einsatz löst (Prinzip 1).",
        },
    },
    "use.weighing": {
        "comment": {
            "en": "Weighing chances and risks (principle 1).",
            "de": "Abwägung von Chancen und Risiken (Prinzip 1).",
        },
    },
    "use.weighing.benefits": {
        "prompt": {"en": "Who benefits, and how?", "de": "Wer profitiert davon, und wie?"},
        "comment": {"en": "Who benefits, and how.", "de": "Wer profitiert, und wie."},
    },
    "use.weighing.risks": {
        "prompt": {
            "en": "Who may be disadvantaged or harmed, and how?",
            "de": "Wer könnte benachteiligt oder geschädigt werden, und wie?",
        },
        "comment": {
            "en": "Who may be disadvantaged, and how.",
            "de": "Wer benachteiligt werden könnte, und wie.",
        },
    },
    "use.weighing.non_use": {
        "prompt": {
            "en": "Why not do this without AI? What would doing without cost, and for whom?",
            "de": "Warum nicht ohne KI? Was würde der Verzicht kosten, und für wen?",
        },
        "comment": {
            "en": "Why doing without AI was not chosen, in your own words.",
            "de": "Warum der Verzicht auf KI nicht gewählt wurde, in eigenen Worten.",
        },
    },
    "use.people": {
        "comment": {
            "en": "People affected (principles 2 and 5).",
            "de": "Betroffene Menschen (Prinzipien 2 und 5).",
        },
    },
    "use.people.non_ai_alternative": {
        "prompt": {
            "en": "How are people served who cannot or will not use the AI? (phone, office "
            "hours, a form answered by people)",
            "de": "Wie werden Menschen erreicht, die die KI nicht nutzen können oder wollen? "
            "(Telefon, Sprechstunde, ein von Menschen beantwortetes Formular)",
        },
        "comment": {
            "en": "How people who cannot or will not use AI are served (principle 2).",
            "de": "Wie Menschen erreicht werden, die KI nicht nutzen können oder wollen "
            "(Prinzip 2).",
        },
    },
    "use.participation": {
        "comment": {
            "en": "Who was involved (principle 4).",
            "de": "Wer beteiligt war (Prinzip 4).",
        },
    },
    "use.participation.staff_involved": {
        "prompt": {
            "en": "Who was involved in the decision? (staff, volunteers, works council, "
            "the people affected)",
            "de": "Wer war an der Entscheidung beteiligt? (Mitarbeitende, Ehrenamtliche, "
            "Betriebsrat, Betroffene)",
        },
        "comment": {
            "en": "Who was involved in the decision.",
            "de": "Wer an der Entscheidung beteiligt war.",
        },
    },
    "use.provenance": {
        "comment": {
            "en": "Where the model's training data came from (principle 3).\n"
            "status: known, partial, not_disclosed (provider does not say), unknown or "
            "not_applicable. If not known: say why the use is still acceptable and what you "
            "did to find out.",
            "de": "Woher die Trainingsdaten des Modells stammen (Prinzip 3).\n"
            "status: known (bekannt), partial (teilweise), not_disclosed (Anbieter sagt es "
            "nicht), unknown (unbekannt) oder not_applicable (trifft nicht zu). Wenn nicht "
            "bekannt: begründen, warum der Einsatz trotzdem vertretbar ist und was Sie "
            "unternommen haben, um es herauszufinden.",
        },
    },
    "use.provenance.status": {
        "prompt": {
            "en": "What do you know about where the model's training data came from? {choices}",
            "de": "Was wissen Sie darüber, woher die Trainingsdaten des Modells stammen? {choices}",
        },
    },
    "use.provenance.source": {
        "prompt": {
            "en": "Where is this written down? (URL or document; Enter if nowhere)",
            "de": "Wo steht das? (URL oder Dokument; Enter, wenn nirgends)",
        },
    },
    "use.provenance.justification": {
        "prompt": {
            "en": "Why is the use acceptable although this is not fully known, and what did "
            "you do to find out (e.g. asked the provider on a date)?",
            "de": "Warum ist der Einsatz vertretbar, obwohl das nicht ganz bekannt ist, und "
            "was haben Sie unternommen, um es herauszufinden (z. B. Anbieter am ... angefragt)?",
        },
    },
    "use.labour": {
        "comment": {
            "en": "The human work behind the model: labelling, rating and moderating data, "
            "often by poorly paid click-workers (principle 2).\n"
            "Same statuses as above; if not known, justify.",
            "de": "Die menschliche Arbeit hinter dem Modell: Daten labeln, bewerten und "
            "moderieren, oft durch schlecht bezahlte Klickarbeiter*innen (Prinzip 2).\n"
            "Gleiche Status wie oben; wenn nicht bekannt, begründen.",
        },
    },
    "use.labour.status": {
        "prompt": {
            "en": "What do you know about the human labour behind the model (who labelled, "
            "rated or moderated its data, and under what conditions)? {choices}",
            "de": "Was wissen Sie über die menschliche Arbeit hinter dem Modell (wer hat die "
            "Daten gelabelt, bewertet oder moderiert, und unter welchen Bedingungen)? {choices}",
        },
    },
    "use.labour.source": {
        "prompt": {
            "en": "Where is this written down? (URL or document; Enter if nowhere)",
            "de": "Wo steht das? (URL oder Dokument; Enter, wenn nirgends)",
        },
    },
    "use.labour.justification": {
        "prompt": {
            "en": "Why is the use acceptable although the labour behind it is not fully known, "
            "and what did you do to find out?",
            "de": "Warum ist der Einsatz vertretbar, obwohl die Arbeit dahinter nicht ganz "
            "bekannt ist, und was haben Sie unternommen, um es herauszufinden?",
        },
    },
    "evidence.requested_on": {
        "prompt": {
            "en": "When did you ask the provider? (YYYY-MM-DD; Enter if not yet)",
            "de": "Wann haben Sie beim Anbieter nachgefragt? (JJJJ-MM-TT; Enter, wenn noch nicht)",
        },
    },
    "use.outputs": {
        "comment": {
            "en": "What the AI produces and how it is labelled (principle 3).\n"
            "kind: text, image, video, audio, translation, code, data or decision-support. "
            "ai_share: assisted, substantial or full.",
            "de": "Was die KI erzeugt und wie es gekennzeichnet ist (Prinzip 3).\n"
            "kind: text, image, video, audio, translation, code, data oder decision-support. "
            "ai_share: assisted (unterstützt), substantial (wesentlich) oder full (vollständig).",
        },
    },
    "use.outputs.kind": {
        "prompt": {
            "en": "What does the AI produce? {choices}",
            "de": "Was erzeugt die KI? {choices}",
        },
    },
    "use.outputs.ai_share": {
        "prompt": {
            "en": "How much of it is made by AI? assisted (a little help), substantial or full",
            "de": "Wie viel davon macht die KI? assisted (etwas Hilfe), substantial "
            "(wesentlich) oder full (vollständig)",
        },
    },
    "use.outputs.public": {
        "prompt": {
            "en": "Are the results published or shown to people outside the organisation?",
            "de": "Werden die Ergebnisse veröffentlicht oder Menschen außerhalb der "
            "Organisation gezeigt?",
        },
    },
    "use.outputs.label": {
        "prompt": {
            "en": "How are the results labelled as made with AI? (the label text; Enter if "
            "they are not labelled)",
            "de": "Wie sind die Ergebnisse als KI-erzeugt gekennzeichnet? (der Hinweistext; "
            "Enter, wenn sie nicht gekennzeichnet sind)",
        },
    },
    "use.accountability": {
        "comment": {
            "en": "Who is responsible for this use (principle 6).",
            "de": "Wer für diesen Einsatz verantwortlich ist (Prinzip 6).",
        },
    },
    "use.accountability.owner": {
        "prompt": {
            "en": "Who is responsible for this use? (person or role)",
            "de": "Wer ist für diesen Einsatz verantwortlich? (Person oder Rolle)",
        },
    },
    "use.accountability.incident_process": {
        "comment": {
            "en": "What happens when something goes wrong (asked of uses that people outside "
            "the organisation deal with directly).",
            "de": "Was passiert, wenn etwas schiefgeht (verlangt bei Einsätzen, mit denen "
            "Menschen außerhalb der Organisation selbst zu tun haben).",
        },
    },
    "choice.invalid": {
        "prompt": {
            "en": "Please answer with one of: {choices}",
            "de": "Bitte antworten Sie mit einem von: {choices}",
        },
    },
    "category.invalid": {
        "prompt": {
            "en": "Unknown: {values}. Please use words from the list: {choices}",
            "de": "Unbekannt: {values}. Bitte Wörter aus der Liste verwenden: {choices}",
        },
    },
    "date.invalid": {
        "prompt": {
            "en": "Please give a date as YYYY-MM-DD, e.g. 2027-05-31",
            "de": "Bitte ein Datum als JJJJ-MM-TT angeben, z. B. 2027-05-31",
        },
    },
    "skeleton.organisation": {
        "prompt": {"en": "Name of your organisation", "de": "Name Ihrer Organisation"},
    },
    "skeleton.use_id": {"prompt": {"en": "my-ai-use", "de": "mein-ki-einsatz"}},
}

# --- questions of manifest format 1.1 (issue 16: `init` covers what `check` asks) --------

TEXTS.update(
    {
        "competences": {
            "comment": {
                "en": "What the organisation does to build AI competences (principle 7).",
                "de": "Was die Organisation für KI-Kompetenzen tut (Prinzip 7).",
            },
        },
        "competences.guidance": {
            "prompt": {
                "en": "Where is your internal AI guideline? (file or URL; Enter if there is "
                "none yet)",
                "de": "Wo steht Ihre interne KI-Leitlinie? (Datei oder URL; Enter, wenn es noch "
                "keine gibt)",
            },
            "comment": {
                "en": "Path or URL of the internal AI guideline.",
                "de": "Pfad oder URL der internen KI-Leitlinie.",
            },
        },
        "competences.last_training": {
            "prompt": {
                "en": "When was the last AI training for staff or volunteers? (YYYY-MM-DD; "
                "Enter if none yet)",
                "de": "Wann war die letzte KI-Schulung für Mitarbeitende oder Ehrenamtliche? "
                "(JJJJ-MM-TT; Enter, wenn noch keine)",
            },
            "comment": {
                "en": "Date of the last training; look again at least once a year.",
                "de": "Datum der letzten Schulung; mindestens einmal im Jahr wiederholen.",
            },
        },
        "use.started_on": {
            "comment": {
                "en": "When the use started (or will start).",
                "de": "Wann der Einsatz begonnen hat (oder beginnen soll).",
            },
        },
        "use.interaction": {
            "prompt": {
                "en": "Do people deal with the AI themselves (direct: a chatbot, an assistant "
                "they use), or do they only receive results that staff checked and edited "
                "(indirect: a newsletter draft, a proofread translation)?",
                "de": "Haben Menschen selbst mit der KI zu tun (direct: ein Chatbot, ein "
                "Assistent, den sie nutzen), oder bekommen sie nur Ergebnisse, die "
                "Mitarbeitende geprüft und bearbeitet haben (indirect: ein "
                "Newsletter-Entwurf, eine gegengelesene Übersetzung)?",
            },
            "comment": {
                "en": "direct or indirect. For direct uses, a way without AI, human "
                "oversight and an incident process are asked.",
                "de": "direct (direkt) oder indirect (indirekt). Bei direkten Einsätzen "
                "werden ein Weg ohne KI, menschliche Aufsicht und ein Vorgehen bei Fehlern "
                "verlangt.",
            },
        },
        "use.system.approach": {
            "prompt": {
                "en": "How does the system work? learned (a model trained on data, including "
                "generative AI), rule-based (rules or decision trees written by people) or "
                "simulation (a model of a process set up by people)",
                "de": "Wie arbeitet das System? learned (ein auf Daten trainiertes Modell, auch "
                "generative KI), rule-based (von Menschen geschriebene Regeln oder "
                "Entscheidungsbäume) oder simulation (ein von Menschen aufgestelltes Modell "
                "eines Vorgangs)",
            },
            "comment": {
                "en": "learned (the default), rule-based or simulation. Labour, training "
                "data and resource intensity are asked of learned systems only.",
                "de": "learned (trainiert, Standard), rule-based (regelbasiert) oder "
                "simulation. Arbeit hinter dem Modell, Trainingsdaten und Ressourcenverbrauch "
                "werden nur bei trainierten Systemen gefragt.",
            },
        },
        "use.system.rules_by": {
            "prompt": {
                "en": "Who wrote the rules or the model, and who maintains them now?",
                "de": "Wer hat die Regeln oder das Modell geschrieben, und wer pflegt sie heute?",
            },
            "comment": {
                "en": "For rule-based systems and simulations: who wrote and maintains them.",
                "de": "Bei regelbasierten Systemen und Simulationen: wer sie geschrieben hat "
                "und pflegt.",
            },
        },
        "use.weighing.barriers": {
            "prompt": {
                "en": "Who may find it hard to use or be excluded (language, disability, no "
                "internet, mistrust of AI)?",
                "de": "Wer könnte Schwierigkeiten damit haben oder ausgeschlossen werden "
                "(Sprache, Behinderung, kein Internet, Misstrauen gegenüber KI)?",
            },
            "comment": {
                "en": "Barriers: who may find it hard to use or be excluded.",
                "de": "Barrieren: wer Schwierigkeiten haben oder ausgeschlossen werden könnte.",
            },
        },
        "use.weighing.alternatives": {
            "comment": {
                "en": "Alternatives that were considered; `with_ai: false` marks one without AI.",
                "de": "Geprüfte Alternativen; `with_ai: false` kennzeichnet eine ohne KI.",
            },
        },
        "use.alternative.option": {
            "prompt": {
                "en": "Which alternative did you consider (another tool, more staff time, no "
                "AI at all)?",
                "de": "Welche Alternative haben Sie geprüft (ein anderes Werkzeug, mehr "
                "Arbeitszeit, ganz ohne KI)?",
            },
        },
        "use.alternative.with_ai": {
            "prompt": {
                "en": "Does this alternative use AI too?",
                "de": "Nutzt diese Alternative auch KI?",
            },
        },
        "use.alternative.reason": {
            "prompt": {
                "en": "Why was it not chosen?",
                "de": "Warum wurde sie nicht gewählt?",
            },
        },
        "use.workforce": {
            "comment": {
                "en": "What the use does to the organisation's own staff and volunteers.\n"
                "effect: relief, tasks-changed, hours-reduced, positions-cut, none or unknown; "
                "hours-reduced, positions-cut and unknown need a justification and staff or "
                "works-council participation.",
                "de": "Was der Einsatz für die eigenen Mitarbeitenden und Ehrenamtlichen "
                "bedeutet.\neffect: relief (Entlastung), tasks-changed (veränderte Aufgaben), "
                "hours-reduced (weniger Stunden), positions-cut (Stellen gestrichen), none "
                "(keine) oder unknown (unbekannt); hours-reduced, positions-cut und unknown "
                "brauchen eine Begründung und die Beteiligung der Beschäftigten oder des "
                "Betriebsrats.",
            },
        },
        "use.workforce.effect": {
            "prompt": {
                "en": "What does the use do to your own staff and volunteers? relief, "
                "tasks-changed, hours-reduced, positions-cut, none or unknown",
                "de": "Was bedeutet der Einsatz für Ihre Mitarbeitenden und Ehrenamtlichen? "
                "relief (Entlastung), tasks-changed (veränderte Aufgaben), hours-reduced "
                "(weniger Stunden), positions-cut (Stellen gestrichen), none (nichts) oder "
                "unknown (unbekannt)",
            },
        },
        "use.workforce.freed_time": {
            "prompt": {
                "en": "What does the time that is freed go to?",
                "de": "Wofür wird die frei werdende Zeit genutzt?",
            },
        },
        "use.workforce.justification": {
            "prompt": {
                "en": "Why is this effect acceptable, and what happens for the people concerned?",
                "de": "Warum ist diese Wirkung vertretbar, und was geschieht für die Betroffenen?",
            },
        },
        "use.people.affects_people": {
            "prompt": {
                "en": "Does the use affect people beyond those who operate it?",
                "de": "Betrifft der Einsatz Menschen über die hinaus, die ihn bedienen?",
            },
        },
        "use.people.decisions_about_people": {
            "prompt": {
                "en": "Do its results feed into decisions about people (benefits, "
                "applications, appointments)?",
                "de": "Fließen seine Ergebnisse in Entscheidungen über Menschen ein "
                "(Leistungen, Bewerbungen, Termine)?",
            },
        },
        "use.people.bias_assessment": {
            "prompt": {
                "en": "How did you check whether it disadvantages some people (e.g. tests "
                "with simple language, typos, foreign names)?",
                "de": "Wie haben Sie geprüft, ob der Einsatz manche Menschen benachteiligt "
                "(z. B. Tests mit einfacher Sprache, Tippfehlern, fremd klingenden Namen)?",
            },
        },
        "use.people.groups": {
            "comment": {
                "en": "The risk matrix: group, vulnerable (true/false), harm, likelihood and "
                "severity (low, medium, high), mitigation.",
                "de": "Die Risikomatrix: group (Gruppe), vulnerable (verletzlich: true/false), "
                "harm (Schaden), likelihood (Wahrscheinlichkeit) und severity (Schwere: low, "
                "medium, high), mitigation (Gegenmaßnahme).",
            },
        },
        "use.group.group": {
            "prompt": {
                "en": "Which group of people could be harmed most?",
                "de": "Welche Gruppe von Menschen könnte am ehesten Schaden nehmen?",
            },
        },
        "use.group.vulnerable": {
            "prompt": {
                "en": "Is this group vulnerable (e.g. children, people in crisis, people with "
                "little German)?",
                "de": "Ist diese Gruppe verletzlich (z. B. Kinder, Menschen in Krisen, Menschen "
                "mit wenig Deutschkenntnissen)?",
            },
        },
        "use.group.harm": {
            "prompt": {"en": "What could happen to them?", "de": "Was könnte ihnen passieren?"},
        },
        "use.group.likelihood": {
            "prompt": {
                "en": "How likely is it? low, medium or high",
                "de": "Wie wahrscheinlich ist das? low (gering), medium (mittel) oder high (hoch)",
            },
        },
        "use.group.severity": {
            "prompt": {
                "en": "How severe would it be? low, medium or high",
                "de": "Wie schwer wöge es? low (gering), medium (mittel) oder high (hoch)",
            },
        },
        "use.group.mitigation": {
            "prompt": {
                "en": "What do you do to prevent or lessen it?",
                "de": "Was tun Sie, um es zu verhindern oder abzumildern?",
            },
        },
        "use.participation.affected_consulted": {
            "prompt": {
                "en": "How were the people affected asked or involved?",
                "de": "Wie wurden die Betroffenen gefragt oder beteiligt?",
            },
        },
        "use.participation.works_council": {
            "comment": {
                "en": "If there is a works council: consulted, agreement, not-consulted; "
                "none-exists if there is none.",
                "de": "Falls es einen Betriebsrat gibt: consulted (angehört), agreement "
                "(Vereinbarung), not-consulted (nicht beteiligt); none-exists, wenn es keinen "
                "gibt.",
            },
        },
        "use.data": {
            "comment": {
                "en": "What data goes in: a list of entries with description, personal_data "
                "(true/false), special_categories, legal_basis and leaves_organisation. "
                "Personal data that leaves the organisation needs a legal basis.",
                "de": "Welche Daten hineingehen: eine Liste von Einträgen mit description, "
                "personal_data (true/false), special_categories, legal_basis und "
                "leaves_organisation. Personenbezogene Daten, die die Organisation verlassen, "
                "brauchen eine Rechtsgrundlage.",
            },
        },
        "use.people.human_oversight": {
            "prompt": {
                "en": "How do people oversee the results? always (every result), sampled (a "
                "sample), on-escalation (when a case is passed on) or none",
                "de": "Wie sehen Menschen auf die Ergebnisse? always (jedes Ergebnis), sampled "
                "(Stichproben), on-escalation (wenn ein Fall weitergegeben wird) oder none "
                "(gar nicht)",
            },
            "comment": {
                "en": "always, sampled, on-escalation or none.",
                "de": "always (immer), sampled (Stichproben), on-escalation (bei Weitergabe) "
                "oder none (keine).",
            },
        },
        "use.accountability.incident_process.prompt": {
            "prompt": {
                "en": "What happens when something goes wrong? (who can report it, who acts, "
                "how fast)",
                "de": "Was passiert, wenn etwas schiefgeht? (wer es melden kann, wer handelt, "
                "wie schnell)",
            },
        },
        "use.labour.performed_by": {
            "prompt": {
                "en": "Who did the work? employees, vendor, crowdworkers, volunteers, users "
                "(people whose ratings train it), none or unknown",
                "de": "Wer hat die Arbeit gemacht? employees (Angestellte), vendor "
                "(Dienstleister), crowdworkers, volunteers (Ehrenamtliche), users (Nutzende, "
                "deren Bewertungen es trainieren), none (niemand) oder unknown (unbekannt)",
            },
        },
        "use.labour.fair_pay": {
            "prompt": {
                "en": "Are the workers paid fairly? yes, no or unknown",
                "de": "Werden die Arbeitenden fair bezahlt? yes (ja), no (nein) oder unknown "
                "(unbekannt)",
            },
        },
        "use.labour.pay": {
            "prompt": {
                "en": "What are they paid, as far as you know? (rate and basis; Enter if not "
                "known)",
                "de": "Was bekommen sie, soweit bekannt? (Satz und Grundlage; Enter, wenn "
                "unbekannt)",
            },
        },
        "use.labour.harmful_content": {
            "prompt": {
                "en": "Were workers exposed to violent or abusive content? yes, no or unknown",
                "de": "Waren Arbeitende gewalttätigen oder verletzenden Inhalten ausgesetzt? "
                "yes (ja), no (nein) oder unknown (unbekannt)",
            },
        },
        "use.labour.support": {
            "prompt": {
                "en": "Do those exposed get psychological support? yes, no or unknown",
                "de": "Bekommen die Betroffenen psychologische Unterstützung? yes (ja), no "
                "(nein) oder unknown (unbekannt)",
            },
        },
        "use.labour.worker_channel": {
            "prompt": {
                "en": "How can the workers raise concerns? (union, ombudsperson, complaint "
                "channel – or that none is known and what you asked the provider)",
                "de": "Wie können die Arbeitenden Bedenken äußern? (Gewerkschaft, Ombudsstelle, "
                "Beschwerdeweg – oder dass keiner bekannt ist und was Sie den Anbieter gefragt "
                "haben)",
            },
        },
        "use.labour.na_justification": {
            "prompt": {
                "en": "Why did no one label, rate or moderate anything for this model?",
                "de": "Warum hat niemand für dieses Modell gelabelt, bewertet oder moderiert?",
            },
        },
        "use.environment": {
            "comment": {
                "en": "Energy, water and resources (principle 8). intensity: low, medium or high.",
                "de": "Energie, Wasser und Ressourcen (Prinzip 8). intensity: low (gering), "
                "medium (mittel) oder high (hoch).",
            },
        },
        "use.environment.intensity": {
            "prompt": {
                "en": "How resource-intensive is the use? low (a small model, now and then), "
                "medium or high (images, video, a large model around the clock)",
                "de": "Wie ressourcenintensiv ist der Einsatz? low (kleines Modell, ab und "
                "zu), medium (mittel) oder high (Bilder, Videos, ein großes Modell rund um "
                "die Uhr)",
            },
        },
        "use.environment.justification": {
            "prompt": {
                "en": "Why is the use worth its resource cost, and how do you limit it?",
                "de": "Warum ist der Einsatz seinen Ressourcenverbrauch wert, und wie begrenzen "
                "Sie ihn?",
            },
        },
        "use.environment.lighter_alternative": {
            "prompt": {
                "en": "Which lighter option did you consider (a smaller model, fewer variants, "
                "a photo), and why was it (not) chosen?",
                "de": "Welche sparsamere Option haben Sie geprüft (kleineres Modell, weniger "
                "Varianten, ein Foto), und warum wurde sie (nicht) gewählt?",
            },
        },
        "use.competences": {
            "comment": {
                "en": "Whether the people who operate the use are trained (principle 7).",
                "de": "Ob die Menschen, die den Einsatz bedienen, geschult sind (Prinzip 7).",
            },
        },
        "use.competences.operators_trained": {
            "prompt": {
                "en": "Have the people who operate it been trained (limits of the tool, "
                "spotting invented answers)?",
                "de": "Sind die Menschen, die ihn bedienen, geschult (Grenzen des Werkzeugs, "
                "erfundene Antworten erkennen)?",
            },
        },
        "use.evaluation": {
            "comment": {
                "en": "The learning protocol: assumption, effects, challenges, recommendations "
                "(do / dont), last_evaluated, and dated reflections.",
                "de": "Das Lernprotokoll: assumption (Annahme), effects (Wirkungen), "
                "challenges, recommendations (do / dont), last_evaluated und datierte "
                "reflections.",
            },
        },
        "use.evaluation.last_evaluated": {
            "prompt": {
                "en": "When did you last evaluate the use (e.g. at the end of the pilot)? "
                "(YYYY-MM-DD; Enter if not yet)",
                "de": "Wann haben Sie den Einsatz zuletzt ausgewertet (z. B. am Ende der "
                "Erprobung)? (JJJJ-MM-TT; Enter, wenn noch nicht)",
            },
        },
        "use.evaluation.effects": {
            "prompt": {
                "en": "What did the evaluation show?",
                "de": "Was hat die Auswertung ergeben?",
            },
        },
        "yesno.suffix": {"prompt": {"en": "[y/n]", "de": "[j/n]"}},
        "yesno.invalid": {
            "prompt": {
                "en": "Please answer y (yes) or n (no).",
                "de": "Bitte mit j (ja) oder n (nein) antworten.",
            },
        },
        "email.invalid": {
            "prompt": {
                "en": "'{value}' is not an e-mail address; please write it like "
                "name@example.org (Enter to skip).",
                "de": "„{value}“ ist keine E-Mail-Adresse; bitte in der Form name@beispiel.de "
                "angeben (Enter überspringt).",
            },
        },
        "feedback.invalid": {
            "prompt": {
                "en": "'{value}' is neither an e-mail address nor a web address; please give "
                "one of them (Enter to skip).",
                "de": "„{value}“ ist weder eine E-Mail- noch eine Webadresse; bitte eines davon "
                "angeben (Enter überspringt).",
            },
        },
        "placeholder.invalid": {
            "prompt": {
                "en": "'{value}' is only an example text; please give your real answer (Enter "
                "to skip).",
                "de": "„{value}“ ist nur ein Beispieltext; bitte Ihre echte Antwort angeben "
                "(Enter überspringt).",
            },
        },
    }
)

#: Plain-language explanations of the evidence statuses, shown with the question.
STATUS_CHOICES: dict[str, str] = {
    "en": "1 known, 2 partial (partly known), 3 not_disclosed (the provider does not say), "
    "4 unknown (not asked yet / don't know), 5 not_applicable",
    "de": "1 known (bekannt), 2 partial (teilweise bekannt), 3 not_disclosed (der Anbieter "
    "sagt es nicht), 4 unknown (unbekannt / noch nicht gefragt), 5 not_applicable (trifft "
    "nicht zu)",
}

#: Friendly answers accepted for an evidence status.
STATUS_ALIASES: dict[str, str] = {
    "1": "known", "2": "partial", "3": "not_disclosed", "4": "unknown", "5": "not_applicable",
    "bekannt": "known", "teilweise": "partial", "nicht offengelegt": "not_disclosed",
    "unbekannt": "unknown", "weiß nicht": "unknown", "weiss nicht": "unknown",
    "don't know": "unknown", "dont know": "unknown", "trifft nicht zu": "not_applicable",
    "n/a": "not_applicable", "not disclosed": "not_disclosed", "not applicable": "not_applicable",
}  # fmt: skip


def text(key: str, part: str, lang: str, **values: object) -> str:
    """A prompt or comment from :data:`TEXTS` in ``lang`` (English as fallback)."""
    entry = TEXTS[key][part]
    chosen = entry.get(lang) or entry["en"]
    return chosen.format(**values) if values else chosen


# --- asking -----------------------------------------------------------------------------


class Asker(Protocol):
    """Asks one question and returns the answer (``None`` when skipped)."""

    def text(self, prompt: str, default: str | None = None) -> str | None: ...

    def confirm(self, prompt: str, default: bool) -> bool: ...

    def say(self, message: str) -> None: ...


def _clean(answer: str | None) -> str | None:
    if answer is None:
        return None
    answer = " ".join(answer.split())
    return answer or None


def own_placeholders() -> frozenset[str]:
    """Texts that ``init`` itself writes or shows as examples; never accepted as answers."""
    found: set[str] = set()
    for key in ("skeleton.organisation", "skeleton.use_id"):
        found.update(v.casefold() for v in TEXTS[key]["prompt"].values())
    found.update({"my-project", "ai-use", "name@example.org", "name@beispiel.de"})
    for entry in TEXTS.values():
        found.update(" ".join(v.split()).casefold() for v in entry.get("prompt", {}).values())
    return frozenset(found)


_NOT_IN_ADDRESS = "@\\s<>()\\[\\],;:\"'"
_EMAIL = re.compile(
    rf"^(mailto:)?[^{_NOT_IN_ADDRESS}]+@[^{_NOT_IN_ADDRESS}]+\.[^{_NOT_IN_ADDRESS}.]{{2,}}$"
)
_WEB = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


def ask_text(
    asker: Asker,
    key: str,
    lang: str,
    default: str | None = None,
    check: str | None = None,
) -> str | None:
    """A free-text question; Enter skips it. Own example texts are refused; ``check`` may be
    ``email`` (an e-mail address) or ``contact`` (an e-mail or web address)."""
    placeholders = own_placeholders()
    prompt = text(key, "prompt", lang)
    while True:
        answer = _clean(asker.text(prompt, default))
        if answer is None:
            return None
        if answer.casefold() in placeholders and answer != default:
            asker.say(text("placeholder.invalid", "prompt", lang, value=answer))
            continue
        if check == "email" and not _EMAIL.match(answer):
            asker.say(text("email.invalid", "prompt", lang, value=answer))
            continue
        if check == "contact" and not (_EMAIL.match(answer) or _WEB.match(answer)):
            asker.say(text("feedback.invalid", "prompt", lang, value=answer))
            continue
        return answer


#: Answers to a yes/no question, in either language.
YES_WORDS = frozenset({"y", "yes", "j", "ja"})
NO_WORDS = frozenset({"n", "no", "nein", "nee"})


def ask_yes_no(asker: Asker, key: str, lang: str, default: bool | None) -> bool | None:
    """A yes/no question answered with y/yes/n/no or, in German, j/ja/n/nein."""
    suffix = text("yesno.suffix", "prompt", lang)
    if default is not None:
        yes, no = suffix.strip("[]").split("/")
        suffix = f"[{yes.upper()}/{no}]" if default else f"[{yes}/{no.upper()}]"
    prompt = f"{text(key, 'prompt', lang)} {suffix}"
    while True:
        answer = _clean(asker.text(prompt, None))
        if answer is None:
            return default
        lowered = answer.casefold()
        if lowered in YES_WORDS:
            return True
        if lowered in NO_WORDS:
            return False
        asker.say(text("yesno.invalid", "prompt", lang))


def ask_choice(
    asker: Asker,
    key: str,
    lang: str,
    options: Sequence[str],
    default: str | None,
    aliases: Mapping[str, str] | None = None,
    **values: object,
) -> str | None:
    """A question with a fixed set of answers (asked again until one fits)."""
    prompt = text(key, "prompt", lang, **values)
    while True:
        answer = _clean(asker.text(prompt, default))
        if answer is None:
            return None
        lowered = answer.casefold()
        if aliases and lowered in aliases:
            return aliases[lowered]
        if lowered in options:
            return lowered
        asker.say(text("choice.invalid", "prompt", lang, choices=", ".join(options)))


def ask_date(asker: Asker, key: str, lang: str, default: dt.date | None) -> dt.date | None:
    """A date question (YYYY-MM-DD); Enter skips it."""
    prompt = text(key, "prompt", lang)
    while True:
        answer = _clean(asker.text(prompt, default.isoformat() if default else None))
        if answer is None:
            return None
        try:
            if len(answer) != 10:
                raise ValueError(answer)
            return dt.date.fromisoformat(answer)
        except ValueError:
            asker.say(text("date.invalid", "prompt", lang))


def ask_categories(asker: Asker, lang: str) -> list[str] | None:
    """The categories of a use, from the shipped vocabulary."""
    if lang == "de":
        shown = ", ".join(f"{c} ({CATEGORY_NAMES[c]['de']})" for c in CATEGORIES)
    else:
        shown = ", ".join(CATEGORIES)
    prompt = text("use.categories", "prompt", lang, choices=shown)
    while True:
        answer = _clean(asker.text(prompt, None))
        if answer is None:
            return None
        values = [v.strip().casefold() for v in answer.split(",") if v.strip()]
        unknown = [v for v in values if v not in CATEGORIES]
        if not unknown:
            return list(dict.fromkeys(values)) or None
        asker.say(
            text(
                "category.invalid",
                "prompt",
                lang,
                values=", ".join(unknown),
                choices=", ".join(CATEGORIES),
            )
        )


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months (the day is capped at 28 so every month has it)."""
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, min(day.day, 28))


def slugify(name: str, fallback: str = "ai-use") -> str:
    """A kebab-case id from a human name (``Übersetzung`` -> ``uebersetzung``)."""
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        name = name.replace(src, dst).replace(src.upper(), dst.capitalize())
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = "-".join(words)[:40].strip("-")
    return slug or fallback


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... if it is taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


# --- the manifest tree ------------------------------------------------------------------


@dataclass
class Entry:
    """One key of the manifest: a scalar, a mapping (``children``) or a list (``items``)."""

    key: str
    value: Any = None
    children: list[Entry] | None = None
    items: list[list[Entry]] | list[Any] | None = None
    comment: str | None = None
    #: write an empty list as ``[]`` (otherwise ``key:`` = empty)
    empty_list: bool = False

    def data(self) -> Any:
        if self.children is not None:
            return {c.key: c.data() for c in self.children}
        if self.items is not None:
            return [
                {c.key: c.data() for c in item} if _is_entries(item) else item
                for item in self.items
            ]
        if self.empty_list:
            return []
        return self.value


@dataclass
class Tree:
    """A whole manifest: entries at the top level, plus comment lines above them."""

    entries: list[Entry] = field(default_factory=list)
    header: list[str] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        return {e.key: e.data() for e in self.entries}


def _is_entries(item: Any) -> bool:
    return isinstance(item, list) and all(isinstance(i, Entry) for i in item)


_SAFE_PLAIN = re.compile(r"^[A-Za-zÄÖÜäöüß][\w .,()/&+@äöüÄÖÜß-]*$")
_YAML_WORDS = frozenset(
    {"yes", "no", "true", "false", "on", "off", "y", "n", "null", "none", "~"}
)  # plain scalars YAML 1.1 readers may take for something else


_UNSAFE_CHARS = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]"
)


def _escape_unsafe(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def scalar(value: Any) -> str:
    """A scalar as YAML text that reads back as exactly ``value``."""
    import json

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    string = str(value)
    plain_ok = string == string.strip() and string.casefold() not in _YAML_WORDS
    if plain_ok and _SAFE_PLAIN.match(string):
        return string
    return _UNSAFE_CHARS.sub(_escape_unsafe, json.dumps(string, ensure_ascii=False))


def _comment_lines(comment: str | None, indent: int) -> list[str]:
    if not comment:
        return []
    pad = " " * indent
    lines: list[str] = []
    for paragraph in comment.split("\n"):
        wrapped = textwrap.wrap(
            paragraph, width=max(WIDTH - indent - 2, 40), break_on_hyphens=False
        )
        lines.extend(f"{pad}# {w}" for w in wrapped or [""])
    return lines


def _scalar_lines(prefix: str, value: Any, indent: int) -> list[str]:
    """``prefix`` (e.g. ``key:`` or ``- key:``) followed by the value; long text folded."""
    if isinstance(value, str) and len(value) > 60 and "\n" not in value:
        normal = " ".join(value.split())
        if (
            normal == value
            and not _UNSAFE_CHARS.search(value)
            and not value.startswith(("#", "-", " "))
        ):
            body = textwrap.wrap(
                value,
                width=max(WIDTH - indent - 2, 40),
                break_on_hyphens=False,
                break_long_words=False,
            )
            pad = " " * (indent + 2)
            return [f"{prefix} >-", *(f"{pad}{line}" for line in body)]
    rendered = scalar(value)
    return [f"{prefix} {rendered}" if rendered else prefix]


def _emit(
    entry: Entry, indent: int, dash: bool = False, comment: bool = True, offset: int = 2
) -> list[str]:
    """Lines for ``entry``; with ``dash`` the key is the first of a list item.

    ``offset`` is how far a list's dash is indented below its key (2, or 0 for the compact
    layout ``key:`` / ``- item`` some files use).
    """
    lines = _comment_lines(entry.comment, indent) if comment else []
    pad = " " * indent
    prefix = f"{pad[:-2]}- {entry.key}:" if dash else f"{pad}{entry.key}:"
    if entry.children is not None:
        lines.append(prefix)
        for child in entry.children:
            lines.extend(_emit(child, indent + 2, offset=offset))
        return lines
    if entry.items is not None and entry.items:
        lines.append(prefix)
        for item in entry.items:
            lines.extend(_emit_item(item, indent + offset + 2, offset))
        return lines
    if entry.empty_list:
        lines.append(f"{prefix} []")
        return lines
    lines.extend(_scalar_lines(prefix, entry.value, indent))
    return lines


def _emit_item(item: Any, indent: int, offset: int = 2) -> list[str]:
    """One list item whose keys sit at column ``indent`` (the dash two to the left)."""
    if not _is_entries(item):
        return _scalar_lines(" " * (indent - 2) + "-", item, indent)
    entries: list[Entry] = item
    lines = _comment_lines(entries[0].comment, indent - 2)
    lines.extend(_emit(entries[0], indent, dash=True, comment=False, offset=offset))
    for entry in entries[1:]:
        lines.extend(_emit(entry, indent, offset=offset))
    return lines


def render(tree: Tree, offset: int = 2) -> str:
    """The YAML text of ``tree``; checked to parse back to exactly its data."""
    from ai_coc.read.yaml import parse_document

    lines = list(tree.header)
    for index, entry in enumerate(tree.entries):
        if index and (entry.children is not None or entry.items or entry.comment):
            lines.append("")
        lines.extend(_emit(entry, 0, offset=offset))
    result = "\n".join(lines) + "\n"
    parsed = parse_document(result, "<ai-coc init>").data
    if parsed != tree.data():  # pragma: no cover - a bug in this module, not user error
        raise RuntimeError("the generated manifest does not read back as written")
    return result


def render_use_item(use: list[Entry], offset: int = 2) -> str:
    """A single use as the text of a one-item ``uses:`` list (for :func:`add_use`)."""
    return render(Tree(entries=[Entry("uses", items=[use])]), offset=offset)


# --- answers -> tree --------------------------------------------------------------------


def _c(key: str, lang: str) -> str | None:
    entry = TEXTS.get(key, {}).get("comment")
    return (entry.get(lang) or entry["en"]) if entry else None


def _evidence_entries(answers: Mapping[str, Any], kind: str) -> list[Entry]:
    return [
        Entry("status", answers.get(f"{kind}.status")),
        Entry("source", answers.get(f"{kind}.source")),
        Entry("requested_on", answers.get(f"{kind}.requested_on")),
        Entry("justification", answers.get(f"{kind}.justification")),
    ]


def use_entries(answers: Mapping[str, Any], lang: str, use_id: str) -> list[Entry]:
    """The entries of one use from the answers (missing answers stay empty).

    Every key that an error rule of the built-in pack can ask for is written, empty when it
    was not answered, so that the skeleton shows where each answer goes.
    """
    a = answers
    outputs: list[list[Entry]] | None = None
    if a.get("outputs.kind"):
        label = a.get("outputs.label")
        outputs = [
            [
                Entry("kind", a["outputs.kind"]),
                Entry("ai_share", a.get("outputs.ai_share")),
                Entry("public", a.get("outputs.public")),
                Entry("labelled", bool(label)),
                Entry("label", label),
            ]
        ]
    alternatives: list[list[Entry]] | None = None
    if a.get("alternative.option"):
        alternatives = [
            [
                Entry("option", a["alternative.option"]),
                Entry("with_ai", a.get("alternative.with_ai")),
                Entry("reason_not_chosen", a.get("alternative.reason")),
            ]
        ]
    groups: list[list[Entry]] | None = None
    if a.get("group.group"):
        groups = [
            [
                Entry(key, a.get(f"group.{key}"))
                for key in ("group", "vulnerable", "harm", "likelihood", "severity", "mitigation")
            ]
        ]
    learned = a.get("system.approach") in (None, "learned")
    labour = _evidence_entries(a, "labour")
    labour.extend(
        Entry(key, a.get(f"labour.{key}"))
        for key in (
            "performed_by",
            "fair_pay",
            "pay",
            "harmful_content",
            "support",
            "worker_channel",
        )
    )
    entries = [
        Entry("id", use_id, comment=_c("use.name", lang)),
        Entry("name", a.get("name")),
        Entry("status", a.get("status", "pilot"), comment=_c("use.status", lang)),
        Entry("started_on", a.get("started_on"), comment=_c("use.started_on", lang)),
        Entry("categories", items=a.get("categories") or None, comment=_c("use.categories", lang)),
        Entry("audience", a.get("audience"), comment=_c("use.audience", lang)),
        Entry(
            "system",
            children=[
                Entry("tool", a.get("system.tool"), comment=_c("use.system.tool", lang)),
                Entry("provider", a.get("system.provider")),
                Entry("openness", None, comment=_c("use.system.openness", lang)),
                Entry("hosting", None, comment=_c("use.system.hosting", lang)),
                Entry(
                    "approach", a.get("system.approach"), comment=_c("use.system.approach", lang)
                ),
                Entry(
                    "rules_by", a.get("system.rules_by"), comment=_c("use.system.rules_by", lang)
                ),
            ],
            comment=_c("use.system", lang),
        ),
        Entry("purpose", a.get("purpose"), comment=_c("use.purpose", lang)),
        Entry(
            "weighing",
            children=[
                Entry(
                    "benefits",
                    a.get("weighing.benefits"),
                    comment=_c("use.weighing.benefits", lang),
                ),
                Entry("risks", a.get("weighing.risks"), comment=_c("use.weighing.risks", lang)),
                Entry(
                    "barriers",
                    a.get("weighing.barriers"),
                    comment=_c("use.weighing.barriers", lang),
                ),
                Entry(
                    "non_use", a.get("weighing.non_use"), comment=_c("use.weighing.non_use", lang)
                ),
                Entry(
                    "alternatives",
                    items=alternatives,
                    comment=_c("use.weighing.alternatives", lang),
                ),
                Entry("decided_on", a.get("decided_on")),
                Entry("decided_by", a.get("decided_by")),
            ],
            comment=_c("use.weighing", lang),
        ),
    ]
    entries.append(
        Entry(
            "data",
            children=[Entry("inputs", items=None)],
            comment=_c("use.data", lang),
        )
    )
    if learned:
        entries.append(
            Entry(
                "provenance",
                children=_evidence_entries(a, "provenance"),
                comment=_c("use.provenance", lang),
            )
        )
        entries.append(Entry("labour", children=labour, comment=_c("use.labour", lang)))
    entries.extend(
        [
            Entry("outputs", items=outputs, comment=_c("use.outputs", lang)),
            Entry(
                "people",
                children=[
                    Entry(
                        "interaction",
                        a.get("people.interaction"),
                        comment=_c("use.interaction", lang),
                    ),
                    Entry("affects_people", a.get("people.affects_people")),
                    Entry("decisions_about_people", a.get("people.decisions_about_people")),
                    Entry(
                        "human_oversight",
                        a.get("people.human_oversight"),
                        comment=_c("use.people.human_oversight", lang),
                    ),
                    Entry(
                        "non_ai_alternative",
                        a.get("people.non_ai_alternative"),
                        comment=_c("use.people.non_ai_alternative", lang),
                    ),
                    Entry("bias_assessment", a.get("people.bias_assessment")),
                    Entry("groups", items=groups, comment=_c("use.people.groups", lang)),
                ],
                comment=_c("use.people", lang),
            ),
            Entry(
                "workforce",
                children=[
                    Entry("effect", a.get("workforce.effect")),
                    Entry("freed_time", a.get("workforce.freed_time")),
                    Entry("justification", a.get("workforce.justification")),
                ],
                comment=_c("use.workforce", lang),
            ),
            Entry(
                "participation",
                children=[
                    Entry("staff_involved", a.get("participation.staff_involved")),
                    Entry(
                        "works_council",
                        a.get("participation.works_council"),
                        comment=_c("use.participation.works_council", lang),
                    ),
                    Entry("affected_consulted", a.get("participation.affected_consulted")),
                ],
                comment=_c("use.participation", lang),
            ),
        ]
    )
    if learned:
        entries.append(
            Entry(
                "environment",
                children=[
                    Entry("intensity", a.get("environment.intensity")),
                    Entry("lighter_alternative", a.get("environment.lighter_alternative")),
                    Entry("justification", a.get("environment.justification")),
                ],
                comment=_c("use.environment", lang),
            )
        )
    entries.extend(
        [
            Entry(
                "competences",
                children=[
                    Entry("operators_trained", a.get("competences.operators_trained")),
                ],
                comment=_c("use.competences", lang),
            ),
            Entry(
                "accountability",
                children=[
                    Entry("owner", a.get("accountability.owner")),
                    Entry(
                        "incident_process",
                        a.get("accountability.incident_process"),
                        comment=_c("use.accountability.incident_process", lang),
                    ),
                ],
                comment=_c("use.accountability", lang),
            ),
            Entry(
                "evaluation",
                children=[
                    Entry("effects", a.get("evaluation.effects")),
                    Entry("last_evaluated", a.get("evaluation.last_evaluated")),
                ],
                comment=_c("use.evaluation", lang),
            ),
        ]
    )
    return entries


def manifest_tree(
    answers: Mapping[str, Any],
    lang: str,
    today: dt.date,
    schema_url: str = SCHEMA_URL,
    project: str = "my-project",
) -> Tree:
    """The whole manifest from the answers of :func:`ask_manifest` (or none: a skeleton)."""
    a = answers
    ai_used = bool(a.get("ai_used", True))
    reviewed_by = a.get("review.reviewed_by")
    header = [f"{MODELINE_PREFIX}{schema_url}", *_comment_lines(_c("header", lang), 0), ""]
    entries = [
        Entry("manifest", MANIFEST_VERSION, comment=_c("manifest", lang)),
        Entry(
            "project",
            children=[
                Entry("name", a.get("project.name") or project, comment=_c("project.name", lang)),
                Entry(
                    "organisation",
                    a.get("project.organisation") or text("skeleton.organisation", "prompt", lang),
                    comment=_c("project.organisation", lang),
                ),
                Entry(
                    "description",
                    a.get("project.description"),
                    comment=_c("project.description", lang),
                ),
            ],
            comment=_c("project", lang),
        ),
        Entry(
            "contacts",
            children=[
                Entry(
                    "accountable",
                    children=[
                        Entry("role", a.get("contacts.accountable.role")),
                        Entry("email", a.get("contacts.accountable.email")),
                    ],
                    comment=_c("contacts.accountable.role", lang),
                ),
                Entry(
                    "feedback", a.get("contacts.feedback"), comment=_c("contacts.feedback", lang)
                ),
            ],
            comment=_c("contacts", lang),
        ),
        Entry(
            "review",
            children=[
                Entry("last_reviewed", today if a else None),
                Entry(
                    "next_review_due",
                    a.get("review.next_review_due"),
                    comment=_c("review.next_review_due", lang),
                ),
                Entry(
                    "reviewed_by",
                    items=[p.strip() for p in reviewed_by.split(",") if p.strip()]
                    if reviewed_by
                    else None,
                    comment=_c("review.reviewed_by", lang),
                ),
            ],
            comment=_c("review", lang),
        ),
        Entry(
            "transparency",
            children=[
                Entry(
                    "notice", a.get("transparency.notice"), comment=_c("transparency.notice", lang)
                )
            ],
            comment=_c("transparency", lang),
        ),
        Entry(
            "competences",
            children=[
                Entry(
                    "guidance",
                    a.get("competences.guidance"),
                    comment=_c("competences.guidance", lang),
                ),
                Entry(
                    "last_training",
                    a.get("competences.last_training"),
                    comment=_c("competences.last_training", lang),
                ),
            ],
            comment=_c("competences", lang),
        ),
        Entry("ai_used", ai_used, comment=_c("ai_used", lang)),
    ]
    if ai_used:
        use = a.get("use") or {}
        use_id = slugify(use.get("name") or "", text("skeleton.use_id", "prompt", lang))
        entries.append(
            Entry("uses", items=[use_entries(use, lang, use_id)], comment=_c("uses", lang))
        )
    else:
        entries.append(Entry("uses", empty_list=True, comment=_c("uses", lang)))
        area = a.get("non_uses.area")
        entries.append(
            Entry(
                "non_uses",
                items=[
                    [
                        Entry(
                            "id", slugify(area or "", "no-ai"), comment=_c("non_uses.area", lang)
                        ),
                        Entry("area", area),
                        Entry(
                            "considered",
                            a.get("non_uses.considered"),
                            comment=_c("non_uses.considered", lang),
                        ),
                        Entry(
                            "reasons",
                            a.get("non_uses.reasons"),
                            comment=_c("non_uses.reasons", lang),
                        ),
                        Entry("decided_on", today, comment=_c("non_uses.decided_by", lang)),
                        Entry("decided_by", a.get("non_uses.decided_by")),
                        Entry(
                            "revisit_on",
                            a.get("review.next_review_due"),
                            comment=_c("non_uses.revisit_on", lang),
                        ),
                    ]
                ],
                comment=_c("non_uses", lang),
            )
        )
    return Tree(entries=entries, header=header)


def _ask_evidence(asker: Asker, lang: str, kind: str, use: dict[str, Any]) -> str | None:
    status = ask_choice(
        asker,
        f"use.{kind}.status",
        lang,
        EVIDENCE_STATUSES,
        "unknown",
        STATUS_ALIASES,
        choices=STATUS_CHOICES[lang],
    )
    use[f"{kind}.status"] = status
    use[f"{kind}.source"] = ask_text(asker, f"use.{kind}.source", lang)
    if status in NEEDS_JUSTIFICATION or status is None:
        use[f"{kind}.requested_on"] = ask_date(asker, "evidence.requested_on", lang, None)
        use[f"{kind}.justification"] = ask_text(asker, f"use.{kind}.justification", lang)
    return status


YES_NO_UNKNOWN: tuple[str, ...] = ("yes", "no", "unknown")
YNU_ALIASES: dict[str, str] = {
    "y": "yes", "j": "yes", "ja": "yes", "n": "no", "nein": "no", "nee": "no",
    "unbekannt": "unknown", "weiß nicht": "unknown", "weiss nicht": "unknown",
    "don't know": "unknown", "dont know": "unknown", "?": "unknown",
}  # fmt: skip
PERFORMERS: tuple[str, ...] = (
    "employees", "vendor", "crowdworkers", "volunteers", "users", "none", "unknown",
)  # fmt: skip
WORKFORCE_EFFECTS: tuple[str, ...] = (
    "relief", "tasks-changed", "hours-reduced", "positions-cut", "none", "unknown",
)  # fmt: skip
REDUCTIONS: frozenset[str] = frozenset({"hours-reduced", "positions-cut", "unknown"})
LEVELS: tuple[str, ...] = ("low", "medium", "high")
APPROACHES: tuple[str, ...] = ("learned", "rule-based", "simulation")
OVERSIGHT: tuple[str, ...] = ("always", "sampled", "on-escalation", "none")
INTENSIVE_CATEGORIES: frozenset[str] = frozenset(
    {"image-generation", "video-generation", "audio-generation", "voice-cloning"}
)


def _ask_labour_details(asker: Asker, lang: str, status: str | None, use: dict[str, Any]) -> None:
    if status == "not_applicable":
        use["labour.justification"] = ask_text(asker, "use.labour.na_justification", lang)
        return
    use["labour.performed_by"] = ask_choice(
        asker, "use.labour.performed_by", lang, PERFORMERS, "unknown"
    )
    if use["labour.performed_by"] == "none":
        return
    use["labour.fair_pay"] = ask_choice(
        asker, "use.labour.fair_pay", lang, YES_NO_UNKNOWN, "unknown", YNU_ALIASES
    )
    use["labour.pay"] = ask_text(asker, "use.labour.pay", lang)
    harmful = ask_choice(
        asker, "use.labour.harmful_content", lang, YES_NO_UNKNOWN, "unknown", YNU_ALIASES
    )
    use["labour.harmful_content"] = harmful
    if harmful != "no":
        use["labour.support"] = ask_choice(
            asker, "use.labour.support", lang, YES_NO_UNKNOWN, "unknown", YNU_ALIASES
        )
    use["labour.worker_channel"] = ask_text(asker, "use.labour.worker_channel", lang)


def ask_use(asker: Asker, lang: str, today: dt.date) -> dict[str, Any]:
    """The questions about one AI use (the reflection templates for introducing and using a
    tool), enough to answer everything an error rule of the built-in pack asks."""
    use: dict[str, Any] = {}
    use["system.tool"] = ask_text(asker, "use.system.tool", lang)
    use["system.provider"] = ask_text(asker, "use.system.provider", lang)
    use["name"] = ask_text(asker, "use.name", lang)
    use["purpose"] = ask_text(asker, "use.purpose", lang)
    use["status"] = ask_choice(asker, "use.status", lang, STATUSES, "pilot")
    use["categories"] = ask_categories(asker, lang)
    use["audience"] = ask_choice(asker, "use.audience", lang, AUDIENCES, None)
    categories = set(use["categories"] or ())
    user_facing = use["audience"] not in (None, "internal")
    direct = bool(categories & set(DIRECT_CATEGORIES))
    if user_facing:
        use["people.interaction"] = ask_choice(
            asker,
            "use.interaction",
            lang,
            ("direct", "indirect"),
            "direct" if direct else "indirect",
        )
        direct = use["people.interaction"] == "direct"
    approach = ask_choice(asker, "use.system.approach", lang, APPROACHES, "learned")
    learned = approach in (None, "learned")
    if not learned:
        use["system.approach"] = approach
        use["system.rules_by"] = ask_text(asker, "use.system.rules_by", lang)
    use["weighing.benefits"] = ask_text(asker, "use.weighing.benefits", lang)
    use["weighing.risks"] = ask_text(asker, "use.weighing.risks", lang)
    use["weighing.barriers"] = ask_text(asker, "use.weighing.barriers", lang)
    if user_facing:
        use["people.non_ai_alternative"] = ask_text(asker, "use.people.non_ai_alternative", lang)
    use["weighing.non_use"] = ask_text(asker, "use.weighing.non_use", lang)
    use["alternative.option"] = ask_text(asker, "use.alternative.option", lang)
    if use["alternative.option"]:
        use["alternative.with_ai"] = ask_yes_no(asker, "use.alternative.with_ai", lang, False)
        use["alternative.reason"] = ask_text(asker, "use.alternative.reason", lang)
    use["participation.staff_involved"] = ask_text(asker, "use.participation.staff_involved", lang)
    effect = ask_choice(asker, "use.workforce.effect", lang, WORKFORCE_EFFECTS, None)
    use["workforce.effect"] = effect
    if effect not in (None, "none"):
        use["workforce.freed_time"] = ask_text(asker, "use.workforce.freed_time", lang)
    if effect in REDUCTIONS:
        use["workforce.justification"] = ask_text(asker, "use.workforce.justification", lang)
    affects = ask_yes_no(asker, "use.people.affects_people", lang, user_facing)
    decides = ask_yes_no(asker, "use.people.decisions_about_people", lang, False)
    use["people.affects_people"] = affects
    use["people.decisions_about_people"] = decides
    if affects or decides:
        use["people.bias_assessment"] = ask_text(asker, "use.people.bias_assessment", lang)
        use["group.group"] = ask_text(asker, "use.group.group", lang)
        if use["group.group"]:
            use["group.vulnerable"] = ask_yes_no(asker, "use.group.vulnerable", lang, None)
            use["group.harm"] = ask_text(asker, "use.group.harm", lang)
            use["group.likelihood"] = ask_choice(asker, "use.group.likelihood", lang, LEVELS, None)
            use["group.severity"] = ask_choice(asker, "use.group.severity", lang, LEVELS, None)
            use["group.mitigation"] = ask_text(asker, "use.group.mitigation", lang)
            if use["group.vulnerable"]:
                use["participation.affected_consulted"] = ask_text(
                    asker, "use.participation.affected_consulted", lang
                )
    if (user_facing and direct) or decides:
        use["people.human_oversight"] = ask_choice(
            asker,
            "use.people.human_oversight",
            lang,
            OVERSIGHT,
            "always" if decides else None,
        )
    if user_facing and direct:
        use["accountability.incident_process"] = ask_text(
            asker, "use.accountability.incident_process.prompt", lang
        )
    if learned:
        _ask_evidence(asker, lang, "provenance", use)
        status = _ask_evidence(asker, lang, "labour", use)
        _ask_labour_details(asker, lang, status, use)
    kind_answer = ask_choice(
        asker, "use.outputs.kind", lang, OUTPUT_KINDS, "text", choices=", ".join(OUTPUT_KINDS)
    )
    if kind_answer:
        use["outputs.kind"] = kind_answer
        use["outputs.ai_share"] = ask_choice(asker, "use.outputs.ai_share", lang, AI_SHARES, None)
        use["outputs.public"] = ask_yes_no(asker, "use.outputs.public", lang, False)
        use["outputs.label"] = ask_text(asker, "use.outputs.label", lang)
    if learned:
        intensity = ask_choice(asker, "use.environment.intensity", lang, LEVELS, None)
        use["environment.intensity"] = intensity
        if intensity == "high" or categories & INTENSIVE_CATEGORIES:
            use["environment.justification"] = ask_text(
                asker, "use.environment.justification", lang
            )
            use["environment.lighter_alternative"] = ask_text(
                asker, "use.environment.lighter_alternative", lang
            )
    use["competences.operators_trained"] = ask_yes_no(
        asker, "use.competences.operators_trained", lang, None
    )
    use["accountability.owner"] = ask_text(asker, "use.accountability.owner", lang)
    if use["status"] == "active":
        use["evaluation.last_evaluated"] = ask_date(
            asker, "use.evaluation.last_evaluated", lang, None
        )
        if use["evaluation.last_evaluated"]:
            use["evaluation.effects"] = ask_text(asker, "use.evaluation.effects", lang)
    use["decided_on"] = today
    use["started_on"] = today if use["status"] in ("pilot", "active") else None
    return use


def ask_manifest(asker: Asker, lang: str, today: dt.date, project: str) -> dict[str, Any]:
    """All questions of ``ai-coc init`` in a terminal."""
    answers: dict[str, Any] = {}
    asker.say(text("intro", "prompt", lang))
    answers["project.organisation"] = ask_text(asker, "project.organisation", lang)
    answers["project.name"] = ask_text(asker, "project.name", lang, project)
    answers["project.description"] = ask_text(asker, "project.description", lang)
    answers["contacts.accountable.role"] = ask_text(asker, "contacts.accountable.role", lang)
    answers["contacts.accountable.email"] = ask_text(
        asker, "contacts.accountable.email", lang, check="email"
    )
    answers["contacts.feedback"] = ask_text(asker, "contacts.feedback", lang, check="contact")
    default_notice = "docs/ki-hinweis.md" if lang == "de" else "docs/ai-notice.md"
    answers["transparency.notice"] = ask_text(asker, "transparency.notice", lang, default_notice)
    answers["ai_used"] = ask_yes_no(asker, "ai_used", lang, True)
    if answers["ai_used"]:
        answers["use"] = ask_use(asker, lang, today)
        answers["competences.guidance"] = ask_text(asker, "competences.guidance", lang)
        answers["competences.last_training"] = ask_date(
            asker, "competences.last_training", lang, None
        )
    else:
        answers["non_uses.area"] = ask_text(asker, "non_uses.area", lang)
        answers["non_uses.considered"] = ask_text(asker, "non_uses.considered", lang)
        answers["non_uses.reasons"] = ask_text(asker, "non_uses.reasons", lang)
        answers["non_uses.decided_by"] = ask_text(asker, "non_uses.decided_by", lang)
    answers["review.reviewed_by"] = ask_text(asker, "review.reviewed_by", lang)
    answers["review.next_review_due"] = ask_date(
        asker, "review.next_review_due", lang, add_months(today, 6)
    )
    if answers["ai_used"]:
        answers["use"]["decided_by"] = answers["review.reviewed_by"]
    return answers


# --- adding a use to an existing manifest -----------------------------------------------


def _yaml(mapping: int, sequence: int, offset: int) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _faithful_yaml(original: str) -> tuple[Any, Any, int] | None:
    """A round-trip loader/dumper that writes ``original`` back unchanged, and its tree.

    ruamel.yaml cannot tell a file's indentation by itself, so the common layouts are
    tried in turn (the guess of ``load_yaml_guess_indent`` first); ``None`` if none fits.
    """
    from ruamel.yaml.util import load_yaml_guess_indent

    _, guessed, guessed_offset = load_yaml_guess_indent(original)
    candidates = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1)]
    if guessed and guessed_offset is not None:
        candidates.insert(0, (2, guessed, guessed_offset))
    for mapping, sequence, offset in dict.fromkeys(candidates):
        yaml = _yaml(mapping, sequence, offset)
        tree = yaml.load(original)
        if _dump(yaml, tree) == original:
            return yaml, tree, offset if mapping == 2 and sequence == offset + 2 else 2
    return None


def add_use(
    original: str,
    answers: Mapping[str, Any],
    lang: str,
    today: dt.date,
    file: str = "ai-usage.yaml",
) -> tuple[str, str]:
    """Add one use to the manifest text ``original``; returns (new text, the new use's id).

    The file is loaded and written back with ruamel.yaml's round-trip mode, which keeps
    every comment and the order of keys. Before anything is changed, the unchanged file is
    written back once: if that does not give exactly the same text (an unusual layout), the
    use is not added, so that nothing of the user's file is ever lost. Afterwards the result
    must parse, hold the same data plus the new use, and contain every original line in
    order (only lines were added).
    """
    from ruamel.yaml.comments import CommentedSeq

    from ai_coc.read.yaml import parse_document

    old = parse_document(original, file)
    if not isinstance(old.data, dict) or old.data.get("manifest") != MANIFEST_VERSION:
        raise InputError(
            text("add.not_manifest", "message", lang),
            file=file,
            line=1,
            hint=text("add.not_manifest", "hint", lang),
        )
    if old.data.get("ai_used") is False:
        pos = old.locate(("ai_used",))
        raise InputError(
            text("add.no_ai", "message", lang),
            file=file,
            line=pos.line,
            column=pos.column,
            hint=text("add.no_ai", "hint", lang),
        )
    uses = old.data.get("uses")
    if uses is not None and not isinstance(uses, list):
        pos = old.locate(("uses",))
        raise InputError(
            text("add.uses_not_list", "message", lang), file=file, line=pos.line, column=pos.column
        )
    faithful = _faithful_yaml(original)
    if faithful is None:
        raise InputError(
            text("add.layout", "message", lang), file=file, hint=text("add.layout", "hint", lang)
        )
    yaml, tree, offset = faithful
    taken = {u.get("id") for u in uses or [] if isinstance(u, dict)}
    use_id = unique_id(
        slugify(answers.get("name") or "", text("skeleton.use_id", "prompt", lang)),
        {t for t in taken if isinstance(t, str)},
    )
    entries = use_entries(answers, lang, use_id)
    entries[0].comment = None  # the comment goes above the item, see below
    item = _yaml(2, offset + 2, offset).load(render_use_item(entries, offset))["uses"][0]
    existing = tree.get("uses")
    if isinstance(existing, CommentedSeq) and len(existing):
        existing.append(item)
        seq = existing
    else:
        seq = CommentedSeq([item])
        tree["uses"] = seq
    note = text("use.added", "comment", lang, date=today.isoformat())
    indent = _item_indent(original)
    lines = _comment_lines(f"{note}\n{_c('use.name', lang)}", indent)
    seq.yaml_set_comment_before_after_key(
        len(seq) - 1, before="\n".join(line.strip()[2:] for line in lines), indent=indent
    )
    result = _dump(yaml, tree)
    _verify_added(original, result, old.data, use_id, file, lang)
    return result, use_id


def _item_indent(original: str) -> int:
    match = re.search(r"^uses:[ \t]*\n(?:[ \t]*#.*\n)*([ \t]*)- ", original, re.MULTILINE)
    return len(match.group(1)) if match else 2


def _verify_added(
    original: str, result: str, old_data: dict[str, Any], use_id: str, file: str, lang: str
) -> None:
    import difflib

    from ai_coc.read.yaml import parse_document

    new = parse_document(result, file).data
    new_uses = new.get("uses") or []
    expected = dict(old_data)
    expected["uses"] = [*(old_data.get("uses") or []), *new_uses[-1:]]
    ok = (
        isinstance(new_uses, list)
        and bool(new_uses)
        and new_uses[-1].get("id") == use_id
        and new == expected
        and list(new) == list(expected)
    )
    matcher = difflib.SequenceMatcher(
        a=original.splitlines(), b=result.splitlines(), autojunk=False
    )
    ok = ok and all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())
    if not ok:  # pragma: no cover - guarded by the round-trip test above
        raise InputError(
            text("add.layout", "message", lang), file=file, hint=text("add.layout", "hint", lang)
        )


TEXTS.update(
    {
        "add.not_manifest": {
            "message": {
                "en": "this file is not an ai-coc/v1 manifest",
                "de": "Diese Datei ist kein ai-coc/v1-Manifest",
            },
            "hint": {
                "en": "run `ai-coc init` without --add-use to create a manifest",
                "de": "`ai-coc init` ohne --add-use ausführen, um ein Manifest anzulegen",
            },
        },
        "add.no_ai": {
            "message": {
                "en": "this manifest declares `ai_used: false`, so it cannot list an AI use",
                "de": "Dieses Manifest erklärt `ai_used: false` und kann daher keinen "
                "KI-Einsatz enthalten",
            },
            "hint": {
                "en": "if the project now uses AI, set `ai_used: true` (keep the `non_uses` "
                "entries as a record) and run the command again",
                "de": "Wenn das Projekt jetzt KI einsetzt, `ai_used: true` setzen (die "
                "`non_uses`-Einträge als Nachweis behalten) und den Befehl erneut ausführen",
            },
        },
        "add.uses_not_list": {
            "message": {
                "en": "`uses` must be a list to add a use to it",
                "de": "`uses` muss eine Liste sein, damit ein Einsatz ergänzt werden kann",
            },
        },
        "add.layout": {
            "message": {
                "en": "the file's layout cannot be kept exactly when adding a use, so it was "
                "not changed",
                "de": "Die Gestaltung der Datei ließe sich beim Ergänzen nicht genau erhalten, "
                "daher wurde sie nicht verändert",
            },
            "hint": {
                "en": "indent lists consistently (e.g. two spaces before each `-`), or add the "
                "use by hand: `ai-coc init --no-input --output new.yaml` shows a template",
                "de": "Listen einheitlich einrücken (z. B. zwei Leerzeichen vor jedem `-`) oder "
                "den Einsatz von Hand ergänzen: `ai-coc init --no-input --output neu.yaml` "
                "zeigt eine Vorlage",
            },
        },
    }
)
