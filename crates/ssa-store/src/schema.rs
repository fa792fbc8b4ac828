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
    // Initialling: a named version locked with the SHA-256 fingerprint of its canonical text,
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
