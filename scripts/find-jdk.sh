# Sourced by ./xqa and .ci/run: sets JAVA_HOME to a JDK 25 or newer, or explains how to get one.
# Order: $JAVA_HOME when it is 25+, then /usr/lib/jvm/*25*.

xqa_java_major() {
  "$1" -version 2>&1 | sed -nE '1s/.*version "([0-9]+)(\.[0-9]+)*.*/\1/p'
}

xqa_is_jdk25() {
  local major
  [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 1
  major=$(xqa_java_major "$1/bin/java")
  [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 25 ))
}

xqa_find_jdk() {
  if [[ -n "${JAVA_HOME:-}" ]] && xqa_is_jdk25 "$JAVA_HOME"; then
    export JAVA_HOME
    return 0
  fi
  local candidate
  for candidate in /usr/lib/jvm/*25*; do
    if xqa_is_jdk25 "$candidate"; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  cat >&2 <<'MSG'
xqa: no JDK 25 found (JAVA_HOME is not a JDK 25+, and there is none under /usr/lib/jvm/*25*).
  Install one, e.g. on Debian/Ubuntu:  apt-get install temurin-25-jdk   (Adoptium repository)
  or download it from https://adoptium.net, then:  export JAVA_HOME=/path/to/jdk-25
MSG
  return 1
}
