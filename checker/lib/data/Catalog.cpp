//===- Catalog.cpp - the rule catalog ---------------------------*- C++ -*-===//
#include "data/Catalog.h"
#include "data/EmbeddedData.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/YAMLTraits.h"
#include <set>

using namespace llvm;

namespace {
struct RuleDoc {
  std::string Id, Name, Help, Severity, Maturity, Doc, Coccinelle, Retired;
  std::string KbuildDefault = "on";
  std::string FirstGeneration = "on";
  std::vector<std::string> Tests;
  bool OncePerObject = false;
  utrace::RuntimeSite RuntimeSite;
};
struct FamilyDoc {
  std::string Family, Checker, Title;
  bool NeedsUtraceApi = true;
  bool TaskModel = false;
  std::vector<RuleDoc> Rules;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(RuleDoc)

namespace llvm::yaml {
template <> struct MappingTraits<utrace::RuntimeSite> {
  static void mapping(IO &Io, utrace::RuntimeSite &S) {
    Io.mapOptional("message", S.Message);
    Io.mapRequired("note", S.Note);
    Io.mapOptional("pick", S.Pick);
  }
};
template <> struct MappingTraits<RuleDoc> {
  static void mapping(IO &Io, RuleDoc &R) {
    Io.mapRequired("id", R.Id);
    Io.mapRequired("name", R.Name);
    Io.mapRequired("help", R.Help);
    Io.mapRequired("severity", R.Severity);
    Io.mapRequired("maturity", R.Maturity);
    Io.mapRequired("doc", R.Doc);
    Io.mapRequired("coccinelle", R.Coccinelle);
    Io.mapOptional("retired", R.Retired);
    Io.mapRequired("tests", R.Tests);
    Io.mapOptional("kbuild_default", R.KbuildDefault);
    Io.mapOptional("first_generation", R.FirstGeneration);
    Io.mapOptional("once_per_object", R.OncePerObject);
    Io.mapOptional("runtime_site", R.RuntimeSite);
  }
};
template <> struct MappingTraits<FamilyDoc> {
  static void mapping(IO &Io, FamilyDoc &F) {
    Io.mapRequired("family", F.Family);
    Io.mapRequired("checker", F.Checker);
    Io.mapRequired("title", F.Title);
    Io.mapOptional("needs_utrace_api", F.NeedsUtraceApi);
    Io.mapOptional("task_model", F.TaskModel);
    Io.mapRequired("rules", F.Rules);
  }
};
} // namespace llvm::yaml

namespace utrace {

StringRef severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

static Expected<Severity> parseSeverity(StringRef S, StringRef Where) {
  if (S == "note")
    return Severity::Note;
  if (S == "warning")
    return Severity::Warning;
  if (S == "error")
    return Severity::Error;
  return createStringError(inconvertibleErrorCode(),
                           "%s: unknown severity '%s'", Where.str().c_str(),
                           S.str().c_str());
}

/// The checks on one rule of a family file beyond its YAML shape.
static Error checkRuleDoc(const RuleDoc &R, const FamilyDoc &Doc,
                          const std::string &Path) {
  auto Fail = [&](const std::string &What) {
    return createStringError(inconvertibleErrorCode(), "%s: %s: %s",
                             Path.c_str(), R.Id.c_str(), What.c_str());
  };
  if (!StringRef(R.Id).starts_with("UT-" + Doc.Family + "-"))
    return createStringError(inconvertibleErrorCode(),
                             "%s: rule %s is not in family %s", Path.c_str(),
                             R.Id.c_str(), Doc.Family.c_str());
  if (!StringRef(R.Coccinelle).starts_with("rules/coccinelle/") &&
      !StringRef(R.Coccinelle).starts_with("none: "))
    return Fail("coccinelle is a rules/coccinelle/ path or 'none: <why>'");
  if (R.FirstGeneration != "on" && R.FirstGeneration != "off" &&
      R.FirstGeneration != "only")
    return Fail("first_generation is 'on', 'off' or 'only'");
  if (R.KbuildDefault != "on" && R.KbuildDefault != "off")
    return Fail("kbuild_default is 'on' or 'off'");
  return Error::success();
}

/// The catalog's rule for a checked rule document of family Doc.
static Rule makeRule(const RuleDoc &R, const FamilyDoc &Doc, Severity Sev) {
  Rule Out;
  Out.Id = R.Id;
  Out.Name = R.Name;
  Out.Family = Doc.Family;
  Out.Checker = Doc.Checker;
  Out.Help = R.Help;
  Out.Sev = Sev;
  Out.Maturity = R.Maturity;
  Out.Doc = R.Doc;
  if (!StringRef(R.Coccinelle).starts_with("none: "))
    Out.Coccinelle = R.Coccinelle;
  else
    Out.NoCoccinelleReason = R.Coccinelle.substr(6);
  Out.Tests = R.Tests;
  Out.OffInKbuild = R.KbuildDefault == "off";
  Out.OffInFirstGeneration = R.FirstGeneration == "off";
  Out.OnlyInFirstGeneration = R.FirstGeneration == "only";
  Out.Retired = R.Retired;
  Out.NeedsUtraceApi = Doc.NeedsUtraceApi;
  Out.UsesTaskModel = Doc.TaskModel;
  Out.OncePerObject = R.OncePerObject;
  Out.Site = R.RuntimeSite;
  return Out;
}

Expected<Catalog> Catalog::parse(ArrayRef<SourceText> Files) {
  Catalog C;
  std::set<std::string> Seen;
  for (const SourceText &F : Files) {
    FamilyDoc Doc;
    if (Error E = readYamlDocument(F, Doc))
      return std::move(E);
    for (const RuleDoc &R : Doc.Rules) {
      if (!Seen.insert(R.Id).second)
        return createStringError(inconvertibleErrorCode(),
                                 "%s: duplicate rule id %s", F.Path.c_str(),
                                 R.Id.c_str());
      if (Error E = checkRuleDoc(R, Doc, F.Path))
        return std::move(E);
      auto Sev = parseSeverity(R.Severity, F.Path + ": " + R.Id);
      if (!Sev)
        return Sev.takeError();
      Rule Out = makeRule(R, Doc, *Sev);
      // A retired rule keeps its id and page but is never run or listed.
      (Out.Retired.empty() ? C.Rules : C.RetiredRules).push_back(std::move(Out));
    }
  }
  return C;
}

const Catalog &Catalog::builtin() {
  static const Catalog Builtin = [] {
    std::vector<SourceText> Files;
    for (const embedded::EmbeddedFile *F = embedded::CatalogFiles; F->Path; ++F)
      Files.push_back({F->Path, F->Text});
    auto C = parse(Files);
    if (!C)
      report_fatal_error(C.takeError()); // a build-time data bug, not input
    return std::move(*C);
  }();
  return Builtin;
}

const Rule *Catalog::find(StringRef Id) const {
  for (const Rule &R : Rules)
    if (StringRef(R.Id).equals_insensitive(Id))
      return &R;
  return nullptr;
}

const Rule *Catalog::findRetired(StringRef Id) const {
  for (const Rule &R : RetiredRules)
    if (StringRef(R.Id).equals_insensitive(Id))
      return &R;
  return nullptr;
}

std::vector<std::string> Catalog::families() const {
  std::vector<std::string> Out;
  for (const Rule &R : Rules)
    if (std::find(Out.begin(), Out.end(), R.Family) == Out.end())
      Out.push_back(R.Family);
  return Out;
}

std::vector<std::string> Catalog::checkers() const {
  std::vector<std::string> Out;
  for (const Rule &R : Rules)
    if (std::find(Out.begin(), Out.end(), R.Checker) == Out.end())
      Out.push_back(R.Checker);
  return Out;
}

Expected<std::vector<const Rule *>> Catalog::select(StringRef Spec) const {
  std::vector<const Rule *> Out;
  if (const Rule *R = find(Spec)) {
    Out.push_back(R);
    return Out;
  }
  if (const Rule *R = findRetired(Spec))
    return createStringError(inconvertibleErrorCode(),
                             "rule %s is retired: %s (see %s)", R->Id.c_str(),
                             R->Retired.c_str(), R->Doc.c_str());
  StringRef Fam = Spec;
  if (Fam.starts_with_insensitive("UT-"))
    Fam = Fam.drop_front(3);
  for (const Rule &R : Rules)
    if (StringRef(R.Family).equals_insensitive(Fam) ||
        StringRef(R.Checker).equals_insensitive(Spec))
      Out.push_back(&R);
  if (Out.empty())
    return createStringError(inconvertibleErrorCode(),
                             "unknown rule or family '%s' (see --list-rules)",
                             Spec.str().c_str());
  return Out;
}

} // namespace utrace
