# Sourced by bin/java-home and bin/env.sh: finds a JDK without launching a JVM (a JVM launch to ask
# its version costs ~100 ms; a JDK's `release` file names it). Sets REPLY; no subprocesses.

# The feature version of the JDK at $1 (25 for "25.0.3", 8 for "1.8.0_402"), or empty.
keelson_java_major() {
  REPLY=
  local line v
  [ -f "$1/release" ] || return 0
  while IFS= read -r line; do
    case $line in
      JAVA_VERSION=*)
        v=${line#JAVA_VERSION=\"}
        v=${v%%\"*}
        v=${v#1.}
        REPLY=${v%%[!0-9]*}
        return 0
        ;;
    esac
  done <"$1/release"
}

# A JAVA_HOME of version 21 or newer: $JAVA_HOME if new enough, then the newest JDK under
# /usr/lib/jvm, then the one of `java` on PATH. Returns 1 if none.
keelson_java_home() {
  REPLY=
  local home best= best_v=0 java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    keelson_java_major "$JAVA_HOME"
    if [ -n "$REPLY" ] && [ "$REPLY" -ge 21 ]; then REPLY=$JAVA_HOME; return 0; fi
  fi
  for home in /usr/lib/jvm/*/; do
    home=${home%/}
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    keelson_java_major "$home"
    if [ -n "$REPLY" ] && [ "$REPLY" -ge 21 ] && [ "$REPLY" -gt "$best_v" ]; then
      best=$home
      best_v=$REPLY
    fi
  done
  if [ -z "$best" ] && java=$(command -v java 2>/dev/null); then
    home=$(dirname "$(dirname "$(readlink -f "$java")")")
    keelson_java_major "$home"
    if [ -n "$REPLY" ] && [ "$REPLY" -ge 21 ] && [ -x "$home/bin/javac" ]; then best=$home; fi
  fi
  REPLY=$best
  [ -n "$best" ]
}
