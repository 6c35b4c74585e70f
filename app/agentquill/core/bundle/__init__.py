"""Bundles: agents exported as a Claude Code plugin, a zip, a marketplace or another tool's
folders, and bundles imported into a project, never writing outside the target.

The face other packages use: the modules :mod:`.exporter` (plan and write an export),
:mod:`.importer` (open a bundle, plan and apply an import), :mod:`.manifest` (plugin.json and
marketplace.json), :mod:`.components` (skills, commands and output styles), :mod:`.publish`
(what the plugin directory asks: licence texts, README), :mod:`.icon` (icons checked or drawn),
:mod:`.validator` (Claude Code's own verdict), :mod:`.staging` (writes staged and moved into
place) and :mod:`.zipsafe` (reading zips and folders within limits).
"""

__all__ = [
    "components",
    "exporter",
    "icon",
    "importer",
    "manifest",
    "publish",
    "staging",
    "validator",
    "zipsafe",
]
