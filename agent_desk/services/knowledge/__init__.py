"""The knowledge base: articles with versions, reading them, and searching them as the agent types.

Owns: writing, proposing and publishing (``articles``), reading and the category tree
(``reading``), the desk's search kept in step with the database (``search``), the tantivy index
(``index``), turning typed text into a query (``query``), highlighted snippets (``snippet``),
tokenizing and Markdown to text (``text``), the Markdown folder on disk (``folder_files``) and
importing / exporting it into the database (``folder_import``).
"""
