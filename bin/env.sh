# Sourced by bin/* scripts: picks a JDK >= 21 and quiets the JDK's warnings about Maven's own
# libraries (JDK 24+ warns on sun.misc.Unsafe use inside Maven, not in Keelson).
# Found next to this file, so that it can be sourced from any directory.
. "$(dirname "${BASH_SOURCE[0]:-$0}")/java-lib.sh"
if ! keelson_java_home; then
  echo "bin/env.sh: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/*, java on PATH)" >&2
  return 1 2>/dev/null || exit 1 # sourced: fail the caller's command, not its shell
fi
JAVA_HOME=$REPLY
export JAVA_HOME
keelson_java_major "$JAVA_HOME"
KEELSON_JAVA_MAJOR=$REPLY
if [ "$KEELSON_JAVA_MAJOR" -ge 24 ]; then
  case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access=allow "*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
