"""The clerk's rules enforced by a PostgreSQL server: period locks and the
audit trail as PL/pgSQL triggers, made from the definitions the SQLite
triggers are made from (``migrations.LOCKED``, ``migrations.AUDITED``), so a
program that writes to the server without magdesk can neither change a
filed month nor write unrecorded.

- **Period locks**: a row of a table ``LOCKED`` names, inserted, changed or
  deleted in (or into) a month whose ``period.state = 'FILED'``, is refused
  with the message SQLite raises, ``period.locked``.  SQLite leaves inserts
  to the repository (a row trigger would double a bulk import there); a
  server cannot trust its clients, so here inserts are checked too.
- **Audit**: every insert, update (of an audited column) and delete of an
  ``AUDITED`` table appends the ``audit_log`` entry SQLite's triggers write
  (the same action, entity, record, business key, and old/new as compact
  JSON objects of the columns, an update's of the changed ones only).  Who:
  the session's settings ``magdesk.app`` and ``magdesk.clerk``
  (``set_config``; a session that sets none is another program, ``app =
  0``), and in ``os_user`` the login the server authenticated
  (``session_user``), which no client can set: a clerk's name typed by
  someone else still shows whose login wrote.
- **Sealing on the server**: the entry is sealed into the hash chain in the
  same transaction, with ``prev_hash``/``entry_hash`` computed as
  ``storage.audit.entry_hash`` does (the JSON text is built to be
  byte-identical to Python's ``json.dumps(..., ensure_ascii=False,
  separators=(",", ":"))``: PostgreSQL's ``to_json`` escapes a string as
  Python does), kind ``tx`` for an entry of a magdesk session and ``late``
  for another program's (and for any entry found unsealed before it), and
  ``audit_head`` moved along an intact end when the transaction commits.
  Entries are numbered and sealed under a transaction-level advisory lock,
  so the writers of the chain take turns until they commit and never fork
  it; the number is the
  next after the log, the seals and the head (not a sequence, which a
  rolled-back transaction would leave a gap in).  A writer in a
  repeatable-read or serializable transaction whose snapshot predates
  another's entries is refused with a serialization failure
  (``audit.chain_moved``, SQLSTATE 40001): it retries, as for any conflict.

Installed by ``install`` after a copy's rows (the copied history stays as
it was); a copy back to SQLite reads rows only, and the new file gets
SQLite's own triggers."""

from __future__ import annotations

from .. import totals
from ..audit import GENESIS
from ..migrations import APPLICATION_ID, AUDITED, LOCKED
from . import notify

CHAIN_LOCK = APPLICATION_ID  # the advisory lock's key: one chain per database
_FUNCTION = "magdesk_"

# The chain's functions read its tables by their keys only: planned with no
# sequential scan, so that statistics taken while the log was small (a copy's
# fresh tables, a long transaction's growth) cannot turn each entry into a scan.
_APPEND = f"""
CREATE OR REPLACE FUNCTION {_FUNCTION}audit_append(
    p_action text, p_entity text, p_record text, p_key text, p_old text, p_new text)
RETURNS void LANGUAGE plpgsql SET enable_seqscan = off AS $fn$
DECLARE
    v_app bigint := CASE WHEN current_setting('magdesk.app', true) = '1' THEN 1 ELSE 0 END;
    v_seq bigint;
BEGIN
    -- Held until the transaction ends: the next writer numbers after this one's entries.
    PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
    SELECT greatest((SELECT max(seq) FROM audit_log), (SELECT max(seq) FROM audit_seal),
                    (SELECT seq FROM audit_head WHERE id = 1), 0) + 1 INTO v_seq;
    IF current_setting('transaction_isolation') = 'read committed' THEN
        PERFORM {_FUNCTION}audit_insert(v_seq, v_app, p_action, p_entity, p_record, p_key,
                                        p_old, p_new);
    ELSE
        -- An older snapshot may not see the entries of a writer that committed since: the
        -- number is then taken, and the client is told to retry, as for any such conflict.
        BEGIN
            PERFORM {_FUNCTION}audit_insert(v_seq, v_app, p_action, p_entity, p_record,
                                            p_key, p_old, p_new);
        EXCEPTION WHEN unique_violation THEN
            RAISE EXCEPTION 'audit.chain_moved' USING ERRCODE = 'serialization_failure';
        END;
    END IF;
    PERFORM {_FUNCTION}audit_seal(v_seq);
END $fn$"""

