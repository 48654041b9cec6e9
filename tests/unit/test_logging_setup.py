import logging
import stat

from companion.platform.logging_setup import configure_logging


def test_log_file_is_private_and_rotates(tmp_path):
    log_file = tmp_path / "logs" / "companion.log"
    handler = configure_logging(log_file)
    try:
        logging.getLogger("companion.test").info("started")
        handler.flush()
        assert "started" in log_file.read_text()
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700
        assert handler.maxBytes > 0 and handler.backupCount >= 1
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
