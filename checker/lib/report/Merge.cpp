//===- Merge.cpp - utrace-check merge OUT IN... -----------------*- C++ -*-===//
#include "report/Merge.h"
#include "report/Fingerprint.h"
#include "report/Output.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <set>

using namespace llvm;

namespace utrace {

Report mergeReports(std::vector<Report> Inputs) {
  Report Out;
  std::map<std::string, FileOutcome> Files;
  std::set<std::string> Released;
  for (Report &R : Inputs) {
    for (Finding &F : R.Findings)
      Out.Findings.push_back(std::move(F));
    Released.insert(R.ReleasedFields.begin(), R.ReleasedFields.end());
    for (FileOutcome &F : R.Files) {
      std::string Key = displayPath(F.File);
      auto [It, New] = Files.emplace(Key, F);
      if (!New && F.Status == FileStatus::Failed)
        It->second = F;
    }
  }
  // A field stored in one shard's file and released in another's.
  Out.ReleasedFields.assign(Released.begin(), Released.end());
  dropHandedOver(Out.Findings, Out.ReleasedFields);
  sortAndUnique(Out.Findings);
  SourceCache Sources;
  assignFingerprints(Out.Findings, Sources); // inputs without fingerprints
  std::set<std::string> Seen;
  std::vector<Finding> Unique;
  for (Finding &F : Out.Findings)
    if (Seen.insert(F.Fingerprint).second)
      Unique.push_back(std::move(F));
  Out.Findings = std::move(Unique);
  for (auto &[Key, F] : Files)
    Out.Files.push_back(std::move(F));
  return Out;
}

int runMerge(ArrayRef<std::string> Args, raw_ostream &Out, raw_ostream &Err) {
  auto Fail = [&](const Twine &Msg) {
    Err << "utrace-check: error: merge: " << Msg << '\n';
    return 2;
  };
  std::vector<std::string> Paths;
  std::optional<Format> Fmt;
  FormatOptions FO;
  for (const std::string &A : Args) {
    StringRef S = A;
    if (S.consume_front("--format=")) {
      Fmt = parseFormat(S);
      if (!Fmt || *Fmt == Format::Text)
        return Fail("--format must be json, sarif or gitlab");
    } else if (S.consume_front("--docs-base-uri=")) {
      FO.DocsBaseUri = S.str();
    } else if (S.starts_with("-") && S != "-") {
      return Fail("unknown option '" + S + "'");
    } else {
      Paths.push_back(A);
    }
  }
  if (Paths.size() < 2)
    return Fail("usage: utrace-check merge OUT IN... (at least one input)");
  std::string OutPath = Paths.front();
  if (!Fmt)
    Fmt = StringRef(OutPath).ends_with(".sarif") ? Format::Sarif : Format::Json;

  std::vector<Report> Inputs;
  for (size_t I = 1; I < Paths.size(); ++I) {
    auto Buf = MemoryBuffer::getFile(Paths[I], /*IsText=*/true);
    if (!Buf)
      return Fail(Paths[I] + ": " + Buf.getError().message());
    auto R = readReport((*Buf)->getBuffer());
    if (!R)
      return Fail(Paths[I] + ": " + toString(R.takeError()));
    Inputs.push_back(std::move(*R));
  }
  std::string Text = render(*Fmt, mergeReports(std::move(Inputs)), FO);
  if (OutPath == "-") {
    Out << Text;
    return 0;
  }
  if (Error E = writeToOutput(OutPath, [&](raw_ostream &OS) {
        OS << Text;
        return Error::success();
      }))
    return Fail(OutPath + ": " + toString(std::move(E)));
  return 0;
}

} // namespace utrace
