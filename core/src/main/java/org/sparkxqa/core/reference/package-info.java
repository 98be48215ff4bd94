/**
 * The float64 reference of the attention contract (docs/DESIGN.md §1) and the error measure that every
 * test and {@code xqa verify} compare results with. Independent of the backends on purpose: only the
 * element decoding ({@link org.sparkxqa.core.ElementType}) is shared.
 */
package org.sparkxqa.core.reference;
