//===- Sarif.cpp - SARIF 2.1.0 output and reader ----------------*- C++ -*-===//
//
// One run; tool.driver.rules lists every rule of the catalog (so a result's
// ruleIndex is its catalog position); each result carries its path as a
// codeFlow with one threadFlow (the notes, then the finding itself) and its
// fingerprint as partialFingerprints["utraceCheck/v1"]. Paths below the
// working directory are relative URIs against %SRCROOT%, which
// originalUriBaseIds maps to the working directory. Files that failed are
// toolExecutionNotifications of the run's invocation (level error), and so
// are the functions not analysed (level warning, descriptor.id
// "function-not-analysed"); run.properties["utraceCheck/functions"] lists
// every function's coverage status.
//
//===----------------------------------------------------------------------===//
#include "report/Fingerprint.h"
#include "report/Formats.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#ifndef UTRACE_CHECK_VERSION
#define UTRACE_CHECK_VERSION "0.0.0"
#endif

using namespace llvm;

namespace utrace {

static constexpr const char *SrcRoot = "%SRCROOT%";
static constexpr const char *FingerprintKey = "utraceCheck/v1";
/// A leak's owed field (result property) and the fields the run's files
/// release (run property): what `merge` needs to settle hand-overs.
static constexpr const char *OwedFieldKey = "utraceCheck/owedField";
static constexpr const char *ReleasedFieldsKey = "utraceCheck/releasedFields";
/// descriptor.id of the notification for a function not analysed.
static constexpr const char *FunctionNotAnalysed = "function-not-analysed";

std::string pathToUri(StringRef Path) {
  std::string Out;
  bool Abs = sys::path::is_absolute(Path);
  if (Abs)
    Out = "file://";
  for (unsigned char C : Path) {
    if (isAlnum(C) || StringRef("-._~/").contains(C))
      Out += C;
    else
      Out += formatv("%{0:X-2}", static_cast<unsigned>(C)).str();
  }
  return Out;
}

std::string uriToPath(StringRef Uri) {
  Uri.consume_front("file://");
  std::string Out;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned V;
    if (Uri[I] == '%' && I + 2 < Uri.size() &&
        !Uri.substr(I + 1, 2).getAsInteger(16, V)) {
      Out += static_cast<char>(V);
      I += 2;
    } else {
      Out += Uri[I];
    }
  }
  return Out;
}

static StringRef levelOf(Severity S) {
  switch (S) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "warning";
}

static json::Object physicalLocation(const Location &L) {
  std::string Path = displayPath(L.File);
  json::Object Artifact{{"uri", pathToUri(Path)}};
  if (!sys::path::is_absolute(Path))
    Artifact["uriBaseId"] = SrcRoot;
  json::Object Region{{"startLine", std::max(1u, L.Line)}};
  if (L.Column)
    Region["startColumn"] = L.Column;
  return json::Object{
      {"physicalLocation",
       json::Object{{"artifactLocation", std::move(Artifact)},
                    {"region", std::move(Region)}}}};
}

static json::Object ruleDescriptor(const Rule &R, const FormatOptions &FO) {
  json::Object O{
      {"id", R.Id},
      {"name", R.Name},
      {"shortDescription", json::Object{{"text", R.Help}}},
      {"fullDescription",
       json::Object{{"text", R.Help + " (" + R.Family + " family, " +
                                 R.Maturity + "; see " + R.Doc + ")"}}},
      {"defaultConfiguration", json::Object{{"level", levelOf(R.Sev)}}},
      {"properties",
       json::Object{{"tags", json::Array{"utrace", R.Family}},
                    {"family", R.Family},
                    {"maturity", R.Maturity}}}};
  if (!R.Doc.empty() && !FO.DocsBaseUri.empty())
    O["helpUri"] = FO.DocsBaseUri + R.Doc;
  return O;
}

/// Where a reader learns about the tool: the README beside the rule pages
/// when --docs-base-uri says where those are, else the installed README.
static std::string informationUri(const FormatOptions &FO) {
  if (!FO.DocsBaseUri.empty())
    return FO.DocsBaseUri + "README.md";
  return UTRACE_CHECK_INFORMATION_URI;
}

