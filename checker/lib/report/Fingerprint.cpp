//===- Fingerprint.cpp - stable identities for findings ---------*- C++ -*-===//
#include "report/Fingerprint.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <map>

using namespace llvm;

namespace utrace {

const SourceCache::Entry &SourceCache::get(StringRef File) {
  std::lock_guard<std::mutex> Lock(M);
  auto &Slot = Files[File];
  if (!Slot) {
    Slot = std::make_unique<Entry>();
    if (auto Buf = MemoryBuffer::getFile(File, /*IsText=*/true))
      Slot->Text = (*Buf)->getBuffer().str();
    StringRef Rest = Slot->Text;
    while (!Rest.empty()) {
      auto [Line, Tail] = Rest.split('\n');
      Slot->Lines.push_back(Line.rtrim('\r'));
      Rest = Tail;
    }
  }
  return *Slot;
}

StringRef SourceCache::line(StringRef File, unsigned Line) {
  const auto &L = get(File).Lines;
  return Line >= 1 && Line <= L.size() ? L[Line - 1] : StringRef();
}

const std::vector<StringRef> &SourceCache::lines(StringRef File) {
  return get(File).Lines;
}

StringRef SourceCache::text(StringRef File) { return get(File).Text; }

std::string displayPath(StringRef File) {
  SmallString<256> Abs(File);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  SmallString<256> Cwd;
  if (!sys::fs::current_path(Cwd)) {
    sys::path::remove_dots(Cwd, true);
    StringRef Rel = Abs;
    if (Rel.consume_front(Cwd) && Rel.consume_front("/"))
      return Rel.str();
  }
  return std::string(Abs);
}

std::string normalizeSpace(StringRef S) {
  std::string Out;
  for (char C : S.trim()) {
    if (isSpace(C)) {
      if (!Out.empty() && Out.back() != ' ')
        Out += ' ';
    } else {
      Out += C;
    }
  }
  return Out;
}

std::string normalizeMessage(StringRef S) {
  std::string Out;
  for (char C : normalizeSpace(S)) {
    if (isDigit(C)) {
      if (Out.empty() || Out.back() != '#')
        Out += '#';
    } else {
      Out += C;
    }
  }
  return Out;
}

std::string fingerprintOf(const Finding &F, SourceCache &Sources) {
  SHA256 H;
  // Fields are separated by a byte that cannot occur in any of them.
  auto Add = [&](StringRef S) {
    H.update(S);
    H.update(StringRef("\0", 1));
  };
  Add("utrace-check-fingerprint-v1");
  Add(F.RuleId);
  Add(displayPath(F.Loc.File));
  Add(F.Function);
  Add(normalizeMessage(F.Message));
  Add(normalizeSpace(Sources.line(F.Loc.File, F.Loc.Line)));
  for (const Note &N : F.Notes)
    Add(normalizeMessage(N.Message));
  auto Digest = H.final();
  // 128 bits is plenty for telling findings apart and keeps outputs short.
  return toHex(ArrayRef<uint8_t>(Digest.data(), 16), /*LowerCase=*/true);
}

void assignFingerprints(std::vector<Finding> &Findings, SourceCache &Sources) {
  std::map<std::string, unsigned> Seen;
  for (Finding &F : Findings) {
    if (!F.Fingerprint.empty())
      continue;
    std::string Base = fingerprintOf(F, Sources);
    unsigned N = ++Seen[Base];
    F.Fingerprint = N == 1 ? Base : Base + ":" + std::to_string(N);
  }
}

} // namespace utrace
