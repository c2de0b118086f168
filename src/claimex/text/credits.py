"""Photo credits that close a paragraph ("© Reuters", "(фото: …)"): the reader keeps them out of
the title, claim extraction out of the claims."""

from __future__ import annotations

import re

CREDIT = re.compile(
    r"©|[(\[](?:фото|photo|ілюстрац|иллюстрац|скриншот|скріншот|колаж|коллаж)[^()\[\]]*[)\]]\s*$", re.IGNORECASE
)
