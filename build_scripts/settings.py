"""An organisation's settings for its kit, read from `extra.kit` in mkdocs.yml.

One place, no code: the anonymity minimum of the team view, for now. Every
problem names the field and what is expected.
"""

from dataclasses import dataclass

from mkdocs.exceptions import PluginError


SUPPORTED_LANGUAGES = ("de",)


@dataclass(frozen=True)
class Settings:
    anonymity_minimum: int = 3
    # Languages besides English that get translated pages (where translations exist).
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES


FIELDS = {"anonymity_minimum", "languages"}


def read(raw) -> Settings:
    if raw is None:
        return Settings()
    if not isinstance(raw, dict):
        raise PluginError("mkdocs.yml: extra.kit: expected a mapping of settings")
    unknown = sorted(set(raw) - FIELDS)
    if unknown:
        known = ", ".join(sorted(FIELDS))
        raise PluginError(f"mkdocs.yml: extra.kit.{unknown[0]}: unknown setting (known: {known})")
    minimum = raw.get("anonymity_minimum", 3)
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise PluginError(
            f"mkdocs.yml: extra.kit.anonymity_minimum: expected a whole number of at least 1, "
            f"got {minimum!r}"
        )
    languages = raw.get("languages", list(SUPPORTED_LANGUAGES))
    if not isinstance(languages, list) or any(x not in SUPPORTED_LANGUAGES for x in languages):
        raise PluginError(
            f"mkdocs.yml: extra.kit.languages: expected a list of language codes from "
            f"{', '.join(SUPPORTED_LANGUAGES)} (English is always built), got {languages!r}"
        )
    return Settings(anonymity_minimum=minimum, languages=tuple(languages))
