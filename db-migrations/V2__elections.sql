-- A conference (election), what its ballot lists, who votes, who counts, and the preparation checklist.
CREATE TABLE election (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  title        VARCHAR(500) NOT NULL,
  body         VARCHAR(300) NOT NULL,
  place        VARCHAR(300) NOT NULL,
  starts_at    DATETIME     NOT NULL,
  ballot_kind  VARCHAR(16)  NOT NULL,
  rule_set     VARCHAR(32)  NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  threshold_k  INT          NOT NULL DEFAULT 1,
  created_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT pk_election PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE candidate (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  election_id  BIGINT       NOT NULL,
  ordinal      INT          NOT NULL,
  full_name    VARCHAR(200) NOT NULL,
  job_title    VARCHAR(500) NOT NULL,
  CONSTRAINT pk_candidate PRIMARY KEY (id),
  CONSTRAINT fk_candidate_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_candidate_election ON candidate (election_id, ordinal);

CREATE TABLE voter (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  election_id  BIGINT       NOT NULL,
  ordinal      INT          NOT NULL,
  full_name    VARCHAR(200) NOT NULL,
  job_title    VARCHAR(500) NOT NULL,
  organisation VARCHAR(500) NOT NULL,
  CONSTRAINT pk_voter PRIMARY KEY (id),
  CONSTRAINT fk_voter_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_voter_election ON voter (election_id, ordinal);

CREATE TABLE teller (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  election_id  BIGINT       NOT NULL,
  seat         INT          NOT NULL,
  full_name    VARCHAR(200) NOT NULL,
  is_head      BOOLEAN      NOT NULL DEFAULT FALSE,
  CONSTRAINT pk_teller PRIMARY KEY (id),
  CONSTRAINT fk_teller_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE,
  CONSTRAINT uq_teller_seat UNIQUE (election_id, seat)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE checklist_item (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  election_id  BIGINT       NOT NULL,
  step         VARCHAR(32)  NOT NULL,
  due_date     DATE         NOT NULL,
  done_at      TIMESTAMP(6) NULL,
  done_by      VARCHAR(64)  NULL,
  CONSTRAINT pk_checklist_item PRIMARY KEY (id),
  CONSTRAINT fk_checklist_election FOREIGN KEY (election_id) REFERENCES election (id) ON DELETE CASCADE,
  CONSTRAINT uq_checklist_step UNIQUE (election_id, step)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
