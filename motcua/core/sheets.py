"""What every Excel sheet a province prints shares: A4 landscape, as wide as the page, titles repeated."""


def print_landscape(ws, *, title_rows: str, freeze) -> None:
    """`title_rows` ("5:7") repeat on each printed page; `freeze` is the first cell that scrolls."""
    ws.freeze_panes = freeze
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
