package dev.keelson.net.dns;

import java.util.List;

/**
 * What the view answers for one question.
 *
 * @param outcome how the server responds
 * @param answers answer section (owner names absolute, lower case)
 * @param additionals additional section (addresses of SRV targets)
 * @param soaAnswer the answer is the zone's SOA record (apex SOA query)
 */
record DnsAnswer(
    Outcome outcome, List<DnsWire.Rr> answers, List<DnsWire.Rr> additionals, boolean soaAnswer) {

  /** Response kinds. */
  enum Outcome {
    /** NOERROR with answers. */
    ANSWER,
    /** NOERROR, empty answer, SOA in authority. */
    NODATA,
    /** NXDOMAIN, SOA in authority. */
    NXDOMAIN,
    /** Not synced yet. */
    SERVFAIL,
    /** Not a cluster name: forward upstream. */
    FORWARD
  }

  static DnsAnswer of(Outcome outcome) {
    return new DnsAnswer(outcome, List.of(), List.of(), false);
  }

  static DnsAnswer answer(List<DnsWire.Rr> answers, List<DnsWire.Rr> additionals) {
    return answers.isEmpty()
        ? of(Outcome.NODATA)
        : new DnsAnswer(Outcome.ANSWER, answers, additionals, false);
  }
}
