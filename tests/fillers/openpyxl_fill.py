"""Fills a unit's form workbook as a user would: values typed into the
cells its defined names point at, nothing else touched.

openpyxl_fill.py FORM.xlsx FILLED.xlsx VALUES.json
VALUES: {"so": 5, …, "rows": [{"ten": …, "tong_so": …, "da_cai": …, "ly_do": …}]}
"""
import json
import sys

import openpyxl
from openpyxl.utils.cell import range_boundaries

form, filled, values = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
workbook = openpyxl.load_workbook(form)


def cells(name):
    (sheet, reference), = workbook.defined_names[name].destinations
    first_column, first_row, _, last_row = range_boundaries(reference.replace("$", ""))
    return workbook[sheet], first_column, first_row, last_row


for name, value in values.items():
    if name == "rows":
        continue
    sheet, column, row, _ = cells(name)
    sheet.cell(row=row, column=column, value=value)
for index, row_values in enumerate(values.get("rows", [])):
    for name, value in row_values.items():
        sheet, column, first, last = cells(name)
        assert first + index <= last, "more rows than the form has"
        sheet.cell(row=first + index, column=column, value=value)
workbook.save(filled)
