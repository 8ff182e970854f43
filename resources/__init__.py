"""RepDesk's resources: the rule set, fonts, icons and compiled translations.

Installed as the package `repdesk_resources` (setup.py maps this folder to that name) so that the program reads them
with importlib.resources wherever it is installed; `desktop.paths.resource()` is the one way in.
"""
