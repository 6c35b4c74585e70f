"""PySide6 widgets: views of one open file's QTextDocument that edit it through core edits."""
