// `meter copy` (store/copy.h): every table of one METER database into an empty other one, row by
// row through SOCI's dynamic rows, so that the same code moves SQLite to PostgreSQL and back.
#include <soci/soci.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "store/copy.h"
#include "store/pg_url.h"
#include "store/sql_base.h"
#include "store/sql_store.h"

namespace meter {
namespace {

// A table of an installation: the columns that order its rows (its key), its generated identifier
// column if it has one, and a column the database computes (never written).
struct TableSpec {
  std::string name;
  std::string order_by;
  std::string serial_id;
  std::string computed;
};

const std::vector<TableSpec>& Tables() {
  static const std::vector<TableSpec> kTables = {
      {"users", "id", "id", ""},
      {"user_countries", "user_id, iso3", "", ""},
      {"login_failures", "key, at", "", ""},
      {"sessions", "id_hash", "", ""},
      {"rounds", "id", "id", ""},
      {"round_groups", "round_id, position, name", "", ""},
      {"respondents", "id", "id", ""},
      {"answers", "respondent_id, statement", "", ""},
      {"audit", "id", "id", ""},
      {"published_scores", "round_id, unit", "", ""},
      {"round_targets", "round_id, pillar", "", ""},
      {"roadmap_edits", "round_id, subarea", "", ""},
      {"knowledge", "slug", "", "search"},
      {"knowledge_tags", "slug, tag, position", "", ""},
      {"knowledge_sources", "slug, position", "", ""},
      {"password_resets", "token_hash", "", ""},  // schema 5
      {"knowledge_texts", "slug, lang", "", ""},  // schema 7
      // schema 9: the expert channel
      {"instrument_versions", "instrument_id, version", "", ""},
      {"proposals", "id", "id", ""},
      {"proposal_texts", "proposal_id, field, lang", "", ""},
      {"proposal_comments", "id", "id", ""},
      {"proposal_votes", "proposal_id, voter", "", ""},
      {"knowledge_reviews", "id", "id", ""},                                  // schema 8
      {"outbox", "id", "id", ""},                                             // schema 10
      {"user_changes", "user_id", "", ""},                                    // schema 10
      {"egdi", "iso3, year", "", ""},                                         // schema 11
      {"cache_versions", "name", "", ""},                                     // schema 12
      {"round_reminders", "round_id, respondent_id, user_id, kind", "", ""},  // schema 13
  };
  return kTables;
}

// Tables that are not data: the schema's bookkeeping and SQLite's own and derived tables.
bool IsBookkeeping(const std::string& table) {
  return table == "meter_schema" || table.rfind("sqlite_", 0) == 0 ||
         table.rfind("knowledge_fts", 0) == 0;
}

constexpr size_t kBatchRows = 500;

// One column's values for a batch of rows, kept in the C++ type that its engine type maps to.
struct ColumnBuffer {
  std::string name;
  soci::data_type type = soci::dt_string;
  std::vector<std::string> text;
  std::vector<long long> integer;
  std::vector<double> real;
  std::vector<soci::indicator> null;

  void Add(const soci::row& row, size_t i) {
    const bool is_null = row.get_indicator(i) == soci::i_null;
    null.push_back(is_null ? soci::i_null : soci::i_ok);
    switch (type) {
      case soci::dt_double:
        real.push_back(is_null ? 0.0 : row.get<double>(i));
        break;
      case soci::dt_integer:
        integer.push_back(is_null ? 0 : row.get<int>(i));
        break;
      case soci::dt_long_long:
        integer.push_back(is_null ? 0 : row.get<long long>(i));
        break;
      case soci::dt_unsigned_long_long:
        integer.push_back(is_null ? 0 : static_cast<long long>(row.get<unsigned long long>(i)));
        break;
      default:
        text.push_back(is_null ? std::string() : row.get<std::string>(i));
    }
  }
  bool IsInteger() const {
    return type == soci::dt_integer || type == soci::dt_long_long ||
           type == soci::dt_unsigned_long_long;
  }
  void Bind(soci::statement& st) {
    if (type == soci::dt_double) {
      st.exchange(soci::use(real, null));
    } else if (IsInteger()) {
      st.exchange(soci::use(integer, null));
    } else {
      st.exchange(soci::use(text, null));
    }
  }
  void Clear() {
    text.clear();
    integer.clear();
    real.clear();
    null.clear();
  }
};

// Rows of one table on their way to the target, written in batches of kBatchRows.
class TableWriter {
 public:
  TableWriter(soci::session& to, const TableSpec& table) : to_(to), table_(table) {}

