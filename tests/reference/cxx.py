"""Writing C++ reference headers: shared by the make_*_references.py scripts.

Arrays come out on one line when it fits in 100 columns, else wrapped under
their declaration, so the generated headers read like the rest of the code.
"""
import json

import numpy as np


def width(text):
    # In bytes, as line-width checks count them: 售 is three.
    return len(text.encode("utf-8"))


def wrapped(head, items):
    line = f"{head} = {{{', '.join(items)}}};\n"
    if width(line) <= 101:
        return line
    rows, row = [], "   "
    for item in items:
        if width(row) + width(item) + 2 > 99:
            rows.append(row.rstrip())
            row = "   "
        row += f" {item},"
    rows.append(row[:-1])
    return f"{head} = {{\n" + "\n".join(rows) + "};\n"


def num(v):
    """A double literal; NaN as kNaN (the header that uses it defines it)."""
    v = float(v)
    return "kNaN" if np.isnan(v) else repr(v)


def double_array(name, values):
    return wrapped(f"inline constexpr double {name}[]", [num(v) for v in np.ravel(values)])


def int_array(name, values):
    return wrapped(f"inline constexpr int {name}[]", [str(int(v)) for v in np.ravel(values)])


def string_array(name, values):
    items = [json.dumps(str(v), ensure_ascii=False) for v in values]
    return wrapped(f"inline constexpr const char* {name}[]", items)


def double_value(name, value):
    return f"inline constexpr double {name} = {num(value)};\n"
