package org.sparkxqa.spark.job;

import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters that reuse the project's own parsers, so flags and config accept the same words. */
final class Converters {
    private Converters() {}

    static final class Dtype implements ITypeConverter<ElementType> {
        @Override
        public ElementType convert(String value) {
            try {
                return ElementType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Backend implements ITypeConverter<BackendKind> {
        @Override
        public BackendKind convert(String value) {
            try {
                return BackendKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class OnInvalid implements ITypeConverter<InvalidRowPolicy> {
        @Override
        public InvalidRowPolicy convert(String value) {
            try {
                return InvalidRowPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
