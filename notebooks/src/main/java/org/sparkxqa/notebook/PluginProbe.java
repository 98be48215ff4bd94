package org.sparkxqa.notebook;

/**
 * Exits 0 when the Spark XQA plugin class is on the class path, 1 otherwise, printing which; used by
 * bin/ci-notebooks to decide whether notebooks that need the plugin can run.
 */
public final class PluginProbe {
    private PluginProbe() {}

    public static void main(String[] args) {
        boolean present = Session.onClassPath(SessionSettings.PLUGIN_CLASS);
        System.out.println(
                SessionSettings.PLUGIN_CLASS + (present ? " is on the class path" : " is not on the class path"));
        System.exit(present ? 0 : 1);
    }
}
