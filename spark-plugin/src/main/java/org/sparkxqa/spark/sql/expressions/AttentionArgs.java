package org.sparkxqa.spark.sql.expressions;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StringType;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * Checks the arguments of {@code xqa_attention(q, k, v, tree, dtype, Hq, Hkv, D [, options])} and
 * builds the {@link AttentionSpec} from the constant ones. Everything is checked when the query is
 * analysed: a failure is an {@link IllegalArgumentException} whose message is shown to the user.
 */
public final class AttentionArgs {
    /** Argument positions. */
    public static final int Q = 0, K = 1, V = 2, TREE = 3, DTYPE = 4, HQ = 5, HKV = 6, D = 7, OPTIONS = 8;

    private static final String[] NAMES = {"q", "k", "v", "tree", "dtype", "Hq", "Hkv", "D", "options"};

    private AttentionArgs() {}

    /** The spec the constant arguments describe; the data arguments' types are checked too. */
    public static AttentionSpec spec(List<Expression> args) {
        if (args.size() != 8 && args.size() != 9) {
            throw new IllegalArgumentException(
                    "takes 8 or 9 arguments (q, k, v, tree, dtype, Hq, Hkv, D [, options]), got " + args.size());
        }
        for (int i = Q; i <= V; i++) {
            requireType(args, i, args.get(i).dataType() instanceof BinaryType, "BINARY");
        }
        DataType tree = args.get(TREE).dataType();
        requireType(
                args,
                TREE,
                tree instanceof NullType
                        || tree instanceof BinaryType
                        || (tree instanceof ArrayType a && a.elementType() instanceof IntegralType),
                "ARRAY<INT> (draft-tree parents), BINARY (packed mask) or NULL (a chain)");
        ElementType type = ElementType.parse(
                constant(args, DTYPE, "a type name such as 'bf16'").toString());
        int hq = intArg(args, HQ);
        int hkv = intArg(args, HKV);
        int d = intArg(args, D);
        AttentionSpec spec = new AttentionSpec(type, type, hq, hkv, d, AttentionSpec.defaultScale(Math.max(1, d)), 0);
        return args.size() == 9 ? withOptions(spec, args) : spec;
    }

    private static AttentionSpec withOptions(AttentionSpec spec, List<Expression> args) {
        Expression e = args.get(OPTIONS);
        requireType(
                args,
                OPTIONS,
                e.dataType() instanceof MapType m && m.keyType() instanceof StringType,
                "MAP<STRING, ...> such as map('scale', '0.125', 'window', '64', 'kv_type', 'e4m3', 'k_scale', '0.01')");
        MapData map = (MapData) constant(args, OPTIONS, "a constant map");
        MapType type = (MapType) e.dataType();
        for (int i = 0; i < map.numElements(); i++) {
            String key = map.keyArray().get(i, type.keyType()).toString();
            Object raw = map.valueArray().get(i, type.valueType());
            if (raw == null) {
                throw new IllegalArgumentException("option '" + key + "' is NULL");
            }
            String value = raw.toString().trim();
            spec = switch (key) {
                case "scale" -> spec.withScale(Float.parseFloat(value));
                case "window" -> spec.withWindow(Integer.parseInt(value));
                case "kv_type" -> spec.withKvType(ElementType.parse(value));
                case "k_scale" -> spec.withKvScales(number(key, value), spec.vScale());
                case "v_scale" -> spec.withKvScales(spec.kScale(), number(key, value));
                default ->
                    throw new IllegalArgumentException("unknown option '" + key
                            + "': supported are 'scale', 'window', 'kv_type', 'k_scale', 'v_scale'");
            };
        }
        return spec;
    }

    private static float number(String key, String value) {
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a number, got '" + value + "'");
        }
    }

    private static int intArg(List<Expression> args, int i) {
        Object v = constant(args, i, "an integer");
        if (!(args.get(i).dataType() instanceof IntegralType) || v == null) {
            throw new IllegalArgumentException(
                    NAMES[i] + " must be an integer literal, got " + args.get(i).sql());
        }
        return Math.toIntExact(((Number) v).longValue());
    }

    private static Object constant(List<Expression> args, int i, String what) {
        Expression e = args.get(i);
        if (!e.foldable()) {
            throw new IllegalArgumentException(
                    NAMES[i] + " (argument " + (i + 1) + ") must be a constant, " + what + ", not " + e.sql());
        }
        Object v = e.eval(null);
        if (v == null) {
            throw new IllegalArgumentException(NAMES[i] + " (argument " + (i + 1) + ") must not be NULL");
        }
        return v;
    }

    private static void requireType(List<Expression> args, int i, boolean ok, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(NAMES[i] + " (argument " + (i + 1) + ") must be " + expected + ", got "
                    + args.get(i).dataType().sql());
        }
    }
}
