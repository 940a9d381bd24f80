"""Building blocks of the questionnaire schema: references, closed mappings, texts.

Shared by kit/schema.py (the top level) and the modules describing its parts
(kit/schema_defs.py, kit/schema_results.py).
"""


class SchemaDrift(RuntimeError):
    """The engine allows other fields than the schema modules describe."""


def ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def closed(
    where: str, what: str, allowed: set[str], properties: dict, required: list[str], **extra
) -> dict:
    """A closed mapping whose properties must be exactly the engine's field set.

    `where` is the module describing it: the file a drift message tells one to edit.
    """
    if set(properties) != set(allowed):
        missing = sorted(set(allowed) - set(properties))
        stale = sorted(set(properties) - set(allowed))
        raise SchemaDrift(
            f"{where}: {what}: the engine allows {', '.join(sorted(allowed))}; "
            f"describe {', '.join(missing) or '-'} and drop {', '.join(stale) or '-'}"
        )
    out = {"type": "object", **extra, "properties": properties}
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def text(description: str, **extra) -> dict:
    return {"$ref": "#/$defs/text", "description": description, **extra}


def optional_text(description: str, **extra) -> dict:
    return {"type": "string", "description": description, **extra}


def ident(description: str, **extra) -> dict:
    return {"$ref": "#/$defs/id", "description": description, **extra}


def score(description: str, **extra) -> dict:
    return {"type": "number", "minimum": 0, "maximum": 100, "description": description, **extra}
