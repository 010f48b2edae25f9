//===- StandaloneHeal.h - filling in missing context for --standalone -*- C++ -*-===//
//
// Real tracing modules do not parse against the header simulator alone:
// they use kernel constants, globals, types and sibling files the simulator
// does not have. --standalone parses a file, reads the errors that come from
// missing context (undeclared identifier, unknown type name, incomplete
// struct, no member in a struct it made up, a guard's #error, an unknown
// loop macro), writes declarations for them into an in-memory prelude, and
// parses again, a bounded number of rounds. Types come from the use (what
// follows the name: `->`, `.`, `[`, `(`), in the spirit of type inference
// for incomplete C programs (PsycheC); otherwise `long` or an enumerator.
//
// Never synthesized: the names the API tables (rules/api/*.yaml) model, and
// anything in the utrace_ namespace — those always come from the simulator,
// so a rule never reasons about a made-up declaration. docs/standalone.md.
//
//===----------------------------------------------------------------------===//
#ifndef UTRACE_CHECK_STANDALONEHEAL_H
#define UTRACE_CHECK_STANDALONEHEAL_H

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang {
class Preprocessor;
}

namespace utrace {

class HealRecorder;

/// The utrace API generation a file's text is written against: the
/// 2006-2008 one (utrace_attach, struct utrace_attached_engine,
/// utrace_set_flags, UTRACE_ACTION_*) or the later one.
bool usesFirstApiGeneration(llvm::StringRef Source);

/// Collects what a parse lacked and writes the prelude that supplies it.
class StandaloneHealer {
public:
  /// Rounds of healing before the final parse.
  static constexpr unsigned MaxRounds = 4;
  /// Where the prelude lives (an in-memory file).
  static constexpr const char *PreludePath = "/utrace-check-heal/prelude.h";
  /// Defined when the file implements utrace itself (utrace-check/standalone.h).
  static constexpr const char *OwnUtraceMacro = "UTRACE_CHECK_OWN_UTRACE";

  StandaloneHealer();
  ~StandaloneHealer();

  /// Wraps the consumer of a round: records errors, then passes them on.
  std::unique_ptr<clang::DiagnosticConsumer>
  wrap(clang::DiagnosticConsumer *Inner);
  /// Follows the preprocessor's conditionals (for #error guards).
  void attach(clang::Preprocessor &PP);
  /// Folds what the last round recorded into the prelude; true when the
  /// prelude changed (another round is worth it).
  bool learn();
  /// The prelude's text.
  std::string prelude() const;
  /// One line per kind of declaration synthesized so far, for -v.
  std::vector<std::string> summary() const;
  /// Missing context that cannot be synthesized (members of simulator
  /// structs, modelled API names), for -v.
  const std::set<std::string> &unhealable() const { return Unhealable; }

  struct Pending;

private:
  /// learn()'s steps, each true when it changed the prelude: names (globals,
  /// constants, types, macros), `long`s a later use upgrades, struct
  /// members, and names banned after a clash.
  bool learnNames(Pending &N);
  bool learnUpgrades(Pending &N);
  bool learnStructs(Pending &N);
  bool forgetBanned(Pending &N);
  bool banned(const std::string &Name) const;
  /// prelude()'s typedefs, cast types and constants.
  std::string scalarDeclarations() const;

  friend class HealRecorder;
  friend class GuardTracker;
  std::unique_ptr<Pending> Next; ///< recorded during the current round
  HealRecorder *Recorder = nullptr; ///< the current round's (one per file)
  std::map<std::string, std::string> Vars;    ///< name → declaration
  std::map<std::string, unsigned> Consts;     ///< enumerators
  std::set<std::string> Typedefs;             ///< name → struct __heal_t_name
  std::set<std::string> CastTypes;            ///< name → long (cast uses)
  std::map<std::string, std::map<std::string, std::string>> Structs;
  std::set<std::string> Defines;              ///< guard macros
  std::set<std::string> LoopMacros;           ///< NAME(...) { ... }
  std::set<std::string> FnMacros;             ///< #if NAME(...) → 0
  std::map<std::string, std::string> DeclMacros; ///< NAME(x) → type x
  std::set<std::string> ForwardTags;          ///< struct X; (prototype scope)
  std::set<std::string> Unhealable;
  std::set<std::string> Protected;            ///< modelled API names
  std::set<std::string> Banned;               ///< clashed once: never again
};

} // namespace utrace

#endif
