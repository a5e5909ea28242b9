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
       }},
      {2,
       "published rounds, pillar targets, roadmap edits",
       {
           "ALTER TABLE rounds ADD COLUMN published INTEGER NOT NULL DEFAULT 0",
           "CREATE TABLE round_targets (round_id BIGINT NOT NULL REFERENCES rounds(id),"
           " pillar TEXT NOT NULL, target DOUBLE PRECISION NOT NULL,"
           " PRIMARY KEY (round_id, pillar))",
           "CREATE TABLE roadmap_edits (round_id BIGINT NOT NULL REFERENCES rounds(id),"
           " subarea TEXT NOT NULL, phase INTEGER NOT NULL, owner TEXT NOT NULL, due TEXT NOT NULL,"
           " PRIMARY KEY (round_id, subarea))",
       }},
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
