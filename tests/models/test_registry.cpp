// The registry of mechanisms: every line is a whole mechanism (its folder, keys, scenario, doc page and test),
// and the models run in the declared order.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/scenario.hpp"

using namespace zonesim;
namespace fs = std::filesystem;

TEST_CASE("every registered mechanism has its folder, a scenario, a doc page and a test") {
  REQUIRE(!mechanisms().empty());
  for (const Mechanism& m : mechanisms()) {
    const std::string name = m.name;
    INFO(name);
    CHECK(fs::is_regular_file("models/mechanisms/" + name + "/" + name + ".hpp"));
    CHECK(fs::is_regular_file("models/mechanisms/" + name + "/" + name + ".cpp"));
    CHECK(fs::is_regular_file("scenarios/" + name + ".yaml"));
    CHECK(fs::is_regular_file("docs/mechanisms/" + name + ".md"));
    CHECK(fs::is_regular_file("tests/models/mechanisms/test_" + name + ".cpp"));
    CHECK(m.declare != nullptr);
    CHECK(m.make != nullptr);
  }
}

TEST_CASE("no folder under models/mechanisms/ is missing from the registry") {
  std::set<std::string> registered;
  for (const Mechanism& m : mechanisms()) registered.insert(m.name);
  for (const auto& entry : fs::directory_iterator("models/mechanisms")) {
    INFO(entry.path().string());
    CHECK(registered.count(entry.path().filename().string()) == 1);
  }
}

TEST_CASE("each mechanism declares its own keys, switched off by default, and has its own place in a phase") {
  std::set<std::string> names;
  std::set<int> places;
  const ScenarioSpec defaults = default_scenario();
  for (const Mechanism& m : mechanisms()) {
    INFO(m.name);
    CHECK(names.insert(m.name).second);
    CHECK(places.insert(m.runs).second);
    const std::string prefix = "mechanisms." + std::string(m.name) + ".";
    REQUIRE(scenario_keys().find(prefix + "enabled") != nullptr);
    CHECK(scenario_keys().find(prefix + "enabled")->default_text == "false");
    KeyCatalogue own;
    m.declare(own);
    for (const auto& field : own.fields) CHECK(field.path.rfind(prefix, 0) == 0);  // nobody else's keys
    CHECK(m.make(defaults) == nullptr);                                            // off by default
  }
}

TEST_CASE("a scenario with every mechanism on makes each model once, in the declared order") {
  const ScenarioSpec spec = load_scenario("scenarios/all_schemes.yaml");
  const ModelList models = make_models(spec);
  int last = 0;
  std::set<std::string> seen;
  for (const auto& model : models)
    for (const Mechanism& m : mechanisms())
      if (std::string(model->name()) == m.name) {
        INFO(m.name);
        CHECK(m.runs > last);
        last = m.runs;
        seen.insert(m.name);
      }
  CHECK(seen.size() >= 8);  // all_schemes switches on every scheme of the articles
}
