"""`python -m console.users`: create, disable, enable and list staff accounts.

    python -m console.users create NAME --role reviewer|clinician|admin
    python -m console.users password NAME
    python -m console.users disable NAME
    python -m console.users enable NAME
    python -m console.users list

Passwords are read without echo (or, for scripts, from standard input with
--password-stdin). Every change is written to the audit log as cli:<login>.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from typing import List, Optional

from sqlalchemy import select

from console import audit, auth
from itb import db, settings


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (at least 12 characters): ")
    second = getpass.getpass("Password again: ")
    if first != second:
        raise auth.UserError("The two passwords differ.")
    return first


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m console.users", description="Manage staff console accounts.")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="add a user")
    create.add_argument("username")
    create.add_argument("--role", choices=auth.ROLES, required=True)
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    password = commands.add_parser("password", help="set a new password (ends the user's sessions)")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    for name, text in (("disable", "disable a user (ends their sessions)"), ("enable", "enable a user again")):
        commands.add_parser(name, help=text).add_argument("username")
    commands.add_parser("list", help="list users")
    args = parser.parse_args(argv)

    url = settings.database_url()
    db.upgrade(url)
    actor = audit.cli_actor()
    try:
        with db.session(url) as session:
            if args.command == "list":
                for user in session.execute(select(db.StaffUser).order_by(db.StaffUser.username)).scalars():
                    state = "active" if user.active else "disabled"
                    last = user.last_login_at.isoformat(timespec="minutes") if user.last_login_at else "never"
                    print(f"{user.username:24} {user.role:10} {state:9} last sign-in: {last}")
                return 0
            if args.command == "create":
                user = auth.create_user(session, args.username, read_password(args.password_stdin), args.role,
                                        created_by=actor.username)
                audit.record(session, actor, "users.create", "user", user.username, {"role": user.role})
                print(f"Created {user.username} ({user.role}).")
                return 0
            user = auth.find_user(session, args.username)
            if user is None:
                raise auth.UserError(f"No user called {auth.normalise_username(args.username)}.")
            if args.command == "password":
                auth.set_password(session, user, read_password(args.password_stdin))
                audit.record(session, actor, "users.password", "user", user.username)
                print(f"Password changed for {user.username}; their sessions were ended.")
            else:
                auth.set_active(session, user, args.command == "enable")
                audit.record(session, actor, f"users.{args.command}", "user", user.username)
                print(f"{user.username} is now {'enabled' if args.command == 'enable' else 'disabled'}.")
        return 0
    except auth.UserError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
