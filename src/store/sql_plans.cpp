// What coordinators decided about a round's Way Forward: pillar targets and roadmap edits.
#include <cstdio>

#include "store/sql_store_impl.h"

namespace meter {
namespace {

// kNotFound unless the round exists, so that a write never refers to a missing round.
Result<bool> RequireRound(soci::session& sql, Id round) {
  long long found = 0;
  const long long rid = round;
  sql << "SELECT COUNT(*) FROM rounds WHERE id = :id", soci::into(found), soci::use(rid);
  if (found == 0) {
    return Error::Of(ErrorCode::kNotFound, "", METER_N("there is no round {1}"),
                     {std::to_string(round)});
  }
  return true;
}

std::string TargetText(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

Result<std::map<std::string, double>> SqlStore::TargetsOf(Id round) {
  return sql::Reading<std::map<std::string, double>>(
      db_, [&](soci::session& sql) -> Result<std::map<std::string, double>> {
        std::map<std::string, double> out;
        std::string pillar;
        double target = 0;
        const long long rid = round;
        soci::statement st = (sql.prepare << "SELECT pillar, target FROM round_targets "
                                             "WHERE round_id = :r",
                              soci::into(pillar), soci::into(target), soci::use(rid));
        st.execute();
        while (st.fetch()) out[pillar] = target;
        return out;
      });
}

Result<bool> SqlStore::SetTargets(Id round, const std::map<std::string, double>& targets,
                                  const std::string& actor) {
  sql::NulCheck nul;
  for (const auto& [pillar, target] : targets) nul.Add("round_targets.pillar", pillar);
  if (auto refused = nul.Refusal()) return *refused;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    if (auto found = RequireRound(sql, round); !found) return found;
    const long long rid = round;
    sql << "DELETE FROM round_targets WHERE round_id = :r", soci::use(rid);
    std::string detail;
    for (const auto& [pillar, target] : targets) {
      sql << "INSERT INTO round_targets (round_id, pillar, target) VALUES (:r, :p, :t)",
          soci::use(rid), soci::use(pillar), soci::use(target);
      detail += pillar + "=" + TargetText(target) + " ";
    }
    sql::Audit(sql, actor, "round.targets", "round:" + std::to_string(round), detail);
    sql::BumpVersion(db_, sql, sql::RoundVersionName(round));
    return true;
  });
}

Result<std::vector<RoadmapEdit>> SqlStore::RoadmapEditsOf(Id round) {
  return sql::Reading<std::vector<RoadmapEdit>>(
      db_, [&](soci::session& sql) -> Result<std::vector<RoadmapEdit>> {
        std::vector<RoadmapEdit> out;
        RoadmapEdit e;
        const long long rid = round;
        soci::statement st = (sql.prepare << "SELECT subarea, phase, owner, due FROM roadmap_edits "
                                             "WHERE round_id = :r ORDER BY subarea",
                              soci::into(e.subarea), soci::into(e.phase), soci::into(e.owner),
                              soci::into(e.due), soci::use(rid));
        st.execute();
        while (st.fetch()) out.push_back(e);
        return out;
      });
}

Result<bool> SqlStore::SaveRoadmapEdit(Id round, const RoadmapEdit& edit,
                                       const std::string& actor) {
  if (auto refused = sql::NulCheck()
                         .Add("roadmap_edits.subarea", edit.subarea)
                         .Add("roadmap_edits.owner", edit.owner)
                         .Add("roadmap_edits.due", edit.due)
                         .Refusal())
    return *refused;
  return sql::InTransaction<bool>(db_, [&](soci::session& sql) -> Result<bool> {
    if (auto found = RequireRound(sql, round); !found) return found;
    const long long rid = round;
    sql << "DELETE FROM roadmap_edits WHERE round_id = :r AND subarea = :s", soci::use(rid),
        soci::use(edit.subarea);
    sql << "INSERT INTO roadmap_edits (round_id, subarea, phase, owner, due) "
           "VALUES (:r, :s, :p, :o, :d)",
        soci::use(rid), soci::use(edit.subarea), soci::use(edit.phase), soci::use(edit.owner),
        soci::use(edit.due);
    sql::Audit(sql, actor, "roadmap.edit", "round:" + std::to_string(round),
               edit.subarea + " phase=" + std::to_string(edit.phase) + " owner=" + edit.owner +
                   " due=" + edit.due);
    sql::BumpVersion(db_, sql, sql::RoundVersionName(round));
    return true;
  });
}

}  // namespace meter