_INSERT = f"""
CREATE OR REPLACE FUNCTION {_FUNCTION}audit_insert(
    p_seq bigint, p_app bigint, p_action text, p_entity text, p_record text, p_key text,
    p_old text, p_new text)
RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO audit_log (seq, at, app, clerk, os_user, action, entity, record, record_key,
                           old, new)
    VALUES (p_seq,
            to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            p_app, coalesce(current_setting('magdesk.clerk', true), ''),
            session_user::text,
            p_action, p_entity, p_record, p_key, p_old, p_new)
$fn$"""

_HASHED = ("'[' || e.seq || ',' || to_json(e.at) || ',' || e.app || ',' || to_json(e.clerk) "
           "|| ',' || to_json(e.os_user) || ',' || to_json(e.action) || ',' "
           "|| to_json(e.entity) || ',' || to_json(e.record) || ',' "
           "|| coalesce(to_json(e.record_key)::text, 'null') || ',' "
           "|| coalesce(to_json(e.old)::text, 'null') || ',' "
           "|| coalesce(to_json(e.new)::text, 'null') || ',' "
           "|| to_json(v_kind) || ',' || to_json(v_prev) || ']'")

_SEAL = f"""
CREATE OR REPLACE FUNCTION {_FUNCTION}audit_seal(p_own bigint)
RETURNS void LANGUAGE plpgsql SET enable_seqscan = off AS $fn$
DECLARE
    v_last bigint := 0;
    v_last_hash text := '{GENESIS}';
    v_prev text;
    v_kind text;
    v_hash text;
    e record;
BEGIN
    SELECT seq, entry_hash INTO v_last, v_last_hash FROM audit_seal ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        v_last := 0;
        v_last_hash := '{GENESIS}';
    END IF;
    v_prev := v_last_hash;
    -- Where the head must stand for this transaction to move it (audit_head_moves, at commit).
    IF coalesce(current_setting('magdesk.head_from', true), '') = '' THEN
        PERFORM set_config('magdesk.head_from', v_last || ':' || v_last_hash, true);
    END IF;
    -- As storage.audit.seal: every entry after the last sealed one, in order.
    -- Bounded on both sides, so that a plan made once reads the key's index at any size.
    FOR e IN SELECT * FROM audit_log WHERE seq > v_last AND seq <= p_own ORDER BY seq LOOP
        v_kind := CASE WHEN e.seq = p_own AND e.app = 1 THEN 'tx' ELSE 'late' END;
        v_hash := encode(sha256(convert_to({_HASHED}, 'UTF8')), 'hex');
        INSERT INTO audit_seal (seq, seal, prev_hash, entry_hash)
        VALUES (e.seq, v_kind, v_prev, v_hash);
        v_prev := v_hash;
    END LOOP;
END $fn$"""

# The head moves once per transaction, at its commit (a row updated at every
# entry of a long transaction would cost more with each), to its last seal,
# and only along an intact end: a head that does not match stays, as evidence.
_HEAD = f"""
CREATE OR REPLACE FUNCTION {_FUNCTION}audit_head() RETURNS trigger
LANGUAGE plpgsql SET enable_seqscan = off AS $fn$
BEGIN
    IF NEW.seq = (SELECT max(seq) FROM audit_seal) THEN
        UPDATE audit_head SET seq = NEW.seq, hash = NEW.entry_hash
        WHERE id = 1 AND seq || ':' || hash = current_setting('magdesk.head_from', true);
        IF FOUND THEN  -- moved now (SET CONSTRAINTS … IMMEDIATE): the next move starts here
            PERFORM set_config('magdesk.head_from', NEW.seq || ':' || NEW.entry_hash, true);
        END IF;
    END IF;
    RETURN NULL;
END $fn$"""
_HEAD_TRIGGER = ("CREATE CONSTRAINT TRIGGER audit_head_moves AFTER INSERT ON audit_seal "
                 f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}audit_head()")


def _months_locked(table: str, row: str) -> str:
    months = LOCKED[table].format(row=row)
    return f"EXISTS (SELECT 1 FROM period WHERE state = 'FILED' AND period IN ({months}))"


