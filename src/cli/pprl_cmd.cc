// Privacy-preserving record linkage between agencies (issue 11, docs/formats/pprl.md):
//   interdict pprl encode --secret-file KEY IN.csv --out ENC.jsonl
//   interdict pprl match A.jsonl B.jsonl --threshold T --out pairs.csv
// Each side encodes its own list with the shared secret; only encodings are exchanged, and
// `match` (which needs no secret) reveals only the pairs above the threshold.
#ifdef INTERDICT_HAVE_ACT
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "core/csv.h"
#include "core/file.h"
#include "interdict/sharing.h"

namespace interdict::cli {
namespace {

int Fail(const Status& st) {
  std::cerr << "interdict: " << st.ToString() << "\n";
  return 1;
}

}  // namespace

void RegisterPprlCommands(CLI::App& app, int* exit_code) {
  auto* pp = app.add_subcommand(
      "pprl", "Privacy-preserving matching of name lists between agencies (keyed Bloom filters)");
  pp->require_subcommand(1);
  {
    struct Opts {
      std::string secret_file, in, out, hardening = "xor-fold";
      sharing::ClkParams p;
    };
    auto o = std::make_shared<Opts>();
    auto* c = pp->add_subcommand("encode",
                                 "Encode a CSV (id, name|full_name, "
                                 "birth_date|date_of_birth) as CLK JSON lines");
    c->add_option("--secret-file", o->secret_file,
                  "File with the secret shared by both agencies (>= 16 bytes; trailing "
                  "newline ignored)")
        ->required();
    c->add_option("input", o->in, "Input CSV")->required();
    c->add_option("--out", o->out, "Encodings (JSON lines)")->required();
    c->add_option("--bits", o->p.bits, "Bloom filter bits before folding (multiple of 128)")
        ->capture_default_str();
    c->add_option("--k-name", o->p.k_name, "Positions per name bigram")->capture_default_str();
    c->add_option("--k-dob", o->p.k_dob, "Positions per birth-date token")->capture_default_str();
    c->add_option("--hardening", o->hardening, "xor-fold or none")->capture_default_str();
    c->callback([o, exit_code] {
      auto run = [&]() -> Status {
        ASSIGN_OR_RETURN(std::string secret, ReadFileToString(o->secret_file));
        while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r'))
          secret.pop_back();
        ASSIGN_OR_RETURN(o->p.hardening, sharing::ParseHardening(o->hardening));
        ASSIGN_OR_RETURN(auto recs, sharing::ReadPprlCsv(o->in));
        sharing::PprlFile f;
        f.params = o->p;
        f.secret_check = sharing::SecretCheck(secret);
        for (const auto& r : recs) {
          ASSIGN_OR_RETURN(auto e, sharing::EncodeRecord(secret, r, o->p));
          f.records.push_back(std::move(e));
        }
        RETURN_IF_ERROR(sharing::WritePprlFile(o->out, f));
        std::cerr << "encoded " << f.records.size() << " records into " << o->out << " ("
                  << o->p.out_bits() << " bits, " << sharing::HardeningName(o->p.hardening)
                  << ", secret check " << f.secret_check << ")\n";
        return Status::Ok();
      };
      Status st = run();
      *exit_code = st.ok() ? 0 : Fail(st);
    });
  }
  {
    struct Opts {
      std::string a, b, out;
      sharing::MatchOptions m;
      std::string blocking = "lsh";
    };
    auto o = std::make_shared<Opts>();
    o->m.threshold = 0.75;
    auto* c = pp->add_subcommand("match", "Match two encoding files; writes a_id,b_id,score");
    c->add_option("a", o->a, "Encodings of side A")->required();
    c->add_option("b", o->b, "Encodings of side B")->required();
    c->add_option("--threshold", o->m.threshold, "Minimum Dice similarity")->capture_default_str();
    c->add_option("--out", o->out, "Pairs CSV")->required();
    c->add_option("--blocking", o->blocking, "lsh (Hamming LSH candidates) or none (all pairs)")
        ->capture_default_str();
    c->add_option("--lsh-tables", o->m.lsh_tables, "LSH tables")->capture_default_str();
    c->add_option("--lsh-bits", o->m.lsh_bits, "Sampled bits per LSH key")->capture_default_str();
    c->callback([o, exit_code] {
      auto run = [&]() -> Status {
        if (o->blocking != "lsh" && o->blocking != "none")
          return Status::InvalidArgument("--blocking: expected lsh or none");
        o->m.blocking = o->blocking == "lsh";
        ASSIGN_OR_RETURN(auto fa, sharing::ReadPprlFile(o->a));
        ASSIGN_OR_RETURN(auto fb, sharing::ReadPprlFile(o->b));
        if (fa.secret_check != fb.secret_check)
          return Status::FailedPrecondition(
              "the two files were encoded with different secrets (check " + fa.secret_check +
              " vs " + fb.secret_check + ")");
        if (fa.params.bits != fb.params.bits || fa.params.k_name != fb.params.k_name ||
            fa.params.k_dob != fb.params.k_dob || fa.params.hardening != fb.params.hardening)
          return Status::FailedPrecondition(
              "the two files were encoded with different "
              "parameters");
        sharing::MatchStats st;
        auto pairs = sharing::MatchClk(fa.records, fb.records, o->m, &st);
        std::string out = "a_id,b_id,score\n";
        char buf[32];
        for (const auto& p : pairs) {
          std::snprintf(buf, sizeof buf, "%.4f", p.score);
          out += CsvLine({p.a_id, p.b_id, buf}) + "\n";
        }
        RETURN_IF_ERROR(WriteFileAtomic(o->out, out));
        std::cerr << pairs.size() << " pairs >= " << o->m.threshold << "; " << st.comparisons
                  << " comparisons of " << st.all_pairs << " possible in " << st.seconds << " s ("
                  << (st.seconds > 0 ? st.comparisons / st.seconds : 0)
                  << " comparisons/s incl. blocking)\n";
        return Status::Ok();
      };
      Status st = run();
      *exit_code = st.ok() ? 0 : Fail(st);
    });
  }
}

}  // namespace interdict::cli
#endif  // INTERDICT_HAVE_ACT
