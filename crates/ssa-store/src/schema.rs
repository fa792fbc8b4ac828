//! The schema, as an ordered list of migrations. Migrations are additive and never edited once
//! shipped: a database made by any earlier version must open (tested in `tests`).

use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[&str] = &[
    // 1: negotiations and their parties.
    r#"
    CREATE TABLE negotiation (
        id                TEXT PRIMARY KEY NOT NULL,
        title             TEXT NOT NULL,
        working_languages TEXT NOT NULL,            -- JSON array of ISO 639-1 codes
        notes             TEXT NOT NULL DEFAULT '',
        current_step      TEXT NOT NULL,            -- step id of the process definition
        shelf             TEXT NOT NULL DEFAULT 'active'
                          CHECK (shelf IN ('active', 'archived', 'bin')),
        created_at        TEXT NOT NULL,            -- RFC 3339, UTC, milliseconds
        updated_at        TEXT NOT NULL
    );
    CREATE INDEX negotiation_by_shelf ON negotiation (shelf, updated_at);
    CREATE TABLE party (
        negotiation_id TEXT NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        name           TEXT NOT NULL,
        iso_code       TEXT NOT NULL,
        role           TEXT NOT NULL CHECK (role IN ('own', 'counterpart')),
        PRIMARY KEY (negotiation_id, position)
    ) WITHOUT ROWID;
    "#,
    // 2: model-agreement templates (shipped, imported, derived) and each negotiation's draft.
    r#"
    CREATE TABLE template (
        id         TEXT NOT NULL,
        version    TEXT NOT NULL,
        title      TEXT NOT NULL,
        origin     TEXT NOT NULL CHECK (origin IN ('shipped', 'imported', 'derived')),
        source     TEXT NOT NULL,                   -- the template file (TOML), as stored
        created_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
    ) WITHOUT ROWID;
    CREATE TABLE draft (
        negotiation_id   TEXT PRIMARY KEY NOT NULL
                         REFERENCES negotiation (id) ON DELETE CASCADE,
        template_id      TEXT NOT NULL,
        template_version TEXT NOT NULL,
        content          TEXT NOT NULL,             -- the Draft as JSON
        updated_at       TEXT NOT NULL,
        FOREIGN KEY (template_id, template_version) REFERENCES template (id, version)
    );
    "#,
    // 3: the draft's history. Every saved edit lands in a revision (edits close together fold
    // into one); a named revision is a version and the store refuses to change or delete it.
    r#"
    CREATE TABLE draft_revision (
        negotiation_id TEXT NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        number         INTEGER NOT NULL,          -- 1, 2, ... per negotiation
        content        TEXT NOT NULL,             -- the Draft as JSON
        started_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        name           TEXT,                      -- set once: the revision is then a version
        PRIMARY KEY (negotiation_id, number)
    ) WITHOUT ROWID;
    CREATE TRIGGER draft_version_is_immutable
    BEFORE UPDATE ON draft_revision WHEN OLD.name IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a named version cannot be changed'); END;
    CREATE TRIGGER draft_version_is_kept
    BEFORE DELETE ON draft_revision
    WHEN OLD.name IS NOT NULL
     AND EXISTS (SELECT 1 FROM negotiation WHERE id = OLD.negotiation_id)
    BEGIN SELECT RAISE(ABORT, 'a named version cannot be deleted'); END;
    -- Drafts saved before revisions existed start their history with revision 1.
    INSERT INTO draft_revision (negotiation_id, number, content, started_at, updated_at)
        SELECT negotiation_id, 1, content, updated_at, updated_at FROM draft;
    "#,
    // 4: process definitions (shipped, imported) as their file text, and each negotiation's
    // progress through the definition version it started with. A negotiation made before this
    // migration gets its progress row on first use (the shipped definition is only seeded
    // after migrating, so this migration cannot point at it).
    r#"
    CREATE TABLE process_definition (
        id         TEXT NOT NULL,
        version    TEXT NOT NULL,
        title      TEXT NOT NULL,
        origin     TEXT NOT NULL CHECK (origin IN ('shipped', 'imported')),
        source     TEXT NOT NULL,                   -- the process file (TOML), as stored
        created_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
    ) WITHOUT ROWID;
    CREATE TABLE process_progress (
        negotiation_id  TEXT PRIMARY KEY NOT NULL
                        REFERENCES negotiation (id) ON DELETE CASCADE,
        process_id      TEXT NOT NULL,
        process_version TEXT NOT NULL,
        content         TEXT NOT NULL,              -- the Progress as JSON
        updated_at      TEXT NOT NULL,
        FOREIGN KEY (process_id, process_version) REFERENCES process_definition (id, version)
    );
    "#,
    // 5: the step documents: the feasibility study, the signature and ratification record and the
    // monitoring record (each the JSON of its ssa-core type), and the administrative
    // arrangement, a second draft on its own template.
    r#"
    CREATE TABLE feasibility_document (
        negotiation_id TEXT PRIMARY KEY NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        content        TEXT NOT NULL,
        updated_at     TEXT NOT NULL
    );
    CREATE TABLE ratification_document (
        negotiation_id TEXT PRIMARY KEY NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        content        TEXT NOT NULL,
        updated_at     TEXT NOT NULL
    );
    CREATE TABLE monitoring_document (
        negotiation_id TEXT PRIMARY KEY NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        content        TEXT NOT NULL,
        updated_at     TEXT NOT NULL
    );
    CREATE TABLE arrangement_draft (
        negotiation_id   TEXT PRIMARY KEY NOT NULL
                         REFERENCES negotiation (id) ON DELETE CASCADE,
        template_id      TEXT NOT NULL,
        template_version TEXT NOT NULL,
        content          TEXT NOT NULL,             -- the Draft as JSON
        updated_at       TEXT NOT NULL,
        FOREIGN KEY (template_id, template_version) REFERENCES template (id, version)
    );
    "#,
    // 6: rounds of negotiation, positions per article and round, internal comments, the mandate
    // (confidential) and exchange files: the identity an agreement is exchanged under and every
    // counterpart file imported, kept as it came and never changed.
    r#"
    CREATE TABLE round (
        id             TEXT PRIMARY KEY NOT NULL,
        negotiation_id TEXT NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        number         INTEGER NOT NULL,
        held_on        TEXT NOT NULL DEFAULT '',  -- ISO date or empty
        place          TEXT NOT NULL DEFAULT '',
        delegations    TEXT NOT NULL DEFAULT '[]', -- JSON array of delegates
        agenda         TEXT NOT NULL DEFAULT '',
        minutes        TEXT NOT NULL DEFAULT '',
        action_items   TEXT NOT NULL DEFAULT '[]', -- JSON array of action items
        updated_at     TEXT NOT NULL,
        UNIQUE (negotiation_id, number)
    );
    CREATE TABLE position (
        round_id      TEXT NOT NULL REFERENCES round (id) ON DELETE CASCADE,
        node_id       TEXT NOT NULL,
        status        TEXT NOT NULL,
        ours          TEXT,                       -- NULL: the draft's text
        ours_at       TEXT,
        theirs        TEXT,                       -- JSON TheirProposal, or NULL
        theirs_at     TEXT,
        agreed        TEXT,
        justification TEXT NOT NULL DEFAULT '',
        shared        INTEGER NOT NULL DEFAULT 0,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (round_id, node_id)
    ) WITHOUT ROWID;
    CREATE TABLE comment (
        id             TEXT PRIMARY KEY NOT NULL,
        negotiation_id TEXT NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        node_id        TEXT NOT NULL,
        parent_id      TEXT REFERENCES comment (id) ON DELETE CASCADE,
        author         TEXT NOT NULL,
        body           TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        resolved_at    TEXT
    );
    CREATE INDEX comment_by_node ON comment (negotiation_id, node_id, created_at);
    CREATE TABLE mandate_entry (
        negotiation_id TEXT NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        node_id        TEXT NOT NULL,
        content        TEXT NOT NULL,             -- JSON MandateEntry
        updated_at     TEXT NOT NULL,
        PRIMARY KEY (negotiation_id, node_id)
    ) WITHOUT ROWID;
    CREATE TABLE exchange_identity (
        negotiation_id TEXT PRIMARY KEY NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        agreement_id   TEXT NOT NULL,
        bound_at       TEXT NOT NULL
    );
    CREATE TABLE exchange_import (
        id             TEXT PRIMARY KEY NOT NULL,
        negotiation_id TEXT NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        round_id       TEXT NOT NULL REFERENCES round (id),
        file_name      TEXT NOT NULL,
        sender         TEXT NOT NULL,             -- ISO code
        sender_name    TEXT NOT NULL,
        exported_at    TEXT NOT NULL,
        version_label  TEXT NOT NULL,
        checksum       TEXT NOT NULL,
        content        TEXT NOT NULL,             -- the file as it came
        imported_at    TEXT NOT NULL
    );
    CREATE TRIGGER exchange_import_is_immutable
    BEFORE UPDATE ON exchange_import
    BEGIN SELECT RAISE(ABORT, 'an imported exchange file cannot be changed'); END;
    CREATE TRIGGER exchange_import_is_kept
    BEFORE DELETE ON exchange_import
    WHEN EXISTS (SELECT 1 FROM negotiation WHERE id = OLD.negotiation_id)
    BEGIN SELECT RAISE(ABORT, 'an imported exchange file cannot be deleted'); END;
    "#,
    // 7: initialling: a named version locked with the SHA-256 fingerprint of its canonical text,
    // with who initialled it and when. Only a named version can be initialled (a named version
    // is itself immutable, see 3), and the initialling can be neither changed nor withdrawn;
    // it goes only with its negotiation, deleted for good.
    r#"
    CREATE TABLE version_initialling (
        negotiation_id TEXT NOT NULL,
        number         INTEGER NOT NULL,
        fingerprint    TEXT NOT NULL CHECK (length(fingerprint) = 64),  -- lower-case hex
        initialled_by  TEXT NOT NULL CHECK (trim(initialled_by) <> ''),
        initialled_at  TEXT NOT NULL,
        PRIMARY KEY (negotiation_id, number),
        FOREIGN KEY (negotiation_id, number)
            REFERENCES draft_revision (negotiation_id, number) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE TRIGGER initialling_needs_a_named_version
    BEFORE INSERT ON version_initialling
    WHEN NOT EXISTS (SELECT 1 FROM draft_revision
                     WHERE negotiation_id = NEW.negotiation_id AND number = NEW.number
                       AND name IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'only a named version can be initialled'); END;
    CREATE TRIGGER initialling_is_immutable
    BEFORE UPDATE ON version_initialling
    BEGIN SELECT RAISE(ABORT, 'an initialled version cannot be changed'); END;
    CREATE TRIGGER initialling_is_kept
    BEFORE DELETE ON version_initialling
    WHEN EXISTS (SELECT 1 FROM negotiation WHERE id = OLD.negotiation_id)
    BEGIN SELECT RAISE(ABORT, 'an initialled version cannot be un-initialled or deleted'); END;
    "#,
    // 8: what the workbench remembers about itself. 'sample' is 'pending' until the sample
    // negotiation is complete (a database that already holds negotiations never gets it), so
    // that a first start killed halfway seeds it, or completes it, on the next start.
    r#"
    CREATE TABLE workbench_state (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO workbench_state (key, value)
        SELECT 'sample', 'pending' WHERE NOT EXISTS (SELECT 1 FROM negotiation);
    "#,
    // 9: confidentiality. Settings (the idle lock); each own delegation's Ed25519 signing key
    // (kept in the database, which the passphrase encrypts); the fingerprints trusted for the
    // other delegations; who signed each imported exchange file; and the delegations'
    // signatures on the fingerprint of an initialled version (ours, and theirs as received).
    r#"
    CREATE TABLE setting (
        name  TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE signing_key (
        delegation TEXT PRIMARY KEY NOT NULL,             -- ISO code of our delegation
        secret_key BLOB NOT NULL CHECK (length(secret_key) = 32),
        public_key BLOB NOT NULL CHECK (length(public_key) = 32),
        created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE trusted_key (
        delegation  TEXT NOT NULL,                        -- ISO code of the other delegation
        fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 32),  -- lower-case hex
        trusted_at  TEXT NOT NULL,
        PRIMARY KEY (delegation, fingerprint)
    ) WITHOUT ROWID;
    ALTER TABLE exchange_import ADD COLUMN signer_fingerprint TEXT;   -- NULL: not signed
    ALTER TABLE exchange_import ADD COLUMN signer_trusted INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE initialling_signature (
        negotiation_id TEXT NOT NULL,
        number         INTEGER NOT NULL,
        delegation     TEXT NOT NULL,
        public_key     BLOB NOT NULL CHECK (length(public_key) = 32),
        signature      BLOB NOT NULL CHECK (length(signature) = 64),
        signed_at      TEXT NOT NULL,
        PRIMARY KEY (negotiation_id, number, delegation),
        FOREIGN KEY (negotiation_id, number)
            REFERENCES version_initialling (negotiation_id, number) ON DELETE CASCADE
    ) WITHOUT ROWID;
    "#,
    // 10: workshop mode (issue 15). Scenario files (shipped, imported, derived) kept as their
    // text; the facilitator's workshops, each with its workshop file and the desk (rounds,
    // timers, locks)
    // as JSON; the exchange files the facilitator collected from the groups, kept as they
    // came; and, on a team's laptop, which workshop, group and team a negotiation plays, with
    // its pack (its own confidential brief, never the other team's).
    r#"
    CREATE TABLE scenario (
        id         TEXT NOT NULL,
        version    TEXT NOT NULL,
        title      TEXT NOT NULL,
        origin     TEXT NOT NULL CHECK (origin IN ('shipped', 'imported', 'derived')),
        source     TEXT NOT NULL,                   -- the scenario file (TOML), as stored
        created_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
    ) WITHOUT ROWID;
    CREATE TABLE workshop (
        id               TEXT PRIMARY KEY NOT NULL,
        title            TEXT NOT NULL,
        language         TEXT NOT NULL,
        scenario_id      TEXT NOT NULL,
        scenario_version TEXT NOT NULL,
        file             TEXT NOT NULL,             -- the WorkshopFile as JSON
        desk             TEXT NOT NULL,             -- the DeskState as JSON
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
    );
    CREATE TABLE workshop_file (
        id           TEXT PRIMARY KEY NOT NULL,
        workshop_id  TEXT NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
        group_number INTEGER NOT NULL,
        team         TEXT NOT NULL,                 -- the sending team's id
        file_name    TEXT NOT NULL,
        checksum     TEXT NOT NULL,
        exported_at  TEXT NOT NULL,
        content      TEXT NOT NULL,                 -- the exchange file as it came
        collected_at TEXT NOT NULL,
        UNIQUE (workshop_id, checksum)
    );
    CREATE TABLE workshop_team (
        negotiation_id TEXT PRIMARY KEY NOT NULL REFERENCES negotiation (id) ON DELETE CASCADE,
        workshop_id    TEXT NOT NULL,
        group_number   INTEGER NOT NULL,
        team           TEXT NOT NULL,
        pack           TEXT NOT NULL,               -- the TeamPack as JSON
        joined_at      TEXT NOT NULL
    );
    "#,
];

/// The schema version a database has after all migrations of this build.
pub const LATEST_SCHEMA_VERSION: usize = MIGRATIONS.len();

pub fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_validate() {
        super::migrations().validate().unwrap();
    }
}
