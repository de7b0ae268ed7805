"""Courier labels (waybills): one QPainter layout for PDF and printers, plus ZPL.

Only ``layout``, ``pdf`` and ``printer`` need Qt (QtGui / QtPrintSupport, no
widgets); ``zpl`` and ``barcode`` are plain Python.
"""
