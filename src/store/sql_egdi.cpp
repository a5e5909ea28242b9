// Issue 14: the UN E-Government Survey's figures, one row per country and year. A missing figure
// is NULL (never 0), written and read through SOCI indicators, the same on both engines.
#include <set>

#include "store/sql_store_impl.h"

namespace meter {
namespace {

constexpr const char* kEgdiColumns = "iso3, year, rank, egdi, osi, hci, tii, epi";

// A nullable figure as SOCI exchanges it: the value and whether it is NULL.
struct Nullable {
  double value = 0;
  soci::indicator null = soci::i_null;
  void Set(const std::optional<double>& v) {
    value = v.value_or(0);
    null = v ? soci::i_ok : soci::i_null;
  }
  std::optional<double> Get() const {
    return null == soci::i_ok ? std::optional<double>(value) : std::nullopt;
  }
};

// One egdi row as SOCI reads or writes it.
struct EgdiSqlRow {
  std::string iso3;
  int year = 0, rank = 0;
  soci::indicator rank_null = soci::i_null;
  Nullable egdi, osi, hci, tii, epi;

  void Set(const EgdiRow& r, int row_year) {
    iso3 = r.iso3;
    year = row_year;
    rank = r.rank.value_or(0);
    rank_null = r.rank ? soci::i_ok : soci::i_null;
    egdi.Set(r.egdi);
    osi.Set(r.osi);
    hci.Set(r.hci);
    tii.Set(r.tii);
    epi.Set(r.epi);
  }
  EgdiRow Make() const {
    EgdiRow r{iso3, year, std::nullopt, egdi.Get(), osi.Get(), hci.Get(), tii.Get(), epi.Get()};
    if (rank_null == soci::i_ok) r.rank = rank;
    return r;
  }
  void BindInto(soci::statement& st) {
    st.exchange(soci::into(iso3));
    st.exchange(soci::into(year));
    st.exchange(soci::into(rank, rank_null));
    for (Nullable* n : {&egdi, &osi, &hci, &tii, &epi}) st.exchange(soci::into(n->value, n->null));
  }
  void BindUse(soci::statement& st) {
    st.exchange(soci::use(iso3));
    st.exchange(soci::use(year));
    st.exchange(soci::use(rank, rank_null));
    for (Nullable* n : {&egdi, &osi, &hci, &tii, &epi}) st.exchange(soci::use(n->value, n->null));
  }
};

// The rows `where_order` selects, bound to `key` (an ISO code or a year).
template <typename Key>
std::vector<EgdiRow> ReadEgdi(soci::session& sql, const std::string& where_order, Key key) {
  std::vector<EgdiRow> out;
  EgdiSqlRow row;
  soci::statement st(sql);
  sql::PrepareBound(st, std::string("SELECT ") + kEgdiColumns + " FROM egdi " + where_order,
                    soci::details::st_one_time_query, [&] {
                      row.BindInto(st);
                      st.exchange(soci::use(key));
                    });
  st.execute();
  while (st.fetch()) out.push_back(row.Make());
  return out;
}

// kInvalidInput when a country comes twice or an ISO code holds a NUL; nothing is written then.
std::optional<Error> EgdiRefusal(const std::vector<EgdiRow>& rows) {
  std::set<std::string> seen;
  sql::NulCheck nul;
  for (const EgdiRow& r : rows) {
    nul.Add("egdi.iso3", r.iso3);
    if (!seen.insert(r.iso3).second) {
      return Error::Of(ErrorCode::kInvalidInput, "egdi.iso3",
                       METER_N("country '{1}' is listed twice"), {r.iso3});
    }
  }
  return nul.Refusal();
}

}  // namespace

Result<size_t> SqlStore::ImportEgdi(int year, const std::vector<EgdiRow>& rows,
                                    const std::string& actor) {
  if (auto refused = EgdiRefusal(rows)) return *refused;
  return sql::InTransaction<size_t>(db_, [&](soci::session& sql) -> Result<size_t> {
    sql << "DELETE FROM egdi WHERE year = :y", soci::use(year);
    EgdiSqlRow row;
    soci::statement insert(sql);
    sql::PrepareBound(insert,
                      std::string("INSERT INTO egdi (") + kEgdiColumns +
                          ") VALUES (:c, :y, :r, :e, :o, :h, :t, :p)",
                      soci::details::st_repeatable_query, [&] { row.BindUse(insert); });
    for (const EgdiRow& r : rows) {
      row.Set(r, year);
      insert.execute(true);
    }
    sql::Audit(sql, actor, "egdi.import", "egdi:" + std::to_string(year),
               std::to_string(rows.size()) + " countries");
    sql::BumpVersion(db_, sql, "egdi");
    return rows.size();
  });
}

Result<std::vector<EgdiRow>> SqlStore::EgdiOf(const std::string& iso3) {
  return sql::Reading<std::vector<EgdiRow>>(db_, [&](soci::session& sql) {
    return Result<std::vector<EgdiRow>>(ReadEgdi(sql, "WHERE iso3 = :c ORDER BY year", iso3));
  });
}

Result<std::vector<EgdiRow>> SqlStore::EgdiYear(int year) {
  return sql::Reading<std::vector<EgdiRow>>(db_, [&](soci::session& sql) {
    return Result<std::vector<EgdiRow>>(ReadEgdi(sql, "WHERE year = :y ORDER BY iso3", year));
  });
}

Result<std::vector<int>> SqlStore::EgdiYears() {
  return sql::Reading<std::vector<int>>(db_, [&](soci::session& sql) {
    std::vector<int> years;
    int year = 0;
    soci::statement st =
        (sql.prepare << "SELECT DISTINCT year FROM egdi ORDER BY year", soci::into(year));
    st.execute();
    while (st.fetch()) years.push_back(year);
    return Result<std::vector<int>>(std::move(years));
  });
}

}  // namespace meter
