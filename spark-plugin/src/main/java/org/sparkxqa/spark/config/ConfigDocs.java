package org.sparkxqa.spark.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generates {@code docs/configs.md} from {@link XqaConf#ALL}; {@code main(path)} writes it. */
public final class ConfigDocs {
    private ConfigDocs() {}

    /** The markdown page. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Spark XQA configuration\n\n")
                .append("Generated from `org.sparkxqa.spark.config.XqaConf` by `ConfigDocs`; do not edit by hand ")
                .append("(a test fails when this page is stale: regenerate with `./xqa docs`).\n\n")
                .append(
                        "Set keys like any Spark setting (`--conf`, `SparkSession.builder().config`, `spark-defaults.conf`). ")
                .append("Unknown `spark.xqa.*` keys and bad values are rejected when the plugin starts. ")
                .append("*Startup* keys are read once per executor; *runtime* keys are read per query.\n\n")
                .append("| key | type | default | when | meaning |\n|---|---|---|---|---|\n");
        for (ConfigKey<?> k : XqaConf.ALL) {
            md.append("| `")
                    .append(k.name())
                    .append("` | ")
                    .append(k.type().replace("|", "\\|"))
                    .append(" | ")
                    .append(k.defaultText().isEmpty() ? "(empty)" : "`" + k.defaultText() + "`")
                    .append(" | ")
                    .append(k.startupOnly() ? "startup" : "runtime")
                    .append(" | ")
                    .append(k.doc().replace("|", "\\|"))
                    .append(" |\n");
        }
        return md.toString();
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/configs.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown());
        System.out.println("wrote " + out);
    }
}
