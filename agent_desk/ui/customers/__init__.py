"""The Customers workspace: search, open, edit and create customer records."""