  void Add(const soci::row& row) {
    if (columns_.empty()) Describe(row);
    for (size_t c = 0; c < columns_.size(); ++c) columns_[c].Add(row, source_index_[c]);
    if (++pending_ == kBatchRows) Flush();
  }

  void Flush() {
    if (pending_ == 0) return;
    soci::statement st(to_);
    for (ColumnBuffer& c : columns_) c.Bind(st);
    st.alloc();
    st.prepare(InsertStatement());
    st.define_and_bind();
    st.execute(true);
    for (ColumnBuffer& c : columns_) c.Clear();
    pending_ = 0;
  }

 private:
  void Describe(const soci::row& row) {
    for (size_t i = 0; i < row.size(); ++i) {
      const soci::column_properties& p = row.get_properties(i);
      if (p.get_name() == table_.computed) continue;
      ColumnBuffer c;
      c.name = p.get_name();
      c.type = p.get_data_type();
      columns_.push_back(std::move(c));
      source_index_.push_back(i);
    }
  }
  std::string InsertStatement() const {
    std::string names, values;
    for (size_t c = 0; c < columns_.size(); ++c) {
      names += (c ? ", " : "") + columns_[c].name;
      values += (c ? ", :v" : ":v") + std::to_string(c);
    }
    return "INSERT INTO " + table_.name + " (" + names + ") VALUES (" + values + ")";
  }

  soci::session& to_;
  const TableSpec& table_;
  std::vector<ColumnBuffer> columns_;
  std::vector<size_t> source_index_;
  size_t pending_ = 0;
};

long long CountRows(soci::session& sql, const std::string& table) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
  return n;
}

long long CopyTable(soci::session& from, soci::session& to, const TableSpec& table) {
  TableWriter writer(to, table);
  long long copied = 0;
  soci::rowset<soci::row> rows =
      (from.prepare << "SELECT * FROM " + table.name + " ORDER BY " + table.order_by);
  for (const soci::row& row : rows) {
    writer.Add(row);
    ++copied;
  }
  writer.Flush();
  return copied;
}

// One value as text that is the same on both engines for the same value: integers in decimal,
// reals with every digit, text as it is (with any NUL it holds), NULL marked apart.
std::string CellText(const soci::row& row, size_t i) {
  if (row.get_indicator(i) == soci::i_null) return "N";
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_double: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "D%.17g", row.get<double>(i));
      return buf;
    }
    case soci::dt_integer:
      return "I" + std::to_string(row.get<int>(i));
    case soci::dt_long_long:
      return "I" + std::to_string(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return "I" + std::to_string(row.get<unsigned long long>(i));
    default:
      return "T" + row.get<std::string>(i);
  }
}

// The rows of `table` (its columns `names`), each as its cells' texts, sorted: the two engines
// may order text keys by different collations, so rows are compared as sorted lists.
std::vector<std::vector<std::string>> RowsOf(soci::session& sql, const std::string& table,
                                             const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  std::vector<std::vector<std::string>> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + list + " FROM " + table);
  for (const soci::row& row : rows) {
    std::vector<std::string> cells;
    for (size_t i = 0; i < row.size(); ++i) cells.push_back(CellText(row, i));
    out.push_back(std::move(cells));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The columns of `table` that a copy writes (all but the computed one).
std::vector<std::string> CopiedColumns(soci::session& sql, const TableSpec& table) {
  std::vector<std::string> names;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT * FROM " + table.name + " LIMIT 1");
  for (const soci::row& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string name = row.get_properties(i).get_name();
      if (name != table.computed) names.push_back(name);
    }
  }
  return names;
}

