-- Several application instances on one database (issue 19: a standby on MariaDB Galera).
--
-- The fingerprint of each key every instance must share, so that an instance started with another key
-- refuses to start instead of reading every printed card as unknown. The first instance to start on the
-- schema writes it (insert if absent, then compare). The fingerprint is HMAC-SHA-256 under the key itself
-- of a fixed text no token hash ever covers: it tells whether two keys are the same and nothing usable
-- about the key (see TokenKey).
CREATE TABLE instance_key (
  name        VARCHAR(32) NOT NULL,
  fingerprint BINARY(32)  NOT NULL,
  CONSTRAINT pk_instance_key PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A pending enrollment code's deadline, so that a code shown through one instance can be used through
-- another within its ten minutes. Kept out of the voter-side kiosk table (rule 7 of docs/architecture.md):
-- a row lives only while an administrator's code is pending, is deleted when the code is used, replaced
-- or the tablet revoked, and no part of enrolling or casting writes a time anywhere else.
CREATE TABLE enrollment_deadline (
  kiosk_id   BINARY(16)  NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  CONSTRAINT pk_enrollment_deadline PRIMARY KEY (kiosk_id),
  CONSTRAINT fk_enrollment_deadline_kiosk FOREIGN KEY (kiosk_id) REFERENCES kiosk (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
