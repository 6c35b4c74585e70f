"""What the plugin directory asks of a published plugin, beyond what Claude Code loads.

``claude plugin validate --strict --profile directory`` (Claude Code 2.1.332) refuses a plugin
without a LICENSE file or an SPDX ``license`` and without a README of at least 40 words; it
warns on a missing description, author or icon; and it advises a README line that installs
the plugin from its marketplace, ``/plugin install NAME --marketplace OWNER/REPO``. This module
writes those parts: licence texts for common SPDX ids (only ever the one the user chose) and a
README that lists what the plugin holds and how to install it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIT = """MIT License

Copyright (c) {year} {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
APACHE = """Copyright {year} {holder}

Licensed under the Apache License, Version 2.0 (the "License");
you may not use these files except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
"""
_BSD_HEAD = """Copyright (c) {year}, {holder}

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.
"""
_BSD_THIRD = """
3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.
"""
_BSD_TAIL = """
THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""
ISC = """ISC License

Copyright (c) {year} {holder}

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
"""
#: SPDX id → the LICENSE text written for it ({year} and {holder} filled in)
TEXTS = {
    "MIT": MIT,
    "Apache-2.0": APACHE,
    "BSD-2-Clause": _BSD_HEAD + _BSD_TAIL,
    "BSD-3-Clause": _BSD_HEAD + _BSD_THIRD + _BSD_TAIL,
    "ISC": ISC,
}
#: the SPDX ids an export knows (the licence list's most used ones); ``LicenseRef-…`` names
#: one's own terms. Claude Code takes any text; a typo would still be a wrong licence.
SPDX_IDS = frozenset(
    {*TEXTS, "0BSD", "AGPL-3.0-only", "AGPL-3.0-or-later", "Artistic-2.0", "BSL-1.0"}
    | {"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "EPL-2.0", "EUPL-1.2", "GPL-2.0-only"}
    | {"GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-2.1-only"}
    | {"LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "MPL-2.0", "Unlicense"}
    | {"Zlib", "BlueOak-1.0.0", "PostgreSQL", "Python-2.0", "UPL-1.0"}
)
_LICENSE_REF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")
MARKETPLACE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.][A-Za-z0-9_.-]*")
MIN_README_WORDS = 40
#: the README's heading for each kind of component
HEADINGS = {
    "agent": ("Agents", "Agent"),
    "skill": ("Skills", "Skill"),
    "command": ("Commands", "Command"),
    "output-style": ("Output styles", "Output style"),
}


@dataclass(frozen=True)
class Item:
    """One thing the plugin holds, as the README lists it."""

    kind: str  # a key of HEADINGS
    name: str
    summary: str


def is_spdx(expression: str) -> bool:
    """Whether ``expression`` is a known SPDX id, ``LicenseRef-…``, or ids joined by
    ``AND``/``OR`` (``MIT OR Apache-2.0``)."""
    ids = re.split(r" (?:AND|OR) ", expression.replace("(", "").replace(")", ""))
    return all(i in SPDX_IDS or _LICENSE_REF.fullmatch(i) for i in ids)


def install_line(plugin: str, marketplace: str) -> str:
    """The line that installs ``plugin`` from the ``OWNER/REPO`` marketplace (Claude Code
    2.1.275 or later), with a placeholder while the marketplace is not known."""
    return f"/plugin install {plugin} --marketplace {marketplace or '<owner>/<repo>'}"


def readme(plugin: str, description: str, items: list[Item], marketplace: str, licence: str) -> str:
    """A README the directory accepts: what the plugin is, what it holds, how to install it
    (the install line the directory advises) and ``licence``, a sentence on its licence."""
    lines = [f"# {plugin}", ""]
    if description:
        lines += [description, ""]
    for kind, (heading, column) in HEADINGS.items():
        rows = sorted(f"| `{i.name}` | {i.summary} |" for i in items if i.kind == kind)
        if rows:
            lines += [f"## {heading}", "", f"| {column} | What it does |", "| --- | --- |"]
            lines += [*rows, ""]
    lines += [
        "## Install",
        "",
        "Install it in Claude Code (2.1.275 or later) from the marketplace that lists it:",
        "",
        f"    {install_line(plugin, marketplace)}",
        "",
        f"Or try it without installing, from the folder that holds it: "
        f"`claude --plugin-dir ./{plugin}`.",
        "",
    ]
    if licence:
        lines += ["## License", "", licence, ""]
    return "\n".join(lines)


def words(text: str) -> int:
    return len(text.split())
