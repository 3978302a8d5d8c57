"""Spreadsheet imports: XLSX and CSV as offices save them, previewed, written through the apps' services, undone as a batch."""
