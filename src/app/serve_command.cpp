#include "app/serve_command.h"

#include <ostream>

#include "app/demo.h"
#include "app/exit_codes.h"
#include "web/security.h"
#include "web/server.h"

namespace meter {
namespace {

// "HOST:PORT" or ":PORT"; nullopt when the port is not a number from 1 to 65535.
std::optional<ServeOptions> ParseListen(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  ServeOptions options;
  if (colon > 0) options.host = text.substr(0, colon);
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int value = std::stoi(port);
  if (value < 1 || value > 65535) return std::nullopt;
  options.port = static_cast<uint16_t>(value);
  return options;
}

}  // namespace

CLI::App* ServeCommand::Register(CLI::App& parent, const Context& context) {
  CLI::App* cmd = parent.add_subcommand("serve", context.Translate("Run the web application"));
  cmd->add_option("--db", paths_.db_url,
                  context.Translate("Database URL: sqlite:PATH or postgresql://…"));
  cmd->add_option("--listen", listen_, context.Translate("Address to listen on, HOST:PORT"));
  cmd->add_option(
      "--public-url", public_url_,
      context.Translate("The URL users reach METER at (https://… makes cookies Secure)"));
  cmd->add_option(
      "--trusted-proxy", trusted_proxy_,
      context.Translate("Address of the reverse proxy whose X-Forwarded-For names the client"));
  cmd->add_option("--threads", threads_, context.Translate("Worker threads"))
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--demo", demo_,
                context.Translate("Add a demonstration country, round and logins"));
  cmd->add_option("--content", paths_.content_dir, context.Translate("The content folder"));
  cmd->add_option("--web", paths_.web_dir,
                  context.Translate("The folder of templates and static files"));
  return cmd;
}

int ServeCommand::Run(const Context& context) {
  const auto listen = ParseListen(listen_);
  if (!listen) {
    return context.Fail(Error::Of(ErrorCode::kInvalidInput, "--listen",
                                  METER_N("'{1}' is not HOST:PORT with a port from 1 to 65535"),
                                  {listen_}));
  }
  if (!InitSecurity()) {
    return context.Fail(Error::Of(ErrorCode::kInternal, "", METER_N("libsodium could not start")));
  }
  paths_.demo_country = demo_;
  paths_.locale_dir = LocaleDirectory();
  auto loaded = Installation::Load(paths_);
  if (!loaded) return context.Fail(loaded.error());
  Installation& inst = *loaded.value();
  ServeOptions options = *listen;
  options.threads = threads_;
  const std::string base = public_url_.empty()
                               ? "http://" + options.host + ":" + std::to_string(options.port)
                               : public_url_;
  if (demo_) {
    auto seeded = SeedDemo(inst, base, context);
    if (!seeded) return context.Fail(seeded.error());
  }
  WebOptions web;
  web.public_url = public_url_;
  web.trusted_proxy = trusted_proxy_;
  if (public_url_.empty() && !demo_) {
    context.err
        << context.Translate(
               "note: without --public-url, invitation links use the Host header of the request")
        << '\n';
  }
  web.static_dir = paths_.web_dir + "/static";
  web.uswds_dir = paths_.uswds_dir;
  WebApp app({*inst.store, inst.instruments, inst.countries, inst.knowledge, *inst.catalogs,
              *inst.templates, Installation::ReportRenderers(), web});
  auto served = Serve(app, options, [&] {
    context.out << Substitute(context.Translate(
                                  "METER is running at {1} ({2} database); stop it with Ctrl+C"),
                              {base, inst.store->Engine()})
                << std::endl;
  });
  if (!served) return context.Fail(served.error());
  return kExitOk;
}

}  // namespace meter
