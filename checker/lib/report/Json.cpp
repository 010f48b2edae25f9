//===- Json.cpp - the json output format and its reader ---------*- C++ -*-===//
#include "report/Fingerprint.h"
#include "report/Formats.h"
#include "report/Output.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#ifndef UTRACE_CHECK_VERSION
#define UTRACE_CHECK_VERSION "0.0.0"
#endif

using namespace llvm;

namespace utrace {

std::optional<Format> parseFormat(StringRef Name) {
  if (Name == "text")
    return Format::Text;
  if (Name == "json")
    return Format::Json;
  if (Name == "sarif")
    return Format::Sarif;
  if (Name == "gitlab")
    return Format::Gitlab;
  return std::nullopt;
}

StringRef statusName(FileStatus S) {
  switch (S) {
  case FileStatus::Analysed:
    return "analysed";
  case FileStatus::Skipped:
    return "skipped";
  case FileStatus::Failed:
    return "failed";
  }
  return "failed";
}

std::optional<FileStatus> parseStatus(StringRef S) {
  if (S == "analysed")
    return FileStatus::Analysed;
  if (S == "skipped")
    return FileStatus::Skipped;
  if (S == "failed")
    return FileStatus::Failed;
  return std::nullopt;
}

static Error malformed(const Twine &What) {
  return createStringError(inconvertibleErrorCode(), "malformed report: " + What);
}

static json::Object locToJSON(const Location &L) {
  return json::Object{{"file", displayPath(L.File)},
                      {"line", L.Line},
                      {"column", L.Column}};
}

static bool locFromJSON(const json::Object &O, Location &L) {
  auto File = O.getString("file");
  auto Line = O.getInteger("line");
  auto Col = O.getInteger("column");
  if (!File || !Line || !Col)
    return false;
  L = {File->str(), static_cast<unsigned>(*Line), static_cast<unsigned>(*Col)};
  return true;
}

json::Value findingToJSON(const Finding &F) {
  json::Object O = locToJSON(F.Loc);
  O["ruleId"] = F.RuleId;
  if (const Rule *R = Catalog::builtin().find(F.RuleId))
    O["ruleName"] = R->Name;
  O["severity"] = severityName(F.Sev);
  O["message"] = F.Message;
  if (!F.Function.empty())
    O["function"] = F.Function;
  json::Array Notes;
  for (const Note &N : F.Notes) {
    json::Object NO = locToJSON(N.Loc);
    NO["message"] = N.Message;
    Notes.push_back(std::move(NO));
  }
  O["notes"] = std::move(Notes);
  O["fingerprint"] = F.Fingerprint;
  if (F.inferred())
    O["confidence"] = "inferred";
  return O;
}

static std::optional<Severity> parseSeverity(StringRef S) {
  if (S == "error")
    return Severity::Error;
  if (S == "warning")
    return Severity::Warning;
  if (S == "note")
    return Severity::Note;
  return std::nullopt;
}

Expected<Finding> findingFromJSON(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return malformed("a finding is not an object");
  Finding F;
  auto Rule = O->getString("ruleId");
  auto Msg = O->getString("message");
  auto Sev = O->getString("severity");
  if (!Rule || !Msg || !Sev || !locFromJSON(*O, F.Loc))
    return malformed("a finding lacks ruleId, message, severity or location");
  auto S = parseSeverity(*Sev);
  if (!S)
    return malformed("unknown severity '" + *Sev + "'");
  F.RuleId = Rule->str();
  F.Message = Msg->str();
  F.Sev = *S;
  if (auto Fn = O->getString("function"))
    F.Function = Fn->str();
  if (auto Fp = O->getString("fingerprint"))
    F.Fingerprint = Fp->str();
  if (const json::Array *Notes = O->getArray("notes"))
    for (const json::Value &NV : *Notes) {
      const json::Object *NO = NV.getAsObject();
      Note N;
      auto NM = NO ? NO->getString("message") : std::nullopt;
      if (!NO || !NM || !locFromJSON(*NO, N.Loc))
        return malformed("a note lacks a message or location");
      N.Message = NM->str();
      F.Notes.push_back(std::move(N));
    }
  return F;
}

json::Value functionsToJSON(ArrayRef<FunctionCoverage> Fns) {
  json::Array A;
  for (const FunctionCoverage &C : Fns) {
    json::Object O{{"name", C.Name},
                   {"line", C.Line},
                   {"status", C.Analysed ? "analysed" : "not analysed"}};
    if (!C.Analysed)
      O["reason"] = C.Reason;
    A.push_back(std::move(O));
  }
  return A;
}

Error functionsFromJSON(const json::Array *A, std::vector<FunctionCoverage> &Out) {
  if (!A)
    return Error::success();
  for (const json::Value &V : *A) {
    const json::Object *O = V.getAsObject();
    auto Name = O ? O->getString("name") : std::nullopt;
    auto Status = O ? O->getString("status") : std::nullopt;
    if (!Name || !Status)
      return malformed("a function entry lacks name or status");
    FunctionCoverage C;
    C.Name = Name->str();
    C.Line = O->getInteger("line").value_or(0);
    C.Analysed = *Status == "analysed";
    C.Reason = O->getString("reason").value_or("").str();
    Out.push_back(std::move(C));
  }
  return Error::success();
}

static json::Array strings(const std::vector<std::string> &V) {
  return json::Array(std::vector<json::Value>(V.begin(), V.end()));
}

static std::vector<std::string> stringsFrom(const json::Array *A) {
  std::vector<std::string> Out;
  if (A)
    for (const json::Value &V : *A)
      if (auto S = V.getAsString())
        Out.push_back(S->str());
  return Out;
}

json::Value fileResultToJSON(const FileResult &R) {
  json::Array Findings;
  for (const Finding &F : R.Findings)
    Findings.push_back(findingToJSON(F));
  return json::Object{{"file", R.File},
                      {"status", statusName(R.Status)},
                      {"reason", R.Reason},
                      {"functionsSeen", R.FunctionsSeen},
                      {"functionsAnalysed", R.FunctionsAnalysed},
                      {"oldApiGeneration", R.OldApiGeneration},
                      {"usesUtrace", R.UsesUtrace},
                      {"internalError", R.InternalError},
                      {"missingHeaders", json::Array(std::vector<json::Value>(
                                             R.MissingHeaders.begin(),
                                             R.MissingHeaders.end()))},
                      {"healNotes", strings(R.HealNotes)},
                      {"healRounds", R.HealRounds},
                      {"unhealable", strings(R.Unhealable)},
                      {"functions", functionsToJSON(R.Functions)},
                      {"findings", std::move(Findings)}};
}

Expected<FileResult> fileResultFromJSON(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return malformed("a file result is not an object");
  FileResult R;
  auto File = O->getString("file");
  auto Status = O->getString("status");
  auto S = Status ? parseStatus(*Status) : std::nullopt;
  if (!File || !S)
    return malformed("a file result lacks file or status");
  R.File = File->str();
  R.Status = *S;
  if (auto Reason = O->getString("reason"))
    R.Reason = Reason->str();
  R.FunctionsSeen = O->getInteger("functionsSeen").value_or(0);
  R.FunctionsAnalysed = O->getInteger("functionsAnalysed").value_or(0);
  R.OldApiGeneration = O->getBoolean("oldApiGeneration").value_or(false);
  R.UsesUtrace = O->getBoolean("usesUtrace").value_or(true);
  R.InternalError = O->getBoolean("internalError").value_or(false);
  if (const json::Array *H = O->getArray("missingHeaders"))
    for (const json::Value &V : *H)
      if (auto S = V.getAsString())
        R.MissingHeaders.push_back(S->str());
  R.HealNotes = stringsFrom(O->getArray("healNotes"));
  R.HealRounds = O->getInteger("healRounds").value_or(0);
  R.Unhealable = stringsFrom(O->getArray("unhealable"));
  if (Error E = functionsFromJSON(O->getArray("functions"), R.Functions))
    return std::move(E);
  for (const FunctionCoverage &C : R.Functions)
    if (!C.Analysed)
      R.SkippedFunctions.push_back({C.Name, C.Line, C.Reason});
  R.ApiFunctions = R.Functions.size();
  if (const json::Array *A = O->getArray("findings"))
    for (const json::Value &FV : *A) {
      auto F = findingFromJSON(FV);
      if (!F)
        return F.takeError();
      R.Findings.push_back(std::move(*F));
    }
  return R;
}

static std::string toText(json::Value V) {
  std::string S;
  raw_string_ostream OS(S);
  OS << formatv("{0:2}", V) << '\n';
  return S;
}

std::string renderJson(const Report &R) {
  json::Array Findings, Files;
  for (const Finding &F : R.Findings)
    Findings.push_back(findingToJSON(F));
  for (const FileOutcome &F : R.Files) {
    json::Object O{{"file", displayPath(F.File)},
                   {"status", statusName(F.Status)}};
    if (!F.Reason.empty())
      O["reason"] = F.Reason;
    if (!F.Functions.empty()) {
      O["functions"] = functionsToJSON(F.Functions);
      O["functionsAnalysed"] = llvm::count_if(
          F.Functions, [](const FunctionCoverage &C) { return C.Analysed; });
      O["functionsTotal"] = F.Functions.size();
    }
    Files.push_back(std::move(O));
  }
  return toText(json::Object{
      {"version", 1},
      {"tool", json::Object{{"name", "utrace-check"},
                            {"version", UTRACE_CHECK_VERSION}}},
      {"findings", std::move(Findings)},
      {"files", std::move(Files)}});
}

std::string render(Format F, const Report &R, const FormatOptions &FO) {
  switch (F) {
  case Format::Json:
    return renderJson(R);
  case Format::Sarif:
    return renderSarif(R, FO);
  case Format::Gitlab:
    return renderGitlab(R);
  case Format::Text:
    break;
  }
  std::string S;
  raw_string_ostream OS(S);
  for (const Finding &Fd : R.Findings)
    printText(OS, Fd);
  return S;
}

static Expected<Report> readJsonReport(const json::Object &Root) {
  Report R;
  const json::Array *Findings = Root.getArray("findings");
  if (!Findings)
    return malformed("no \"findings\" array");
  for (const json::Value &V : *Findings) {
    auto F = findingFromJSON(V);
    if (!F)
      return F.takeError();
    R.Findings.push_back(std::move(*F));
  }
  if (const json::Array *Files = Root.getArray("files"))
    for (const json::Value &V : *Files) {
      const json::Object *O = V.getAsObject();
      auto File = O ? O->getString("file") : std::nullopt;
      auto St = O ? O->getString("status") : std::nullopt;
      auto S = St ? parseStatus(*St) : std::nullopt;
      if (!File || !S)
        return malformed("a file entry lacks file or status");
      FileOutcome FO{File->str(), *S, ""};
      if (auto Reason = O->getString("reason"))
        FO.Reason = Reason->str();
      if (Error E = functionsFromJSON(O->getArray("functions"), FO.Functions))
        return std::move(E);
      R.Files.push_back(std::move(FO));
    }
  return R;
}

Expected<Report> readSarifReport(const json::Object &Root);

Expected<Report> readReport(StringRef Text) {
  auto V = json::parse(Text);
  if (!V)
    return malformed(toString(V.takeError()));
  const json::Object *Root = V->getAsObject();
  if (!Root)
    return malformed("the top level is not an object");
  if (Root->getArray("runs"))
    return readSarifReport(*Root);
  return readJsonReport(*Root);
}

} // namespace utrace
