"""The crash test, small: writers SIGKILLed at random moments lose nothing they
reported committed (tests/stress/crash_kill.py runs 200 and more)."""

from . import crash_kill


def test_killed_writers_lose_nothing_committed(tmp_path):
    result = crash_kill.run(10, seed=7, folder=tmp_path, max_wait=0.4, log=lambda *_: None)
    assert result["kills"] == 10 and result["commits"] > 0


def test_writers_killed_during_restores_leave_the_old_or_the_restored_state(tmp_path):
    """Half of these writers' steps are restores (the longest step: a restore
    point, a copy, a rename), so kills land in them; after each the file is
    as it was or as restored, keeps its identity, lists only its own points."""
    result = crash_kill.run(8, seed=11, folder=tmp_path, max_wait=0.4, log=lambda *_: None,
                            mix="restore")
    assert result["where"]["restore"] >= 1 and result["commits"] > 0


def test_killed_migrations_and_repairs_leave_the_old_or_the_new_schema(tmp_path):
    found = crash_kill.run_schema(4, seed=3, folder=tmp_path, max_wait=0.6)
    assert sum(found.values()) == 8


def test_writers_killed_while_saving_templates_leave_each_whole_or_absent(tmp_path):
    """Template saves with a 200 KB sample, defaults and deletions, killed at
    random: after each kill the file opens, passes the integrity check, the
    schema comparison and the audit chain, and every template is whole or
    not there at all."""
    where = crash_kill.run_templates(6, seed=5, folder=tmp_path, max_wait=0.5)
    assert sum(where.values()) == 6 and where["save"] >= 1

