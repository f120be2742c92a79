# Sourced by bin/* scripts: picks a JDK >= 21 and quiets the JDK's warnings about Maven's own
# libraries (JDK 24+ warns on sun.misc.Unsafe use inside Maven, not in Keelson).
JAVA_HOME=$(bin/java-home)
export JAVA_HOME
v=$(bin/java-home --major "$JAVA_HOME/bin/java")
if [ "${v%%.*}" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