static json::Object result(const Finding &F, const Catalog &Cat) {
  json::Object Res{{"ruleId", F.RuleId},
                   {"level", levelOf(F.Sev)},
                   {"message", json::Object{{"text", F.Message}}}};
  const auto &Rules = Cat.rules();
  for (size_t I = 0; I < Rules.size(); ++I)
    if (Rules[I].Id == F.RuleId)
      Res["ruleIndex"] = static_cast<int64_t>(I);
  json::Object Loc = physicalLocation(F.Loc);
  if (!F.Function.empty())
    Loc["logicalLocations"] = json::Array{
        json::Object{{"name", F.Function}, {"kind", "function"}}};
  Res["locations"] = json::Array{std::move(Loc)};

  json::Array Steps;
  auto Step = [&](const Location &L, StringRef Msg, StringRef Importance) {
    json::Object Where = physicalLocation(L);
    Where["message"] = json::Object{{"text", Msg}};
    Steps.push_back(json::Object{{"location", std::move(Where)},
                                 {"importance", Importance}});
  };
  for (const Note &N : F.Notes)
    Step(N.Loc, N.Message, "important");
  Step(F.Loc, F.Message, "essential");
  Res["codeFlows"] = json::Array{json::Object{
      {"threadFlows", json::Array{json::Object{{"locations", std::move(Steps)}}}}}};
  if (!F.Fingerprint.empty())
    Res["partialFingerprints"] = json::Object{{FingerprintKey, F.Fingerprint}};
  if (!F.OwedField.empty())
    Res["properties"] = json::Object{{OwedFieldKey, F.OwedField}};
  // An ordering inferred from a barrier pair, not declared: lower rank.
  if (F.inferred()) {
    Res["level"] = "note";
    Res["rank"] = 30.0;
  }
  return Res;
}

