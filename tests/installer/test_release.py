"""The release's build scripts, read without running them: the Windows
workflow, the scripts it shares with .ci/run, the pinned wheels, and the
glibc check run on real ELF files."""

import re
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def commands() -> list[str]:
    job = workflow()["jobs"]["installer"]
    return [step["run"] for step in job["steps"] if "run" in step]


def test_the_windows_workflow_builds_installs_runs_and_uploads():
    flow = workflow()
    job = flow["jobs"]["installer"]
    assert job["runs-on"].startswith("windows")
    assert job["defaults"]["run"]["shell"] == "bash"  # the scripts .ci/run runs, as they are
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload"))
    assert upload["with"]["path"].endswith("-setup.exe")
    run = "\n".join(commands())
    order = ["-c installer/pins.txt", "pytest -q -p no:cacheprovider tests/windows",
             "bash installer/build.sh", "bash installer/windows/build-installer.sh",
             "/S '/D=C:\\magdesk-ci'", "bash installer/smoke-run.sh /c/magdesk-ci",
             "uninstall.exe /S"]
    places = [run.find(part) for part in order]
    assert -1 not in places and places == sorted(places), dict(zip(order, places, strict=True))
    # YAML reads "on" as the key True: both push and pull requests run it
    triggers = flow.get("on", flow.get(True))
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)


def test_every_script_the_workflow_runs_is_run_by_ci_on_linux():
    scripts = set(re.findall(r"bash (installer/[\w/.-]+\.sh)", "\n".join(commands())))
    assert scripts == {"installer/build.sh", "installer/windows/build-installer.sh",
                       "installer/smoke-run.sh"}
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    reached = set(re.findall(r"bash (installer/[\w/.-]+\.sh)", ci))
    for script in list(reached):  # and what those scripts run in turn
        reached |= set(re.findall(r"bash (installer/[\w/.-]+\.sh)",
                                  (ROOT / script).read_text(encoding="utf-8")))
    assert scripts <= reached, scripts - reached
    for script in scripts | reached:
        assert (ROOT / script).is_file(), script


def pins(name: str) -> dict[str, str]:
    out = {}
    for line in (ROOT / "installer" / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            package, version = line.split("==")
            out[package.lower().replace("_", "-")] = version
    return out


def test_both_bundles_pin_the_same_wheels_but_qt():
    main, old = pins("pins.txt"), pins("linux/pins-glibc2.31.txt")
    for package in ("pyside6-essentials", "shiboken6"):
        assert main[package].startswith("6.11") and old[package].startswith("6.9")
    for package, version in old.items():
        # (setuptools builds magdesk itself in the bullseye root, offline)
        if package not in ("pyside6-essentials", "shiboken6", "setuptools"):
            assert main.get(package) == version, package
    for runtime in ("sqlite-utils", "openpyxl", "python-calamine", "xlsxwriter", "rapidfuzz",
                    "defusedxml", "pyinstaller"):
        assert runtime in old


def test_the_glibc_check_names_a_file_that_needs_a_newer_glibc(tmp_path):
    shutil.copy("/bin/ls", tmp_path / "ls")
    (tmp_path / "notes.txt").write_text("not an ELF file")
    script = ROOT / "installer" / "linux" / "glibc-check.sh"
    ok = subprocess.run(["bash", str(script), str(tmp_path), "99.0"], capture_output=True,
                        text=True)
    assert ok.returncode == 0 and "1 ELF files" in ok.stdout, ok.stdout + ok.stderr
    newest = re.search(r"newest GLIBC_([\d.]+)", ok.stdout).group(1)
    bad = subprocess.run(["bash", str(script), str(tmp_path), "2.2.5"], capture_output=True,
                         text=True)
    assert bad.returncode == 1
    assert f"{tmp_path / 'ls'} needs GLIBC_{newest}" in bad.stderr
