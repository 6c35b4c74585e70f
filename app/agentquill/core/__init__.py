"""The Qt-free core, shared by the app and the command line.

Modules: ``text`` (decoding and edits), ``files`` (safe writes, change stamps, crash
recovery), ``agentfile`` (one agent file read whole), ``roundtrip`` (the lossless checks).
Packages, lowest first: ``frontmatter``, ``examples``, ``outline``, ``dialects``, ``lint``,
``render``, ``project``, ``convert``, ``bundle``; each ``__init__`` names its face, the only
names other packages use (``tests/test_layers.py`` holds them to it).
"""