// Compares every value of every table on the target with the source: a value an engine cannot
// hold as it was (a NUL in a text, which PostgreSQL cuts) or that a driver changed on the way
// would otherwise be copied silently. kInvalidInput naming the table and the column.
Result<bool> CompareValues(soci::session& source, soci::session& target, const std::string& where) {
  for (const TableSpec& t : Tables()) {
    const std::vector<std::string> names = CopiedColumns(source, t);
    if (names.empty()) continue;  // an empty table; the row counts were compared
    const auto from = RowsOf(source, t.name, names);
    const auto to = RowsOf(target, t.name, names);
    if (from == to) continue;
    std::string column = names.front();
    if (from.size() == to.size()) {
      auto [a, b] = std::mismatch(from.begin(), from.end(), to.begin());
      for (size_t c = 0; c < names.size(); ++c) {
        if ((*a)[c] != (*b)[c]) {
          column = names[c];
          break;
        }
      }
    }
    const bool nul = std::any_of(from.begin(), from.end(), [](const auto& row) {
      return std::any_of(row.begin(), row.end(), [](const std::string& cell) {
        return cell.find('\0') != std::string::npos;
      });
    });
    return Error::Of(ErrorCode::kInvalidInput, where,
                     nul ? METER_N("table {1}, column {2}: a text holds a NUL character, which "
                                   "this database cannot store; remove it in the source and copy "
                                   "again; nothing was kept")
                         : METER_N("table {1}, column {2}: a value copied differs from the "
                                   "source; nothing was kept"),
                     {t.name, column});
  }
  return true;
}

// After rows came in with their identifiers: PostgreSQL's sequences must hand out the next ones;
// SQLite's AUTOINCREMENT follows the largest inserted identifier by itself. SQLite's full-text
// index of the knowledge base is derived from the entries' search documents, as the store writes
// it.
void Finish(soci::session& to, const std::string& engine) {
  if (engine == "postgresql") {
    for (const TableSpec& t : Tables()) {
      if (t.serial_id.empty()) continue;
      to << "SELECT setval(pg_get_serial_sequence('" + t.name + "', '" + t.serial_id +
                "'), (SELECT COALESCE(MAX(" + t.serial_id + "), 0) + 1 FROM " + t.name +
                "), false)";
    }
  } else {
    to << "INSERT INTO knowledge_fts (slug, title, summary, body, tags)"
          " SELECT slug, search_title, search_summary, search_body, search_tags FROM knowledge";
  }
}

std::vector<std::string> TablesIn(soci::session& sql, const std::string& engine) {
  std::vector<std::string> names(100);
  if (engine == "sqlite") {
    sql << "SELECT name FROM sqlite_master WHERE type = 'table'", soci::into(names);
  } else {
    sql << "SELECT table_name FROM information_schema.tables WHERE table_schema = "
           "current_schema() AND table_type = 'BASE TABLE'",
        soci::into(names);
  }
  return names;
}

