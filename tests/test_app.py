import os
import subprocess
import sys


def test_gui_opens_on_the_demo_and_quits(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MAGDESK_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "magdesk", "--demo", "--quit-after", "200"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "magdesk-demo.sqlite").exists()
