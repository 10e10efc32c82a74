"""Who may change what is shared: the corpus folder, the lexicon folder and the corrections.

Without sign-in configured (no ``[auth]`` in ``.streamlit/secrets.toml``) the dashboard is one
person's, on their own machine: they may change everything, as the local user. With it, only a
signed-in editor may (an address listed in ``DASHBOARD_EDITORS``, its e-mail not marked
unverified by the provider); everyone else views, and their uploads and lexicon edits stay in
their browser session.

    >>> access(None, editors={"ed@example.org"}).editor            # no sign-in configured
    True
    >>> access({"is_logged_in": False}, editors={"ed@example.org"}).editor   # a visitor
    False
    >>> a = access({"is_logged_in": True, "email": "Ed@Example.org"}, editors={"ed@example.org"})
    >>> a.who, a.editor
    ('ed@example.org', True)
    >>> access({"is_logged_in": True, "email": "x@example.org"}, editors={"ed@example.org"}).editor
    False
"""

from __future__ import annotations

import functools
import getpass
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LOCAL = "local"


@dataclass(frozen=True)
class Access:
    """What a session may do. ``sign_in`` says whether sign-in is configured, ``signed_in``
    whether this session's user is, ``who`` names them in the audit log (an e-mail address, the
    local user's name, or "" for a visitor), ``editor`` whether they change what is shared."""

    sign_in: bool
    signed_in: bool
    who: str
    editor: bool


@functools.cache
def local_user() -> str:
    """The name of the local user (``local:<login>``), who edits when there is no sign-in: the
    process's, which does not change while it runs."""
    try:
        return f"{LOCAL}:{getpass.getuser()}"
    except Exception:  # no login name (a container with an unknown uid)
        return LOCAL


def access(user: Mapping | None, *, editors: Iterable[str]) -> Access:
    """The access of a session from its user's claims (``st.user`` as a mapping: with sign-in
    configured it holds ``is_logged_in``; without, no such key)."""
    user = dict(user or {})
    if "is_logged_in" not in user:
        return Access(sign_in=False, signed_in=False, who=local_user(), editor=True)
    if not user.get("is_logged_in"):
        return Access(sign_in=True, signed_in=False, who="", editor=False)
    email = str(user.get("email") or "").strip().lower()
    verified = user.get("email_verified") is not False
    editor = bool(email) and verified and email in {e.lower() for e in editors}
    return Access(sign_in=True, signed_in=True, who=email or str(user.get("sub") or ""), editor=editor)
