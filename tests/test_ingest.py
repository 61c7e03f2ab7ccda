"""Reading article files: what is accepted exactly as written, and what is refused and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution.ingest import BOM, IngestError, expand_paths, read_article

ARTICLE = "Officials said on Monday that the talks would resume.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_utf8_is_read_as_is(tmp_path: Path) -> None:
    path = write(tmp_path, "story.txt", "Ms. Müller said “no”.\n".encode())
    article = read_article(path)
    assert article.text == "Ms. Müller said “no”.\n"
    assert article.name == "story"
    assert article.path == str(path)


def test_crlf_is_kept_so_offsets_index_the_file_as_read(tmp_path: Path) -> None:
    data = b"Headline\r\n\r\nOfficials said so.\r\n"
    article = read_article(write(tmp_path, "crlf.txt", data))
    assert article.text == "Headline\r\n\r\nOfficials said so.\r\n"
    with open(tmp_path / "crlf.txt", encoding="utf-8", newline="") as fh:
        assert article.text == fh.read()


def test_bom_is_kept_as_the_first_character(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode()))
    assert article.text == BOM + ARTICLE
    with open(tmp_path / "bom.txt", encoding="utf-8", newline="") as fh:
        assert article.text == fh.read()


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\r\n  \n", "contains only whitespace"),
    ("bom-only.txt", b"\xef\xbb\xbf\n\n", "contains only whitespace"),
    ("nul.txt", b"Officials said\x00\x00\x01 so.", "binary file (it contains NUL bytes)"),
    ("controls.txt", bytes(range(1, 9)) * 50 + b"some text", "binary file (400 control bytes"),
    ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file, not plain text"),
    ("doc.docx", b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive or Word/OpenOffice document"),
    ("utf16.txt", "Officials said so.".encode("utf-16"), "UTF-16 text, not UTF-8"),
    ("latin1.txt", "Officials said the café was shut.".encode("latin-1"),
     "not UTF-8: byte 0xE9 at byte offset 22 is invalid"),
    ("page.txt", b"<!DOCTYPE html>\n<html><body><p>Officials said so.</p></body></html>",
     "looks like HTML markup"),
    ("fragment.txt", b"Intro\n<div class='story'><p>Officials said so.</p><p>More.</p></div>",
     "looks like HTML markup"),
])
def test_refused_with_a_reason_and_advice(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(IngestError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {reason}")
    assert message.endswith(")") and "(" in message, "every refusal says what to do, in parentheses"
    assert "\n" not in message


def test_a_tag_mentioned_in_plain_text_is_not_html(tmp_path: Path) -> None:
    text = "The site's <p> tag was broken, the developer said.\n"
    assert read_article(write(tmp_path, "tag.txt", text.encode())).text == text


def test_too_large_names_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", ARTICLE.encode() * 100)
    with pytest.raises(IngestError, match=r"too large: 5,400 bytes, the limit is 1,000 \(split it"):
        read_article(path, max_bytes=1000)
    assert read_article(path, max_bytes=5400).text == ARTICLE * 100


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nope\.txt: no such file \(check the path\)"):
        read_article(tmp_path / "nope.txt")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 0 would not stop root (CI containers), so the refusal is simulated.
    path = write(tmp_path, "locked.txt", ARTICLE.encode())

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(IngestError, match=r"locked\.txt: cannot be read: Permission denied \(check"):
        read_article(path)


def test_folder_without_txt_files(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x")
    assert list(expand_paths([tmp_path])) == [tmp_path]
    with pytest.raises(IngestError, match="a folder with no .txt or .html files in it"):
        read_article(tmp_path)


def test_folders_expand_to_their_articles_at_any_depth_sorted_and_once(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md", "e.HTML"):
        (tmp_path / name).write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text(ARTICLE)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(ARTICLE)
    (tmp_path / ".journal.txt").write_text(ARTICLE)
    expanded = list(expand_paths([tmp_path, tmp_path / "a.txt", tmp_path / "missing.txt"]))
    assert expanded == [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "e.HTML", tmp_path / "sub" / "d.txt",
                        tmp_path / "missing.txt"]
