# Sourced by the project's scripts: finds a JDK >= 25 and exports JAVA_HOME and JAVA.
# JAVA_HOME wins when it is new enough; else /usr/lib/jvm and the java on PATH are searched.

crossbar_java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

crossbar_find_jdk() {
    local candidate major
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(crossbar_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            export JAVA="$candidate/bin/java"
            return 0
        fi
    done
    cat >&2 <<'MSG'
crossbar: no JDK 25 or newer was found (looked at JAVA_HOME, /usr/lib/jvm/* and the java on PATH).
Install one and run again, for example:
  - Eclipse Temurin 25 (Debian/Ubuntu: the temurin-25-jdk package from the Adoptium apt repository), or
  - any OpenJDK 25 build unpacked under /usr/lib/jvm, or point JAVA_HOME at it.
A full JDK is needed (javac), not only a runtime.
MSG
    return 1
}
