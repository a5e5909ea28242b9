// Creating and editing knowledge entries in the web UI (admins and experts:
// Action::kEditKnowledge): the body in one language, chosen in the form, and the title and summary
// in each of the six UN languages (required in the body's). The form is checked with the rules of
// the files (core/knowledge_form.h); a form with problems is shown again, as typed, with each
// problem beside its field and nothing written. A save is one audited transaction
// (KnowledgeRepository::SaveKnowledge); an edit carries the version it started from, so that two
// people editing at once cannot silently overwrite each other.
#include <map>

#include "web/page_text.h"
#include "web/web_app_impl.h"

namespace meter {
namespace {

KnowledgeForm FormOf(const Form& form) {
  KnowledgeForm f;
  f.kind = FormValue(form, "kind");
  f.language = FormValue(form, "language");
  for (const std::string& lang : kUnLanguages) {
    f.titles[lang] = FormValue(form, "title_" + lang);
    f.summaries[lang] = FormValue(form, "summary_" + lang);
  }
  f.country = FormValue(form, "country");
  f.region = FormValue(form, "region");
  f.year = FormValue(form, "year");
  f.pillars = FormValue(form, "pillars");
  f.subareas = FormValue(form, "subareas");
  f.sources = FormValue(form, "sources");
  f.body = FormValue(form, "body");
  return f;
}

std::string TextOf(const std::map<std::string, std::string>& texts, const std::string& lang) {
  const auto found = texts.find(lang);
  return found == texts.end() ? std::string() : found->second;
}

// The choices of the body's language, each named in itself; English when none is chosen.
TemplateList LanguageOptions(const std::string& selected) {
  TemplateList out;
  for (const std::string& lang : kUnLanguages) {
    TemplateData o = LanguageItem(lang);
    o.set("selected", lang == (selected.empty() ? "en" : selected));
    out.push_back(std::move(o));
  }
  return out;
}

// The title and summary fields of each language, as typed, with their problems; the body's
// language first, marked required.
TemplateList LanguageTexts(const KnowledgeForm& form,
                           const std::map<std::string, std::string>& errors) {
  const std::string body = IsUnLanguage(form.language) ? form.language : "en";
  std::vector<std::string> order = {body};
  for (const std::string& lang : kUnLanguages) {
    if (lang != body) order.push_back(lang);
  }
  TemplateList out;
  for (const std::string& lang : order) {
    TemplateData t = LanguageItem(lang);
    t.set("required", lang == body);
    t.set("title", TextOf(form.titles, lang));
    t.set("summary", TextOf(form.summaries, lang));
    t.set("title_error", TextOf(errors, "title_" + lang));
    t.set("summary_error", TextOf(errors, "summary_" + lang));
    out.push_back(std::move(t));
  }
  return out;
}

// Refuses anyone but admins and experts: a login for the anonymous, 403 for the others.
std::optional<Response> Refused(const WebApp::Impl& app, const Call& call) {
  if (call.principal.kind == Principal::Kind::kAnonymous) return app.NeedLogin(call);
  if (!Allowed(call.principal, Action::kEditKnowledge)) return app.Forbidden(call);
  return std::nullopt;
}

}  // namespace

Response WebApp::Impl::RenderKnowledgeForm(const Call& call, const KnowledgeForm& form,
                                           const std::string& slug, long long version,
                                           const std::vector<Problem>& problems, int status) {
  TemplateData data;
  const bool editing = !slug.empty();
  data.set("editing", editing);
  data.set("action", editing ? "/knowledge/" + UrlEncode(slug) + "/edit" : "/knowledge/new");
  data.set("slug", slug);
  data.set("version", std::to_string(version));
  std::map<std::string, std::string> fields = {
      {"kind", form.kind},       {"language", form.language}, {"region", form.region},
      {"year", form.year},       {"pillars", form.pillars},   {"subareas", form.subareas},
      {"sources", form.sources}, {"body", form.body},         {"country", form.country}};
  for (const auto& [name, value] : fields) data.set(name, value);
  for (const std::string& lang : kUnLanguages) {
    fields["title_" + lang] = "";
    fields["summary_" + lang] = "";
  }
  // Each problem beside its field, and all of them in the summary at the top.
  const Translator translate = TranslatorFor(call.locale);
  std::vector<Problem> placed = problems;
  TemplateList summary;
  for (Problem& p : placed) {
    TemplateData item;
    item.set("text", Render(p, translate));
    if (!fields.count(p.where)) p.where = "slug";
    item.set("field", p.where);
    summary.push_back(std::move(item));
  }
  const std::map<std::string, std::string> errors = FieldErrors(call, placed);
  for (const auto& [field, text] : errors) data.set(field + "_error", text);
  data.set("has_problems", !summary.empty());
  data.set("problems", std::move(summary));
  data.set("language_options", LanguageOptions(form.language));
  data.set("texts", LanguageTexts(form, errors));
  const std::string body_lang = IsUnLanguage(form.language) ? form.language : "en";
  data.set("body_lang", body_lang);
  data.set("body_dir", TextDirection(body_lang));
  const std::string in_page = TextOf(form.titles, call.lang);
  data.set("entry_title", in_page.empty() ? TextOf(form.titles, form.language) : in_page);
  data.set("kind_case", form.kind == "case");
  data.set("kind_lesson", form.kind != "case");
  data.set("countries", CountryChoices(call, {form.country}));
  TemplateList pillars;
  for (const Pillar& p : KnowledgeInstrument(deps_.instruments)->pillars) {
    TemplateData row;
    row.set("id", p.id);
    row.set("name", p.name.Get(call.lang));
    TemplateList subs;
    for (const SubArea& s : p.subareas) {
      TemplateData sub;
      sub.set("id", s.id);
      sub.set("name", s.name.Get(call.lang));
      subs.push_back(std::move(sub));
    }
    row.set("subareas", std::move(subs));
    pillars.push_back(std::move(row));
  }
  data.set("pillar_list", std::move(pillars));
  const std::string title =
      editing ? call.Tr("Edit a knowledge entry") : call.Tr("New knowledge entry");
  return Page(call, "knowledge_form", title, data, status);
}

Response WebApp::Impl::KnowledgeNewForm(Call& call) {
  if (auto refused = Refused(*this, call)) return *refused;
  KnowledgeForm form;
  form.kind = "lesson";
  form.language = "en";
  return RenderKnowledgeForm(call, form, "", 0, {}, 200);
}

Response WebApp::Impl::KnowledgeCreate(Call& call) {
  if (auto refused = Refused(*this, call)) return *refused;
  const KnowledgeForm form = FormOf(call.form);
  // The address is made from the English title where there is one, else the body's language's.
  const std::string body_lang = form.language.empty() ? "en" : form.language;
  const std::string named_by = TextOf(form.titles, "en").empty() ? TextOf(form.titles, body_lang)
                                                                 : TextOf(form.titles, "en");
  const std::string base = KnowledgeSlugFor(form.kind, named_by);
  auto entry =
      KnowledgeEntryFromForm(form, base, *KnowledgeInstrument(deps_.instruments), deps_.countries);
  if (!entry) return RenderKnowledgeForm(call, form, "", 0, entry.error().problems, 400);
  // The first free slug of base, base-2, base-3…
  for (int n = 1; n <= 100; ++n) {
    entry.value().slug = n == 1 ? base : base + "-" + std::to_string(n);
    auto saved = deps_.store.SaveKnowledge(entry.value(), KnowledgeWrite::kCreate, std::nullopt,
                                           call.principal.label);
    if (saved) return Response::Redirect("/knowledge/" + UrlEncode(saved.value().entry.slug));
    if (saved.error().code != ErrorCode::kConflict) return Fail(call, saved.error());
  }
  return RenderKnowledgeForm(
      call, form, "", 0,
      {{"title_" + body_lang, METER_N("too many entries have this title; choose another"), {}}},
      409);
}

// Refuses an edit core/knowledge_review.h does not allow (an expert's of an approved entry) with
// 409 and the reason.
std::optional<Response> WebApp::Impl::EditRefused(const Call& call, const StoredKnowledge& stored) {
  const bool admin =
      call.principal.kind == Principal::Kind::kUser && call.principal.role == Role::kAdmin;
  if (auto refused = CheckEdit(stored.State(), {call.principal.label, admin})) {
    return Fail(call, *refused);
  }
  return std::nullopt;
}

Response WebApp::Impl::KnowledgeEditForm(Call& call) {
  if (auto refused = Refused(*this, call)) return *refused;
  auto stored = deps_.store.GetKnowledge(call.params["slug"]);
  if (!stored) return Fail(call, stored.error());
  if (auto refused = EditRefused(call, stored.value())) return *refused;
  return RenderKnowledgeForm(call, KnowledgeFormOf(stored.value().entry), stored.value().entry.slug,
                             stored.value().version, {}, 200);
}

Response WebApp::Impl::KnowledgeUpdate(Call& call) {
  if (auto refused = Refused(*this, call)) return *refused;
  const std::string slug = call.params["slug"];
  const KnowledgeForm form = FormOf(call.form);
  const std::optional<int64_t> version = FormVersion(call.form, "version");
  auto entry =
      KnowledgeEntryFromForm(form, slug, *KnowledgeInstrument(deps_.instruments), deps_.countries);
  // Without the version it started from, the edit could overwrite someone else's unseen.
  std::vector<Problem> problems = entry ? std::vector<Problem>{} : entry.error().problems;
  if (!version) problems.insert(problems.begin(), VersionProblem("version"));
  if (!problems.empty()) {
    return RenderKnowledgeForm(call, form, slug, version.value_or(0), problems, 400);
  }
  // The form has no licence: an edit keeps the entry's. The status decides who may edit; a
  // change of status after the form was read changed the version, which the save checks.
  auto stored = deps_.store.GetKnowledge(slug);
  if (!stored) return Fail(call, stored.error());
  if (auto refused = EditRefused(call, stored.value())) return *refused;
  entry.value().licence = stored.value().entry.licence;
  auto saved = deps_.store.SaveKnowledge(entry.value(), KnowledgeWrite::kUpdate, version,
                                         call.principal.label);
  if (!saved && saved.error().code == ErrorCode::kConflict) {
    return RenderKnowledgeForm(call, form, slug, version.value_or(0), saved.error().problems, 409);
  }
  if (!saved) return Fail(call, saved.error());
  return Response::Redirect("/knowledge/" + UrlEncode(slug));
}

}  // namespace meter
