-- Staff accounts and the hash-chained audit log: the first things every other table relies on.
CREATE TABLE staff_account (
  id                   BIGINT       NOT NULL AUTO_INCREMENT,
  username             VARCHAR(64)  NOT NULL,
  display_name         VARCHAR(200) NOT NULL,
  role                 VARCHAR(16)  NOT NULL,
  password_hash        VARCHAR(255) NOT NULL,
  must_change_password BOOLEAN      NOT NULL DEFAULT TRUE,
  enabled              BOOLEAN      NOT NULL DEFAULT TRUE,
  failed_attempts      INT          NOT NULL DEFAULT 0,
  locked_until         TIMESTAMP(6) NULL,
  created_at           TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT pk_staff_account PRIMARY KEY (id),
  CONSTRAINT uq_staff_account_username UNIQUE (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_entry (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  occurred_at    TIMESTAMP(6) NOT NULL,
  actor          VARCHAR(64)  NOT NULL,
  action         VARCHAR(64)  NOT NULL,
  subject        VARCHAR(200) NOT NULL,
  details        TEXT         NOT NULL,
  details_digest CHAR(64)     NOT NULL,
  previous_hash  CHAR(64)     NOT NULL,
  entry_hash     CHAR(64)     NOT NULL,
  CONSTRAINT pk_audit_entry PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row: the hash of the newest audit entry. Locking it serializes appends, so the chain has no forks.
CREATE TABLE audit_head (
  id        TINYINT  NOT NULL,
  last_hash CHAR(64) NOT NULL,
  CONSTRAINT pk_audit_head PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO audit_head (id, last_hash) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000');
