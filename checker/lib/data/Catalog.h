//===- Catalog.h - the rule catalog ------------------------------*- C++ -*-===//
//
// The catalog (rules/catalog/*.yaml) is the single source of truth for rule
// ids: which checker implements a rule, its family, severity, help text, doc
// page, Coccinelle file and tests. --list-rules, --enable/--disable and the
// output formats all read it from here.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_CATALOG_H
#define UTRACE_CHECK_CATALOG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/YAMLTraits.h"
#include <string>
#include <vector>

namespace utrace {

enum class Severity { Note, Warning, Error };

llvm::StringRef severityName(Severity S);

/// Where the runtime checks (docs/runtime-checks.md) name a finding of the
/// rule, when not at the warning's line: at the path note matching Note (a
/// regular expression), for findings whose message contains Message (any
/// when empty); Pick is "all" or "last". Read by the agreement test.
struct RuntimeSite {
  std::string Message;
  std::string Note;
  std::string Pick = "all";
};

struct Rule {
  std::string Id;      ///< UT-REF-001
  std::string Name;    ///< engine-reference-leak
  std::string Family;  ///< REF
  std::string Checker; ///< utrace.EngineRef
  std::string Help;    ///< one line
  Severity Sev = Severity::Warning;
  std::string Maturity;
  std::string Doc;        ///< docs/rules/UT-REF-001.md
  std::string Coccinelle; ///< rules/coccinelle/...; empty when there is none
  std::string NoCoccinelleReason; ///< why there is none
  std::vector<std::string> Tests;
  /// Off in a kernel build (Kbuild's argv) unless --enable names it.
  bool OffInKbuild = false;
  /// Not reported on code of the 2006-2008 API generation, which has no
  /// engine reference counts (first_generation: off).
  bool OffInFirstGeneration = false;
  /// Reported only on code of the 2006-2008 API generation, whose own idiom
  /// it checks (first_generation: only).
  bool OnlyInFirstGeneration = false;
  /// Why the rule was retired; empty for a live rule. Retired rules keep
  /// their id and doc page, and are neither run, listed nor in SARIF.
  std::string Retired;
  /// The family reports also where no function uses the utrace API (RCU,
  /// atomic context, barriers: `needs_utrace_api: false`); read by the
  /// relevance decision (analysis/Relevance.h).
  bool NeedsUtraceApi = true;
  /// The family's checker reads utrace.TaskModeling (`task_model: true`).
  bool UsesTaskModel = false;
  /// Reported once per object and path; later uses of that object on the
  /// path are not judged again (`once_per_object: true`).
  bool OncePerObject = false;
  RuntimeSite Site;
};

struct SourceText {
  std::string Path;
  std::string Text;
};

/// Reads one YAML document of rules/ into Doc; the error names the file.
template <typename T> llvm::Error readYamlDocument(const SourceText &F, T &Doc);

class Catalog {
public:
  /// The catalog compiled into the binary.
  static const Catalog &builtin();
  /// Parses catalog documents; the error names the file and the problem.
  static llvm::Expected<Catalog> parse(llvm::ArrayRef<SourceText> Files);

  /// The live rules (retired ones are not among them).
  const std::vector<Rule> &rules() const { return Rules; }
  /// Rules kept only for their id and page (`retired:` in the catalog).
  const std::vector<Rule> &retiredRules() const { return RetiredRules; }
  const Rule *find(llvm::StringRef Id) const;
  const Rule *findRetired(llvm::StringRef Id) const;
  /// Families in catalog order (REF, WIN, ...).
  std::vector<std::string> families() const;
  /// Checker names (utrace.EngineRef, ...) in catalog order.
  std::vector<std::string> checkers() const;
  /// Resolves a rule id, a family (REF, ref, UT-REF) or a checker name to
  /// the rules it names; an error for anything unknown.
  llvm::Expected<std::vector<const Rule *>> select(llvm::StringRef Spec) const;

private:
  std::vector<Rule> Rules;
  std::vector<Rule> RetiredRules;
};

template <typename T>
llvm::Error readYamlDocument(const SourceText &F, T &Doc) {
  std::string Message;
  llvm::yaml::Input In(
      F.Text, nullptr,
      [](const llvm::SMDiagnostic &D, void *Ctx) {
        *static_cast<std::string *>(Ctx) = D.getMessage().str();
      },
      &Message);
  In >> Doc;
  if (In.error())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s: %s",
                                   F.Path.c_str(), Message.c_str());
  return llvm::Error::success();
}

} // namespace utrace

#endif
