"""python mapped.py SCRIPT: runs SCRIPT as __main__, then prints the libfwpay and libcurl this
process mapped (also when SCRIPT ends with SystemExit)."""
import re
import runpy
import sys

try:
    runpy.run_path(sys.argv[1], run_name="__main__")
finally:
    with open("/proc/self/maps") as maps:
        files = {fields[5] for fields in (line.split() for line in maps) if len(fields) > 5}
    for file in sorted(files):
        if re.search(r"lib(fwpay|curl)", file):
            print(f"MAPPED {file}")
