//===- Json.cpp - the json output format and its reader ---------*- C++ -*-===//
#include "report/Fingerprint.h"
#include "report/Formats.h"
#include "report/Output.h"
#include "report/Serialize.h"
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

// The fields of findings, notes, file results and file outcomes are listed
// once, in Serialize.cpp; these are the names the rest of the tool uses.
json::Value findingToJSON(const Finding &F) { return serialize(F); }

Expected<Finding> findingFromJSON(const json::Value &V) {
  return readValue<Finding>(V, "finding");
}

json::Value fileResultToJSON(const FileResult &R) { return serialize(R); }

json::Value functionsToJSON(ArrayRef<FunctionCoverage> Fns) {
  return serialize(std::vector<FunctionCoverage>(Fns.begin(), Fns.end()));
}

Expected<FileResult> fileResultFromJSON(const json::Value &V) {
  return readValue<FileResult>(V, "file result");
}

static std::string toText(json::Value V) {
  std::string S;
  raw_string_ostream OS(S);
  OS << formatv("{0:2}", V) << '\n';
  return S;
}

std::string renderJson(const Report &R) {
  json::Object Root{{"version", 1},
                    {"tool", json::Object{{"name", "utrace-check"},
                                          {"version", UTRACE_CHECK_VERSION}}},
                    {"findings", serialize(R.Findings)},
                    {"files", serialize(R.Files)}};
  if (!R.ReleasedFields.empty())
    Root["releasedFields"] = serialize(R.ReleasedFields);
  return toText(std::move(Root));
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
  const json::Value *Findings = Root.get("findings");
  if (!Findings)
    return malformed("no \"findings\" array");
  auto F = readValue<std::vector<Finding>>(*Findings, "report findings");
  if (!F)
    return F.takeError();
  R.Findings = std::move(*F);
  if (const json::Value *Files = Root.get("files")) {
    auto Fs = readValue<std::vector<FileOutcome>>(*Files, "report files");
    if (!Fs)
      return Fs.takeError();
    R.Files = std::move(*Fs);
  }
  if (const json::Value *Rel = Root.get("releasedFields")) {
    auto Names = readValue<std::vector<std::string>>(*Rel, "released fields");
    if (!Names)
      return Names.takeError();
    R.ReleasedFields = std::move(*Names);
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
