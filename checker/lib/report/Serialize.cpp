//===- Serialize.cpp - the field lists of the report types ------*- C++ -*-===//
#include "report/Serialize.h"
#include "report/Formats.h"
#include "report/Fingerprint.h"
#include "report/Output.h"
#include <limits>

using namespace llvm;

namespace utrace {

// --- leaves -----------------------------------------------------------------

bool deserialize(const json::Value &E, unsigned &Out, json::Path P) {
  std::optional<int64_t> N = E.getAsInteger();
  if (!N || *N < 0 || *N > std::numeric_limits<unsigned>::max()) {
    P.report("expected an unsigned integer");
    return false;
  }
  Out = static_cast<unsigned>(*N);
  return true;
}

json::Value serialize(const std::set<std::string> &V) {
  return serialize(std::vector<std::string>(V.begin(), V.end()));
}

bool deserialize(const json::Value &E, std::set<std::string> &Out,
                 json::Path P) {
  std::vector<std::string> V;
  if (!deserialize(E, V, P))
    return false;
  Out = std::set<std::string>(V.begin(), V.end());
  return true;
}

json::Value serialize(FileStatus S) { return statusName(S); }

bool deserialize(const json::Value &E, FileStatus &Out, json::Path P) {
  std::optional<StringRef> S = E.getAsString();
  std::optional<FileStatus> St = S ? parseStatus(*S) : std::nullopt;
  if (!St) {
    P.report("expected analysed, skipped or failed");
    return false;
  }
  Out = *St;
  return true;
}

json::Value serialize(Severity S) { return severityName(S); }

bool deserialize(const json::Value &E, Severity &Out, json::Path P) {
  std::optional<StringRef> S = E.getAsString();
  for (Severity Sev : {Severity::Error, Severity::Warning, Severity::Note})
    if (S && *S == severityName(Sev)) {
      Out = Sev;
      return true;
    }
  P.report("expected error, warning or note");
  return false;
}

void ObjectWriter::required(StringLiteral Key, DisplayedPath V) {
  O[Key] = displayPath(V.Path);
}

// --- the field lists --------------------------------------------------------

/// A location is written flat into the object that has it.
template <class IO> static void mapLocation(IO &Io, Location &L) {
  Io.required("file", DisplayedPath{L.File});
  Io.required("line", L.Line);
  Io.required("column", L.Column);
}

template <class IO> static void mapFields(IO &Io, Note &N) {
  mapLocation(Io, N.Loc);
  Io.required("message", N.Message);
}

template <class IO> static void mapFields(IO &Io, Finding &F) {
  mapLocation(Io, F.Loc);
  Io.required("ruleId", F.RuleId);
  Io.derived("ruleName", [&]() -> json::Value {
    const Rule *R = Catalog::builtin().find(F.RuleId);
    return R ? json::Value(R->Name) : nullptr;
  });
  Io.required("severity", F.Sev);
  Io.required("message", F.Message);
  Io.optional("function", F.Function);
  Io.required("notes", F.Notes);
  Io.required("fingerprint", F.Fingerprint);
  Io.optional("owedField", F.OwedField);
  Io.derived("confidence", [&]() -> json::Value {
    return F.inferred() ? json::Value("inferred") : nullptr;
  });
}

template <class IO> static void mapFields(IO &Io, FunctionCoverage &C) {
  Io.required("name", C.Name);
  Io.optional("line", C.Line);
  std::string Status = C.Analysed ? "analysed" : "not analysed";
  Io.required("status", Status);
  if constexpr (IO::Reading)
    C.Analysed = Status == "analysed";
  Io.optional("reason", C.Reason);
}

template <class IO> static void mapFields(IO &Io, SkippedFunction &S) {
  Io.required("name", S.Name);
  Io.required("line", S.Line);
  Io.required("reason", S.Reason);
}

template <class IO> static void mapFields(IO &Io, ErrorLine &E) {
  Io.required("file", E.File);
  Io.required("line", E.Line);
  Io.required("message", E.Message);
}

/// A worker's whole result: every field, so a worker's run and an
/// in-process run of a file are the same to the rest of the pipeline.
/// (RoundTripTest holds this list to FileResult's size.)
template <class IO> static void mapFields(IO &Io, FileResult &R) {
  Io.required("file", R.File);
  Io.required("status", R.Status);
  Io.required("reason", R.Reason);
  Io.required("findings", R.Findings);
  Io.required("functionsSeen", R.FunctionsSeen);
  Io.required("functionsAnalysed", R.FunctionsAnalysed);
  Io.required("oldApiGeneration", R.OldApiGeneration);
  Io.required("usesUtrace", R.UsesUtrace);
  Io.required("verifyFailed", R.VerifyFailed);
  Io.required("missingHeaders", R.MissingHeaders);
  Io.required("skippedFunctions", R.SkippedFunctions);
  Io.required("apiFunctions", R.ApiFunctions);
  Io.required("parseErrors", R.ParseErrors);
  Io.required("functions", R.Functions);
  Io.required("errors", R.Errors);
  Io.required("internalError", R.InternalError);
  Io.required("healNotes", R.HealNotes);
  Io.required("healRounds", R.HealRounds);
  Io.required("unhealable", R.Unhealable);
  Io.required("healRetry", R.HealRetry);
  Io.required("releasedFields", R.ReleasedFields);
  Io.required("stageTimes", R.Stages.Ms);
}

/// A file of the json report.
template <class IO> static void mapFields(IO &Io, FileOutcome &F) {
  Io.required("file", DisplayedPath{F.File});
  Io.required("status", F.Status);
  Io.optional("reason", F.Reason);
  Io.optional("functions", F.Functions);
  auto IfFunctions = [&](size_t N) -> json::Value {
    return F.Functions.empty() ? json::Value(nullptr) : json::Value(N);
  };
  Io.derived("functionsAnalysed", [&] {
    return IfFunctions(llvm::count_if(
        F.Functions, [](const FunctionCoverage &C) { return C.Analysed; }));
  });
  Io.derived("functionsTotal", [&] { return IfFunctions(F.Functions.size()); });
}

#define UTRACE_SERIALIZED(T)                                                   \
  json::Value serialize(const T &V) { return writeObject(V); }                 \
  bool deserialize(const json::Value &E, T &Out, json::Path P) {               \
    return readObject(E, Out, P);                                              \
  }
UTRACE_SERIALIZED(Note)
UTRACE_SERIALIZED(Finding)
UTRACE_SERIALIZED(FunctionCoverage)
UTRACE_SERIALIZED(SkippedFunction)
UTRACE_SERIALIZED(ErrorLine)
UTRACE_SERIALIZED(FileResult)
UTRACE_SERIALIZED(FileOutcome)
#undef UTRACE_SERIALIZED

} // namespace utrace
