"""A writer's text as it goes into a story: cleaned, and lower-cased mid-sentence
unless it looks like a name (the rules are in kit.engine.stories' module doc)."""

from .stories_template import Paragraph, Slot


def clean_text(text: str, multiline: bool) -> str:
    """A writer's text as it goes into the story (see kit.engine.stories' module doc)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not multiline:
        return " ".join(line.strip() for line in lines if line.strip())
    return "\n".join(lines).strip()


# Template text ending like this starts a sentence (or a quotation) after it.
_SENTENCE_END = '.!?:"“„«(*'


def _mid_sentence(paragraph: Paragraph, row: int, col: int) -> bool:
    """Whether the slot at paragraph[row][col] continues a sentence."""
    pieces = [p for line in paragraph[:row] for p in line] + list(paragraph[row][:col])
    for piece in reversed(pieces):
        if isinstance(piece, Slot):
            return True
        text = piece.rstrip()
        if text:
            return text[-1] not in _SENTENCE_END
    return False  # the paragraph's start


def _looks_like_a_name(text: str) -> bool:
    words = text.split()
    first = words[0]
    letters = [c for c in first if c.isalpha()]
    return (
        len(words) == 1
        or first == "I"
        or first.startswith(("I'", "I’"))
        or (len(letters) > 1 and all(c.isupper() for c in letters))
        or any(c.isupper() for c in first[1:])
        or first.endswith(("'s", "’s"))
        or words[1][:1].isupper()
    )


def in_sentence(text: str) -> str:
    """A field's text as it reads mid-sentence (see kit.engine.stories' module doc)."""
    if not text or not text[0].isupper() or _looks_like_a_name(text):
        return text
    return text[0].lower() + text[1:]
