package org.sparkxqa.spark.sql.expressions;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.sparkxqa.spark.sql.XqaErrors;
import scala.Function1;
import scala.Tuple3;
import scala.collection.immutable.Seq;

/**
 * The SQL functions Spark XQA registers, with their usage text and argument counts, in the form
 * {@code SparkSessionExtensions.injectFunction} takes. Stateless.
 */
public final class XqaFunctionCatalog {
    private XqaFunctionCatalog() {}

    private record Entry(
            String name,
            Class<? extends Expression> type,
            int minArgs,
            int maxArgs,
            String usage,
            Function<Seq<Expression>, Expression> make) {}

    private static final String ATTENTION_ARGS = "(q, k, v, tree, dtype, Hq, Hkv, D [, options])";
    private static final List<Entry> ENTRIES = List.of(
            new Entry(
                    XqaAttention.NAME,
                    XqaAttention.class,
                    8,
                    9,
                    "_FUNC_" + ATTENTION_ARGS
                            + " - spec-dec attention output [Lq, Hq, D] (BINARY, q type). tree: ARRAY<INT> parents, BINARY packed"
                            + " mask or NULL (chain); dtype 'bf16'|'fp16'; Hq, Hkv, D constants (D in 64, 128, 256); options: map of"
                            + " 'scale', 'window', 'kv_type'.",
                    XqaAttention::new),
            new Entry(
                    XqaAttentionResult.NAME,
                    XqaAttentionResult.class,
                    8,
                    9,
                    "_FUNC_" + ATTENTION_ARGS
                            + " - STRUCT<out BINARY, xqa_error STRING>: like xqa_attention, plus why a row is invalid"
                            + " (spark.xqa.onInvalidRow=null).",
                    XqaAttentionResult::new),
            new Entry(
                    XqaTreeMask.NAME,
                    XqaTreeMask.class,
                    1,
                    1,
                    "_FUNC_(tree) - the packed XQA draft mask (BINARY) of a parent list.",
                    XqaTreeMask::new),
            new Entry(
                    XqaToFloats.NAME,
                    XqaToFloats.class,
                    2,
                    2,
                    "_FUNC_(bin, dtype) - decodes fp16/bf16 bytes to ARRAY<FLOAT>.",
                    XqaToFloats::new),
            new Entry(
                    XqaFromFloats.NAME,
                    XqaFromFloats.class,
                    2,
                    2,
                    "_FUNC_(arr, dtype) - encodes ARRAY<FLOAT> as fp16/bf16 bytes.",
                    XqaFromFloats::new));

    /** The names of all functions, e.g. {@code xqa_attention}. */
    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /** One {@code (identifier, info, builder)} triple per function. */
    public static List<Tuple3<FunctionIdentifier, ExpressionInfo, Function1<Seq<Expression>, Expression>>> all() {
        return ENTRIES.stream().map(XqaFunctionCatalog::triple).toList();
    }

    private static Tuple3<FunctionIdentifier, ExpressionInfo, Function1<Seq<Expression>, Expression>> triple(Entry e) {
        ExpressionInfo info = new ExpressionInfo(e.type.getName(), null, e.name, e.usage, "");
        Function1<Seq<Expression>, Expression> builder = args -> {
            if (args.size() < e.minArgs || args.size() > e.maxArgs) {
                String count = e.minArgs == e.maxArgs ? String.valueOf(e.minArgs) : e.minArgs + " or " + e.maxArgs;
                throw XqaErrors.failAnalysis(e.name + " takes " + count + " arguments, got " + args.size()
                        + (e.minArgs == 8 ? ": " + e.name + ATTENTION_ARGS : ""));
            }
            return e.make.apply(args);
        };
        return new Tuple3<>(FunctionIdentifier.apply(e.name), info, builder);
    }
}
