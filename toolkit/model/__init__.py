"""Records the lesson build writes and the pages read: standard library only.

Every stored or exchanged record is a dataclass with `to_dict`/`from_dict`, defined once
here: text (`text`), the text profile (`profile`), level estimates (`level`), word cards
(`wordcard`), adapted versions (`adaptation`), good sentences (`sentences`), exercise
items (`items`), the lesson pack and its schema upgrades (`pack`) and the events the
widgets emit (`events`). Importing any of them loads no language tool (tests/test_layers.py).
"""
