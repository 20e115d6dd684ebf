# Writes the workbook fixtures of package ingest with tools that are not
# this project's: openpyxl 3.0.10 and odfpy 1.4.1 (Debian 12's
# python3-openpyxl and python3-odf). Run: /usr/bin/python3 make.py
import datetime
import openpyxl
from openpyxl.styles import numbers

wb = openpyxl.Workbook()
cover = wb.active
cover.title = "Cover"
cover["A1"] = "Registered sex offenders whose whereabouts are unknown"
cover["A3"] = "Source: FOI replies, 2020"
t = wb.create_sheet("Table 1")
t["A1"] = "Table 1: missing and registered offenders by force"
t.append([])
t.append(["Force", "As at", "Missing", "Registered"])
rows = [("Cleveland", 12, 1976), ("Durham", 0, 845), ("Northumbria", 31, 3102), ("Cumbria", 0, 612.0000000000001)]
for force, missing, registered in rows:
    t.append([force, datetime.datetime(2020, 3, 31), missing, registered])
for r in range(4, 8):
    t.cell(row=r, column=2).number_format = "dd/mm/yyyy"
    for c in (3, 4):
        # Excel's accounting format: zero is shown as " - "
        t.cell(row=r, column=c).number_format = '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-'
t.row_dimensions[8].hidden = False
# A sheet with a header cell merged across two columns and a hidden row.
m = wb.create_sheet("Merged")
m.append(["Force", "Counts", None])
m.merge_cells("B1:C1")
m.append([None, "Missing", "Registered"])
m.append(["Kent", 7, 1800])
m.append(["Essex", 4, 1700])
m.append(["Surrey", 3, 900])
m.row_dimensions[5].hidden = True
wb.save("figures.xlsx")

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell
from odf.text import P

doc = OpenDocumentSpreadsheet()
notes = Table(name="Notes")
tr = TableRow()
c = TableCell()
c.addElement(P(text="Figures from FOI replies"))
tr.addElement(c)
notes.addElement(tr)
doc.spreadsheet.addElement(notes)
table = Table(name="Figures")
def row(*cells):
    tr = TableRow()
    for v in cells:
        if isinstance(v, str):
            c = TableCell(valuetype="string")
            c.addElement(P(text=v))
        elif isinstance(v, datetime.date):
            c = TableCell(valuetype="date", datevalue=v.isoformat())
            c.addElement(P(text=v.strftime("%d/%m/%Y")))
        else:
            c = TableCell(valuetype="float", value=v)
            c.addElement(P(text=f"{v:,}"))
        tr.addElement(c)
    table.addElement(tr)
row("Force", "Year", "Missing", "Registered")
row("Cleveland", "2019/20", 10, 120)
row("Durham", "2019/20", 5, 80)
row("Northumbria", "2019/20", 20, 1300)
doc.spreadsheet.addElement(table)
doc.save("figures.ods")
