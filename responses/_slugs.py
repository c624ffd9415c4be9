"""Random two-word names for flow runs, like Prefect's ``keen-raven``."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from random import SystemRandom

__all__ = ["generate_slug"]

ADJECTIVES: Final = (
    "able", "agile", "amber", "ancient", "arctic", "bold", "brave", "bright", "brisk",
    "calm", "clever", "cosmic", "crimson", "curious", "daring", "dazzling", "eager",
    "elegant", "fancy", "fearless", "festive", "fluffy", "friendly", "gentle", "giant",
    "glowing", "golden", "graceful", "happy", "hidden", "humble", "icy", "jolly",
    "keen", "kind", "lively", "lucky", "marvellous", "mellow", "merry", "mighty",
    "misty", "modest", "noble", "olive", "patient", "polite", "proud", "quick",
    "quiet", "rapid", "resilient", "rustic", "scarlet", "serene", "shiny", "silent",
    "silver", "smart", "spiffy", "steady", "sturdy", "swift", "tidy", "tough",
    "twinkling", "urban", "valiant", "vivid", "wise", "witty", "zealous",
)  # fmt: skip

ANIMALS: Final = (
    "albatross", "alligator", "antelope", "badger", "beaver", "bison", "bobcat",
    "buffalo", "camel", "caracal", "cheetah", "cobra", "condor", "cougar", "coyote",
    "crane", "dingo", "dolphin", "eagle", "falcon", "ferret", "finch", "fox",
    "gazelle", "gecko", "gibbon", "heron", "hyena", "ibex", "iguana", "jackal",
    "jaguar", "kangaroo", "kestrel", "koala", "lemur", "leopard", "lion", "llama",
    "lynx", "mammoth", "marmot", "mink", "moose", "narwhal", "newt", "ocelot",
    "okapi", "orca", "otter", "owl", "panda", "panther", "parrot", "pelican",
    "penguin", "puma", "quail", "rabbit", "raven", "reindeer", "salamander",
    "seal", "shrew", "sparrow", "stork", "swan", "tapir", "tiger", "toucan",
    "turtle", "vole", "walrus", "weasel", "wolf", "wombat", "yak", "zebra",
)  # fmt: skip


@functools.cache
def _system_random() -> SystemRandom:
    import random  # on first use: importing it costs ~2 ms, most programs never call this

    return random.SystemRandom()


def generate_slug() -> str:
    """A random ``adjective-animal`` name."""
    choice = _system_random().choice
    return f"{choice(ADJECTIVES)}-{choice(ANIMALS)}"
