"""Fills a PDF form with pypdf, which writes each field's appearance.
python3 pypdf_fill.py IN.pdf OUT.pdf VALUES.json"""
import json
import sys

from pypdf import PdfReader, PdfWriter

source, target, values = sys.argv[1:4]
values = json.load(open(values, encoding="utf-8"))
writer = PdfWriter(clone_from=PdfReader(source))
for page in writer.pages:
    writer.update_page_form_field_values(page, values, auto_regenerate=False)
writer.write(target)
