package dev.keelson.net.proxy.iptables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The input of a full sync: the tables Keelson writes (filter, nat) whole, as {@code iptables-save}
 * showed them with every chain Keelson owns replaced by the freshly rendered ones, for an {@code
 * iptables-restore} <em>without</em> {@code --noflush}.
 *
 * <p>Why not {@code --noflush} as for partial syncs: {@code iptables-nft-restore} (iptables 1.8.9)
 * in {@code --noflush} mode costs about (chains x rules): 1,000 services of 10 endpoints (11,000
 * chains, 43,000 rules) took 10 s of CPU and 10,000 did not finish in 9 minutes, while the same
 * input restored whole took 0.8 s. Rules of other owners in these tables (the jumps from the
 * built-in chains included) are kept as they were saved; one written between the save and the
 * restore would be lost, so full syncs are rare (the first, after a failure, every {@code
 * fullSyncEvery}-th).
 */
final class IptablesFullRestore {
  /**
   * The prefixes of the per-service chains; leftovers of these (from an earlier run) are dropped.
   */
  static final List<String> OWNED_PREFIXES = List.of("KUBE-SVC-", "KUBE-SEP-", "KUBE-EXT-");

  private IptablesFullRestore() {}

  /** One table's lines. */
  private static final class Table {
    final List<String> declarations = new ArrayList<>();
    final List<String> rules = new ArrayList<>();
    final List<String> deletes = new ArrayList<>();
    final Set<String> chains = new LinkedHashSet<>();
  }

  /**
   * Merges {@code saved} (an {@code iptables-save} of every table) and {@code rendered} (Keelson's
   * {@code --noflush} input) into the input of a flushing restore of the tables {@code rendered}
   * names.
   */
  static String merge(String saved, String rendered) {
    Map<String, Table> ours = parse(rendered);
    Map<String, Table> theirs = parse(saved);
    StringBuilder out = new StringBuilder(rendered.length() + saved.length() + 1024);
    for (Map.Entry<String, Table> e : ours.entrySet()) {
      Table mine = e.getValue();
      Table old = theirs.getOrDefault(e.getKey(), new Table());
      Set<String> leftovers = new LinkedHashSet<>();
      for (String c : old.chains) {
        if (!mine.chains.contains(c) && OWNED_PREFIXES.stream().anyMatch(c::startsWith)) {
          leftovers.add(c);
        }
      }
      out.append('*').append(e.getKey()).append('\n');
      for (String d : old.declarations) {
        String chain = chainOf(d, 1);
        if (!mine.chains.contains(chain) && !leftovers.contains(chain)) {
          out.append(d).append('\n');
        }
      }
      for (String d : mine.declarations) {
        out.append(d).append('\n');
      }
      for (String c : leftovers) {
        out.append(':').append(c).append(" - [0:0]\n");
      }
      for (String r : old.rules) {
        String chain = chainOf(r, 3);
        if (!mine.chains.contains(chain) && !leftovers.contains(chain)) {
          out.append(r).append('\n');
        }
      }
      for (String r : mine.rules) {
        out.append(r).append('\n');
      }
      for (String x : mine.deletes) {
        out.append(x).append('\n');
      }
      for (String c : leftovers) {
        out.append("-X ").append(c).append('\n');
      }
      out.append("COMMIT\n");
    }
    return out.toString();
  }

  private static Map<String, Table> parse(String text) {
    Map<String, Table> tables = new LinkedHashMap<>();
    Table current = null;
    for (String line : (Iterable<String>) text.lines()::iterator) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("*")) {
        current = tables.computeIfAbsent(line.substring(1).strip(), t -> new Table());
      } else if (current == null || line.equals("COMMIT")) {
        continue;
      } else if (line.startsWith(":")) {
        current.declarations.add(line);
        current.chains.add(chainOf(line, 1));
      } else if (line.startsWith("-A ")) {
        current.rules.add(line);
      } else if (line.startsWith("-X ")) {
        current.deletes.add(line);
      } else {
        current.rules.add(line);
      }
    }
    return tables;
  }

  /** The chain name starting at {@code from}, up to the next space. */
  private static String chainOf(String line, int from) {
    int end = line.indexOf(' ', from);
    return end < 0 ? line.substring(from) : line.substring(from, end);
  }
}
