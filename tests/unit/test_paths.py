import stat
from pathlib import Path

import pytest

from companion.platform import paths


def test_resources_and_migrations_are_found_from_the_checkout():
    assert (paths.resources_dir() / "icons" / "companion.svg").is_file()
    assert (paths.migrations_dir() / "env.py").is_file()


def test_data_dir_argument_beats_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    chosen = paths.resolve_paths(tmp_path / "from-flag")
    assert chosen.data_dir == tmp_path / "from-flag"
    assert chosen.log_dir == tmp_path / "from-flag" / "logs"
    assert paths.resolve_paths(None).data_dir == tmp_path / "from-env"


def test_default_data_dir_is_the_platform_user_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.resolve_paths(None).data_dir == tmp_path / "xdg" / "Companion"


def test_new_data_dir_is_private(tmp_path):
    folder = tmp_path / "new" / "data"
    paths.prepare_private_dir(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_file_is_refused_and_left_alone(tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine")
    with pytest.raises(paths.DataDirError, match="is a file, not a folder"):
        paths.prepare_private_dir(not_a_folder)
    assert not_a_folder.read_text() == "mine"


def test_an_unwritable_place_is_refused_in_plain_words():
    with pytest.raises(paths.DataDirError, match="cannot write to"):
        paths.prepare_private_dir(Path("/proc/companion-test"))


def test_a_shared_existing_folder_keeps_its_mode(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    paths.prepare_private_dir(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
