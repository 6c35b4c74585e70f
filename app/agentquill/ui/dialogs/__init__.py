"""Dialogs opened from the menus, each loaded when first used.

Public: ``new_agent.NewAgentDialog`` and ``RenameDialog``, ``export.ExportDialog``,
``import_bundle.ImportDialog``, ``repair_diff.RepairDiffDialog``, ``restore.RestoreDialog``,
``mentions.MentionsDialog``.
"""
