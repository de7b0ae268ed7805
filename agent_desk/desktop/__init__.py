"""What the desktop app sets up around its windows: logging, translations, remembered logins,
quitting on a signal, and the scripted agent of the end-to-end test. ``agent_desk.app`` composes them.

Like the app, nothing in the layers imports this package.
"""
