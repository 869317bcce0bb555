"""The kill test of attaching: a writer attaching a 200 MB file, SIGKILLed at
several moments, never leaves a row without its whole blob, half a blob
under a real name, or a file that fails its checks
(tests/stress/attach_kill.py runs more)."""

from . import attach_kill


def test_writers_killed_while_attaching_a_large_file_leave_it_whole(tmp_path):
    result = attach_kill.run(5, folder=tmp_path, size_mb=200, seed=3, max_wait=2.5,
                             log=lambda *_: None)
    assert result["problems"] == []
    assert result["kills"] == 5 and result["commits"] > 0
