package org.sparkxqa.spark.sql;

import java.util.List;
import java.util.Map;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Conversions between Java collections and the Scala ones that Catalyst's API takes. Stateless. */
public final class Scala {
    private Scala() {}

    /** An immutable Scala {@code Seq} holding {@code items} in order. */
    @SafeVarargs
    public static <T> Seq<T> seq(T... items) {
        return seq(List.of(items));
    }

    /** An immutable Scala {@code Seq} holding {@code items} in order (copied). */
    public static <T> Seq<T> seq(List<? extends T> items) {
        return CollectionConverters.asScala(List.<T>copyOf(items)).toSeq();
    }

    /** A Java view of a Scala sequence. */
    public static <T> List<T> list(scala.collection.Seq<T> items) {
        return CollectionConverters.asJava(items);
    }

    /** A Java view of a Scala map. */
    public static <K, V> Map<K, V> map(scala.collection.Map<K, V> items) {
        return CollectionConverters.asJava(items);
    }

    /** An immutable Scala map with the entries of {@code items}. */
    public static <K, V> scala.collection.immutable.Map<K, V> immutableMap(Map<K, V> items) {
        return scala.collection.immutable.Map.from(CollectionConverters.asScala(items));
    }
}
