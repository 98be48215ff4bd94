package org.sparkxqa.notebook;

import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;

/**
 * Builds an {@link XqaKernel} with the jjava-jupyter defaults (I/O, comms, history), a fresh
 * {@link SnippetEvaluator} and the {@code %%sql} magic on the notebook's {@link Session}.
 */
public final class XqaKernelBuilder extends BaseKernelBuilder<XqaKernelBuilder, XqaKernel> {
    /** The kernel's name in kernel_info and its kernelspec folder name. */
    public static final String NAME = "sparkxqa-java";

    XqaKernelBuilder() {
        cellMagic("sql", new SqlMagic(Session::spark));
    }

    @Override
    public XqaKernel build() {
        LanguageInfo info = new LanguageInfo(
                "java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java", "java", null);
        return new XqaKernel(
                name == null ? NAME : buildName(),
                buildVersion(),
                info,
                buildHistoryManager(),
                buildJupyterIO(buildJupyterIOEncoding()),
                buildCommManager(),
                buildRenderer(),
                new MagicParser("^\\s*%", "^\\s*%%", buildMagicTranspiler()),
                buildMagicsRegistry(),
                buildErrorStyler(),
                new SnippetEvaluator());
    }
}
