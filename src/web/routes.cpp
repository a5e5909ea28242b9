// The route table: every URL of METER in one place. Handlers live in *_pages.cpp and api.cpp.
#include "web/web_app_impl.h"

namespace meter {

const std::vector<WebApp::Impl::Route>& WebApp::Impl::Routes() {
  using I = WebApp::Impl;
  // Heavy work (a PDF, an XLSX workbook, a chart drawn as PNG): the server runs these on threads
  // of their own (heavy_lane.h), so that they never take the questionnaire's. For a route with a
  // :kind or :file, only some are heavy (IsHeavyWork, web_app.cpp).
  constexpr bool kHeavy = true;
  static const std::vector<Route> kRoutes = {
      {"GET", "/", &I::Home, false},
      {"GET", "/login", &I::LoginForm, false},
      {"POST", "/login", &I::Login, false},
      {"POST", "/logout", &I::Logout, false},
      {"GET", "/lang/:code", &I::Language, false},
      {"GET", "/admin/users", &I::Users, false},
      {"POST", "/admin/users", &I::CreateUser, false},
      {"POST", "/admin/users/:id/disable", &I::DisableUser, false},
      {"POST", "/admin/users/:id/enable", &I::EnableUser, false},
      {"GET", "/admin/audit", &I::AuditLog, false},
      {"GET", "/admin/egdi", &I::EgdiAdmin, false},  // issue 14
      {"POST", "/admin/egdi", &I::EgdiImport, false},
      {"GET", "/admin/countries", &I::CountriesAdmin, false},  // issue 14: country management
      {"GET", "/admin/countries/:iso3", &I::CountryAdmin, false},
      {"POST", "/admin/countries/:iso3/coordinators", &I::AddCoordinator, false},
      {"POST", "/admin/countries/:iso3/coordinators/:uid/remove", &I::RemoveCoordinator, false},
      {"GET", "/campaign", &I::CampaignPage, false},  // issue 14: the secretariat's view
      {"GET", "/campaign.csv", &I::CampaignDownload, false},
      {"GET", "/campaign.xlsx", &I::CampaignDownload, false, kHeavy},
      {"GET", "/compare", &I::ComparePage, false},  // issue 14: published rounds side by side
      {"GET", "/compare/chart/:file", &I::CompareChart, false, kHeavy},
      {"GET", "/rounds", &I::Rounds, false},
      {"POST", "/rounds", &I::CreateRound, false},
      {"GET", "/rounds/:id", &I::RoundPage, false},
      {"POST", "/rounds/:id/status", &I::SetStatus, false},
      {"POST", "/rounds/:id/weights", &I::SetWeights, false},
      {"POST", "/rounds/:id/respondents", &I::Invite, false},
      {"POST", "/rounds/:id/deadline", &I::SetDeadline, false},
      {"POST", "/rounds/:id/invitations", &I::BulkInvite, false},
      {"POST", "/rounds/:id/respondents/:rid/revoke", &I::Revoke, false},
      {"POST", "/rounds/:id/respondents/:rid/remind", &I::Remind, false},
      {"GET", "/rounds/:id/results", &I::ResultsPage, false},
      {"GET", "/rounds/:id/answers.csv", &I::AnswersExport, false},
      {"GET", "/rounds/:id/download/:kind", &I::DownloadRound, false, kHeavy},
      {"GET", "/rounds/:id/way-forward", &I::WayForwardPage, false},
      {"POST", "/rounds/:id/targets", &I::SetTargets, false},
      {"GET", "/rounds/:id/progress", &I::ProgressPage, false},
      {"POST", "/rounds/:id/roadmap/:subarea", &I::SaveRoadmapItem, false},
      {"POST", "/rounds/:id/publish", &I::Publish, false},
      {"POST", "/rounds/:id/unpublish", &I::Unpublish, false},
      {"GET", "/knowledge", &I::KnowledgeList, false},
      {"GET", "/knowledge/new", &I::KnowledgeNewForm, false},  // before :slug, which it shadows
      {"POST", "/knowledge/new", &I::KnowledgeCreate, false},
      {"GET", "/knowledge/review", &I::KnowledgeReviewQueue, false},  // issue 13; before :slug
      {"GET", "/knowledge/:slug", &I::KnowledgeEntryPage, false},
      {"GET", "/knowledge/:slug/edit", &I::KnowledgeEditForm, false},
      {"POST", "/knowledge/:slug/edit", &I::KnowledgeUpdate, false},
      {"GET", "/r/:token", &I::EnterWithToken, false},
      {"GET", "/q/:page", &I::ShowQuestionnaire, false},
      {"POST", "/q/:page", &I::SaveQuestionnaire, false},
      {"GET", "/done", &I::ThankYou, false},
      // Confirmation pages before destructive actions, and restoring a withdrawn respondent.
      {"GET", "/rounds/:id/close", &I::ConfirmClose, false},
      {"GET", "/rounds/:id/respondents/:rid/revoke", &I::ConfirmRevoke, false},
      {"GET", "/rounds/:id/respondents/:rid/remind", &I::ConfirmRemind, false},
      {"POST", "/rounds/:id/respondents/:rid/restore", &I::Restore, false},
      {"GET", "/api/instruments", &I::ApiInstruments, true},
      {"GET", "/api/instruments/:id/:version", &I::ApiInstrument, true},
      {"GET", "/api/rounds", &I::ApiRounds, true},
      {"POST", "/api/rounds", &I::ApiCreateRound, true},
      {"GET", "/api/rounds/:id", &I::ApiRound, true},
      {"GET", "/api/rounds/:id/respondents", &I::ApiRespondents, true},
      {"POST", "/api/rounds/:id/respondents", &I::ApiInvite, true},
      {"GET", "/api/rounds/:id/results", &I::ApiResults, true},
      {"GET", "/api/rounds/:id/answers.csv", &I::AnswersExport, true},
      {"GET", "/api/rounds/:id/download/:kind", &I::DownloadRound, true, kHeavy},
      {"GET", "/api/answers", &I::ApiMyAnswers, true},
      {"PUT", "/api/answers/:statement", &I::ApiSaveAnswer, true},
      // The respondent's review before finishing (issue 11).
      {"GET", "/review", &I::ReviewPage, false},
      // Issue 11: an invitation opened over a session (item 5); user editing, password links (20).
      {"POST", "/r/:token", &I::EnterWithTokenConfirmed, false},
      {"GET", "/admin/users/:id", &I::EditUserForm, false},
      {"POST", "/admin/users/:id", &I::EditUser, false},
      {"POST", "/admin/users/:id/reset-link", &I::IssueResetLink, false},
      {"GET", "/password/:token", &I::ResetPasswordForm, false},
      {"POST", "/password/:token", &I::ResetPassword, false},
      // Issue 13: the instrument versions and their item statistics, for every signed-in user.
      {"GET", "/instruments", &I::InstrumentsPage, false},
      {"GET", "/instruments/:id/:version", &I::InstrumentPage, false},
      // Issue 13: the expert channel.
      {"GET", "/instruments/diff", &I::InstrumentDiffPage, false},
      {"POST", "/instruments", &I::StartDraftVersion, false},
      {"GET", "/instruments/:id/:version/export", &I::ExportInstrument, false},
      {"POST", "/instruments/:id/:version/release", &I::ReleaseVersion, false},
      {"POST", "/instruments/:id/:version/retire", &I::RetireInstrumentVersion, false},
      {"GET", "/instruments/:id/:version/proposals", &I::ProposalsPage, false},
      {"GET", "/instruments/:id/:version/proposals/new", &I::NewProposalForm, false},
      {"POST", "/instruments/:id/:version/proposals", &I::CreateProposal, false},
      {"GET", "/proposals/:pid", &I::ProposalPage, false},
      {"POST", "/proposals/:pid/comments", &I::CommentOnProposal, false},
      {"POST", "/proposals/:pid/vote", &I::VoteOnProposal, false},
      {"POST", "/proposals/:pid/decision", &I::DecideOnProposal, false},
      // Issue 13: knowledge contributions under review (the queue is above, before :slug).
      {"POST", "/knowledge/:slug/submit", &I::KnowledgeSubmit, false},
      {"POST", "/knowledge/:slug/review", &I::KnowledgeReviewPost, false},
      // Issue 13: public pages for UNPACS (stable URLs by ISO 3166 alpha-3 and M49 code), the
      // Atom feed, the sitemap and robots.txt; open to everyone.
      {"GET", "/countries", &I::CountriesPage, false},
      {"GET", "/countries/:iso3", &I::CountryPage, false},
      {"GET", "/regions/:m49", &I::RegionPage, false},
      {"GET", "/feed.atom", &I::AtomFeedPage, false},
      {"GET", "/sitemap.xml", &I::SitemapPage, false},
      {"GET", "/robots.txt", &I::RobotsPage, false},
      // Issue 13: what changed for experts and the secretariat, the digest.
      {"GET", "/changes", &I::ChangesPage, false},
      {"POST", "/changes/digest", &I::SetChangesDigest, false},
      // Issue 14: answering offline through a workbook, by the respondent or, for a workshop, by
      // the coordinator for one respondent.
      {"GET", "/offline", &I::OfflinePage, false},
      {"GET", "/offline/download", &I::OfflineDownload, false, kHeavy},
      {"POST", "/offline", &I::UploadOffline, false},
      {"POST", "/offline/keep", &I::KeepOffline, false},
      {"GET", "/rounds/:id/respondents/:rid/offline", &I::OfflinePage, false},
      {"GET", "/rounds/:id/respondents/:rid/offline/download", &I::OfflineDownload, false, kHeavy},
      {"POST", "/rounds/:id/respondents/:rid/offline", &I::UploadOffline, false},
      {"POST", "/rounds/:id/respondents/:rid/offline/keep", &I::KeepOffline, false},
  };
  return kRoutes;
}

std::vector<std::pair<std::string, std::string>> RouteTable() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : WebApp::Impl::Routes()) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace meter
