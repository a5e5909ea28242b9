#include "store/migrations.h"

namespace meter {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "users, sessions, rounds, respondents, answers, audit",
       {
           "CREATE TABLE users (id {id}, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
           " role TEXT NOT NULL, password_hash TEXT NOT NULL, disabled INTEGER NOT NULL,"
           " created_at BIGINT NOT NULL)",
           "CREATE TABLE user_countries (user_id BIGINT NOT NULL REFERENCES users(id),"
           " iso3 TEXT NOT NULL, PRIMARY KEY (user_id, iso3))",
           "CREATE TABLE login_failures (key TEXT NOT NULL, at BIGINT NOT NULL)",
           "CREATE INDEX login_failures_key ON login_failures (key, at)",
           "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL,"
           " respondent_id BIGINT NOT NULL, csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL,"
           " last_seen BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
           "CREATE TABLE rounds (id {id}, country TEXT NOT NULL, title TEXT NOT NULL,"
           " year INTEGER NOT NULL, instrument_id TEXT NOT NULL, instrument_version TEXT NOT NULL,"
           " status TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE TABLE round_groups (round_id BIGINT NOT NULL REFERENCES rounds(id),"
           " position INTEGER NOT NULL, name TEXT NOT NULL, weight DOUBLE PRECISION NOT NULL,"
           " PRIMARY KEY (round_id, name))",
           "CREATE TABLE respondents (id {id}, round_id BIGINT NOT NULL REFERENCES rounds(id),"
           " name TEXT NOT NULL, group_name TEXT NOT NULL, pillars TEXT NOT NULL,"
           " token_hash TEXT NOT NULL UNIQUE, expires_at BIGINT NOT NULL, revoked INTEGER NOT NULL,"
           " invited_at BIGINT NOT NULL, reminded_at BIGINT NOT NULL)",
           "CREATE INDEX respondents_round ON respondents (round_id)",
           "CREATE TABLE answers (respondent_id BIGINT NOT NULL REFERENCES respondents(id),"
           " statement TEXT NOT NULL, value TEXT NOT NULL, comment TEXT NOT NULL,"
           " evidence_url TEXT NOT NULL, version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
           " PRIMARY KEY (respondent_id, statement))",
           "CREATE TABLE audit (id {id}, at BIGINT NOT NULL, actor TEXT NOT NULL,"
           " action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL)",
       },
       kAdditive},
      {2,
       "published rounds, pillar targets, roadmap edits",
       {
           "ALTER TABLE rounds ADD COLUMN published INTEGER NOT NULL DEFAULT 0",
           "CREATE TABLE published_scores (round_id BIGINT NOT NULL REFERENCES rounds(id),"
           " unit TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, PRIMARY KEY (round_id, unit))",
           "CREATE TABLE round_targets (round_id BIGINT NOT NULL REFERENCES rounds(id),"
           " pillar TEXT NOT NULL, target DOUBLE PRECISION NOT NULL,"
           " PRIMARY KEY (round_id, pillar))",
           "CREATE TABLE roadmap_edits (round_id BIGINT NOT NULL REFERENCES rounds(id),"
           " subarea TEXT NOT NULL, phase INTEGER NOT NULL, owner TEXT NOT NULL, due TEXT NOT NULL,"
           " PRIMARY KEY (round_id, subarea))",
       },
       kAdditive},
      {3,
       "the knowledge base, with full-text search",
       {
           // pillars and subareas: IDs separated by spaces, in order (knowledge_tags is for
           // filtering); year 0 means none; search_tags is the tag text that search covers.
           "CREATE TABLE knowledge (slug TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL,"
           " country TEXT NOT NULL, region TEXT NOT NULL, year INTEGER NOT NULL,"
           " pillars TEXT NOT NULL, subareas TEXT NOT NULL, summary TEXT NOT NULL,"
           " body TEXT NOT NULL, search_tags TEXT NOT NULL, origin TEXT NOT NULL,"
           " file_hash TEXT NOT NULL, version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
           " updated_by TEXT NOT NULL)",
           "CREATE TABLE knowledge_tags (slug TEXT NOT NULL REFERENCES knowledge(slug),"
           " tag TEXT NOT NULL, position INTEGER NOT NULL, value TEXT NOT NULL,"
           " PRIMARY KEY (slug, tag, position))",
           "CREATE INDEX knowledge_tags_value ON knowledge_tags (tag, value)",
           "CREATE TABLE knowledge_sources (slug TEXT NOT NULL REFERENCES knowledge(slug),"
           " position INTEGER NOT NULL, title TEXT NOT NULL, url TEXT NOT NULL,"
           " publication TEXT NOT NULL, PRIMARY KEY (slug, position))",
           // SQLite: an FTS5 table kept in step by the store in the same transaction as the entry.
           SqliteOnly("CREATE VIRTUAL TABLE knowledge_fts USING fts5(slug UNINDEXED, title,"
                      " summary, body, tags, tokenize = 'unicode61 remove_diacritics 2')"),
           // PostgreSQL: a tsvector the database computes from the row itself, with a GIN index.
           PostgresOnly("ALTER TABLE knowledge ADD COLUMN search tsvector GENERATED ALWAYS AS ("
                        "setweight(to_tsvector('simple', title), 'A') ||"
                        " setweight(to_tsvector('simple', summary), 'B') ||"
                        " setweight(to_tsvector('simple', search_tags), 'B') ||"
                        " setweight(to_tsvector('simple', body), 'D')) STORED"),
           PostgresOnly("CREATE INDEX knowledge_search ON knowledge USING GIN (search)"),
       },
       kAdditive},
      {4,
       "how many statements each respondent answered, kept with every save",
       {
           "ALTER TABLE respondents ADD COLUMN answered BIGINT NOT NULL DEFAULT 0",
           "UPDATE respondents SET answered = (SELECT COUNT(*) FROM answers a WHERE"
           " a.respondent_id = respondents.id AND a.value <> '')",
       },
       kNotAdditive},
      {5,
       "one-time password reset links (only their hashes)",
       {
           "CREATE TABLE password_resets (token_hash TEXT PRIMARY KEY,"
           " user_id BIGINT NOT NULL REFERENCES users(id), created_at BIGINT NOT NULL,"
           " expires_at BIGINT NOT NULL, created_by TEXT NOT NULL)",
           "CREATE INDEX password_resets_user ON password_resets (user_id)",
       },
       kAdditive},
      {6,
       "each respondent's language, chosen at invitation",
       {
           "ALTER TABLE respondents ADD COLUMN language TEXT NOT NULL DEFAULT ''",
       },
       kAdditive},
      {7,
       "the knowledge base in six languages: titles and summaries per language, the body's "
       "language, and search text normalised by METER for every language",
       {
           // knowledge.title and knowledge.summary stay, as the texts in the body's language
           // (for ordering and the audit log); knowledge_texts holds every language's, that one
           // included. Entries made before were in English.
           "ALTER TABLE knowledge ADD COLUMN language TEXT NOT NULL DEFAULT 'en'",
           "CREATE TABLE knowledge_texts (slug TEXT NOT NULL REFERENCES knowledge(slug),"
           " lang TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL,"
           " PRIMARY KEY (slug, lang))",
           "INSERT INTO knowledge_texts (slug, lang, title, summary)"
           " SELECT slug, 'en', title, summary FROM knowledge",
           // The search documents (core/search_text.h: lower case, no accents or Arabic
           // diacritics, Chinese in bigrams), made by METER, not by SQL, and the version of the
           // normalisation that made them: 0 here, so that the store makes them when it opens the
           // database (search_tags, from migration 3, now holds a search document too).
           "ALTER TABLE knowledge ADD COLUMN search_title TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE knowledge ADD COLUMN search_summary TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE knowledge ADD COLUMN search_body TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE knowledge ADD COLUMN search_version INTEGER NOT NULL DEFAULT 0",
           // SQLite: knowledge_fts keeps its columns and is filled from the search documents.
           SqliteOnly("DELETE FROM knowledge_fts"),
           // PostgreSQL: the tsvector is computed from the search documents instead of the texts.
           PostgresOnly("ALTER TABLE knowledge DROP COLUMN IF EXISTS search"),
           PostgresOnly("ALTER TABLE knowledge ADD COLUMN search tsvector GENERATED ALWAYS AS ("
                        "setweight(to_tsvector('simple', search_title), 'A') ||"
                        " setweight(to_tsvector('simple', search_summary), 'B') ||"
                        " setweight(to_tsvector('simple', search_tags), 'B') ||"
                        " setweight(to_tsvector('simple', search_body), 'D')) STORED"),
           PostgresOnly("CREATE INDEX knowledge_search ON knowledge USING GIN (search)"),
       },
       kNotAdditive},
      {8,
       "knowledge contributions under review: each entry's status, licence, author and "
       "submission, and the review thread",
       {
           // Entries made before were the secretariat's files or edits by trusted users: they
           // stay public, as approved. New entries made in the web start as drafts.
           "ALTER TABLE knowledge ADD COLUMN status TEXT NOT NULL DEFAULT 'approved'",
           "ALTER TABLE knowledge ADD COLUMN licence TEXT NOT NULL DEFAULT 'CC-BY-4.0'",
           "ALTER TABLE knowledge ADD COLUMN author TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE knowledge ADD COLUMN submitted_by TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE knowledge ADD COLUMN submitted_at BIGINT NOT NULL DEFAULT 0",
           "CREATE INDEX knowledge_status ON knowledge (status)",
           // No foreign key: an entry's row is rewritten on every save (delete, insert) and its
           // thread stays.
           "CREATE TABLE knowledge_reviews (id {id}, slug TEXT NOT NULL, at BIGINT NOT NULL,"
           " actor TEXT NOT NULL, verdict TEXT NOT NULL, text TEXT NOT NULL)",
           "CREATE INDEX knowledge_reviews_slug ON knowledge_reviews (slug, id)",
       },
       kNotAdditive},
      {9,
       "the expert channel: instrument versions, proposals, their texts, comments and votes",
       {
           "CREATE TABLE instrument_versions (instrument_id TEXT NOT NULL, version TEXT NOT NULL,"
           " status TEXT NOT NULL, yaml TEXT NOT NULL, origin TEXT NOT NULL,"
           " based_on TEXT NOT NULL, revision BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL,"
           " PRIMARY KEY (instrument_id, version))",
           // prerequisites: sub-area IDs separated by spaces; sources: one per line; weight -1
           // for none; the texts (text, overview, action.BAND.N) are rows of proposal_texts.
           "CREATE TABLE proposals (id {id}, instrument_id TEXT NOT NULL, version TEXT NOT NULL,"
           " kind TEXT NOT NULL, target TEXT NOT NULL, parent TEXT NOT NULL,"
           " new_id TEXT NOT NULL, prerequisites TEXT NOT NULL, weight DOUBLE PRECISION NOT NULL,"
           " rationale TEXT NOT NULL, sources TEXT NOT NULL, author TEXT NOT NULL,"
           " created_at BIGINT NOT NULL, status TEXT NOT NULL, decided_by TEXT NOT NULL,"
           " decision_reason TEXT NOT NULL, decided_at BIGINT NOT NULL,"
           " applied_revision BIGINT NOT NULL, stamp BIGINT NOT NULL)",
           "CREATE INDEX proposals_version ON proposals (instrument_id, version)",
           "CREATE TABLE proposal_texts (proposal_id BIGINT NOT NULL REFERENCES proposals(id),"
           " field TEXT NOT NULL, lang TEXT NOT NULL, value TEXT NOT NULL,"
           " PRIMARY KEY (proposal_id, field, lang))",
           "CREATE TABLE proposal_comments (id {id},"
           " proposal_id BIGINT NOT NULL REFERENCES proposals(id), parent_id BIGINT NOT NULL,"
           " author TEXT NOT NULL, body TEXT NOT NULL, at BIGINT NOT NULL)",
           "CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_id)",
           "CREATE TABLE proposal_votes (proposal_id BIGINT NOT NULL REFERENCES proposals(id),"
           " voter TEXT NOT NULL, choice TEXT NOT NULL, reason TEXT NOT NULL, at BIGINT NOT NULL,"
           " PRIMARY KEY (proposal_id, voter))",
       },
       kAdditive},
      {10,
       "the e-mail outbox, and what each user saw of the changes and chose for the digest",
       {
           // A message is sent by one node at a time: claimed_by/claimed_until hold its claim,
           // and a claim that expired (the node died mid-send) may be taken again. Times are
           // seconds since the epoch; 0 for "not yet" (sent_at, failed_at, claimed_until).
           "CREATE TABLE outbox (id {id}, recipient TEXT NOT NULL, subject TEXT NOT NULL,"
           " body_text TEXT NOT NULL, created_at BIGINT NOT NULL, attempts INTEGER NOT NULL,"
           " next_attempt_at BIGINT NOT NULL, claimed_by TEXT NOT NULL,"
           " claimed_until BIGINT NOT NULL, sent_at BIGINT NOT NULL, failed_at BIGINT NOT NULL,"
           " last_error TEXT NOT NULL)",
           "CREATE INDEX outbox_due ON outbox (sent_at, failed_at, next_attempt_at)",
           // seen_up_to and digest_up_to are audit event IDs: what the user saw on /changes,
           // and what their last digest covered.
           "CREATE TABLE user_changes (user_id BIGINT PRIMARY KEY REFERENCES users(id),"
           " seen_up_to BIGINT NOT NULL, seen_at BIGINT NOT NULL, digest INTEGER NOT NULL,"
           " digest_language TEXT NOT NULL, digest_up_to BIGINT NOT NULL,"
           " digest_due_at BIGINT NOT NULL, digest_claimed_by TEXT NOT NULL,"
           " digest_claimed_until BIGINT NOT NULL)",
       },
       kAdditive},
      {11,
       "the UN E-Government Survey's figures per country and year",
       {
           // NULL where the survey published no figure (content/egdi/README.md): never 0.
           "CREATE TABLE egdi (iso3 TEXT NOT NULL, year INTEGER NOT NULL, rank INTEGER,"
           " egdi DOUBLE PRECISION, osi DOUBLE PRECISION, hci DOUBLE PRECISION,"
           " tii DOUBLE PRECISION, epi DOUBLE PRECISION, PRIMARY KEY (iso3, year))",
       },
       kAdditive},
      {12,
       "versions of what the web caches: each round's scores, the published scores, the "
       "knowledge base and the survey's figures",
       {
           // One row per cached thing: "round:ID" (every save that changes the round's scores or
           // Way Forward), "published", "knowledge", "egdi". A missing row is version 0. Bumped
           // in the transaction of each such write (sql::BumpVersion), read by every results
           // page (Store::CacheVersionsOf), so that no node serves scores older than a save.
           "CREATE TABLE cache_versions (name TEXT PRIMARY KEY, version BIGINT NOT NULL)",
       },
       kNotAdditive},
      {13,
       "e-mail to respondents and coordinators: each respondent's address, a round's deadline, "
       "what each outbox message is about, and the reminders queued",
       {
           "ALTER TABLE respondents ADD COLUMN email TEXT NOT NULL DEFAULT ''",
           // Seconds since the epoch; 0 for no deadline.
           "ALTER TABLE rounds ADD COLUMN deadline BIGINT NOT NULL DEFAULT 0",
           "ALTER TABLE outbox ADD COLUMN recipient_name TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE outbox ADD COLUMN language TEXT NOT NULL DEFAULT ''",
           // An invitation's token, put into the body when it is sent and erased once it was
           // sent or given up on (only its hash is kept with the respondent).
           "ALTER TABLE outbox ADD COLUMN secret TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE outbox ADD COLUMN round_id BIGINT NOT NULL DEFAULT 0",
           "ALTER TABLE outbox ADD COLUMN respondent_id BIGINT NOT NULL DEFAULT 0",
           "ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT ''",
           "CREATE INDEX outbox_round ON outbox (round_id)",
           // One row per reminder or notice queued: respondent_id 0 for a coordinator's notice,
           // user_id 0 for a respondent's reminder. The key makes queueing idempotent: of two
           // nodes that queue the same reminder, one inserts the row and the other inserts none.
           "CREATE TABLE round_reminders (round_id BIGINT NOT NULL REFERENCES rounds(id),"
           " respondent_id BIGINT NOT NULL, user_id BIGINT NOT NULL, kind TEXT NOT NULL,"
           " queued_at BIGINT NOT NULL, PRIMARY KEY (round_id, respondent_id, user_id, kind))",
       },
       kAdditive},
      {14,
       "the schema table records whether each migration is additive, so that a node of an older "
       "release knows whether it may run on this database (docs/operations.md, Upgrades)",
       {
           "ALTER TABLE meter_schema ADD COLUMN additive INTEGER NOT NULL DEFAULT 0",
       },
       kAdditive},
      {15,
       "a round's cache version counts its respondents' saves, so that the saves of one round "
       "no longer queue for one row",
       {
           // Saves by this respondent: a round's version (Store::CacheVersionsOf) is its row in
           // cache_versions, which every other write of the round bumps, plus the sum of this
           // column over its respondents. A save updates its respondent's row anyway; bumping
           // the round's row made every save of the round wait for the commit before it. Not
           // additive: a node of an older release would not see these saves in the version it
           // reads, and would serve scores from before them.
           "ALTER TABLE respondents ADD COLUMN saves BIGINT NOT NULL DEFAULT 0",
       },
       kNotAdditive},
  };
  return kMigrations;
}

std::string ForEngine(const std::string& statement, const std::string& engine) {
  const std::string id =
      engine == "postgresql" ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
  std::string out = statement;
  for (size_t at = out.find("{id}"); at != std::string::npos; at = out.find("{id}", at)) {
    out.replace(at, 4, id);
  }
  return out;
}

}  // namespace meter
