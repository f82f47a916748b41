#!/bin/sh
<#-- Makes coturn's TURN REST secrets (the turn_secret rows of its realm in the SQLite userdb) equal to the secret
     files, while coturn runs (docs/deploy.md, "Secret rotation"). Data: store (SecretStore), header. A change to this
     script (e.g. the list of secret files during a rotation) runs it. -->
<#-- turnkit:on-change run /usr/local/sbin/turnkit-sync-secrets -->
# ${header}
# coturn with use-auth-secret and userdb= queries the turn_secret rows of its realm on every authentication, so
# what this script writes takes effect at the next Allocate: no restart, no signal, calls in progress keep their
# allocations. Run by turnkit-bootstrap at first boot and by turnkit deploy whenever a secret file changes.
# python3 (on Ubuntu and Oracle Linux images, stdlib sqlite3): the secrets go from the root-only files into the
# database without ever being an argument of a command (turnadmin -s would show them in ps), and the rows change
# in one transaction, so coturn sees the old set or the new one, never none (WAL mode: never "locked" either).
# Safe to run again.
set -eu
exec /usr/bin/python3 - <<'SYNC'
import os, pwd, sqlite3, sys

DB = "${store.dbFile}"
REALM = "${store.realm}"
OWNER = "${store.owner}"
FILES = [<#list store.secretFiles as f>"${f}"<#sep>, </#sep></#list>]


def fail(message):
    sys.exit("turnkit-sync-secrets: %s; coturn keeps the secrets it had" % message)


want = []
for path in FILES:
    try:
        with open(path, encoding="ascii") as f:
            value = f.readline().strip()
    except (OSError, UnicodeDecodeError) as e:
        fail("cannot read %s: %s" % (path, e))
    if not value:
        fail("%s is empty" % path)
    if value not in want:
        want.append(value)
try:
    user = pwd.getpwnam(OWNER)
except KeyError:
    fail("no user %s: is coturn installed?" % OWNER)
# The database and SQLite's side files belong to coturn's user, and the rest runs as that user, so every file SQLite
# creates (journal, -wal, -shm) is one coturn can open.
state = os.path.dirname(DB)
if not os.path.isdir(state):
    os.makedirs(state, mode=0o750)
if os.stat(state).st_uid != user.pw_uid:
    os.chown(state, user.pw_uid, user.pw_gid)
for side in ("", "-journal", "-wal", "-shm"):
    if os.path.exists(DB + side):
        os.chown(DB + side, user.pw_uid, user.pw_gid)
if os.geteuid() != user.pw_uid:
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
os.umask(0o077)
try:
    db = sqlite3.connect(DB, timeout=30, isolation_level=None)
    try:
        # WAL: coturn's reads (it sets no busy timeout) are never blocked by this write; with a rollback journal a
        # lookup during the commit fails with "database is locked" and that Allocate gets a 401
        if db.execute("PRAGMA journal_mode=WAL").fetchone()[0] != "wal":
            fail("%s: cannot switch to WAL" % DB)
        db.execute("BEGIN IMMEDIATE")
        # coturn's own schema for the table (coturn creates the others when it opens the file)
        db.execute("CREATE TABLE IF NOT EXISTS turn_secret (realm varchar(127) default '', value varchar(256), "
                   "primary key (realm,value))")
        have = [row[0] for row in db.execute("SELECT value FROM turn_secret WHERE realm = ?", (REALM,))]
        added = [v for v in want if v not in have]
        removed = [v for v in have if v not in want]
        db.executemany("INSERT INTO turn_secret (realm, value) VALUES (?, ?)", [(REALM, v) for v in added])
        db.executemany("DELETE FROM turn_secret WHERE realm = ? AND value = ?", [(REALM, v) for v in removed])
        db.execute("COMMIT")
    finally:
        db.close()
except sqlite3.Error as e:
    fail("%s: %s" % (DB, e))
os.chmod(DB, 0o600)
print("turnkit-sync-secrets: realm %s now has %d secret(s) in %s (%d added, %d removed)"
      % (REALM, len(want), DB, len(added), len(removed)), file=sys.stderr)
SYNC