// The source must be a METER database of exactly this METER's schema, with no table this METER
// does not know (which the copy would silently leave behind).
Result<bool> CheckSource(sql::Database& db, const std::string& where) {
  return sql::Reading<bool>(db, [&](soci::session& sql) -> Result<bool> {
    int version = 0;
    soci::indicator ind = soci::i_null;
    try {
      sql << "SELECT MAX(version) FROM meter_schema", soci::into(version, ind);
    } catch (const soci::soci_error&) {
      return Error::Of(ErrorCode::kInvalidInput, where, METER_N("this is not a METER database"));
    }
    if (ind != soci::i_ok || version != LatestSchemaVersion()) {
      return Error::Of(
          ErrorCode::kConflict, where,
          METER_N("the database has schema version {1} and this METER has {2}; run "
                  "meter migrate on it with the newer of the two METERs first"),
          {std::to_string(ind == soci::i_ok ? version : 0), std::to_string(LatestSchemaVersion())});
    }
    std::set<std::string> known;
    for (const TableSpec& t : Tables()) known.insert(t.name);
    for (const std::string& name : TablesIn(sql, db.engine)) {
      if (!IsBookkeeping(name) && !known.count(name)) {
        return Error::Of(ErrorCode::kInvalidInput, where,
                         METER_N("the database has a table {1} that this METER does not know"),
                         {name});
      }
    }
    return true;
  });
}

// Copies every table inside the target's transaction, reading the source in one snapshot.
Result<CopySummary> CopyAll(sql::Database& from, sql::Database& to, const std::string& to_where) {
  return sql::InTransaction<CopySummary>(to, [&](soci::session& target) -> Result<CopySummary> {
    for (const TableSpec& t : Tables()) {
      if (CountRows(target, t.name) != 0) {
        return Error::Of(ErrorCode::kConflict, to_where,
                         METER_N("the database already holds data (table {1}); meter copy "
                                 "writes only into an empty database"),
                         {t.name});
      }
    }
    soci::session source(*from.pool);
    source << (from.engine == "sqlite" ? "BEGIN"
                                       : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    CopySummary summary;
    for (const TableSpec& t : Tables()) {
      summary.tables.emplace_back(t.name, CopyTable(source, target, t));
    }
    Finish(target, to.engine);
    for (const auto& [table, rows] : summary.tables) {
      if (CountRows(target, table) != rows) {
        return Error::Of(ErrorCode::kUnavailable, to_where,
                         METER_N("table {1} does not hold the rows just copied; nothing was kept"),
                         {table});
      }
    }
    // In the source's snapshot still, so that both sides hold the same rows.
    auto same = CompareValues(source, target, to_where);
    source << "ROLLBACK";
    if (!same) return same.error();
    return summary;
  });
}

// A database error names the database it happened in.
Error Naming(Error e, const std::string& where) {
  for (Problem& p : e.problems) {
    if (p.where.empty()) p.where = where;
  }
  return e;
}

}  // namespace

long long CopySummary::rows() const {
  long long n = 0;
  for (const auto& [table, count] : tables) n += count;
  return n;
}

const std::vector<std::string>& InstallationTables() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const TableSpec& t : Tables()) names.push_back(t.name);
    return names;
  }();
  return kNames;
}

Result<CopySummary> CopyDatabase(const std::string& from_url, const std::string& to_url) {
  const std::string from_where = RedactDatabaseUrl(from_url);
  const std::string to_where = RedactDatabaseUrl(to_url);
  if (from_url == to_url) {
    return Error::Of(ErrorCode::kInvalidInput, to_where,
                     METER_N("the source and the target are the same database"));
  }
  if (sql::IsSqliteUrl(from_url) && !std::filesystem::exists(from_url.substr(7))) {
    return Error::Of(ErrorCode::kUnavailable, from_where, METER_N("the file does not exist"));
  }
  auto from = sql::OpenDatabase(from_url, 1);
  if (!from) return from.error();
  auto checked = CheckSource(from.value(), from_where);
  if (!checked) return Naming(checked.error(), from_where);
  auto migrated = MigrateDatabase(to_url);
  if (!migrated) return migrated.error();
  auto to = sql::OpenDatabase(to_url, 1);
  if (!to) return to.error();
  auto copied = CopyAll(from.value(), to.value(), to_where);
  if (!copied) return Naming(copied.error(), to_where);
  return copied;
}

}  // namespace meter