/// The run's tool notifications: files not analysed (errors) and functions
/// not analysed (warnings; viewers list them with the run's tool status,
/// and the run still succeeded).
static json::Object invocationOf(const Report &R) {
  json::Array Notifications;
  bool AllGood = true;
  for (const FileOutcome &F : R.Files) {
    if (F.Status != FileStatus::Failed)
      continue;
    AllGood = false;
    json::Object Where = physicalLocation({F.File, 0, 0});
    Where["physicalLocation"].getAsObject()->erase("region");
    Notifications.push_back(json::Object{
        {"level", "error"},
        {"message", json::Object{{"text", "not analysed: " + F.Reason}}},
        {"locations", json::Array{std::move(Where)}}});
  }
  for (const FileOutcome &F : R.Files)
    for (const FunctionCoverage &C : F.Functions) {
      if (C.Analysed)
        continue;
      json::Object Where = physicalLocation({F.File, C.Line, 0});
      Where["logicalLocations"] =
          json::Array{json::Object{{"name", C.Name}, {"kind", "function"}}};
      Notifications.push_back(json::Object{
          {"level", "warning"},
          {"descriptor", json::Object{{"id", FunctionNotAnalysed}}},
          {"message", json::Object{{"text", "function '" + C.Name +
                                                "' not analysed: " + C.Reason}}},
          {"locations", json::Array{std::move(Where)}}});
    }
  json::Object Invocation{{"executionSuccessful", AllGood}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  return Invocation;
}

/// Every function that uses the API or a rule family, with its status (the
/// run's "utraceCheck/functions" property).
static json::Array coverageOf(const Report &R) {
  json::Array Coverage;
  for (const FileOutcome &F : R.Files)
    for (const FunctionCoverage &C : F.Functions) {
      json::Object Entry{{"file", displayPath(F.File)},
                         {"function", C.Name},
                         {"line", C.Line},
                         {"status", C.Analysed ? "analysed" : "not analysed"}};
      if (!C.Analysed)
        Entry["reason"] = C.Reason;
      Coverage.push_back(std::move(Entry));
    }
  return Coverage;
}

std::string renderSarif(const Report &R, const FormatOptions &FO) {
  const Catalog &Cat = Catalog::builtin();
  json::Array Rules, Results;
  for (const Rule &Ru : Cat.rules())
    Rules.push_back(ruleDescriptor(Ru, FO));
  for (const Finding &F : R.Findings)
    Results.push_back(result(F, Cat));
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  json::Object Run{
      {"tool",
       json::Object{{"driver",
                     json::Object{{"name", "utrace-check"},
                                  {"version", UTRACE_CHECK_VERSION},
                                  {"informationUri", informationUri(FO)},
                                  {"rules", std::move(Rules)}}}}},
      {"originalUriBaseIds",
       json::Object{{SrcRoot, json::Object{{"uri", pathToUri(Cwd) + "/"}}}}},
      {"invocations", json::Array{invocationOf(R)}},
      {"columnKind", "unicodeCodePoints"},
      {"results", std::move(Results)}};
  json::Object Props;
  if (json::Array Coverage = coverageOf(R); !Coverage.empty())
    Props["utraceCheck/functions"] = std::move(Coverage);
  if (!R.ReleasedFields.empty())
    Props[ReleasedFieldsKey] = json::Array(R.ReleasedFields);
  if (!Props.empty())
    Run["properties"] = std::move(Props);
  json::Object Doc{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                   {"version", "2.1.0"},
                   {"runs", json::Array{std::move(Run)}}};
  std::string S;
  raw_string_ostream OS(S);
  OS << formatv("{0:2}", json::Value(std::move(Doc))) << '\n';
  return S;
}

// --- reading SARIF back (merge) ----------------------------------------------

static Error malformedSarif(const Twine &What) {
  return createStringError(inconvertibleErrorCode(),
                           "malformed SARIF: " + What);
}

/// file/line/column of a SARIF location object ({"physicalLocation": ...}).
static bool readLocation(const json::Object *L, Location &Out) {
  const json::Object *P = L ? L->getObject("physicalLocation") : nullptr;
  const json::Object *A = P ? P->getObject("artifactLocation") : nullptr;
  auto Uri = A ? A->getString("uri") : std::nullopt;
  if (!Uri)
    return false;
  Out.File = uriToPath(*Uri);
  if (const json::Object *Reg = P->getObject("region")) {
    Out.Line = Reg->getInteger("startLine").value_or(0);
    Out.Column = Reg->getInteger("startColumn").value_or(0);
  }
  return true;
}

static Expected<Finding> readResult(const json::Object &Res) {
  Finding F;
  auto Rule = Res.getString("ruleId");
  const json::Object *Msg = Res.getObject("message");
  auto Text = Msg ? Msg->getString("text") : std::nullopt;
  const json::Array *Locs = Res.getArray("locations");
  if (!Rule || !Text || !Locs || Locs->empty() ||
      !readLocation((*Locs)[0].getAsObject(), F.Loc))
    return malformedSarif("a result lacks ruleId, message or location");
  F.RuleId = Rule->str();
  F.Message = Text->str();
  StringRef Level = Res.getString("level").value_or("warning");
  F.Sev = Level == "error"  ? Severity::Error
          : Level == "note" ? Severity::Note
                            : Severity::Warning;
  if (const json::Array *LL = (*Locs)[0].getAsObject()->getArray("logicalLocations"))
    if (!LL->empty())
      if (auto Name = (*LL)[0].getAsObject()->getString("name"))
        F.Function = Name->str();
  if (const json::Object *PF = Res.getObject("partialFingerprints"))
    if (auto FP = PF->getString(FingerprintKey))
      F.Fingerprint = FP->str();
  if (const json::Object *Props = Res.getObject("properties"))
    if (auto Owed = Props->getString(OwedFieldKey))
      F.OwedField = Owed->str();
  // The notes: every step of the first thread flow but the last (which is
  // the finding itself).
  const json::Array *Flows = Res.getArray("codeFlows");
  if (Flows && !Flows->empty()) {
    const json::Array *TFs = (*Flows)[0].getAsObject()->getArray("threadFlows");
    const json::Array *Steps =
        TFs && !TFs->empty() ? (*TFs)[0].getAsObject()->getArray("locations")
                             : nullptr;
    for (size_t I = 0; Steps && I + 1 < Steps->size(); ++I) {
      const json::Object *Step = (*Steps)[I].getAsObject();
      const json::Object *Where = Step ? Step->getObject("location") : nullptr;
      Note N;
      const json::Object *NM = Where ? Where->getObject("message") : nullptr;
      auto NT = NM ? NM->getString("text") : std::nullopt;
      if (!NT || !readLocation(Where, N.Loc))
        return malformedSarif("a thread flow step lacks location or message");
      N.Message = NT->str();
      F.Notes.push_back(std::move(N));
    }
  }
  return F;
}

Expected<Report> readSarifReport(const json::Object &Root) {
  Report R;
  if (Root.getString("version") != std::optional<StringRef>("2.1.0"))
    return malformedSarif("version is not 2.1.0");
  for (const json::Value &RunV : *Root.getArray("runs")) {
    const json::Object *Run = RunV.getAsObject();
    if (!Run)
      return malformedSarif("a run is not an object");
    if (const json::Object *Props = Run->getObject("properties"))
      if (const json::Array *Rel = Props->getArray(ReleasedFieldsKey))
        for (const json::Value &V : *Rel)
          if (auto Name = V.getAsString())
            R.ReleasedFields.push_back(Name->str());
    if (const json::Array *Results = Run->getArray("results"))
      for (const json::Value &V : *Results) {
        const json::Object *O = V.getAsObject();
        if (!O)
          return malformedSarif("a result is not an object");
        auto F = readResult(*O);
        if (!F)
          return F.takeError();
        R.Findings.push_back(std::move(*F));
      }
    if (const json::Array *Invs = Run->getArray("invocations"))
      for (const json::Value &IV : *Invs)
        if (const json::Array *Ns =
                IV.getAsObject()
                    ? IV.getAsObject()->getArray("toolExecutionNotifications")
                    : nullptr)
          for (const json::Value &NV : *Ns) {
            const json::Object *N = NV.getAsObject();
            const json::Object *Desc = N ? N->getObject("descriptor") : nullptr;
            if (Desc && Desc->getString("id") ==
                            std::optional<StringRef>(FunctionNotAnalysed))
              continue; // a function, not a failed file
            const json::Array *Ls = N ? N->getArray("locations") : nullptr;
            FileOutcome FO;
            FO.Status = FileStatus::Failed;
            Location Where;
            if (!Ls || Ls->empty() ||
                !readLocation((*Ls)[0].getAsObject(), Where))
              continue;
            FO.File = Where.File;
            if (const json::Object *M = N->getObject("message")) {
              StringRef Reason = M->getString("text").value_or("");
              Reason.consume_front("not analysed: ");
              FO.Reason = Reason.str();
            }
            R.Files.push_back(std::move(FO));
          }
  }
  return R;
}

} // namespace utrace
