"""Shared by the benchmark scripts: machine facts and docs/benchmarks.md
sections delimited by HTML comment markers."""
import os
import platform
import sys


def die(msg):
    sys.stderr.write("error: %s\n" % msg)
    sys.exit(1)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"



def write_section(path, begin_mark, end_mark, section):
    """Replaces the text between the markers in `path` (or appends it)."""
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
    else:
        d = os.path.dirname(path)
        if d:
            os.makedirs(d, exist_ok=True)
        text = "# Benchmarks\n"
    b = text.find(begin_mark)
    e = text.find(end_mark, b + 1) if b >= 0 else -1
    if b >= 0 and e >= 0:
        e += len(end_mark)
        if text[e:e + 1] == "\n":
            e += 1
        text = text[:b] + section + text[e:]
    elif b >= 0 or text.find(end_mark) >= 0:
        die("%s has an unmatched %s / %s marker; fix it by hand"
            % (path, begin_mark, end_mark))
    else:
        if not text.endswith("\n"):
            text += "\n"
        text += "\n" + section
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)
