"""magdesk-cli attach add | list | export | delete | check | prune, and
backup --to saying what it carried, on a real demo file."""

import json
import sqlite3

import pytest

from magdesk.cli import main


def run(capsys, *argv, lang="en"):
    code = main(["--lang", lang, *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _keys(path):
    conn = sqlite3.connect(path)
    sale = conn.execute("SELECT doc_no FROM sale_out ORDER BY id LIMIT 1").fetchone()[0]
    decl, line = conn.execute(
        "SELECT customs_decl_no, line_no FROM export_shipment ORDER BY id LIMIT 1").fetchone()
    party = conn.execute("SELECT uscc FROM counterparty WHERE uscc <> '' LIMIT 1").fetchone()[0]
    conn.close()
    return sale, f"{decl}/{line}", party


def test_attach_add_list_export_delete_check_prune(demo_copy, tmp_path, capsys):
    sale, line, party = _keys(demo_copy)
    contract = tmp_path / "合同.pdf"
    contract.write_bytes(b"%PDF-1.4\n" + b"1" * 5000)
    code, out, _ = run(capsys, "attach", "add", "--db", demo_copy, "--to", f"sale:{sale}",
                       "--kind", "contract", contract, "--note", "signed", lang="zh")
    assert code == 0 and "已附加 合同.pdf" in out and sale in out
    code, out, _ = run(capsys, "attach", "add", "--db", demo_copy, "--to", f"export:{line}",
                       "--kind", "end_user_cert", contract)
    assert code == 0 and "stored once" in out
    code, out, _ = run(capsys, "attach", "add", "--db", demo_copy, "--to",
                       f"counterparty:{party}", "--kind", "photo", contract)
    assert code == 0
    code, out, _ = run(capsys, "attach", "list", "--db", demo_copy, "--to", f"sale:{sale}",
                       "--json")
    [listed] = json.loads(out)
    assert (listed["name"], listed["kind"], listed["note"], listed["present"]) == \
        ("合同.pdf", "contract", "signed", True)
    code, out, _ = run(capsys, "attach", "list", "--db", demo_copy, lang="zh")
    assert code == 0 and out.count("合同.pdf") == 3 and "最终用户" in out
    code, out, _ = run(capsys, "attach", "export", "--db", demo_copy, listed["id"], "--out",
                       tmp_path / "out")
    assert code == 0 and (tmp_path / "out" / "合同.pdf").read_bytes() == contract.read_bytes()
    code, out, _ = run(capsys, "attach", "delete", "--db", demo_copy, listed["id"])
    assert code == 0 and "deleted attachment 合同.pdf" in out
    code, _, err = run(capsys, "attach", "delete", "--db", demo_copy, listed["id"])
    assert code == 1 and "no attachment number" in err
    code, out, _ = run(capsys, "attach", "check", "--db", demo_copy)
    assert code == 0 and "2 attachments" in out
    code, out, _ = run(capsys, "attach", "prune", "--db", demo_copy)
    assert code == 0 and "0 B freed" in out  # the other two still name the bytes


def test_attach_refusals_exit_1_with_the_reason(demo_copy, tmp_path, capsys):
    sale, _, _ = _keys(demo_copy)
    missing = tmp_path / "scan.jpg"
    code, _, err = run(capsys, "attach", "add", "--db", demo_copy, "--to", f"sale:{sale}",
                       "--kind", "photo", missing, lang="zh")
    assert code == 1 and "scan.jpg" in err and "未保存" in err
    code, _, err = run(capsys, "attach", "add", "--db", demo_copy, "--to", "sale:NO-SUCH",
                       "--kind", "photo", missing)
    assert code == 1 and "no sale NO-SUCH" in err
    code, _, err = run(capsys, "attach", "list", "--db", demo_copy, "--to", "sale")
    assert code == 1 and "entity:key" in err
    with pytest.raises(SystemExit) as usage:
        run(capsys, "attach", "add", "--db", demo_copy, "--to", f"sale:{sale}", "--kind",
            "invoice", missing)
    assert usage.value.code == 2


def test_a_missing_file_is_named_by_check(demo_copy, tmp_path, capsys):
    sale, _, _ = _keys(demo_copy)
    photo = tmp_path / "p.png"
    photo.write_bytes(b"\x89PNG" + b"0" * 100)
    assert run(capsys, "attach", "add", "--db", demo_copy, "--to", f"sale:{sale}", "--kind",
               "photo", photo)[0] == 0
    store = demo_copy.parent / f"{demo_copy.name}.files"
    for blob in store.rglob("*"):
        if blob.is_file():
            blob.unlink()
    code, out, _ = run(capsys, "attach", "check", "--db", demo_copy)
    assert code == 1 and "missing: 1 p.png" in out and "1 of 1" in out
    code, out, _ = run(capsys, "attach", "list", "--db", demo_copy)
    assert out.rstrip().endswith("!")


def test_backup_to_says_how_many_attachments_it_carried(demo_copy, tmp_path, capsys):
    sale, _, _ = _keys(demo_copy)
    for n in range(2):
        doc = tmp_path / f"{n}.pdf"
        doc.write_bytes(b"%PDF" + bytes([n]) * 2048)
        assert run(capsys, "attach", "add", "--db", demo_copy, "--to", f"sale:{sale}",
                   "--kind", "contract", doc)[0] == 0
    code, out, _ = run(capsys, "backup", "--db", demo_copy, "--to", tmp_path / "usb.sqlite")
    assert code == 0 and "attachments: 2 files" in out
    assert len([p for p in (tmp_path / "usb.sqlite.files").rglob("*") if p.is_file()]) == 2
