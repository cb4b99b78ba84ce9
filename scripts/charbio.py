"""Reading char-BIO NER files (one `<char> <tag>` per line, a blank line after each
sentence), shared by the evaluation scripts."""


def sentences(path):
    """The sentences of a char-BIO file, as strings (each line split at its last space)."""
    chars = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if chars:
                    yield "".join(chars)
                chars = []
                continue
            chars.append(line.rsplit(" ", 1)[0])
    if chars:
        yield "".join(chars)
