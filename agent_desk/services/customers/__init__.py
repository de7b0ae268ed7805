"""Customers: the customer record, finding it, and the one way to create and edit it.

Owns: the record types and how a record is read (``records``: card, phones, addresses, last
orders and calls, open follow-ups), search and opening a record with phones masked per role and
every opening logged (``search``), and creating and editing with the role check, length checks
and the edit log (``editing``). The pop, the Customers workspace and order entry all use these.
"""