def lock_statements(table: str) -> tuple[str, ...]:
    """The function and trigger refusing a change of ``table`` in a filed month."""
    function = f"{_FUNCTION}lock_{table}"
    body = (f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
            "BEGIN\n"
            f"    IF TG_OP <> 'DELETE' AND {_months_locked(table, 'NEW')} THEN\n"
            "        RAISE EXCEPTION 'period.locked';\n    END IF;\n"
            f"    IF TG_OP <> 'INSERT' AND {_months_locked(table, 'OLD')} THEN\n"
            "        RAISE EXCEPTION 'period.locked';\n    END IF;\n"
            "    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n"
            "    RETURN NEW;\nEND $fn$")
    return (body,
            f"CREATE TRIGGER {table}_locked BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()")


def _json_object(row: str, columns: tuple[str, ...], only_changed: bool) -> str:
    """SQL of the compact JSON object SQLite's ``json_object`` (or, of the
    changed columns, ``json_group_object``) writes of ``row``."""
    parts = []
    for c in columns:
        pair = f"'\"{c}\":' || coalesce(to_json({row}.{c})::text, 'null')"
        if only_changed:
            pair = f"CASE WHEN OLD.{c} IS DISTINCT FROM NEW.{c} THEN {pair} END"
        parts.append(pair)
    return f"'{{' || concat_ws(',', {', '.join(parts)}) || '}}'"


def audit_statements(table: str) -> tuple[str, ...]:
    """The function and triggers writing ``table``'s audit entries."""
    rid, key, columns = AUDITED[table]
    function = f"{_FUNCTION}audit_{table}"

    def append(action: str, row: str, old: str, new: str) -> str:
        key_sql = f"CAST({key.format(r=row)} AS text)" if key else "NULL"
        return (f"PERFORM {_FUNCTION}audit_append('{action}', '{table}', "
                f"CAST({rid.format(r=row)} AS text), {key_sql}, {old}, {new});")

    body = (f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
            "BEGIN\n    IF TG_OP = 'INSERT' THEN\n        "
            + append("INSERT", "NEW", "NULL", _json_object("NEW", columns, False))
            + "\n    ELSIF TG_OP = 'UPDATE' THEN\n        "
            + append("UPDATE", "NEW", _json_object("OLD", columns, True),
                     _json_object("NEW", columns, True))
            + "\n    ELSE\n        "
            + append("DELETE", "OLD", _json_object("OLD", columns, False), "NULL")
            + "\n    END IF;\n    RETURN NULL;\nEND $fn$")
    # As SQLite's: an update that changes no audited column writes nothing.
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
    run = f"FOR EACH ROW EXECUTE FUNCTION {function}()"
    return (body,
            f"CREATE TRIGGER audit_{table}_insert AFTER INSERT ON {table} {run}",
            f"CREATE TRIGGER audit_{table}_update AFTER UPDATE ON {table} "
            f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER audit_{table}_delete AFTER DELETE ON {table} {run}")


def movement_statements() -> tuple[str, ...]:
    """The functions and triggers keeping the monthly movement totals, of
    the statements SQLite's triggers run (``storage/totals.py``); run as
    their owner (``roles``): no client writes the totals."""
    out = []
    for table, event, timing, columns, body in totals.RULES:
        name = totals.trigger_name(table, event)
        done = "RETURN OLD" if timing == "BEFORE" else "RETURN NULL"  # a BEFORE DELETE goes on
        out.append(f"CREATE OR REPLACE FUNCTION {_FUNCTION}{name}() RETURNS trigger "
                   "LANGUAGE plpgsql AS $fn$\nBEGIN\n    "
                   + ";\n    ".join(body) + f";\n    {done};\nEND $fn$")
        of = f" OF {', '.join(columns)}" if columns else ""
        out.append(f"CREATE TRIGGER {name} {timing} {event}{of} ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}{name}()")
    return tuple(out)


def statements() -> tuple[str, ...]:
    """Everything ``install`` runs, in order."""
    out = [_INSERT, _SEAL, _APPEND, _HEAD, _HEAD_TRIGGER, *movement_statements()]
    for table in LOCKED:
        out += lock_statements(table)
    for table in AUDITED:
        out += audit_statements(table)
    return tuple(out)


def install(pg) -> None:
    """Create the rules' functions and triggers on the server database of
    ``pg`` (inside the caller's transaction: after a copy's rows)."""
    for statement in statements():
        pg.execute(statement)
    notify.install(pg)  # other clerks' changes said to the windows open on it


__all__ = ["CHAIN_LOCK", "audit_statements", "install", "lock_statements", "movement_statements",
           "statements"]
