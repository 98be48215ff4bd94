package org.sparkxqa.spark.sql.expressions;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.sparkxqa.spark.sql.Scala;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;

/**
 * Base of this project's Catalyst expressions, written in Java: what a Scala case class would give
 * (product elements, structural equality) for an expression whose only state is its children.
 * Subclasses have a public constructor taking one {@code Seq<Expression>} (Catalyst's
 * {@code makeCopy} relies on it). Serializable, as plans ship to executors. Immutable; thread-safe.
 */
public abstract class XqaExpression extends Expression implements Serializable {
    private final Seq<Expression> args;

    protected XqaExpression(Seq<Expression> args) {
        this.args = args;
    }

    /** A copy with new children, of the same class. */
    protected abstract Expression copyWith(Seq<Expression> newChildren);

    /** The SQL function name, e.g. {@code xqa_attention}. */
    @Override
    public abstract String prettyName();

    @Override
    public final Seq<Expression> children() {
        return args;
    }

    /** The children as a Java list. */
    protected final List<Expression> args() {
        return Scala.list(args);
    }

    /** The value of a constant argument, or null when it is not a constant. */
    protected static Object constant(Expression e) {
        return e.foldable() ? e.eval(null) : null;
    }

    @Override
    public final Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
        return copyWith(newChildren.toSeq());
    }

    @Override
    public final int productArity() {
        return 1;
    }

    @Override
    public final Object productElement(int n) {
        if (n != 0) {
            throw new IndexOutOfBoundsException(n);
        }
        return args;
    }

    @Override
    public final boolean canEqual(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public final boolean equals(Object other) {
        return this == other || (canEqual(other) && Objects.equals(args, ((XqaExpression) other).args));
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + args.hashCode();
    }

    @Override
    public String toString() {
        return prettyName() + args.mkString("(", ", ", ")");
    }

    @Override
    public String sql() {
        return prettyName() + args.map(Expression::sql).mkString("(", ", ", ")");
    }
}
